/* gost-bench row for the Kuznyechik block cipher: ECB over the whole
 * buffer (the kernel GOST_CPU allows), beside OpenSSL's gostprov
 * kuznyechik-ecb through EVP. Both sides set their key up once, in setup:
 * a fetch and a context per timed call would swamp the small sizes. */
#include <openssl/evp.h>

#include "bench.h"
#include "gost/kuznyechik.h"

static const uint8_t bench_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static gost_kuznyechik_key sched;
static EVP_CIPHER_CTX *ossl_ctx; /* NULL when OpenSSL's GOST provider is unavailable */

static void setup_openssl(void)
{
    if (bench_ossl_libctx() == NULL)
        return;
    EVP_CIPHER *c = EVP_CIPHER_fetch(bench_ossl_libctx(), "kuznyechik-ecb", NULL);
    EVP_CIPHER_CTX *ctx = c != NULL ? EVP_CIPHER_CTX_new() : NULL;
    if (ctx != NULL && EVP_EncryptInit_ex2(ctx, c, bench_key, NULL, NULL) == 1 &&
        EVP_CIPHER_CTX_set_padding(ctx, 0) == 1)
        ossl_ctx = ctx;
    else
        EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(c); /* the context keeps its own reference */
}

static int setup_kuznyechik(void)
{
    if (ossl_ctx == NULL)
        setup_openssl();
    return gost_kuznyechik_set_key(&sched, bench_key) == GOST_OK ? 0 : -1;
}

static int ours_ecb(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_kuznyechik_encrypt_blocks(&sched, bench_in, bench_out, n / 16);
    return 0;
}

static int ossl_ecb(size_t n, size_t iters)
{
    int len;
    if (ossl_ctx == NULL)
        return -1;
    for (size_t i = 0; i < iters; i++)
        if (EVP_EncryptUpdate(ossl_ctx, bench_out, &len, bench_in, (int)(n / 16 * 16)) != 1)
            return -1;
    return 0;
}

BENCH_ROW(kuznyechik_ecb, {"kuznyechik-ecb", 1, setup_kuznyechik, ours_ecb, ossl_ecb})
