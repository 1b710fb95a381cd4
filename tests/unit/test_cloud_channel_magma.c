/* The Magma-CTR + OMAC suite of the record layer: round trips, every byte
 * altered, replay, the other suite's frames refused, rekeying every
 * 2^CLOUD_REKEY_SHIFT_MAGMA frames, and one frame recomputed from the
 * documented formulas (docs/cloud-protocol.md "Frames") with the public
 * KDF, CTR and OMAC calls. */
#include <criterion/criterion.h>
#include <string.h>

#include "cloud/cloud_frame.h"
#include "gost/errors.h"
#include "gost/kdf.h"
#include "gost/modes.h"

static const uint8_t k_shared[32] = {32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
                                     16, 15, 14, 13, 12, 11, 10, 9,  8,  7,  6,  5,  4,  3,  2,  1};
static uint8_t frame[CLOUD_FRAME_HDR + 1 + 4096 + CLOUD_FRAME_TAG];
static uint8_t plain[4096 + 1];

static void pair(struct cloud_dir *tx, struct cloud_dir *rx)
{
    cr_assert_eq(cloud_dir_init_suite(tx, k_shared, 1, CLOUD_SUITE_MAGMA_CTR_OMAC), GOST_OK);
    cr_assert_eq(cloud_dir_init_suite(rx, k_shared, 1, CLOUD_SUITE_MAGMA_CTR_OMAC), GOST_OK);
}

Test(cloud_channel_magma, round_trip_and_alterations)
{
    struct cloud_dir tx, rx;
    uint8_t msg[1000], type;
    size_t flen, plen;
    pair(&tx, &rx);
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 5 + 3);
    for (size_t n = 0; n <= sizeof msg; n += 37) {
        cr_assert_eq(cloud_frame_seal(&tx, CLOUD_MSG_STATUS, msg, n, frame, sizeof frame, &flen), GOST_OK);
        cr_assert_eq(flen, CLOUD_FRAME_HDR + 1 + n + 8);
        if (n > 16)
            cr_assert_neq(memcmp(frame + CLOUD_FRAME_HDR + 1, msg, n), 0, "payload in clear");
        cr_assert_eq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK);
        cr_assert_eq(type, CLOUD_MSG_STATUS);
        cr_assert_eq(plen, n);
        cr_assert_eq(memcmp(plain, msg, n), 0);
    }
    cr_assert_eq(cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, msg, 40, frame, sizeof frame, &flen), GOST_OK);
    for (size_t i = 0; i < flen; i++) {
        struct cloud_dir r2 = rx;
        frame[i] ^= 0x80;
        cr_assert_neq(cloud_frame_open(&r2, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK,
                      "byte %zu", i);
        cr_assert(r2.dead);
        frame[i] ^= 0x80;
    }
    cr_assert_eq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK);
    cr_assert_neq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK,
                  "replayed");
}

Test(cloud_channel_magma, suites_do_not_mix)
{
    struct cloud_dir tx, rx;
    uint8_t type;
    size_t flen, plen;
    cr_assert_eq(cloud_dir_init_suite(&tx, k_shared, 0, CLOUD_SUITE_KUZNYECHIK_MGM), GOST_OK);
    cr_assert_eq(cloud_dir_init_suite(&rx, k_shared, 0, CLOUD_SUITE_MAGMA_CTR_OMAC), GOST_OK);
    cr_assert_eq(cloud_frame_seal(&tx, 1, (const uint8_t *)"x", 1, frame, sizeof frame, &flen), GOST_OK);
    cr_assert_neq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK);
    cr_assert_eq(cloud_dir_init_suite(&rx, k_shared, 0, 3), GOST_ERR_UNSUPPORTED);
}

Test(cloud_channel_magma, rekey_every_1024_frames)
{
    struct cloud_dir tx, rx;
    uint8_t type;
    size_t flen, plen;
    pair(&tx, &rx);
    uint8_t first[64];
    memcpy(first, tx.key, 64);
    for (unsigned i = 0; i < (1u << CLOUD_REKEY_SHIFT_MAGMA) + 2; i++) {
        cr_assert_eq(cloud_frame_seal(&tx, 1, (const uint8_t *)"ab", 2, frame, sizeof frame, &flen), GOST_OK);
        cr_assert_eq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK);
    }
    cr_assert_eq(tx.epoch, 1);
    cr_assert_neq(memcmp(first, tx.key, 64), 0);
}

/* Frame 0 of direction 1 rebuilt from the document's formulas. */
Test(cloud_channel_magma, matches_the_documented_construction)
{
    struct cloud_dir tx, rx;
    uint8_t base[32], key[64], ad[12] = {0}, body[1 + 5 + 8], seed[8] = {0};
    size_t flen;
    pair(&tx, &rx);
    cr_assert_eq(cloud_frame_seal(&tx, 0x10, (const uint8_t *)"hello", 5, frame, sizeof frame, &flen),
                 GOST_OK);
    cr_assert_eq(gost_kdf_gostr3411_2012_256(k_shared, "cloud base", 10, NULL, 0, base), GOST_OK);
    cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(base, 32, "cloud s->c", 10, seed, 8, 1, key, 64),
                 GOST_OK);
    uint8_t iv[4] = {0};
    body[0] = 0x10;
    memcpy(body + 1, "hello", 5);
    cr_assert_eq(gost_ctr_crypt(GOST_CIPHER_MAGMA, key, iv, 4, 8, body, 6, body), GOST_OK);
    ad[3] = 1 + 5 + 8; /* [L]_4, then [seq]_8 = 0 */
    uint8_t mac_in[12 + 6];
    memcpy(mac_in, ad, 12);
    memcpy(mac_in + 12, body, 6);
    cr_assert_eq(gost_mac(GOST_CIPHER_MAGMA, key + 32, mac_in, sizeof mac_in, body + 6, 8), GOST_OK);
    cr_assert_eq(flen, 4 + sizeof body);
    cr_assert_eq(memcmp(frame, ad, 4), 0);
    cr_assert_eq(memcmp(frame + 4, body, sizeof body), 0);
}
