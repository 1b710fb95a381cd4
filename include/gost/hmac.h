/* HMAC_GOSTR3411_2012_256 and _512 (R 50.1.113-2016 s.4.1.1, RFC 7836 s.4.1):
 * RFC 2104 HMAC over Streebog (block 64 bytes), on the constant-time Streebog.
 *
 * Keys of any length are accepted as RFC 2104 says (longer than 64 bytes:
 * hashed first). R 50.1.113 itself only uses 32..64-byte keys; callers that
 * must follow it strictly check that themselves. The key never influences a
 * branch or an address.
 *
 * Errors: GOST_ERR_INVALID_ARGUMENT (NULL pointer with a non-zero length,
 * NULL context/output), GOST_ERR_BAD_LENGTH (digest size not 32 or 64),
 * GOST_ERR_BAD_STATE (context not initialised). final wipes the context. */
#ifndef GOST_HMAC_H
#define GOST_HMAC_H

#include "gost/streebog.h"

typedef struct gost_hmac_streebog_ctx {
    gost_streebog_ctx inner;
    gost_streebog_ctx outer; /* already absorbed K ^ opad */
} gost_hmac_streebog_ctx;

GOST_API int gost_hmac_streebog_init(gost_hmac_streebog_ctx *ctx, size_t digest_size,
                                     const void *key, size_t key_len);
GOST_API int gost_hmac_streebog_update(gost_hmac_streebog_ctx *ctx, const void *data, size_t len);
GOST_API int gost_hmac_streebog_final(gost_hmac_streebog_ctx *ctx, uint8_t *mac);

GOST_API int gost_hmac_streebog256(const void *key, size_t key_len, const void *msg, size_t len,
                                   uint8_t mac[32]);
GOST_API int gost_hmac_streebog512(const void *key, size_t key_len, const void *msg, size_t len,
                                   uint8_t mac[64]);

#endif
