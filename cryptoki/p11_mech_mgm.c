/* MGM (R 1323565.1.026-2019, RFC 9058) with Kuznyechik and Magma:
 * CKM_KUZNYECHIK_MGM / CKM_MAGMA_MGM ([TC26]) with CK_GOST_MGM_PARAMS
 * (nonce of n bytes with the top bit clear, associated data, tag length in
 * bits: a multiple of 8 from 32 to 8n).
 *
 * Encryption outputs the ciphertext as it goes and the tag at the end
 * (ciphertext || tag). Decryption takes ciphertext || tag and outputs no
 * plaintext before the tag is checked: every update only collects the
 * input, the final step checks the tag (constant time, in libgost) and only
 * then writes the plaintext. */
#include <stdlib.h>
#include <string.h>

#include "gost/mgm.h"
#include "gost/util.h"
#include "p11.h"

struct mgm_ctx {
    gost_cipher_id id;
    uint8_t key[GOST_CIPHER_KEY_SIZE];
    uint8_t nonce[GOST_CIPHER_MAX_BLOCK_SIZE];
    size_t nonce_len, tag_len;
    uint8_t *aad; /* copied: the caller's parameter need not outlive C_*Init */
    size_t aad_len;
    bool decrypt;
    gost_mgm_ctx enc;   /* encryption: streaming */
    uint8_t *held;      /* decryption: everything given so far */
    size_t held_len, held_cap;
};

static void wipe_free(uint8_t *p, size_t len)
{
    if (p != NULL)
        gost_wipe(p, len);
    free(p);
}

static CK_RV mgm_init(void *vctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op)
{
    struct mgm_ctx *c = vctx;
    CK_GOST_MGM_PARAMS pv; /* copied: the caller's parameter need not be aligned */
    const CK_GOST_MGM_PARAMS *p = NULL;
    size_t n;
    if (m->pParameter != NULL && m->ulParameterLen == sizeof pv) {
        memcpy(&pv, m->pParameter, sizeof pv);
        p = &pv;
    }
    const uint8_t *kv;
    CK_RV rv = p11_mech_key_value(key, GOST_CIPHER_KEY_SIZE, &kv);
    if (rv != CKR_OK)
        return rv;
    c->id = m->mechanism == CKM_KUZNYECHIK_MGM ? GOST_CIPHER_KUZNYECHIK : GOST_CIPHER_MAGMA;
    n = c->id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
    if (p == NULL || m->ulParameterLen != sizeof *p || p->pNonce == NULL || p->ulNonceLen != n ||
        (p->pNonce[0] & 0x80) || (p->pAAD == NULL && p->ulAADLen != 0) || p->ulTagBits % 8 ||
        p->ulTagBits < 8 * GOST_MGM_MIN_TAG_SIZE || p->ulTagBits > 8 * n)
        return CKR_MECHANISM_PARAM_INVALID;
    memcpy(c->key, kv, sizeof c->key);
    memcpy(c->nonce, p->pNonce, n);
    c->nonce_len = n;
    c->tag_len = p->ulTagBits / 8;
    c->decrypt = op == P11_OP_DECRYPT;
    if (p->ulAADLen != 0) {
        if ((c->aad = malloc(p->ulAADLen)) == NULL)
            return CKR_HOST_MEMORY;
        memcpy(c->aad, p->pAAD, p->ulAADLen);
        c->aad_len = p->ulAADLen;
    }
    if (c->decrypt)
        return CKR_OK;
    if (gost_mgm_init(&c->enc, c->id, c->key, c->nonce, n, c->tag_len, 0) != GOST_OK ||
        gost_mgm_aad(&c->enc, c->aad, c->aad_len) != GOST_OK)
        return CKR_DATA_LEN_RANGE; /* the AAD alone is beyond MGM's limit */
    return CKR_OK;
}

