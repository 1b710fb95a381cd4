/* Key export and import with KExp15 / KImp15 (R 1323565.1.017-2018, RFC 9189
 * s.8.2.1): CKM_KUZNYECHIK_KEXP_15_WRAP / CKM_MAGMA_KEXP_15_WRAP ([TC26]).
 *
 * The wrapping key is a twin key of the same cipher (CKK_*_TWIN_KEY, 64
 * bytes: K_mac || K_enc); the parameter is the IV (n/2 bytes); the key
 * wrapped is a secret key's CKA_VALUE, and the output is that value followed
 * by its n-byte MAC, all encrypted: key_len + n bytes. */
#include <string.h>

#include "gost/kexp15.h"
#include "gost/util.h"
#include "p11.h"

#define TWIN_KEY_SIZE 64
#define MAX_WRAPPED_KEY 512 /* the largest secret this token generates */

static gost_cipher_id cipher_of(const CK_MECHANISM *m, size_t *n)
{
    bool kuz = m->mechanism == CKM_KUZNYECHIK_KEXP_15_WRAP;
    *n = kuz ? 16 : 8;
    return kuz ? GOST_CIPHER_KUZNYECHIK : GOST_CIPHER_MAGMA;
}

static CK_RV check_iv(const CK_MECHANISM *m, size_t n)
{
    return m->pParameter != NULL && m->ulParameterLen == n / 2 ? CKR_OK
                                                                : CKR_MECHANISM_PARAM_INVALID;
}

static CK_RV kexp15_wrap(const CK_MECHANISM *m, const struct p11_attrs *wrapping,
                         const struct p11_attrs *key, uint8_t *out, CK_ULONG *out_len)
{
    size_t n, got = 0;
    gost_cipher_id id = cipher_of(m, &n);
    const struct p11_attr *v = p11_attrs_get(key, CKA_VALUE);
    const uint8_t *twin;
    CK_RV rv = check_iv(m, n);
    if (rv != CKR_OK)
        return rv;
    if (p11_attrs_ulong(key, CKA_CLASS, CKO_DATA) != CKO_SECRET_KEY)
        return CKR_KEY_NOT_WRAPPABLE;
    if ((rv = p11_mech_key_value(wrapping, TWIN_KEY_SIZE, &twin)) != CKR_OK)
        return rv == CKR_KEY_SIZE_RANGE ? CKR_WRAPPING_KEY_SIZE_RANGE : rv;
    if (v == NULL)
        return CKR_USER_NOT_LOGGED_IN;
    if (v->len == 0 || v->len > MAX_WRAPPED_KEY)
        return CKR_KEY_SIZE_RANGE;
    if (out == NULL) {
        *out_len = v->len + n;
        return CKR_OK;
    }
    if (*out_len < v->len + n) {
        *out_len = v->len + n;
        return CKR_BUFFER_TOO_SMALL;
    }
    if (gost_kexp15(id, twin, twin + 32, m->pParameter, n / 2, v->val, v->len, out, *out_len,
                    &got) != GOST_OK)
        return CKR_FUNCTION_FAILED;
    *out_len = got;
    return CKR_OK;
}

static CK_RV kexp15_unwrap(const CK_MECHANISM *m, const struct p11_attrs *unwrapping,
                           const uint8_t *in, CK_ULONG len, struct p11_attrs *key)
{
    size_t n, got = 0;
    gost_cipher_id id = cipher_of(m, &n);
    uint8_t value[MAX_WRAPPED_KEY];
    const uint8_t *twin;
    CK_RV rv = check_iv(m, n);
    int rc;
    if (rv != CKR_OK)
        return rv;
    if ((rv = p11_mech_key_value(unwrapping, TWIN_KEY_SIZE, &twin)) != CKR_OK)
        return rv == CKR_KEY_SIZE_RANGE ? CKR_UNWRAPPING_KEY_SIZE_RANGE : rv;
    if (in == NULL || len <= n || len - n > MAX_WRAPPED_KEY)
        return CKR_WRAPPED_KEY_LEN_RANGE;
    rc = gost_kimp15(id, twin, twin + 32, m->pParameter, n / 2, in, len, value, sizeof value, &got);
    if (rc == GOST_ERR_AUTH)
        rv = CKR_WRAPPED_KEY_INVALID;
    else if (rc != GOST_OK)
        rv = CKR_WRAPPED_KEY_LEN_RANGE;
    else
        rv = p11_attrs_set(key, CKA_VALUE, value, got);
    gost_wipe(value, sizeof value);
    return rv;
}

#define KEXP15(mech, kt)                                                                          \
    {.type = (mech), .info = {64, 64, CKF_WRAP | CKF_UNWRAP}, .key_type = (kt),                 \
     .wrap = kexp15_wrap, .unwrap = kexp15_unwrap}

static const struct p11_mech mechs[] = {
    KEXP15(CKM_KUZNYECHIK_KEXP_15_WRAP, CKK_KUZNYECHIK_TWIN_KEY),
    KEXP15(CKM_MAGMA_KEXP_15_WRAP, CKK_MAGMA_TWIN_KEY),
};

const struct p11_mech_family p11_family_wrap = {"wrap", mechs, sizeof mechs / sizeof mechs[0]};
