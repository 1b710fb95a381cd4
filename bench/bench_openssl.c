/* Loads OpenSSL's GOST provider (gostprov, for digests, ciphers, MACs) and
 * the GOST engine (for keys, signatures, VKO, which the provider lacks) at
 * run time, once, for the --vs-openssl columns. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/core_names.h>
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <string.h>

#include "bench.h"

static OSSL_LIB_CTX *ctx;
static int ctx_tried;

OSSL_LIB_CTX *bench_ossl_libctx(void)
{
    if (!ctx_tried) {
        ctx_tried = 1;
        ctx = OSSL_LIB_CTX_new();
        if (ctx != NULL && (OSSL_PROVIDER_load(ctx, "gostprov") == NULL ||
                            OSSL_PROVIDER_load(ctx, "default") == NULL)) {
            OSSL_LIB_CTX_free(ctx);
            ctx = NULL;
        }
    }
    return ctx;
}

ENGINE *bench_ossl_gost_engine(void)
{
    static ENGINE *e;
    static int tried;
    if (!tried) {
        tried = 1;
        ENGINE_load_builtin_engines();
        e = ENGINE_by_id("gost");
        if (e != NULL && !ENGINE_init(e)) {
            ENGINE_free(e);
            e = NULL;
        }
    }
    return e;
}

/* Keyed cipher contexts, one per (name, direction, key mesh), made on
 * first use and kept: each timed call then only streams through one, as
 * ours does through its mode context, whether the call is one of many
 * iterations or a single --fastest call (where a fetch and key schedule
 * per call would be timed as OpenSSL's). */
#define CIPHER_CACHE 16
static struct {
    const char *name;
    int enc;
    size_t key_mesh;
    EVP_CIPHER_CTX *ctx;
} cipher_cache[CIPHER_CACHE];

static EVP_CIPHER_CTX *keyed_cipher(const char *name, int enc, size_t key_mesh, const uint8_t key[32],
                                    const uint8_t *iv)
{
    size_t i;
    for (i = 0; i < CIPHER_CACHE && cipher_cache[i].name != NULL; i++)
        if (strcmp(cipher_cache[i].name, name) == 0 && cipher_cache[i].enc == enc &&
            cipher_cache[i].key_mesh == key_mesh)
            return cipher_cache[i].ctx;
    if (i == CIPHER_CACHE || bench_ossl_libctx() == NULL)
        return NULL;
    EVP_CIPHER *ci = EVP_CIPHER_fetch(bench_ossl_libctx(), name, NULL);
    EVP_CIPHER_CTX *c = ci != NULL ? EVP_CIPHER_CTX_new() : NULL;
    int ok = c != NULL && EVP_CipherInit_ex2(c, ci, key, iv, enc, NULL) == 1 &&
             EVP_CIPHER_CTX_set_padding(c, 0) == 1;
    if (ok && key_mesh != 0) {
        OSSL_PARAM p[2] = {OSSL_PARAM_construct_size_t("key-mesh", &key_mesh), OSSL_PARAM_construct_end()};
        ok = EVP_CIPHER_CTX_set_params(c, p) == 1;
    }
    EVP_CIPHER_free(ci); /* the context keeps its own reference */
    if (!ok) {
        EVP_CIPHER_CTX_free(c);
        return NULL; /* not cached: the row prints n/a */
    }
    cipher_cache[i].name = name;
    cipher_cache[i].enc = enc;
    cipher_cache[i].key_mesh = key_mesh;
    cipher_cache[i].ctx = c;
    return c;
}

int bench_ossl_cipher(const char *name, int enc, size_t key_mesh, const uint8_t key[32], const uint8_t *iv,
                      size_t size, size_t iters)
{
    EVP_CIPHER_CTX *c = keyed_cipher(name, enc, key_mesh, key, iv);
    int len, rc = c != NULL ? 0 : -1;
    for (size_t i = 0; i < iters && rc == 0; i++)
        rc = EVP_CipherUpdate(c, bench_out, &len, bench_in, (int)size) == 1 ? 0 : -1;
    return rc;
}

/* Keyed MAC contexts, one per (library context, name, tag size), made on
 * first use and kept. Each message then starts from a copy of the keyed
 * context, as ours start from a copy of a keyed one: re-initialising with
 * the key would time OpenSSL's key schedule per message and ours not. */
#define MAC_CACHE 8
static struct {
    OSSL_LIB_CTX *libctx;
    const char *name;
    size_t tag;
    EVP_MAC_CTX *keyed;
} mac_cache[MAC_CACHE];

static EVP_MAC_CTX *keyed_mac(OSSL_LIB_CTX *libctx, const char *name, size_t tag, const uint8_t key[32])
{
    size_t i;
    for (i = 0; i < MAC_CACHE && mac_cache[i].name != NULL; i++)
        if (mac_cache[i].libctx == libctx && strcmp(mac_cache[i].name, name) == 0 && mac_cache[i].tag == tag)
            return mac_cache[i].keyed;
    if (i == MAC_CACHE)
        return NULL;
    EVP_MAC *mac = EVP_MAC_fetch(libctx, name, NULL);
    EVP_MAC_CTX *c = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &tag), OSSL_PARAM_construct_end()};
    int ok = c != NULL && EVP_MAC_init(c, key, 32, p) == 1;
    EVP_MAC_free(mac); /* the context keeps its own reference */
    if (!ok) {
        EVP_MAC_CTX_free(c);
        return NULL;
    }
    mac_cache[i].libctx = libctx;
    mac_cache[i].name = name;
    mac_cache[i].tag = tag;
    mac_cache[i].keyed = c;
    return c;
}

int bench_ossl_mac(OSSL_LIB_CTX *libctx, const char *name, size_t tag, const uint8_t key[32], size_t size,
                   size_t iters)
{
    EVP_MAC_CTX *keyed = keyed_mac(libctx, name, tag, key);
    int rc = keyed != NULL ? 0 : -1;
    for (size_t i = 0; i < iters && rc == 0; i++) {
        EVP_MAC_CTX *c = EVP_MAC_CTX_dup(keyed);
        size_t got;
        if (c == NULL || EVP_MAC_update(c, bench_in, size) != 1 || EVP_MAC_final(c, bench_out, &got, tag) != 1)
            rc = -1;
        EVP_MAC_CTX_free(c);
    }
    return rc;
}
