/* PBKDF2 with HMAC_GOSTR3411_2012_512 (R 50.1.111-2016 s.4).
 *
 * The two keyed Streebog states (after K ^ ipad and K ^ opad) are computed
 * once and copied for each iteration, so an iteration costs the
 * compressions of two 64-byte messages and no key processing. */
#include <string.h>

#include "gost/hmac.h"
#include "gost/pbkdf2.h"
#include "internal/util.h"

static int prf_with(const gost_hmac_streebog_ctx *keyed, const uint8_t *msg, size_t len,
                    uint8_t out[64])
{
    gost_hmac_streebog_ctx c = *keyed;
    int r = gost_hmac_streebog_update(&c, msg, len);
    if (r == GOST_OK)
        r = gost_hmac_streebog_final(&c, out);
    gost_wipe(&c, sizeof c);
    return r;
}

int gost_pbkdf2_streebog512(const void *password, size_t password_len, const void *salt,
                            size_t salt_len, uint64_t iterations, uint8_t *out, size_t out_len)
{
    if (out == NULL || (password == NULL && password_len != 0) || (salt == NULL && salt_len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    /* An out_len above the limit is not trusted as the buffer's size: out
     * is left untouched then. */
    if (out_len == 0 || (uint64_t)out_len > 0xffffffffull * 64)
        return GOST_ERR_BAD_LENGTH;
    if (iterations == 0) {
        gost_wipe(out, out_len);
        return GOST_ERR_BAD_LENGTH;
    }
    gost_hmac_streebog_ctx keyed, salted;
    uint8_t u[64], t[64], ctr[4];
    int r = gost_hmac_streebog_init(&keyed, 64, password, password_len);
    for (uint64_t block = 1; r == GOST_OK && (block - 1) * 64 < out_len; block++) {
        gost_store32_be(ctr, (uint32_t)block);
        salted = keyed;
        r = gost_hmac_streebog_update(&salted, salt, salt_len);
        if (r == GOST_OK)
            r = prf_with(&salted, ctr, 4, u);
        memcpy(t, u, 64);
        for (uint64_t i = 1; i < iterations && r == GOST_OK; i++) {
            r = prf_with(&keyed, u, 64, u);
            for (int j = 0; j < 64; j++)
                t[j] ^= u[j];
        }
        size_t off = (size_t)(block - 1) * 64;
        memcpy(out + off, t, out_len - off < 64 ? out_len - off : 64);
    }
    gost_wipe(&keyed, sizeof keyed);
    gost_wipe(&salted, sizeof salted);
    gost_wipe(u, sizeof u);
    gost_wipe(t, sizeof t);
    if (r != GOST_OK)
        gost_wipe(out, out_len);
    return r;
}
