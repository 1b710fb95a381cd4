/* The streaming frame shared by the modes of GOST R 34.13-2015: argument
 * and state checks, the partial-block buffering of ECB and CBC (s.4.1
 * padding at final), dispatch to the per-mode processors (mode_ecb.c,
 * mode_cbc.c, mode_ctr.c, mode_ofb.c, mode_cfb.c), and the one-shots. */
#include <string.h>

#include "gost/modes.h"
#include "internal/modes.h"
#include "internal/util.h"

static size_t block_size_of(gost_cipher_id id)
{
    return id == GOST_CIPHER_KUZNYECHIK ? GOST_KUZNYECHIK_BLOCK_SIZE
           : id == GOST_CIPHER_MAGMA    ? GOST_MAGMA_BLOCK_SIZE
                                        : 0;
}

static int is_direction(gost_direction dir)
{
    return dir == GOST_ENCRYPT || dir == GOST_DECRYPT;
}

/* Fills ctx after the caller has validated everything but the key. */
static int setup(gost_mode_ctx *ctx, enum gost_mode_id mode, gost_cipher_id id, const uint8_t key[32],
                 int decrypt, gost_padding pad, const uint8_t *iv, size_t iv_len, size_t s)
{
    memset(ctx, 0, sizeof *ctx);
    int rc = gost_cipher_set_key(&ctx->cipher, id, key);
    if (rc != GOST_OK) {
        gost_mode_wipe(ctx);
        return rc;
    }
    ctx->n = (uint32_t)block_size_of(id);
    ctx->decrypt = (uint32_t)decrypt;
    ctx->padding = (uint32_t)pad;
    ctx->m = (uint32_t)iv_len;
    ctx->s = (uint32_t)s;
    if (iv_len != 0)
        memcpy(ctx->reg, iv, iv_len);
    ctx->mode = mode;
    return GOST_OK;
}

static int check_common(const gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t *key,
                        const uint8_t *iv, size_t iv_len)
{
    if (ctx == NULL || key == NULL || (iv == NULL && iv_len != 0) || block_size_of(id) == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    return GOST_OK;
}

/* Decryption can remove only procedure 2's padding (s.4.1.2). */
static int check_padding(gost_direction dir, gost_padding pad)
{
    if (pad != GOST_PAD_NONE && pad != GOST_PAD_1 && pad != GOST_PAD_2 && pad != GOST_PAD_3)
        return GOST_ERR_INVALID_ARGUMENT;
    if (dir == GOST_DECRYPT && (pad == GOST_PAD_1 || pad == GOST_PAD_3))
        return GOST_ERR_INVALID_ARGUMENT;
    return GOST_OK;
}

int gost_ecb_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32], gost_direction dir,
                  gost_padding pad)
{
    int rc = check_common(ctx, id, key, NULL, 0);
    if (rc == GOST_OK && !is_direction(dir))
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (rc == GOST_OK)
        rc = check_padding(dir, pad);
    if (rc != GOST_OK)
        return rc;
    return setup(ctx, GOST_MODE_ECB, id, key, dir == GOST_DECRYPT, pad, NULL, 0, 0);
}

/* s.5.4: the register R holds m = z*n bytes. */
int gost_cbc_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32], gost_direction dir,
                  const uint8_t *iv, size_t iv_len, gost_padding pad)
{
    int rc = check_common(ctx, id, key, iv, iv_len);
    if (rc == GOST_OK && !is_direction(dir))
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (rc == GOST_OK)
        rc = check_padding(dir, pad);
    if (rc != GOST_OK)
        return rc;
    size_t n = block_size_of(id);
    if (iv_len == 0 || iv_len % n != 0 || iv_len > GOST_MODE_MAX_IV)
        return GOST_ERR_BAD_LENGTH;
    return setup(ctx, GOST_MODE_CBC, id, key, dir == GOST_DECRYPT, pad, iv, iv_len, n);
}

