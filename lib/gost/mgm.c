/* MGM (R 1323565.1.026-2019, RFC 9058 s.4):
 *   Y_1 = E_K(0 || ICN), Y_{i+1} = incr_r(Y_i), gamma_i = E_K(Y_i);
 *   Z_1 = E_K(1 || ICN), Z_{i+1} = incr_l(Z_i), H_i = E_K(Z_i);
 *   C = P xor gamma;
 *   T = MSB_S(E_K(sum_i H_i (x) A_i  xor  sum_j H_{h+j} (x) C_j
 *                 xor  H_{h+q+1} (x) (len(A) || len(C))))
 * with the last blocks of A and C padded with zeros and lengths in bits,
 * n/2 bits each. Gamma and H blocks of a run of text blocks are made in one
 * call into the cipher; the products are summed and reduced once per run
 * (internal/mgm.h). */
#include <string.h>

#include "ec_declassify.h"
#include "gost/mgm.h"
#include "internal/mgm.h"
#include "internal/modes.h"
#include "internal/util.h"

enum { PHASE_AD = 1, PHASE_TEXT = 2 };

/* The verdict of a tag comparison is public (accept or refuse). */
static int tags_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    return ec_declassify_int(gost_ct_equal(a, b, n));
}

/* The counters' fields (internal/counter.h): incr_l steps the left half of
 * Z, incr_r the right half of Y. Both start at E_K(nonce), a secret: the
 * counter paths are constant time in them. */
static int z_blocks(gost_mgm_ctx *ctx, uint8_t *h, size_t k)
{
    return gost_cipher_ctr_blocks(&ctx->cipher, ctx->z, 0, (unsigned)ctx->n / 2 - 1, NULL, h, k);
}

static int y_blocks(gost_mgm_ctx *ctx, const uint8_t *in, uint8_t *out, size_t k)
{
    return gost_cipher_ctr_blocks(&ctx->cipher, ctx->y, (unsigned)ctx->n / 2, (unsigned)ctx->n - 1, in, out, k);
}

/* MACs nblocks whole blocks of x (AD or ciphertext). */
static int absorb(gost_mgm_ctx *ctx, const uint8_t *x, size_t nblocks)
{
    size_t n = ctx->n;
    uint8_t h[GOST_MGM_CHUNK];
    int rc = GOST_OK;
    while (nblocks > 0 && rc == GOST_OK) {
        size_t k = nblocks < sizeof h / n ? nblocks : sizeof h / n;
        rc = z_blocks(ctx, h, k);
        ctx->mac(ctx->sum, h, x, k);
        x += k * n;
        nblocks -= k;
    }
    gost_wipe(h, sizeof h);
    return rc;
}

/* A partial block, zero-padded. */
static int absorb_partial(gost_mgm_ctx *ctx, const uint8_t *x, size_t len)
{
    uint8_t b[GOST_CIPHER_MAX_BLOCK_SIZE];
    memset(b, 0, sizeof b);
    memcpy(b, x, len);
    int rc = absorb(ctx, b, 1);
    gost_wipe(b, sizeof b);
    return rc;
}

/* Whole text blocks, a run of H blocks at a time; the MAC sees ciphertext,
 * so when decrypting it reads in before the gamma overwrites it (in may be
 * out). */
static int crypt_blocks(gost_mgm_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    size_t n = ctx->n;
    uint8_t h[GOST_MGM_CHUNK];
    int rc = GOST_OK;
    while (nblocks > 0 && rc == GOST_OK) {
        size_t k = nblocks < sizeof h / n ? nblocks : sizeof h / n;
        rc = z_blocks(ctx, h, k);
        if (rc == GOST_OK && ctx->decrypt)
            ctx->mac(ctx->sum, h, in, k);
        if (rc == GOST_OK)
            rc = y_blocks(ctx, in, out, k);
        if (rc == GOST_OK && !ctx->decrypt)
            ctx->mac(ctx->sum, h, out, k);
        in += k * n;
        out += k * n;
        nblocks -= k;
    }
    gost_wipe(h, sizeof h);
    return rc;
}

