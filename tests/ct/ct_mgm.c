/* Constant-time cases for MGM (gost/mgm.h): secret key, associated data
 * and plaintext; decryption with a right and a wrong tag (only the verdict
 * is declassified). Run on every CPU path, so the portable carry-less
 * multiplication and the PCLMULQDQ one are both checked. */
#include <string.h>

#include "ct.h"
#include "gost/mgm.h"

CT_CASE(mgm_secret_key_ad_and_text)
{
    uint8_t key[32], nonce[16], ad[37], pt[83], ct[83], out[83], tag[16];
    gost_mgm_ctx c;
    for (int k = 0; k < 2; k++) {
        gost_cipher_id id = k ? GOST_CIPHER_MAGMA : GOST_CIPHER_KUZNYECHIK;
        size_t n = k ? 8 : 16;
        memset(nonce, 0x21, sizeof nonce);
        memset(key, 0x52, sizeof key);
        memset(ad, 0x09, sizeof ad);
        memset(pt, 0x3c, sizeof pt);
        CT_SECRET(key, sizeof key);
        CT_SECRET(ad, sizeof ad);
        CT_SECRET(pt, sizeof pt);
        CT_CHECK(gost_mgm_encrypt(id, key, nonce, n, ad, sizeof ad, pt, sizeof pt, ct, tag, n) == 0);
        CT_PUBLIC(ct, sizeof ct);
        CT_PUBLIC(tag, sizeof tag);
        CT_CHECK(gost_mgm_decrypt(id, key, nonce, n, ad, sizeof ad, ct, sizeof ct, tag, n, out) == 0);
        tag[1] ^= 1;
        CT_CHECK(gost_mgm_decrypt(id, key, nonce, n, ad, sizeof ad, ct, sizeof ct, tag, n, out) == GOST_ERR_AUTH);
        CT_CHECK(gost_mgm_init(&c, id, key, nonce, n, 4, 0) == 0);
        CT_CHECK(gost_mgm_aad(&c, ad, 5) == 0);
        CT_CHECK(gost_mgm_aad(&c, ad + 5, 30) == 0);
        CT_CHECK(gost_mgm_update(&c, pt, 7, out) == 0);
        CT_CHECK(gost_mgm_update(&c, pt + 7, 70, out + 7) == 0);
        CT_CHECK(gost_mgm_encrypt_final(&c, tag) == 0);
        CT_PUBLIC(out, sizeof out);
        CT_PUBLIC(tag, sizeof tag);
    }
}

/* Kuznyechik-MGM over a text long enough for whole 32-block batches of
 * gamma and H blocks (16 text blocks per batch) and a tail: the many-block
 * kernels and the batched multiply-accumulate, with the key (so every H_i)
 * and the text secret. */
CT_CASE(mgm_long_text_secret_key_and_text)
{
    uint8_t key[32], nonce[16], ad[300], pt[1000], ct[1000], out[1000], tag[16];
    memset(nonce, 0x13, sizeof nonce);
    memset(key, 0x6b, sizeof key);
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(5 * i + 1);
    memset(ad, 0x44, sizeof ad);
    CT_SECRET(key, sizeof key);
    CT_SECRET(ad, sizeof ad);
    CT_SECRET(pt, sizeof pt);
    CT_CHECK(gost_mgm_encrypt(GOST_CIPHER_KUZNYECHIK, key, nonce, 16, ad, sizeof ad, pt, sizeof pt, ct, tag, 16) == 0);
    CT_PUBLIC(ct, sizeof ct);
    CT_PUBLIC(tag, sizeof tag);
    CT_CHECK(gost_mgm_decrypt(GOST_CIPHER_KUZNYECHIK, key, nonce, 16, ad, sizeof ad, ct, sizeof ct, tag, 16, out) ==
             0);
    CT_PUBLIC(out, sizeof out);
    CT_PUBLIC(pt, sizeof pt);
    CT_CHECK(memcmp(out, pt, sizeof pt) == 0);
}
