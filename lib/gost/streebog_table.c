/* Streebog's compression with the precomputed LPS tables: its loads are
 * indexed by the data, so it serves public data only
 * (gost_streebog_public_*).
 *
 * Output word i of LPS takes byte i of every input word: the eight words
 * stay in registers and are shifted down a byte per output word, which
 * keeps the loads for the tables alone (storing the words and reading
 * their bytes back doubled the loads, the bottleneck). The two LPS of a
 * round, K' = LPS(K ^ C_r) and s' = LPS(s ^ K), are independent and the
 * core overlaps them; written interleaved they need 16 words live and
 * spill. Measured on Zen 3 (rdtsc over the compression alone): about 18
 * cycles per byte, against 23-30 for the byte-load version. */
#include <string.h>

#include "internal/util.h"
#include "streebog_impl.h"

#define T gost_streebog_T
#define B(x) ((x) & 0xff)

/* One output word of LPS from the low bytes of the eight words x0..x7,
 * which are then shifted down a byte for the next one. Named variables, not
 * an array: GCC 12 kept an array in memory (measured 1.7x slower). */
#define LPS_NEXT_WORD(x)                                                                           \
    (T[0][B(x##0)] ^ T[1][B(x##1)] ^ T[2][B(x##2)] ^ T[3][B(x##3)] ^ T[4][B(x##4)] ^                \
     T[5][B(x##5)] ^ T[6][B(x##6)] ^ T[7][B(x##7)])
#define SHIFT_WORDS(x)                                                                             \
    (x##0 >>= 8, x##1 >>= 8, x##2 >>= 8, x##3 >>= 8, x##4 >>= 8, x##5 >>= 8, x##6 >>= 8, x##7 >>= 8)
#define LOAD_WORDS(x, w)                                                                           \
    uint64_t x##0 = w[0], x##1 = w[1], x##2 = w[2], x##3 = w[3], x##4 = w[4], x##5 = w[5],         \
             x##6 = w[6], x##7 = w[7]

static inline __attribute__((always_inline)) void lps(uint64_t out[8], const uint64_t w[8])
{
    LOAD_WORDS(a, w);
    for (int i = 0; i < 8; i++) {
        out[i] = LPS_NEXT_WORD(a);
        SHIFT_WORDS(a);
    }
}

#undef LOAD_WORDS

void gost_streebog_compress_table(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    uint64_t k[8], s[8], mw[8], wk[8], ws[8];
    for (int i = 0; i < 8; i++) {
        mw[i] = gost_load64_le(m + 8 * i);
        wk[i] = h[i] ^ n[i];
    }
    lps(k, wk); /* K_1 = LPS(h ^ N) */
    for (int i = 0; i < 8; i++)
        s[i] = mw[i];
    for (int r = 0; r < 12; r++) {
        for (int i = 0; i < 8; i++) {
            wk[i] = k[i] ^ gost_streebog_C[r][i];
            ws[i] = s[i] ^ k[i];
        }
        lps(k, wk);
        lps(s, ws);
    }
    for (int i = 0; i < 8; i++)
        h[i] ^= s[i] ^ k[i] ^ mw[i];
}
#undef LPS_NEXT_WORD
#undef SHIFT_WORDS
#undef B
#undef T
