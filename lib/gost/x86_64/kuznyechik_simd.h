/* Kuznyechik's SIMD kernel body, constant time, written once for 128-bit
 * and 256-bit vectors. The including file defines KZ_WIDTH (128 or 256),
 * KZ_BLENDV (1 when pblendvb may be used: SSE4.1/AVX2) and KZ_NAME(x) (a
 * suffix for the functions), then includes this file; it may do so again
 * with other settings (everything defined here is undefined at the end).
 *
 * Byte-sliced state, as in the portable kernel: vector w[c] holds byte c of
 * KZ_NB blocks (one block per byte lane; in 256-bit vectors lane k of the
 * high half is block k + 16). Then
 *  - L is y[r] = XOR_c M[r][c] * w[c] over GF(2^8), the portable kernel's
 *    generated Horner chains with shared sums (internal/kuznyechik_l_body.h)
 *    on vectors: 44 + ~490 XORs and 112 byte-wise xtimes (vpaddb, one
 *    vpblendvb selecting 0xc3 by each byte's top bit, vpxor) per round.
 *    These run on all four vector ports of Zen 3, while a pshufb L (two
 *    nibble lookups per product, 512 per round) queued on the two shuffle
 *    ports behind the S-box: 9.1 -> 7.5 cycles/byte with the S-box below;
 *  - S is pi_simd.h: the Biryukov-Perrin-Udovenko decomposition of pi with
 *    its GF(2^4) products as sums of logarithms, 10 pshufb of 16-entry
 *    tables and one blend per vector (the 16 rows of the table and 15
 *    blends before: ECB 6.69 -> 5.75 TSC ticks/B);
 *  - blocks enter and leave by a 16x16 byte transposition in each 128-bit
 *    half: four rounds of the same byte interleave (unpacklo/hi of rows i
 *    and i + 8) rotate the 8-bit (row, column) index by 4, i.e. transpose.
 * The schedule holds the round keys as 16-byte rows (sched bytes 16 i + c
 * = byte c of K_{i+1}); each key byte is broadcast to a vector when used.
 *
 * One block at a time (a serial mode's single block, a short tail, the key
 * schedule's Feistel rounds): a batch costs as much for 1 block as for
 * KZ_NB, so each block is instead kept whole in a vector (in both halves of
 * a 256-bit one). At 256 bits S is sbox_one (each half looks up half the
 * rows) and L linear_one by diagonals with masks; at 128 bits S is the
 * batch S-box (it works on bytes wherever they sit) and L two triangular
 * Toeplitz products (see there). Every index
 * is the data as a pshufb control or a constant address.
 *
 * Counter blocks (CTR, CTR-ACPKM, MGM) enter the batch at round 2: round
 * 1 of 256 successive counters is two single blocks and, per batch, the
 * S-box and L's column on the one byte that varies (ctr_run).
 *
 * The loops are unrolled (KZ_UNROLL) so that every table address is a
 * constant and the state stays in registers as far as they go. */
#include "../internal/chain.h" /* the chaining entry's modes */
#include "../internal/kuznyechik_l_body.h"

#if KZ_WIDTH == 256
/* The state and the round keys live in vector registers: every entry point
 * (at the end) clears them on return. */
#define kz_clear_registers _mm256_zeroall
#define KZ_V __m256i
#define KZ_NB 32
#define kz_xor _mm256_xor_si256
#define kz_and _mm256_and_si256
#define kz_shuf _mm256_shuffle_epi8
#define kz_set1 _mm256_set1_epi8
#define kz_cmpeq8 _mm256_cmpeq_epi8
#define kz_cmpgt8 _mm256_cmpgt_epi8
#define kz_add8 _mm256_add_epi8
#define kz_maxu8 _mm256_max_epu8
#define kz_blendv _mm256_blendv_epi8
/* A 32-byte table entry (its 16 bytes twice, see kuznyechik_ct_tables.c). */
#define kz_table(p) _mm256_load_si256((const __m256i *)(const void *)(p))
#define kz_srli16 _mm256_srli_epi16
#define kz_unpacklo8 _mm256_unpacklo_epi8
#define kz_unpackhi8 _mm256_unpackhi_epi8
/* Byte c of round key K_{i+1} in every lane. The AVX2 schedule holds each
 * key byte also as a 32-bit word (the byte four times, from byte
 * KZ_KEY_DWORDS_AT of the schedule on, defined by the including file):
 * vpbroadcastd from memory is a load alone on Zen 3, where vpbroadcastb
 * also takes a shuffle, and the shuffle ports are the batch kernel's
 * busiest. */
