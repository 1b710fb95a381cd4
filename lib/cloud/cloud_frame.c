/* Record layer of the cloud channel (docs/cloud-protocol.md, "Frames" and
 * "Key schedule"). Kuznyechik-MGM with a 16-byte tag, or Magma-CTR then
 * OMAC-Magma (8-byte tag) over the same associated data; the nonce (or IV)
 * carries the direction and the sequence number, which is never sent: a
 * replayed, reordered, dropped or altered frame fails the tag. */
#include <gost/errors.h>
#include <gost/kdf.h>
#include <gost/mgm.h>
#include <gost/modes.h>
#include <gost/util.h>
#include <string.h>
#include "cloud_frame.h"
#include "gost/ec_declassify.h" /* accept or reject is public */

static const char k_label[2][12] = {"cloud c->s", "cloud s->c"};

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static int is_magma(const struct cloud_dir *d)
{
    return d->suite == CLOUD_SUITE_MAGMA_CTR_OMAC;
}

static unsigned rekey_shift(const struct cloud_dir *d)
{
    return is_magma(d) ? CLOUD_REKEY_SHIFT_MAGMA : CLOUD_REKEY_SHIFT;
}

/* key = KDF_TREE(base, label, [epoch]_8, R = 1), 32 bytes (MGM) or 64 bytes
 * (Magma: encryption key || MAC key): one tree leaf per epoch, so traffic
 * under one key is bounded by 2^shift frames. */
static int derive_epoch_key(struct cloud_dir *d, uint64_t epoch)
{
    uint8_t seed[8];
    put_be64(seed, epoch);
    int rc = gost_kdf_tree_gostr3411_2012_256(d->base, 32, k_label[d->dir], strlen(k_label[d->dir]),
                                              seed, sizeof seed, 1, d->key, is_magma(d) ? 64 : 32);
    if (rc == GOST_OK)
        d->epoch = epoch;
    return rc;
}

int cloud_dir_init(struct cloud_dir *d, const uint8_t shared[32], uint8_t dir)
{
    return cloud_dir_init_suite(d, shared, dir, CLOUD_SUITE_KUZNYECHIK_MGM);
}

int cloud_dir_init_suite(struct cloud_dir *d, const uint8_t shared[32], uint8_t dir, uint8_t suite)
{
    if (d == NULL || shared == NULL || dir > 1)
        return GOST_ERR_INVALID_ARGUMENT;
    if (suite != CLOUD_SUITE_KUZNYECHIK_MGM && suite != CLOUD_SUITE_MAGMA_CTR_OMAC)
        return GOST_ERR_UNSUPPORTED;
    memset(d, 0, sizeof *d);
    d->dir = dir;
    d->suite = suite;
    d->tag_len = suite == CLOUD_SUITE_MAGMA_CTR_OMAC ? 8 : 16;
    /* base = KDF_GOSTR3411_2012_256(shared, "cloud base", "") keeps the
     * SESPAKE output itself out of the record layer. */
    int rc = gost_kdf_gostr3411_2012_256(shared, "cloud base", 10, NULL, 0, d->base);
    if (rc == GOST_OK)
        rc = derive_epoch_key(d, 0);
    if (rc != GOST_OK)
        cloud_dir_wipe(d);
    return rc;
}

void cloud_dir_wipe(struct cloud_dir *d)
{
    if (d != NULL)
        gost_wipe(d, sizeof *d);
}

/* Makes sure d->key belongs to d->seq's epoch and builds the nonce
 * 0x00 | dir | 0^6 | [seq]_8 (MSB 0 as MGM requires). */
static int prepare(struct cloud_dir *d, uint8_t nonce[16], uint8_t ad[12], uint32_t body_len)
{
    if (d->dead)
        return GOST_ERR_BAD_STATE;
    if (d->seq == UINT64_MAX)
        return GOST_ERR_LIMIT;
    uint64_t epoch = d->seq >> rekey_shift(d);
    if (epoch != d->epoch) {
        int rc = derive_epoch_key(d, epoch);
        if (rc != GOST_OK)
            return rc;
    }
    memset(nonce, 0, 16);
    nonce[1] = d->dir;
    put_be64(nonce + 8, d->seq);
    /* AAD: the header as sent, then the sequence number. */
    ad[0] = (uint8_t)(body_len >> 24);
    ad[1] = (uint8_t)(body_len >> 16);
    ad[2] = (uint8_t)(body_len >> 8);
    ad[3] = (uint8_t)body_len;
    put_be64(ad + 4, d->seq);
    return GOST_OK;
}

static void magma_iv(const struct cloud_dir *d, uint8_t iv[4])
{
    uint32_t low = (uint32_t)(d->seq & ((1u << CLOUD_REKEY_SHIFT_MAGMA) - 1));
    iv[0] = (uint8_t)(low >> 24);
    iv[1] = (uint8_t)(low >> 16);
    iv[2] = (uint8_t)(low >> 8);
    iv[3] = (uint8_t)low;
}

/* The 8-byte OMAC-Magma tag under key[32..63] over AAD || C. */
static int magma_tag(const struct cloud_dir *d, const uint8_t ad[12], const uint8_t *body, size_t len,
                     uint8_t tag[8])
{
    gost_mac_ctx mac;
    int rc = gost_mac_init(&mac, GOST_CIPHER_MAGMA, d->key + 32);
    if (rc == GOST_OK)
        rc = gost_mac_update(&mac, ad, 12);
    if (rc == GOST_OK)
        rc = gost_mac_update(&mac, body, len);
    if (rc == GOST_OK)
        rc = gost_mac_final(&mac, tag, 8);
    gost_mac_wipe(&mac);
    return rc;
}

