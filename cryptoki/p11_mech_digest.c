/* Streebog digests (CKM_GOSTR3411_12_256/512) and HMAC-Streebog
 * (CKM_GOSTR3411_12_256/512_HMAC, R 50.1.113-2016 s.4.1.1) as sign/verify
 * with a secret key. Wired when gost/streebog.h (and gost/hmac.h) are in the
 * tree; until then the family is empty. */
#include <string.h>

#include "gost/util.h"
#include "p11.h"
#include "p11_have.h"

#if P11_HAVE_STREEBOG
#include "gost/streebog.h"

struct digest_ctx {
    gost_streebog_ctx h;
    size_t size;
};

static CK_RV digest_init(void *vctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op)
{
    struct digest_ctx *c = vctx;
    (void)key, (void)op;
    if (m->pParameter != NULL || m->ulParameterLen != 0)
        return CKR_MECHANISM_PARAM_INVALID;
    c->size = m->mechanism == CKM_GOSTR3411_12_512 ? 64 : 32;
    /* The constant-time Streebog: the data digested may be secret. */
    return gost_streebog_init(&c->h, c->size) == 0 ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_RV digest_update(void *vctx, const uint8_t *in, CK_ULONG len)
{
    struct digest_ctx *c = vctx;
    return gost_streebog_update(&c->h, in, len) == 0 ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_ULONG digest_len(const void *vctx)
{
    return ((const struct digest_ctx *)vctx)->size;
}

static CK_RV digest_final(void *vctx, uint8_t *out)
{
    struct digest_ctx *c = vctx;
    return gost_streebog_final(&c->h, out) == 0 ? CKR_OK : CKR_FUNCTION_FAILED;
}

#define DIGEST(mech)                                                                              \
    {.type = (mech), .info = {0, 0, CKF_DIGEST}, .key_type = CK_UNAVAILABLE_INFORMATION,          \
     .ctx_size = sizeof(struct digest_ctx), .init = digest_init, .update = digest_update,         \
     .out_len = digest_len, .final = digest_final}

#if P11_HAVE_HMAC
#include "gost/hmac.h"

struct hmac_ctx {
    gost_hmac_streebog_ctx h;
    size_t size;
};

static CK_RV hmac_init(void *vctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op)
{
    struct hmac_ctx *c = vctx;
    const struct p11_attr *v = p11_attrs_get(key, CKA_VALUE);
    (void)op;
    if (m->pParameter != NULL || m->ulParameterLen != 0)
        return CKR_MECHANISM_PARAM_INVALID;
    if (p11_attrs_ulong(key, CKA_CLASS, CKO_DATA) != CKO_SECRET_KEY)
        return CKR_KEY_TYPE_INCONSISTENT;
    if (v == NULL)
        return CKR_USER_NOT_LOGGED_IN;
    if (v->len == 0)
        return CKR_KEY_SIZE_RANGE;
    c->size = m->mechanism == CKM_GOSTR3411_12_512_HMAC ? 64 : 32;
    return gost_hmac_streebog_init(&c->h, c->size, v->val, v->len) == 0 ? CKR_OK
                                                                         : CKR_FUNCTION_FAILED;
}

static CK_RV hmac_update(void *vctx, const uint8_t *in, CK_ULONG len)
{
    struct hmac_ctx *c = vctx;
    return gost_hmac_streebog_update(&c->h, in, len) == 0 ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_ULONG hmac_len(const void *vctx)
{
    return ((const struct hmac_ctx *)vctx)->size;
}

static CK_RV hmac_final(void *vctx, uint8_t *out)
{
    struct hmac_ctx *c = vctx;
    return gost_hmac_streebog_final(&c->h, out) == 0 ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_RV hmac_verify(void *vctx, const uint8_t *sig, CK_ULONG len)
{
    struct hmac_ctx *c = vctx;
    uint8_t mac[64];
    CK_RV rv;
    if (len != c->size)
        return CKR_SIGNATURE_LEN_RANGE;
    rv = hmac_final(c, mac);
    if (rv == CKR_OK && !gost_ct_equal(mac, sig, c->size))
        rv = CKR_SIGNATURE_INVALID;
    gost_wipe(mac, sizeof mac);
    return rv;
}

#define HMAC(mech)                                                                                \
    {.type = (mech), .info = {1, 512, CKF_SIGN | CKF_VERIFY},                                     \
     .key_type = CK_UNAVAILABLE_INFORMATION, .ctx_size = sizeof(struct hmac_ctx),                 \
     .init = hmac_init, .update = hmac_update, .out_len = hmac_len, .final = hmac_final,          \
     .verify_final = hmac_verify}
#endif

static const struct p11_mech mechs[] = {
    DIGEST(CKM_GOSTR3411_12_256),
    DIGEST(CKM_GOSTR3411_12_512),
#if P11_HAVE_HMAC
    HMAC(CKM_GOSTR3411_12_256_HMAC),
    HMAC(CKM_GOSTR3411_12_512_HMAC),
#endif
};

const struct p11_mech_family p11_family_digest = {"digest", mechs, sizeof mechs / sizeof mechs[0]};
#else
const struct p11_mech_family p11_family_digest = {"digest", NULL, 0};
#endif
