/* ECB known answers for any block cipher of gost/blockcipher.h. */
#include <string.h>

#include "kat_block.h"

#define MAX_BYTES 1024

static int check_direction(const kat_record *r, const gost_cipher *c, int decrypt,
                           const uint8_t *in, size_t len, char *why, size_t whylen)
{
    int (*fn)(const gost_cipher *, const uint8_t *, uint8_t *, size_t) =
        decrypt ? gost_cipher_decrypt_blocks : gost_cipher_encrypt_blocks;
    const char *want = decrypt ? "plaintext" : "ciphertext";
    size_t bs = gost_cipher_block_size(c), n = len / bs;
    uint8_t out[MAX_BYTES];
    if (fn(c, in, out, n) != GOST_OK)
        return kat_failf(why, whylen, "call failed");
    if (kat_expect(r, want, out, len, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    memset(out, 0, sizeof out);
    for (size_t i = 0; i < n; i++)
        fn(c, in + bs * i, out + bs * i, 1);
    if (kat_expect(r, want, out, len, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    memcpy(out, in, len);
    fn(c, out, out, n);
    return kat_expect(r, want, out, len, why, whylen);
}

int kat_block_cipher_ecb(const kat_record *r, gost_cipher_id id, char *why, size_t whylen)
{
    size_t klen, plen, clen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *pt = kat_bytes(r, "plaintext", &plen),
                  *ct = kat_bytes(r, "ciphertext", &clen);
    gost_cipher c;
    if (key == NULL || klen != 32)
        return kat_failf(why, whylen, "record lacks a 32-byte 'key'");
    if (gost_cipher_set_key(&c, id, key) != GOST_OK)
        return kat_failf(why, whylen, "set_key failed");
    size_t bs = gost_cipher_block_size(&c);
    int rc;
    if (pt == NULL || ct == NULL || plen != clen || plen % bs != 0 || plen > MAX_BYTES)
        rc = kat_failf(why, whylen, "plaintext and ciphertext must be equal whole blocks "
                                    "(at most %d bytes)", MAX_BYTES);
    else
        rc = check_direction(r, &c, 0, pt, plen, why, whylen);
    if (rc == KAT_PASS)
        rc = check_direction(r, &c, 1, ct, clen, why, whylen);
    gost_cipher_wipe(&c);
    return rc;
}
