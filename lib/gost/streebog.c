/* Streebog's streaming core (GOST R 34.11-2012 s.8, RFC 6986 s.8): the
 * message is processed in 64-byte blocks in memory order; the last, partial
 * block is padded with 0x01 then zeros; then N (the length in bits) and
 * Sigma (the sum of the blocks) are compressed with N = 0. The compression
 * kernel is a function pointer chosen at init (constant-time or table). */
#include <string.h>

#include "gost/streebog.h"
#include "internal/util.h"
#include "streebog_impl.h"

static int init_with(gost_streebog_ctx *ctx, size_t digest_size, gost_streebog_compress_fn fn)
{
    if (ctx == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (digest_size != 32 && digest_size != 64)
        return GOST_ERR_BAD_LENGTH;
    memset(ctx, 0, sizeof *ctx);
    /* IV: 0^512 for the 512-bit hash, (00000001)^64 for the 256-bit one. */
    uint64_t iv = digest_size == 32 ? 0x0101010101010101ull : 0;
    for (int i = 0; i < 8; i++)
        ctx->h[i] = iv;
    ctx->digest_size = (uint32_t)digest_size;
    ctx->compress = fn;
    return GOST_OK;
}

int gost_streebog_init(gost_streebog_ctx *ctx, size_t digest_size)
{
    return init_with(ctx, digest_size, gost_streebog_compress_ct_best());
}

int gost_streebog_public_init(gost_streebog_ctx *ctx, size_t digest_size)
{
    return init_with(ctx, digest_size, gost_streebog_compress_table_best());
}

static void process_block(gost_streebog_ctx *ctx, const uint8_t m[64])
{
    ctx->compress(ctx->h, ctx->n, m);
    gost_streebog_add512_small(ctx->n, 512);
    gost_streebog_add512(ctx->sigma, m);
}

int gost_streebog_update(gost_streebog_ctx *ctx, const void *data, size_t len)
{
    if (ctx == NULL || (data == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->digest_size == 0 || ctx->compress == NULL)
        return GOST_ERR_BAD_STATE;
    if (len == 0) /* data may be NULL: memcpy must not see it */
        return GOST_OK;
    const uint8_t *p = data;
    if (ctx->buflen != 0) {
        size_t take = GOST_STREEBOG_BLOCK_SIZE - ctx->buflen;
        if (take > len)
            take = len;
        memcpy(ctx->buf + ctx->buflen, p, take);
        ctx->buflen += (uint32_t)take;
        p += take;
        len -= take;
        if (ctx->buflen < GOST_STREEBOG_BLOCK_SIZE)
            return GOST_OK;
        process_block(ctx, ctx->buf);
        ctx->buflen = 0;
    }
    for (; len >= GOST_STREEBOG_BLOCK_SIZE; p += 64, len -= 64)
        process_block(ctx, p);
    memcpy(ctx->buf, p, len);
    ctx->buflen = (uint32_t)len;
    return GOST_OK;
}

int gost_streebog_final(gost_streebog_ctx *ctx, uint8_t *digest)
{
    if (ctx == NULL || digest == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->digest_size == 0 || ctx->compress == NULL)
        return GOST_ERR_BAD_STATE;
    static const uint64_t zero[8];
    uint8_t m[64];
    memset(m, 0, sizeof m);
    memcpy(m, ctx->buf, ctx->buflen);
    m[ctx->buflen] = 0x01;
    ctx->compress(ctx->h, ctx->n, m);
    gost_streebog_add512_small(ctx->n, 8 * (uint64_t)ctx->buflen);
    gost_streebog_add512(ctx->sigma, m);
    for (int i = 0; i < 8; i++)
        gost_store64_le(m + 8 * i, ctx->n[i]);
    ctx->compress(ctx->h, zero, m);
    for (int i = 0; i < 8; i++)
        gost_store64_le(m + 8 * i, ctx->sigma[i]);
    ctx->compress(ctx->h, zero, m);
    /* The 256-bit digest is the most significant half of h. */
    for (int i = 0; i < 8; i++)
        gost_store64_le(m + 8 * i, ctx->h[i]);
    memcpy(digest, m + 64 - ctx->digest_size, ctx->digest_size);
    gost_wipe(m, sizeof m);
    gost_wipe(ctx, sizeof *ctx);
    return GOST_OK;
}

static int oneshot(int public_path, size_t size, const void *msg, size_t len, uint8_t *digest)
{
    gost_streebog_ctx ctx;
    int r = public_path ? gost_streebog_public_init(&ctx, size) : gost_streebog_init(&ctx, size);
    if (r == GOST_OK)
        r = gost_streebog_update(&ctx, msg, len);
    if (r == GOST_OK)
        r = gost_streebog_final(&ctx, digest);
    gost_wipe(&ctx, sizeof ctx);
    return r;
}

int gost_streebog256(const void *msg, size_t len, uint8_t digest[32])
{
    return oneshot(0, 32, msg, len, digest);
}

int gost_streebog512(const void *msg, size_t len, uint8_t digest[64])
{
    return oneshot(0, 64, msg, len, digest);
}

int gost_streebog256_public(const void *msg, size_t len, uint8_t digest[32])
{
    return oneshot(1, 32, msg, len, digest);
}

int gost_streebog512_public(const void *msg, size_t len, uint8_t digest[64])
{
    return oneshot(1, 64, msg, len, digest);
}
