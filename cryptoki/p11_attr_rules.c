/* Attribute rules as data: for each object class, which attributes exist, which
 * are required or forbidden when an object is created or generated, which may
 * change later, which are sensitive, and their defaults (PKCS#11 v2.40 s.4,
 * the tables of common, storage, data, certificate and key attributes, with
 * their footnotes 1-12 encoded as the flags below). */
#include <string.h>

#include "p11.h"

enum {
    R_REQ_CREATE = 1 << 0,   /* fn 1: must be given to C_CreateObject */
    R_NO_CREATE = 1 << 1,    /* fn 3/4/8: must not be given to C_CreateObject */
    R_NO_GENERATE = 1 << 2,  /* fn 6: must not be given to generate/derive */
    R_REQ_GENERATE = 1 << 3, /* needed by generation (curve, length) */
    R_MODIFIABLE = 1 << 4,   /* fn 8 absent: may change with C_SetAttributeValue */
    R_SENSITIVE = 1 << 5,    /* fn 7: hidden when CKA_SENSITIVE or !CKA_EXTRACTABLE */
    R_SECRET = 1 << 6,       /* key material: sealed at rest on every object */
    R_BOOL = 1 << 7,         /* value is a CK_BBOOL */
    R_ULONG = 1 << 8,        /* value is a CK_ULONG */
    R_ONLY_TRUE = 1 << 9,    /* fn 11: may only change FALSE -> TRUE (CKA_SENSITIVE) */
    R_ONLY_FALSE = 1 << 10,  /* fn 12: may only change TRUE -> FALSE (EXTRACTABLE, COPYABLE) */
    R_COPY_ONLY = 1 << 11,   /* may change in C_CopyObject only (TOKEN, PRIVATE, MODIFIABLE) */
};

#define ANY ((CK_OBJECT_CLASS)-1)  /* every class */
#define KEY ((CK_OBJECT_CLASS)-2)  /* public, private and secret keys */
#define PUBPRIV ((CK_OBJECT_CLASS)-3)

struct rule {
    CK_OBJECT_CLASS cls;
    CK_ATTRIBUTE_TYPE type;
    unsigned flags;
};

