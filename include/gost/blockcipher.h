/* One type for "a GOST R 34.12-2015 block cipher with its key", so that the
 * modes of GOST R 34.13-2015, ACPKM, MGM and KExp15 are written once for
 * Kuznyechik (n = 128) and Magma (n = 64).
 *
 * The structure is fixed-size and caller-owned (no allocation). */
#ifndef GOST_BLOCKCIPHER_H
#define GOST_BLOCKCIPHER_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/errors.h"
#include "gost/kuznyechik.h"
#include "gost/magma.h"

typedef enum gost_cipher_id {
    GOST_CIPHER_KUZNYECHIK = 1,
    GOST_CIPHER_MAGMA = 2
} gost_cipher_id;

#define GOST_CIPHER_MAX_BLOCK_SIZE 16
#define GOST_CIPHER_KEY_SIZE 32

typedef struct gost_cipher {
    union {
        gost_kuznyechik_key kuznyechik;
        gost_magma_key magma;
    } u;
    uint32_t id;         /* gost_cipher_id; 0 when not set */
    uint32_t block_size; /* 16 or 8 */
} gost_cipher;

/* Sets the cipher and expands its 32-byte key. GOST_ERR_INVALID_ARGUMENT for
 * an unknown id. */
GOST_API int gost_cipher_set_key(gost_cipher *c, gost_cipher_id id, const uint8_t key[32]);

/* The block size in bytes (16 or 8), or 0 when not set. */
GOST_API size_t gost_cipher_block_size(const gost_cipher *c);

/* nblocks blocks; in == out allowed. */
GOST_API int gost_cipher_encrypt_blocks(const gost_cipher *c, const uint8_t *in, uint8_t *out,
                                        size_t nblocks);
GOST_API int gost_cipher_decrypt_blocks(const gost_cipher *c, const uint8_t *in, uint8_t *out,
                                        size_t nblocks);

GOST_API void gost_cipher_wipe(gost_cipher *c);

#endif
