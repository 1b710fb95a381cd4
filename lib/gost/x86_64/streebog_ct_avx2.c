/* Streebog's compression with AVX2, constant time.
 *
 * Pairing. Round r of E(K, m) computes K' = LPS(K ^ C_r) and
 * s' = LPS(s ^ K) from the same K, so both run as one LPS over 16 rows:
 * R[j] = (row j of K ^ C_r | row j of s ^ K), 8 + 8 bytes, and every byte
 * lane of a 128-bit half is in use (the state alone would fill half of
 * them). 13 such LPS per block (the first, K_1 = LPS(h ^ N), alone) instead
 * of 25.
 *
 * Layout: four registers hold the row pairs (R0 | R2), (R1 | R3),
 * (R4 | R6), (R5 | R7), one row pair per 128-bit half (row_of below).
 *
 * S: pi' (the S-box of GOST R 34.11-2012 s.5.2, which is Kuznyechik's pi of
 * GOST R 34.12-2015 s.4.1.1) by pi_simd.h, shared with Kuznyechik, without
 * its first and last steps, two linear maps of each byte: 6 pshufb and a
 * blend per register, where the 16 rows of the table and 15 blends took 31.
 * The last, omega, is folded into the L tables (they are indexed by pi's
 * two output nibbles); the first, alpha, by keeping the whole state as
 * alpha of each byte: alpha commutes with the XORs of the round keys and
 * constants (gost_streebog_C_pairs is stored mapped), LN2 gives alpha of
 * L's output, and only the inputs h ^ N and m are mapped, and the result
 * back, once a block. With the whole pi (10 pshufb) the kernel ran as fast
 * as with the rows (27.5 TSC ticks/B); without omega 24.7, and without
 * alpha as well 23.0.
 *
 * P and L: output row i (of either matrix) is the XOR over j of
 * l(pi'(byte i of row j) << 8j), and since l is linear each term is the
 * XOR of the images of pi's two output nibbles l'', r'' (pi_halves, with
 * pi's last linear step, omega, folded into the tables):
 * gost_streebog_LN[j][h][t][n] is byte t of the image of nibble value n
 * (h = 1: l'', 0: r'') in byte j. A register holds
 * rows ja | jb, so one vpshufb of its nibbles into LN2[p][h][t] (alpha of
 * every entry of LN[ja][h][t] || LN[jb][h][t]) gives byte t of both rows'
 * terms for all 16 output rows (one per lane): 64 per round, no broadcasts. The two halves
 * are added once at the end, and the result (a register per pair of output
 * byte positions, a lane per row) is transposed back into rows: 20
 * shuffles.
 *
 * Every table address is a constant; the data only ever is a pshufb control,
 * an add operand or a blend mask. Measured (tests' bench, this Zen 3): about 4.5 times the
 * unpaired kernel it replaced. */
#include <stddef.h>

#include "gost/cpu.h"
#include "../internal/kuznyechik.h"
#include "../streebog_impl.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define UNROLL _Pragma("GCC unroll 16")

/* pi' of every byte: pi_avx2 (pi_simd.h). */
#define PI_WIDTH 256
#define PI_BLENDV 1
#define PI_NAME(x) x##_avx2
#include "pi_simd.h"

/* The K side of each row pair (its even 64-bit words); the s side is the
 * odd ones. */
static inline __m256i k_side(__m256i v)
{
    return _mm256_and_si256(v, _mm256_set_epi64x(0, -1, 0, -1));
}

/* The rows in the two halves of each state register. */
static const int row_of[4][2] = {{0, 2}, {1, 3}, {4, 6}, {5, 7}};

/* One round on the 16 rows in y = (K | s) pairs: y ^= c (the round
 * constant on the K side, zeros on the s side), then y = LPS(y), then K
 * is added to the s side, (K' | s' ^ K'): the next round's inputs are
 * (K' ^ C | s' ^ K'). Inlined into the round loop, so that the state stays
 * in registers from one LPS to the next; the table base passes through an
 * empty asm each round, or GCC would hoist the 64 table loads out of the
 * loop and spill them to the stack. Measured (--fastest, 16 KiB): with the
 * constant and the K copy in the caller and this function not inlined,
 * 23.0 TSC ticks/B; both moved in, 20.7; inlined, 19.5. */
