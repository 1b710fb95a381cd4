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

static const struct gost_magma_kernel avx2_kernel = {"avx2", gost_net_prepare_sliced, mg_encrypt_avx2,
                                                     mg_decrypt_avx2, mg_mac16_clear_avx2};

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
