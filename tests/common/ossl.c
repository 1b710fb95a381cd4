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
