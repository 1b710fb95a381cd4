/* The ACPKM key transform and CTR-ACPKM (R 1323565.1.017-2018 s.4.1 and
 * s.4.4; RFC 8645 s.6.2.1-6.2.2). CTR-ACPKM itself is CTR (mode_ctr.c)
 * with a section length; this file holds the transform and the entry
 * points. */
#include <string.h>

#include "gost/acpkm.h"
#include "internal/modes.h"
#include "internal/util.h"

/* D = 80 81 ... 9f: the first 256 bits of the standard's constant. */
static const uint8_t acpkm_d[GOST_CIPHER_KEY_SIZE] = {
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
};

int gost_acpkm_rekey(gost_cipher *c)
{
    uint8_t next[GOST_CIPHER_KEY_SIZE];
    size_t n = gost_cipher_block_size(c);
    if (n == 0)
        return GOST_ERR_BAD_STATE;
    gost_cipher_id id = (gost_cipher_id)c->id;
    int rc = gost_cipher_encrypt_blocks(c, acpkm_d, next, sizeof next / n);
    if (rc == GOST_OK)
        rc = gost_cipher_set_key(c, id, next);
    gost_wipe(next, sizeof next);
    return rc;
}

int gost_acpkm_transform(gost_cipher_id id, const uint8_t key[32], uint8_t next[32])
{
    gost_cipher c;
    if (key == NULL || next == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_cipher_set_key(&c, id, key);
    if (rc == GOST_OK)
        rc = gost_cipher_encrypt_blocks(&c, acpkm_d, next, GOST_CIPHER_KEY_SIZE / c.block_size);
    gost_cipher_wipe(&c);
    return rc;
}

int gost_ctr_acpkm_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                        size_t section_size, const uint8_t *iv, size_t iv_len)
{
    gost_cipher c;
    if (ctx == NULL || key == NULL || (iv == NULL && iv_len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_cipher_set_key(&c, id, key);
    if (rc != GOST_OK)
        return rc;
    size_t n = c.block_size;
    if (section_size == 0 || section_size % n != 0)
        rc = GOST_ERR_BAD_LENGTH;
    else
        rc = gost_ctr_init_cipher(ctx, &c, iv, iv_len, n, section_size / n);
    gost_cipher_wipe(&c);
    return rc;
}

int gost_ctr_acpkm(gost_cipher_id id, const uint8_t key[32], size_t section_size, const uint8_t *iv,
                   size_t iv_len, const uint8_t *in, size_t len, uint8_t *out)
{
    gost_mode_ctx ctx;
    size_t done = 0, tail = 0;
    if ((in == NULL || out == NULL) && len != 0)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_ctr_acpkm_init(&ctx, id, key, section_size, iv, iv_len);
    if (rc != GOST_OK)
        return rc;
    rc = gost_mode_update(&ctx, in, len, out, len, &done);
    if (rc == GOST_OK)
        rc = gost_mode_final(&ctx, NULL, 0, &tail);
    gost_mode_wipe(&ctx);
    return rc;
}