static const struct rule rules[] = {
    {ANY, CKA_CLASS, R_REQ_CREATE | R_ULONG},
    {ANY, CKA_TOKEN, R_BOOL | R_COPY_ONLY},
    {ANY, CKA_PRIVATE, R_BOOL | R_COPY_ONLY},
    {ANY, CKA_MODIFIABLE, R_BOOL | R_COPY_ONLY},
    {ANY, CKA_COPYABLE, R_BOOL | R_MODIFIABLE | R_ONLY_FALSE},
    {ANY, CKA_DESTROYABLE, R_BOOL | R_MODIFIABLE},
    {ANY, CKA_LABEL, R_MODIFIABLE},
    /* data objects */
    {CKO_DATA, CKA_APPLICATION, R_MODIFIABLE},
    {CKO_DATA, CKA_OBJECT_ID, R_MODIFIABLE},
    {CKO_DATA, CKA_VALUE, R_MODIFIABLE},
    /* certificates (X.509 public key certificates) */
    {CKO_CERTIFICATE, CKA_CERTIFICATE_TYPE, R_REQ_CREATE | R_ULONG},
    {CKO_CERTIFICATE, CKA_TRUSTED, R_BOOL},
    {CKO_CERTIFICATE, CKA_CERTIFICATE_CATEGORY, R_ULONG},
    {CKO_CERTIFICATE, CKA_CHECK_VALUE, 0},
    {CKO_CERTIFICATE, CKA_START_DATE, R_MODIFIABLE},
    {CKO_CERTIFICATE, CKA_END_DATE, R_MODIFIABLE},
    {CKO_CERTIFICATE, CKA_PUBLIC_KEY_INFO, 0},
    {CKO_CERTIFICATE, CKA_SUBJECT, 0},
    {CKO_CERTIFICATE, CKA_ID, R_MODIFIABLE},
    {CKO_CERTIFICATE, CKA_ISSUER, R_MODIFIABLE},
    {CKO_CERTIFICATE, CKA_SERIAL_NUMBER, R_MODIFIABLE},
    {CKO_CERTIFICATE, CKA_VALUE, R_REQ_CREATE},
    {CKO_CERTIFICATE, CKA_URL, 0},
    {CKO_CERTIFICATE, CKA_HASH_OF_SUBJECT_PUBLIC_KEY, 0},
    {CKO_CERTIFICATE, CKA_HASH_OF_ISSUER_PUBLIC_KEY, 0},
    {CKO_CERTIFICATE, CKA_JAVA_MIDP_SECURITY_DOMAIN, R_ULONG},
    {CKO_CERTIFICATE, CKA_NAME_HASH_ALGORITHM, R_ULONG},
    /* every key */
    {KEY, CKA_KEY_TYPE, R_REQ_CREATE | R_ULONG},
    {KEY, CKA_ID, R_MODIFIABLE},
    {KEY, CKA_START_DATE, R_MODIFIABLE},
    {KEY, CKA_END_DATE, R_MODIFIABLE},
    {KEY, CKA_DERIVE, R_BOOL | R_MODIFIABLE},
    {KEY, CKA_LOCAL, R_BOOL | R_NO_CREATE | R_NO_GENERATE},
    {KEY, CKA_KEY_GEN_MECHANISM, R_ULONG | R_NO_CREATE | R_NO_GENERATE},
    {KEY, CKA_ALLOWED_MECHANISMS, 0},
    /* public and private GOST R 34.10 keys */
    {PUBPRIV, CKA_SUBJECT, R_MODIFIABLE},
    {PUBPRIV, CKA_PUBLIC_KEY_INFO, 0},
    {PUBPRIV, CKA_GOSTR3410_PARAMS, R_REQ_CREATE},
    {PUBPRIV, CKA_GOSTR3411_PARAMS, 0},
    {PUBPRIV, CKA_GOST28147_PARAMS, 0},
    {CKO_PUBLIC_KEY, CKA_ENCRYPT, R_BOOL | R_MODIFIABLE},
    {CKO_PUBLIC_KEY, CKA_VERIFY, R_BOOL | R_MODIFIABLE},
    {CKO_PUBLIC_KEY, CKA_VERIFY_RECOVER, R_BOOL | R_MODIFIABLE},
    {CKO_PUBLIC_KEY, CKA_WRAP, R_BOOL | R_MODIFIABLE},
    {CKO_PUBLIC_KEY, CKA_TRUSTED, R_BOOL},
    {CKO_PUBLIC_KEY, CKA_VALUE, R_REQ_CREATE | R_NO_GENERATE},
    /* private keys */
    {CKO_PRIVATE_KEY, CKA_SENSITIVE, R_BOOL | R_MODIFIABLE | R_ONLY_TRUE},
    {CKO_PRIVATE_KEY, CKA_DECRYPT, R_BOOL | R_MODIFIABLE},
    {CKO_PRIVATE_KEY, CKA_SIGN, R_BOOL | R_MODIFIABLE},
    {CKO_PRIVATE_KEY, CKA_SIGN_RECOVER, R_BOOL | R_MODIFIABLE},
    {CKO_PRIVATE_KEY, CKA_UNWRAP, R_BOOL | R_MODIFIABLE},
    {CKO_PRIVATE_KEY, CKA_EXTRACTABLE, R_BOOL | R_MODIFIABLE | R_ONLY_FALSE},
    {CKO_PRIVATE_KEY, CKA_ALWAYS_SENSITIVE, R_BOOL | R_NO_CREATE | R_NO_GENERATE},
    {CKO_PRIVATE_KEY, CKA_NEVER_EXTRACTABLE, R_BOOL | R_NO_CREATE | R_NO_GENERATE},
    {CKO_PRIVATE_KEY, CKA_WRAP_WITH_TRUSTED, R_BOOL | R_MODIFIABLE | R_ONLY_TRUE},
    {CKO_PRIVATE_KEY, CKA_ALWAYS_AUTHENTICATE, R_BOOL},
    {CKO_PRIVATE_KEY, CKA_VALUE, R_REQ_CREATE | R_NO_GENERATE | R_SENSITIVE | R_SECRET},
    /* secret keys */
    {CKO_SECRET_KEY, CKA_SENSITIVE, R_BOOL | R_MODIFIABLE | R_ONLY_TRUE},
    {CKO_SECRET_KEY, CKA_ENCRYPT, R_BOOL | R_MODIFIABLE},
    {CKO_SECRET_KEY, CKA_DECRYPT, R_BOOL | R_MODIFIABLE},
    {CKO_SECRET_KEY, CKA_SIGN, R_BOOL | R_MODIFIABLE},
    {CKO_SECRET_KEY, CKA_VERIFY, R_BOOL | R_MODIFIABLE},
    {CKO_SECRET_KEY, CKA_WRAP, R_BOOL | R_MODIFIABLE},
    {CKO_SECRET_KEY, CKA_UNWRAP, R_BOOL | R_MODIFIABLE},
    {CKO_SECRET_KEY, CKA_EXTRACTABLE, R_BOOL | R_MODIFIABLE | R_ONLY_FALSE},
    {CKO_SECRET_KEY, CKA_ALWAYS_SENSITIVE, R_BOOL | R_NO_CREATE | R_NO_GENERATE},
    {CKO_SECRET_KEY, CKA_NEVER_EXTRACTABLE, R_BOOL | R_NO_CREATE | R_NO_GENERATE},
    {CKO_SECRET_KEY, CKA_CHECK_VALUE, R_NO_GENERATE},
    {CKO_SECRET_KEY, CKA_WRAP_WITH_TRUSTED, R_BOOL | R_MODIFIABLE | R_ONLY_TRUE},
    {CKO_SECRET_KEY, CKA_TRUSTED, R_BOOL},
    {CKO_SECRET_KEY, CKA_GOST28147_PARAMS, 0},
    {CKO_SECRET_KEY, CKA_VALUE, R_REQ_CREATE | R_NO_GENERATE | R_SENSITIVE | R_SECRET},
    {CKO_SECRET_KEY, CKA_VALUE_LEN, R_ULONG | R_NO_CREATE},
};

