/* The cloud channel's record layer (lib/cloud/cloud_frame.c): round trips,
 * every single-byte alteration, replay, reordering, loss, rekeying at the
 * epoch boundary, and the key schedule recomputed from the documented
 * formulas (docs/cloud-protocol.md) with the public KDF and MGM calls. */
#include <criterion/criterion.h>
#include <string.h>

#include "cloud/cloud_frame.h"
#include "gost/errors.h"
#include "gost/kdf.h"
#include "gost/mgm.h"

static const uint8_t k_shared[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                     17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static uint8_t frame[CLOUD_FRAME_HDR + 1 + 4096 + CLOUD_FRAME_TAG];
static uint8_t plain[4096 + 1];

static void pair(struct cloud_dir *tx, struct cloud_dir *rx)
{
    cr_assert_eq(cloud_dir_init(tx, k_shared, 0), GOST_OK);
    cr_assert_eq(cloud_dir_init(rx, k_shared, 0), GOST_OK);
}

Test(cloud_channel, round_trip_all_sizes)
{
    struct cloud_dir tx, rx;
    pair(&tx, &rx);
    uint8_t msg[300];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 7 + 1);
    for (size_t n = 0; n <= sizeof msg; n += 13) {
        size_t flen, plen;
        uint8_t type;
        cr_assert_eq(cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, msg, n, frame, sizeof frame, &flen),
                     GOST_OK);
        cr_assert_eq(flen, CLOUD_FRAME_HDR + 1 + n + CLOUD_FRAME_TAG);
        if (n > 16)
            cr_assert_neq(memcmp(frame + CLOUD_FRAME_HDR + 1, msg, n), 0, "payload in clear");
        cr_assert_eq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK);
        cr_assert_eq(type, CLOUD_MSG_PKCS11);
        cr_assert_eq(plen, n);
        cr_assert_eq(memcmp(plain, msg, n), 0);
    }
}

Test(cloud_channel, every_byte_altered_is_refused)
{
    uint8_t msg[40] = "sign this, please";
    struct cloud_dir tx, rx;
    size_t flen, plen;
    uint8_t type;
    pair(&tx, &rx);
    cr_assert_eq(cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, msg, sizeof msg, frame, sizeof frame, &flen),
                 GOST_OK);
    for (size_t i = 0; i < flen; i++) {
        struct cloud_dir r2 = rx;
        frame[i] ^= 0x01;
        cr_assert_neq(cloud_frame_open(&r2, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK,
                      "byte %zu", i);
        cr_assert(r2.dead);
        frame[i] ^= 0x01;
    }
    /* Truncated by one byte and extended by one byte. */
    struct cloud_dir r3 = rx;
    cr_assert_neq(cloud_frame_open(&r3, frame, flen - 1, &type, plain, sizeof plain, &plen), GOST_OK);
    r3 = rx;
    cr_assert_neq(cloud_frame_open(&r3, frame, flen + 1, &type, plain, sizeof plain, &plen), GOST_OK);
    cr_assert_eq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), GOST_OK);
}

Test(cloud_channel, replay_reorder_loss_and_wrong_direction)
{
    struct cloud_dir tx, rx;
    static uint8_t f1[64], f2[64];
    size_t l1, l2, plen;
    uint8_t type;
    pair(&tx, &rx);
    cr_assert_eq(cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, (const uint8_t *)"one", 3, f1, sizeof f1, &l1), 0);
    cr_assert_eq(cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, (const uint8_t *)"two", 3, f2, sizeof f2, &l2), 0);
    struct cloud_dir r = rx; /* reordered: f2 first */
    cr_assert_eq(cloud_frame_open(&r, f2, l2, &type, plain, sizeof plain, &plen), GOST_ERR_AUTH);
    cr_assert_eq(cloud_frame_open(&r, f1, l1, &type, plain, sizeof plain, &plen), GOST_ERR_BAD_STATE,
                 "a dead direction must stay dead");
    r = rx; /* replay */
    cr_assert_eq(cloud_frame_open(&r, f1, l1, &type, plain, sizeof plain, &plen), GOST_OK);
    cr_assert_eq(cloud_frame_open(&r, f1, l1, &type, plain, sizeof plain, &plen), GOST_ERR_AUTH);
    /* A frame reflected back to its sender (other direction's keys). */
    struct cloud_dir back;
    cr_assert_eq(cloud_dir_init(&back, k_shared, 1), GOST_OK);
    cr_assert_eq(cloud_frame_open(&back, f1, l1, &type, plain, sizeof plain, &plen), GOST_ERR_AUTH);
    /* Wrong shared key. */
    uint8_t other[32];
    memcpy(other, k_shared, 32);
    other[31] ^= 0x80;
    cr_assert_eq(cloud_dir_init(&r, other, 0), GOST_OK);
    cr_assert_eq(cloud_frame_open(&r, f1, l1, &type, plain, sizeof plain, &plen), GOST_ERR_AUTH);
}

