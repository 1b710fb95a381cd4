/* CFB (GOST R 34.13-2015 s.5.5) with an m-byte register (n <= m) and
 * s-byte segments:
 *   C_i = P_i xor MSB_s(E_K(MSB_n(R_i))),  R_{i+1} = LSB_{m-s}(R_i) || C_i.
 * Segment i's cipher input is bytes [i*s, i*s+n) of IV || C_1 || C_2 ...
 * Decryption knows all of them: any run of segments is one call.
 * Encryption can batch the (m-n)/s + 1 segments whose inputs lie inside the
 * current register (z blocks when s = n, m = z*n). A partial segment keeps
 * its gamma in buf and its ciphertext in seg until it is complete. */
#include <string.h>

#include "gost/modes.h"
#include "internal/modes.h"
#include "internal/util.h"

static void shift_in(uint8_t *reg, size_t m, const uint8_t *c, size_t len)
{
    memmove(reg, reg + len, m - len);
    memcpy(reg + m - len, c, len);
}

/* Bytes of a started segment. */
static void partial(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t take)
{
    uint8_t *seg = ctx->seg + ctx->buflen;
    if (ctx->decrypt)
        memcpy(seg, in, take); /* before out (which may be in) is written */
    gost_xor_bytes(out, in, ctx->buf + ctx->buflen, take);
    if (!ctx->decrypt)
        memcpy(seg, out, take);
    ctx->buflen += (uint32_t)take;
    if (ctx->buflen == ctx->s) {
        shift_in(ctx->reg, ctx->m, ctx->seg, ctx->s);
        ctx->buflen = 0;
    }
}

static int encrypt_run(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t segments,
                       size_t *done)
{
    size_t n = ctx->n, m = ctx->m, s = ctx->s, k = (m - n) / s + 1;
    uint8_t x[GOST_MODE_CHUNK];
    if (k > segments)
        k = segments;
    if (k > GOST_MODE_CHUNK / n)
        k = GOST_MODE_CHUNK / n;
    if (k == 0) /* callers pass at least one segment */
        return GOST_ERR_INTERNAL;
    for (size_t j = 0; j < k; j++)
        memcpy(x + j * n, ctx->reg + j * s, n);
    int rc = gost_cipher_encrypt_blocks(&ctx->cipher, x, x, k);
    for (size_t j = 0; j < k; j++)
        gost_xor_bytes(out + j * s, in + j * s, x + j * n, s);
    shift_in(ctx->reg, m, out, k * s);
    gost_wipe(x, sizeof x);
    *done = k;
    return rc;
}

static int decrypt_run(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t segments,
                       size_t *done)
{
    size_t n = ctx->n, m = ctx->m, s = ctx->s, k = segments;
    uint8_t t[GOST_MODE_MAX_IV + GOST_MODE_CHUNK], x[GOST_MODE_CHUNK];
    if (k > GOST_MODE_CHUNK / n)
        k = GOST_MODE_CHUNK / n;
    if (k == 0) /* callers pass at least one segment */
        return GOST_ERR_INTERNAL;
    memcpy(t, ctx->reg, m);
    memcpy(t + m, in, k * s);
    for (size_t j = 0; j < k; j++)
        memcpy(x + j * n, t + j * s, n);
    int rc = gost_cipher_encrypt_blocks(&ctx->cipher, x, x, k);
    for (size_t j = 0; j < k; j++)
        gost_xor_bytes(out + j * s, t + m + j * s, x + j * n, s);
    memcpy(ctx->reg, t + k * s, m);
    gost_wipe(x, sizeof x);
    *done = k;
    return rc;
}

int gost_cfb_stream(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    size_t s = ctx->s;
    int rc = GOST_OK;

    if (ctx->buflen != 0) {
        size_t take = s - ctx->buflen < len ? s - ctx->buflen : len;
        partial(ctx, in, out, take);
        in += take;
        out += take;
        len -= take;
    }
    while (len >= s && rc == GOST_OK) {
        size_t done = 0;
        if (ctx->decrypt) {
            rc = decrypt_run(ctx, in, out, len / s, &done);
        } else if (ctx->m == ctx->n && s == ctx->n) {
            /* A one-block register and whole-block segments: R_{i+1} = C_i =
             * P_i ^ E_K(R_i), the cipher's CFB chaining (one call for the
             * run, the chain kept in a register where the kernel can). */
            done = len / s;
            rc = gost_cipher_chain(&ctx->cipher, GOST_CHAIN_CFB, ctx->reg, in, out, done);
        } else {
            rc = encrypt_run(ctx, in, out, len / s, &done);
        }
        in += done * s;
        out += done * s;
        len -= done * s;
    }
    if (len > 0 && rc == GOST_OK) {
        uint8_t x[GOST_CIPHER_MAX_BLOCK_SIZE];
        rc = gost_cipher_encrypt_blocks(&ctx->cipher, ctx->reg, x, 1);
        memcpy(ctx->buf, x, s);
        gost_wipe(x, sizeof x);
        partial(ctx, in, out, len);
    }
    return rc;
}
