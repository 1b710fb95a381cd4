/* Magma and GOST 28147-89 with AVX2, constant time: batches of 32 blocks
 * byte-sliced in 256-bit vectors (the kernel body is magma_simd.h, the
 * schedule magma_sliced.c). */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/magma.h"
#include "../internal/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define MG_WIDTH 256
#define MG_NAME(x) x##_avx2
#include "magma_simd.h"

static void encrypt_avx2(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    mg_run_avx2(sched, in, out, nblocks, 0);
    _mm256_zeroall(); /* the state and the key bytes lived in registers */
}

static void decrypt_avx2(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    mg_run_avx2(sched, in, out, nblocks, 1);
    _mm256_zeroall();
}

static uint64_t mac16_avx2(const uint64_t *sched, uint64_t x)
{
    uint64_t y = mg_mac16_avx2(sched, x);
    _mm256_zeroall();
    return y;
}

static const struct gost_magma_kernel avx2_kernel = {"avx2", gost_net_prepare_sliced, encrypt_avx2,
                                                     decrypt_avx2, mac16_avx2};

const struct gost_magma_kernel *gost_magma_kernel_avx2(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_AVX2) ? &avx2_kernel : NULL;
}
#else
const struct gost_magma_kernel *gost_magma_kernel_avx2(void)
{
    return NULL;
}
#endif
