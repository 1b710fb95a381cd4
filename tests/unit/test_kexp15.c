/* KExp15 / KImp15 (gost/kexp15.h): round trips for any key length,
 * tampering refused with the key wiped, a cross-check with the same
 * composition through OpenSSL's GOST provider (CTR and OMAC, as its
 * gost_kexp15 does), and the error codes. */
#include <criterion/criterion.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <string.h>

#include "gost/kexp15.h"
#include "ossl.h"
#include "testutil.h"

static const gost_cipher_id ids[] = {GOST_CIPHER_KUZNYECHIK, GOST_CIPHER_MAGMA};

static size_t nof(gost_cipher_id id)
{
    return id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
}

Test(kexp15, round_trip_and_tampering)
{
    uint64_t seed = test_seed();
    uint8_t kmac[32], kenc[32], iv[8], key[100], w[120], back[100];
    size_t wlen, klen;
    for (size_t k = 0; k < 2; k++) {
        size_t n = nof(ids[k]);
        for (size_t len = 1; len <= sizeof key; len += 11) {
            test_rand_bytes(&seed, kmac, 32);
            test_rand_bytes(&seed, kenc, 32);
            test_rand_bytes(&seed, iv, 8);
            test_rand_bytes(&seed, key, len);
            cr_assert_eq(gost_kexp15(ids[k], kmac, kenc, iv, n / 2, key, len, w, sizeof w, &wlen), GOST_OK);
            cr_assert_eq(wlen, len + n);
            cr_assert_eq(gost_kimp15(ids[k], kmac, kenc, iv, n / 2, w, wlen, back, sizeof back, &klen), GOST_OK);
            cr_assert_eq(klen, len);
            cr_assert_arr_eq(back, key, len);
            for (size_t i = 0; i < wlen; i += 5) {
                w[i] ^= 4;
                memset(back, 0x5a, sizeof back);
                cr_assert_eq(gost_kimp15(ids[k], kmac, kenc, iv, n / 2, w, wlen, back, sizeof back, &klen),
                             GOST_ERR_AUTH, "byte %zu flipped", i);
                for (size_t j = 0; j < len; j++)
                    cr_assert_eq(back[j], 0, "key not wiped");
                w[i] ^= 4;
            }
            iv[0] ^= 1;
            cr_assert_eq(gost_kimp15(ids[k], kmac, kenc, iv, n / 2, w, wlen, back, sizeof back, &klen),
                         GOST_ERR_AUTH, "another IV");
        }
    }
}

/* gostprov's MACs need gostprov in OpenSSL's default library context (they
 * fetch their cipher there); the CTR is taken from the same context, as a
 * second copy of gostprov in one process leaks its global registrations. */
static void load_default_ctx(void)
{
    cr_assert(test_ossl_load_into_default_ctx(), "gostprov cannot be loaded");
}

static void ossl_ctr(const char *name, const uint8_t *key, const uint8_t *iv, size_t ivlen, const uint8_t *in,
                     size_t len, uint8_t *out)
{
    load_default_ctx();
    EVP_CIPHER *ci = EVP_CIPHER_fetch(NULL, name, NULL);
    cr_assert_not_null(ci);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int l1 = 0, l2 = 0;
    cr_assert_eq(EVP_CipherInit_ex2(c, ci, key, iv, 1, NULL), 1);
    cr_assert_eq(EVP_CipherUpdate(c, out, &l1, in, (int)len), 1);
    cr_assert_eq(EVP_CipherFinal_ex(c, out + l1, &l2), 1);
    EVP_CIPHER_CTX_free(c);
    EVP_CIPHER_free(ci);
    (void)ivlen;
}

static void ossl_mac(const char *name, const uint8_t *key, const uint8_t *a, size_t alen, const uint8_t *b,
                     size_t blen, uint8_t *tag, size_t size)
{
    load_default_ctx();
    EVP_MAC *mac = EVP_MAC_fetch(NULL, name, NULL);
    cr_assert_not_null(mac);
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size), OSSL_PARAM_construct_end()};
    size_t got;
    cr_assert_eq(EVP_MAC_init(c, key, 32, p), 1);
    cr_assert_eq(EVP_MAC_update(c, a, alen), 1);
    cr_assert_eq(EVP_MAC_update(c, b, blen), 1);
    cr_assert_eq(EVP_MAC_final(c, tag, &got, size), 1);
    EVP_MAC_CTX_free(c);
    EVP_MAC_free(mac);
}

