/* The MAC of GOST R 34.13-2015 s.5.6 (OMAC1/CMAC): CBC-MAC over the
 * message whose last block is xored with K1 (complete) or, padded by
 * procedure 2 (s.4.1.2), with K2. R = E_K(0^n), K1 = R << 1 (xor B_n when
 * MSB(R) = 1), K2 = K1 << 1 likewise. The last block is held back until
 * final, which is when we know it is the last. */
#include <string.h>

#include "gost/modes.h"
#include "internal/modes.h"
#include "internal/util.h"

/* B_128 = 0^120 || 10000111, B_64 = 0^59 || 11011 (s.5.6). */
void gost_omac_double(uint8_t *out, const uint8_t *in, size_t n)
{
    uint8_t top = (uint8_t)(0u - (unsigned)(in[0] >> 7));
    for (size_t i = 0; i + 1 < n; i++)
        out[i] = (uint8_t)(in[i] << 1 | in[i + 1] >> 7);
    out[n - 1] = (uint8_t)(in[n - 1] << 1);
    out[n - 1] ^= top & (n == 16 ? 0x87 : 0x1b);
}

int gost_mac_init_cipher(gost_mac_ctx *ctx, const gost_cipher *c)
{
    size_t n = gost_cipher_block_size(c);
    if (ctx == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (n == 0)
        return GOST_ERR_BAD_STATE;
    memset(ctx, 0, sizeof *ctx);
    ctx->cipher = *c;
    ctx->n = (uint32_t)n;
    return GOST_OK;
}

int gost_mac_init(gost_mac_ctx *ctx, gost_cipher_id id, const uint8_t key[32])
{
    gost_cipher c;
    if (ctx == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_cipher_set_key(&c, id, key);
    if (rc == GOST_OK)
        rc = gost_mac_init_cipher(ctx, &c);
    gost_cipher_wipe(&c);
    return rc;
}

int gost_omac_feed(uint8_t *last, uint32_t *lastlen, size_t n, const uint8_t *data, size_t len,
                   int (*absorb)(void *arg, const uint8_t *block), void *arg)
{
    int rc = GOST_OK;
    while (len > 0 && rc == GOST_OK) {
        if (*lastlen == n) { /* more data follows: not the last block */
            rc = absorb(arg, last);
            *lastlen = 0;
        }
        size_t take = n - *lastlen < len ? n - *lastlen : len;
        memcpy(last + *lastlen, data, take);
        *lastlen += (uint32_t)take;
        data += take;
        len -= take;
    }
    return rc;
}

static int mac_block(void *arg, const uint8_t *block)
{
    gost_mac_ctx *ctx = arg;
    gost_xor_bytes(ctx->chain, ctx->chain, block, ctx->n);
    return gost_cipher_encrypt_blocks(&ctx->cipher, ctx->chain, ctx->chain, 1);
}

int gost_mac_update(gost_mac_ctx *ctx, const uint8_t *data, size_t len)
{
    if (ctx == NULL || (data == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0)
        return GOST_ERR_BAD_STATE;
    size_t n = ctx->n;
    int rc = GOST_OK;
    if (ctx->lastlen != 0 && ctx->lastlen < n) { /* top up a partial held block */
        size_t take = n - ctx->lastlen < len ? n - ctx->lastlen : len;
        rc = gost_omac_feed(ctx->last, &ctx->lastlen, n, data, take, mac_block, ctx);
        data += take;
        len -= take;
    }
    if (rc == GOST_OK && len > 0 && ctx->lastlen == n) { /* more follows: not the last block */
        rc = mac_block(ctx, ctx->last);
        ctx->lastlen = 0;
    }
    if (rc == GOST_OK && len > n) {
        /* Whole blocks with data after them, straight through the cipher's
         * chaining (one call, no copy: the SIMD kernels keep the chain in a
         * register); the last block is always held back, as it
         * takes K1 or K2. */
        size_t k = (len - 1) / n;
        rc = gost_cipher_chain(&ctx->cipher, GOST_CHAIN_CBC, ctx->chain, data, NULL, k);
        data += k * n;
        len -= k * n;
    }
    if (rc == GOST_OK)
        rc = gost_omac_feed(ctx->last, &ctx->lastlen, n, data, len, mac_block, ctx);
    return rc;
}

int gost_mac_final(gost_mac_ctx *ctx, uint8_t *tag, size_t tag_len)
{
    uint8_t k[GOST_CIPHER_MAX_BLOCK_SIZE];
    if (ctx == NULL || tag == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0)
        return GOST_ERR_BAD_STATE;
    size_t n = ctx->n;
    if (tag_len == 0 || tag_len > n)
        return GOST_ERR_BAD_LENGTH;
    memset(k, 0, sizeof k);
    int rc = gost_cipher_encrypt_blocks(&ctx->cipher, k, k, 1); /* R */
    gost_omac_double(k, k, n);                                  /* K1 */
    if (ctx->lastlen < n) {
        gost_omac_double(k, k, n); /* K2 */
        memset(ctx->last + ctx->lastlen, 0, n - ctx->lastlen);
        ctx->last[ctx->lastlen] = 0x80;
    }
    gost_xor_bytes(ctx->chain, ctx->chain, ctx->last, n);
    gost_xor_bytes(ctx->chain, ctx->chain, k, n);
    if (rc == GOST_OK)
        rc = gost_cipher_encrypt_blocks(&ctx->cipher, ctx->chain, ctx->chain, 1);
    if (rc == GOST_OK)
        memcpy(tag, ctx->chain, tag_len);
    gost_wipe(k, sizeof k);
    gost_mac_wipe(ctx);
    return rc;
}

void gost_mac_wipe(gost_mac_ctx *ctx)
{
    if (ctx != NULL)
        gost_wipe(ctx, sizeof *ctx);
}

int gost_mac(gost_cipher_id id, const uint8_t key[32], const uint8_t *data, size_t len, uint8_t *tag,
             size_t tag_len)
{
    gost_mac_ctx ctx;
    if (tag == NULL || (data == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_mac_init(&ctx, id, key);
    if (rc != GOST_OK)
        return rc;
    if (tag_len == 0 || tag_len > ctx.n) {
        gost_mac_wipe(&ctx);
        return GOST_ERR_BAD_LENGTH;
    }
    rc = gost_mac_update(&ctx, data, len);
    if (rc == GOST_OK)
        return gost_mac_final(&ctx, tag, tag_len);
    gost_mac_wipe(&ctx);
    return rc;
}
