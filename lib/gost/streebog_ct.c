/* Streebog's compression in portable constant-time C.
 *
 * S: pi' is read without a data-dependent address: the row of pi' selected
 * by the high nibble is gathered with masks over all 16 rows (two 64-bit
 * words per row), then the low nibble picks a byte by a shift, which takes
 * constant time on the CPUs we target.
 * P and L: P transposes the 8x8 byte matrix (fixed data movement); l is
 * linear over GF(2), applied bit by bit with masks. */
#include "internal/util.h"
#include "streebog_impl.h"

static uint8_t pi_ct(uint8_t x)
{
    uint64_t hi = x >> 4, lo = x & 15;
    uint64_t r0 = 0, r1 = 0;
    for (uint64_t row = 0; row < 16; row++) {
        uint64_t m = 0 - (((hi ^ row) - 1) >> 63);
        r0 |= m & gost_load64_le(gost_streebog_pi + 16 * row);
        r1 |= m & gost_load64_le(gost_streebog_pi + 16 * row + 8);
    }
    uint64_t upper = 0 - (lo >> 3);
    uint64_t r = (r1 & upper) | (r0 & ~upper);
    return (uint8_t)(r >> (8 * (lo & 7)));
}

static uint64_t l_ct(uint64_t v)
{
    uint64_t r = 0;
    for (int k = 0; k < 64; k++)
        r ^= gost_streebog_A[63 - k] & (0 - ((v >> k) & 1));
    return r;
}

static void lps_ct(uint64_t out[8], const uint64_t in[8])
{
    uint8_t s[64];
    for (int j = 0; j < 8; j++)
        for (int b = 0; b < 8; b++)
            s[8 * j + b] = pi_ct((uint8_t)(in[j] >> (8 * b)));
    /* After P, word i holds byte i of every word j, as byte j. */
    for (int i = 0; i < 8; i++) {
        uint64_t w = 0;
        for (int j = 7; j >= 0; j--)
            w = w << 8 | s[8 * j + i];
        out[i] = l_ct(w);
    }
    gost_wipe(s, sizeof s);
}

void gost_streebog_compress_ct(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    gost_streebog_g(lps_ct, h, n, m);
}

gost_streebog_compress_fn gost_streebog_compress_ct_best(void)
{
    gost_streebog_compress_fn f = gost_streebog_compress_ssse3_get();
    return f != NULL ? f : gost_streebog_compress_ct;
}
