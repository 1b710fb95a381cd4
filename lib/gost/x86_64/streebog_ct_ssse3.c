/* Streebog's compression with SSSE3, constant time.
 *
 * S: pi' by pi_simd.h (the Biryukov-Perrin-Udovenko decomposition with
 * logarithms in GF(2^4): 10 pshufb of 16-entry tables per 16 bytes, no
 * data-dependent address). It replaced a lookup in each of the 16 rows of
 * the table with a compare per row: hmac-streebog256 175 -> 68 TSC
 * ticks/B on this path.
 * P and L together: output word i is the XOR over j of l(pi'(byte i of word
 * j) << 8j); l is linear, so that is the XOR of the images of pi's two
 * output nibbles l'', r'' (omega folded into the tables), each a pshufb into
 * gost_streebog_LN[j][half][byte t]. Lanes i of
 * accumulator t collect byte t of output word i; a byte transpose puts them
 * back in words. */
#include <stddef.h>

#include "gost/cpu.h"
#include "../internal/kuznyechik.h"
#include "../internal/util.h"
#include "../streebog_impl.h"

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>

/* pi' of every byte: pi_ssse3 (pi_simd.h). */
#define PI_WIDTH 128
#define PI_BLENDV 0
#define PI_NAME(x) x##_ssse3
#include "pi_simd.h"

static void lps_ssse3(uint64_t out[8], const uint64_t in[8])
{
    __m128i acc[8];
    for (int t = 0; t < 8; t++)
        acc[t] = _mm_setzero_si128();
    for (int q = 0; q < 4; q++) {
        /* pi' but its last step (omega), which LN has folded in: the nibbles
         * l'' (hi) and r'' (lo) of words 2q (low 8 bytes) and 2q + 1. */
        __m128i l2, r2;
        pi_halves_ssse3(_mm_loadu_si128((const __m128i *)(in + 2 * q)), &l2, &r2);
        for (int half = 0; half < 2; half++) {
            int j = 2 * q + half;
            __m128i lo = half ? _mm_srli_si128(r2, 8) : r2;
            __m128i hi = half ? _mm_srli_si128(l2, 8) : l2;
            for (int t = 0; t < 8; t++) {
                __m128i a = _mm_shuffle_epi8(_mm_load_si128((const __m128i *)gost_streebog_LN[j][0][t]), lo);
                __m128i b = _mm_shuffle_epi8(_mm_load_si128((const __m128i *)gost_streebog_LN[j][1][t]), hi);
                acc[t] = _mm_xor_si128(acc[t], _mm_xor_si128(a, b));
            }
        }
    }
    /* acc[t] byte i = byte t of output word i: transpose 8x8 bytes. */
    __m128i a01 = _mm_unpacklo_epi8(acc[0], acc[1]), a23 = _mm_unpacklo_epi8(acc[2], acc[3]);
    __m128i a45 = _mm_unpacklo_epi8(acc[4], acc[5]), a67 = _mm_unpacklo_epi8(acc[6], acc[7]);
    __m128i b0 = _mm_unpacklo_epi16(a01, a23), b1 = _mm_unpackhi_epi16(a01, a23);
    __m128i b2 = _mm_unpacklo_epi16(a45, a67), b3 = _mm_unpackhi_epi16(a45, a67);
    _mm_storeu_si128((__m128i *)(out + 0), _mm_unpacklo_epi32(b0, b2));
    _mm_storeu_si128((__m128i *)(out + 2), _mm_unpackhi_epi32(b0, b2));
    _mm_storeu_si128((__m128i *)(out + 4), _mm_unpacklo_epi32(b1, b3));
    _mm_storeu_si128((__m128i *)(out + 6), _mm_unpackhi_epi32(b1, b3));
}

static void compress_ssse3(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    gost_streebog_g(lps_ssse3, h, n, m);
    gost_clear_xmm(); /* the key schedule passed through registers */
}

gost_streebog_compress_fn gost_streebog_compress_ssse3_get(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_SSSE3) ? compress_ssse3 : NULL;
}
#else
gost_streebog_compress_fn gost_streebog_compress_ssse3_get(void)
{
    return NULL;
}
#endif
