/* ACPKM (gost/acpkm.h): CTR-ACPKM and OMAC-ACPKM streamed over every split
 * point across section boundaries, their structure checked against plain
 * CTR/OMAC under the transformed keys, and the error codes. (The
 * standard's examples are in vectors/acpkm.txt; gostprov's ctr-acpkm and
 * ctr-acpkm-omac are compared in test_modes.c.) */
#include <criterion/criterion.h>
#include <string.h>

#include "gost/acpkm.h"
#include "gost/modes.h"
#include "testutil.h"

static const gost_cipher_id ids[] = {GOST_CIPHER_KUZNYECHIK, GOST_CIPHER_MAGMA};

static size_t nof(gost_cipher_id id)
{
    return id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
}

Test(acpkm, ctr_acpkm_every_split_point)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[8], msg[100], want[100], got[100];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, iv, sizeof iv);
    test_rand_bytes(&seed, msg, sizeof msg);
    for (size_t k = 0; k < 2; k++) {
        size_t n = nof(ids[k]), section = 2 * n; /* many boundaries in 100 bytes */
        cr_assert_eq(gost_ctr_acpkm(ids[k], key, section, iv, n / 2, msg, sizeof msg, want), GOST_OK);
        for (size_t a = 0; a <= sizeof msg; a++)
            for (size_t b = a; b <= sizeof msg; b += 3) {
                gost_mode_ctx c;
                size_t g1, g2, g3, g4;
                cr_assert_eq(gost_ctr_acpkm_init(&c, ids[k], key, section, iv, n / 2), GOST_OK);
                cr_assert_eq(gost_mode_update(&c, msg, a, got, a, &g1), GOST_OK);
                cr_assert_eq(gost_mode_update(&c, msg + a, b - a, got + a, b - a, &g2), GOST_OK);
                cr_assert_eq(gost_mode_update(&c, msg + b, sizeof msg - b, got + b, sizeof msg - b, &g3),
                             GOST_OK);
                cr_assert_eq(gost_mode_final(&c, NULL, 0, &g4), GOST_OK);
                cr_assert_eq(g1 + g2 + g3 + g4, sizeof msg);
                cr_assert_arr_eq(got, want, sizeof msg, "cipher %zu cuts %zu/%zu", k, a, b);
            }
    }
}

/* Section i of CTR-ACPKM is plain CTR under the i-times transformed key,
 * with the counter where the previous sections left it. */
Test(acpkm, ctr_acpkm_is_ctr_under_transformed_keys)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[8], zeros[256] = {0}, acpkm[256], ctr[256], k2[32], k3[32];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, iv, sizeof iv);
    for (size_t k = 0; k < 2; k++) {
        size_t n = nof(ids[k]), section = 5 * n;
        cr_assert_eq(gost_ctr_acpkm(ids[k], key, section, iv, n / 2, zeros, 3 * section, acpkm), GOST_OK);
        cr_assert_eq(gost_ctr_crypt(ids[k], key, iv, n / 2, n, zeros, 3 * section, ctr), GOST_OK);
        cr_assert_arr_eq(acpkm, ctr, section, "the first section is plain CTR");
        cr_assert_eq(gost_acpkm_transform(ids[k], key, k2), GOST_OK);
        cr_assert_eq(gost_ctr_crypt(ids[k], k2, iv, n / 2, n, zeros, 3 * section, ctr), GOST_OK);
        cr_assert_arr_eq(acpkm + section, ctr + section, section, "section 2 under ACPKM(K)");
        cr_assert_eq(gost_acpkm_transform(ids[k], k2, k3), GOST_OK);
        cr_assert_eq(gost_ctr_crypt(ids[k], k3, iv, n / 2, n, zeros, 3 * section, ctr), GOST_OK);
        cr_assert_arr_eq(acpkm + 2 * section, ctr + 2 * section, section, "section 3 under ACPKM^2(K)");
        cr_assert_eq(gost_acpkm_transform(ids[k], k2, k2), GOST_OK, "in place");
        cr_assert_arr_eq(k2, k3, 32);
    }
}

Test(acpkm, omac_acpkm_every_split_point)
{
    uint64_t seed = test_seed();
    uint8_t key[32], msg[100], want[16], got[16];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, msg, sizeof msg);
    for (size_t k = 0; k < 2; k++) {
        size_t n = nof(ids[k]);
        for (size_t len = 0; len <= sizeof msg; len += 7) {
            cr_assert_eq(gost_omac_acpkm(ids[k], key, 2 * n, 3 * n, msg, len, want, n), GOST_OK);
            for (size_t a = 0; a <= len; a++) {
                gost_omac_acpkm_ctx c;
                cr_assert_eq(gost_omac_acpkm_init(&c, ids[k], key, 2 * n, 3 * n), GOST_OK);
                cr_assert_eq(gost_omac_acpkm_update(&c, msg, a), GOST_OK);
                cr_assert_eq(gost_omac_acpkm_update(&c, msg + a, len - a), GOST_OK);
                cr_assert_eq(gost_omac_acpkm_final(&c, got, n), GOST_OK);
                cr_assert_arr_eq(got, want, n, "cipher %zu len %zu split %zu", k, len, a);
            }
        }
    }
}

