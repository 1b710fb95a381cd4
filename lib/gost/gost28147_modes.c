/* GOST 28147-89 encryption modes, streaming: CNT (RFC 5830 s.6), CFB
 * (RFC 5830 s.7), CBC (RFC 4357 s.2.1), with CryptoPro key meshing
 * (RFC 4357 s.2.3.2) for CNT and CFB, placed as OpenSSL's GOST engine and
 * CryptoPro CSP place it: before each gamma block that starts a new 1024
 * bytes, the key is meshed and the register (CFB feedback, CNT counters)
 * replaced by its encryption under the new key. */
#include <string.h>

#include "gost/gost28147.h"
#include "internal/chain.h"
#include "internal/magma.h"
#include "internal/util.h"

#define C1 0x01010104u /* RFC 5830 s.6: added to N4 modulo 2^32 - 1 */
#define C2 0x01010101u /* added to N3 modulo 2^32 */

int gost28147_init(gost28147_ctx *c, gost28147_mode mode, int encrypt, gost28147_sbox sbox,
                   const uint8_t key[32], const uint8_t iv[8], int meshing)
{
    if (c == NULL || key == NULL || iv == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (mode != GOST28147_MODE_CNT && mode != GOST28147_MODE_CFB && mode != GOST28147_MODE_CBC)
        return GOST_ERR_INVALID_ARGUMENT;
    if ((encrypt != GOST28147_ENCRYPT && encrypt != GOST28147_DECRYPT) ||
        (meshing != 0 && meshing != 1) || (mode == GOST28147_MODE_CBC && meshing))
        return GOST_ERR_INVALID_ARGUMENT;
    memset(c, 0, sizeof *c);
    int rc = gost28147_set_key(&c->key, sbox, key);
    if (rc != GOST_OK)
        return rc;
    memcpy(c->reg, iv, 8);
    c->mode = (uint32_t)mode;
    c->encrypt = (uint32_t)encrypt;
    c->meshing = (uint32_t)meshing;
    c->used = mode == GOST28147_MODE_CBC ? 0 : 8; /* no gamma yet */
    return GOST_OK;
}

/* Meshes the key and the register when a new 1024 bytes begin. */
static void mesh_if_due(gost28147_ctx *c)
{
    if (c->meshing && c->mesh_count == GOST28147_MESH_BYTES)
        gost28147_key_mesh(&c->key, c->reg);
    c->mesh_count = c->mesh_count % GOST28147_MESH_BYTES + 8;
}

/* N4 + C1 modulo 2^32 - 1 with an end-around carry, as the engine and
 * CryptoPro compute it (the sum 2^32 - 1 stays as is); no branch. */
static uint32_t add_c1(uint32_t n4)
{
    uint64_t s = (uint64_t)n4 + C1;
    return (uint32_t)(s + (s >> 32));
}

static void next_gamma(gost28147_ctx *c)
{
    if (c->mode == GOST28147_MODE_CNT) {
        if (!c->started) {
            /* S = E(IV) fills N3, N4 once (s.6). */
            gost28147_encrypt_block(&c->key, c->reg, c->reg);
            c->started = 1;
        }
        mesh_if_due(c);
        gost_store32_le(c->reg, gost_load32_le(c->reg) + C2);
        gost_store32_le(c->reg + 4, add_c1(gost_load32_le(c->reg + 4)));
    } else {
        mesh_if_due(c);
    }
    gost28147_encrypt_block(&c->key, c->reg, c->gamma);
    c->used = 0;
}

/* One byte of CNT or CFB; CFB keeps the ciphertext byte as feedback. */
static uint8_t stream_byte(gost28147_ctx *c, uint8_t in)
{
    if (c->used == 8)
        next_gamma(c);
    uint8_t out = in ^ c->gamma[c->used];
    if (c->mode == GOST28147_MODE_CFB)
        c->reg[c->used] = c->encrypt ? out : in;
    c->used++;
    return out;
}

/* Whole blocks per kernel call in CNT and CFB decryption, whose gamma
 * blocks are known ahead: at most this many, and never across a meshing
 * point, so the key is meshed exactly where next_gamma would mesh it. */
#define CHUNK_BLOCKS 64

static void stream_chunks(gost28147_ctx *c, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    uint8_t g[8 * CHUNK_BLOCKS], last[8] = {0};
    while (nblocks > 0) {
        if (c->mode == GOST28147_MODE_CNT && !c->started) {
            gost28147_encrypt_block(&c->key, c->reg, c->reg);
            c->started = 1;
        }
        if (c->mesh_count == GOST28147_MESH_BYTES) {
            if (c->meshing)
                gost28147_key_mesh(&c->key, c->reg);
            c->mesh_count = 0;
        }
        size_t k = (GOST28147_MESH_BYTES - c->mesh_count) / 8;
        k = k < nblocks ? k : nblocks;
        k = k < CHUNK_BLOCKS ? k : CHUNK_BLOCKS;
        c->mesh_count += (uint32_t)(8 * k);
        if (c->mode == GOST28147_MODE_CNT) {
            uint32_t n3 = gost_load32_le(c->reg), n4 = gost_load32_le(c->reg + 4);
            for (size_t j = 0; j < k; j++) {
                n3 += C2;
                n4 = add_c1(n4);
                gost_store32_le(g + 8 * j, n3);
                gost_store32_le(g + 8 * j + 4, n4);
            }
            gost_store32_le(c->reg, n3);
            gost_store32_le(c->reg + 4, n4);
        } else { /* CFB decryption: the register, then the ciphertext */
            memcpy(g, c->reg, 8);
            memcpy(g + 8, in, 8 * (k - 1));
            memcpy(last, in + 8 * (k - 1), 8);
        }
        gost28147_encrypt_blocks(&c->key, g, g, k);
        gost_xor_bytes(out, in, g, 8 * k);
        if (c->mode == GOST28147_MODE_CFB)
            memcpy(c->reg, last, 8);
        in += 8 * k;
        out += 8 * k;
        nblocks -= k;
    }
    gost_wipe(g, sizeof g);
}

static void stream(gost28147_ctx *c, const uint8_t *in, size_t len, uint8_t *out)
{
    size_t i = 0;
    while (i < len && c->used != 8)
        out[i] = stream_byte(c, in[i]), i++;
    if (c->mode == GOST28147_MODE_CNT || !c->encrypt) {
        size_t whole = (len - i) / 8;
        stream_chunks(c, in + i, out + i, whole);
        i += 8 * whole;
    }
    /* CFB encryption: each block's feedback is the previous output, so
     * whole blocks go through the kernel's CFB chaining (the register as
     * the chain), a run at a time between meshing points: the first block
     * of a run meshes as next_gamma would, the others stay inside the
     * current 1024 bytes. */
    while (len - i >= 8) {
        mesh_if_due(c);
        size_t k = 1 + (GOST28147_MESH_BYTES - c->mesh_count) / 8;
        if (k > (len - i) / 8)
            k = (len - i) / 8;
        c->mesh_count += (uint32_t)(8 * (k - 1));
        gost_net_chain(c->key.kernel, c->key.sched, GOST_CHAIN_CFB, c->reg, in + i, out + i, k);
        c->used = 8;
        i += 8 * k;
    }
    for (; i < len; i++)
        out[i] = stream_byte(c, in[i]);
}

/* CBC decryption of whole blocks, many per kernel call: the ciphertext is
 * copied first, as out may be in. */
static void cbc_decrypt_chunks(gost28147_ctx *c, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    uint8_t copy[8 * CHUNK_BLOCKS];
    while (nblocks > 0) {
        size_t k = nblocks < CHUNK_BLOCKS ? nblocks : CHUNK_BLOCKS;
        memcpy(copy, in, 8 * k);
        gost28147_decrypt_blocks(&c->key, copy, out, k);
        gost_xor_bytes(out, out, c->reg, 8);
        gost_xor_bytes(out + 8, out + 8, copy, 8 * (k - 1));
        memcpy(c->reg, copy + 8 * (k - 1), 8);
        in += 8 * k;
        out += 8 * k;
        nblocks -= k;
    }
    gost_wipe(copy, sizeof copy);
}

/* CBC: the pending input waits in c->gamma until a block is whole. */
static size_t cbc(gost28147_ctx *c, const uint8_t *in, size_t len, uint8_t *out)
{
    size_t produced = 0, i = 0;
    if (c->used == 0 && len >= 8) { /* whole blocks, none pending */
        produced = len / 8 * 8;
        if (c->encrypt)
            gost_net_chain(c->key.kernel, c->key.sched, GOST_CHAIN_CBC, c->reg, in, out, len / 8);
        else
            cbc_decrypt_chunks(c, in, out, len / 8);
        i = produced;
    }
    while (i < len) {
        size_t take = 8 - c->used < len - i ? 8 - c->used : len - i;
        memcpy(c->gamma + c->used, in + i, take);
        c->used += (uint32_t)take;
        i += take;
        if (c->used < 8)
            break;
        if (c->encrypt) {
            gost_xor_bytes(c->reg, c->reg, c->gamma, 8);
            gost28147_encrypt_block(&c->key, c->reg, c->reg);
            memcpy(out + produced, c->reg, 8);
        } else {
            uint8_t y[8];
            gost28147_decrypt_block(&c->key, c->gamma, y);
            gost_xor_bytes(out + produced, y, c->reg, 8);
            memcpy(c->reg, c->gamma, 8);
            gost_wipe(y, sizeof y);
        }
        produced += 8;
        c->used = 0;
    }
    return produced;
}

int gost28147_update(gost28147_ctx *c, const uint8_t *in, size_t len, uint8_t *out,
                     size_t *out_len)
{
    if (c == NULL || (len != 0 && (in == NULL || out == NULL)))
        return GOST_ERR_INVALID_ARGUMENT;
    if (c->key.sbox == 0)
        return GOST_ERR_BAD_STATE;
    size_t produced = len;
    if (c->mode == GOST28147_MODE_CBC) {
        if (out_len == NULL)
            return GOST_ERR_INVALID_ARGUMENT;
        produced = cbc(c, in, len, out);
    } else if (len != 0) {
        stream(c, in, len, out);
    }
    if (out_len != NULL)
        *out_len = produced;
    return GOST_OK;
}

int gost28147_final(gost28147_ctx *c)
{
    if (c == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = c->key.sbox == 0 ? GOST_ERR_BAD_STATE : GOST_OK;
    if (rc == GOST_OK && c->mode == GOST28147_MODE_CBC && c->used != 0)
        rc = GOST_ERR_BAD_LENGTH;
    gost_wipe(c, sizeof *c);
    return rc;
}
