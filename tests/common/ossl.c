#include "ossl.h"

OSSL_LIB_CTX *test_ossl_ctx(void)
{
    static OSSL_LIB_CTX *ctx;
    if (ctx == NULL) {
        ctx = OSSL_LIB_CTX_new();
        if (ctx != NULL && (OSSL_PROVIDER_load(ctx, "gostprov") == NULL ||
                            OSSL_PROVIDER_load(ctx, "default") == NULL)) {
            OSSL_LIB_CTX_free(ctx);
            ctx = NULL;
        }
    }
    return ctx;
}

int test_ossl_load_into_default_ctx(void)
{
    /* The handles are kept so that the providers stay reachable (a process
     * that ends without OPENSSL_cleanup must not look like a leak). */
    static OSSL_PROVIDER *gost, *dflt;
    if (gost == NULL)
        gost = OSSL_PROVIDER_load(NULL, "gostprov");
    if (dflt == NULL)
        dflt = OSSL_PROVIDER_load(NULL, "default");
    return gost != NULL && dflt != NULL;
}

ENGINE *test_ossl_gost_engine(void)
{
    static ENGINE *e;
    if (e == NULL) {
        ENGINE_load_builtin_engines();
        e = ENGINE_by_id("gost");
        if (e != NULL && !ENGINE_init(e)) {
            ENGINE_free(e);
            e = NULL;
        }
    }
    return e;
}
