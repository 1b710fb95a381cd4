/* Constant-time cases for the RFC 4357 key wraps: KEK diversification,
 * wrap and unwrap (a good and a forged MAC) with the KEK and the CEK
 * secret; the UKM is public. Only the unwrap verdict is declassified (by
 * the library). */
#include <string.h>

#include "ct.h"
#include "gost/keywrap.h"

CT_CASE(keywrap_secret_kek_and_cek)
{
    uint8_t kek[32], cek[32], ukm[8], w[44], back[32], div[32];
    for (int i = 0; i < 32; i++)
        kek[i] = (uint8_t)(7 * i + 1), cek[i] = (uint8_t)(11 * i + 5);
    for (int i = 0; i < 8; i++)
        ukm[i] = (uint8_t)(0x35 * i + 0x9c);
    CT_SECRET(kek, sizeof kek);
    CT_SECRET(cek, sizeof cek);
    CT_CHECK(gost_kek_diversify_cryptopro(GOST28147_SBOX_CRYPTOPRO_A, kek, ukm, div) == GOST_OK);
    for (int cp = 0; cp < 2; cp++) {
        int (*wrap)(gost28147_sbox, const uint8_t *, const uint8_t *, const uint8_t *, uint8_t *) =
            cp ? gost_keywrap_cryptopro : gost_keywrap_gost28147;
        int (*unwrap)(gost28147_sbox, const uint8_t *, const uint8_t *, size_t, uint8_t *) =
            cp ? gost_keyunwrap_cryptopro : gost_keyunwrap_gost28147;
        CT_CHECK(wrap(GOST28147_SBOX_CRYPTOPRO_A, kek, ukm, cek, w) == GOST_OK);
        CT_PUBLIC(w, sizeof w); /* the wrapped key travels in clear */
        CT_CHECK(unwrap(GOST28147_SBOX_CRYPTOPRO_A, kek, w, sizeof w, back) == GOST_OK);
        w[42] ^= 1;
        CT_CHECK(unwrap(GOST28147_SBOX_CRYPTOPRO_A, kek, w, sizeof w, back) == GOST_ERR_AUTH);
        CT_PUBLIC(back, sizeof back);
        for (int i = 0; i < 32; i++)
            CT_CHECK(back[i] == 0);
    }
}