/* Defaults filled in when the template leaves them out (token-specific choices:
 * keys are private, sensitive and not extractable unless asked otherwise). */
struct dflt {
    CK_OBJECT_CLASS cls;
    CK_ATTRIBUTE_TYPE type;
    CK_BBOOL value;
};
static const struct dflt defaults[] = {
    {ANY, CKA_TOKEN, CK_FALSE},          {ANY, CKA_MODIFIABLE, CK_TRUE},
    {ANY, CKA_COPYABLE, CK_TRUE},        {ANY, CKA_DESTROYABLE, CK_TRUE},
    {CKO_DATA, CKA_PRIVATE, CK_FALSE},   {CKO_CERTIFICATE, CKA_PRIVATE, CK_FALSE},
    {CKO_CERTIFICATE, CKA_TRUSTED, CK_FALSE},
    {CKO_PUBLIC_KEY, CKA_PRIVATE, CK_FALSE}, {CKO_PRIVATE_KEY, CKA_PRIVATE, CK_TRUE},
    {CKO_SECRET_KEY, CKA_PRIVATE, CK_TRUE},
    {KEY, CKA_DERIVE, CK_FALSE},
    {CKO_PUBLIC_KEY, CKA_ENCRYPT, CK_FALSE}, {CKO_PUBLIC_KEY, CKA_VERIFY, CK_TRUE},
    {CKO_PUBLIC_KEY, CKA_VERIFY_RECOVER, CK_FALSE}, {CKO_PUBLIC_KEY, CKA_WRAP, CK_FALSE},
    {CKO_PUBLIC_KEY, CKA_TRUSTED, CK_FALSE},
    {CKO_PRIVATE_KEY, CKA_SENSITIVE, CK_TRUE}, {CKO_PRIVATE_KEY, CKA_DECRYPT, CK_FALSE},
    {CKO_PRIVATE_KEY, CKA_SIGN, CK_TRUE},      {CKO_PRIVATE_KEY, CKA_SIGN_RECOVER, CK_FALSE},
    {CKO_PRIVATE_KEY, CKA_UNWRAP, CK_FALSE},   {CKO_PRIVATE_KEY, CKA_EXTRACTABLE, CK_FALSE},
    {CKO_PRIVATE_KEY, CKA_WRAP_WITH_TRUSTED, CK_FALSE},
    {CKO_PRIVATE_KEY, CKA_ALWAYS_AUTHENTICATE, CK_FALSE},
    {CKO_SECRET_KEY, CKA_SENSITIVE, CK_TRUE}, {CKO_SECRET_KEY, CKA_ENCRYPT, CK_TRUE},
    {CKO_SECRET_KEY, CKA_DECRYPT, CK_TRUE},   {CKO_SECRET_KEY, CKA_SIGN, CK_TRUE},
    {CKO_SECRET_KEY, CKA_VERIFY, CK_TRUE},    {CKO_SECRET_KEY, CKA_WRAP, CK_FALSE},
    {CKO_SECRET_KEY, CKA_UNWRAP, CK_FALSE},   {CKO_SECRET_KEY, CKA_EXTRACTABLE, CK_FALSE},
    {CKO_SECRET_KEY, CKA_WRAP_WITH_TRUSTED, CK_FALSE}, {CKO_SECRET_KEY, CKA_TRUSTED, CK_FALSE},
};

