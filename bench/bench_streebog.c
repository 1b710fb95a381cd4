/* gost-bench rows for Streebog and its keyed uses, beside OpenSSL's
 * gostprov (digests, HMAC, PBKDF2 through EVP). */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "bench.h"
#include "gost/hmac.h"
#include "gost/kdf.h"
#include "gost/pbkdf2.h"
#include "gost/streebog.h"

static const uint8_t bench_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
#define PBKDF2_ITERATIONS 2000

static int ours_streebog256(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_streebog256(bench_in, n, bench_out);
    return 0;
}

static int ours_streebog512(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_streebog512(bench_in, n, bench_out);
    return 0;
}

static int ours_streebog512_public(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_streebog512_public(bench_in, n, bench_out);
    return 0;
}

static int ours_streebog256_public(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_streebog256_public(bench_in, n, bench_out);
    return 0;
}

static int ours_hmac256(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_hmac_streebog256(bench_key, 32, bench_in, n, bench_out);
    return 0;
}

static int ours_hmac512(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_hmac_streebog512(bench_key, 32, bench_in, n, bench_out);
    return 0;
}

static int ours_kdf_tree(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_kdf_tree_gostr3411_2012_256(bench_key, 32, "label", 5, bench_in, 32, 1, bench_out, 64);
    return 0;
}

static int ours_pbkdf2(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_pbkdf2_streebog512("password", 8, "saltsaltsaltsalt", 16, PBKDF2_ITERATIONS, bench_out, 32);
    return 0;
}

static int ossl_digest(const char *name, size_t n, size_t iters)
{
    if (bench_ossl_libctx() == NULL)
        return -1;
    EVP_MD *md = EVP_MD_fetch(bench_ossl_libctx(), name, NULL);
    if (md == NULL)
        return -1;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    unsigned int len;
    for (size_t i = 0; i < iters; i++) {
        EVP_DigestInit_ex(c, md, NULL);
        EVP_DigestUpdate(c, bench_in, n);
        EVP_DigestFinal_ex(c, bench_out, &len);
    }
    EVP_MD_CTX_free(c);
    EVP_MD_free(md);
    return 0;
}

static int ossl_streebog256(size_t n, size_t iters)
{
    return ossl_digest("md_gost12_256", n, iters);
}

static int ossl_streebog512(size_t n, size_t iters)
{
    return ossl_digest("md_gost12_512", n, iters);
}

static int ossl_hmac(const char *md, size_t n, size_t iters)
{
    if (bench_ossl_libctx() == NULL)
        return -1;
    EVP_MAC *mac = EVP_MAC_fetch(bench_ossl_libctx(), "HMAC", NULL);
    if (mac == NULL)
        return -1;
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)md, 0),
                       OSSL_PARAM_construct_end()};
    size_t len;
    for (size_t i = 0; i < iters; i++) {
        EVP_MAC_init(c, bench_key, 32, p);
        EVP_MAC_update(c, bench_in, n);
        EVP_MAC_final(c, bench_out, &len, 64);
    }
    EVP_MAC_CTX_free(c);
    EVP_MAC_free(mac);
    return 0;
}

static int ossl_hmac256(size_t n, size_t iters)
{
    return ossl_hmac("md_gost12_256", n, iters);
}

static int ossl_hmac512(size_t n, size_t iters)
{
    return ossl_hmac("md_gost12_512", n, iters);
}

static int ossl_pbkdf2(size_t n, size_t iters)
{
    if (bench_ossl_libctx() == NULL)
        return -1;
    EVP_KDF *kdf = EVP_KDF_fetch(bench_ossl_libctx(), "PBKDF2", NULL);
    if (kdf == NULL)
        return -1;
    EVP_KDF_CTX *c = EVP_KDF_CTX_new(kdf);
    unsigned int it = PBKDF2_ITERATIONS;
    OSSL_PARAM p[] = {OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, "password", 8),
                      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, "saltsaltsaltsalt", 16),
                      OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &it),
                      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, "md_gost12_512", 0),
                      OSSL_PARAM_construct_end()};
    int rc = 0;
    for (size_t i = 0; i < iters && rc == 0; i++)
        rc = EVP_KDF_derive(c, bench_out, 32, p) == 1 ? 0 : -1;
    EVP_KDF_CTX_free(c);
    EVP_KDF_free(kdf);
    return rc;
}

BENCH_ROW(streebog256, {"streebog256", 1, NULL, ours_streebog256, ossl_streebog256, NULL})
BENCH_ROW(streebog512, {"streebog512", 1, NULL, ours_streebog512, ossl_streebog512, NULL})
BENCH_ROW(streebog256_public, {"streebog256-public", 1, NULL, ours_streebog256_public, ossl_streebog256, NULL})
BENCH_ROW(streebog512_public, {"streebog512-public", 1, NULL, ours_streebog512_public, ossl_streebog512, NULL})
BENCH_ROW(hmac_streebog256, {"hmac-streebog256", 1, NULL, ours_hmac256, ossl_hmac256, NULL})
BENCH_ROW(hmac_streebog512, {"hmac-streebog512", 1, NULL, ours_hmac512, ossl_hmac512, NULL})
BENCH_ROW(kdf_tree, {"kdf-tree-streebog256", 0, NULL, ours_kdf_tree, NULL, NULL})
BENCH_ROW(pbkdf2, {"pbkdf2-streebog512", 0, NULL, ours_pbkdf2, ossl_pbkdf2, NULL})
