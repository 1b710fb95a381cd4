/* Secret key generation: generic secrets, Kuznyechik, Magma and GOST 28147-89
 * keys (random bytes from gost_random_bytes; the ciphers that use them are
 * their own families). */
#include "gost/rand.h"
#include "gost/util.h"
#include "p11.h"

#define CIPHER_KEY_SIZE 32 /* GOST R 34.12-2015 and GOST 28147-89 keys are 256 bits */
#define GENERIC_MAX 512

static CK_RV fill_value(struct p11_attrs *key, CK_ULONG len)
{
    uint8_t buf[GENERIC_MAX];
    CK_RV rv;
    if (gost_random_bytes(buf, len) != 0)
        return CKR_DEVICE_ERROR;
    rv = p11_attrs_set(key, CKA_VALUE, buf, len);
    gost_wipe(buf, sizeof buf);
    if (rv == CKR_OK)
        rv = p11_attrs_set_ulong(key, CKA_VALUE_LEN, len);
    return rv;
}

static CK_RV generate_generic(const CK_MECHANISM *m, struct p11_attrs *key)
{
    CK_ULONG len = p11_attrs_ulong(key, CKA_VALUE_LEN, 0);
    (void)m;
    if (p11_attrs_get(key, CKA_VALUE_LEN) == NULL)
        return CKR_TEMPLATE_INCOMPLETE;
    if (len == 0 || len > GENERIC_MAX)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    return fill_value(key, len);
}

static CK_RV generate_cipher_key(const CK_MECHANISM *m, struct p11_attrs *key)
{
    const struct p11_attr *vl = p11_attrs_get(key, CKA_VALUE_LEN);
    (void)m;
    if (vl != NULL && p11_attrs_ulong(key, CKA_VALUE_LEN, 0) != CIPHER_KEY_SIZE)
        return CKR_TEMPLATE_INCONSISTENT;
    return fill_value(key, CIPHER_KEY_SIZE);
}

#define KEYGEN(mech, kt, fn, lo, hi)                                                              \
    {.type = (mech), .info = {(lo), (hi), CKF_GENERATE}, .key_type = (kt), .generate = (fn)}

static const struct p11_mech mechs[] = {
    KEYGEN(CKM_GENERIC_SECRET_KEY_GEN, CKK_GENERIC_SECRET, generate_generic, 1, GENERIC_MAX),
    KEYGEN(CKM_KUZNYECHIK_KEY_GEN, CKK_KUZNYECHIK, generate_cipher_key, 32, 32),
    KEYGEN(CKM_MAGMA_KEY_GEN, CKK_MAGMA, generate_cipher_key, 32, 32),
    KEYGEN(CKM_GOST28147_KEY_GEN, CKK_GOST28147, generate_cipher_key, 32, 32),
};

const struct p11_mech_family p11_family_secret = {"secret", mechs, sizeof mechs / sizeof mechs[0]};
