/* The object manager of the local back end: handles, session and token
 * objects, visibility (private objects only after a user login), the
 * object-level PKCS#11 functions, and the split of each token object into a
 * plain part and a sealed part for the store. */
#include <stdlib.h>
#include <string.h>

#include "gost/gost3410.h"
#include "gost/rand.h"
#include "gost/util.h"
#include "p11_local.h"

#if defined(__has_include)
#if __has_include("gost/asn1_cert.h")
#include "gost/asn1_cert.h"
#define P11_HAVE_CERT_PARSE 1
#endif
#endif

/* ---- handles and visibility ---------------------------------------------- */
static struct p11_object *by_handle(CK_OBJECT_HANDLE h)
{
    for (struct p11_object *o = p11_g.objects; o; o = o->next)
        if (o->handle == h)
            return o;
    return NULL;
}

static bool visible(const struct p11_session *s, const struct p11_object *o)
{
    if (o->slot != s->slot)
        return false;
    if (p11_attrs_bool(&o->attrs, CKA_PRIVATE, true) && s->slot->tok.login != CKU_USER)
        return false;
    return true;
}

struct p11_object *p11_object_visible(struct p11_session *s, CK_OBJECT_HANDLE h)
{
    struct p11_object *o;
    if (p11_token_sync(s->slot) != CKR_OK)
        return NULL;
    o = by_handle(h);
    return o != NULL && visible(s, o) ? o : NULL;
}

static void object_free(struct p11_object *o)
{
    p11_attrs_free(&o->attrs);
    free(o);
}

static void unlink_where(bool (*pred)(const struct p11_object *, const void *), const void *arg)
{
    struct p11_object **link = &p11_g.objects;
    while (*link) {
        struct p11_object *o = *link;
        if (pred(o, arg)) {
            *link = o->next;
            object_free(o);
        } else {
            link = &o->next;
        }
    }
}

static bool owned_by(const struct p11_object *o, const void *arg)
{
    return o->owner != 0 && o->owner == *(const CK_SESSION_HANDLE *)arg;
}

void p11_object_destroy_session(CK_SESSION_HANDLE owner)
{
    unlink_where(owned_by, &owner);
}

struct drop_arg {
    const struct p11_slot *slot;
    bool token_only;
};
static bool in_slot(const struct p11_object *o, const void *arg)
{
    const struct drop_arg *d = arg;
    return o->slot == d->slot && (!d->token_only || o->owner == 0);
}

void p11_objects_drop_slot(struct p11_slot *slot, bool token_only)
{
    struct drop_arg d = {slot, token_only};
    unlink_where(in_slot, &d);
}

/* ---- the store: plain and sealed parts ------------------------------------- */
static void seal_ad(uint8_t ad[12], uint64_t id)
{
    memcpy(ad, "P11O", 4);
    for (int i = 0; i < 8; i++)
        ad[4 + i] = (uint8_t)(id >> (8 * i));
}

/* Private objects keep only what decides visibility in the clear; public ones
 * seal their secret attributes (a non-private secret key's CKA_VALUE). */
static bool goes_plain(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type)
{
    if (p11_attrs_bool(a, CKA_PRIVATE, true))
        return type == CKA_CLASS || type == CKA_TOKEN || type == CKA_PRIVATE;
    return !p11_rules_is_secret(a, type);
}

static CK_RV to_stored(const struct p11_token *t, const struct p11_object *o,
                       struct p11_stored_object *so)
{
    struct p11_attrs secret = {0};
    uint8_t *enc = NULL, ad[12];
    size_t enc_len = 0;
    CK_RV rv = CKR_OK;
    memset(so, 0, sizeof *so);
    so->id = o->store_id;
    for (size_t i = 0; i < o->attrs.n && rv == CKR_OK; i++) {
        const struct p11_attr *at = &o->attrs.v[i];
        rv = p11_attrs_set(goes_plain(&o->attrs, at->type) ? &so->plain : &secret, at->type,
                           at->val, at->len);
    }
    if (rv == CKR_OK && secret.n != 0) {
        if (!t->have_key)
            rv = CKR_USER_NOT_LOGGED_IN;
        else
            rv = p11_codec_attrs_encode(&secret, &enc, &enc_len);
        if (rv == CKR_OK) {
            so->sealed = malloc(enc_len + P11_SEAL_OVERHEAD);
            so->sealed_len = enc_len + P11_SEAL_OVERHEAD;
            seal_ad(ad, o->store_id);
            rv = so->sealed ? p11_seal(t->key, ad, sizeof ad, enc, enc_len, so->sealed)
                            : CKR_HOST_MEMORY;
        }
    }
    if (enc != NULL) {
        gost_wipe(enc, enc_len);
        free(enc);
    }
    p11_attrs_free(&secret);
    if (rv != CKR_OK)
        p11_store_free_object(so);
    return rv;
}