#define kz_key(sched, i, c)                                                                        \
    _mm256_set1_epi32(((const int32_t *)(const void *)((sched) + KZ_KEY_DWORDS_AT))[16 * (i) + (c)])
#define kz_load_row(in, k)                                                                                  \
    _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)((in) + 16 * (k)))),   \
                            _mm_loadu_si128((const __m128i *)((in) + 16 * ((k) + 16))), 1)
#define kz_store_row(out, k, v)                                                                 \
    do {                                                                                        \
        _mm_storeu_si128((__m128i *)((out) + 16 * (k)), _mm256_castsi256_si128(v));             \
        _mm_storeu_si128((__m128i *)((out) + 16 * ((k) + 16)), _mm256_extracti128_si256(v, 1)); \
    } while (0)
#else
#define kz_clear_registers gost_clear_xmm
#define KZ_V __m128i
#define KZ_NB 16
#define kz_xor _mm_xor_si128
#define kz_and _mm_and_si128
#define kz_shuf _mm_shuffle_epi8
#define kz_set1 _mm_set1_epi8
#define kz_cmpeq8 _mm_cmpeq_epi8
#define kz_cmpgt8 _mm_cmpgt_epi8
#define kz_add8 _mm_add_epi8
#define kz_maxu8 _mm_max_epu8
#define kz_blendv _mm_blendv_epi8
#define kz_table(p) _mm_load_si128((const __m128i *)(const void *)(p))
#define kz_srli16 _mm_srli_epi16
#define kz_unpacklo8 _mm_unpacklo_epi8
#define kz_unpackhi8 _mm_unpackhi_epi8
#define kz_key(sched, i, c) kz_set1((char)(sched)[16 * (i) + (c)])
#define kz_load_row(in, k) _mm_loadu_si128((const __m128i *)((in) + 16 * (k)))
#define kz_store_row(out, k, v) _mm_storeu_si128((__m128i *)((out) + 16 * (k)), (v))
#endif
#define KZ_UNROLL _Pragma("GCC unroll 16")

/* S and S^-1 of every byte of a vector: KZ_NAME(pi), KZ_NAME(pi_inv). */
#define PI_WIDTH KZ_WIDTH
#define PI_BLENDV KZ_BLENDV
#define PI_NAME(x) KZ_NAME(x)
#include "pi_simd.h"
#undef PI_WIDTH
#undef PI_BLENDV
#undef PI_NAME

/* Transposes the 16x16 bytes of each 128-bit half of x[0..15]. */
static inline __attribute__((always_inline)) void KZ_NAME(transpose)(KZ_V x[16])
{
    KZ_V y[16];
    _Pragma("GCC unroll 4")
    for (int round = 0; round < 4; round++) {
        KZ_UNROLL
        for (int i = 0; i < 8; i++) {
            y[2 * i] = kz_unpacklo8(x[i], x[i + 8]);
            y[2 * i + 1] = kz_unpackhi8(x[i], x[i + 8]);
        }
        KZ_UNROLL
        for (int i = 0; i < 16; i++)
            x[i] = y[i];
    }
}

/* Byte-wise xtime (multiplication by x in GF(2^8), reduction 0xc3) on
 * every lane: the top bit of each byte selects 0xc3. */
