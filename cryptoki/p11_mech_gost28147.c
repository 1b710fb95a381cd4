/* GOST 28147-89 (RFC 5830) with the S-box set of the key:
 *   CKM_GOST28147_ECB (v2.40): no parameter, whole 8-byte blocks;
 *   CKM_GOST28147 (v2.40): CFB ("gamma with feedback"), the 8-byte IV;
 *   CKM_LIBGOST_GOST28147_CNT: counter mode (RFC 5830 s.6), the 8-byte IV;
 *   CKM_GOST28147_MAC (v2.40): the 4-byte IMIT (RFC 5830 s.8), parameter
 *     none or an 8-byte IV (the MAC's starting state).
 * The key's CKA_GOST28147_PARAMS (DER OID) names the S-box set; without it
 * the set is id-tc26-gost-28147-param-Z (R 1323565.1.023-2018, the set TC 26
 * recommends). CryptoPro key meshing (RFC 4357 s.2.3.2) is on for every set
 * but the two test sets, as CryptoPro CSP and OpenSSL's GOST engine do. */
#include <string.h>

#include "gost/gost28147.h"
#include "gost/util.h"
#include "p11.h"

struct g89_ctx {
    CK_MECHANISM_TYPE type;
    bool decrypt;
    gost28147_ctx stream;     /* CFB, CNT */
    gost28147_key ecb;        /* ECB */
    uint8_t buf[GOST28147_BLOCK_SIZE];
    size_t buflen;            /* ECB: bytes waiting for a whole block */
    gost28147_imit_ctx imit;  /* MAC */
};

static CK_RV key_sbox(const struct p11_attrs *key, gost28147_sbox *sbox, int *meshing)
{
    CK_RV rv = p11_mech_gost28147_sbox(key, sbox);
    *meshing = *sbox != GOST28147_SBOX_TEST && *sbox != GOST28147_SBOX_GOSTR3411_94_TEST;
    return rv;
}

