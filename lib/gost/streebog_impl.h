/* Internals of Streebog shared by its implementations. */
#ifndef GOST_STREEBOG_IMPL_H
#define GOST_STREEBOG_IMPL_H

#include <stdint.h>

#include "internal/util.h"

extern const uint8_t gost_streebog_pi[256];
extern const uint64_t gost_streebog_A[64];
extern const uint64_t gost_streebog_C[12][8];
extern const uint64_t gost_streebog_C_pairs[12][4][4];
extern const uint64_t gost_streebog_T[8][256];
extern const uint8_t gost_streebog_LN[8][2][8][16];
extern const uint8_t gost_streebog_LN2[4][2][8][32];

/* a += v mod 2^512 (N of s.8, the length in bits: public). */
static inline void gost_streebog_add512_small(uint64_t a[8], uint64_t v)
{
    uint64_t carry = v;
    for (int i = 0; i < 8; i++) {
        a[i] += carry;
        carry = a[i] < carry;
    }
}

/* a += b mod 2^512 (Sigma of s.8), a in little-endian limbs, b the 64
 * bytes of a block (a little-endian number, RFC 6986 s.4). Read straight
 * from the block: a copy of its words would be a secret to wipe. The
 * carry is computed without branches (Sigma sums secret blocks). */
static inline void gost_streebog_add512(uint64_t a[8], const uint8_t b[64])
{
    uint64_t carry = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t w = gost_load64_le(b + 8 * i);
        uint64_t s = a[i] + w;
        uint64_t c1 = s < w;
        uint64_t t = s + carry;
        uint64_t c2 = t < s;
        a[i] = t;
        carry = c1 | c2;
    }
}

/* The compression function g_N(h, m) of GOST R 34.11-2012 s.7 (RFC 6986
 * s.7): h <- E(LPS(h ^ N), m) ^ h ^ m. State words are little-endian 64-bit
 * limbs (word 0 = least significant bytes). */
typedef void (*gost_streebog_compress_fn)(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);

void gost_streebog_compress_table(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);
void gost_streebog_compress_ct(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);
/* NULL when this CPU (or GOST_CPU) does not allow it. */
gost_streebog_compress_fn gost_streebog_compress_ssse3_get(void);
gost_streebog_compress_fn gost_streebog_compress_avx2_get(void);
gost_streebog_compress_fn gost_streebog_compress_table_avx_get(void);

/* The table kernel the dispatch picks for this CPU (public data only). */
gost_streebog_compress_fn gost_streebog_compress_table_best(void);

/* Pieces of the portable constant-time LPS, generated into
 * streebog_ct_circuit.c by scripts/gen_streebog_ct.py: pi' on bit planes
 * (q[t] = bit t of 64 bytes) and l as a GF(2^8) matrix (y[r] lane i =
 * byte r of l(word i), v[c] lane i = byte c of word i). */
void gost_streebog_sbox_planes(uint64_t q[8]);
void gost_streebog_l_gf(uint64_t y[8], const uint64_t v[8]);

/* x * b in GF(2^8)/0x11d for each byte b of v (no carry crosses a byte:
 * the bytes of hi are 0 or 1, so the multiplication only copies 0x1d). */
static inline uint64_t gost_streebog_xtime8(uint64_t v)
{
    uint64_t hi = (v >> 7) & 0x0101010101010101ull;
    return ((v & 0x7f7f7f7f7f7f7f7full) << 1) ^ (hi * 0x1d);
}

/* The constant-time kernel the dispatch picks for this CPU. */
gost_streebog_compress_fn gost_streebog_compress_ct_best(void);

/* g_N(h, m) over an implementation's LPS (out = L(P(S(in)))); inlined into
 * each implementation so that the compiler specialises it. */
typedef void (*gost_streebog_lps_fn)(uint64_t out[8], const uint64_t in[8]);

static inline void gost_streebog_g(gost_streebog_lps_fn lps, uint64_t h[8], const uint64_t n[8],
                                   const uint8_t m[64])
{
    uint64_t k[8], s[8], t[8], mw[8];
    for (int i = 0; i < 8; i++) {
        uint64_t v = 0;
        for (int b = 7; b >= 0; b--)
            v = v << 8 | m[8 * i + b];
        mw[i] = v;
        t[i] = h[i] ^ n[i];
    }
    lps(k, t);
    for (int i = 0; i < 8; i++)
        s[i] = mw[i];
    for (int r = 0; r < 12; r++) {
        for (int i = 0; i < 8; i++)
            t[i] = s[i] ^ k[i];
        lps(s, t);
        for (int i = 0; i < 8; i++)
            t[i] = k[i] ^ gost_streebog_C[r][i];
        lps(k, t);
    }
    for (int i = 0; i < 8; i++)
        h[i] ^= s[i] ^ k[i] ^ mw[i];
    /* The key schedule and state are secret in keyed uses. */
    for (int i = 0; i < 8; i++)
        k[i] = s[i] = t[i] = mw[i] = 0;
    __asm__ __volatile__("" : : "r"(k), "r"(s), "r"(t), "r"(mw) : "memory");
}

#endif