static inline __attribute__((always_inline)) KZ_V KZ_NAME(xtime)(KZ_V v)
{
#if KZ_BLENDV && KZ_WIDTH == 256
    /* One vpblendvb; GCC would turn the intrinsic into a compare and an
     * AND, one more uop on the busiest ports. */
    KZ_V red;
    __asm__("vpblendvb %3, %2, %1, %0" : "=x"(red) : "x"(kz_set1(0)), "x"(kz_set1((char)0xc3)), "x"(v));
#else
    const KZ_V red = kz_and(kz_cmpgt8(kz_set1(0), v), kz_set1((char)0xc3));
#endif
    return kz_xor(kz_add8(v, v), red);
}

/* y = L w (linear_fwd) or L^-1 w (linear_inv) on the byte-sliced state
 * (y and w distinct), by the generated Horner chains with shared sums
 * (internal/kuznyechik_l_body.h): byte-wise XORs, adds and blends that run
 * on every vector port, leaving the shuffle ports to the S-box. Not
 * inlined: inlined into the round loop, the spills cost twice as much
 * (14.4 against 9.1 cycles/byte when measured). */
#define KZ_XTIME KZ_NAME(xtime)
__attribute__((noinline)) static void KZ_NAME(linear_fwd)(KZ_V y[16], const KZ_V w[16])
{
    GOST_KUZNYECHIK_L_BODY(KZ_V, kz_xor, KZ_XTIME, y, w);
}

__attribute__((noinline)) static void KZ_NAME(linear_inv)(KZ_V y[16], const KZ_V w[16])
{
    GOST_KUZNYECHIK_L_INV_BODY(KZ_V, kz_xor, KZ_XTIME, y, w);
}
#undef KZ_XTIME

/* w ^= K_{i+1}, byte c of the key in every lane of w[c]. */
static inline void KZ_NAME(add_key)(KZ_V w[16], const uint8_t *sched, int i)
{
    for (int c = 0; c < 16; c++)
        w[c] = kz_xor(w[c], kz_key(sched, i, c));
}

/* Rounds first..9 of the encryption (the counter kernel enters at round 1). */
static void KZ_NAME(encrypt_rounds)(KZ_V w[16], const uint8_t *sched, int first)
{
    KZ_V t[16];
    for (int i = first; i < 9; i++) {
        /* The key is added as each byte enters the S-box, and L writes
         * straight back into w: no pass over the state of its own. */
        KZ_UNROLL
        for (int c = 0; c < 16; c++)
            t[c] = KZ_NAME(pi)(kz_xor(w[c], kz_key(sched, i, c)));
        KZ_NAME(linear_fwd)(w, t);
    }
    KZ_NAME(add_key)(w, sched, 9);
}

static void KZ_NAME(encrypt_sliced)(KZ_V w[16], const uint8_t *sched)
{
    KZ_NAME(encrypt_rounds)(w, sched, 0);
}

static void KZ_NAME(decrypt_sliced)(KZ_V w[16], const uint8_t *sched)
{
    KZ_V y[16];
    KZ_NAME(add_key)(w, sched, 9);
    for (int i = 9; i > 0; i--) {
        /* The next round key (K_i, then K_1 last) is added as each byte
         * leaves the S-box. */
        KZ_NAME(linear_inv)(y, w);
        KZ_UNROLL
        for (int c = 0; c < 16; c++)
            w[c] = kz_xor(KZ_NAME(pi_inv)(y[c]), kz_key(sched, i - 1, c));
    }
}

/* Whole batches straight from in to out, the tail through a zero-padded
 * buffer (which is wiped). */
