/* gost-bench row for the Magma block cipher: ECB over the whole buffer on
 * the kernel gost_magma_set_key picks. OpenSSL's gostprov (and the GOST
 * engine) offer no magma-ecb, so the row has no OpenSSL side; their
 * magma-ctr and magma-cbc rows are beside ours in bench_modes.c. */
#include "bench.h"
#include "gost/magma.h"

static const uint8_t bench_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static gost_magma_key sched;

static int setup_magma(void)
{
    return gost_magma_set_key(&sched, bench_key) == GOST_OK ? 0 : -1;
}

static int ours_ecb(size_t n, size_t iters)
{
    for (size_t i = 0; i < iters; i++)
        gost_magma_encrypt_blocks(&sched, bench_in, bench_out, n / 8);
    return 0;
}

BENCH_ROW(magma_ecb, {"magma-ecb", 1, setup_magma, ours_ecb, NULL, NULL})
