/* HMAC on the constant-time Streebog (RFC 2104 over GOST R 34.11-2012). */
#include <string.h>

#include "gost/hmac.h"
#include "internal/util.h"

int gost_hmac_streebog_init(gost_hmac_streebog_ctx *ctx, size_t digest_size, const void *key,
                            size_t key_len)
{
    if (ctx == NULL || (key == NULL && key_len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (digest_size != 32 && digest_size != 64)
        return GOST_ERR_BAD_LENGTH;
    uint8_t k[GOST_STREEBOG_BLOCK_SIZE], pad[GOST_STREEBOG_BLOCK_SIZE];
    int r = GOST_OK;
    memset(k, 0, sizeof k);
    if (key_len > GOST_STREEBOG_BLOCK_SIZE)
        r = digest_size == 32 ? gost_streebog256(key, key_len, k) : gost_streebog512(key, key_len, k);
    else if (key_len != 0)
        memcpy(k, key, key_len);
    for (int i = 0; i < GOST_STREEBOG_BLOCK_SIZE && r == GOST_OK; i++)
        pad[i] = k[i] ^ 0x36;
    if (r == GOST_OK)
        r = gost_streebog_init(&ctx->inner, digest_size);
    if (r == GOST_OK)
        r = gost_streebog_update(&ctx->inner, pad, sizeof pad);
    for (int i = 0; i < GOST_STREEBOG_BLOCK_SIZE && r == GOST_OK; i++)
        pad[i] = k[i] ^ 0x5c;
    if (r == GOST_OK)
        r = gost_streebog_init(&ctx->outer, digest_size);
    if (r == GOST_OK)
        r = gost_streebog_update(&ctx->outer, pad, sizeof pad);
    gost_wipe(k, sizeof k);
    gost_wipe(pad, sizeof pad);
    if (r != GOST_OK)
        gost_wipe(ctx, sizeof *ctx);
    return r;
}

int gost_hmac_streebog_update(gost_hmac_streebog_ctx *ctx, const void *data, size_t len)
{
    if (ctx == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    return gost_streebog_update(&ctx->inner, data, len);
}

int gost_hmac_streebog_final(gost_hmac_streebog_ctx *ctx, uint8_t *mac)
{
    if (ctx == NULL || mac == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    uint8_t ih[GOST_STREEBOG512_SIZE];
    size_t n = ctx->inner.digest_size;
    int r = gost_streebog_final(&ctx->inner, ih);
    if (r == GOST_OK)
        r = gost_streebog_update(&ctx->outer, ih, n);
    if (r == GOST_OK)
        r = gost_streebog_final(&ctx->outer, mac);
    gost_wipe(ih, sizeof ih);
    gost_wipe(ctx, sizeof *ctx);
    return r;
}

static int hmac_oneshot(size_t size, const void *key, size_t key_len, const void *msg, size_t len,
                        uint8_t *mac)
{
    gost_hmac_streebog_ctx ctx;
    if (mac == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int r = gost_hmac_streebog_init(&ctx, size, key, key_len);
    if (r == GOST_OK)
        r = gost_hmac_streebog_update(&ctx, msg, len);
    if (r == GOST_OK)
        r = gost_hmac_streebog_final(&ctx, mac);
    gost_wipe(&ctx, sizeof ctx);
    if (r != GOST_OK)
        gost_wipe(mac, size);
    return r;
}

int gost_hmac_streebog256(const void *key, size_t key_len, const void *msg, size_t len, uint8_t mac[32])
{
    return hmac_oneshot(32, key, key_len, msg, len, mac);
}

int gost_hmac_streebog512(const void *key, size_t key_len, const void *msg, size_t len, uint8_t mac[64])
{
    return hmac_oneshot(64, key, key_len, msg, len, mac);
}
