/* Key derivation from a secret key:
 *
 * CKM_KDF_GOSTR3411_2012_256 ([TC26]): the parameter is the seed itself
 * (1..64 bytes, as Aladdin's JaCarta clients pass it); the new key is
 * KDF_TREE_GOSTR3411_2012_256(K, label 26 BD B8 78, seed, R 1) of L = 8 len
 * bits, len 32 (a generic secret may ask 64 by CKA_VALUE_LEN; twin keys are
 * 64). For len 32 this is KDF_GOSTR3411_2012_256 (R 50.1.113-2016 s.4.4); both
 * lengths are the standard's KDF examples with K = 00..1f.
 *
 * CKM_KDF_4357 ([TC26]): a 32-byte GOST 28147 (or generic secret) key K
 * diversified with the 8-byte UKM of the parameter by RFC 4357 s.6.5, with
 * the base key's S-boxes (CKA_GOST28147_PARAMS, else param-Z). 32 bytes.
 *
 * CKM_KDF_TREE_GOSTR3411_2012_256
 * (R 1323565.1.022-2018 s.5, RFC 7836 s.4.5) with CK_KDF_TREE_GOST_PARAMS
 * ([TC26]): KDF_TREE(K, label, seed, R) produces ulL bytes (L = 8 ulL bits in
 * the KDF's input), and the new key is the CKA_VALUE_LEN bytes (32 by
 * default) at byte ulOffset of that output. Bytes, not bits: the tokens in
 * use take {R 1, L 64, offset 32} for the second key of RFC 7836's example
 * (Aktiv's PKCS#11 wrappers and tests), so bits would break interop.
 * Wired when gost/kdf.h is in the tree. */
#include <stdlib.h>

#include "gost/util.h"
#include "p11.h"
#include "p11_have.h"

#if defined(__has_include)
#if __has_include("gost/kdf.h")
#define P11_HAVE_KDF 1
#endif
#endif

#ifdef P11_HAVE_KDF
#include "gost/kdf.h"
#include "gost/keywrap.h"

#define KDF_TREE_MAX_OUT 1024 /* bytes: far beyond any key this token keeps */

