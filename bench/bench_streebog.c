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

/* OpenSSL's digest and HMAC objects are fetched once per name and kept
 * (index 0: Streebog-256, 1: -512), so that a timed call, even the single
 * call of --fastest, is OpenSSL's hashing alone, as ours is. */
static const char *const ossl_streebog_names[2] = {"md_gost12_256", "md_gost12_512"};

static EVP_MD_CTX *digest_ctx(int which, const EVP_MD **md)
{
    static EVP_MD *mds[2];
    static EVP_MD_CTX *ctxs[2];
    if (ctxs[which] == NULL && bench_ossl_libctx() != NULL) {
        mds[which] = EVP_MD_fetch(bench_ossl_libctx(), ossl_streebog_names[which], NULL);
        ctxs[which] = mds[which] != NULL ? EVP_MD_CTX_new() : NULL;
    }
    *md = mds[which];
    return ctxs[which];
}

static int ossl_digest(int which, size_t n, size_t iters)
{
    const EVP_MD *md;
    EVP_MD_CTX *c = digest_ctx(which, &md);
    unsigned int len;
    if (c == NULL)
        return -1;
    for (size_t i = 0; i < iters; i++)
        if (EVP_DigestInit_ex(c, md, NULL) != 1 || EVP_DigestUpdate(c, bench_in, n) != 1 ||
            EVP_DigestFinal_ex(c, bench_out, &len) != 1)
            return -1;
    return 0;
}

static int ossl_streebog256(size_t n, size_t iters)
{
    return ossl_digest(0, n, iters);
}

static int ossl_streebog512(size_t n, size_t iters)
{
    return ossl_digest(1, n, iters);
}

/* Both sides take the key with each message, as a one-shot HMAC does
 * (ours: gost_hmac_streebog256); OpenSSL's MAC context is made once. */
static int ossl_hmac(int which, size_t n, size_t iters)
{
    static EVP_MAC_CTX *ctxs[2];
    if (ctxs[which] == NULL && bench_ossl_libctx() != NULL) {
        EVP_MAC *mac = EVP_MAC_fetch(bench_ossl_libctx(), "HMAC", NULL);
        ctxs[which] = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
        EVP_MAC_free(mac); /* the context keeps its own reference */
    }
    if (ctxs[which] == NULL)
        return -1;
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)ossl_streebog_names[which], 0),
                       OSSL_PARAM_construct_end()};
    size_t len;
    for (size_t i = 0; i < iters; i++)
        if (EVP_MAC_init(ctxs[which], bench_key, 32, p) != 1 || EVP_MAC_update(ctxs[which], bench_in, n) != 1 ||
            EVP_MAC_final(ctxs[which], bench_out, &len, 64) != 1)
            return -1;
    return 0;
}

static int ossl_hmac256(size_t n, size_t iters)
{
    return ossl_hmac(0, n, iters);
}

static int ossl_hmac512(size_t n, size_t iters)
{
    return ossl_hmac(1, n, iters);
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
