/* The generic block cipher of gost/blockcipher.h: a tagged union over the
 * Kuznyechik and Magma key schedules, so that every mode is written once. */
#include <string.h>

#include "gost/blockcipher.h"
#include "gost/util.h"
#include "internal/chain.h"
#include "internal/counter.h"
#include "internal/kuznyechik.h"
#include "internal/magma.h"
#include "internal/modes.h"

int gost_cipher_set_key(gost_cipher *c, gost_cipher_id id, const uint8_t key[32])
{
    int rc;

    if (c == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    switch (id) {
    case GOST_CIPHER_KUZNYECHIK:
        rc = gost_kuznyechik_set_key(&c->u.kuznyechik, key);
        c->block_size = GOST_KUZNYECHIK_BLOCK_SIZE;
        break;
    case GOST_CIPHER_MAGMA:
        rc = gost_magma_set_key(&c->u.magma, key);
        c->block_size = GOST_MAGMA_BLOCK_SIZE;
        break;
    default:
        return GOST_ERR_INVALID_ARGUMENT;
    }
    if (rc != GOST_OK) {
        gost_cipher_wipe(c);
        return rc;
    }
    c->id = (uint32_t)id;
    return GOST_OK;
}

size_t gost_cipher_block_size(const gost_cipher *c)
{
    if (c == NULL || (c->id != GOST_CIPHER_KUZNYECHIK && c->id != GOST_CIPHER_MAGMA))
        return 0;
    return c->block_size;
}

/* An unset cipher is a state error (the caller forgot set_key), a NULL
 * pointer an argument error. */
static int check(const gost_cipher *c, const uint8_t *in, const uint8_t *out, size_t nblocks)
{
    if (c == NULL || ((in == NULL || out == NULL) && nblocks != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (c->id != GOST_CIPHER_KUZNYECHIK && c->id != GOST_CIPHER_MAGMA)
        return GOST_ERR_BAD_STATE;
    return GOST_OK;
}

int gost_cipher_encrypt_blocks(const gost_cipher *c, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    int rc = check(c, in, out, nblocks);
    if (rc != GOST_OK || nblocks == 0)
        return rc;
    if (c->id == GOST_CIPHER_KUZNYECHIK)
        return gost_kuznyechik_encrypt_blocks(&c->u.kuznyechik, in, out, nblocks);
    return gost_magma_encrypt_blocks(&c->u.magma, in, out, nblocks);
}

int gost_cipher_decrypt_blocks(const gost_cipher *c, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    int rc = check(c, in, out, nblocks);
    if (rc != GOST_OK || nblocks == 0)
        return rc;
    if (c->id == GOST_CIPHER_KUZNYECHIK)
        return gost_kuznyechik_decrypt_blocks(&c->u.kuznyechik, in, out, nblocks);
    return gost_magma_decrypt_blocks(&c->u.magma, in, out, nblocks);
}

static int magma_encrypt(const void *key, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    return gost_magma_encrypt_blocks(key, in, out, nblocks);
}

/* Kuznyechik's kernels make counter blocks their own way
 * (gost_kuznyechik_ctr_blocks); Magma encrypts them written out. */
int gost_cipher_ctr_blocks(const gost_cipher *c, uint8_t *ctr, unsigned first, unsigned last, const uint8_t *in,
                           uint8_t *out, size_t nblocks)
{
    int rc = check(c, ctr, out, nblocks);
    if (rc != GOST_OK || nblocks == 0)
        return rc;
    if (c->id == GOST_CIPHER_KUZNYECHIK) {
        gost_kuznyechik_ctr_blocks(&c->u.kuznyechik, ctr, first, last, in, out, nblocks);
        return GOST_OK;
    }
    return gost_counter_encrypt(magma_encrypt, &c->u.magma, GOST_MAGMA_BLOCK_SIZE, ctr, first, last, in, out,
                                nblocks);
}

int gost_cipher_chain(const gost_cipher *c, int mode, uint8_t *chain, const uint8_t *in, uint8_t *out,
                      size_t nblocks)
{
    int rc = check(c, chain, in, nblocks);
    if (rc == GOST_OK && mode != GOST_CHAIN_CBC && out == NULL && nblocks != 0)
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (rc != GOST_OK || nblocks == 0)
        return rc;
    if (c->id == GOST_CIPHER_KUZNYECHIK) {
        gost_kuznyechik_chain(&c->u.kuznyechik, mode, chain, in, out, nblocks);
        return GOST_OK;
    }
    gost_net_chain(c->u.magma.kernel, c->u.magma.sched, mode, chain, in, out, nblocks);
    return GOST_OK;
}

void gost_cipher_wipe(gost_cipher *c)
{
    if (c == NULL)
        return;
    gost_wipe(c, sizeof *c);
}
