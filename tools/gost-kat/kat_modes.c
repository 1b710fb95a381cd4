/* Known-answer handlers for the modes of GOST R 34.13-2015
 * (vectors/gost3413.txt). Each record is checked one-shot (out of place
 * and in place), streamed byte by byte, in both directions; MAC records
 * also check the intermediate R, K1, K2. */
#include <stdlib.h>
#include <string.h>

#include "gost/internal/modes.h"
#include "gost/modes.h"
#include "kat.h"

#define NEED(ptr, key)                                                        \
    if ((ptr) == NULL)                                                        \
        return kat_failf(why, whylen, "record lacks bytes for '%s'", key)

enum { ECB, CTR, OFB, CBC, CFB };

static int init(gost_mode_ctx *c, int mode, gost_cipher_id id, const uint8_t *key, gost_direction dir,
                const uint8_t *iv, size_t ivlen, size_t s)
{
    switch (mode) {
    case ECB: return gost_ecb_init(c, id, key, dir, GOST_PAD_NONE);
    case CTR: return gost_ctr_init(c, id, key, iv, ivlen, s);
    case OFB: return gost_ofb_init(c, id, key, iv, ivlen, s);
    case CBC: return gost_cbc_init(c, id, key, dir, iv, ivlen, GOST_PAD_NONE);
    default: return gost_cfb_init(c, id, key, dir, iv, ivlen, s);
    }
}

static int oneshot(int mode, gost_cipher_id id, const uint8_t *key, gost_direction dir, const uint8_t *iv,
                   size_t ivlen, size_t s, const uint8_t *in, size_t len, uint8_t *out)
{
    size_t got = 0;
    int enc = dir == GOST_ENCRYPT;
    switch (mode) {
    case ECB:
        return enc ? gost_ecb_encrypt(id, key, GOST_PAD_NONE, in, len, out, len, &got)
                   : gost_ecb_decrypt(id, key, GOST_PAD_NONE, in, len, out, len, &got);
    case CTR: return gost_ctr_crypt(id, key, iv, ivlen, s, in, len, out);
    case OFB: return gost_ofb_crypt(id, key, iv, ivlen, s, in, len, out);
    case CBC:
        return enc ? gost_cbc_encrypt(id, key, iv, ivlen, GOST_PAD_NONE, in, len, out, len, &got)
                   : gost_cbc_decrypt(id, key, iv, ivlen, GOST_PAD_NONE, in, len, out, len, &got);
    default:
        return enc ? gost_cfb_encrypt(id, key, iv, ivlen, s, in, len, out)
                   : gost_cfb_decrypt(id, key, iv, ivlen, s, in, len, out);
    }
}

/* Byte-by-byte streaming. */
static int streamed(int mode, gost_cipher_id id, const uint8_t *key, gost_direction dir, const uint8_t *iv,
                    size_t ivlen, size_t s, const uint8_t *in, size_t len, uint8_t *out)
{
    gost_mode_ctx c;
    size_t pos = 0, got;
    int rc = init(&c, mode, id, key, dir, iv, ivlen, s);
    for (size_t i = 0; i < len && rc == GOST_OK; i++) {
        rc = gost_mode_update(&c, in + i, 1, out + pos, len - pos, &got);
        pos += got;
    }
    if (rc == GOST_OK)
        rc = gost_mode_final(&c, out + pos, len - pos, &got);
    return rc == GOST_OK && pos + got == len ? GOST_OK : GOST_ERR_INTERNAL;
}

static int check_one(const kat_record *r, char *why, size_t whylen, gost_cipher_id id, int mode,
                     const uint8_t *key, gost_direction dir, const uint8_t *iv, size_t ivlen, size_t s,
                     const uint8_t *in, size_t len, const char *want)
{
    uint8_t *buf = malloc(len + 1);
    int res = KAT_FAIL;
    if (buf == NULL)
        return kat_failf(why, whylen, "out of memory");
    const char *what = dir == GOST_ENCRYPT ? "encryption" : "decryption";
    if (oneshot(mode, id, key, dir, iv, ivlen, s, in, len, buf) != GOST_OK)
        kat_failf(why, whylen, "one-shot %s failed", what);
    else if (kat_expect(r, want, buf, len, why, whylen) != KAT_PASS)
        ;
    else if (memcpy(buf, in, len), oneshot(mode, id, key, dir, iv, ivlen, s, buf, len, buf) != GOST_OK)
        kat_failf(why, whylen, "in-place %s failed", what);
    else if (kat_expect(r, want, buf, len, why, whylen) != KAT_PASS)
        ;
    else if (memset(buf, 0, len), streamed(mode, id, key, dir, iv, ivlen, s, in, len, buf) != GOST_OK)
        kat_failf(why, whylen, "streamed %s failed", what);
    else
        res = kat_expect(r, want, buf, len, why, whylen);
    free(buf);
    return res;
}