/* Writes (o != NULL) or deletes (id) a token object under the store's lock and
 * bumps the generation; keeps this process's view current when nobody else
 * wrote in between. */
static CK_RV commit(struct p11_slot *slot, const struct p11_object *o, uint64_t delete_id)
{
    struct p11_token *t = &slot->tok;
    struct p11_stored_object so;
    uint64_t gen0 = 0;
    CK_RV rv;
    int fd;
    if (o != NULL && (rv = to_stored(t, o, &so)) != CKR_OK)
        return rv;
    fd = p11_file_lock(t->dir, true);
    if (fd < 0) {
        rv = CKR_DEVICE_ERROR;
    } else {
        rv = p11_store_read_meta(t->dir, &t->meta, &gen0);
        if (rv == CKR_OK)
            rv = o != NULL ? p11_store_write_object(t->dir, &so)
                           : p11_store_delete_object(t->dir, delete_id);
        if (rv == CKR_OK)
            rv = p11_store_write_meta(t->dir, &t->meta, true);
        if (rv == CKR_OK && t->gen == gen0) {
            t->gen = gen0 + 1;
            p11_token_remember_meta(t);
        }
        p11_file_unlock(fd);
    }
    if (o != NULL)
        p11_store_free_object(&so);
    return rv;
}

static struct p11_object *token_object(const struct p11_slot *slot, uint64_t id)
{
    for (struct p11_object *o = p11_g.objects; o; o = o->next)
        if (o->owner == 0 && o->slot == slot && o->store_id == id)
            return o;
    return NULL;
}

CK_RV p11_objects_reload(struct p11_slot *slot)
{
    struct p11_token *t = &slot->tok;
    struct p11_stored_object *v;
    size_t n;
    CK_RV rv = p11_store_read_objects(t->dir, &v, &n);
    if (rv != CKR_OK)
        return rv;
    /* Mark every token object of the slot stale; those found again survive. */
    for (struct p11_object *o = p11_g.objects; o; o = o->next)
        if (o->owner == 0 && o->slot == slot)
            o->sealed_missing = true, o->owner = (CK_SESSION_HANDLE)-1;
    for (size_t i = 0; i < n; i++) {
        struct p11_object *o = token_object(slot, v[i].id);
        struct p11_attrs attrs = v[i].plain;
        bool missing = false;
        memset(&v[i].plain, 0, sizeof v[i].plain);
        if (v[i].sealed_len > P11_SEAL_OVERHEAD && t->have_key) {
            size_t len = v[i].sealed_len - P11_SEAL_OVERHEAD;
            uint8_t *dec = malloc(len), ad[12];
            seal_ad(ad, v[i].id);
            if (dec != NULL && p11_unseal(t->key, ad, sizeof ad, v[i].sealed, v[i].sealed_len,
                                          dec) == CKR_OK) {
                if (p11_codec_attrs_decode(dec, len, &attrs) != CKR_OK)
                    missing = true;
            } else {
                missing = true;
            }
            if (dec != NULL) {
                gost_wipe(dec, len);
                free(dec);
            }
        } else if (v[i].sealed_len != 0) {
            missing = true;
        }
        if (o == NULL) {
            for (struct p11_object *s = p11_g.objects; s; s = s->next)
                if (s->owner == (CK_SESSION_HANDLE)-1 && s->slot == slot && s->store_id == v[i].id)
                    o = s;
        }
        if (o == NULL) {
            o = calloc(1, sizeof *o);
            if (o == NULL) {
                p11_attrs_free(&attrs);
                continue;
            }
            o->handle = p11_g.next_object++;
            o->slot = slot;
            o->store_id = v[i].id;
            o->next = p11_g.objects;
            p11_g.objects = o;
        } else {
            p11_attrs_free(&o->attrs);
        }
        o->attrs = attrs;
        o->owner = 0;
        o->sealed_missing = missing;
        p11_store_free_object(&v[i]);
    }
    free(v);
    {
        CK_SESSION_HANDLE stale = (CK_SESSION_HANDLE)-1;
        unlink_where(owned_by, &stale); /* objects another process destroyed */
    }
    return CKR_OK;
}

