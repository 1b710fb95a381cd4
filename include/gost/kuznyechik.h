/* Kuznyechik: the 128-bit block cipher of GOST R 34.12-2015 (RFC 7801).
 *
 * Byte order: blocks and keys are the byte strings of RFC 7801 and of
 * OpenSSL's GOST provider (the standard prints them as the same hex strings,
 * most significant byte first = byte 0).
 *
 * Constant time: no branch or memory index depends on the key or the data,
 * on every kernel. The kernel (portable C, or an x86-64 SIMD path allowed by
 * the CPU and GOST_CPU, see gost/cpu.h) is chosen by gost_kuznyechik_set_key
 * and kept in the key schedule: there is no global state.
 *
 * Many blocks per call: the kernels process several blocks in parallel, so
 * pass as many blocks as you have (ECB, CTR, decryption modes do). The
 * portable kernel works on 8 blocks at once (byte-sliced, S-box as a Boolean
 * circuit), the SSSE3 and AVX2 ones on 16 and 32 (pshufb lookups in
 * registers); AVX2 also has a one-block form for serial modes and short
 * tails. All give the same results.
 *
 * Errors: GOST_ERR_INVALID_ARGUMENT for NULL pointers (NULL data is allowed
 * with nblocks == 0) or a schedule that was not set; in and out may be equal
 * (in place) but must not otherwise overlap. */
#ifndef GOST_KUZNYECHIK_H
#define GOST_KUZNYECHIK_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/errors.h"

#define GOST_KUZNYECHIK_BLOCK_SIZE 16
#define GOST_KUZNYECHIK_KEY_SIZE 32

/* Words of kernel-specific precomputed round-key material (round keys in
 * the forms the kernel's encryption and decryption need). */
#define GOST_KUZNYECHIK_SCHED_WORDS 320

struct gost_kuznyechik_kernel;

typedef struct gost_kuznyechik_key {
    _Alignas(32) uint64_t sched[GOST_KUZNYECHIK_SCHED_WORDS];
    const struct gost_kuznyechik_kernel *kernel; /* NULL when not set */
} gost_kuznyechik_key;

/* Expands a 32-byte key (constant time). A NULL key wipes k and fails. */
GOST_API int gost_kuznyechik_set_key(gost_kuznyechik_key *k, const uint8_t key[32]);

/* out[i] = E_K(in[i]) (or D_K) for nblocks 16-byte blocks. */
GOST_API int gost_kuznyechik_encrypt_blocks(const gost_kuznyechik_key *k, const uint8_t *in,
                                            uint8_t *out, size_t nblocks);
GOST_API int gost_kuznyechik_decrypt_blocks(const gost_kuznyechik_key *k, const uint8_t *in,
                                            uint8_t *out, size_t nblocks);

/* Wipes the schedule; it must be set again before use. */
GOST_API void gost_kuznyechik_wipe(gost_kuznyechik_key *k);

/* The name of the kernel the schedule uses ("portable", "ssse3", "avx2"),
 * or NULL when not set. For tests and benchmarks. */
GOST_API const char *gost_kuznyechik_kernel_name(const gost_kuznyechik_key *k);

#endif
