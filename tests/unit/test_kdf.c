/* KDF_GOSTR3411_2012_256 and KDF_TREE_GOSTR3411_2012_256 (RFC 7836 s.4.4,
 * s.4.5; R 1323565.1.022-2018): the construction rebuilt on OpenSSL's HMAC
 * for every R and output lengths whose L takes 1, 2 and 3 bytes, and the
 * range checks. The RFC 7836 examples are in vectors/kdf.txt. */
#include <criterion/criterion.h>
#include <string.h>

#include "gost/kdf.h"
#include "streebog_ossl.h"
#include "testutil.h"

/* K(i) = HMAC256(K, [i]_b | label | 0x00 | seed | [L]_b) with OpenSSL. */
static void reference_tree(const uint8_t *key, size_t klen, const uint8_t *label, size_t llen,
                           const uint8_t *seed, size_t slen, unsigned r, uint8_t *out, size_t out_len)
{
    uint64_t l = (uint64_t)out_len * 8;
    uint8_t lb[8], ib[4];
    size_t lbn = 0;
    for (int k = 7; k >= 0; k--)
        if (lbn || (l >> (8 * k)) & 0xff)
            lb[lbn++] = (uint8_t)(l >> (8 * k));
    for (size_t i = 1; 32 * (i - 1) < out_len; i++) {
        uint8_t k_i[32];
        for (unsigned j = 0; j < r; j++)
            ib[j] = (uint8_t)(i >> (8 * (r - 1 - j)));
        const void *parts[] = {ib, label, "", seed, lb};
        size_t lens[] = {r, llen, 1, slen, lbn};
        sb_ossl_hmac_parts(32, key, klen, parts, lens, 5, k_i);
        size_t take = out_len - 32 * (i - 1) < 32 ? out_len - 32 * (i - 1) : 32;
        memcpy(out + 32 * (i - 1), k_i, take);
    }
}

Test(kdf, tree_matches_the_construction_on_openssl_hmac)
{
    static const size_t outs[] = {1, 16, 31, 32, 33, 64, 100, 1000, 8192};
    uint64_t seed = test_seed();
    uint8_t key[64], label[40], sd[70];
    static uint8_t a[8192], b[8192];
    for (unsigned r = 1; r <= 4; r++)
        for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
            size_t klen = 1 + (size_t)(test_rand_u64(&seed) % sizeof key);
            size_t llen = (size_t)(test_rand_u64(&seed) % sizeof label);
            size_t slen = (size_t)(test_rand_u64(&seed) % sizeof sd);
            test_rand_bytes(&seed, key, klen);
            test_rand_bytes(&seed, label, llen);
            test_rand_bytes(&seed, sd, slen);
            if (r == 1 && outs[i] > 255 * 32)
                continue; /* more blocks than R = 1 can number: checked below */
            cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(key, klen, label, llen, sd, slen, r, a, outs[i]),
                         GOST_OK);
            reference_tree(key, klen, label, llen, sd, slen, r, b, outs[i]);
            cr_assert_arr_eq(a, b, outs[i], "R %u out_len %zu", r, outs[i]);
        }
}

Test(kdf, kdf256_is_tree_with_r1_and_l256)
{
    uint8_t key[32], a[32], b[32];
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, key, sizeof key);
    cr_assert_eq(gost_kdf_gostr3411_2012_256(key, "lab", 3, "seed", 4, a), 0);
    reference_tree(key, 32, (const uint8_t *)"lab", 3, (const uint8_t *)"seed", 4, 1, b, 32);
    cr_assert_arr_eq(a, b, 32);
    /* Empty label and seed are allowed (NULL with length 0). */
    cr_assert_eq(gost_kdf_gostr3411_2012_256(key, NULL, 0, NULL, 0, a), 0);
    reference_tree(key, 32, (const uint8_t *)"", 0, (const uint8_t *)"", 0, 1, b, 32);
    cr_assert_arr_eq(a, b, 32);
}

Test(kdf, ranges_and_bad_arguments)
{
    uint8_t key[32], a[64];
    memset(key, 7, sizeof key);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 0, a, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 5, a, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(NULL, 32, "l", 1, "s", 1, 1, a, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, NULL, 1, "s", 1, 1, a, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, NULL, 1, 1, a, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, NULL, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, a, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 0, "l", 1, "s", 1, 1, a, 32), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_kdf_gostr3411_2012_256(NULL, "l", 1, "s", 1, a), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_gostr3411_2012_256(key, "l", 1, "s", 1, NULL), GOST_ERR_INVALID_ARGUMENT);
    /* R = 1 numbers at most 255 blocks of 32 bytes; R = 2, 65535. */
    static uint8_t big[256 * 32];
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, big, 255 * 32), GOST_OK);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, big, 255 * 32 + 1),
                 GOST_ERR_BAD_LENGTH);
    for (size_t i = 0; i < 255 * 32 + 1; i++)
        cr_assert_eq(big[i], 0, "output not wiped on error at %zu", i);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 2, big, 256 * 32), GOST_OK);
}
