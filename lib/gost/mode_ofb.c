/* OFB (GOST R 34.13-2015 s.5.3) with an m = z*n byte register:
 *   Y_i = E_K(MSB_n(R_i)),  R_{i+1} = LSB_{m-n}(R_i) || Y_i.
 * After z steps R holds Y_1..Y_z = E_K(R_1) blockwise, so the gamma comes
 * z blocks per call: each group is the encryption of the previous one (the
 * IV being group 0). s bytes of each block are used. */
#include <string.h>

#include "gost/modes.h"
#include "internal/modes.h"
#include "internal/util.h"

static int next_group(gost_mode_ctx *ctx)
{
    size_t z = ctx->m / ctx->n;
    ctx->ofb_next = 0;
    return gost_cipher_encrypt_blocks(&ctx->cipher, ctx->reg, ctx->reg, z);
}

int gost_ofb_stream(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    size_t n = ctx->n, s = ctx->s, z = ctx->m / n;
    int rc = GOST_OK;

    if (ctx->buflen != 0) {
        size_t take = s - ctx->buflen < len ? s - ctx->buflen : len;
        gost_xor_bytes(out, in, ctx->buf + ctx->buflen, take);
        ctx->buflen = (ctx->buflen + (uint32_t)take) % (uint32_t)s;
        in += take;
        out += take;
        len -= take;
    }
    if (z == 1 && s == n && ctx->ofb_next == 1 && len >= n) {
        /* A one-block register used whole: the gamma is the chain
         * R = E_K(R), which the cipher's chaining keeps in a register (one
         * call for every whole block); R is left used up, as after the
         * loop below. */
        size_t k = len / n;
        rc = gost_cipher_chain(&ctx->cipher, GOST_CHAIN_OFB, ctx->reg, in, out, k);
        in += k * n;
        out += k * n;
        len -= k * n;
    }
    while (len >= s && rc == GOST_OK) {
        if (ctx->ofb_next == z)
            rc = next_group(ctx);
        size_t k = z - ctx->ofb_next;
        if (k > len / s)
            k = len / s;
        for (size_t j = 0; j < k; j++)
            gost_xor_bytes(out + j * s, in + j * s, ctx->reg + (ctx->ofb_next + j) * n, s);
        ctx->ofb_next += (uint32_t)k;
        in += k * s;
        out += k * s;
        len -= k * s;
    }
    if (len > 0 && rc == GOST_OK) {
        if (ctx->ofb_next == z)
            rc = next_group(ctx);
        memcpy(ctx->buf, ctx->reg + ctx->ofb_next * n, s);
        ctx->ofb_next++;
        gost_xor_bytes(out, in, ctx->buf, len);
        ctx->buflen = (uint32_t)len;
    }
    return rc;
}
