/* Streebog's compression with the precomputed LPS tables: fast, but its
 * loads are indexed by the data, so it serves public data only
 * (gost_streebog_public_*). */
#include "internal/util.h"
#include "streebog_impl.h"

static void lps(uint64_t out[8], const uint64_t in[8])
{
    for (int i = 0; i < 8; i++) {
        int s = 8 * i;
        out[i] = gost_streebog_T[0][(in[0] >> s) & 0xff] ^ gost_streebog_T[1][(in[1] >> s) & 0xff] ^
                 gost_streebog_T[2][(in[2] >> s) & 0xff] ^ gost_streebog_T[3][(in[3] >> s) & 0xff] ^
                 gost_streebog_T[4][(in[4] >> s) & 0xff] ^ gost_streebog_T[5][(in[5] >> s) & 0xff] ^
                 gost_streebog_T[6][(in[6] >> s) & 0xff] ^ gost_streebog_T[7][(in[7] >> s) & 0xff];
    }
}

void gost_streebog_compress_table(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    gost_streebog_g(lps, h, n, m);
}