/* Magma-CTR under key[0..31] with IV = [seq mod 2^shift]_4 (unique within
 * the epoch, whose key is its own), then OMAC-Magma under key[32..63] over
 * AAD || C: encrypt-then-MAC. */
static int magma_seal(struct cloud_dir *d, const uint8_t ad[12], uint8_t *body, size_t plain,
                      uint8_t *tag)
{
    uint8_t iv[4];
    magma_iv(d, iv);
    int rc = gost_ctr_crypt(GOST_CIPHER_MAGMA, d->key, iv, 4, 8, body, plain, body);
    return rc == GOST_OK ? magma_tag(d, ad, body, plain, tag) : rc;
}

/* Checks the OMAC tag (constant-time compare) before any decryption. */
static int magma_open(struct cloud_dir *d, const uint8_t ad[12], const uint8_t *body, size_t plain,
                      const uint8_t *tag, uint8_t *out)
{
    uint8_t want[8];
    int rc = magma_tag(d, ad, body, plain, want);
    if (rc == GOST_OK && !ec_declassify_int(gost_ct_equal(want, tag, 8)))
        rc = GOST_ERR_AUTH;
    if (rc != GOST_OK)
        return rc;
    uint8_t iv[4];
    magma_iv(d, iv);
    return gost_ctr_crypt(GOST_CIPHER_MAGMA, d->key, iv, 4, 8, body, plain, out);
}

int cloud_frame_seal(struct cloud_dir *d, uint8_t type, const uint8_t *payload, size_t len,
                     uint8_t *out, size_t cap, size_t *out_len)
{
    if (d == NULL || out == NULL || out_len == NULL || (payload == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (len > CLOUD_FRAME_MAX_PLAIN - 1)
        return GOST_ERR_BAD_LENGTH;
    size_t plain = 1 + len, total = CLOUD_FRAME_HDR + plain + d->tag_len;
    if (cap < total)
        return GOST_ERR_BUFFER_TOO_SMALL;
    uint8_t nonce[16], ad[12];
    int rc = prepare(d, nonce, ad, (uint32_t)(plain + d->tag_len));
    if (rc != GOST_OK)
        return rc;
    memcpy(out, ad, CLOUD_FRAME_HDR);
    uint8_t *body = out + CLOUD_FRAME_HDR;
    body[0] = type;
    if (len)
        memmove(body + 1, payload, len);
    if (is_magma(d))
        rc = magma_seal(d, ad, body, plain, body + plain);
    else
        rc = gost_mgm_encrypt(GOST_CIPHER_KUZNYECHIK, d->key, nonce, 16, ad, sizeof ad, body, plain,
                              body, body + plain, CLOUD_FRAME_TAG);
    if (rc != GOST_OK) {
        d->dead = 1;
        return rc;
    }
    d->seq++;
    *out_len = total;
    return GOST_OK;
}

int cloud_frame_body_len(const uint8_t hdr[CLOUD_FRAME_HDR], size_t *body_len)
{
    if (hdr == NULL || body_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    uint32_t n = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
    if (n < 1 + CLOUD_FRAME_TAG_MIN || n > CLOUD_FRAME_MAX_BODY)
        return GOST_ERR_DECODE;
    *body_len = n;
    return GOST_OK;
}

int cloud_frame_open(struct cloud_dir *d, const uint8_t *frame, size_t frame_len, uint8_t *type,
                     uint8_t *out, size_t cap, size_t *out_len)
{
    if (d == NULL || frame == NULL || type == NULL || out_len == NULL || (out == NULL && cap))
        return GOST_ERR_INVALID_ARGUMENT;
    if (d->dead)
        return GOST_ERR_BAD_STATE;
    size_t body_len;
    int rc = GOST_ERR_DECODE;
    if (frame_len < CLOUD_FRAME_HDR || cloud_frame_body_len(frame, &body_len) != GOST_OK ||
        frame_len != CLOUD_FRAME_HDR + body_len || body_len < 1u + d->tag_len)
        goto fail;
    size_t plain = body_len - d->tag_len;
    /* out receives type|payload before the type is moved out: it needs room
     * for the payload plus one byte. */
    if (cap < plain) {
        rc = GOST_ERR_BUFFER_TOO_SMALL;
        goto fail;
    }
    uint8_t nonce[16], ad[12];
    rc = prepare(d, nonce, ad, (uint32_t)body_len);
    if (rc != GOST_OK)
        goto fail;
    const uint8_t *body = frame + CLOUD_FRAME_HDR;
    if (is_magma(d))
        rc = magma_open(d, ad, body, plain, body + plain, out);
    else
        rc = gost_mgm_decrypt(GOST_CIPHER_KUZNYECHIK, d->key, nonce, 16, ad, sizeof ad, body, plain,
                              body + plain, CLOUD_FRAME_TAG, out);
    if (rc != GOST_OK)
        goto fail;
    *type = out[0];
    memmove(out, out + 1, plain - 1);
    out[plain - 1] = 0;
    *out_len = plain - 1;
    d->seq++;
    return GOST_OK;
fail:
    d->dead = 1;
    return rc;
}