static void KZ_NAME(run)(void (*fn)(KZ_V w[16], const uint8_t *sched), const uint64_t *sched,
                         const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const uint8_t *ks = (const uint8_t *)sched;
    KZ_V w[16];
    for (; nblocks >= KZ_NB; nblocks -= KZ_NB, in += 16 * KZ_NB, out += 16 * KZ_NB) {
        for (int k = 0; k < 16; k++)
            w[k] = kz_load_row(in, k);
        KZ_NAME(transpose)(w);
        fn(w, ks);
        KZ_NAME(transpose)(w);
        for (int k = 0; k < 16; k++)
            kz_store_row(out, k, w[k]);
    }
    if (nblocks > 0) {
        _Alignas(32) uint8_t buf[16 * KZ_NB];
        memset(buf, 0, sizeof buf);
        memcpy(buf, in, 16 * nblocks);
        for (int k = 0; k < 16; k++)
            w[k] = kz_load_row(buf, k);
        KZ_NAME(transpose)(w);
        fn(w, ks);
        KZ_NAME(transpose)(w);
        for (int k = 0; k < 16; k++)
            kz_store_row(buf, k, w[k]);
        memcpy(out, buf, 16 * nblocks);
        gost_wipe(buf, sizeof buf);
    }
}


/* Up to this many blocks, one block at a time beats a padded batch: on this
 * project's Zen 3, one block costs about 1/7 of a 32-block AVX2 batch (29
 * and 6.7 cycles/byte) and 1/4 of a 16-block SSSE3 batch. */
#if KZ_WIDTH == 256
#define KZ_ROW_MAX 7
#define kz_load_block(p) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(p)))
#define kz_store_block(p, v) _mm_storeu_si128((__m128i *)(p), _mm256_castsi256_si128(v))
#else
#define KZ_ROW_MAX 4
#define kz_load_block(p) _mm_loadu_si128((const __m128i *)(p))
#define kz_store_block(p, v) _mm_storeu_si128((__m128i *)(p), (v))
#endif

#if KZ_WIDTH == 256
/* S (t = 0) or S^-1 (t = 1) of one block held in both halves: the low half
 * looks its bytes up in rows 0..7, the high half in rows 8..15
 * (gost_kuznyechik_sbox_halves), half the shuffles of the batch S-box;
 * pairs by pshufb's zeroing and blends on bits 5 and 6 as there; then each
 * byte takes the half that its bit 7 names (the halves swapped, and a
 * blend whose selector has bit 7 flipped in the high half). The result is
 * in both halves. */
static inline __attribute__((always_inline)) KZ_V KZ_NAME(sbox_one)(KZ_V x, int t)
{
    const uint8_t(*rows)[32] = gost_kuznyechik_sbox_halves[t];
    const KZ_V even = kz_add8(kz_and(x, kz_set1(0x1f)), kz_set1(0x70));
    const KZ_V odd = kz_xor(even, kz_set1((char)0x80));
    const KZ_V x2 = kz_add8(x, x), x4 = kz_add8(x2, x2);
    KZ_V s[4];
    KZ_UNROLL
    for (int i = 0; i < 4; i++)
        s[i] = kz_xor(kz_shuf(kz_table(rows[2 * i]), even), kz_shuf(kz_table(rows[2 * i + 1]), odd));
    const KZ_V r = kz_blendv(kz_blendv(s[0], s[1], x4), kz_blendv(s[2], s[3], x4), x2);
    const KZ_V flip = _mm256_set_epi64x((long long)0x8080808080808080ull, (long long)0x8080808080808080ull, 0, 0);
    return kz_blendv(r, _mm256_permute2x128_si256(r, r, 0x01), kz_xor(x, flip));
}

/* M x for one block held in both halves (m = 0: L, 1: L^-1), by diagonals:
 * byte i of M x is XOR_d M[i][i + d] x[i + d] (indexes mod 16). R_d = the
 * low half rotated by d and the high half by d + 8 (d = 0..7), one pshufb
 * each; Z_b = XOR_d (R_d AND the lanes whose diagonal constant has bit b,
 * gost_kuznyechik_diag_bits); M x = sum_b x^b Z_b by Horner's rule, plus
 * the other half. About 160 ANDs, XORs, adds and blends, which run on all
 * four vector ports of Zen 3: 10% faster than transposing the multiples
 * j x, whose 64 byte interleaves queued on the two shuffle ports, and 4%
 * faster than the two Toeplitz stages of the 128-bit form below (with the
 * halves as diagonals d and d + 8: 53 cycles a call against 51, its two
 * stages in series). The result is in both halves. */