static CK_RV g89_init(void *vctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op)
{
    struct g89_ctx *c = vctx;
    gost28147_sbox sbox;
    int meshing, rc;
    const uint8_t *kv, *iv = m->pParameter;
    CK_RV rv = p11_mech_key_value(key, GOST28147_KEY_SIZE, &kv);
    if (rv == CKR_OK)
        rv = key_sbox(key, &sbox, &meshing);
    if (rv != CKR_OK)
        return rv;
    c->type = m->mechanism;
    c->decrypt = op == P11_OP_DECRYPT;
    switch (m->mechanism) {
    case CKM_GOST28147_ECB:
        if (iv != NULL || m->ulParameterLen != 0)
            return CKR_MECHANISM_PARAM_INVALID;
        rc = gost28147_set_key(&c->ecb, sbox, kv);
        break;
    case CKM_GOST28147_MAC:
        if ((iv == NULL) != (m->ulParameterLen == 0) ||
            (iv != NULL && m->ulParameterLen != GOST28147_IV_SIZE))
            return CKR_MECHANISM_PARAM_INVALID;
        rc = gost28147_imit_init(&c->imit, sbox, kv, iv, meshing);
        break;
    default: /* CFB, CNT */
        if (iv == NULL || m->ulParameterLen != GOST28147_IV_SIZE)
            return CKR_MECHANISM_PARAM_INVALID;
        rc = gost28147_init(&c->stream,
                            m->mechanism == CKM_GOST28147 ? GOST28147_MODE_CFB : GOST28147_MODE_CNT,
                            !c->decrypt, sbox, kv, iv, meshing);
        break;
    }
    return rc == GOST_OK ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_ULONG g89_max_out(const void *vctx, CK_ULONG in_len, bool final)
{
    const struct g89_ctx *c = vctx;
    (void)final;
    if (c->type != CKM_GOST28147_ECB)
        return in_len;
    return (c->buflen + in_len) / GOST28147_BLOCK_SIZE * GOST28147_BLOCK_SIZE;
}

static CK_RV ecb_update(struct g89_ctx *c, const uint8_t *in, CK_ULONG len, uint8_t *out,
                        CK_ULONG *out_len)
{
    int (*crypt)(const gost28147_key *, const uint8_t *, uint8_t *, size_t) =
        c->decrypt ? gost28147_decrypt_blocks : gost28147_encrypt_blocks;
    CK_ULONG done = 0;
    if (c->buflen > 0 && c->buflen + len >= GOST28147_BLOCK_SIZE) {
        size_t take = GOST28147_BLOCK_SIZE - c->buflen;
        memcpy(c->buf + c->buflen, in, take);
        in += take;
        len -= take;
        if (crypt(&c->ecb, c->buf, out, 1) != GOST_OK)
            return CKR_FUNCTION_FAILED;
        c->buflen = 0;
        done = GOST28147_BLOCK_SIZE;
    }
    if (len >= GOST28147_BLOCK_SIZE) {
        size_t blocks = len / GOST28147_BLOCK_SIZE;
        if (crypt(&c->ecb, in, out + done, blocks) != GOST_OK)
            return CKR_FUNCTION_FAILED;
        in += blocks * GOST28147_BLOCK_SIZE;
        len -= blocks * GOST28147_BLOCK_SIZE;
        done += blocks * GOST28147_BLOCK_SIZE;
    }
    memcpy(c->buf + c->buflen, in, len);
    c->buflen += len;
    *out_len = done;
    return CKR_OK;
}

static CK_RV g89_update(void *vctx, const uint8_t *in, CK_ULONG len, uint8_t *out,
                        CK_ULONG *out_len)
{
    struct g89_ctx *c = vctx;
    size_t got = 0;
    if (c->type == CKM_GOST28147_ECB)
        return ecb_update(c, in, len, out, out_len);
    if (gost28147_update(&c->stream, in, len, out, &got) != GOST_OK)
        return CKR_FUNCTION_FAILED;
    *out_len = got;
    return CKR_OK;
}

static CK_RV g89_final(void *vctx, uint8_t *out, CK_ULONG *out_len)
{
    struct g89_ctx *c = vctx;
    (void)out;
    *out_len = 0;
    if (c->type == CKM_GOST28147_ECB)
        return c->buflen == 0 ? CKR_OK
                              : c->decrypt ? CKR_ENCRYPTED_DATA_LEN_RANGE : CKR_DATA_LEN_RANGE;
    return gost28147_final(&c->stream) == GOST_OK ? CKR_OK : CKR_FUNCTION_FAILED;
}

/* ---- the IMIT as sign/verify ------------------------------------------------ */
static CK_RV imit_update(void *vctx, const uint8_t *in, CK_ULONG len)
{
    struct g89_ctx *c = vctx;
    return gost28147_imit_update(&c->imit, in, len) == GOST_OK ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_ULONG imit_len(const void *vctx)
{
    (void)vctx;
    return GOST28147_IMIT_MAX;
}

static CK_RV imit_final(void *vctx, uint8_t *out)
{
    struct g89_ctx *c = vctx;
    return gost28147_imit_final(&c->imit, out, GOST28147_IMIT_MAX) == GOST_OK
               ? CKR_OK
               : CKR_FUNCTION_FAILED;
}

static CK_RV imit_verify(void *vctx, const uint8_t *sig, CK_ULONG len)
{
    uint8_t tag[GOST28147_IMIT_MAX];
    CK_RV rv;
    if (len != sizeof tag)
        return CKR_SIGNATURE_LEN_RANGE;
    rv = imit_final(vctx, tag);
    if (rv == CKR_OK && !gost_ct_equal(tag, sig, sizeof tag))
        rv = CKR_SIGNATURE_INVALID;
    gost_wipe(tag, sizeof tag);
    return rv;
}

static void g89_cleanup(void *vctx)
{
    struct g89_ctx *c = vctx;
    gost28147_wipe_key(&c->ecb);
    gost_wipe(c, sizeof *c); /* the stream and IMIT states hold key schedules too */
}

#define G89_CIPHER(mech)                                                                          \
    {.type = (mech), .info = {32, 32, CKF_ENCRYPT | CKF_DECRYPT}, .key_type = CKK_GOST28147,    \
     .ctx_size = sizeof(struct g89_ctx), .init = g89_init, .cipher_max_out = g89_max_out,         \
     .cipher_update = g89_update, .cipher_final = g89_final, .cleanup = g89_cleanup}

static const struct p11_mech mechs[] = {
    G89_CIPHER(CKM_GOST28147_ECB),
    G89_CIPHER(CKM_GOST28147),
    G89_CIPHER(CKM_LIBGOST_GOST28147_CNT),
    {.type = CKM_GOST28147_MAC, .info = {32, 32, CKF_SIGN | CKF_VERIFY},
     .key_type = CKK_GOST28147, .ctx_size = sizeof(struct g89_ctx), .init = g89_init,
     .update = imit_update, .out_len = imit_len, .final = imit_final,
     .verify_final = imit_verify, .cleanup = g89_cleanup},
};

const struct p11_mech_family p11_family_gost28147 = {"gost28147", mechs,
                                                     sizeof mechs / sizeof mechs[0]};
