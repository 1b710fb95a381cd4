/* Constant-time cases for Magma: the key schedule and encryption and
 * decryption of one and many blocks (in place too), with the key and the
 * data secret, on the kernel the CPU path selects. */
#include <string.h>

#include "ct.h"
#include "gost/magma.h"

CT_CASE(magma_key_schedule_secret_key)
{
    uint8_t key[32];
    gost_magma_key k;
    memset(key, 0xa7, sizeof key);
    CT_SECRET(key, sizeof key);
    CT_CHECK(gost_magma_set_key(&k, key) == GOST_OK);
    gost_magma_wipe(&k);
}

CT_CASE(magma_blocks_secret_key_and_data)
{
    uint8_t key[32], pt[8 * 9], ct[8 * 9], back[8 * 9];
    gost_magma_key k;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(5 * i + 3);
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(11 * i);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, sizeof pt);
    CT_CHECK(gost_magma_set_key(&k, key) == GOST_OK);
    CT_CHECK(gost_magma_encrypt_blocks(&k, pt, ct, 1) == GOST_OK);
    CT_CHECK(gost_magma_encrypt_blocks(&k, pt, ct, 9) == GOST_OK);
    CT_CHECK(gost_magma_decrypt_blocks(&k, ct, back, 9) == GOST_OK);
    memcpy(ct, pt, sizeof pt);
    CT_CHECK(gost_magma_encrypt_blocks(&k, ct, ct, 9) == GOST_OK);
    CT_CHECK(gost_magma_decrypt_blocks(&k, ct, ct, 9) == GOST_OK);
    CT_PUBLIC(ct, sizeof ct);
    CT_PUBLIC(pt, sizeof pt);
    CT_PUBLIC(back, sizeof back);
    CT_CHECK(memcmp(back, pt, sizeof pt) == 0);
    gost_magma_wipe(&k);
}
