/* Magma: the 64-bit block cipher of GOST R 34.12-2015 (RFC 8891).
 *
 * Byte order: that of the standard and RFC 8891, which OpenSSL's GOST
 * provider (magma-*) follows: a block is the standard's 64-bit number
 * written most significant byte first, the key is the standard's 256-bit
 * number written most significant byte first (so K1 is key[0..3] read big
 * endian). This differs from GOST 28147-89 (gost/gost28147.h), whose
 * implementations read blocks and keys little endian.
 *
 * Constant time on every kernel (the 4-bit S-boxes are never looked up by
 * a secret index); the kernel is chosen by gost_magma_set_key and kept in
 * the schedule. Many blocks per call as for Kuznyechik.
 *
 * Errors as in gost/kuznyechik.h. */
#ifndef GOST_MAGMA_H
#define GOST_MAGMA_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/errors.h"

#define GOST_MAGMA_BLOCK_SIZE 8
#define GOST_MAGMA_KEY_SIZE 32

/* Words of kernel-specific precomputed round-key material. */
#define GOST_MAGMA_SCHED_WORDS 320

struct gost_magma_kernel;

typedef struct gost_magma_key {
    _Alignas(32) uint64_t sched[GOST_MAGMA_SCHED_WORDS];
    const struct gost_magma_kernel *kernel; /* NULL when not set */
} gost_magma_key;

GOST_API int gost_magma_set_key(gost_magma_key *k, const uint8_t key[32]);
GOST_API int gost_magma_encrypt_blocks(const gost_magma_key *k, const uint8_t *in, uint8_t *out,
                                       size_t nblocks);
GOST_API int gost_magma_decrypt_blocks(const gost_magma_key *k, const uint8_t *in, uint8_t *out,
                                       size_t nblocks);
GOST_API void gost_magma_wipe(gost_magma_key *k);
GOST_API const char *gost_magma_kernel_name(const gost_magma_key *k);

#endif