int gost_ctr_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                  size_t iv_len, size_t s)
{
    gost_cipher c;
    int rc = check_common(ctx, id, key, iv, iv_len);
    if (rc != GOST_OK)
        return rc;
    size_t n = block_size_of(id);
    if (iv_len != n / 2 || s == 0 || s > n)
        return GOST_ERR_BAD_LENGTH;
    rc = gost_cipher_set_key(&c, id, key);
    if (rc == GOST_OK)
        rc = gost_ctr_init_cipher(ctx, &c, iv, iv_len, s, 0);
    gost_cipher_wipe(&c);
    return rc;
}

int gost_ctr_init_cipher(gost_mode_ctx *ctx, const gost_cipher *c, const uint8_t *iv, size_t iv_len,
                         size_t s, uint64_t section_blocks)
{
    size_t n = gost_cipher_block_size(c);
    if (ctx == NULL || (iv == NULL && iv_len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (n == 0)
        return GOST_ERR_BAD_STATE;
    if (iv_len != n / 2 || s == 0 || s > n)
        return GOST_ERR_BAD_LENGTH;
    memset(ctx, 0, sizeof *ctx);
    ctx->cipher = *c;
    ctx->n = (uint32_t)n;
    ctx->m = (uint32_t)n;
    ctx->s = (uint32_t)s;
    /* s.5.2: CTR_1 = IV || 0^(n/2). */
    memcpy(ctx->reg, iv, iv_len);
    ctx->section_blocks = section_blocks;
    ctx->mode = GOST_MODE_CTR;
    return GOST_OK;
}

/* s.5.3: m = z*n, gamma blocks truncated to s. */
int gost_ofb_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                  size_t iv_len, size_t s)
{
    int rc = check_common(ctx, id, key, iv, iv_len);
    if (rc != GOST_OK)
        return rc;
    size_t n = block_size_of(id);
    if (iv_len == 0 || iv_len % n != 0 || iv_len > GOST_MODE_MAX_IV || s == 0 || s > n)
        return GOST_ERR_BAD_LENGTH;
    rc = setup(ctx, GOST_MODE_OFB, id, key, 0, GOST_PAD_NONE, iv, iv_len, s);
    if (rc == GOST_OK)
        ctx->ofb_next = (uint32_t)(iv_len / n); /* the first gamma needs a new group */
    return rc;
}

/* s.5.5: n <= m, segments of s bytes. */
int gost_cfb_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32], gost_direction dir,
                  const uint8_t *iv, size_t iv_len, size_t s)
{
    int rc = check_common(ctx, id, key, iv, iv_len);
    if (rc == GOST_OK && !is_direction(dir))
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (rc != GOST_OK)
        return rc;
    size_t n = block_size_of(id);
    if (iv_len < n || iv_len > GOST_MODE_MAX_IV || s == 0 || s > n)
        return GOST_ERR_BAD_LENGTH;
    return setup(ctx, GOST_MODE_CFB, id, key, dir == GOST_DECRYPT, GOST_PAD_NONE, iv, iv_len, s);
}

static int is_block_mode(const gost_mode_ctx *ctx)
{
    return ctx->mode == GOST_MODE_ECB || ctx->mode == GOST_MODE_CBC;
}

/* Decryption with padding keeps the last block (1..n bytes) until final. */
static int holds_back(const gost_mode_ctx *ctx)
{
    return ctx->decrypt && ctx->padding != GOST_PAD_NONE;
}

static int valid_mode(const gost_mode_ctx *ctx)
{
    return ctx->mode >= GOST_MODE_ECB && ctx->mode <= GOST_MODE_CFB && ctx->n != 0;
}

/* Whole blocks the next update of len bytes outputs (ECB/CBC). */
static size_t blocks_out(const gost_mode_ctx *ctx, size_t len)
{
    size_t total = ctx->buflen + len;
    if (holds_back(ctx))
        return total == 0 ? 0 : (total - 1) / ctx->n;
    return total / ctx->n;
}

