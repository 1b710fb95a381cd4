/* PBKDF2-HMAC-Streebog-512 (R 50.1.111-2016): OpenSSL's PBKDF2 over
 * gostprov's md_gost12_512 on passwords shorter than, equal to and longer
 * than the block, several output lengths, and the range checks. The
 * standard's examples (including 16777216 iterations) are in
 * vectors/pbkdf2.txt. */
#include <criterion/criterion.h>
#include <openssl/kdf.h>
#include <string.h>

#include "gost/pbkdf2.h"
#include "streebog_ossl.h"
#include "testutil.h"

static void ossl_pbkdf2(const uint8_t *pw, size_t pwlen, const uint8_t *salt, size_t slen,
                        unsigned iter, uint8_t *out, size_t outlen)
{
    EVP_KDF *kdf = EVP_KDF_fetch(test_ossl_ctx(), "PBKDF2", NULL);
    cr_assert_not_null(kdf);
    EVP_KDF_CTX *c = EVP_KDF_CTX_new(kdf);
    int no_check = 1; /* pkcs5 = 1: without the SP 800-132 lower bounds */
    OSSL_PARAM p[] = {OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)pw, pwlen),
                      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, slen),
                      OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &iter),
                      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, "md_gost12_512", 0),
                      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &no_check),
                      OSSL_PARAM_construct_end()};
    cr_assert_eq(EVP_KDF_derive(c, out, outlen, p), 1);
    EVP_KDF_CTX_free(c);
    EVP_KDF_free(kdf);
}

Test(pbkdf2, matches_openssl)
{
    static const size_t pwlens[] = {1, 8, 63, 64, 65, 130};
    static const size_t outlens[] = {1, 32, 64, 65, 150};
    uint64_t seed = test_seed();
    uint8_t pw[130], salt[40], a[150], b[150];
    for (size_t i = 0; i < sizeof pwlens / sizeof pwlens[0]; i++)
        for (size_t j = 0; j < sizeof outlens / sizeof outlens[0]; j++) {
            size_t slen = 8 + (size_t)(test_rand_u64(&seed) % 32);
            unsigned iter = 1 + (unsigned)(test_rand_u64(&seed) % 4);
            test_rand_bytes(&seed, pw, pwlens[i]);
            test_rand_bytes(&seed, salt, slen);
            cr_assert_eq(gost_pbkdf2_streebog512(pw, pwlens[i], salt, slen, iter, a, outlens[j]), 0);
            ossl_pbkdf2(pw, pwlens[i], salt, slen, iter, b, outlens[j]);
            cr_assert_arr_eq(a, b, outlens[j], "password %zu bytes, out %zu, iterations %u", pwlens[i],
                             outlens[j], iter);
        }
}

Test(pbkdf2, ranges_and_bad_arguments)
{
    uint8_t a[32];
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 0, a, 32), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 1, a, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_pbkdf2_streebog512(NULL, 2, "s", 1, 1, a, 32), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, NULL, 1, 1, a, 32), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 1, NULL, 32), GOST_ERR_INVALID_ARGUMENT);
#if SIZE_MAX > 0xffffffffu
    /* dkLen <= (2^32 - 1) * 64 (R 50.1.111-2016 s.4); checked before any
     * write, so a short buffer is safe here and stays untouched. */
    memset(a, 0xaa, sizeof a);
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 1, a, (size_t)0xffffffffu * 64 + 1),
                 GOST_ERR_BAD_LENGTH);
    for (size_t i = 0; i < sizeof a; i++)
        cr_assert_eq(a[i], 0xaa, "byte %zu written", i);
#endif
    /* Zero iterations: the output is wiped. */
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 0, a, sizeof a), GOST_ERR_BAD_LENGTH);
    for (size_t i = 0; i < sizeof a; i++)
        cr_assert_eq(a[i], 0, "byte %zu not wiped", i);
    /* Empty password and salt are allowed. */
    cr_expect_eq(gost_pbkdf2_streebog512(NULL, 0, NULL, 0, 1, a, 32), GOST_OK);
}
