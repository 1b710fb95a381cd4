/* Kuznyechik with AVX2, constant time: batches of 32 blocks byte-sliced in
 * 256-bit vectors, and single blocks held whole in a vector (both halves),
 * for short tails, serial modes and the key schedule. The kernel body and
 * its reasoning are in kuznyechik_simd.h. */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/kuznyechik.h"
#include "../internal/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define KZ_WIDTH 256
#define KZ_BLENDV 1
#define KZ_NAME(x) x##_avx2
#include "kuznyechik_simd.h"

static const struct gost_kuznyechik_kernel avx2_kernel = {
    "avx2", expand_key_clear_avx2, gost_kuznyechik_fill_sched_rows, encrypt_avx2, decrypt_avx2};

const struct gost_kuznyechik_kernel *gost_kuznyechik_kernel_avx2(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_AVX2) ? &avx2_kernel : NULL;
}
#else
const struct gost_kuznyechik_kernel *gost_kuznyechik_kernel_avx2(void)
{
    return NULL;
}
#endif