static bool class_matches(CK_OBJECT_CLASS rule_cls, CK_OBJECT_CLASS cls)
{
    if (rule_cls == ANY)
        return true;
    if (rule_cls == KEY)
        return cls == CKO_PUBLIC_KEY || cls == CKO_PRIVATE_KEY || cls == CKO_SECRET_KEY;
    if (rule_cls == PUBPRIV)
        return cls == CKO_PUBLIC_KEY || cls == CKO_PRIVATE_KEY;
    return rule_cls == cls;
}

static const struct rule *rule_for(CK_OBJECT_CLASS cls, CK_ATTRIBUTE_TYPE type)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].type == type && class_matches(rules[i].cls, cls))
            return &rules[i];
    return NULL;
}

static bool class_known(CK_OBJECT_CLASS c)
{
    return c == CKO_DATA || c == CKO_CERTIFICATE || c == CKO_PUBLIC_KEY ||
           c == CKO_PRIVATE_KEY || c == CKO_SECRET_KEY;
}

static CK_OBJECT_CLASS class_of(const struct p11_attrs *obj, const CK_ATTRIBUTE *t, CK_ULONG n)
{
    for (CK_ULONG i = 0; i < n; i++)
        if (t[i].type == CKA_CLASS && t[i].pValue != NULL && t[i].ulValueLen == sizeof(CK_ULONG)) {
            CK_ULONG c;
            memcpy(&c, t[i].pValue, sizeof c);
            return c;
        }
    return p11_attrs_ulong(obj, CKA_CLASS, CK_UNAVAILABLE_INFORMATION);
}

static CK_RV check_value(const struct rule *r, const CK_ATTRIBUTE *a)
{
    if (a->pValue == NULL && a->ulValueLen != 0)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    if ((r->flags & R_BOOL) && a->ulValueLen != sizeof(CK_BBOOL))
        return CKR_ATTRIBUTE_VALUE_INVALID;
    if ((r->flags & R_ULONG) && a->ulValueLen != sizeof(CK_ULONG))
        return CKR_ATTRIBUTE_VALUE_INVALID;
    return CKR_OK;
}

/* SetAttributeValue / CopyObject: may this attribute take this value now? */
static CK_RV check_change(const struct p11_attrs *obj, const struct rule *r, const CK_ATTRIBUTE *a,
                          enum p11_attr_use use)
{
    const struct p11_attr *cur = p11_attrs_get(obj, a->type);
    bool same = cur != NULL && cur->len == a->ulValueLen &&
                (cur->len == 0 || memcmp(cur->val, a->pValue, cur->len) == 0);
    if (same)
        return CKR_OK;
    if (!(r->flags & R_MODIFIABLE) && !(use == P11_USE_COPY && (r->flags & R_COPY_ONLY)))
        return CKR_ATTRIBUTE_READ_ONLY;
    if (r->flags & (R_ONLY_TRUE | R_ONLY_FALSE)) {
        bool v = ((const CK_BBOOL *)a->pValue)[0] != CK_FALSE;
        if ((r->flags & R_ONLY_TRUE) && !v)
            return CKR_ATTRIBUTE_READ_ONLY;
        if ((r->flags & R_ONLY_FALSE) && v)
            return CKR_ATTRIBUTE_READ_ONLY;
    }
    return CKR_OK;
}

CK_RV p11_rules_apply(struct p11_attrs *obj, const CK_ATTRIBUTE *t, CK_ULONG n,
                      enum p11_attr_use use)
{
    CK_OBJECT_CLASS cls = class_of(obj, t, n);
    bool fresh = use == P11_USE_CREATE || use == P11_USE_GENERATE;
    CK_RV rv;