__attribute__((noinline)) static KZ_V KZ_NAME(linear_one)(KZ_V x, int m)
{
    KZ_V r[8];
    KZ_UNROLL
    for (int d = 0; d < 8; d++)
        r[d] = kz_shuf(x, kz_table(gost_kuznyechik_diag_rot[d]));
    KZ_V acc = kz_set1(0);
    _Pragma("GCC unroll 8")
    for (int b = 7; b >= 0; b--) {
        KZ_V t[8];
        KZ_UNROLL
        for (int d = 0; d < 8; d++)
            t[d] = kz_and(r[d], kz_table(gost_kuznyechik_diag_bits[m][b][d]));
        const KZ_V z = kz_xor(kz_xor(kz_xor(t[0], t[1]), kz_xor(t[2], t[3])),
                              kz_xor(kz_xor(t[4], t[5]), kz_xor(t[6], t[7])));
        acc = b == 7 ? z : kz_xor(KZ_NAME(xtime)(acc), z);
    }
    return kz_xor(acc, _mm256_permute2x128_si256(acc, acc, 0x01));
}
#else
static inline __attribute__((always_inline)) KZ_V KZ_NAME(sbox_one)(KZ_V x, int t)
{
    return t ? KZ_NAME(pi_inv)(x) : KZ_NAME(pi)(x);
}

/* The low or the high 16 bytes of a 32-byte table entry. */
#define kz_half(p) _mm_load_si128((const __m128i *)(const void *)(p))

/* y = T x for one triangular Toeplitz stage of M (see linear_one): T is
 * constant along its diagonals, so diagonal d is the constant t_d times x
 * shifted by d bytes: two pshufb of x's nibbles into the products by t_d
 * and one pshufb to shift (gost_kuznyechik_toeplitz_mul and _shift hold
 * diagonal p in their low 16 bytes and p + 8 in the high ones), then a
 * tree of XORs over the 16 diagonals. */
static inline __attribute__((always_inline)) KZ_V KZ_NAME(toeplitz_one)(KZ_V x, const uint8_t mul[8][2][32],
                                                                     const uint8_t shift[8][32])
{
    const KZ_V mask = kz_set1(0x0f);
    const KZ_V lo = kz_and(x, mask), hi = kz_and(kz_srli16(x, 4), mask);
    KZ_V t[16];
    KZ_UNROLL
    for (int d = 0; d < 16; d++) {
        const int p = d % 8, h = 16 * (d / 8);
        t[d] = kz_shuf(kz_xor(kz_shuf(kz_half(mul[p][0] + h), lo), kz_shuf(kz_half(mul[p][1] + h), hi)),
                       kz_half(shift[p] + h));
    }
    KZ_UNROLL
    for (int n = 16; n > 1; n /= 2) {
        KZ_UNROLL
        for (int i = 0; i < n / 2; i++)
            t[i] = kz_xor(t[2 * i], t[2 * i + 1]);
    }
    return t[0];
}

/* M x for one block (m = 0: L, 1: L^-1) with 128-bit vectors, as the
 * product of two triangular Toeplitz matrices over GF(2^8), derived in
 * scripts/gen_kuznyechik_ct.py (L = U Lo, L^-1 = Lo' U'): 96 shuffles and
 * XORs in two short chains. The 16 lane-varying diagonals of M itself cost
 * twice as many masks at 128 bits, and the transposition of the multiples
 * j x this replaced took 110 cycles against 77. */
__attribute__((noinline)) static KZ_V KZ_NAME(linear_one)(KZ_V x, int m)
{
    const KZ_V y = KZ_NAME(toeplitz_one)(x, gost_kuznyechik_toeplitz_mul[m][0], gost_kuznyechik_toeplitz_shift[m][0]);
    return KZ_NAME(toeplitz_one)(y, gost_kuznyechik_toeplitz_mul[m][1], gost_kuznyechik_toeplitz_shift[m][1]);
}
#undef kz_half
#endif

