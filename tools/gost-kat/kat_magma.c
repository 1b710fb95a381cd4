/* Known-answer handlers for Magma (GOST R 34.12-2015 s.5):
 *  - magma-t, magma-g: the S-box layer t and the round function g[k] on
 *    32-bit words (written as 4 bytes, most significant first);
 *  - magma-key-schedule: key -> round_keys (K_1..K_32, 4 bytes each);
 *  - magma: key, plaintext, ciphertext (whole blocks, ECB), encrypted and
 *    decrypted all blocks at once, block by block, and in place. */
#include <string.h>

#include "../../lib/gost/internal/magma.h"
#include "../../lib/gost/internal/util.h"
#include "gost/magma.h"
#include "kat.h"
#include "kat_block.h"

static int word(const kat_record *r, const char *key, uint32_t *w, char *why, size_t whylen)
{
    size_t len;
    const uint8_t *b = kat_bytes(r, key, &len);
    if (b == NULL || len != 4)
        return kat_failf(why, whylen, "record lacks a 4-byte '%s'", key);
    *w = gost_load32_be(b);
    return KAT_PASS;
}

static int expect_word(const kat_record *r, uint32_t got, char *why, size_t whylen)
{
    uint8_t b[4];
    gost_store32_be(b, got);
    return kat_expect(r, "out", b, 4, why, whylen);
}

static int kat_t(const kat_record *r, char *why, size_t whylen)
{
    uint32_t in;
    if (word(r, "in", &in, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    return expect_word(r, gost_magma_t(in), why, whylen);
}

static int kat_g(const kat_record *r, char *why, size_t whylen)
{
    uint32_t k, a;
    if (word(r, "k", &k, why, whylen) != KAT_PASS || word(r, "a", &a, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    return expect_word(r, gost_magma_g(k, a), why, whylen);
}

static int kat_key_schedule(const kat_record *r, char *why, size_t whylen)
{
    size_t klen;
    const uint8_t *key = kat_bytes(r, "key", &klen);
    uint32_t rk[32];
    uint8_t bytes[128];
    if (key == NULL || klen != 32)
        return kat_failf(why, whylen, "record lacks a 32-byte 'key'");
    gost_magma_round_keys(rk, key);
    for (int i = 0; i < 32; i++)
        gost_store32_be(bytes + 4 * i, rk[i]);
    return kat_expect(r, "round_keys", bytes, sizeof bytes, why, whylen);
}

static int kat_magma(const kat_record *r, char *why, size_t whylen)
{
    return kat_block_cipher_ecb(r, GOST_CIPHER_MAGMA, why, whylen);
}

KAT_HANDLER(magma_t, kat_t)
KAT_HANDLER(magma_g, kat_g)
KAT_HANDLER(magma_key_schedule, kat_key_schedule)
KAT_HANDLER(magma, kat_magma)
