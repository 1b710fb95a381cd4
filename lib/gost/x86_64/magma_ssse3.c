/* Magma and GOST 28147-89 with SSSE3, constant time: batches of 16 blocks
 * byte-sliced in 128-bit vectors (the kernel body is magma_simd.h, the
 * schedule magma_sliced.c). */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/magma.h"
#include "../internal/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>

#define MG_WIDTH 128
#define MG_NAME(x) x##_ssse3
#include "magma_simd.h"

static const struct gost_magma_kernel ssse3_kernel = {"ssse3", gost_net_prepare_sliced, mg_encrypt_ssse3,
                                                      mg_decrypt_ssse3, mg_mac16_clear_ssse3,
                                                      mg_chain_ssse3};

const struct gost_magma_kernel *gost_magma_kernel_ssse3(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_SSSE3) ? &ssse3_kernel : NULL;
}
#else
const struct gost_magma_kernel *gost_magma_kernel_ssse3(void)
{
    return NULL;
}
#endif