static CK_RV kdf_tree_derive(const CK_MECHANISM *m, const struct p11_attrs *base,
                             struct p11_attrs *key)
{
    const CK_KDF_TREE_GOST_PARAMS *p = m->pParameter;
    const struct p11_attr *k = p11_attrs_get(base, CKA_VALUE);
    CK_KEY_TYPE kt = p11_attrs_ulong(key, CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    CK_ULONG want = p11_attrs_ulong(key, CKA_VALUE_LEN, 32), total;
    uint8_t *out;
    CK_RV rv;
    if (p11_attrs_ulong(base, CKA_CLASS, CKO_DATA) != CKO_SECRET_KEY)
        return CKR_KEY_TYPE_INCONSISTENT;
    if (p == NULL || m->ulParameterLen != sizeof *p || p->ulR < 1 || p->ulR > 4 ||
        p->ulL == 0 || p->ulL > KDF_TREE_MAX_OUT ||
        (p->pLabel == NULL && p->ulLabelLength) || (p->pSeed == NULL && p->ulSeedLength))
        return CKR_MECHANISM_PARAM_INVALID;
    total = p->ulL;
    if (kt != CKK_GENERIC_SECRET && want != 32)
        return CKR_TEMPLATE_INCONSISTENT;
    if (want == 0 || p->ulOffset > total || want > total - p->ulOffset)
        return CKR_MECHANISM_PARAM_INVALID;
    if (k == NULL)
        return CKR_USER_NOT_LOGGED_IN;
    out = malloc(total);
    if (out == NULL)
        return CKR_HOST_MEMORY;
    rv = gost_kdf_tree_gostr3411_2012_256(k->val, k->len, p->pLabel, p->ulLabelLength, p->pSeed,
                                          p->ulSeedLength, (unsigned)p->ulR, out, total) == 0
             ? CKR_OK
             : CKR_MECHANISM_PARAM_INVALID;
    if (rv == CKR_OK)
        rv = p11_attrs_set(key, CKA_VALUE, out + p->ulOffset, want);
    if (rv == CKR_OK)
        rv = p11_attrs_set_ulong(key, CKA_VALUE_LEN, want);
    gost_wipe(out, total);
    free(out);
    return rv;
}

#define KDF_SEED_MAX 64
#define KDF_BASE_MAX 512 /* bytes: the largest secret this token makes */
static const uint8_t kdf_label[4] = {0x26, 0xbd, 0xb8, 0x78};

static CK_RV kdf_256_derive(const CK_MECHANISM *m, const struct p11_attrs *base,
                            struct p11_attrs *key)
{
    const struct p11_attr *k = p11_attrs_get(base, CKA_VALUE);
    uint8_t out[64];
    size_t len;
    CK_RV rv;
    if (p11_attrs_ulong(base, CKA_CLASS, CKO_DATA) != CKO_SECRET_KEY)
        return CKR_KEY_TYPE_INCONSISTENT;
    if (m->pParameter == NULL || m->ulParameterLen == 0 || m->ulParameterLen > KDF_SEED_MAX)
        return CKR_MECHANISM_PARAM_INVALID;
    if ((rv = p11_mech_derived_len(key, P11_DERIVE_32 | P11_DERIVE_64, &len)) != CKR_OK)
        return rv;
    if (k == NULL)
        return CKR_USER_NOT_LOGGED_IN;
    if (k->len == 0 || k->len > KDF_BASE_MAX)
        return CKR_KEY_SIZE_RANGE;
    rv = gost_kdf_tree_gostr3411_2012_256(k->val, k->len, kdf_label, sizeof kdf_label,
                                          m->pParameter, m->ulParameterLen, 1, out, len) == 0
             ? p11_mech_set_value(key, out, len)
             : CKR_FUNCTION_FAILED;
    gost_wipe(out, sizeof out);
    return rv;
}

static CK_RV kdf_4357_derive(const CK_MECHANISM *m, const struct p11_attrs *base,
                             struct p11_attrs *key)
{
    CK_KEY_TYPE bt = p11_attrs_ulong(base, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION);
    const uint8_t *k;
    uint8_t out[GOST_KEYWRAP_KEY_SIZE];
    gost28147_sbox sbox;
    size_t len;
    CK_RV rv;
    if (p11_attrs_ulong(base, CKA_CLASS, CKO_DATA) != CKO_SECRET_KEY ||
        (bt != CKK_GOST28147 && bt != CKK_GENERIC_SECRET))
        return CKR_KEY_TYPE_INCONSISTENT;
    if (m->pParameter == NULL || m->ulParameterLen != GOST_KEYWRAP_UKM_SIZE)
        return CKR_MECHANISM_PARAM_INVALID;
    if ((rv = p11_mech_gost28147_sbox(base, &sbox)) != CKR_OK ||
        (rv = p11_mech_derived_len(key, P11_DERIVE_32, &len)) != CKR_OK ||
        (rv = p11_mech_key_value(base, GOST_KEYWRAP_KEY_SIZE, &k)) != CKR_OK)
        return rv;
    rv = gost_kek_diversify_cryptopro(sbox, k, m->pParameter, out) == GOST_OK
             ? p11_mech_set_value(key, out, len)
             : CKR_FUNCTION_FAILED;
    gost_wipe(out, sizeof out);
    return rv;
}

static const struct p11_mech mechs[] = {
    {.type = CKM_KDF_4357, .info = {32, 32, CKF_DERIVE},
     .key_type = CK_UNAVAILABLE_INFORMATION, .derive = kdf_4357_derive},
    {.type = CKM_KDF_GOSTR3411_2012_256, .info = {1, KDF_BASE_MAX, CKF_DERIVE},
     .key_type = CK_UNAVAILABLE_INFORMATION, .derive = kdf_256_derive},
    {.type = CKM_KDF_TREE_GOSTR3411_2012_256, .info = {1, 512 * 8, CKF_DERIVE},
     .key_type = CK_UNAVAILABLE_INFORMATION, .derive = kdf_tree_derive},
};

const struct p11_mech_family p11_family_kdf = {"kdf", mechs, sizeof mechs / sizeof mechs[0]};
#else
const struct p11_mech_family p11_family_kdf = {"kdf", NULL, 0};
#endif
