/* Known-answer handler for KExp15 / KImp15 (vectors/kexp15.txt): the
 * intermediate MAC, the export, the import, and a tampered export refused
 * with the key buffer wiped. */
#include <string.h>

#include "gost/kexp15.h"
#include "gost/modes.h"
#include "kat.h"

#define NEED(ptr, key)                                                        \
    if ((ptr) == NULL)                                                        \
        return kat_failf(why, whylen, "record lacks bytes for '%s'", key)

static int check_kexp(const kat_record *r, char *why, size_t whylen, gost_cipher_id id)
{
    size_t klen, mlen, elen, ivlen, maclen, wlen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *kmac = kat_bytes(r, "k_mac", &mlen);
    const uint8_t *kenc = kat_bytes(r, "k_enc", &elen), *iv = kat_bytes(r, "iv", &ivlen);
    const uint8_t *mac = kat_bytes(r, "mac", &maclen), *wrapped = kat_bytes(r, "wrapped", &wlen);
    uint8_t out[128], t[16], back[128];
    uint8_t ivkey[8 + 64];
    size_t got;
    NEED(key, "key");
    NEED(kmac, "k_mac");
    NEED(kenc, "k_enc");
    NEED(iv, "iv");
    NEED(wrapped, "wrapped");
    if (mlen != 32 || elen != 32 || klen > 64 || ivlen > 8 || wlen > sizeof out)
        return kat_failf(why, whylen, "bad lengths in record");
    if (mac != NULL) { /* the intermediate OMAC(K_mac, IV || K) */
        memcpy(ivkey, iv, ivlen);
        memcpy(ivkey + ivlen, key, klen);
        if (maclen > 16 || gost_mac(id, kmac, ivkey, ivlen + klen, t, maclen) != GOST_OK)
            return kat_failf(why, whylen, "MAC failed");
        if (kat_expect(r, "mac", t, maclen, why, whylen) != KAT_PASS)
            return KAT_FAIL;
    }
    if (gost_kexp15(id, kmac, kenc, iv, ivlen, key, klen, out, sizeof out, &got) != GOST_OK)
        return kat_failf(why, whylen, "export failed");
    if (kat_expect(r, "wrapped", out, got, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    if (gost_kimp15(id, kmac, kenc, iv, ivlen, wrapped, wlen, back, sizeof back, &got) != GOST_OK)
        return kat_failf(why, whylen, "import failed");
    if (kat_expect(r, "key", back, got, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    memcpy(out, wrapped, wlen);
    out[3] ^= 0x40;
    memset(back, 0x55, sizeof back);
    if (gost_kimp15(id, kmac, kenc, iv, ivlen, out, wlen, back, sizeof back, &got) != GOST_ERR_AUTH)
        return kat_failf(why, whylen, "a tampered export was not refused");
    for (size_t i = 0; i < klen; i++)
        if (back[i] != 0)
            return kat_failf(why, whylen, "key buffer not wiped after a refused import");
    return KAT_PASS;
}

static int kat_kuznyechik_kexp15(const kat_record *r, char *why, size_t whylen)
{
    return check_kexp(r, why, whylen, GOST_CIPHER_KUZNYECHIK);
}

static int kat_magma_kexp15(const kat_record *r, char *why, size_t whylen)
{
    return check_kexp(r, why, whylen, GOST_CIPHER_MAGMA);
}

KAT_HANDLER(kuznyechik_kexp15, kat_kuznyechik_kexp15)
KAT_HANDLER(magma_kexp15, kat_magma_kexp15)
