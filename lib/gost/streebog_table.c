/* Streebog's compression with the precomputed LPS tables: its loads are
 * indexed by the data, so it serves public data only
 * (gost_streebog_public_*).
 *
 * The two LPS of each round of E(K, m), K' = LPS(K ^ C_r) and
 * s' = LPS(s ^ K), depend only on K and s, so they are interleaved (two
 * independent chains of loads); the input bytes are read from memory (one
 * byte load each) rather than shifted out of words. x86 and the other
 * little-endian targets see word j's byte i at offset 8 j + i; the byte
 * order is made explicit for big-endian ones. */
#include <string.h>

#include "internal/util.h"
#include "streebog_impl.h"

/* The bytes of eight words, byte i of word j at 8 j + i. */
static void words_to_bytes(uint8_t b[64], const uint64_t w[8])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(b, w, 64);
#else
    for (int j = 0; j < 8; j++)
        for (int i = 0; i < 8; i++)
            b[8 * j + i] = (uint8_t)(w[j] >> (8 * i));
#endif
}

#define T gost_streebog_T
/* Output word i of LPS(in): the XOR over j of T[j][byte i of word j]. */
#define LPS_WORD(in, i)                                                                            \
    (T[0][in[i]] ^ T[1][in[8 + i]] ^ T[2][in[16 + i]] ^ T[3][in[24 + i]] ^ T[4][in[32 + i]] ^      \
     T[5][in[40 + i]] ^ T[6][in[48 + i]] ^ T[7][in[56 + i]])

void gost_streebog_compress_table(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    uint64_t k[8], s[8], w[8];
    uint8_t kin[64], sin[64];
    for (int i = 0; i < 8; i++)
        w[i] = h[i] ^ n[i];
    words_to_bytes(kin, w);
    for (int i = 0; i < 8; i++)
        k[i] = LPS_WORD(kin, i);
    for (int i = 0; i < 8; i++)
        s[i] = gost_load64_le(m + 8 * i);
    for (int r = 0; r < 12; r++) {
        for (int i = 0; i < 8; i++)
            w[i] = k[i] ^ gost_streebog_C[r][i];
        words_to_bytes(kin, w);
        for (int i = 0; i < 8; i++)
            w[i] = s[i] ^ k[i];
        words_to_bytes(sin, w);
        for (int i = 0; i < 8; i++) {
            k[i] = LPS_WORD(kin, i);
            s[i] = LPS_WORD(sin, i);
        }
    }
    for (int i = 0; i < 8; i++)
        h[i] ^= s[i] ^ k[i] ^ gost_load64_le(m + 8 * i);
}
#undef LPS_WORD
#undef T