    if (cls == CK_UNAVAILABLE_INFORMATION)
        return CKR_TEMPLATE_INCOMPLETE;
    if (!class_known(cls))
        return CKR_ATTRIBUTE_VALUE_INVALID;
    /* Pass 1: every attribute must be known, well formed and allowed now;
     * nothing is changed until all of them are. */
    for (CK_ULONG i = 0; i < n; i++) {
        const struct rule *r = rule_for(cls, t[i].type);
        if (r == NULL)
            return CKR_ATTRIBUTE_TYPE_INVALID;
        if ((rv = check_value(r, &t[i])) != CKR_OK)
            return rv;
        for (CK_ULONG j = 0; j < i; j++) /* a type given twice with two values */
            if (t[j].type == t[i].type &&
                (t[j].ulValueLen != t[i].ulValueLen ||
                 (t[i].ulValueLen && memcmp(t[j].pValue, t[i].pValue, t[i].ulValueLen))))
                return CKR_TEMPLATE_INCONSISTENT;
        if (use == P11_USE_CREATE && (r->flags & R_NO_CREATE))
            return CKR_ATTRIBUTE_READ_ONLY;
        if (use == P11_USE_GENERATE && (r->flags & R_NO_GENERATE))
            return CKR_TEMPLATE_INCONSISTENT;
        if (fresh) {
            /* A value the mechanism already fixed (class, key type) must agree. */
            const struct p11_attr *cur = p11_attrs_get(obj, t[i].type);
            if (cur != NULL && (cur->len != t[i].ulValueLen ||
                                (cur->len && memcmp(cur->val, t[i].pValue, cur->len))))
                return CKR_TEMPLATE_INCONSISTENT;
        } else if ((rv = check_change(obj, r, &t[i], use)) != CKR_OK) {
            return rv;
        }
    }
    if (use == P11_USE_CREATE)
        for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
            CK_ULONG j;
            if (!(rules[i].flags & R_REQ_CREATE) || !class_matches(rules[i].cls, cls))
                continue;
            for (j = 0; j < n && t[j].type != rules[i].type; j++)
                ;
            if (j == n && p11_attrs_get(obj, rules[i].type) == NULL)
                return CKR_TEMPLATE_INCOMPLETE;
        }
    /* Pass 2: apply. */
    for (CK_ULONG i = 0; i < n; i++)
        if ((rv = p11_attrs_set(obj, t[i].type, t[i].pValue, t[i].ulValueLen)) != CKR_OK)
            return rv;
    if (fresh)
        for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
            if (class_matches(defaults[i].cls, cls) && !p11_attrs_get(obj, defaults[i].type))
                if ((rv = p11_attrs_set_bool(obj, defaults[i].type, defaults[i].value)) != CKR_OK)
                    return rv;
    if (fresh && !p11_attrs_get(obj, CKA_LABEL))
        if ((rv = p11_attrs_set(obj, CKA_LABEL, NULL, 0)) != CKR_OK)
            return rv;
    return CKR_OK;
}

CK_RV p11_rules_finish_key(struct p11_attrs *obj, bool local, CK_MECHANISM_TYPE mech)
{
    CK_OBJECT_CLASS cls = p11_attrs_ulong(obj, CKA_CLASS, CKO_DATA);
    CK_RV rv;
    if (cls != CKO_PUBLIC_KEY && cls != CKO_PRIVATE_KEY && cls != CKO_SECRET_KEY)
        return CKR_OK;
    if ((rv = p11_attrs_set_bool(obj, CKA_LOCAL, local)) != CKR_OK)
        return rv;
    if ((rv = p11_attrs_set_ulong(obj, CKA_KEY_GEN_MECHANISM,
                                  local ? mech : CK_UNAVAILABLE_INFORMATION)) != CKR_OK)
        return rv;
    if (cls == CKO_PUBLIC_KEY)
        return CKR_OK;
    /* v2.40 s.4.9: ALWAYS_SENSITIVE / NEVER_EXTRACTABLE hold only for keys made on the token
     * that were never outside it (created keys came from outside: both FALSE). */
    if ((rv = p11_attrs_set_bool(obj, CKA_ALWAYS_SENSITIVE,
                                 local && p11_attrs_bool(obj, CKA_SENSITIVE, false))) != CKR_OK)
        return rv;
    return p11_attrs_set_bool(obj, CKA_NEVER_EXTRACTABLE,
                              local && !p11_attrs_bool(obj, CKA_EXTRACTABLE, true));
}

bool p11_rules_is_known(const struct p11_attrs *obj, CK_ATTRIBUTE_TYPE type)
{
    return rule_for(p11_attrs_ulong(obj, CKA_CLASS, CKO_DATA), type) != NULL;
}

bool p11_rules_is_sensitive(const struct p11_attrs *obj, CK_ATTRIBUTE_TYPE type)
{
    const struct rule *r = rule_for(p11_attrs_ulong(obj, CKA_CLASS, CKO_DATA), type);
    if (r == NULL || !(r->flags & R_SENSITIVE))
        return false;
    return p11_attrs_bool(obj, CKA_SENSITIVE, true) || !p11_attrs_bool(obj, CKA_EXTRACTABLE, false);
}

bool p11_rules_is_secret(const struct p11_attrs *obj, CK_ATTRIBUTE_TYPE type)
{
    const struct rule *r = rule_for(p11_attrs_ulong(obj, CKA_CLASS, CKO_DATA), type);
    return r != NULL && (r->flags & R_SECRET);
}
