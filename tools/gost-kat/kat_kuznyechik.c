/* Known-answer handlers for the Kuznyechik block cipher (GOST R 34.12-2015)
 * on the kernel GOST_CPU allows:
 *  - kuznyechik-key-schedule: key -> round_keys (K_1..K_10, concatenated),
 *    through the internal constant-time expansion every kernel uses;
 *  - kuznyechik: key, plaintext, ciphertext (whole blocks, ECB), checked
 *    encrypting and decrypting all blocks in one call, block by block, and
 *    in place. */
#include <string.h>

#include "../../lib/gost/internal/kuznyechik.h"
#include "gost/kuznyechik.h"
#include "kat.h"
#include "kat_block.h"

static int kat_key_schedule(const kat_record *r, char *why, size_t whylen)
{
    size_t klen;
    const uint8_t *key = kat_bytes(r, "key", &klen);
    uint8_t rk[10][16];
    if (key == NULL || klen != 32)
        return kat_failf(why, whylen, "record lacks a 32-byte 'key'");
    gost_kuznyechik_expand_key(rk, key);
    return kat_expect(r, "round_keys", &rk[0][0], sizeof rk, why, whylen);
}

static int kat_kuznyechik(const kat_record *r, char *why, size_t whylen)
{
    return kat_block_cipher_ecb(r, GOST_CIPHER_KUZNYECHIK, why, whylen);
}

KAT_HANDLER(kuznyechik_key_schedule, kat_key_schedule)
KAT_HANDLER(kuznyechik, kat_kuznyechik)
