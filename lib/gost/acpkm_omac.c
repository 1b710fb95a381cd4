/* OMAC-ACPKM (R 1323565.1.017-2018 s.4.6, RFC 8645 s.6.4.2): OMAC whose
 * key changes every section of N bytes; the keys K^i and the last-block
 * subkeys K^i_1 come from ACPKM-Master (s.4.5, RFC 8645 s.6.3.1), i.e.
 * CTR-ACPKM with section T* and IV 1^(n/2) over zeros, 32 + n bytes per
 * section. Block j (1-based) belongs to section ceil(j*n / N); the last
 * block is held back so that final knows which section it opens. */
#include <string.h>

#include "gost/acpkm.h"
#include "internal/modes.h"
#include "internal/util.h"

/* K^i || K^i_1, the next 32 + n bytes of the master gamma. */
static int next_keys(gost_omac_acpkm_ctx *ctx)
{
    static const uint8_t zeros[GOST_CIPHER_KEY_SIZE + GOST_CIPHER_MAX_BLOCK_SIZE];
    uint8_t km[sizeof zeros];
    size_t got = 0, len = GOST_CIPHER_KEY_SIZE + ctx->n;
    gost_cipher_id id = (gost_cipher_id)ctx->cipher.id;
    int rc = gost_mode_update(&ctx->master, zeros, len, km, sizeof km, &got);
    if (rc == GOST_OK)
        rc = gost_cipher_set_key(&ctx->cipher, id, km);
    if (rc == GOST_OK)
        memcpy(ctx->k1, km + GOST_CIPHER_KEY_SIZE, ctx->n);
    ctx->done = 0;
    gost_wipe(km, sizeof km);
    return rc;
}

int gost_omac_acpkm_init(gost_omac_acpkm_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                         size_t section_size, size_t master_section)
{
    uint8_t iv[GOST_CIPHER_MAX_BLOCK_SIZE / 2];
    if (ctx == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(ctx, 0, sizeof *ctx);
    int rc = gost_cipher_set_key(&ctx->cipher, id, key);
    if (rc != GOST_OK)
        return rc;
    size_t n = ctx->cipher.block_size;
    if (section_size == 0 || section_size % n != 0 || master_section == 0 || master_section % n != 0) {
        gost_omac_acpkm_wipe(ctx);
        return GOST_ERR_BAD_LENGTH;
    }
    memset(iv, 0xff, sizeof iv);
    rc = gost_ctr_init_cipher(&ctx->master, &ctx->cipher, iv, n / 2, n, master_section / n);
    ctx->n = (uint32_t)n;
    ctx->section = section_size;
    if (rc == GOST_OK)
        rc = next_keys(ctx);
    if (rc != GOST_OK)
        gost_omac_acpkm_wipe(ctx);
    return rc;
}

/* One block that is known not to be the last. */
static int mac_block(void *arg, const uint8_t *block)
{
    gost_omac_acpkm_ctx *ctx = arg;
    int rc = GOST_OK;
    if (ctx->done == ctx->section)
        rc = next_keys(ctx);
    gost_xor_bytes(ctx->chain, ctx->chain, block, ctx->n);
    if (rc == GOST_OK)
        rc = gost_cipher_encrypt_blocks(&ctx->cipher, ctx->chain, ctx->chain, 1);
    ctx->done += ctx->n;
    return rc;
}

int gost_omac_acpkm_update(gost_omac_acpkm_ctx *ctx, const uint8_t *data, size_t len)
{
    if (ctx == NULL || (data == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0)
        return GOST_ERR_BAD_STATE;
    return gost_omac_feed(ctx->last, &ctx->lastlen, ctx->n, data, len, mac_block, ctx);
}

int gost_omac_acpkm_final(gost_omac_acpkm_ctx *ctx, uint8_t *tag, size_t tag_len)
{
    uint8_t k[GOST_CIPHER_MAX_BLOCK_SIZE];
    if (ctx == NULL || tag == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0)
        return GOST_ERR_BAD_STATE;
    size_t n = ctx->n;
    if (tag_len == 0 || tag_len > n)
        return GOST_ERR_BAD_LENGTH;
    int rc = GOST_OK;
    if (ctx->done == ctx->section)
        rc = next_keys(ctx);
    memcpy(k, ctx->k1, n);
    if (ctx->lastlen < n) {
        gost_omac_double(k, k, n);
        memset(ctx->last + ctx->lastlen, 0, n - ctx->lastlen);
        ctx->last[ctx->lastlen] = 0x80;
    }
    gost_xor_bytes(ctx->chain, ctx->chain, ctx->last, n);
    gost_xor_bytes(ctx->chain, ctx->chain, k, n);
    if (rc == GOST_OK)
        rc = gost_cipher_encrypt_blocks(&ctx->cipher, ctx->chain, ctx->chain, 1);
    if (rc == GOST_OK)
        memcpy(tag, ctx->chain, tag_len);
    gost_wipe(k, sizeof k);
    gost_omac_acpkm_wipe(ctx);
    return rc;
}

void gost_omac_acpkm_wipe(gost_omac_acpkm_ctx *ctx)
{
    if (ctx != NULL)
        gost_wipe(ctx, sizeof *ctx);
}

int gost_omac_acpkm(gost_cipher_id id, const uint8_t key[32], size_t section_size,
                    size_t master_section, const uint8_t *data, size_t len, uint8_t *tag, size_t tag_len)
{
    gost_omac_acpkm_ctx ctx;
    if (tag == NULL || (data == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_omac_acpkm_init(&ctx, id, key, section_size, master_section);
    if (rc != GOST_OK)
        return rc;
    if (tag_len == 0 || tag_len > ctx.n) {
        gost_omac_acpkm_wipe(&ctx);
        return GOST_ERR_BAD_LENGTH;
    }
    rc = gost_omac_acpkm_update(&ctx, data, len);
    if (rc == GOST_OK)
        return gost_omac_acpkm_final(&ctx, tag, tag_len);
    gost_omac_acpkm_wipe(&ctx);
    return rc;
}