static CK_ULONG mgm_max_out(const void *vctx, CK_ULONG in_len, bool final)
{
    const struct mgm_ctx *c = vctx;
    if (!c->decrypt)
        return in_len + (final ? c->tag_len : 0);
    if (!final)
        return 0;
    return c->held_len + in_len > c->tag_len ? c->held_len + in_len - c->tag_len : 0;
}

/* Decryption: keeps a copy of the input; the old buffer is wiped when it moves. */
static CK_RV hold(struct mgm_ctx *c, const uint8_t *in, CK_ULONG len)
{
    if (len > c->held_cap - c->held_len) {
        size_t cap = c->held_cap ? c->held_cap : 64;
        uint8_t *p;
        while (cap - c->held_len < len) {
            if (cap > SIZE_MAX / 2)
                return CKR_ENCRYPTED_DATA_LEN_RANGE; /* hold() serves decryption only */
            cap *= 2;
        }
        if ((p = malloc(cap)) == NULL)
            return CKR_HOST_MEMORY;
        if (c->held_len)
            memcpy(p, c->held, c->held_len);
        wipe_free(c->held, c->held_cap);
        c->held = p;
        c->held_cap = cap;
    }
    if (len)
        memcpy(c->held + c->held_len, in, len);
    c->held_len += len;
    return CKR_OK;
}

static CK_RV mgm_update(void *vctx, const uint8_t *in, CK_ULONG len, uint8_t *out,
                        CK_ULONG *out_len)
{
    struct mgm_ctx *c = vctx;
    int rc;
    if (c->decrypt) {
        *out_len = 0;
        return hold(c, in, len);
    }
    rc = gost_mgm_update(&c->enc, in, len, out);
    if (rc != GOST_OK)
        return rc == GOST_ERR_BAD_LENGTH ? CKR_DATA_LEN_RANGE : CKR_FUNCTION_FAILED;
    *out_len = len;
    return CKR_OK;
}

static CK_RV mgm_final(void *vctx, uint8_t *out, CK_ULONG *out_len)
{
    struct mgm_ctx *c = vctx;
    size_t text;
    int rc;
    if (!c->decrypt) {
        if (gost_mgm_encrypt_final(&c->enc, out) != GOST_OK)
            return CKR_FUNCTION_FAILED;
        *out_len = c->tag_len;
        return CKR_OK;
    }
    if (c->held_len < c->tag_len)
        return CKR_ENCRYPTED_DATA_LEN_RANGE;
    text = c->held_len - c->tag_len;
    rc = gost_mgm_decrypt(c->id, c->key, c->nonce, c->nonce_len, c->aad, c->aad_len, c->held, text,
                          c->held + text, c->tag_len, out);
    if (rc == GOST_ERR_AUTH)
        return CKR_ENCRYPTED_DATA_INVALID; /* out already wiped by libgost */
    if (rc != GOST_OK)
        return rc == GOST_ERR_BAD_LENGTH ? CKR_ENCRYPTED_DATA_LEN_RANGE : CKR_FUNCTION_FAILED;
    *out_len = text;
    return CKR_OK;
}

static void mgm_cleanup(void *vctx)
{
    struct mgm_ctx *c = vctx;
    gost_mgm_wipe(&c->enc);
    wipe_free(c->aad, c->aad_len);
    wipe_free(c->held, c->held_cap);
    c->aad = c->held = NULL;
}

#define MGM(mech, kt)                                                                             \
    {.type = (mech), .info = {32, 32, CKF_ENCRYPT | CKF_DECRYPT}, .key_type = (kt),             \
     .ctx_size = sizeof(struct mgm_ctx), .init = mgm_init, .cipher_max_out = mgm_max_out,         \
     .cipher_update = mgm_update, .cipher_final = mgm_final, .cleanup = mgm_cleanup}

static const struct p11_mech mechs[] = {
    MGM(CKM_KUZNYECHIK_MGM, CKK_KUZNYECHIK),
    MGM(CKM_MAGMA_MGM, CKK_MAGMA),
};

const struct p11_mech_family p11_family_mgm = {"mgm", mechs, sizeof mechs / sizeof mechs[0]};
