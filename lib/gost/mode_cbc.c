/* CBC (GOST R 34.13-2015 s.5.4) with an m = z*n byte register R:
 *   C_i = E_K(P_i xor MSB_n(R_i)),  R_{i+1} = LSB_{m-n}(R_i) || C_i,
 * so block i chains to C_{i-z} (the IV's blocks for i <= z). Encryption
 * therefore runs z independent chains and passes z blocks per call;
 * decryption, P_i = D_K(C_i) xor C_{i-z}, is parallel over any run. */
#include <string.h>

#include "gost/modes.h"
#include "internal/modes.h"
#include "internal/util.h"

/* R becomes the last m bytes of R || (k*n new ciphertext bytes). */
static void shift_in(uint8_t *reg, size_t m, const uint8_t *c, size_t len)
{
    memmove(reg, reg + len, m - len);
    memcpy(reg + m - len, c, len);
}

static int cbc_encrypt(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    size_t n = ctx->n, m = ctx->m, z = m / n;
    uint8_t x[GOST_MODE_MAX_IV];
    int rc = GOST_OK;

    if (z == 1) /* one chain, R = C_{i-1}: the cipher's own chaining */
        return gost_cipher_chain(&ctx->cipher, GOST_CHAIN_CBC, ctx->reg, in, out, nblocks);
    while (nblocks > 0 && rc == GOST_OK) {
        size_t k = nblocks < z ? nblocks : z;
        gost_xor_bytes(x, in, ctx->reg, k * n);
        rc = gost_cipher_encrypt_blocks(&ctx->cipher, x, x, k);
        shift_in(ctx->reg, m, x, k * n);
        memcpy(out, x, k * n);
        in += k * n;
        out += k * n;
        nblocks -= k;
    }
    gost_wipe(x, sizeof x);
    return rc;
}

static int cbc_decrypt(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    size_t n = ctx->n, m = ctx->m, per_call = GOST_MODE_CHUNK / n;
    /* t = R || C_chunk: block j of the chunk chains to t[j*n .. j*n+n). */
    uint8_t t[GOST_MODE_MAX_IV + GOST_MODE_CHUNK];
    int rc = GOST_OK;

    while (nblocks > 0 && rc == GOST_OK) {
        size_t k = nblocks < per_call ? nblocks : per_call;
        memcpy(t, ctx->reg, m);
        memcpy(t + m, in, k * n); /* kept: out may be in */
        rc = gost_cipher_decrypt_blocks(&ctx->cipher, in, out, k);
        gost_xor_bytes(out, out, t, k * n);
        memcpy(ctx->reg, t + k * n, m);
        in += k * n;
        out += k * n;
        nblocks -= k;
    }
    return rc;
}

int gost_cbc_blocks(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    return ctx->decrypt ? cbc_decrypt(ctx, in, out, nblocks) : cbc_encrypt(ctx, in, out, nblocks);
}