#ifdef KZ_ENCRYPT_ONE
/* The including file's own one-block encryption (AVX2 on x86-64: the
 * assembly kernel kuznyechik_one_avx2.S, whose rounds fold pi's outer
 * linear steps into two Toeplitz stages). */
static void KZ_NAME(encrypt_rows)(const uint8_t *rk, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    KZ_ENCRYPT_ONE(rk, in, out, nblocks);
}
#else
static inline KZ_V KZ_NAME(encrypt_one)(const uint8_t *rk, KZ_V x)
{
    for (int i = 0; i < 9; i++)
        x = KZ_NAME(linear_one)(KZ_NAME(sbox_one)(kz_xor(x, kz_load_block(rk + 16 * i)), 0), 0);
    return kz_xor(x, kz_load_block(rk + 16 * 9));
}

static void KZ_NAME(encrypt_rows)(const uint8_t *rk, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    for (size_t b = 0; b < nblocks; b++)
        kz_store_block(out + 16 * b, KZ_NAME(encrypt_one)(rk, kz_load_block(in + 16 * b)));
}

/* The kernel's chaining entry (internal/chain.h's modes) on the C one-block
 * rounds: the chain stays in a register from block to block, and the mode
 * loop's copies, XORs and per-block dispatch go. The branch on the mode is
 * public. */
static void KZ_NAME(chain)(const uint64_t *sched, int mode, uint8_t chain[16], const uint8_t *in, uint8_t *out,
                           size_t nblocks)
{
    const uint8_t *rk = (const uint8_t *)sched;
    KZ_V c = kz_load_block(chain);
    for (size_t b = 0; b < nblocks; b++) {
        const KZ_V x = kz_load_block(in + 16 * b);
        if (mode == GOST_CHAIN_CBC) {
            c = KZ_NAME(encrypt_one)(rk, kz_xor(c, x));
            if (out != NULL)
                kz_store_block(out + 16 * b, c);
        } else if (mode == GOST_CHAIN_CFB) {
            c = kz_xor(KZ_NAME(encrypt_one)(rk, c), x);
            kz_store_block(out + 16 * b, c);
        } else {
            c = KZ_NAME(encrypt_one)(rk, c);
            kz_store_block(out + 16 * b, kz_xor(x, c));
        }
    }
    kz_store_block(chain, c);
    kz_clear_registers();
}
#endif

static void KZ_NAME(decrypt_rows)(const uint8_t *rk, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    for (size_t b = 0; b < nblocks; b++) {
        KZ_V x = kz_load_block(in + 16 * b);
        for (int i = 9; i > 0; i--)
            x = KZ_NAME(sbox_one)(KZ_NAME(linear_one)(kz_xor(x, kz_load_block(rk + 16 * i)), 1), 1);
        kz_store_block(out + 16 * b, kz_xor(x, kz_load_block(rk)));
    }
}

/* s.4.3 on the one-block form: (K_1, K_2) = the key halves, then four times
 * eight Feistel rounds F[C](a1, a0) = (LSX[C](a1) ^ a0, a1). */
static void KZ_NAME(expand_key)(uint8_t rk[10][16], const uint8_t key[32])
{
    KZ_V a1 = kz_load_block(key), a0 = kz_load_block(key + 16);
    kz_store_block(rk[0], a1);
    kz_store_block(rk[1], a0);
    for (int i = 0; i < 32; i++) {
        KZ_V t = kz_xor(a1, kz_load_block(gost_kuznyechik_C[i]));
        t = KZ_NAME(linear_one)(KZ_NAME(sbox_one)(t, 0), 0);
        t = kz_xor(t, a0);
        a0 = a1;
        a1 = t;
        if (i % 8 == 7) { /* after C_8, C_16, ...: K_3 K_4, K_5 K_6, ... */
            kz_store_block(rk[i / 4 + 1], a1);
            kz_store_block(rk[i / 4 + 2], a0);
        }
    }
}

