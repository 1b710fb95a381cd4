/* Internals of Streebog shared by its implementations. */
#ifndef GOST_STREEBOG_IMPL_H
#define GOST_STREEBOG_IMPL_H

#include <stdint.h>

extern const uint8_t gost_streebog_pi[256];
extern const uint64_t gost_streebog_A[64];
extern const uint64_t gost_streebog_C[12][8];
extern const uint64_t gost_streebog_T[8][256];
extern const uint8_t gost_streebog_LN[8][2][8][16];

/* The compression function g_N(h, m) of GOST R 34.11-2012 s.7 (RFC 6986
 * s.7): h <- E(LPS(h ^ N), m) ^ h ^ m. State words are little-endian 64-bit
 * limbs (word 0 = least significant bytes). */
typedef void (*gost_streebog_compress_fn)(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);

void gost_streebog_compress_table(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);
void gost_streebog_compress_ct(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);
/* NULL when this CPU (or GOST_CPU) does not allow it. */
gost_streebog_compress_fn gost_streebog_compress_ssse3_get(void);

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
