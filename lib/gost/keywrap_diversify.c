/* CryptoPro KEK diversification, RFC 4357 s.6.5: eight steps, step i
 * splitting the current key into eight little-endian 32-bit words k_j and
 * forming the 8-byte IV S = (sum of k_j where bit j of UKM byte i is 1) ||
 * (sum of the others), each mod 2^32 little endian; the next key is the
 * current key CFB-encrypted under itself with IV S. */
#include "gost/keywrap.h"
#include "internal/util.h"

int gost_kek_diversify_cryptopro(gost28147_sbox sbox, const uint8_t kek[32],
                                 const uint8_t ukm[8], uint8_t out[32])
{
    if (kek == NULL || ukm == NULL || out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    uint8_t k[32], s[8];
    gost28147_ctx cfb;
    int rc = GOST_OK;
    for (int i = 0; i < 32; i++)
        k[i] = kek[i];
    for (int i = 0; i < 8 && rc == GOST_OK; i++) {
        uint32_t s1 = 0, s0 = 0;
        for (int j = 0; j < 8; j++) {
            uint32_t w = gost_load32_le(k + 4 * j);
            uint32_t bit = (uint32_t)0 - ((ukm[i] >> j) & 1u); /* no branch */
            s1 += w & bit;
            s0 += w & ~bit;
        }
        gost_store32_le(s, s1);
        gost_store32_le(s + 4, s0);
        rc = gost28147_init(&cfb, GOST28147_MODE_CFB, GOST28147_ENCRYPT, sbox, k, s, 0);
        if (rc == GOST_OK)
            rc = gost28147_update(&cfb, k, 32, k, NULL);
        gost28147_final(&cfb);
    }
    if (rc == GOST_OK)
        for (int i = 0; i < 32; i++)
            out[i] = k[i];
    gost_wipe(k, sizeof k);
    gost_wipe(s, sizeof s);
    return rc;
}
