/* The GOST 28147-89 and CryptoPro key wraps, RFC 4357 s.6.1-6.4: the same
 * wrap under the KEK itself (s.6.1) or under KEK(UKM) (s.6.3, s.6.5). */
#include <string.h>

#include "ec_declassify.h"
#include "gost/keywrap.h"
#include "internal/util.h"

/* UKM || ECB(kek, cek) || IMIT(ukm, kek, cek) */
static int wrap_under(gost28147_sbox sbox, const uint8_t kek[32], const uint8_t ukm[8],
                      const uint8_t cek[32], uint8_t wrapped[44])
{
    gost28147_key k;
    uint8_t mac[4];
    int rc = gost28147_set_key(&k, sbox, kek);
    if (rc == GOST_OK)
        rc = gost28147_imit(sbox, kek, ukm, 0, cek, 32, mac, sizeof mac);
    if (rc == GOST_OK) {
        memmove(wrapped, ukm, 8);
        gost28147_encrypt_blocks(&k, cek, wrapped + 8, 4);
        memcpy(wrapped + 40, mac, 4);
    }
    gost28147_wipe_key(&k);
    return rc;
}

/* Decrypts, recomputes the MAC, compares in constant time; on a mismatch
 * the output is wiped without a branch and only the verdict is public. */
static int unwrap_under(gost28147_sbox sbox, const uint8_t kek[32], const uint8_t *wrapped,
                        uint8_t cek[32])
{
    gost28147_key k;
    uint8_t mac[4], plain[32];
    int rc = gost28147_set_key(&k, sbox, kek);
    if (rc == GOST_OK) {
        gost28147_decrypt_blocks(&k, wrapped + 8, plain, 4);
        rc = gost28147_imit(sbox, kek, wrapped, 0, plain, 32, mac, sizeof mac);
    }
    if (rc == GOST_OK) {
        uint8_t keep = (uint8_t)(0u - (unsigned)gost_ct_equal(mac, wrapped + 40, 4));
        for (int i = 0; i < 32; i++)
            cek[i] = plain[i] & keep;
        rc = ec_declassify_int(keep & 1) ? GOST_OK : GOST_ERR_AUTH;
    }
    gost28147_wipe_key(&k);
    gost_wipe(plain, sizeof plain);
    gost_wipe(mac, sizeof mac);
    return rc;
}

static int check_unwrap_args(const uint8_t *kek, const uint8_t *wrapped, size_t wrapped_len,
                             uint8_t *cek)
{
    if (kek == NULL || wrapped == NULL || cek == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    return wrapped_len == GOST_KEYWRAP_WRAPPED_SIZE ? GOST_OK : GOST_ERR_BAD_LENGTH;
}

int gost_keywrap_gost28147(gost28147_sbox sbox, const uint8_t kek[32], const uint8_t ukm[8],
                           const uint8_t cek[32], uint8_t wrapped[44])
{
    if (kek == NULL || ukm == NULL || cek == NULL || wrapped == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    return wrap_under(sbox, kek, ukm, cek, wrapped);
}

int gost_keyunwrap_gost28147(gost28147_sbox sbox, const uint8_t kek[32], const uint8_t *wrapped,
                             size_t wrapped_len, uint8_t cek[32])
{
    int rc = check_unwrap_args(kek, wrapped, wrapped_len, cek);
    if (rc == GOST_OK)
        rc = unwrap_under(sbox, kek, wrapped, cek);
    if (rc != GOST_OK && cek != NULL)
        gost_wipe(cek, 32);
    return rc;
}

int gost_keywrap_cryptopro(gost28147_sbox sbox, const uint8_t kek[32], const uint8_t ukm[8],
                           const uint8_t cek[32], uint8_t wrapped[44])
{
    if (kek == NULL || ukm == NULL || cek == NULL || wrapped == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    uint8_t kek_ukm[32];
    int rc = gost_kek_diversify_cryptopro(sbox, kek, ukm, kek_ukm);
    if (rc == GOST_OK)
        rc = wrap_under(sbox, kek_ukm, ukm, cek, wrapped);
    gost_wipe(kek_ukm, sizeof kek_ukm);
    return rc;
}

int gost_keyunwrap_cryptopro(gost28147_sbox sbox, const uint8_t kek[32], const uint8_t *wrapped,
                             size_t wrapped_len, uint8_t cek[32])
{
    uint8_t kek_ukm[32];
    int rc = check_unwrap_args(kek, wrapped, wrapped_len, cek);
    if (rc == GOST_OK)
        rc = gost_kek_diversify_cryptopro(sbox, kek, wrapped, kek_ukm);
    if (rc == GOST_OK)
        rc = unwrap_under(sbox, kek_ukm, wrapped, cek);
    if (rc != GOST_OK && cek != NULL)
        gost_wipe(cek, 32);
    gost_wipe(kek_ukm, sizeof kek_ukm);
    return rc;
}