/* ---- creation ---------------------------------------------------------------- */
static const CK_ATTRIBUTE_TYPE empty_defaults[] = {CKA_ID, CKA_SUBJECT, CKA_START_DATE,
                                                   CKA_END_DATE, CKA_ISSUER, CKA_SERIAL_NUMBER,
                                                   CKA_APPLICATION, CKA_OBJECT_ID, CKA_VALUE};

/* An X.509 certificate created without CKA_SUBJECT, CKA_ISSUER or
 * CKA_SERIAL_NUMBER gets them from its CKA_VALUE (v2.40 s.4.6.3 lets the token
 * fill them); a certificate libgost cannot parse keeps them empty. */
static CK_RV fill_cert_fields(struct p11_attrs *a)
{
#ifdef P11_HAVE_CERT_PARSE
    const struct p11_attr *v = p11_attrs_get(a, CKA_VALUE);
    gost_asn1_cert cert;
    CK_RV rv = CKR_OK;
    if (v == NULL || v->len == 0 || gost_asn1_cert_parse(v->val, v->len, &cert) != 0)
        return CKR_OK;
    if (!p11_attrs_get(a, CKA_SUBJECT))
        rv = p11_attrs_set(a, CKA_SUBJECT, cert.subject, cert.subject_len);
    if (rv == CKR_OK && !p11_attrs_get(a, CKA_ISSUER))
        rv = p11_attrs_set(a, CKA_ISSUER, cert.issuer, cert.issuer_len);
    if (rv == CKR_OK && !p11_attrs_get(a, CKA_SERIAL_NUMBER))
        rv = p11_attrs_set(a, CKA_SERIAL_NUMBER, cert.serial, cert.serial_len);
    return rv;
#else
    (void)a;
    return CKR_OK;
#endif
}

static CK_RV fill_empty_defaults(struct p11_attrs *a)
{
    if (p11_attrs_ulong(a, CKA_CLASS, 0) == CKO_CERTIFICATE) {
        CK_RV rv = fill_cert_fields(a);
        if (rv != CKR_OK)
            return rv;
    }
    for (size_t i = 0; i < sizeof empty_defaults / sizeof empty_defaults[0]; i++) {
        CK_ATTRIBUTE_TYPE ty = empty_defaults[i];
        CK_RV rv;
        if (p11_attrs_get(a, ty) || !p11_rules_is_known(a, ty))
            continue;
        if (ty == CKA_VALUE && p11_attrs_ulong(a, CKA_CLASS, 0) != CKO_DATA)
            continue;
        if ((rv = p11_attrs_set(a, ty, NULL, 0)) != CKR_OK)
            return rv;
    }
    if (p11_attrs_ulong(a, CKA_CLASS, 0) == CKO_CERTIFICATE) {
        CK_RV rv = CKR_OK;
        if (!p11_attrs_get(a, CKA_CERTIFICATE_CATEGORY))
            rv = p11_attrs_set_ulong(a, CKA_CERTIFICATE_CATEGORY, 0);
        if (rv == CKR_OK && !p11_attrs_get(a, CKA_JAVA_MIDP_SECURITY_DOMAIN))
            rv = p11_attrs_set_ulong(a, CKA_JAVA_MIDP_SECURITY_DOMAIN, 0);
        return rv;
    }
    return CKR_OK;
}

/* Checks a key's values and key type against each other; normalises a public
 * key given as a DER OCTET STRING to X||Y. */
