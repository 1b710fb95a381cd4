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