/* Whole batches, then a tail of at most KZ_ROW_MAX blocks one at a time or
 * a longer one as a padded batch. */
static void KZ_NAME(run_all)(void (*batch)(KZ_V w[16], const uint8_t *sched),
                             void (*rows)(const uint8_t *rk, const uint8_t *in, uint8_t *out, size_t nblocks),
                             const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    size_t tail = nblocks % KZ_NB;
    if (tail > KZ_ROW_MAX) {
        KZ_NAME(run)(batch, sched, in, out, nblocks);
    } else {
        KZ_NAME(run)(batch, sched, in, out, nblocks - tail);
        rows((const uint8_t *)sched, in + 16 * (nblocks - tail), out + 16 * (nblocks - tail), tail);
    }
}

/* Counter blocks (the kernel's ctr entry, see internal/kuznyechik.h),
 * cheaper than encrypting the counters written out. Among the 256 counters
 * X + j (j < 256) byte `last` is X_last + j mod 256, and every other byte is
 * that of X (H0) until byte `last` wraps and that of X + 256 (H1) after.
 * Round 1 is linear after its S-box, so it gives
 *     L(S(X + j ^ K_1)) = A(H) ^ L[.][last] S((X_last + j) ^ K_1[last]),
 * A(H) = L of S(H ^ K_1) with byte `last` zeroed: two single blocks A(H0),
 * A(H1) per 256 counters, then per batch one S-box vector and the 16
 * products by column `last` of L (two pshufb each, gost_kuznyechik_col_mul)
 * in place of 16 S-box vectors and the whole L, and no transposition in.
 * Which lanes have wrapped is a compare of bytes, no branch: the counter
 * may be secret. */
