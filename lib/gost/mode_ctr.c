/* CTR (GOST R 34.13-2015 s.5.2) and its ACPKM variant (R 1323565.1.017-2018
 * s.4.4, RFC 8645 s.6.2.2): gamma block i is E_K(CTR_i), CTR_1 = IV || 0,
 * CTR_{i+1} = CTR_i + 1 mod 2^n; s bytes of each gamma block are used.
 * With ACPKM the key is transformed before the first block of every section
 * after the first (the counter runs on). Gamma blocks are made many per
 * call into the cipher, never across a section boundary. */
#include <string.h>

#include "gost/modes.h"
#include "internal/modes.h"
#include "internal/util.h"

/* At most 2^(n/2) blocks under one IV: the low half of the counter would
 * otherwise carry into the IV. Unreachable for n = 16 (2^64 blocks). */
int gost_ctr_check_limit(const gost_mode_ctx *ctx, size_t len)
{
    size_t s = ctx->s, avail = ctx->buflen == 0 ? 0 : s - ctx->buflen;
    if (ctx->n == 16 || len <= avail)
        return GOST_OK;
    uint64_t need = ((uint64_t)(len - avail) + s - 1) / s;
    uint64_t limit = (uint64_t)1 << (4 * ctx->n);
    return need > limit - ctx->blocks ? GOST_ERR_LIMIT : GOST_OK;
}

/* k blocks of the stream at most: out = in ^ gamma, or the gamma alone when
 * in is NULL; fewer when a section ends (*made says how many). */
static int ctr_blocks(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t k, size_t *made)
{
    if (ctx->section_blocks != 0) {
        uint64_t pos = ctx->blocks % ctx->section_blocks;
        if (pos == 0 && ctx->blocks != 0) {
            int rc = gost_acpkm_rekey(&ctx->cipher);
            if (rc != GOST_OK)
                return rc;
        }
        if (k > ctx->section_blocks - pos)
            k = (size_t)(ctx->section_blocks - pos);
    }
    ctx->blocks += k;
    *made = k;
    return gost_cipher_ctr_blocks(&ctx->cipher, ctx->reg, 0, (unsigned)ctx->n - 1, in, out, k);
}

int gost_ctr_stream(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    size_t n = ctx->n, s = ctx->s;
    uint8_t g[GOST_MODE_CHUNK];
    int rc = GOST_OK;

    if (ctx->buflen != 0) { /* the rest of the last gamma block */
        size_t take = s - ctx->buflen < len ? s - ctx->buflen : len;
        gost_xor_bytes(out, in, ctx->buf + ctx->buflen, take);
        ctx->buflen = (ctx->buflen + (uint32_t)take) % (uint32_t)s;
        in += take;
        out += take;
        len -= take;
    }
    while (len >= s && rc == GOST_OK) {
        size_t made = 0;
        if (s == n) { /* whole blocks straight from in to out */
            rc = ctr_blocks(ctx, in, out, len / n, &made);
        } else {
            size_t k = len / s < GOST_MODE_CHUNK / n ? len / s : GOST_MODE_CHUNK / n;
            rc = ctr_blocks(ctx, NULL, g, k, &made);
            for (size_t j = 0; j < made; j++)
                gost_xor_bytes(out + j * s, in + j * s, g + j * n, s);
        }
        in += made * s;
        out += made * s;
        len -= made * s;
    }
    if (len > 0 && rc == GOST_OK) {
        size_t made = 0;
        rc = ctr_blocks(ctx, NULL, ctx->buf, 1, &made);
        gost_xor_bytes(out, in, ctx->buf, len);
        ctx->buflen = (uint32_t)len;
    }
    gost_wipe(g, sizeof g);
    return rc;
}
