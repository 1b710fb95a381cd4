/* MGM's multiply-accumulate with PCLMULQDQ (the carry-less multiplier is
 * constant time). Products are summed unreduced and reduced once per call
 * with the portable reduction. */
#include "gost/cpu.h"
#include "../internal/mgm.h"

#if defined(__x86_64__) && defined(__PCLMUL__)
#include <immintrin.h>
#include <string.h>

/* Blocks are big-endian numbers: byte-reverse into a 128-bit lane. */
static __m128i load_be128(const uint8_t *p)
{
    const __m128i rev = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), rev);
}

static void gf128_mac_pclmul(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks)
{
    __m128i lo = _mm_setzero_si128(), mid = _mm_setzero_si128(), hi = _mm_setzero_si128();
    for (size_t i = 0; i < nblocks; i++, h += 16, x += 16) {
        __m128i a = load_be128(h), b = load_be128(x);
        lo = _mm_xor_si128(lo, _mm_clmulepi64_si128(a, b, 0x00));
        hi = _mm_xor_si128(hi, _mm_clmulepi64_si128(a, b, 0x11));
        mid = _mm_xor_si128(mid, _mm_clmulepi64_si128(a, b, 0x01));
        mid = _mm_xor_si128(mid, _mm_clmulepi64_si128(a, b, 0x10));
    }
    uint64_t w[4];
    w[0] = (uint64_t)_mm_cvtsi128_si64(lo);
    w[1] = (uint64_t)_mm_extract_epi64(lo, 1) ^ (uint64_t)_mm_cvtsi128_si64(mid);
    w[2] = (uint64_t)_mm_cvtsi128_si64(hi) ^ (uint64_t)_mm_extract_epi64(mid, 1);
    w[3] = (uint64_t)_mm_extract_epi64(hi, 1);
    gost_gf128_reduce(acc, w);
}

static void gf64_mac_pclmul(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks)
{
    __m128i sum = _mm_setzero_si128();
    for (size_t i = 0; i < nblocks; i++, h += 8, x += 8) {
        uint64_t a, b;
        memcpy(&a, h, 8);
        memcpy(&b, x, 8);
        a = __builtin_bswap64(a);
        b = __builtin_bswap64(b);
        sum = _mm_xor_si128(sum, _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)a),
                                                      _mm_cvtsi64_si128((long long)b), 0x00));
    }
    acc[0] ^= gost_gf64_reduce((uint64_t)_mm_extract_epi64(sum, 1), (uint64_t)_mm_cvtsi128_si64(sum));
}

static int have_pclmul(void)
{
    unsigned need = GOST_CPU_HAS_PCLMUL | GOST_CPU_HAS_SSSE3 | GOST_CPU_HAS_SSE41;
    return (gost_cpu_features() & need) == need;
}

gost_gf_mac_fn gost_gf128_mac_pclmul_get(void)
{
    return have_pclmul() ? gf128_mac_pclmul : NULL;
}

gost_gf_mac_fn gost_gf64_mac_pclmul_get(void)
{
    return have_pclmul() ? gf64_mac_pclmul : NULL;
}
#else
gost_gf_mac_fn gost_gf128_mac_pclmul_get(void)
{
    return NULL;
}

gost_gf_mac_fn gost_gf64_mac_pclmul_get(void)
{
    return NULL;
}
#endif
