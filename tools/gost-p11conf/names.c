/* Names of PKCS#11 values for messages and listings (the tables are
 * generated into names_table.c; the attribute kinds, which no header
 * states, are listed here from PKCS#11 v2.40 s.4). */
#include <stdlib.h>

#include "names_table.h"
#include "p11conf.h"

static const char *find(const p11c_name *t, size_t n, unsigned long v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].value == v)
            return t[mid].name;
        if (t[mid].value < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *p11c_rv_name(CK_RV rv)
{
    const char *n = find(p11c_names_ckr, p11c_names_ckr_count, rv);
    return n != NULL ? n : "CKR_VENDOR_DEFINED";
}

const char *p11c_mech_name(CK_MECHANISM_TYPE m)
{
    return find(p11c_names_ckm, p11c_names_ckm_count, m);
}

const char *p11c_class_name(CK_OBJECT_CLASS k)
{
    const char *n = find(p11c_names_cko, p11c_names_cko_count, k);
    return n != NULL ? n : "CKO_VENDOR_DEFINED";
}

const char *p11c_key_type_name(CK_KEY_TYPE k)
{
    const char *n = find(p11c_names_ckk, p11c_names_ckk_count, k);
    return n != NULL ? n : "CKK_VENDOR_DEFINED";
}

const char *p11c_attr_name(CK_ATTRIBUTE_TYPE t)
{
    return find(p11c_names_cka, p11c_names_cka_count, t);
}

enum p11c_attr_kind p11c_attr_kind(CK_ATTRIBUTE_TYPE t)
{
    switch (t) {
    case CKA_TOKEN: case CKA_PRIVATE: case CKA_TRUSTED: case CKA_SENSITIVE: case CKA_ENCRYPT:
    case CKA_DECRYPT: case CKA_WRAP: case CKA_UNWRAP: case CKA_SIGN: case CKA_SIGN_RECOVER:
    case CKA_VERIFY: case CKA_VERIFY_RECOVER: case CKA_DERIVE: case CKA_EXTRACTABLE:
    case CKA_LOCAL: case CKA_NEVER_EXTRACTABLE: case CKA_ALWAYS_SENSITIVE: case CKA_MODIFIABLE:
    case CKA_COPYABLE: case CKA_DESTROYABLE: case CKA_ALWAYS_AUTHENTICATE:
    case CKA_WRAP_WITH_TRUSTED:
        return P11C_BOOL;
    case CKA_CLASS: case CKA_KEY_TYPE: case CKA_CERTIFICATE_TYPE: case CKA_VALUE_LEN:
    case CKA_MODULUS_BITS: case CKA_CERTIFICATE_CATEGORY: case CKA_KEY_GEN_MECHANISM:
    case CKA_JAVA_MIDP_SECURITY_DOMAIN: case CKA_NAME_HASH_ALGORITHM:
        return P11C_ULONG;
    case CKA_LABEL: case CKA_APPLICATION: case CKA_URL:
        return P11C_STRING;
    case CKA_START_DATE: case CKA_END_DATE:
        return P11C_DATE;
    default:
        return P11C_BYTES;
    }
}

void p11c_attr_types(const CK_ATTRIBUTE_TYPE **types, size_t *count)
{
    static CK_ATTRIBUTE_TYPE all[512];
    static size_t n;
    if (n == 0)
        for (size_t i = 0; i < p11c_names_cka_count && n < sizeof all / sizeof all[0]; i++)
            all[n++] = p11c_names_cka[i].value;
    *types = all;
    *count = n;
}
