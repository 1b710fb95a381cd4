/* Attribute lists: an object's attributes as owned copies (wiped on free). */
#include <stdlib.h>
#include <string.h>

#include "gost/util.h"
#include "p11.h"

static struct p11_attr *find(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].type == type)
            return &a->v[i];
    return NULL;
}

static void wipe_free(uint8_t *p, CK_ULONG len)
{
    if (p != NULL) {
        gost_wipe(p, len);
        free(p);
    }
}

CK_RV p11_attrs_set(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, const void *val, CK_ULONG len)
{
    struct p11_attr *at = find(a, type);
    uint8_t *copy = NULL;
    if (len > (1UL << 24))
        return CKR_ATTRIBUTE_VALUE_INVALID; /* far beyond any object this token keeps */
    if (len != 0) {
        if (val == NULL)
            return CKR_ATTRIBUTE_VALUE_INVALID;
        copy = malloc(len);
        if (copy == NULL)
            return CKR_HOST_MEMORY;
        memcpy(copy, val, len);
    }
    if (at == NULL) {
        if (a->n == a->cap) {
            size_t cap = a->cap ? 2 * a->cap : 16;
            struct p11_attr *v = realloc(a->v, cap * sizeof *v);
            if (v == NULL) {
                wipe_free(copy, len);
                return CKR_HOST_MEMORY;
            }
            a->v = v;
            a->cap = cap;
        }
        at = &a->v[a->n++];
        at->type = type;
    } else {
        wipe_free(at->val, at->len);
    }
    at->val = copy;
    at->len = len;
    return CKR_OK;
}

CK_RV p11_attrs_set_bool(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, bool v)
{
    CK_BBOOL b = v ? CK_TRUE : CK_FALSE;
    return p11_attrs_set(a, type, &b, sizeof b);
}

CK_RV p11_attrs_set_ulong(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, CK_ULONG v)
{
    return p11_attrs_set(a, type, &v, sizeof v);
}

const struct p11_attr *p11_attrs_get(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type)
{
    return find(a, type);
}

bool p11_attrs_bool(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, bool dflt)
{
    const struct p11_attr *at = find(a, type);
    if (at == NULL || at->len != sizeof(CK_BBOOL))
        return dflt;
    return at->val[0] != CK_FALSE;
}

CK_ULONG p11_attrs_ulong(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, CK_ULONG dflt)
{
    const struct p11_attr *at = find(a, type);
    CK_ULONG v;
    if (at == NULL || at->len != sizeof(CK_ULONG))
        return dflt;
    memcpy(&v, at->val, sizeof v);
    return v;
}

void p11_attrs_remove(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type)
{
    struct p11_attr *at = find(a, type);
    if (at == NULL)
        return;
    wipe_free(at->val, at->len);
    *at = a->v[--a->n];
}

CK_RV p11_attrs_copy(struct p11_attrs *dst, const struct p11_attrs *src)
{
    for (size_t i = 0; i < src->n; i++) {
        CK_RV rv = p11_attrs_set(dst, src->v[i].type, src->v[i].val, src->v[i].len);
        if (rv != CKR_OK)
            return rv;
    }
    return CKR_OK;
}

void p11_attrs_free(struct p11_attrs *a)
{
    for (size_t i = 0; i < a->n; i++)
        wipe_free(a->v[i].val, a->v[i].len);
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

bool p11_attrs_match(const struct p11_attrs *a, const CK_ATTRIBUTE *tmpl, CK_ULONG n)
{
    for (CK_ULONG i = 0; i < n; i++) {
        const struct p11_attr *at = find(a, tmpl[i].type);
        if (at == NULL || at->len != tmpl[i].ulValueLen)
            return false;
        if (at->len != 0 && (tmpl[i].pValue == NULL || memcmp(at->val, tmpl[i].pValue, at->len)))
            return false;
    }
    return true;
}
