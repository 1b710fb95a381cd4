/* Streebog, HMAC, KDF, PBKDF2: streaming, edge lengths, carries, error
 * codes, and differential tests against OpenSSL's GOST provider on every
 * CPU path this machine has. */
#include <criterion/criterion.h>
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <stdlib.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/hmac.h"
#include "gost/kdf.h"
#include "gost/pbkdf2.h"
#include "gost/streebog.h"
#include "ossl.h"
#include "testutil.h"

static const char *const paths[] = {"portable", "ssse3", "avx2"};

static int path_available(const char *p)
{
    unsigned f = gost_cpu_features();
    if (strcmp(p, "ssse3") == 0)
        return (f & GOST_CPU_HAS_SSSE3) != 0;
    if (strcmp(p, "avx2") == 0)
        return (f & GOST_CPU_HAS_AVX2) != 0;
    return 1;
}

static void ossl_digest(size_t size, const uint8_t *msg, size_t len, uint8_t *out)
{
    EVP_MD *md = EVP_MD_fetch(test_ossl_ctx(), size == 32 ? "md_gost12_256" : "md_gost12_512", NULL);
    cr_assert_not_null(md, "OpenSSL gostprov digest unavailable");
    unsigned int n = 0;
    cr_assert_eq(EVP_Digest(msg, len, out, &n, md, NULL), 1);
    cr_assert_eq(n, size);
    EVP_MD_free(md);
}

static void ossl_hmac(size_t size, const uint8_t *key, size_t klen, const uint8_t *msg, size_t len,
                      uint8_t *out)
{
    EVP_MAC *mac = EVP_MAC_fetch(test_ossl_ctx(), "HMAC", NULL);
    cr_assert_not_null(mac);
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    OSSL_PARAM params[2] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                         size == 32 ? "md_gost12_256" : "md_gost12_512", 0),
        OSSL_PARAM_construct_end()};
    size_t n = 0;
    cr_assert_eq(EVP_MAC_init(c, key, klen, params), 1);
    cr_assert_eq(EVP_MAC_update(c, msg, len), 1);
    cr_assert_eq(EVP_MAC_final(c, out, &n, size), 1);
    cr_assert_eq(n, size);
    EVP_MAC_CTX_free(c);
    EVP_MAC_free(mac);
}

static void ours(int public_path, size_t size, const uint8_t *msg, size_t len, uint8_t *out)
{
    int r;
    if (public_path)
        r = size == 32 ? gost_streebog256_public(msg, len, out) : gost_streebog512_public(msg, len, out);
    else
        r = size == 32 ? gost_streebog256(msg, len, out) : gost_streebog512(msg, len, out);
    cr_assert_eq(r, GOST_OK);
}

/* GOST R 34.11-2012 Appendix A, M1 and M2, digests in output byte order. */
static const char m1[] = "012345678901234567890123456789012345678901234567890123456789012";
static const char m1_512[] = "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
                             "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48";
static const char m2_hex[] = "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120ec"
                             "eef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb";
static const char m2_256[] = "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50";

static void split_everywhere(const uint8_t *msg, size_t len, size_t size, const char *want_hex)
{
    uint8_t want[64], got[64];
    cr_assert_eq(test_unhex(want_hex, want, sizeof want), (long)size);
    for (int pub = 0; pub < 2; pub++)
        for (size_t a = 0; a <= len; a++)
            for (size_t b = a; b <= len; b += 7) {
                gost_streebog_ctx c;
                cr_assert_eq(pub ? gost_streebog_public_init(&c, size) : gost_streebog_init(&c, size), 0);
                cr_assert_eq(gost_streebog_update(&c, msg, a), 0);
                cr_assert_eq(gost_streebog_update(&c, msg + a, b - a), 0);
                cr_assert_eq(gost_streebog_update(&c, msg + b, len - b), 0);
                cr_assert_eq(gost_streebog_final(&c, got), 0);
                cr_assert_arr_eq(got, want, size, "split %zu/%zu (public=%d)", a, b, pub);
            }
}

Test(streebog, m1_m2_every_split_point)
{
    uint8_t m2[72];
    cr_assert_eq(test_unhex(m2_hex, m2, sizeof m2), 72);
    for (size_t p = 0; p < 3; p++) {
        if (!path_available(paths[p]))
            continue;
        setenv("GOST_CPU", paths[p], 1);
        split_everywhere((const uint8_t *)m1, 63, 64, m1_512);
        split_everywhere(m2, 72, 32, m2_256);
    }
    unsetenv("GOST_CPU");
}

