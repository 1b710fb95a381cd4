/* Constant-time cases for Kuznyechik, run under valgrind once per CPU path
 * (GOST_CPU=portable|ssse3|avx2: set_key installs that path's kernel). The
 * key and the data are secret; a ciphertext is public only once it is
 * made so explicitly. One, a few and many blocks in each direction (see
 * CT_KUZ_BLOCKS), and the key schedule alone. */
#include <string.h>

#include "ct.h"
#include "../../lib/gost/internal/kuznyechik.h"
#include "gost/kuznyechik.h"

/* Counts that reach every code path of every kernel: a single block and a
 * few (the SIMD kernels' one-block form), full batches (8, 16, 32 blocks)
 * followed by a short tail (one block at a time) or a long one (a padded
 * batch). */
#define CT_KUZ_BLOCKS 45

CT_CASE(kuznyechik_key_schedule_secret_key)
{
    uint8_t key[32];
    gost_kuznyechik_key k;
    memset(key, 0x5c, sizeof key);
    CT_SECRET(key, sizeof key);
    CT_CHECK(gost_kuznyechik_set_key(&k, key) == GOST_OK);
    gost_kuznyechik_wipe(&k);
}

static void run_blocks(size_t nblocks)
{
    uint8_t key[32], pt[16 * CT_KUZ_BLOCKS], ct[16 * CT_KUZ_BLOCKS], back[16 * CT_KUZ_BLOCKS];
    gost_kuznyechik_key k;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(3 * i + 1);
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(7 * i);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, sizeof pt);
    CT_CHECK(gost_kuznyechik_set_key(&k, key) == GOST_OK);
    CT_CHECK(gost_kuznyechik_encrypt_blocks(&k, pt, ct, nblocks) == GOST_OK);
    CT_CHECK(gost_kuznyechik_decrypt_blocks(&k, ct, back, nblocks) == GOST_OK);
    /* In place, too. */
    CT_CHECK(gost_kuznyechik_encrypt_blocks(&k, back, back, nblocks) == GOST_OK);
    CT_CHECK(gost_kuznyechik_decrypt_blocks(&k, back, back, nblocks) == GOST_OK);
    CT_PUBLIC(pt, sizeof pt);
    CT_PUBLIC(back, sizeof back);
    CT_CHECK(memcmp(back, pt, 16 * nblocks) == 0);
    gost_kuznyechik_wipe(&k);
}

CT_CASE(kuznyechik_one_block_secret_key_and_data)
{
    run_blocks(1);
}

CT_CASE(kuznyechik_few_blocks_secret_key_and_data)
{
    run_blocks(3);
}

CT_CASE(kuznyechik_many_blocks_secret_key_and_data)
{
    run_blocks(CT_KUZ_BLOCKS);
    run_blocks(32 + 5);
    run_blocks(16 + 3);
}

/* The counter entry (CTR, CTR-ACPKM, MGM) with the key and the counter
 * secret, as MGM's are (they start at E_K(nonce)): each of the three
 * fields; a count that crosses a window of 256 counters and ends in a
 * padded batch, and one short enough for the one-block path; a last byte
 * that wraps inside a batch. */
CT_CASE(kuznyechik_counter_blocks_secret_key_counter_and_data)
{
    static const unsigned fields[3][2] = {{0, 15}, {0, 7}, {8, 15}};
    static uint8_t in[16 * 300], out[16 * 300];
    uint8_t key[32], ctr[16];
    gost_kuznyechik_key k;
    memset(key, 0x3a, sizeof key);
    CT_SECRET(key, sizeof key);
    CT_CHECK(gost_kuznyechik_set_key(&k, key) == GOST_OK);
    for (int f = 0; f < 3; f++) {
        for (size_t i = 0; i < sizeof ctr; i++)
            ctr[i] = (uint8_t)(0x51 * i + 0xf7);
        for (size_t i = 0; i < sizeof in; i++)
            in[i] = (uint8_t)(i + 9);
        CT_SECRET(ctr, sizeof ctr);
        CT_SECRET(in, sizeof in);
        gost_kuznyechik_ctr_blocks(&k, ctr, fields[f][0], fields[f][1], in, out, 300);
        gost_kuznyechik_ctr_blocks(&k, ctr, fields[f][0], fields[f][1], NULL, out, 2);
        CT_PUBLIC(out, sizeof out);
    }
    gost_kuznyechik_wipe(&k);
}
