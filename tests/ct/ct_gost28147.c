/* Constant-time cases for GOST 28147-89: key setting, ECB both ways, the
 * CNT, CFB and CBC modes (streamed across the meshing point), CryptoPro key
 * meshing itself and IMIT, with the key and the data secret. The S-box set
 * is public. */
#include <string.h>

#include "ct.h"
#include "gost/gost28147.h"

static void fill(uint8_t *p, size_t n, unsigned mul)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(mul * i + 7);
}

CT_CASE(gost28147_key_and_ecb_secret_key_and_data)
{
    uint8_t key[32], pt[8 * 5], ct[8 * 5], back[8 * 5];
    gost28147_key k;
    fill(key, sizeof key, 29);
    fill(pt, sizeof pt, 13);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, sizeof pt);
    CT_CHECK(gost28147_set_key(&k, GOST28147_SBOX_CRYPTOPRO_A, key) == GOST_OK);
    CT_CHECK(gost28147_encrypt_blocks(&k, pt, ct, 5) == GOST_OK);
    CT_CHECK(gost28147_decrypt_blocks(&k, ct, back, 5) == GOST_OK);
    CT_CHECK(gost28147_key_mesh(&k, ct) == GOST_OK);
    CT_PUBLIC(pt, sizeof pt);
    CT_PUBLIC(back, sizeof back);
    CT_CHECK(memcmp(pt, back, sizeof pt) == 0);
    gost28147_wipe_key(&k);
}

/* 1100 bytes: meshing happens once, in the middle of a streamed update. */
CT_CASE(gost28147_modes_secret_key_iv_and_data)
{
    static const gost28147_mode modes[] = {GOST28147_MODE_CNT, GOST28147_MODE_CFB,
                                           GOST28147_MODE_CBC};
    uint8_t key[32], iv[8], pt[1104], ct[1104 + 8], back[1104 + 8];
    fill(key, sizeof key, 31);
    fill(iv, sizeof iv, 3);
    fill(pt, sizeof pt, 17);
    CT_SECRET(key, sizeof key);
    CT_SECRET(iv, sizeof iv);
    CT_SECRET(pt, sizeof pt);
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        int mesh = modes[m] != GOST28147_MODE_CBC;
        for (int enc = 1; enc >= 0; enc--) {
            gost28147_ctx c;
            size_t a, b;
            const uint8_t *in = enc ? pt : ct;
            uint8_t *out = enc ? ct : back;
            CT_CHECK(gost28147_init(&c, modes[m], enc, GOST28147_SBOX_TC26_Z, key, iv, mesh) == GOST_OK);
            CT_CHECK(gost28147_update(&c, in, 13, out, &a) == GOST_OK);
            CT_CHECK(gost28147_update(&c, in + 13, sizeof pt - 13, out + a, &b) == GOST_OK);
            CT_CHECK(a + b == sizeof pt);
            CT_CHECK(gost28147_final(&c) == GOST_OK);
        }
        CT_PUBLIC(back, sizeof pt);
        CT_PUBLIC(pt, sizeof pt);
        CT_CHECK(memcmp(back, pt, sizeof pt) == 0);
        CT_SECRET(pt, sizeof pt);
    }
}

CT_CASE(gost28147_imit_secret_key_and_data)
{
    uint8_t key[32], iv[8], msg[1100], tag[4];
    fill(key, sizeof key, 37);
    fill(iv, sizeof iv, 5);
    fill(msg, sizeof msg, 19);
    CT_SECRET(key, sizeof key);
    CT_SECRET(iv, sizeof iv);
    CT_SECRET(msg, sizeof msg);
    gost28147_imit_ctx c;
    CT_CHECK(gost28147_imit_init(&c, GOST28147_SBOX_CRYPTOPRO_A, key, iv, 1) == GOST_OK);
    CT_CHECK(gost28147_imit_update(&c, msg, 5) == GOST_OK);
    CT_CHECK(gost28147_imit_update(&c, msg + 5, sizeof msg - 5) == GOST_OK);
    CT_CHECK(gost28147_imit_final(&c, tag, 4) == GOST_OK);
    /* one block: the appended zero block path */
    CT_CHECK(gost28147_imit(GOST28147_SBOX_CRYPTOPRO_A, key, NULL, 1, msg, 6, tag, 3) == GOST_OK);
    CT_PUBLIC(tag, sizeof tag);
}