_Alignas(32) static const uint8_t KZ_NAME(lane_index)[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                                            11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                                            22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
_Alignas(32) static const uint8_t KZ_NAME(byte_index)[32] = {0, 1, 2,  3,  4,  5,  6,  7,  8, 9, 10,
                                                            11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5,
                                                            6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

/* encrypt_rows as gost_counter_encrypt takes a cipher. */
static int KZ_NAME(encrypt_rows_fn)(const void *ks, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    KZ_NAME(encrypt_rows)(ks, in, out, nblocks);
    return 0;
}

/* A(H) of the comment above, in both halves at 256 bits. */
static inline KZ_V KZ_NAME(ctr_round1_rest)(const uint8_t h[16], const uint8_t *ks, KZ_V others)
{
    const KZ_V t = KZ_NAME(sbox_one)(kz_xor(kz_load_block(h), kz_load_block(ks)), 0);
    return KZ_NAME(linear_one)(kz_and(t, others), 0);
}

/* nb blocks of w (transposed back) to out, XOR in's when in is not NULL. */
static void KZ_NAME(store_batch)(KZ_V w[16], const uint8_t *in, uint8_t *out, size_t nb)
{
    KZ_NAME(transpose)(w);
    if (nb == KZ_NB) {
        for (int k = 0; k < 16; k++)
            kz_store_row(out, k, in != NULL ? kz_xor(w[k], kz_load_row(in, k)) : w[k]);
        return;
    }
    _Alignas(32) uint8_t buf[16 * KZ_NB];
    for (int k = 0; k < 16; k++)
        kz_store_row(buf, k, w[k]);
    if (in != NULL)
        gost_xor_bytes(out, in, buf, 16 * nb);
    else
        memcpy(out, buf, 16 * nb);
    gost_wipe(buf, sizeof buf);
}

static void KZ_NAME(ctr_run)(const uint64_t *sched, uint8_t ctr[16], unsigned first, unsigned last,
                             const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const uint8_t *ks = (const uint8_t *)sched;
    if (nblocks <= KZ_ROW_MAX) { /* a batch would cost more than the blocks */
        gost_counter_encrypt(KZ_NAME(encrypt_rows_fn), ks, 16, ctr, first, last, in, out, nblocks);
        return;
    }
    const uint8_t(*col)[2][32] = gost_kuznyechik_col_mul[last == 15];
    const KZ_V others = kz_xor(kz_cmpeq8(kz_table(KZ_NAME(byte_index)), kz_set1((char)last)), kz_set1(-1));
    const KZ_V nibble = kz_set1(0x0f);
    uint8_t h[16];
    KZ_V w[16];
    while (nblocks > 0) {
        const size_t n = nblocks < 256 ? nblocks : 256;
        memcpy(h, ctr, 16);
        const KZ_V a0 = KZ_NAME(ctr_round1_rest)(h, ks, others);
        gost_counter_add(h, first, last, 256);
        const KZ_V a1 = KZ_NAME(ctr_round1_rest)(h, ks, others);
        const KZ_V d = kz_xor(a0, a1);
        const KZ_V x_last = kz_set1((char)ctr[last]), k_last = kz_set1((char)ks[last]);
        for (size_t b = 0; b < n; b += KZ_NB) {
            const KZ_V x = kz_add8(kz_add8(kz_table(KZ_NAME(lane_index)), kz_set1((char)b)), x_last);
            const KZ_V before_wrap = kz_cmpeq8(kz_maxu8(x, x_last), x);
            const KZ_V y = KZ_NAME(pi)(kz_xor(x, k_last));
            const KZ_V lo = kz_and(y, nibble), hi = kz_and(kz_srli16(y, 4), nibble);
            KZ_UNROLL
            for (int r = 0; r < 16; r++) {
                const KZ_V at = kz_set1((char)r);
                const KZ_V rest = kz_xor(kz_shuf(a1, at), kz_and(kz_shuf(d, at), before_wrap));
                w[r] = kz_xor(rest, kz_xor(kz_shuf(kz_table(col[r][0]), lo), kz_shuf(kz_table(col[r][1]), hi)));
            }
            KZ_NAME(encrypt_rounds)(w, ks, 1);
            const size_t nb = n - b < KZ_NB ? n - b : KZ_NB;
            KZ_NAME(store_batch)(w, in != NULL ? in + 16 * b : NULL, out + 16 * b, nb);
        }
        gost_counter_add(ctr, first, last, n);
        if (in != NULL)
            in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    gost_wipe(h, sizeof h);
}

/* The kernel's entry points (struct gost_kuznyechik_kernel). */
static void KZ_NAME(encrypt)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    KZ_NAME(run_all)(KZ_NAME(encrypt_sliced), KZ_NAME(encrypt_rows), sched, in, out, nblocks);
    kz_clear_registers();
}

static void KZ_NAME(decrypt)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    KZ_NAME(run_all)(KZ_NAME(decrypt_sliced), KZ_NAME(decrypt_rows), sched, in, out, nblocks);
    kz_clear_registers();
}

static void KZ_NAME(ctr)(const uint64_t *sched, uint8_t ctr[16], unsigned first, unsigned last,
                         const uint8_t *in, uint8_t *out, size_t nblocks)
{
    KZ_NAME(ctr_run)(sched, ctr, first, last, in, out, nblocks);
    kz_clear_registers();
}

static void KZ_NAME(expand_key_clear)(uint8_t rk[10][16], const uint8_t key[32])
{
    KZ_NAME(expand_key)(rk, key);
    kz_clear_registers();
}

#undef kz_clear_registers
#undef KZ_V
#undef KZ_NB
#undef kz_xor
#undef kz_and
#undef kz_shuf
#undef kz_set1
#undef kz_cmpeq8
#undef kz_cmpgt8
#undef kz_add8
#undef kz_maxu8
#undef kz_blendv
#undef kz_table
#undef kz_srli16
#undef kz_unpacklo8
#undef kz_unpackhi8
#undef kz_key
#undef kz_load_row
#undef kz_store_row
#undef KZ_UNROLL
#undef KZ_ROW_MAX
#undef kz_load_block
#undef kz_store_block
#undef KZ_ENCRYPT_ONE