size_t gost_mode_output_size(const gost_mode_ctx *ctx, size_t len)
{
    if (ctx == NULL || !valid_mode(ctx))
        return 0;
    return is_block_mode(ctx) ? blocks_out(ctx, len) * ctx->n : len;
}

static int process_blocks(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    return ctx->mode == GOST_MODE_ECB ? gost_ecb_blocks(ctx, in, out, nblocks)
                                      : gost_cbc_blocks(ctx, in, out, nblocks);
}

static int block_update(gost_mode_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out)
{
    size_t n = ctx->n, nout = blocks_out(ctx, len);
    int rc = GOST_OK;

    if (nout > 0 && ctx->buflen > 0) {
        size_t take = n - ctx->buflen;
        memcpy(ctx->buf + ctx->buflen, in, take);
        in += take;
        len -= take;
        rc = process_blocks(ctx, ctx->buf, out, 1);
        ctx->buflen = 0;
        out += n;
        nout--;
    }
    if (rc == GOST_OK && nout > 0) {
        rc = process_blocks(ctx, in, out, nout);
        in += nout * n;
        len -= nout * n;
    }
    if (len > 0) {
        memcpy(ctx->buf + ctx->buflen, in, len);
        ctx->buflen += (uint32_t)len;
    }
    return rc;
}