CK_RV p11_object_validate_key(struct p11_attrs *a)
{
    CK_OBJECT_CLASS cls = p11_attrs_ulong(a, CKA_CLASS, CKO_DATA);
    CK_KEY_TYPE kt = p11_attrs_ulong(a, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION);
    const struct p11_attr *v;
    CK_RV rv = fill_empty_defaults(a); /* first: it may move the attribute array */
    if (rv != CKR_OK)
        return rv;
    v = p11_attrs_get(a, CKA_VALUE);
    if (cls == CKO_CERTIFICATE && p11_attrs_ulong(a, CKA_CERTIFICATE_TYPE, 0) != CKC_X_509)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    if (cls == CKO_PUBLIC_KEY || cls == CKO_PRIVATE_KEY) {
        const struct p11_attr *p = p11_attrs_get(a, CKA_GOSTR3410_PARAMS);
        int curve;
        size_t n;
        if (kt != CKK_GOSTR3410 && kt != CKK_GOSTR3410_512)
            return CKR_ATTRIBUTE_VALUE_INVALID;
        if (p == NULL)
            return CKR_TEMPLATE_INCOMPLETE;
        if ((rv = p11_curve_from_der(p->val, p->len, &curve)) != CKR_OK)
            return rv;
        n = gost_curve_size((enum gost_curve)curve);
        if ((kt == CKK_GOSTR3410_512) != (n == 64))
            return CKR_TEMPLATE_INCONSISTENT;
        if (v == NULL)
            return CKR_TEMPLATE_INCOMPLETE;
        if (cls == CKO_PRIVATE_KEY) {
            if (v->len != n || gost_3410_check_private_key((enum gost_curve)curve, v->val) != 0)
                return CKR_ATTRIBUTE_VALUE_INVALID;
        } else {
            uint8_t q[2 * GOST_3410_MAX_SIZE];
            if ((rv = p11_pubkey_decode(v->val, v->len, n, q)) != CKR_OK)
                return rv;
            if (gost_3410_check_public_key((enum gost_curve)curve, q) != 0)
                return CKR_ATTRIBUTE_VALUE_INVALID;
            return p11_attrs_set(a, CKA_VALUE, q, 2 * n);
        }
    } else if (cls == CKO_SECRET_KEY) {
        bool twin = kt == CKK_KUZNYECHIK_TWIN_KEY || kt == CKK_MAGMA_TWIN_KEY;
        if (kt != CKK_GENERIC_SECRET && kt != CKK_KUZNYECHIK && kt != CKK_MAGMA &&
            kt != CKK_GOST28147 && !twin)
            return CKR_ATTRIBUTE_VALUE_INVALID;
        if (v == NULL)
            return CKR_TEMPLATE_INCOMPLETE;
        if (v->len == 0 || (kt != CKK_GENERIC_SECRET && v->len != (twin ? 64u : 32u)))
            return CKR_ATTRIBUTE_VALUE_INVALID;
        return p11_attrs_set_ulong(a, CKA_VALUE_LEN, v->len);
    }
    return CKR_OK;
}

CK_RV p11_object_may_create(struct p11_session *s, const struct p11_attrs *a)
{
    bool token = p11_attrs_bool(a, CKA_TOKEN, false);
    bool priv = p11_attrs_bool(a, CKA_PRIVATE, true);
    if (token && !p11_session_rw(s))
        return CKR_SESSION_READ_ONLY;
    if (priv && s->slot->tok.login != CKU_USER)
        return CKR_USER_NOT_LOGGED_IN;
    if (token) {
        bool secret = priv;
        for (size_t i = 0; i < a->n; i++)
            secret |= p11_rules_is_secret(a, a->v[i].type);
        if (secret && !p11_seal_available())
            return CKR_DEVICE_ERROR;
        if (secret && !s->slot->tok.have_key)
            return CKR_USER_NOT_LOGGED_IN;
    }
    return CKR_OK;
}

CK_RV p11_object_add(struct p11_session *s, struct p11_attrs *attrs, CK_OBJECT_HANDLE *h)
{
    struct p11_object *o;
    CK_RV rv = p11_object_may_create(s, attrs);
    if (rv != CKR_OK)
        return rv;
    o = calloc(1, sizeof *o);
    if (o == NULL)
        return CKR_HOST_MEMORY;
    o->slot = s->slot;
    o->attrs = *attrs;
    if (p11_attrs_bool(attrs, CKA_TOKEN, false)) {
        if (gost_random_bytes(&o->store_id, sizeof o->store_id) != 0) {
            free(o);
            return CKR_DEVICE_ERROR;
        }
        if ((rv = p11_token_sync(s->slot)) != CKR_OK || (rv = commit(s->slot, o, 0)) != CKR_OK) {
            free(o);
            return rv;
        }
    } else {
        o->owner = s->handle;
    }
    memset(attrs, 0, sizeof *attrs); /* ownership moved into o */
    o->handle = p11_g.next_object++;
    o->next = p11_g.objects;
    p11_g.objects = o;
    *h = o->handle;
    return CKR_OK;
}

