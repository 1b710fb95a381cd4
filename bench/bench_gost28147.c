/* gost-bench rows for GOST 28147-89: CNT and CFB (with CryptoPro key
 * meshing) and IMIT, beside the same operation of OpenSSL's gostprov:
 * gost89-cnt (CNT, CryptoPro-A, meshing), gost89 (CFB, param Z, meshing)
 * and gost-mac (IMIT, CryptoPro-A, meshing, 4-byte tag). Both sides keep
 * one keyed context and stream through it; the MAC starts a message per
 * iteration. */

#include "bench.h"
#include "gost/gost28147.h"

static const uint8_t bench_key[32] = {0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 1, 2, 3, 4, 5, 6, 7, 8,
                                      9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
static const uint8_t bench_iv[8] = {0x12, 0x34, 0x56, 0x78, 0x90, 0xab, 0xce, 0xf0};

static gost28147_ctx stream_ctx;
static gost28147_imit_ctx imit_ctx;

static int setup_cnt(void)
{
    return gost28147_init(&stream_ctx, GOST28147_MODE_CNT, GOST28147_ENCRYPT,
                          GOST28147_SBOX_CRYPTOPRO_A, bench_key, bench_iv, 1) ? -1 : 0;
}

static int setup_cfb(void)
{
    return gost28147_init(&stream_ctx, GOST28147_MODE_CFB, GOST28147_ENCRYPT,
                          GOST28147_SBOX_TC26_Z, bench_key, bench_iv, 1) ? -1 : 0;
}

static int setup_imit(void)
{
    return gost28147_imit_init(&imit_ctx, GOST28147_SBOX_CRYPTOPRO_A, bench_key, NULL, 1) ? -1 : 0;
}

static int ours_stream(size_t size, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        if (gost28147_update(&stream_ctx, bench_in, size, bench_out, NULL) != GOST_OK)
            return -1;
    return 0;
}

static int ours_imit(size_t size, size_t iters)
{
    for (size_t i = 0; i < iters; i++) {
        gost28147_imit_ctx c = imit_ctx;
        gost28147_imit_update(&c, bench_in, size);
        gost28147_imit_final(&c, bench_out, 4);
    }
    return 0;
}

static int ossl_cnt(size_t size, size_t iters)
{
    return bench_ossl_cipher("gost89-cnt", 1, 0, bench_key, bench_iv, size, iters);
}

static int ossl_cfb(size_t size, size_t iters)
{
    return bench_ossl_cipher("gost89", 1, 0, bench_key, bench_iv, size, iters);
}

static int ossl_imit(size_t size, size_t iters)
{
    return bench_ossl_mac(bench_ossl_libctx(), "gost-mac", 4, bench_key, size, iters);
}

BENCH_ROW(gost28147_cnt, {"gost28147-cnt", 1, setup_cnt, ours_stream, ossl_cnt, NULL})
BENCH_ROW(gost28147_cfb, {"gost28147-cfb", 1, setup_cfb, ours_stream, ossl_cfb, NULL})
BENCH_ROW(gost28147_imit, {"gost28147-imit", 1, setup_imit, ours_imit, ossl_imit, NULL})
