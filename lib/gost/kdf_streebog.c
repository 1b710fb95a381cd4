/* KDF_GOSTR3411_2012_256 and KDF_TREE_GOSTR3411_2012_256
 * (R 50.1.113-2016 s.4.4-4.5, RFC 7836 s.4.4-4.5). */
#include <string.h>

#include "gost/hmac.h"
#include "gost/kdf.h"
#include "internal/util.h"

int gost_kdf_tree_gostr3411_2012_256(const void *key, size_t key_len, const void *label,
                                     size_t label_len, const void *seed, size_t seed_len,
                                     unsigned r, uint8_t *out, size_t out_len)
{
    if (out == NULL || key == NULL || (label == NULL && label_len != 0) ||
        (seed == NULL && seed_len != 0) || r < 1 || r > 4)
        return GOST_ERR_INVALID_ARGUMENT;
    size_t blocks = (out_len + 31) / 32;
    /* i runs from 1 and must fit in R bytes; L = 8*out_len must fit in 8 bytes. */
    uint64_t max_blocks = r == 4 ? 0xffffffffull : ((uint64_t)1 << (8 * r)) - 1;
    if (out_len == 0 || key_len == 0 || blocks > max_blocks || out_len > (SIZE_MAX >> 3)) {
        if (out != NULL && out_len != 0)
            gost_wipe(out, out_len);
        return GOST_ERR_BAD_LENGTH;
    }
    uint8_t lbytes[8], ibytes[4], k[32];
    uint64_t l = (uint64_t)out_len * 8;
    size_t llen = 0;
    for (uint64_t t = l; t != 0; t >>= 8)
        llen++;
    for (size_t j = 0; j < llen; j++)
        lbytes[j] = (uint8_t)(l >> (8 * (llen - 1 - j)));
    static const uint8_t zero = 0;
    int rc = GOST_OK;
    for (size_t i = 1; i <= blocks && rc == GOST_OK; i++) {
        gost_hmac_streebog_ctx ctx;
        for (unsigned j = 0; j < r; j++)
            ibytes[j] = (uint8_t)((uint64_t)i >> (8 * (r - 1 - j)));
        rc = gost_hmac_streebog_init(&ctx, 32, key, key_len);
        if (rc == GOST_OK) rc = gost_hmac_streebog_update(&ctx, ibytes, r);
        if (rc == GOST_OK) rc = gost_hmac_streebog_update(&ctx, label, label_len);
        if (rc == GOST_OK) rc = gost_hmac_streebog_update(&ctx, &zero, 1);
        if (rc == GOST_OK) rc = gost_hmac_streebog_update(&ctx, seed, seed_len);
        if (rc == GOST_OK) rc = gost_hmac_streebog_update(&ctx, lbytes, llen);
        if (rc == GOST_OK) rc = gost_hmac_streebog_final(&ctx, k);
        gost_wipe(&ctx, sizeof ctx);
        size_t take = out_len - 32 * (i - 1) < 32 ? out_len - 32 * (i - 1) : 32;
        memcpy(out + 32 * (i - 1), k, take);
    }
    gost_wipe(k, sizeof k);
    if (rc != GOST_OK)
        gost_wipe(out, out_len);
    return rc;
}

int gost_kdf_gostr3411_2012_256(const uint8_t key[32], const void *label, size_t label_len,
                                const void *seed, size_t seed_len, uint8_t out[32])
{
    /* KDF_256 is KDF_TREE with R = 1 and L = 256: its message is
     * 0x01 | label | 0x00 | seed | 0x01 0x00 (RFC 7836 s.4.5). */
    return gost_kdf_tree_gostr3411_2012_256(key, 32, label, label_len, seed, seed_len, 1, out, 32);
}
