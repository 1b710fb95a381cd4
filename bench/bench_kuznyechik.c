/* gost-bench row for the Kuznyechik block cipher: ECB over the whole
 * buffer (the kernel GOST_CPU allows), beside OpenSSL's gostprov
 * kuznyechik-ecb through EVP. Both sides set their key up once (OpenSSL's
 * context is kept by bench_ossl_cipher): a fetch and a context per timed
 * call would swamp the small sizes. */
#include "bench.h"
#include "gost/kuznyechik.h"

static const uint8_t bench_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static gost_kuznyechik_key sched;

static int setup_kuznyechik(void)
{
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
    return bench_ossl_cipher("kuznyechik-ecb", 1, 0, bench_key, NULL, n / 16 * 16, iters);
}

BENCH_ROW(kuznyechik_ecb, {"kuznyechik-ecb", 1, setup_kuznyechik, ours_ecb, ossl_ecb, NULL})
