/* GOST 28147-89 IMIT, the MAC ("imitovstavka") of RFC 5830 s.8: each block
 * is XORed into the state, which then goes through the 16-round network;
 * the tag is the first bytes of the final state (the low bits of N1).
 *
 * Conventions of CryptoPro CSP and OpenSSL's gost-mac, which RFC 5830
 * leaves open: the last partial block is padded with zeros; a message of
 * one block gets a zero block after it (the MAC is defined for two blocks
 * or more); the CryptoPro meshing (RFC 4357 s.2.3.2) changes the key before
 * every 1024 bytes after the first and leaves the state alone (the state
 * is not an IV, so it is not re-encrypted). */
#include <string.h>

#include "gost/gost28147.h"
#include "internal/magma.h"
#include "internal/util.h"

int gost28147_imit_init(gost28147_imit_ctx *c, gost28147_sbox sbox, const uint8_t key[32],
                        const uint8_t iv[8], int meshing)
{
    if (c == NULL || key == NULL || (meshing != 0 && meshing != 1))
        return GOST_ERR_INVALID_ARGUMENT;
    memset(c, 0, sizeof *c);
    int rc = gost28147_set_key(&c->key, sbox, key);
    if (rc != GOST_OK)
        return rc;
    if (iv != NULL)
        memcpy(c->state, iv, 8);
    c->meshing = (uint32_t)meshing;
    return GOST_OK;
}

static void mac_block(gost28147_imit_ctx *c, const uint8_t block[8])
{
    if (c->meshing && c->mesh_count == GOST28147_MESH_BYTES)
        gost28147_key_mesh(&c->key, NULL);
    c->mesh_count = c->mesh_count % GOST28147_MESH_BYTES + 8;
    uint64_t s = gost_load64_le(c->state) ^ gost_load64_le(block);
    gost_store64_le(c->state, c->key.kernel->mac16(c->key.sched, s));
    if (c->blocks < 2)
        c->blocks++;
}

int gost28147_imit_update(gost28147_imit_ctx *c, const void *data, size_t len)
{
    const uint8_t *p = data;
    if (c == NULL || (len != 0 && p == NULL))
        return GOST_ERR_INVALID_ARGUMENT;
    if (c->key.sbox == 0)
        return GOST_ERR_BAD_STATE;
    /* A full block stays buffered until more data shows it is not the last. */
    while (len > 0) {
        if (c->buffered == 8) {
            mac_block(c, c->buf);
            c->buffered = 0;
        }
        if (c->buffered == 0) {
            for (; len > 8; p += 8, len -= 8)
                mac_block(c, p);
        }
        size_t take = 8 - c->buffered < len ? 8 - c->buffered : len;
        memcpy(c->buf + c->buffered, p, take);
        c->buffered += (uint32_t)take;
        p += take;
        len -= take;
    }
    return GOST_OK;
}

int gost28147_imit_final(gost28147_imit_ctx *c, uint8_t *tag, size_t tag_len)
{
    if (c == NULL || tag == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = GOST_OK;
    if (c->key.sbox == 0)
        rc = GOST_ERR_BAD_STATE;
    else if (tag_len < 1 || tag_len > GOST28147_IMIT_MAX)
        rc = GOST_ERR_BAD_LENGTH;
    if (rc == GOST_OK) {
        if (c->buffered > 0) {
            memset(c->buf + c->buffered, 0, 8 - c->buffered);
            int only_block = c->blocks == 0;
            mac_block(c, c->buf);
            if (only_block) {
                memset(c->buf, 0, 8);
                mac_block(c, c->buf);
            }
        }
        memcpy(tag, c->state, tag_len);
    }
    gost_wipe(c, sizeof *c);
    return rc;
}

int gost28147_imit(gost28147_sbox sbox, const uint8_t key[32], const uint8_t iv[8], int meshing,
                   const void *data, size_t len, uint8_t *tag, size_t tag_len)
{
    gost28147_imit_ctx c;
    int rc = gost28147_imit_init(&c, sbox, key, iv, meshing);
    if (rc == GOST_OK)
        rc = gost28147_imit_update(&c, data, len);
    if (rc == GOST_OK)
        return gost28147_imit_final(&c, tag, tag_len);
    gost_wipe(&c, sizeof c);
    return rc;
}