static inline __attribute__((always_inline)) void round16(__m256i y[4], const uint64_t c[4][4])
{
    const uint8_t(*ln2)[2][8][32] = gost_streebog_LN2;
    __asm__("" : "+r"(ln2));
    __m256i half_sum[8];
    UNROLL
    for (int t = 0; t < 8; t++)
        half_sum[t] = _mm256_setzero_si256();
    UNROLL
    for (int p = 0; p < 4; p++) {
        /* pi' but its first step (alpha: y holds alpha of each byte) and its
         * last (omega, which LN2 has folded in): lo is r'' and hi is l''. */
        __m256i hi, lo;
        pi_halves_of_alpha_avx2(_mm256_xor_si256(y[p], _mm256_load_si256((const __m256i *)(const void *)c[p])), &hi,
                                &lo);
        UNROLL
        for (int t = 0; t < 8; t++) {
            const __m256i t0 = _mm256_load_si256((const __m256i *)(const void *)ln2[p][0][t]);
            const __m256i t1 = _mm256_load_si256((const __m256i *)(const void *)ln2[p][1][t]);
            half_sum[t] = _mm256_xor_si256(half_sum[t], _mm256_xor_si256(_mm256_shuffle_epi8(t0, lo),
                                                                         _mm256_shuffle_epi8(t1, hi)));
        }
    }
    /* half_sum[t]: byte t of the output rows, the low half summed over the
     * input rows 0, 1, 4, 5 and the high half over 2, 3, 6, 7. Adding the
     * halves gives acc[q] = (A[2q] | A[2q+1]). */
    __m256i acc[4];
    UNROLL
    for (int q = 0; q < 4; q++)
        acc[q] = _mm256_xor_si256(_mm256_permute2x128_si256(half_sum[2 * q], half_sum[2 * q + 1], 0x20),
                                  _mm256_permute2x128_si256(half_sum[2 * q], half_sum[2 * q + 1], 0x31));
    /* acc[q] = (A[2q] | A[2q+1]), A[t] lane i = byte t of output row i of
     * K (lanes 0..7) or of s (lanes 8..15). Into rows: bring A[t] and
     * A[t+4] into one register, interleave bytes, then 16-bit pairs (each
     * half then holds 4 bytes of rows 0..3 or 4..7), join the halves'
     * 32-bit pieces with vpermd, and pair K's row with s's. */
    __m256i p0 = _mm256_permute2x128_si256(acc[0], acc[2], 0x20); /* A0 | A4 */
    __m256i p1 = _mm256_permute2x128_si256(acc[0], acc[2], 0x31); /* A1 | A5 */
    __m256i p2 = _mm256_permute2x128_si256(acc[1], acc[3], 0x20); /* A2 | A6 */
    __m256i p3 = _mm256_permute2x128_si256(acc[1], acc[3], 0x31); /* A3 | A7 */
    __m256i u0 = _mm256_unpacklo_epi8(p0, p1), u1 = _mm256_unpackhi_epi8(p0, p1);
    __m256i u2 = _mm256_unpacklo_epi8(p2, p3), u3 = _mm256_unpackhi_epi8(p2, p3);
    __m256i v0 = _mm256_unpacklo_epi16(u0, u2), v1 = _mm256_unpackhi_epi16(u0, u2);
    __m256i v2 = _mm256_unpacklo_epi16(u1, u3), v3 = _mm256_unpackhi_epi16(u1, u3);
    const __m256i perm = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    __m256i w0 = _mm256_permutevar8x32_epi32(v0, perm); /* K rows 0, 1 | 2, 3 */
    __m256i w1 = _mm256_permutevar8x32_epi32(v1, perm); /* K rows 4, 5 | 6, 7 */
    __m256i w2 = _mm256_permutevar8x32_epi32(v2, perm); /* s rows 0, 1 | 2, 3 */
    __m256i w3 = _mm256_permutevar8x32_epi32(v3, perm); /* s rows 4, 5 | 6, 7 */
    y[0] = _mm256_unpacklo_epi64(w0, w2);
    y[1] = _mm256_unpackhi_epi64(w0, w2);
    y[2] = _mm256_unpacklo_epi64(w1, w3);
    y[3] = _mm256_unpackhi_epi64(w1, w3);
    UNROLL
    for (int p = 0; p < 4; p++)
        y[p] = _mm256_xor_si256(y[p], _mm256_slli_si256(k_side(y[p]), 8));
}

/* Register p of the layout from the K-side words a and the s-side words b. */
static inline __m256i layout(const uint64_t a[8], const uint64_t b[8], int p)
{
    int r0 = row_of[p][0], r1 = row_of[p][1];
    return _mm256_set_epi64x((long long)b[r1], (long long)a[r1], (long long)b[r0], (long long)a[r0]);
}

/* g_N(h, m) of RFC 6986 s.7 (x86 is little-endian: the block's bytes load
 * as its 64-bit words). */
static void compress_avx2(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    static const uint64_t zero[8];
    static const uint64_t no_constant[4][4] __attribute__((aligned(32)));
    uint64_t t[8], mw[8], out[8];
    __builtin_memcpy(mw, m, 64);
    for (int i = 0; i < 8; i++)
        t[i] = h[i] ^ n[i];
    /* The state is kept as alpha of each byte (see the file's comment):
     * the inputs are mapped here, the result back at the end. */
    __m256i y[4];
    for (int p = 0; p < 4; p++)
        y[p] = pi_alpha_avx2(layout(t, zero, p));
    round16(y, no_constant); /* K_1 on the K side */
    for (int p = 0; p < 4; p++) {
        /* (K_1 | m ^ K_1) */
        __m256i k = k_side(y[p]);
        y[p] = _mm256_xor_si256(_mm256_or_si256(k, _mm256_slli_si256(k, 8)), pi_alpha_avx2(layout(zero, mw, p)));
    }
    for (int r = 0; r < 12; r++)
        round16(y, gost_streebog_C_pairs[r]); /* (K_{r+2} | s_{r+1} ^ K_{r+2}) */
    /* h ^= s_12 ^ K_13 ^ m: the s sides */
    for (int p = 0; p < 4; p++) {
        uint64_t v[4];
        _mm256_storeu_si256((__m256i *)(void *)v, pi_alpha_inv_avx2(y[p]));
        out[row_of[p][0]] = v[1];
        out[row_of[p][1]] = v[3];
        v[0] = v[1] = v[2] = v[3] = 0;
        __asm__ __volatile__("" : : "r"(v) : "memory");
    }
    for (int i = 0; i < 8; i++) {
        h[i] ^= out[i] ^ mw[i];
        out[i] = t[i] = mw[i] = 0;
    }
    for (int p = 0; p < 4; p++)
        y[p] = _mm256_setzero_si256();
    __asm__ __volatile__("" : : "r"(out), "r"(t), "r"(mw), "r"(y) : "memory");
    /* The key schedule lived in registers; clear them. */
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