CK_RV p11_l_create_object(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                          CK_OBJECT_HANDLE_PTR out)
{
    struct p11_session *s;
    struct p11_attrs a = {0};
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    rv = p11_rules_apply(&a, t, n, P11_USE_CREATE);
    if (rv == CKR_OK)
        rv = p11_object_validate_key(&a);
    if (rv == CKR_OK)
        rv = p11_rules_finish_key(&a, false, CK_UNAVAILABLE_INFORMATION);
    if (rv == CKR_OK)
        rv = p11_object_add(s, &a, out);
    p11_attrs_free(&a);
    return rv;
}

/* An object the session may change: R/W for token objects, user login for
 * private ones (visible() already hid those from everybody else). */
static CK_RV writable(struct p11_session *s, const struct p11_object *o)
{
    if (o->owner == 0 && !p11_session_rw(s))
        return CKR_SESSION_READ_ONLY;
    return CKR_OK;
}

CK_RV p11_l_copy_object(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE oh, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                        CK_OBJECT_HANDLE_PTR out)
{
    struct p11_session *s;
    struct p11_object *o;
    struct p11_attrs a = {0};
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if ((o = p11_object_visible(s, oh)) == NULL)
        return CKR_OBJECT_HANDLE_INVALID;
    if (!p11_attrs_bool(&o->attrs, CKA_COPYABLE, true))
        return CKR_ACTION_PROHIBITED;
    if (o->sealed_missing)
        return CKR_USER_NOT_LOGGED_IN;
    rv = p11_attrs_copy(&a, &o->attrs);
    /* v2.40 s.4.4: MODIFIABLE may go TRUE -> FALSE in a copy, never back. */
    for (CK_ULONG i = 0; rv == CKR_OK && i < n; i++)
        if (t[i].type == CKA_MODIFIABLE && t[i].pValue != NULL && t[i].ulValueLen == 1 &&
            *(CK_BBOOL *)t[i].pValue && !p11_attrs_bool(&o->attrs, CKA_MODIFIABLE, true))
            rv = CKR_ATTRIBUTE_READ_ONLY;
    if (rv == CKR_OK)
        rv = p11_rules_apply(&a, t, n, P11_USE_COPY);
    if (rv == CKR_OK)
        rv = p11_object_add(s, &a, out);
    p11_attrs_free(&a);
    return rv;
}

CK_RV p11_l_destroy_object(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE oh)
{
    struct p11_session *s;
    struct p11_object *o;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if ((o = p11_object_visible(s, oh)) == NULL)
        return CKR_OBJECT_HANDLE_INVALID;
    if ((rv = writable(s, o)) != CKR_OK)
        return rv;
    if (!p11_attrs_bool(&o->attrs, CKA_DESTROYABLE, true))
        return CKR_ACTION_PROHIBITED;
    if (o->owner == 0 && (rv = commit(s->slot, NULL, o->store_id)) != CKR_OK)
        return rv;
    for (struct p11_object **link = &p11_g.objects; *link; link = &(*link)->next)
        if (*link == o) {
            *link = o->next;
            break;
        }
    object_free(o);
    return CKR_OK;
}

CK_RV p11_l_get_object_size(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE oh, CK_ULONG_PTR size)
{
    struct p11_session *s;
    struct p11_object *o;
    CK_ULONG total = 0;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if ((o = p11_object_visible(s, oh)) == NULL)
        return CKR_OBJECT_HANDLE_INVALID;
    for (size_t i = 0; i < o->attrs.n; i++)
        total += o->attrs.v[i].len + sizeof(CK_ATTRIBUTE);
    *size = total;
    return CKR_OK;
}

/* v2.40 s.5.7 C_GetAttributeValue: each attribute in turn, the others still
 * filled when one fails; the call returns one of the failures. */
