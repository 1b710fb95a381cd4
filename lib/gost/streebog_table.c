/* Streebog's compression with the precomputed LPS tables: its loads are
 * indexed by the data, so it serves public data only
 * (gost_streebog_public_*). On x86-64 where the path allows AVX2 the
 * dispatch below picks x86_64/streebog_table_avx.S instead; this kernel
 * serves the portable and ssse3 paths and other CPUs.
 *
 * Output word i of LPS takes byte i of every input word. The eight words
 * stay in registers, unchanged, and byte i is read as (uint8_t)(w >> 8i):
 * a shift and a zero-extending move, or one move for byte 0 (and byte 1
 * of a word in a register with a high-byte name, movzbl %ah). Shifting the
 * words down a byte per output word instead costs a shift for every byte:
 * measured on Zen 3 (rdtsc over the compression alone, fastest of 2000
 * runs over 16 KiB) 18.4 against 17.5 ticks per byte. Storing the words
 * and reading their bytes back stalls on store forwarding (35 ticks per
 * byte). The two LPS of a
 * round, K' = LPS(K ^ C_r) and s' = LPS(s ^ K), are independent and the
 * core overlaps them; written interleaved they need 16 words live and
 * spill. */
#include <string.h>

#include "gost/cpu.h"
#include "internal/util.h"
#include "streebog_impl.h"

#define T gost_streebog_T
#define BYTE(x, i) ((uint8_t)((x) >> (8 * (i))))

/* Output word i of LPS from byte i of the eight words x0..x7. Named
 * variables, not an array: GCC 12 kept an array in memory (measured 1.7x
 * slower). */
#define LPS_WORD(x, i)                                                                             \
    (T[0][BYTE(x##0, i)] ^ T[1][BYTE(x##1, i)] ^ T[2][BYTE(x##2, i)] ^ T[3][BYTE(x##3, i)] ^        \
     T[4][BYTE(x##4, i)] ^ T[5][BYTE(x##5, i)] ^ T[6][BYTE(x##6, i)] ^ T[7][BYTE(x##7, i)])

static inline __attribute__((always_inline)) void lps(uint64_t out[8], const uint64_t w[8])
{
    const uint64_t a0 = w[0], a1 = w[1], a2 = w[2], a3 = w[3], a4 = w[4], a5 = w[5], a6 = w[6], a7 = w[7];
    out[0] = LPS_WORD(a, 0);
    out[1] = LPS_WORD(a, 1);
    out[2] = LPS_WORD(a, 2);
    out[3] = LPS_WORD(a, 3);
    out[4] = LPS_WORD(a, 4);
    out[5] = LPS_WORD(a, 5);
    out[6] = LPS_WORD(a, 6);
    out[7] = LPS_WORD(a, 7);
}

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
#undef LPS_WORD
#undef BYTE
#undef T

#if defined(__x86_64__) && defined(__ELF__)
/* In x86_64/streebog_table_avx.S (VEX-encoded SSE: AVX, which the AVX2
 * path implies). */
void gost_streebog_compress_table_avx(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);

gost_streebog_compress_fn gost_streebog_compress_table_avx_get(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_AVX2) ? gost_streebog_compress_table_avx : NULL;
}
#else
gost_streebog_compress_fn gost_streebog_compress_table_avx_get(void)
{
    return NULL;
}
#endif

gost_streebog_compress_fn gost_streebog_compress_table_best(void)
{
    /* The only dispatch point of the table Streebog (public data). */
    gost_streebog_compress_fn f = gost_streebog_compress_table_avx_get();
    return f != NULL ? f : gost_streebog_compress_table;
}
