/* Streebog's compression with AVX2, constant time: the SSSE3 kernel's
 * method (see streebog_ct_ssse3.c) on 256-bit registers.
 *
 * S: the 64 state bytes fill two registers; for each row h of pi' (16
 * rows of 16 bytes, broadcast to both 128-bit lanes), vpshufb looks the low
 * nibbles up in row h, and blends on the bits of the high nibble keep each
 * byte's row: no data-dependent address.
 * P and L: output word i is the XOR over j of l(pi'(byte i of word j) << 8j),
 * the XOR of the images of its two nibbles, each a vpshufb into a row of
 * gost_streebog_LN2. A register holds words j = ja (low lane) and jb (high
 * lane) in its low 8 bytes per lane, so one vpshufb serves two words; the
 * two lanes are folded, and a byte transposition puts accumulator t (lanes
 * i = byte t of output word i) back into words. */
#include <stddef.h>

#include "gost/cpu.h"
#include "../streebog_impl.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

/* pi' on 32 bytes: the 16 candidates pi'(16h + low nibble), one vpshufb
 * per row h, are narrowed to one by a tree of byte blends on the four bits
 * of the high nibble (vpblendvb reads each byte's top bit, so bit 4+k is
 * shifted up to bit 7). */
static inline __m256i sbox32(__m256i v, const __m256i rows[16])
{
    __m256i lo = _mm256_and_si256(v, _mm256_set1_epi8(0x0f));
    __m256i s[16];
    for (int h = 0; h < 16; h++)
        s[h] = _mm256_shuffle_epi8(rows[h], lo);
    for (int k = 0, n = 16; k < 4; k++, n /= 2) {
        __m256i sel = _mm256_slli_epi16(v, 3 - k);
        for (int i = 0; i < n / 2; i++)
            s[i] = _mm256_blendv_epi8(s[2 * i], s[2 * i + 1], sel);
    }
    return s[0];
}

/* LPS on the state held in registers: *a = words 0..3, *b = words 4..7. */
static inline void lps_avx2(__m256i *a, __m256i *b, const __m256i rows[16])
{
    const __m256i mask = _mm256_set1_epi8(0x0f);
    __m256i sa = sbox32(*a, rows), sb = sbox32(*b, rows);
    /* Low 8 bytes of each lane: words (0,2), (1,3), (4,6), (5,7). */
    __m256i w[4] = {sa, _mm256_srli_si256(sa, 8), sb, _mm256_srli_si256(sb, 8)};
    __m256i acc[8];
    for (int t = 0; t < 8; t++)
        acc[t] = _mm256_setzero_si256();
    for (int p = 0; p < 4; p++) {
        __m256i lo = _mm256_and_si256(w[p], mask);
        __m256i hi = _mm256_and_si256(_mm256_srli_epi16(w[p], 4), mask);
        for (int t = 0; t < 8; t++) {
            __m256i x = _mm256_shuffle_epi8(_mm256_load_si256((const __m256i *)gost_streebog_LN2[p][0][t]), lo);
            __m256i y = _mm256_shuffle_epi8(_mm256_load_si256((const __m256i *)gost_streebog_LN2[p][1][t]), hi);
            acc[t] = _mm256_xor_si256(acc[t], _mm256_xor_si256(x, y));
        }
    }
    __m128i f[8];
    for (int t = 0; t < 8; t++)
        f[t] = _mm_xor_si128(_mm256_castsi256_si128(acc[t]), _mm256_extracti128_si256(acc[t], 1));
    /* f[t] byte i = byte t of output word i: transpose 8x8 bytes. */
    __m128i a01 = _mm_unpacklo_epi8(f[0], f[1]), a23 = _mm_unpacklo_epi8(f[2], f[3]);
    __m128i a45 = _mm_unpacklo_epi8(f[4], f[5]), a67 = _mm_unpacklo_epi8(f[6], f[7]);
    __m128i b0 = _mm_unpacklo_epi16(a01, a23), b1 = _mm_unpackhi_epi16(a01, a23);
    __m128i b2 = _mm_unpacklo_epi16(a45, a67), b3 = _mm_unpackhi_epi16(a45, a67);
    *a = _mm256_set_m128i(_mm_unpackhi_epi32(b0, b2), _mm_unpacklo_epi32(b0, b2));
    *b = _mm256_set_m128i(_mm_unpackhi_epi32(b1, b3), _mm_unpacklo_epi32(b1, b3));
}

/* g_N(h, m) of RFC 6986 s.7 with the whole state in registers (x86 is
 * little-endian, so the block's bytes load as its 64-bit words). */
static void compress_avx2(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    __m256i rows[16];
    for (int r = 0; r < 16; r++)
        rows[r] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(gost_streebog_pi + 16 * r)));
    __m256i h0 = _mm256_loadu_si256((const __m256i *)h), h1 = _mm256_loadu_si256((const __m256i *)(h + 4));
    __m256i m0 = _mm256_loadu_si256((const __m256i *)m), m1 = _mm256_loadu_si256((const __m256i *)(m + 32));
    __m256i k0 = _mm256_xor_si256(h0, _mm256_loadu_si256((const __m256i *)n));
    __m256i k1 = _mm256_xor_si256(h1, _mm256_loadu_si256((const __m256i *)(n + 4)));
    lps_avx2(&k0, &k1, rows);
    __m256i s0 = m0, s1 = m1;
    for (int r = 0; r < 12; r++) {
        s0 = _mm256_xor_si256(s0, k0);
        s1 = _mm256_xor_si256(s1, k1);
        lps_avx2(&s0, &s1, rows);
        k0 = _mm256_xor_si256(k0, _mm256_loadu_si256((const __m256i *)gost_streebog_C[r]));
        k1 = _mm256_xor_si256(k1, _mm256_loadu_si256((const __m256i *)(gost_streebog_C[r] + 4)));
        lps_avx2(&k0, &k1, rows);
    }
    h0 = _mm256_xor_si256(h0, _mm256_xor_si256(_mm256_xor_si256(s0, k0), m0));
    h1 = _mm256_xor_si256(h1, _mm256_xor_si256(_mm256_xor_si256(s1, k1), m1));
    _mm256_storeu_si256((__m256i *)h, h0);
    _mm256_storeu_si256((__m256i *)(h + 4), h1);
    /* The key schedule lived in registers; clear their upper halves too. */
    _mm256_zeroall();
}

gost_streebog_compress_fn gost_streebog_compress_avx2_get(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_AVX2) ? compress_avx2 : NULL;
}
#else
gost_streebog_compress_fn gost_streebog_compress_avx2_get(void)
{
    return NULL;
}
#endif
