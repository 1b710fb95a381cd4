/* -e enumerate objects, -d dump their attributes, -r remove them, -f write
 * the certificates to DER files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p11conf.h"

#define MAX_OBJECTS 4096

/* The value of one attribute (malloc'd, *len bytes), or NULL when the
 * object has none, it is sensitive, or the call fails. */
static unsigned char *get_attr(p11c *c, CK_OBJECT_HANDLE h, CK_ATTRIBUTE_TYPE t, CK_ULONG *len)
{
    CK_ATTRIBUTE a = {t, NULL, 0};
    if (c->f->C_GetAttributeValue(c->session, h, &a, 1) != CKR_OK ||
        a.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return NULL;
    a.pValue = malloc(a.ulValueLen + 1);
    if (a.pValue == NULL)
        return NULL;
    if (c->f->C_GetAttributeValue(c->session, h, &a, 1) != CKR_OK) {
        free(a.pValue);
        return NULL;
    }
    *len = a.ulValueLen;
    return a.pValue;
}

static CK_ULONG get_ulong(p11c *c, CK_OBJECT_HANDLE h, CK_ATTRIBUTE_TYPE t, CK_ULONG dflt)
{
    CK_ULONG v = dflt;
    CK_ATTRIBUTE a = {t, &v, sizeof v};
    if (c->f->C_GetAttributeValue(c->session, h, &a, 1) != CKR_OK)
        return dflt;
    return v;
}

static void print_value(CK_ATTRIBUTE_TYPE t, const unsigned char *v, CK_ULONG len)
{
    switch (p11c_attr_kind(t)) {
    case P11C_BOOL:
        printf("%s", len == 1 && v[0] ? "true" : "false");
        return;
    case P11C_ULONG:
        if (len == sizeof(CK_ULONG)) {
            CK_ULONG u;
            memcpy(&u, v, sizeof u);
            if (t == CKA_CLASS)
                printf("%s", p11c_class_name(u));
            else if (t == CKA_KEY_TYPE)
                printf("%s", p11c_key_type_name(u));
            else if (t == CKA_KEY_GEN_MECHANISM && p11c_mech_name(u) != NULL)
                printf("%s", p11c_mech_name(u));
            else
                printf("%lu (0x%lx)", (unsigned long)u, (unsigned long)u);
            return;
        }
        break;
    case P11C_STRING:
        printf("\"%.*s\"", (int)len, (const char *)v);
        return;
    case P11C_DATE:
        if (len == 8) {
            printf("%.4s-%.2s-%.2s", (const char *)v, (const char *)v + 4, (const char *)v + 6);
            return;
        }
        break;
    case P11C_BYTES:
        break;
    }
    for (CK_ULONG i = 0; i < len; i++)
        printf("%02x", v[i]);
    if (len == 0)
        printf("(empty)");
}

void p11c_print_object(p11c *c, CK_OBJECT_HANDLE h, bool dump)
{
    static const CK_ATTRIBUTE_TYPE brief[] = {CKA_CLASS, CKA_KEY_TYPE, CKA_LABEL, CKA_ID,
                                              CKA_TOKEN, CKA_PRIVATE};
    const CK_ATTRIBUTE_TYPE *types = brief;
    size_t n = sizeof brief / sizeof brief[0];
    if (dump)
        p11c_attr_types(&types, &n);
    printf("Object %lu\n", (unsigned long)h);
    for (size_t i = 0; i < n; i++) {
        if (types[i] & CKF_ARRAY_ATTRIBUTE)
            continue; /* templates: arrays of attributes, not printable values */
        CK_ULONG len;
        unsigned char *v = get_attr(c, h, types[i], &len);
        if (v == NULL)
            continue;
        const char *name = p11c_attr_name(types[i]);
        printf("  %-30s ", name != NULL ? name : "CKA_VENDOR_DEFINED");
        print_value(types[i], v, len);
        printf("\n");
        free(v);
    }
}

/* Writes certificate object h to certN.der. */
static int write_cert(p11c *c, CK_OBJECT_HANDLE h, unsigned n)
{
    CK_ULONG len;
    unsigned char *der = get_attr(c, h, CKA_VALUE, &len);
    if (der == NULL) {
        fprintf(stderr, "gost-p11conf: certificate object %lu has no readable CKA_VALUE\n",
                (unsigned long)h);
        return P11C_EXIT_P11;
    }
    char path[32];
    snprintf(path, sizeof path, "cert%u.der", n);
    int rc = p11c_write_file(path, der, len);
    free(der);
    if (rc == P11C_EXIT_OK)
        printf("Certificate object %lu written to %s\n", (unsigned long)h, path);
    return rc;
}

int p11c_cmd_objects(p11c *c, const p11c_objects_opts *o)
{
    int rc = p11c_pick_slot(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_open(c, o->remove);
    /* Private objects are visible only after login: log in when a user PIN
     * was given, and always to remove objects. */
    if (rc == P11C_EXIT_OK && (c->user_pin != NULL || o->remove))
        rc = p11c_login(c, CKU_USER);
    if (rc != P11C_EXIT_OK)
        return rc;

    CK_OBJECT_CLASS cert_class = CKO_CERTIFICATE;
    CK_ATTRIBUTE only_certs = {CKA_CLASS, &cert_class, sizeof cert_class};
    bool certs_only = o->write_certs && !o->enumerate && !o->remove;
    CK_RV rv = c->f->C_FindObjectsInit(c->session, certs_only ? &only_certs : NULL,
                                       certs_only ? 1 : 0);
    if (rv != CKR_OK)
        return p11c_fail("C_FindObjectsInit", rv);
    static CK_OBJECT_HANDLE found[MAX_OBJECTS];
    CK_ULONG n = 0;
    rv = c->f->C_FindObjects(c->session, found, MAX_OBJECTS, &n);
    c->f->C_FindObjectsFinal(c->session);
    if (rv != CKR_OK)
        return p11c_fail("C_FindObjects", rv);

    unsigned certs = 0, removed = 0;
    for (CK_ULONG i = 0; i < n && rc == P11C_EXIT_OK; i++) {
        if (o->enumerate || o->dump)
            p11c_print_object(c, found[i], o->dump);
        if (o->write_certs &&
            get_ulong(c, found[i], CKA_CLASS, CKO_DATA) == CKO_CERTIFICATE)
            rc = write_cert(c, found[i], certs++);
        if (rc == P11C_EXIT_OK && o->remove) {
            if (o->enumerate && !p11c_confirm("Remove this object?"))
                continue;
            rv = c->f->C_DestroyObject(c->session, found[i]);
            if (rv != CKR_OK)
                rc = p11c_fail("C_DestroyObject", rv);
            else
                removed++;
        }
    }
    if (o->remove)
        printf("%u of %lu objects removed\n", removed, (unsigned long)n);
    else if (!o->write_certs)
        printf("%lu objects\n", (unsigned long)n);
    return rc;
}
