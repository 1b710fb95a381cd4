/* OpenSSL's GOST provider as the independent oracle for the Streebog
 * family's suites (test_streebog/hmac/kdf/pbkdf2.c), and the CPU paths
 * they loop over. */
#ifndef TEST_STREEBOG_OSSL_H
#define TEST_STREEBOG_OSSL_H

#include <criterion/criterion.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <string.h>

#include "gost/cpu.h"
#include "ossl.h"
#include "testutil.h"

static const char *const sb_paths[] = {"portable", "ssse3", "avx2"};
#define SB_NPATHS (sizeof sb_paths / sizeof sb_paths[0])

static inline int sb_path_available(const char *p)
{
    unsigned f = test_cpu_features_at_start();
    if (strcmp(p, "ssse3") == 0)
        return (f & GOST_CPU_HAS_SSSE3) != 0;
    if (strcmp(p, "avx2") == 0)
        return (f & GOST_CPU_HAS_AVX2) != 0;
    return 1;
}

static inline void sb_ossl_digest(size_t size, const uint8_t *msg, size_t len, uint8_t *out)
{
    EVP_MD *md = EVP_MD_fetch(test_ossl_ctx(), size == 32 ? "md_gost12_256" : "md_gost12_512", NULL);
    cr_assert_not_null(md, "OpenSSL gostprov digest unavailable");
    unsigned int n = 0;
    cr_assert_eq(EVP_Digest(msg, len, out, &n, md, NULL), 1);
    cr_assert_eq(n, size);
    EVP_MD_free(md);
}

/* HMAC of the concatenation of parts (NULL-terminated list of (ptr, len)). */
static inline void sb_ossl_hmac_parts(size_t size, const uint8_t *key, size_t klen,
                                      const void *const *parts, const size_t *lens, size_t nparts,
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
    /* OpenSSL refuses a NULL key; a zero-length one is the same key. */
    cr_assert_eq(EVP_MAC_init(c, klen ? key : (const uint8_t *)"", klen, params), 1);
    for (size_t i = 0; i < nparts; i++)
        cr_assert_eq(EVP_MAC_update(c, parts[i], lens[i]), 1);
    cr_assert_eq(EVP_MAC_final(c, out, &n, size), 1);
    cr_assert_eq(n, size);
    EVP_MAC_CTX_free(c);
    EVP_MAC_free(mac);
}

static inline void sb_ossl_hmac(size_t size, const uint8_t *key, size_t klen, const uint8_t *msg,
                                size_t len, uint8_t *out)
{
    const void *parts[1] = {msg};
    size_t lens[1] = {len};
    sb_ossl_hmac_parts(size, key, klen, parts, lens, 1, out);
}

#endif