Test(streebog, edge_lengths_match_openssl)
{
    static const size_t lens[] = {0, 1, 63, 64, 65, 127, 128, 129, 3 * 1024 * 1024 + 17};
    size_t maxlen = lens[sizeof lens / sizeof lens[0] - 1];
    uint8_t *msg = malloc(maxlen);
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, msg, maxlen);
    for (size_t p = 0; p < 3; p++) {
        if (!path_available(paths[p]))
            continue;
        setenv("GOST_CPU", paths[p], 1);
        for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
            for (size_t size = 32; size <= 64; size += 32)
                for (int pub = 0; pub < 2; pub++) {
                    uint8_t a[64], b[64];
                    /* The portable ct path is slow: spare it the MiB input. */
                    if (lens[i] > 4096 && strcmp(paths[p], "portable") == 0 && !pub)
                        continue;
                    ours(pub, size, msg, lens[i], a);
                    ossl_digest(size, msg, lens[i], b);
                    cr_assert_arr_eq(a, b, size, "len %zu size %zu public %d path %s", lens[i], size,
                                     pub, paths[p]);
                }
    }
    unsetenv("GOST_CPU");
    free(msg);
}

/* All-ones blocks make Sigma's 512-bit additions carry through every limb,
 * and the counter N crosses 64-bit limb boundaries only in theory; a long
 * all-ones message exercises the carry chain on both paths. */
Test(streebog, carries_through_every_limb)
{
    size_t len = 64 * 40 + 5;
    uint8_t *msg = malloc(len);
    memset(msg, 0xff, len);
    for (size_t size = 32; size <= 64; size += 32)
        for (int pub = 0; pub < 2; pub++) {
            uint8_t a[64], b[64];
            ours(pub, size, msg, len, a);
            ossl_digest(size, msg, len, b);
            cr_assert_arr_eq(a, b, size);
        }
    /* A block whose sum with the previous one is exactly 2^512 - 1 + 1. */
    uint8_t two[128];
    memset(two, 0xff, 64);
    memset(two + 64, 0, 64);
    two[64] = 1;
    uint8_t a[64], b[64];
    ours(0, 64, two, sizeof two, a);
    ossl_digest(64, two, sizeof two, b);
    cr_assert_arr_eq(a, b, 64);
    free(msg);
}

Test(streebog, random_differential)
{
    uint64_t seed = test_seed();
    uint8_t msg[1500];
    for (int i = 0; i < 300; i++) {
        size_t len = (size_t)(test_rand_u64(&seed) % sizeof msg);
        size_t size = (test_rand_u64(&seed) & 1) ? 32 : 64;
        int pub = (int)(test_rand_u64(&seed) & 1);
        uint8_t a[64], b[64];
        test_rand_bytes(&seed, msg, len);
        ours(pub, size, msg, len, a);
        ossl_digest(size, msg, len, b);
        cr_assert_arr_eq(a, b, size, "seed-dependent case %d: len %zu", i, len);
    }
}

Test(streebog, bad_arguments)
{
    gost_streebog_ctx c;
    uint8_t d[64];
    cr_expect_eq(gost_streebog_init(NULL, 32), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog_init(&c, 48), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_streebog_public_init(&c, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_streebog256(NULL, 1, d), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog256(NULL, 0, d), GOST_OK);
    cr_assert_eq(gost_streebog_init(&c, 32), GOST_OK);
    cr_expect_eq(gost_streebog_update(&c, NULL, 5), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog_final(&c, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_streebog_final(&c, d), GOST_OK);
    /* final wiped the context: it is no longer usable. */
    cr_expect_eq(gost_streebog_update(&c, d, 1), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_streebog_final(&c, d), GOST_ERR_BAD_STATE);
    for (size_t i = 0; i < sizeof c; i++)
        cr_expect_eq(((uint8_t *)&c)[i], 0, "context byte %zu not wiped", i);
}

Test(hmac, keys_around_the_block_size_match_openssl)
{
    static const size_t klens[] = {0, 1, 16, 32, 63, 64, 65, 100, 200};
    uint64_t seed = test_seed();
    uint8_t key[200], msg[300];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, msg, sizeof msg);
    for (size_t i = 0; i < sizeof klens / sizeof klens[0]; i++)
        for (size_t size = 32; size <= 64; size += 32) {
            size_t mlen = (size_t)(test_rand_u64(&seed) % sizeof msg);
            uint8_t a[64], b[64];
            int r = size == 32 ? gost_hmac_streebog256(key, klens[i], msg, mlen, a)
                               : gost_hmac_streebog512(key, klens[i], msg, mlen, a);
            cr_assert_eq(r, GOST_OK);
            /* OpenSSL refuses a NULL key; a zero-length one is the same key. */
            ossl_hmac(size, klens[i] ? key : (const uint8_t *)"", klens[i], msg, mlen, b);
            cr_assert_arr_eq(a, b, size, "key length %zu, size %zu", klens[i], size);
        }
}

Test(hmac, streaming_any_split)
{
    uint8_t key[32], msg[200], whole[64], part[64];
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, msg, sizeof msg);
    cr_assert_eq(gost_hmac_streebog512(key, sizeof key, msg, sizeof msg, whole), 0);
    for (size_t a = 0; a <= sizeof msg; a++) {
        gost_hmac_streebog_ctx c;
        cr_assert_eq(gost_hmac_streebog_init(&c, 64, key, sizeof key), 0);
        cr_assert_eq(gost_hmac_streebog_update(&c, msg, a), 0);
        cr_assert_eq(gost_hmac_streebog_update(&c, msg + a, sizeof msg - a), 0);
        cr_assert_eq(gost_hmac_streebog_final(&c, part), 0);
        cr_assert_arr_eq(part, whole, 64, "split at %zu", a);
    }
}

