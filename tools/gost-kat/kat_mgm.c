/* Known-answer handler for MGM (vectors/mgm.txt): one-shot encryption and
 * decryption, streaming in 5-byte pieces, every shorter tag (a prefix of
 * the full one), and a wrong tag refused with the output wiped. */
#include <stdlib.h>
#include <string.h>

#include "gost/mgm.h"
#include "kat.h"

#define NEED(ptr, key)                                                        \
    if ((ptr) == NULL)                                                        \
        return kat_failf(why, whylen, "record lacks bytes for '%s'", key)

static int streamed(gost_cipher_id id, const uint8_t *key, const uint8_t *nonce, size_t nlen,
                    const uint8_t *ad, size_t adlen, const uint8_t *pt, size_t len, uint8_t *out,
                    uint8_t *tag, size_t tlen)
{
    gost_mgm_ctx c;
    int rc = gost_mgm_init(&c, id, key, nonce, nlen, tlen, 0);
    for (size_t i = 0; i < adlen && rc == GOST_OK; i += 5)
        rc = gost_mgm_aad(&c, ad + i, adlen - i < 5 ? adlen - i : 5);
    for (size_t i = 0; i < len && rc == GOST_OK; i += 5)
        rc = gost_mgm_update(&c, pt + i, len - i < 5 ? len - i : 5, out + i);
    return rc == GOST_OK ? gost_mgm_encrypt_final(&c, tag) : rc;
}

static int check_mgm(const kat_record *r, char *why, size_t whylen, gost_cipher_id id)
{
    size_t klen, nlen, adlen, plen, clen, tlen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *nonce = kat_bytes(r, "nonce", &nlen);
    const uint8_t *ad = kat_bytes(r, "ad", &adlen), *pt = kat_bytes(r, "plaintext", &plen);
    const uint8_t *ct = kat_bytes(r, "ciphertext", &clen), *tag = kat_bytes(r, "tag", &tlen);
    uint8_t t[16], bad[16];
    NEED(key, "key");
    NEED(nonce, "nonce");
    NEED(ad, "ad");
    NEED(pt, "plaintext");
    NEED(ct, "ciphertext");
    NEED(tag, "tag");
    if (klen != 32 || plen != clen || tlen > 16)
        return kat_failf(why, whylen, "bad lengths in record");
    uint8_t *buf = malloc(plen + 1);
    if (buf == NULL)
        return kat_failf(why, whylen, "out of memory");
    int res = KAT_FAIL;
    if (gost_mgm_encrypt(id, key, nonce, nlen, ad, adlen, pt, plen, buf, t, tlen) != GOST_OK) {
        kat_failf(why, whylen, "encryption failed");
        goto done;
    }
    if (kat_expect(r, "ciphertext", buf, plen, why, whylen) != KAT_PASS ||
        kat_expect(r, "tag", t, tlen, why, whylen) != KAT_PASS)
        goto done;
    memset(buf, 0, plen);
    if (streamed(id, key, nonce, nlen, ad, adlen, pt, plen, buf, t, tlen) != GOST_OK) {
        kat_failf(why, whylen, "streamed encryption failed");
        goto done;
    }
    if (kat_expect(r, "ciphertext", buf, plen, why, whylen) != KAT_PASS ||
        kat_expect(r, "tag", t, tlen, why, whylen) != KAT_PASS)
        goto done;
    for (size_t s = GOST_MGM_MIN_TAG_SIZE; s <= tlen; s++) {
        if (gost_mgm_decrypt(id, key, nonce, nlen, ad, adlen, ct, clen, tag, s, buf) != GOST_OK) {
            kat_failf(why, whylen, "decryption with a %zu-byte tag failed", s);
            goto done;
        }
        if (kat_expect(r, "plaintext", buf, plen, why, whylen) != KAT_PASS)
            goto done;
    }
    memcpy(bad, tag, tlen);
    bad[tlen - 1] ^= 1;
    if (gost_mgm_decrypt(id, key, nonce, nlen, ad, adlen, ct, clen, bad, tlen, buf) != GOST_ERR_AUTH) {
        kat_failf(why, whylen, "a wrong tag was not refused");
        goto done;
    }
    for (size_t i = 0; i < plen; i++)
        if (buf[i] != 0) {
            kat_failf(why, whylen, "output not wiped after a wrong tag");
            goto done;
        }
    res = KAT_PASS;
done:
    free(buf);
    return res;
}

static int kat_kuznyechik_mgm(const kat_record *r, char *why, size_t whylen)
{
    return check_mgm(r, why, whylen, GOST_CIPHER_KUZNYECHIK);
}

static int kat_magma_mgm(const kat_record *r, char *why, size_t whylen)
{
    return check_mgm(r, why, whylen, GOST_CIPHER_MAGMA);
}

KAT_HANDLER(kuznyechik_mgm, kat_kuznyechik_mgm)
KAT_HANDLER(magma_mgm, kat_magma_mgm)
