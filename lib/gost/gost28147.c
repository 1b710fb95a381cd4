/* GOST 28147-89 (RFC 5830): key setting, ECB and CryptoPro key meshing on
 * the network shared with Magma (internal/magma.h), in the little-endian
 * byte order of RFC 5830/4357 implementations. */
#include "gost/gost28147.h"
#include "internal/magma.h"
#include "internal/util.h"

/* The key's bytes 4i..4i+3, little endian, are K_(i+1) (RFC 5830 s.5.1):
 * sets them and the S-boxes, then has the kernel derive its tables. */
static void load_key(gost28147_key *k, const uint8_t rows[8][16], const uint8_t key[32])
{
    uint32_t words[8];
    for (int i = 0; i < 8; i++)
        words[i] = gost_load32_le(key + 4 * i);
    gost_net_fill(k->sched, words, rows, GOST_NET_LITTLE_ENDIAN);
    k->kernel->prepare(k->sched);
    gost_wipe(words, sizeof words);
}

int gost28147_set_key(gost28147_key *k, gost28147_sbox sbox, const uint8_t key[32])
{
    if (k == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    const uint8_t(*rows)[16] = gost28147_sbox_rows(sbox);
    if (rows == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    k->kernel = gost_magma_kernel_best();
    load_key(k, rows, key);
    k->sbox = (uint32_t)sbox;
    return GOST_OK;
}

/* A block's bytes 0..3 are N1 and 4..7 N2, each little endian (the
 * schedule's byte order, GOST_NET_LITTLE_ENDIAN). */
void gost28147_encrypt_block(const gost28147_key *k, const uint8_t in[8], uint8_t out[8])
{
    k->kernel->encrypt(k->sched, in, out, 1);
}

void gost28147_decrypt_block(const gost28147_key *k, const uint8_t in[8], uint8_t out[8])
{
    k->kernel->decrypt(k->sched, in, out, 1);
}

static int check(const gost28147_key *k, const uint8_t *in, const uint8_t *out, size_t nblocks)
{
    if (k == NULL || k->sbox == 0 || k->kernel == NULL ||
        (nblocks != 0 && (in == NULL || out == NULL)))
        return GOST_ERR_INVALID_ARGUMENT;
    return GOST_OK;
}

int gost28147_encrypt_blocks(const gost28147_key *k, const uint8_t *in, uint8_t *out,
                             size_t nblocks)
{
    int rc = check(k, in, out, nblocks);
    if (rc == GOST_OK && nblocks != 0)
        k->kernel->encrypt(k->sched, in, out, nblocks);
    return rc;
}

int gost28147_decrypt_blocks(const gost28147_key *k, const uint8_t *in, uint8_t *out,
                             size_t nblocks)
{
    int rc = check(k, in, out, nblocks);
    if (rc == GOST_OK && nblocks != 0)
        k->kernel->decrypt(k->sched, in, out, nblocks);
    return rc;
}

void gost28147_wipe_key(gost28147_key *k)
{
    if (k != NULL)
        gost_wipe(k, sizeof *k);
}

/* The constant C of CryptoPro key meshing, RFC 4357 s.2.3.2. */
static const uint8_t meshing_constant[32] = {
    0x69, 0x00, 0x72, 0x22, 0x64, 0xc9, 0x04, 0x23, 0x8d, 0x3a, 0xdb, 0x96, 0x46, 0xe9, 0x2a, 0xc4,
    0x18, 0xfe, 0xac, 0x94, 0x00, 0xed, 0x07, 0x12, 0xc0, 0x86, 0xdc, 0xc2, 0xef, 0x4c, 0xa9, 0x2b};

int gost28147_key_mesh(gost28147_key *k, uint8_t iv[8])
{
    if (k == NULL || k->sbox == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    uint8_t next[32];
    /* K[i+1] = decryptECB(K[i], C) */
    gost28147_decrypt_blocks(k, meshing_constant, next, 4);
    load_key(k, gost28147_sbox_rows((gost28147_sbox)k->sbox), next);
    gost_wipe(next, sizeof next);
    /* IV[i+1] = encryptECB(K[i+1], IV[i]) */
    if (iv != NULL)
        gost28147_encrypt_block(k, iv, iv);
    return GOST_OK;
}