/* The frame recomputed from the formulas of the doc's "Key schedule". */
Test(cloud_channel, matches_documented_key_schedule_and_rekeys)
{
    struct cloud_dir tx, rx;
    pair(&tx, &rx);
    uint64_t seq = ((uint64_t)1 << CLOUD_REKEY_SHIFT) - 1; /* last frame of epoch 0 */
    tx.seq = rx.seq = seq;
    uint8_t base[32], key[32], nonce[16] = {0}, ad[12], expect[64], tag[16];
    cr_assert_eq(gost_kdf_gostr3411_2012_256(k_shared, "cloud base", 10, NULL, 0, base), 0);
    for (int k = 0; k < 2; k++, seq++) {
        uint8_t seed[8];
        uint64_t epoch = seq >> CLOUD_REKEY_SHIFT;
        for (int i = 0; i < 8; i++)
            seed[i] = (uint8_t)(epoch >> (56 - 8 * i));
        cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(base, 32, "cloud c->s", 10, seed, 8, 1, key, 32), 0);
        for (int i = 0; i < 8; i++)
            nonce[8 + i] = ad[4 + i] = (uint8_t)(seq >> (56 - 8 * i));
        uint8_t pt[5] = {CLOUD_MSG_STATUS, 'a', 'b', 'c', 'd'};
        ad[0] = ad[1] = ad[2] = 0;
        ad[3] = (uint8_t)(sizeof pt + 16);
        cr_assert_eq(gost_mgm_encrypt(GOST_CIPHER_KUZNYECHIK, key, nonce, 16, ad, 12, pt, sizeof pt,
                                      expect, tag, 16), 0);
        size_t flen, plen;
        uint8_t type;
        cr_assert_eq(cloud_frame_seal(&tx, CLOUD_MSG_STATUS, pt + 1, 4, frame, sizeof frame, &flen), 0);
        cr_assert_eq(flen, 4 + 5 + 16);
        cr_assert_eq(memcmp(frame, ad, 4), 0);
        cr_assert_eq(memcmp(frame + 4, expect, 5), 0, "ciphertext, frame %d", k);
        cr_assert_eq(memcmp(frame + 9, tag, 16), 0, "tag, frame %d", k);
        cr_assert_eq(cloud_frame_open(&rx, frame, flen, &type, plain, sizeof plain, &plen), 0);
        cr_assert_eq(type, CLOUD_MSG_STATUS);
        cr_assert_eq(tx.epoch, epoch);
    }
    cr_assert_eq(tx.epoch, 1, "the key must be renewed at the epoch boundary");
}

Test(cloud_channel, header_limits)
{
    uint8_t h[4] = {0, 0, 0, 8};
    size_t n;
    cr_assert_eq(cloud_frame_body_len(h, &n), GOST_ERR_DECODE, "no room for the type byte");
    h[3] = 9;
    cr_assert_eq(cloud_frame_body_len(h, &n), GOST_OK, "the shortest (OMAC) tag");
    cr_assert_eq(n, 9);
    h[0] = 0xff;
    cr_assert_eq(cloud_frame_body_len(h, &n), GOST_ERR_DECODE, "over the size limit");
    struct cloud_dir tx;
    size_t flen;
    cr_assert_eq(cloud_dir_init(&tx, k_shared, 0), 0);
    cr_assert_eq(cloud_frame_seal(&tx, 1, plain, 10, frame, 10, &flen), GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(tx.seq, 0);
}