int gost_mode_update(gost_mode_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
                     size_t *out_len)
{
    if (ctx == NULL || out_len == NULL || (in == NULL && len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (!valid_mode(ctx))
        return GOST_ERR_BAD_STATE;
    size_t need = gost_mode_output_size(ctx, len);
    if (need > 0 && out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (need > out_size)
        return GOST_ERR_BUFFER_TOO_SMALL;
    if (gost_overlap_partial(in, len, out, need))
        return GOST_ERR_INVALID_ARGUMENT;
    /* In place, a block mode with buffered bytes would write ahead of the
     * input it has not read yet. */
    if (is_block_mode(ctx) && need > 0 && in == out && ctx->buflen != 0)
        return GOST_ERR_INVALID_ARGUMENT;
    if (ctx->mode == GOST_MODE_CTR) {
        int rc = gost_ctr_check_limit(ctx, len);
        if (rc != GOST_OK)
            return rc;
    }
    *out_len = 0;
    if (len == 0)
        return GOST_OK;
    int rc;
    switch (ctx->mode) {
    case GOST_MODE_ECB:
    case GOST_MODE_CBC: rc = block_update(ctx, in, len, out); break;
    case GOST_MODE_CTR: rc = gost_ctr_stream(ctx, in, out, len); break;
    case GOST_MODE_OFB: rc = gost_ofb_stream(ctx, in, out, len); break;
    default: rc = gost_cfb_stream(ctx, in, out, len); break;
    }
    if (rc != GOST_OK) {
        gost_wipe(out, need);
        return rc;
    }
    *out_len = need;
    return GOST_OK;
}

/* The last block of ECB/CBC decryption, into tmp, without touching ctx. */
static int decrypt_last(const gost_mode_ctx *ctx, uint8_t tmp[GOST_CIPHER_MAX_BLOCK_SIZE])
{
    int rc = gost_cipher_decrypt_blocks(&ctx->cipher, ctx->buf, tmp, 1);
    if (rc == GOST_OK && ctx->mode == GOST_MODE_CBC)
        gost_xor_bytes(tmp, tmp, ctx->reg, ctx->n);
    return rc;
}

static int block_final(gost_mode_ctx *ctx, uint8_t *out, size_t out_size, size_t *out_len)
{
    uint8_t tmp[GOST_CIPHER_MAX_BLOCK_SIZE];
    size_t n = ctx->n, len = 0;
    int rc;

    if (!ctx->decrypt) {
        rc = gost_pad_length((gost_padding)ctx->padding, n, ctx->buflen, &len);
        if (rc != GOST_OK) /* GOST_PAD_NONE with a partial block */
            return rc;
        if (len > 0 && out == NULL)
            return GOST_ERR_INVALID_ARGUMENT;
        if (len > out_size)
            return GOST_ERR_BUFFER_TOO_SMALL;
        if (len > 0) {
            rc = gost_pad((gost_padding)ctx->padding, n, ctx->buf, ctx->buflen, ctx->buf, n, &len);
            if (rc == GOST_OK)
                rc = process_blocks(ctx, ctx->buf, tmp, 1);
            if (rc == GOST_OK)
                memcpy(out, tmp, n);
        }
    } else if (ctx->padding == GOST_PAD_NONE) {
        rc = ctx->buflen == 0 ? GOST_OK : GOST_ERR_BAD_LENGTH;
    } else {
        if (ctx->buflen != n) /* empty, or not a multiple of n */
            return GOST_ERR_BAD_LENGTH;
        rc = decrypt_last(ctx, tmp);
        if (rc == GOST_OK)
            rc = gost_unpad2(n, tmp, n, &len);
        if (rc == GOST_OK && len > 0 && out == NULL)
            rc = GOST_ERR_INVALID_ARGUMENT;
        if (rc == GOST_OK && len > out_size)
            rc = GOST_ERR_BUFFER_TOO_SMALL;
        if (rc == GOST_ERR_INVALID_ARGUMENT || rc == GOST_ERR_BUFFER_TOO_SMALL) {
            gost_wipe(tmp, sizeof tmp); /* the context stays usable */
            return rc;
        }
        if (rc == GOST_OK && len > 0)
            memcpy(out, tmp, len);
    }
    gost_wipe(tmp, sizeof tmp);
    *out_len = rc == GOST_OK ? len : 0;
    return rc;
}

int gost_mode_final(gost_mode_ctx *ctx, uint8_t *out, size_t out_size, size_t *out_len)
{
    if (ctx == NULL || out_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (!valid_mode(ctx))
        return GOST_ERR_BAD_STATE;
    int rc = GOST_OK;
    *out_len = 0;
    if (is_block_mode(ctx)) {
        rc = block_final(ctx, out, out_size, out_len);
        if (rc == GOST_ERR_INVALID_ARGUMENT || rc == GOST_ERR_BUFFER_TOO_SMALL)
            return rc;
    }
    gost_mode_wipe(ctx);
    return rc;
}

void gost_mode_wipe(gost_mode_ctx *ctx)
{
    if (ctx != NULL)
        gost_wipe(ctx, sizeof *ctx);
}

/* ---- one-shots ---------------------------------------------------------- */

/* update + final into out; on failure everything written is wiped. */
static int run(gost_mode_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
               size_t *out_len)
{
    size_t a = 0, b = 0;
    int rc = gost_mode_update(ctx, in, len, out, out_size, &a);
    if (rc == GOST_OK)
        rc = gost_mode_final(ctx, out == NULL ? NULL : out + a, out_size - a, &b);
    gost_mode_wipe(ctx);
    if (rc != GOST_OK) {
        gost_wipe(out, a);
        return rc;
    }
    if (out_len != NULL)
        *out_len = a + b;
    return GOST_OK;
}

/* The output size of a one-shot ECB/CBC call, checked before anything is
 * written. Decryption with padding may need up to len - 1 bytes. */
static int block_oneshot_size(gost_cipher_id id, gost_direction dir, gost_padding pad, size_t len,
                              size_t *size)
{
    size_t n = block_size_of(id);
    if (n == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    if (dir == GOST_ENCRYPT)
        return gost_pad_length(pad, n, len, size);
    if (len % n != 0 || (pad == GOST_PAD_2 && len == 0))
        return GOST_ERR_BAD_LENGTH;
    *size = pad == GOST_PAD_2 ? len - 1 : len;
    return GOST_OK;
}

static int block_oneshot(enum gost_mode_id mode, gost_direction dir, gost_cipher_id id,
                         const uint8_t key[32], const uint8_t *iv, size_t iv_len, gost_padding pad,
                         const uint8_t *in, size_t len, uint8_t *out, size_t out_size, size_t *out_len)
{
    gost_mode_ctx ctx;
    size_t size = 0;
    int rc = mode == GOST_MODE_ECB ? gost_ecb_init(&ctx, id, key, dir, pad)
                                   : gost_cbc_init(&ctx, id, key, dir, iv, iv_len, pad);
    if (rc != GOST_OK)
        return rc;
    if (out_len == NULL || (in == NULL && len != 0))
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (rc == GOST_OK)
        rc = block_oneshot_size(id, dir, pad, len, &size);
    if (rc == GOST_OK && size > out_size)
        rc = GOST_ERR_BUFFER_TOO_SMALL;
    if (rc == GOST_OK && size > 0 && out == NULL)
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (rc == GOST_OK && out != in && gost_overlap_partial(in, len, out, size))
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (rc != GOST_OK) {
        gost_mode_wipe(&ctx);
        return rc;
    }
    return run(&ctx, in, len, out, out_size, out_len);
}

int gost_ecb_encrypt(gost_cipher_id id, const uint8_t key[32], gost_padding pad, const uint8_t *in,
                     size_t len, uint8_t *out, size_t out_size, size_t *out_len)
{
    return block_oneshot(GOST_MODE_ECB, GOST_ENCRYPT, id, key, NULL, 0, pad, in, len, out, out_size,
                         out_len);
}

int gost_ecb_decrypt(gost_cipher_id id, const uint8_t key[32], gost_padding pad, const uint8_t *in,
                     size_t len, uint8_t *out, size_t out_size, size_t *out_len)
{
    return block_oneshot(GOST_MODE_ECB, GOST_DECRYPT, id, key, NULL, 0, pad, in, len, out, out_size,
                         out_len);
}

int gost_cbc_encrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv, size_t iv_len,
                     gost_padding pad, const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
                     size_t *out_len)
{
    return block_oneshot(GOST_MODE_CBC, GOST_ENCRYPT, id, key, iv, iv_len, pad, in, len, out,
                         out_size, out_len);
}

int gost_cbc_decrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv, size_t iv_len,
                     gost_padding pad, const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
                     size_t *out_len)
{
    return block_oneshot(GOST_MODE_CBC, GOST_DECRYPT, id, key, iv, iv_len, pad, in, len, out,
                         out_size, out_len);
}

/* CTR, OFB, CFB: len bytes out. */
static int stream_oneshot(int rc, gost_mode_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out)
{
    if (rc != GOST_OK)
        return rc;
    if ((in == NULL || out == NULL) && len != 0) {
        gost_mode_wipe(ctx);
        return GOST_ERR_INVALID_ARGUMENT;
    }
    return run(ctx, in, len, out, len, NULL);
}

int gost_ctr_crypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv, size_t iv_len, size_t s,
                   const uint8_t *in, size_t len, uint8_t *out)
{
    gost_mode_ctx ctx;
    return stream_oneshot(gost_ctr_init(&ctx, id, key, iv, iv_len, s), &ctx, in, len, out);
}

int gost_ofb_crypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv, size_t iv_len, size_t s,
                   const uint8_t *in, size_t len, uint8_t *out)
{
    gost_mode_ctx ctx;
    return stream_oneshot(gost_ofb_init(&ctx, id, key, iv, iv_len, s), &ctx, in, len, out);
}

int gost_cfb_encrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv, size_t iv_len,
                     size_t s, const uint8_t *in, size_t len, uint8_t *out)
{
    gost_mode_ctx ctx;
    return stream_oneshot(gost_cfb_init(&ctx, id, key, GOST_ENCRYPT, iv, iv_len, s), &ctx, in, len,
                          out);
}

int gost_cfb_decrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv, size_t iv_len,
                     size_t s, const uint8_t *in, size_t len, uint8_t *out)
{
    gost_mode_ctx ctx;
    return stream_oneshot(gost_cfb_init(&ctx, id, key, GOST_DECRYPT, iv, iv_len, s), &ctx, in, len,
                          out);
}
