/* Constant-time cases for the modes of GOST R 34.13-2015 (gost/modes.h)
 * on both ciphers: the key and the plaintext are secret; ciphertexts and
 * tags are public by design. Decryption marks the key secret and checks
 * the plaintext never steers a branch (procedure 2 unpadding included:
 * only its verdict and length are declassified). */
#include <string.h>

#include "ct.h"
#include "gost/modes.h"

static const gost_cipher_id ct_ids[] = {GOST_CIPHER_KUZNYECHIK, GOST_CIPHER_MAGMA};

CT_CASE(modes_encrypt_secret_key_and_plaintext)
{
    uint8_t key[32], iv[32], pt[100], out[128];
    size_t got;
    memset(iv, 0x24, sizeof iv);
    for (size_t k = 0; k < 2; k++) {
        gost_cipher_id id = ct_ids[k];
        size_t n = id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
        memset(key, 0x42, sizeof key);
        memset(pt, 0x17, sizeof pt);
        CT_SECRET(key, sizeof key);
        CT_SECRET(pt, sizeof pt);
        CT_CHECK(gost_ecb_encrypt(id, key, GOST_PAD_2, pt, sizeof pt, out, sizeof out, &got) == 0);
        CT_CHECK(gost_cbc_encrypt(id, key, iv, 2 * n, GOST_PAD_3, pt, sizeof pt, out, sizeof out, &got) == 0);
        CT_CHECK(gost_ctr_crypt(id, key, iv, n / 2, n, pt, sizeof pt, out) == 0);
        CT_CHECK(gost_ctr_crypt(id, key, iv, n / 2, 3, pt, sizeof pt, out) == 0);
        CT_CHECK(gost_ofb_crypt(id, key, iv, 2 * n, n, pt, sizeof pt, out) == 0);
        CT_CHECK(gost_cfb_encrypt(id, key, iv, 2 * n, n, pt, sizeof pt, out) == 0);
        CT_CHECK(gost_cfb_encrypt(id, key, iv, n + 3, 5, pt, sizeof pt, out) == 0);
        /* a one-block register: the cipher's chaining entries (AVX2: the
         * assembly kernels; SSSE3: the C ones; the chain kept in a register) */
        CT_CHECK(gost_cbc_encrypt(id, key, iv, n, GOST_PAD_3, pt, sizeof pt, out, sizeof out, &got) == 0);
        CT_CHECK(gost_ofb_crypt(id, key, iv, n, n, pt, sizeof pt, out) == 0);
        CT_CHECK(gost_cfb_encrypt(id, key, iv, n, n, pt, sizeof pt, out) == 0);
        CT_PUBLIC(out, sizeof out);
    }
}

CT_CASE(modes_decrypt_secret_key)
{
    uint8_t key[32], iv[32], ct[96], out[96];
    size_t got;
    memset(iv, 0x24, sizeof iv);
    for (size_t k = 0; k < 2; k++) {
        gost_cipher_id id = ct_ids[k];
        size_t n = id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
        uint8_t pt[90];
        memset(key, 0x42, sizeof key);
        memset(pt, 0x17, sizeof pt);
        /* a valid procedure-2 ciphertext, made in the clear */
        CT_CHECK(gost_cbc_encrypt(id, key, iv, n, GOST_PAD_2, pt, sizeof pt, ct, sizeof ct, &got) == 0);
        size_t clen = got;
        CT_SECRET(key, sizeof key);
        CT_CHECK(gost_cbc_decrypt(id, key, iv, n, GOST_PAD_2, ct, clen, out, sizeof out, &got) == 0);
        CT_CHECK(gost_ecb_decrypt(id, key, GOST_PAD_NONE, ct, clen, out, sizeof out, &got) == 0);
        CT_CHECK(gost_cfb_decrypt(id, key, iv, 2 * n, n, ct, clen, out) == 0);
        CT_CHECK(gost_cfb_decrypt(id, key, iv, n + 1, 3, ct, clen, out) == 0);
        CT_PUBLIC(out, sizeof out);
        CT_PUBLIC(&got, sizeof got);
        CT_PUBLIC(key, sizeof key);
    }
}

CT_CASE(modes_streaming_and_mac_secret)
{
    uint8_t key[32], iv[16], pt[77], out[96], tag[16];
    size_t got;
    gost_mode_ctx c;
    gost_mac_ctx m;
    memset(iv, 0x5a, sizeof iv);
    for (size_t k = 0; k < 2; k++) {
        gost_cipher_id id = ct_ids[k];
        size_t n = id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
        memset(key, 0x33, sizeof key);
        memset(pt, 0x44, sizeof pt);
        CT_SECRET(key, sizeof key);
        CT_SECRET(pt, sizeof pt);
        CT_CHECK(gost_ofb_init(&c, id, key, iv, n, 5) == 0);
        CT_CHECK(gost_mode_update(&c, pt, 13, out, sizeof out, &got) == 0);
        CT_CHECK(gost_mode_update(&c, pt + 13, 64, out, sizeof out, &got) == 0);
        CT_CHECK(gost_mode_final(&c, out, sizeof out, &got) == 0);
        CT_CHECK(gost_mac(id, key, pt, sizeof pt, tag, n) == 0);
        CT_CHECK(gost_mac(id, key, pt, 2 * n, tag, 3) == 0);
        CT_CHECK(gost_mac_init(&m, id, key) == 0);
        CT_CHECK(gost_mac_update(&m, pt, 5) == 0);
        CT_CHECK(gost_mac_update(&m, pt + 5, 50) == 0);
        CT_CHECK(gost_mac_final(&m, tag, n) == 0);
        CT_PUBLIC(out, sizeof out);
        CT_PUBLIC(tag, sizeof tag);
    }
}
