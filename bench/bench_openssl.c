/* Loads OpenSSL's GOST provider (gostprov, for digests, ciphers, MACs) and
 * the GOST engine (for keys, signatures, VKO, which the provider lacks) at
 * run time, once, for the --vs-openssl columns. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/engine.h>
#include <openssl/provider.h>

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
