/* MGM, the Multilinear Galois Mode AEAD of R 1323565.1.026-2019 (RFC 9058),
 * for Kuznyechik (n = 16 bytes) and Magma (n = 8 bytes).
 *
 * The nonce is n bytes with its most significant bit 0 (it is 0 || ICN):
 * anything else is GOST_ERR_INVALID_ARGUMENT. The tag is tag_len bytes,
 * 4 <= tag_len <= n (RFC 9058 s.4: 32 <= S <= n bits), else
 * GOST_ERR_BAD_LENGTH. The associated data and the text together must be
 * shorter than 2^(n/2) bits (512 MiB for Magma), else GOST_ERR_BAD_LENGTH.
 * Never reuse a nonce under one key.
 *
 * One-shot: gost_mgm_encrypt writes len bytes of ciphertext and the tag;
 * gost_mgm_decrypt checks the tag (in constant time) over the ciphertext
 * FIRST and decrypts only if it is right: on GOST_ERR_AUTH no plaintext
 * was produced and out is wiped (all len bytes, even in place).
 *
 * Streaming: init, gost_mgm_aad any number of times, then gost_mgm_update
 * any number of times (no more AAD after the first update: BAD_STATE),
 * then gost_mgm_encrypt_final / gost_mgm_decrypt_final, which wipe the
 * context. Streaming decryption outputs plaintext BEFORE it is
 * authenticated: the caller must not use it unless decrypt_final returns
 * GOST_OK (on GOST_ERR_AUTH, wipe it). Prefer the one-shot.
 *
 * Constant time in the key, the data and the tag; the MAC's
 * multiplications are carry-less multiplications in portable C or with
 * PCLMULQDQ (chosen at init; GOST_CPU=portable forces the former).
 * in == out is allowed; other overlaps are refused. */
#ifndef GOST_MGM_H
#define GOST_MGM_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/blockcipher.h"
#include "gost/errors.h"

#define GOST_MGM_MIN_TAG_SIZE 4

typedef struct gost_mgm_ctx {
    gost_cipher cipher;
    uint64_t sum[2];                          /* the MAC's running sum */
    uint8_t y[GOST_CIPHER_MAX_BLOCK_SIZE];    /* next Y_i (gamma counter) */
    uint8_t z[GOST_CIPHER_MAX_BLOCK_SIZE];    /* next Z_i (H counter) */
    uint8_t buf[GOST_CIPHER_MAX_BLOCK_SIZE];  /* partial AD or ciphertext block */
    uint8_t gamma[GOST_CIPHER_MAX_BLOCK_SIZE];/* gamma of the partial text block */
    uint64_t ad_len, text_len;                /* bytes */
    void (*mac)(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks);
    uint32_t n;                               /* 0 when not initialised */
    uint32_t tag_len, buflen, phase, decrypt;
} gost_mgm_ctx;

GOST_API int gost_mgm_init(gost_mgm_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                           const uint8_t *nonce, size_t nonce_len, size_t tag_len, int decrypt);
GOST_API int gost_mgm_aad(gost_mgm_ctx *ctx, const uint8_t *ad, size_t len);
/* len bytes in, len bytes out. */
GOST_API int gost_mgm_update(gost_mgm_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out);
/* Writes tag_len bytes. */
GOST_API int gost_mgm_encrypt_final(gost_mgm_ctx *ctx, uint8_t *tag);
/* GOST_OK or GOST_ERR_AUTH (compared in constant time). */
GOST_API int gost_mgm_decrypt_final(gost_mgm_ctx *ctx, const uint8_t *tag);
GOST_API void gost_mgm_wipe(gost_mgm_ctx *ctx);

GOST_API int gost_mgm_encrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *nonce,
                              size_t nonce_len, const uint8_t *ad, size_t ad_len, const uint8_t *in,
                              size_t len, uint8_t *out, uint8_t *tag, size_t tag_len);
GOST_API int gost_mgm_decrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *nonce,
                              size_t nonce_len, const uint8_t *ad, size_t ad_len, const uint8_t *in,
                              size_t len, const uint8_t *tag, size_t tag_len, uint8_t *out);

#endif