/* One whole block: T = E_{K^1}(M xor K^1_1), where K^1 || K^1_1 are the
 * first 32 + n bytes of CTR-ACPKM(T*, K, 1^(n/2), zeros); one partial
 * block uses K^1_1 doubled (the OMAC subkey rule) on the padded block. */
Test(acpkm, omac_acpkm_uses_acpkm_master_keys)
{
    uint64_t seed = test_seed();
    uint8_t key[32], msg[16], km[48], zeros[48] = {0}, ones[8], t[16], want[16], x[16];
    size_t got;
    memset(ones, 0xff, sizeof ones);
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, msg, sizeof msg);
    for (size_t k = 0; k < 2; k++) {
        size_t n = nof(ids[k]);
        cr_assert_eq(gost_ctr_acpkm(ids[k], key, 4 * n, ones, n / 2, zeros, 32 + n, km), GOST_OK);
        for (size_t i = 0; i < n; i++)
            x[i] = msg[i] ^ km[32 + i];
        cr_assert_eq(gost_ecb_encrypt(ids[k], km, GOST_PAD_NONE, x, n, want, n, &got), GOST_OK);
        cr_assert_eq(gost_omac_acpkm(ids[k], key, 2 * n, 4 * n, msg, n, t, n), GOST_OK);
        cr_assert_arr_eq(t, want, n, "whole block, cipher %zu", k);
        /* partial block: K^1_1 << 1 (xor B_n), block padded with 0x80 */
        uint8_t k2[16], top = km[32] >> 7;
        for (size_t i = 0; i < n; i++)
            k2[i] = (uint8_t)(km[32 + i] << 1 | (i + 1 < n ? km[33 + i] >> 7 : 0));
        if (top)
            k2[n - 1] ^= n == 16 ? 0x87 : 0x1b;
        memset(x, 0, sizeof x);
        memcpy(x, msg, 3);
        x[3] = 0x80;
        for (size_t i = 0; i < n; i++)
            x[i] ^= k2[i];
        cr_assert_eq(gost_ecb_encrypt(ids[k], km, GOST_PAD_NONE, x, n, want, n, &got), GOST_OK);
        cr_assert_eq(gost_omac_acpkm(ids[k], key, 2 * n, 4 * n, msg, 3, t, n), GOST_OK);
        cr_assert_arr_eq(t, want, n, "partial block, cipher %zu", k);
    }
}

Test(acpkm, bad_parameters)
{
    static const uint8_t key[32] = {1};
    uint8_t iv[8] = {0}, buf[32] = {0}, tag[16];
    gost_mode_ctx c;
    gost_omac_acpkm_ctx o;
    cr_expect_eq(gost_ctr_acpkm(GOST_CIPHER_KUZNYECHIK, key, 0, iv, 8, buf, 32, buf), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ctr_acpkm(GOST_CIPHER_KUZNYECHIK, key, 24, iv, 8, buf, 32, buf), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ctr_acpkm(GOST_CIPHER_MAGMA, key, 12, iv, 4, buf, 32, buf), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ctr_acpkm(GOST_CIPHER_MAGMA, key, 16, iv, 8, buf, 32, buf), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ctr_acpkm((gost_cipher_id)3, key, 16, iv, 4, buf, 32, buf), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_ctr_acpkm(GOST_CIPHER_MAGMA, key, 16, iv, 4, NULL, 32, buf), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_ctr_acpkm_init(&c, GOST_CIPHER_MAGMA, NULL, 16, iv, 4), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_omac_acpkm_init(&o, GOST_CIPHER_KUZNYECHIK, key, 0, 96), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_omac_acpkm_init(&o, GOST_CIPHER_KUZNYECHIK, key, 32, 50), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_omac_acpkm(GOST_CIPHER_MAGMA, key, 16, 80, buf, 5, tag, 9), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_omac_acpkm(GOST_CIPHER_MAGMA, key, 16, 80, buf, 5, tag, 0), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_omac_acpkm_init(&o, GOST_CIPHER_MAGMA, key, 16, 80), GOST_OK);
    cr_expect_eq(gost_omac_acpkm_final(&o, tag, 9), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_omac_acpkm_final(&o, tag, 8), GOST_OK);
    cr_expect_eq(gost_omac_acpkm_update(&o, buf, 1), GOST_ERR_BAD_STATE, "final wiped the context");
    cr_expect_eq(gost_acpkm_transform((gost_cipher_id)0, key, buf), GOST_ERR_INVALID_ARGUMENT);
}
