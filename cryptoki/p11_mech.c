/* The mechanism table: each family (p11_mech_<family>.c) registers its
 * mechanisms with their CK_MECHANISM_INFO; this file only looks them up. */
#include "gost/errors.h"
#include "p11.h"

static const struct p11_mech_family *const families[] = {
    &p11_family_gost3410,
    &p11_family_digest,
    &p11_family_secret,
    &p11_family_kdf,
    &p11_family_cipher,
    &p11_family_mac,
    &p11_family_mgm,
    &p11_family_wrap,
    &p11_family_gost28147,
};

const struct p11_mech *p11_mech_find(CK_MECHANISM_TYPE type)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t i = 0; i < families[f]->count; i++)
            if (families[f]->mechs[i].type == type)
                return &families[f]->mechs[i];
    return NULL;
}

CK_ULONG p11_mech_list(CK_MECHANISM_TYPE *list, CK_ULONG max)
{
    CK_ULONG n = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t i = 0; i < families[f]->count; i++, n++)
            if (list != NULL && n < max)
                list[n] = families[f]->mechs[i].type;
    return n;
}

CK_RV p11_mech_key_value(const struct p11_attrs *key, CK_ULONG len, const uint8_t **val)
{
    const struct p11_attr *v = p11_attrs_get(key, CKA_VALUE);
    if (v == NULL)
        return CKR_USER_NOT_LOGGED_IN; /* sealed value not opened in this process */
    if (v->len != len)
        return CKR_KEY_SIZE_RANGE;
    *val = v->val;
    return CKR_OK;
}

CK_RV p11_mech_gost28147_sbox(const struct p11_attrs *key, gost28147_sbox *sbox)
{
    const struct p11_attr *p = p11_attrs_get(key, CKA_GOST28147_PARAMS);
    *sbox = GOST28147_SBOX_TC26_Z;
    if (p != NULL && (p->len < 2 || p->val[0] != 0x06 || p->val[1] != p->len - 2 ||
                      gost28147_sbox_by_oid(p->val + 2, p->len - 2, sbox) != GOST_OK))
        return CKR_KEY_TYPE_INCONSISTENT; /* a parameter set this token does not know */
    return CKR_OK;
}

CK_RV p11_mech_derived_len(const struct p11_attrs *key, unsigned sizes, size_t *len)
{
    CK_KEY_TYPE kt = p11_attrs_ulong(key, CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    unsigned allowed = sizes;
    if (kt == CKK_KUZNYECHIK_TWIN_KEY || kt == CKK_MAGMA_TWIN_KEY)
        allowed &= P11_DERIVE_64;
    else if (kt == CKK_KUZNYECHIK || kt == CKK_MAGMA || kt == CKK_GOST28147)
        allowed &= P11_DERIVE_32;
    else if (kt != CKK_GENERIC_SECRET)
        allowed = 0;
    if (allowed == 0)
        return CKR_TEMPLATE_INCONSISTENT;
    *len = allowed & P11_DERIVE_32 ? 32 : 64;
    if (p11_attrs_get(key, CKA_VALUE_LEN)) {
        CK_ULONG want = p11_attrs_ulong(key, CKA_VALUE_LEN, 0);
        unsigned bit = want == 32 ? P11_DERIVE_32 : want == 64 ? P11_DERIVE_64 : 0;
        if ((bit & allowed) == 0)
            return CKR_TEMPLATE_INCONSISTENT;
        *len = want;
    }
    return CKR_OK;
}

CK_RV p11_mech_set_value(struct p11_attrs *key, const uint8_t *val, size_t len)
{
    CK_RV rv = p11_attrs_set(key, CKA_VALUE, val, len);
    return rv == CKR_OK ? p11_attrs_set_ulong(key, CKA_VALUE_LEN, len) : rv;
}

CK_RV p11_mech_cipher_rv(int rc, bool decrypt)
{
    switch (rc) {
    case GOST_OK:
        return CKR_OK;
    case GOST_ERR_BAD_LENGTH: /* ECB/CBC text not whole blocks */
    case GOST_ERR_LIMIT:      /* CTR counter exhausted */
        return decrypt ? CKR_ENCRYPTED_DATA_LEN_RANGE : CKR_DATA_LEN_RANGE;
    case GOST_ERR_AUTH:
        return CKR_ENCRYPTED_DATA_INVALID;
    case GOST_ERR_BUFFER_TOO_SMALL:
        return CKR_BUFFER_TOO_SMALL;
    default:
        return CKR_FUNCTION_FAILED;
    }
}