CK_RV p11_l_get_attribute_value(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE oh, CK_ATTRIBUTE_PTR t,
                                CK_ULONG n)
{
    struct p11_session *s;
    struct p11_object *o;
    CK_RV rv = p11_session_get(h, &s), result = CKR_OK;
    if (rv != CKR_OK)
        return rv;
    if ((o = p11_object_visible(s, oh)) == NULL)
        return CKR_OBJECT_HANDLE_INVALID;
    for (CK_ULONG i = 0; i < n; i++) {
        const struct p11_attr *at = p11_attrs_get(&o->attrs, t[i].type);
        CK_RV one = CKR_OK;
        if (p11_rules_is_sensitive(&o->attrs, t[i].type) ||
            (at == NULL && o->sealed_missing && p11_rules_is_secret(&o->attrs, t[i].type)))
            one = CKR_ATTRIBUTE_SENSITIVE;
        else if (at == NULL)
            one = CKR_ATTRIBUTE_TYPE_INVALID;
        else if (t[i].pValue == NULL)
            t[i].ulValueLen = at->len;
        else if (t[i].ulValueLen >= at->len) {
            if (at->len)
                memcpy(t[i].pValue, at->val, at->len);
            t[i].ulValueLen = at->len;
        } else
            one = CKR_BUFFER_TOO_SMALL;
        if (one != CKR_OK) {
            t[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
            if (result == CKR_OK)
                result = one;
        }
    }
    return result;
}

CK_RV p11_l_set_attribute_value(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE oh, CK_ATTRIBUTE_PTR t,
                                CK_ULONG n)
{
    struct p11_session *s;
    struct p11_object *o;
    struct p11_attrs a = {0};
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if ((o = p11_object_visible(s, oh)) == NULL)
        return CKR_OBJECT_HANDLE_INVALID;
    if ((rv = writable(s, o)) != CKR_OK)
        return rv;
    if (!p11_attrs_bool(&o->attrs, CKA_MODIFIABLE, true))
        return CKR_ACTION_PROHIBITED;
    if (o->sealed_missing)
        return CKR_USER_NOT_LOGGED_IN;
    rv = p11_attrs_copy(&a, &o->attrs);
    if (rv == CKR_OK)
        rv = p11_rules_apply(&a, t, n, P11_USE_SET);
    if (rv == CKR_OK && o->owner == 0) {
        struct p11_attrs old = o->attrs;
        o->attrs = a;
        rv = commit(s->slot, o, 0);
        o->attrs = old;
    }
    if (rv == CKR_OK) {
        struct p11_attrs old = o->attrs;
        o->attrs = a;
        a = old;
    }
    p11_attrs_free(&a);
    return rv;
}

/* ---- search ------------------------------------------------------------------ */
static bool matches(const struct p11_object *o, const CK_ATTRIBUTE *t, CK_ULONG n)
{
    for (CK_ULONG i = 0; i < n; i++)
        if (p11_rules_is_sensitive(&o->attrs, t[i].type))
            return false; /* never an oracle for a hidden value */
    return p11_attrs_match(&o->attrs, t, n);
}

CK_RV p11_l_find_objects_init(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n)
{
    struct p11_session *s;
    CK_ULONG count = 0, k = 0;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if (s->finding)
        return CKR_OPERATION_ACTIVE;
    if ((rv = p11_token_sync(s->slot)) != CKR_OK)
        return rv;
    for (struct p11_object *o = p11_g.objects; o; o = o->next)
        count += visible(s, o);
    free(s->found);
    s->found = calloc(count ? count : 1, sizeof *s->found);
    if (s->found == NULL)
        return CKR_HOST_MEMORY;
    for (struct p11_object *o = p11_g.objects; o; o = o->next)
        if (visible(s, o) && matches(o, t, n))
            s->found[k++] = o->handle;
    /* handles ascending: creation order, stable for the caller */
    for (CK_ULONG i = 1; i < k; i++)
        for (CK_ULONG j = i; j > 0 && s->found[j - 1] > s->found[j]; j--) {
            CK_OBJECT_HANDLE x = s->found[j];
            s->found[j] = s->found[j - 1];
            s->found[j - 1] = x;
        }
    s->nfound = k;
    s->pos = 0;
    s->finding = true;
    return CKR_OK;
}

CK_RV p11_l_find_objects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR out, CK_ULONG max,
                         CK_ULONG_PTR count)
{
    struct p11_session *s;
    CK_ULONG k = 0;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if (!s->finding)
        return CKR_OPERATION_NOT_INITIALIZED;
    while (k < max && s->pos < s->nfound)
        out[k++] = s->found[s->pos++];
    *count = k;
    return CKR_OK;
}

CK_RV p11_l_find_objects_final(CK_SESSION_HANDLE h)
{
    struct p11_session *s;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if (!s->finding)
        return CKR_OPERATION_NOT_INITIALIZED;
    free(s->found);
    s->found = NULL;
    s->nfound = s->pos = 0;
    s->finding = false;
    return CKR_OK;
}