/* gostprov keeps process-global state: once its magma-mac has run, its
 * magma-ctr (in any library context) gives other output. So every CTR
 * keystream is taken first, then the MACs. */
#define KEXP_CASES 20
Test(kexp15, matches_gostprov_composition)
{
    uint64_t seed = test_seed();
    static uint8_t kmac[2][KEXP_CASES][32], kenc[2][KEXP_CASES][32], iv[2][KEXP_CASES][8],
        key[2][KEXP_CASES][32], ks[2][KEXP_CASES][48];
    uint8_t zeros[48] = {0}, w[48], mac[16];
    size_t wlen;
    for (size_t k = 0; k < 2; k++)
        for (int it = 0; it < KEXP_CASES; it++) {
            test_rand_bytes(&seed, kmac[k][it], 32);
            test_rand_bytes(&seed, kenc[k][it], 32);
            test_rand_bytes(&seed, iv[k][it], 8);
            test_rand_bytes(&seed, key[k][it], 32);
            ossl_ctr(k == 0 ? "kuznyechik-ctr" : "magma-ctr", kenc[k][it], iv[k][it], nof(ids[k]) / 2, zeros,
                     32 + nof(ids[k]), ks[k][it]);
        }
    for (size_t k = 0; k < 2; k++)
        for (int it = 0; it < KEXP_CASES; it++) {
            size_t n = nof(ids[k]);
            ossl_mac(k == 0 ? "kuznyechik-mac" : "magma-mac", kmac[k][it], iv[k][it], n / 2, key[k][it], 32,
                     mac, n);
            cr_assert_eq(gost_kexp15(ids[k], kmac[k][it], kenc[k][it], iv[k][it], n / 2, key[k][it], 32, w,
                                     sizeof w, &wlen),
                         GOST_OK);
            for (size_t i = 0; i < 32 + n; i++) {
                uint8_t plain = i < 32 ? key[k][it][i] : mac[i - 32];
                cr_assert_eq(w[i], (uint8_t)(plain ^ ks[k][it][i]), "cipher %zu case %d byte %zu", k, it, i);
            }
        }
}

Test(kexp15, bad_arguments)
{
    static const uint8_t k[32] = {1};
    uint8_t iv[8] = {0}, key[32] = {2}, w[48], back[32];
    size_t len;
    cr_expect_eq(gost_kexp15(GOST_CIPHER_KUZNYECHIK, k, k, iv, 16, key, 32, w, sizeof w, &len), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_kexp15(GOST_CIPHER_MAGMA, k, k, iv, 8, key, 32, w, sizeof w, &len), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_kexp15(GOST_CIPHER_MAGMA, k, k, iv, 4, key, 0, w, sizeof w, &len), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_kexp15(GOST_CIPHER_MAGMA, k, k, iv, 4, key, 32, w, 39, &len), GOST_ERR_BUFFER_TOO_SMALL);
    cr_expect_eq(gost_kexp15((gost_cipher_id)9, k, k, iv, 4, key, 32, w, 48, &len), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kexp15(GOST_CIPHER_MAGMA, NULL, k, iv, 4, key, 32, w, 48, &len), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kexp15(GOST_CIPHER_MAGMA, k, k, iv, 4, w, 32, w, 48, &len), GOST_ERR_INVALID_ARGUMENT,
                 "in place export");
    cr_assert_eq(gost_kexp15(GOST_CIPHER_MAGMA, k, k, iv, 4, key, 32, w, 40, &len), GOST_OK);
    cr_expect_eq(gost_kimp15(GOST_CIPHER_MAGMA, k, k, iv, 4, w, 8, back, sizeof back, &len), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_kimp15(GOST_CIPHER_MAGMA, k, k, iv, 4, w, 40, back, 31, &len), GOST_ERR_BUFFER_TOO_SMALL);
    cr_expect_eq(gost_kimp15(GOST_CIPHER_MAGMA, k, k, iv, 4, w, 40, back, 32, &len), GOST_OK);
    cr_expect_arr_eq(back, key, 32);
}
