/* Kuznyechik with AVX2, constant time: batches of 32 blocks byte-sliced in
 * 256-bit vectors, and single blocks held whole in a vector (both halves),
 * for short tails, serial modes and the key schedule. The kernel body and
 * its reasoning are in kuznyechik_simd.h. */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/kuznyechik.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define KZ_WIDTH 256
#define KZ_BLENDV 1
#define KZ_NAME(x) x##_avx2
#include "kuznyechik_simd.h"

static void encrypt_avx2(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run_all_avx2(encrypt_sliced_avx2, encrypt_rows_avx2, sched, in, out, nblocks);
    _mm256_zeroall(); /* the state and the round keys lived in registers */
}

static void decrypt_avx2(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run_all_avx2(decrypt_sliced_avx2, decrypt_rows_avx2, sched, in, out, nblocks);
    _mm256_zeroall();
}

static void expand_key_avx2_clean(uint8_t rk[10][16], const uint8_t key[32])
{
    expand_key_avx2(rk, key);
    _mm256_zeroall();
}

static const struct gost_kuznyechik_kernel avx2_kernel = {
    "avx2", expand_key_avx2_clean, gost_kuznyechik_fill_sched_rows, encrypt_avx2, decrypt_avx2};

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
