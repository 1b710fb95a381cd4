/* Kuznyechik with SSSE3, constant time: batches of 16 blocks byte-sliced in
 * 128-bit vectors, and single blocks held whole in a vector, for short
 * tails, serial modes and the key schedule. The kernel body and its
 * reasoning are in kuznyechik_simd.h; without SSE4.1's pblendvb the S-box
 * keeps each byte's row by comparing its high nibble with the row numbers. */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/counter.h"
#include "../internal/kuznyechik.h"
#include "../internal/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>

#define KZ_WIDTH 128
#define KZ_BLENDV 0
#define KZ_NAME(x) x##_ssse3
#include "kuznyechik_simd.h"

static const struct gost_kuznyechik_kernel ssse3_kernel = {
    "ssse3", expand_key_clear_ssse3, gost_kuznyechik_fill_sched_rows, encrypt_ssse3, decrypt_ssse3, ctr_ssse3,
    chain_ssse3};

const struct gost_kuznyechik_kernel *gost_kuznyechik_kernel_ssse3(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_SSSE3) ? &ssse3_kernel : NULL;
}
#else
const struct gost_kuznyechik_kernel *gost_kuznyechik_kernel_ssse3(void)
{
    return NULL;
}
#endif