Test(hmac, bad_arguments)
{
    gost_hmac_streebog_ctx c;
    uint8_t mac[64];
    cr_expect_eq(gost_hmac_streebog_init(&c, 16, "k", 1), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_hmac_streebog_init(&c, 32, NULL, 3), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog256("k", 1, NULL, 3, mac), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog256("k", 1, "m", 1, NULL), GOST_ERR_INVALID_ARGUMENT);
}

Test(kdf, tree_prefix_and_ranges)
{
    uint8_t key[32], a[200], b[200];
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, key, sizeof key);
    /* KDF_256 is KDF_TREE with R = 1 and L = 256. */
    cr_assert_eq(gost_kdf_gostr3411_2012_256(key, "lab", 3, "seed", 4, a), 0);
    cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "lab", 3, "seed", 4, 1, b, 32), 0);
    cr_assert_arr_eq(a, b, 32);
    /* L is part of the input: a shorter output is not a prefix of a longer one. */
    cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 2, a, 64), 0);
    cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 2, b, 32), 0);
    cr_expect_neq(memcmp(a, b, 32), 0);
    /* R changes the encoding of i, hence the output. */
    cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, b, 64), 0);
    cr_expect_neq(memcmp(a, b, 64), 0);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 0, a, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 5, a, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, a, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 0, "l", 1, "s", 1, 1, a, 32), GOST_ERR_BAD_LENGTH);
    /* R = 1 allows at most 255 blocks of 32 bytes. */
    static uint8_t big[256 * 32];
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, big, 255 * 32), GOST_OK);
    cr_expect_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 1, big, 255 * 32 + 1),
                 GOST_ERR_BAD_LENGTH);
    for (size_t i = 0; i < 255 * 32 + 1; i++)
        cr_assert_eq(big[i], 0, "output not wiped on error at %zu", i);
}

Test(pbkdf2, matches_openssl_and_checks_ranges)
{
    uint8_t a[150], b[150];
    EVP_KDF *kdf = EVP_KDF_fetch(test_ossl_ctx(), "PBKDF2", NULL);
    cr_assert_not_null(kdf);
    for (size_t outlen = 1; outlen <= 150; outlen += 37) {
        EVP_KDF_CTX *c = EVP_KDF_CTX_new(kdf);
        unsigned int iter = 3;
        int no_check = 1; /* disable the SP 800-132 lower bounds */
        OSSL_PARAM p[] = {
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, "pw", 2),
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, "saltsalt", 8),
            OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &iter),
            OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, "md_gost12_512", 0),
            OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &no_check),
            OSSL_PARAM_construct_end()};
        cr_assert_eq(EVP_KDF_derive(c, b, outlen, p), 1);
        EVP_KDF_CTX_free(c);
        cr_assert_eq(gost_pbkdf2_streebog512("pw", 2, "saltsalt", 8, 3, a, outlen), 0);
        cr_assert_arr_eq(a, b, outlen, "out_len %zu", outlen);
    }
    EVP_KDF_free(kdf);
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 0, a, 32), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 1, a, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_pbkdf2_streebog512(NULL, 2, "s", 1, 1, a, 32), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_pbkdf2_streebog512("pw", 2, "s", 1, 1, NULL, 32), GOST_ERR_INVALID_ARGUMENT);
}
