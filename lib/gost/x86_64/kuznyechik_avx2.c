/* Kuznyechik with AVX2, constant time: batches of 32 blocks byte-sliced in
 * 256-bit vectors, and single blocks held whole in a vector (both halves),
 * for short tails, serial modes and the key schedule. The kernel body and
 * its reasoning are in kuznyechik_simd.h. */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/counter.h"
#include "../internal/kuznyechik.h"
#include "../internal/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

/* The schedule: the round keys as 16-byte rows (bytes 0..159), then every
 * key byte as a 32-bit word holding it four times (bytes 160..799), which
 * the batch kernel broadcasts with a plain load (kz_key). */
#define KZ_KEY_DWORDS_AT 160
_Static_assert(KZ_KEY_DWORDS_AT + 10 * 16 * 4 <= 8 * GOST_KUZNYECHIK_SCHED_WORDS, "the schedule is too small");

static void fill_sched_avx2(uint64_t *sched, const uint8_t rk[10][16])
{
    gost_kuznyechik_fill_sched_rows(sched, rk);
    uint8_t *dwords = (uint8_t *)sched + KZ_KEY_DWORDS_AT;
    for (int i = 0; i < 10 * 16; i++)
        memset(dwords + 4 * i, rk[i / 16][i % 16], 4);
}

#define KZ_WIDTH 256
#define KZ_BLENDV 1
#define KZ_NAME(x) x##_avx2
#include "kuznyechik_simd.h"

static const struct gost_kuznyechik_kernel avx2_kernel = {
    "avx2", expand_key_clear_avx2, fill_sched_avx2, encrypt_avx2, decrypt_avx2, ctr_avx2};

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