/* Gamma only (one-shot decryption, after the tag is checked): the whole
 * blocks straight from in to out, a last partial one through a block. */
static int gamma_xor(gost_mgm_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    size_t n = ctx->n, whole = len / n * n;
    uint8_t g[GOST_CIPHER_MAX_BLOCK_SIZE];
    int rc = y_blocks(ctx, in, out, len / n);
    if (rc == GOST_OK && len > whole) {
        rc = y_blocks(ctx, NULL, g, 1);
        gost_xor_bytes(out + whole, in + whole, g, len - whole);
    }
    gost_wipe(g, sizeof g);
    return rc;
}

/* |A| + |C| < 2^(n/2) bits (RFC 9058 s.4). */
static int check_total(const gost_mgm_ctx *ctx, size_t more)
{
    uint64_t limit = ctx->n == 16 ? (uint64_t)1 << 61 : (uint64_t)1 << 29; /* bytes */
    uint64_t used = ctx->ad_len + ctx->text_len;
    if ((uint64_t)more >= limit - used)
        return GOST_ERR_BAD_LENGTH;
    return GOST_OK;
}

int gost_mgm_init(gost_mgm_ctx *ctx, gost_cipher_id id, const uint8_t key[32], const uint8_t *nonce,
                  size_t nonce_len, size_t tag_len, int decrypt)
{
    uint8_t b[2 * GOST_CIPHER_MAX_BLOCK_SIZE];
    if (ctx == NULL || key == NULL || nonce == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    size_t n = id == GOST_CIPHER_KUZNYECHIK ? 16 : id == GOST_CIPHER_MAGMA ? 8 : 0;
    if (n == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    if (nonce_len != n || tag_len < GOST_MGM_MIN_TAG_SIZE || tag_len > n)
        return GOST_ERR_BAD_LENGTH;
    if (nonce[0] & 0x80) /* the nonce is 0 || ICN */
        return GOST_ERR_INVALID_ARGUMENT;
    memset(ctx, 0, sizeof *ctx);
    int rc = gost_cipher_set_key(&ctx->cipher, id, key);
    if (rc != GOST_OK)
        return rc;
    memcpy(b, nonce, n);
    memcpy(b + n, nonce, n);
    b[n] |= 0x80;
    rc = gost_cipher_encrypt_blocks(&ctx->cipher, b, b, 2);
    memcpy(ctx->y, b, n);
    memcpy(ctx->z, b + n, n);
    gost_wipe(b, sizeof b);
    ctx->mac = gost_gf_mac_best(n);
    ctx->n = (uint32_t)n;
    ctx->tag_len = (uint32_t)tag_len;
    ctx->decrypt = decrypt != 0;
    ctx->phase = PHASE_AD;
    if (rc != GOST_OK)
        gost_mgm_wipe(ctx);
    return rc;
}

int gost_mgm_aad(gost_mgm_ctx *ctx, const uint8_t *ad, size_t len)
{
    if (ctx == NULL || (ad == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0 || ctx->phase != PHASE_AD)
        return GOST_ERR_BAD_STATE;
    int rc = check_total(ctx, len);
    if (rc != GOST_OK || len == 0)
        return rc;
    size_t n = ctx->n;
    ctx->ad_len += len;
    if (ctx->buflen != 0) {
        size_t take = n - ctx->buflen < len ? n - ctx->buflen : len;
        memcpy(ctx->buf + ctx->buflen, ad, take);
        ctx->buflen += (uint32_t)take;
        ad += take;
        len -= take;
        if (ctx->buflen < n)
            return GOST_OK;
        rc = absorb(ctx, ctx->buf, 1);
        ctx->buflen = 0;
    }
    if (rc == GOST_OK && len >= n) {
        rc = absorb(ctx, ad, len / n);
        ad += len / n * n;
        len %= n;
    }
    memcpy(ctx->buf, ad, len);
    ctx->buflen = (uint32_t)len;
    return rc;
}

/* The end of the AD: its partial block, padded. */
static int start_text(gost_mgm_ctx *ctx)
{
    int rc = GOST_OK;
    if (ctx->phase != PHASE_AD)
        return GOST_OK;
    if (ctx->buflen != 0)
        rc = absorb_partial(ctx, ctx->buf, ctx->buflen);
    ctx->buflen = 0;
    ctx->phase = PHASE_TEXT;
    return rc;
}

/* Bytes of a started text block (its gamma is in ctx->gamma). */
static int partial_text(gost_mgm_ctx *ctx, const uint8_t *in, uint8_t *out, size_t take)
{
    uint8_t *c = ctx->buf + ctx->buflen;
    if (ctx->decrypt)
        memcpy(c, in, take);
    gost_xor_bytes(out, in, ctx->gamma + ctx->buflen, take);
    if (!ctx->decrypt)
        memcpy(c, out, take);
    ctx->buflen += (uint32_t)take;
    if (ctx->buflen < ctx->n)
        return GOST_OK;
    ctx->buflen = 0;
    return absorb(ctx, ctx->buf, 1);
}

int gost_mgm_update(gost_mgm_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out)
{
    if (ctx == NULL || ((in == NULL || out == NULL) && len != 0) || gost_overlap_partial(in, len, out, len))
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0)
        return GOST_ERR_BAD_STATE;
    int rc = check_total(ctx, len);
    if (rc != GOST_OK)
        return rc;
    if (ctx->phase == PHASE_AD)
        rc = start_text(ctx);
    if (rc != GOST_OK || len == 0)
        return rc;
    size_t n = ctx->n;
    ctx->text_len += len;
    if (ctx->buflen != 0) {
        size_t take = n - ctx->buflen < len ? n - ctx->buflen : len;
        rc = partial_text(ctx, in, out, take);
        in += take;
        out += take;
        len -= take;
    }
    if (rc == GOST_OK && len >= n) {
        rc = crypt_blocks(ctx, in, out, len / n);
        in += len / n * n;
        out += len / n * n;
        len %= n;
    }
    if (rc == GOST_OK && len > 0) {
        rc = y_blocks(ctx, NULL, ctx->gamma, 1);
        if (rc == GOST_OK)
            rc = partial_text(ctx, in, out, len);
    }
    return rc;
}

/* The full n-byte tag value E_K(sum ... xor H (x) lengths). */
static int compute_tag(gost_mgm_ctx *ctx, uint8_t t[GOST_CIPHER_MAX_BLOCK_SIZE])
{
    size_t n = ctx->n;
    uint8_t lens[GOST_CIPHER_MAX_BLOCK_SIZE];
    int rc = start_text(ctx); /* AD only: its last block */
    if (rc == GOST_OK && ctx->buflen != 0)
        rc = absorb_partial(ctx, ctx->buf, ctx->buflen);
    ctx->buflen = 0;
    if (n == 16) {
        gost_store64_be(lens, ctx->ad_len * 8);
        gost_store64_be(lens + 8, ctx->text_len * 8);
    } else {
        gost_store32_be(lens, (uint32_t)(ctx->ad_len * 8));
        gost_store32_be(lens + 4, (uint32_t)(ctx->text_len * 8));
    }
    if (rc == GOST_OK)
        rc = absorb(ctx, lens, 1);
    if (n == 16) {
        gost_store64_be(t, ctx->sum[0]);
        gost_store64_be(t + 8, ctx->sum[1]);
    } else {
        gost_store64_be(t, ctx->sum[0]);
    }
    if (rc == GOST_OK)
        rc = gost_cipher_encrypt_blocks(&ctx->cipher, t, t, 1);
    return rc;
}

int gost_mgm_encrypt_final(gost_mgm_ctx *ctx, uint8_t *tag)
{
    uint8_t t[GOST_CIPHER_MAX_BLOCK_SIZE];
    if (ctx == NULL || tag == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0 || ctx->decrypt)
        return GOST_ERR_BAD_STATE;
    int rc = compute_tag(ctx, t);
    if (rc == GOST_OK)
        memcpy(tag, t, ctx->tag_len);
    gost_wipe(t, sizeof t);
    gost_mgm_wipe(ctx);
    return rc;
}

int gost_mgm_decrypt_final(gost_mgm_ctx *ctx, const uint8_t *tag)
{
    uint8_t t[GOST_CIPHER_MAX_BLOCK_SIZE];
    if (ctx == NULL || tag == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->n == 0 || !ctx->decrypt)
        return GOST_ERR_BAD_STATE;
    int rc = compute_tag(ctx, t);
    if (rc == GOST_OK && !tags_equal(t, tag, ctx->tag_len))
        rc = GOST_ERR_AUTH;
    gost_wipe(t, sizeof t);
    gost_mgm_wipe(ctx);
    return rc;
}

void gost_mgm_wipe(gost_mgm_ctx *ctx)
{
    if (ctx != NULL)
        gost_wipe(ctx, sizeof *ctx);
}

int gost_mgm_encrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *nonce, size_t nonce_len,
                     const uint8_t *ad, size_t ad_len, const uint8_t *in, size_t len, uint8_t *out,
                     uint8_t *tag, size_t tag_len)
{
    gost_mgm_ctx ctx;
    if (tag == NULL || (ad == NULL && ad_len != 0) || ((in == NULL || out == NULL) && len != 0) ||
        gost_overlap_partial(in, len, out, len))
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_mgm_init(&ctx, id, key, nonce, nonce_len, tag_len, 0);
    if (rc != GOST_OK)
        return rc;
    if (ad_len > SIZE_MAX - len || check_total(&ctx, ad_len + len) != GOST_OK)
        rc = GOST_ERR_BAD_LENGTH;
    if (rc == GOST_OK)
        rc = gost_mgm_aad(&ctx, ad, ad_len);
    if (rc == GOST_OK)
        rc = gost_mgm_update(&ctx, in, len, out);
    if (rc == GOST_OK)
        return gost_mgm_encrypt_final(&ctx, tag);
    gost_mgm_wipe(&ctx);
    gost_wipe(out, len);
    return rc;
}

/* Verify, then decrypt: no plaintext exists unless the tag is right. */
int gost_mgm_decrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *nonce, size_t nonce_len,
                     const uint8_t *ad, size_t ad_len, const uint8_t *in, size_t len, const uint8_t *tag,
                     size_t tag_len, uint8_t *out)
{
    gost_mgm_ctx ctx;
    uint8_t t[GOST_CIPHER_MAX_BLOCK_SIZE];
    if (tag == NULL || (ad == NULL && ad_len != 0) || ((in == NULL || out == NULL) && len != 0) ||
        gost_overlap_partial(in, len, out, len))
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_mgm_init(&ctx, id, key, nonce, nonce_len, tag_len, 1);
    if (rc != GOST_OK)
        return rc;
    size_t n = ctx.n;
    if (ad_len > SIZE_MAX - len || check_total(&ctx, ad_len + len) != GOST_OK)
        rc = GOST_ERR_BAD_LENGTH;
    if (rc == GOST_OK)
        rc = gost_mgm_aad(&ctx, ad, ad_len);
    if (rc == GOST_OK)
        rc = start_text(&ctx);
    if (rc == GOST_OK)
        rc = absorb(&ctx, in, len / n);
    if (rc == GOST_OK && len % n != 0)
        rc = absorb_partial(&ctx, in + len / n * n, len % n);
    ctx.text_len = len;
    if (rc == GOST_OK)
        rc = compute_tag(&ctx, t);
    if (rc == GOST_OK && !tags_equal(t, tag, tag_len))
        rc = GOST_ERR_AUTH;
    if (rc == GOST_OK)
        rc = gamma_xor(&ctx, in, out, len);
    gost_wipe(t, sizeof t);
    gost_mgm_wipe(&ctx);
    if (rc != GOST_OK && rc != GOST_ERR_BAD_LENGTH)
        gost_wipe(out, len);
    return rc;
}