static int check_mode(const kat_record *r, char *why, size_t whylen, gost_cipher_id id, int mode)
{
    size_t klen, ivlen = 0, plen, clen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *iv = kat_bytes(r, "iv", &ivlen);
    const uint8_t *pt = kat_bytes(r, "plaintext", &plen), *ct = kat_bytes(r, "ciphertext", &clen);
    uint64_t s = id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
    NEED(key, "key");
    NEED(pt, "plaintext");
    NEED(ct, "ciphertext");
    if (mode != ECB)
        NEED(iv, "iv");
    if (klen != 32 || plen != clen)
        return kat_failf(why, whylen, "key must be 32 bytes, plaintext as long as ciphertext");
    if (kat_has(r, "s") && kat_uint(r, "s", &s) != 0)
        return kat_failf(why, whylen, "'s' is not a number");
    if (check_one(r, why, whylen, id, mode, key, GOST_ENCRYPT, iv, ivlen, s, pt, plen, "ciphertext") !=
        KAT_PASS)
        return KAT_FAIL;
    return check_one(r, why, whylen, id, mode, key, GOST_DECRYPT, iv, ivlen, s, ct, clen, "plaintext");
}

static int check_mac(const kat_record *r, char *why, size_t whylen, gost_cipher_id id)
{
    size_t klen, plen, mlen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *pt = kat_bytes(r, "plaintext", &plen);
    const uint8_t *want = kat_bytes(r, "mac", &mlen);
    uint8_t k[16] = {0}, tag[16];
    gost_cipher c;
    gost_mac_ctx m;
    NEED(key, "key");
    NEED(pt, "plaintext");
    NEED(want, "mac");
    if (klen != 32 || mlen == 0 || mlen > 16)
        return kat_failf(why, whylen, "bad key or mac length");
    if (gost_cipher_set_key(&c, id, key) != GOST_OK)
        return kat_failf(why, whylen, "set_key failed");
    size_t n = gost_cipher_block_size(&c);
    gost_cipher_encrypt_blocks(&c, k, k, 1);
    gost_cipher_wipe(&c);
    if (kat_has(r, "r") && kat_expect(r, "r", k, n, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    gost_omac_double(k, k, n);
    if (kat_has(r, "k1") && kat_expect(r, "k1", k, n, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    gost_omac_double(k, k, n);
    if (kat_has(r, "k2") && kat_expect(r, "k2", k, n, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    if (gost_mac(id, key, pt, plen, tag, mlen) != GOST_OK)
        return kat_failf(why, whylen, "one-shot MAC failed");
    if (kat_expect(r, "mac", tag, mlen, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    memset(tag, 0, sizeof tag);
    int rc = gost_mac_init(&m, id, key);
    for (size_t i = 0; i < plen && rc == GOST_OK; i++)
        rc = gost_mac_update(&m, pt + i, 1);
    if (rc != GOST_OK || gost_mac_final(&m, tag, mlen) != GOST_OK)
        return kat_failf(why, whylen, "streamed MAC failed");
    return kat_expect(r, "mac", tag, mlen, why, whylen);
}

#define MODE_HANDLERS(cipher, ID)                                                              \
    static int kat_##cipher##_ecb(const kat_record *r, char *w, size_t l)                      \
    {                                                                                          \
        return check_mode(r, w, l, ID, ECB);                                                   \
    }                                                                                          \
    static int kat_##cipher##_ctr(const kat_record *r, char *w, size_t l)                      \
    {                                                                                          \
        return check_mode(r, w, l, ID, CTR);                                                   \
    }                                                                                          \
    static int kat_##cipher##_ofb(const kat_record *r, char *w, size_t l)                      \
    {                                                                                          \
        return check_mode(r, w, l, ID, OFB);                                                   \
    }                                                                                          \
    static int kat_##cipher##_cbc(const kat_record *r, char *w, size_t l)                      \
    {                                                                                          \
        return check_mode(r, w, l, ID, CBC);                                                   \
    }                                                                                          \
    static int kat_##cipher##_cfb(const kat_record *r, char *w, size_t l)                      \
    {                                                                                          \
        return check_mode(r, w, l, ID, CFB);                                                   \
    }                                                                                          \
    static int kat_##cipher##_mac(const kat_record *r, char *w, size_t l)                      \
    {                                                                                          \
        return check_mac(r, w, l, ID);                                                         \
    }                                                                                          \
    KAT_HANDLER(cipher##_ecb, kat_##cipher##_ecb)                                              \
    KAT_HANDLER(cipher##_ctr, kat_##cipher##_ctr)                                              \
    KAT_HANDLER(cipher##_ofb, kat_##cipher##_ofb)                                              \
    KAT_HANDLER(cipher##_cbc, kat_##cipher##_cbc)                                              \
    KAT_HANDLER(cipher##_cfb, kat_##cipher##_cfb)                                              \
    KAT_HANDLER(cipher##_mac, kat_##cipher##_mac)

MODE_HANDLERS(kuznyechik, GOST_CIPHER_KUZNYECHIK)
MODE_HANDLERS(magma, GOST_CIPHER_MAGMA)
