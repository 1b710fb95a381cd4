/* Known-answer handlers for ACPKM (vectors/acpkm.txt): the key transform,
 * CTR-ACPKM (one-shot and streamed in pieces that straddle the section
 * boundaries) and OMAC-ACPKM (one-shot and byte by byte). */
#include <stdlib.h>
#include <string.h>

#include "gost/acpkm.h"
#include "kat.h"

#define NEED(ptr, key)                                                        \
    if ((ptr) == NULL)                                                        \
        return kat_failf(why, whylen, "record lacks bytes for '%s'", key)

static int check_transform(const kat_record *r, char *why, size_t whylen, gost_cipher_id id)
{
    size_t klen;
    const uint8_t *key = kat_bytes(r, "key", &klen);
    uint8_t next[32];
    NEED(key, "key");
    if (klen != 32 || gost_acpkm_transform(id, key, next) != GOST_OK)
        return kat_failf(why, whylen, "transform failed");
    return kat_expect(r, "next", next, 32, why, whylen);
}

static int check_ctr(const kat_record *r, char *why, size_t whylen, gost_cipher_id id)
{
    size_t klen, ivlen, plen, clen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *iv = kat_bytes(r, "iv", &ivlen);
    const uint8_t *pt = kat_bytes(r, "plaintext", &plen), *ct = kat_bytes(r, "ciphertext", &clen);
    uint64_t section;
    NEED(key, "key");
    NEED(iv, "iv");
    NEED(pt, "plaintext");
    NEED(ct, "ciphertext");
    if (kat_uint(r, "section", &section) != 0 || plen != clen || klen != 32)
        return kat_failf(why, whylen, "record lacks 'section' or lengths differ");
    uint8_t *buf = malloc(plen + 1);
    if (buf == NULL)
        return kat_failf(why, whylen, "out of memory");
    int res = KAT_FAIL;
    if (gost_ctr_acpkm(id, key, section, iv, ivlen, pt, plen, buf) != GOST_OK) {
        kat_failf(why, whylen, "one-shot failed");
    } else if (kat_expect(r, "ciphertext", buf, plen, why, whylen) == KAT_PASS) {
        /* pieces of 7 bytes: every section boundary falls inside one */
        gost_mode_ctx c;
        size_t got, pos = 0;
        int rc = gost_ctr_acpkm_init(&c, id, key, section, iv, ivlen);
        memset(buf, 0, plen);
        for (size_t i = 0; i < plen && rc == GOST_OK; i += 7) {
            size_t take = plen - i < 7 ? plen - i : 7;
            rc = gost_mode_update(&c, ct + i, take, buf + pos, take, &got);
            pos += got;
        }
        if (rc == GOST_OK)
            rc = gost_mode_final(&c, NULL, 0, &got);
        if (rc != GOST_OK)
            kat_failf(why, whylen, "streamed decryption failed");
        else
            res = kat_expect(r, "plaintext", buf, plen, why, whylen);
    }
    free(buf);
    return res;
}

static int check_omac(const kat_record *r, char *why, size_t whylen, gost_cipher_id id)
{
    size_t klen, plen, mlen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *pt = kat_bytes(r, "plaintext", &plen);
    const uint8_t *want = kat_bytes(r, "mac", &mlen);
    uint64_t section, master;
    uint8_t tag[16];
    gost_omac_acpkm_ctx c;
    NEED(key, "key");
    NEED(pt, "plaintext");
    NEED(want, "mac");
    if (kat_uint(r, "section", &section) != 0 || kat_uint(r, "master_section", &master) != 0 ||
        klen != 32 || mlen > 16)
        return kat_failf(why, whylen, "record lacks 'section'/'master_section' or bad lengths");
    if (gost_omac_acpkm(id, key, section, master, pt, plen, tag, mlen) != GOST_OK)
        return kat_failf(why, whylen, "one-shot failed");
    if (kat_expect(r, "mac", tag, mlen, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    memset(tag, 0, sizeof tag);
    int rc = gost_omac_acpkm_init(&c, id, key, section, master);
    for (size_t i = 0; i < plen && rc == GOST_OK; i++)
        rc = gost_omac_acpkm_update(&c, pt + i, 1);
    if (rc != GOST_OK || gost_omac_acpkm_final(&c, tag, mlen) != GOST_OK)
        return kat_failf(why, whylen, "streamed MAC failed");
    return kat_expect(r, "mac", tag, mlen, why, whylen);
}

#define ACPKM_HANDLERS(cipher, ID)                                                             \
    static int kat_##cipher##_acpkm(const kat_record *r, char *w, size_t l)                    \
    {                                                                                          \
        return check_transform(r, w, l, ID);                                                   \
    }                                                                                          \
    static int kat_##cipher##_ctr_acpkm(const kat_record *r, char *w, size_t l)                \
    {                                                                                          \
        return check_ctr(r, w, l, ID);                                                         \
    }                                                                                          \
    static int kat_##cipher##_omac_acpkm(const kat_record *r, char *w, size_t l)               \
    {                                                                                          \
        return check_omac(r, w, l, ID);                                                        \
    }                                                                                          \
    KAT_HANDLER(cipher##_acpkm, kat_##cipher##_acpkm)                                          \
    KAT_HANDLER(cipher##_ctr_acpkm, kat_##cipher##_ctr_acpkm)                                  \
    KAT_HANDLER(cipher##_omac_acpkm, kat_##cipher##_omac_acpkm)

ACPKM_HANDLERS(kuznyechik, GOST_CIPHER_KUZNYECHIK)
ACPKM_HANDLERS(magma, GOST_CIPHER_MAGMA)
