/* Objects through PKCS#11: the attribute rules (required, forbidden,
 * read-only, sensitive), C_GetAttributeValue sizing (v2.40 s.5.7), copy,
 * destroy, search, visibility of private objects, persistence and sealing
 * at rest. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "test_p11_common.h"
#if defined(__has_include) && __has_include("gost/asn1_cert.h")
#include "gost/asn1_cert.h"
#endif

#define PIN(p) (CK_UTF8CHAR_PTR)(p), strlen(p)

static CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
static CK_OBJECT_CLASS data_cls = CKO_DATA, secret_cls = CKO_SECRET_KEY;
static CK_KEY_TYPE generic = CKK_GENERIC_SECRET;
static const char secret_value[] = "0123456789abcdef-SECRET-VALUE-42";

static CK_OBJECT_HANDLE data_object(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_BBOOL token,
                                    CK_BBOOL priv, const char *label, const char *value)
{
    CK_OBJECT_HANDLE h;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &data_cls, sizeof data_cls},
                        {CKA_TOKEN, &token, 1},
                        {CKA_PRIVATE, &priv, 1},
                        {CKA_LABEL, (void *)label, strlen(label)},
                        {CKA_VALUE, (void *)value, strlen(value)}};
    P11_OK(f->C_CreateObject(s, t, 5, &h));
    return h;
}

static CK_OBJECT_HANDLE secret_key(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_BBOOL token,
                                   CK_BBOOL sensitive)
{
    CK_OBJECT_HANDLE h;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &secret_cls, sizeof secret_cls},
                        {CKA_KEY_TYPE, &generic, sizeof generic},
                        {CKA_TOKEN, &token, 1},
                        {CKA_SENSITIVE, &sensitive, 1},
                        {CKA_EXTRACTABLE, &yes, 1},
                        {CKA_VALUE, (void *)secret_value, 32}};
    P11_OK(f->C_CreateObject(s, t, 6, &h));
    return h;
}

Test(p11_object, template_rules)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE h;
    CK_ULONG bad_bool = 7;
    CK_ATTRIBUTE no_class[] = {{CKA_LABEL, "x", 1}};
    CK_ATTRIBUTE unknown[] = {{CKA_CLASS, &data_cls, sizeof data_cls}, {CKA_MODULUS, "x", 1}};
    CK_ATTRIBUTE bad_size[] = {{CKA_CLASS, &data_cls, sizeof data_cls},
                               {CKA_TOKEN, &bad_bool, sizeof bad_bool}};
    CK_ATTRIBUTE twice[] = {{CKA_CLASS, &data_cls, sizeof data_cls},
                            {CKA_TOKEN, &yes, 1},
                            {CKA_TOKEN, &no, 1}};
    CK_ATTRIBUTE local[] = {{CKA_CLASS, &secret_cls, sizeof secret_cls},
                            {CKA_KEY_TYPE, &generic, sizeof generic},
                            {CKA_VALUE, "k", 1},
                            {CKA_LOCAL, &yes, 1}};
    CK_ATTRIBUTE no_value[] = {{CKA_CLASS, &secret_cls, sizeof secret_cls},
                               {CKA_KEY_TYPE, &generic, sizeof generic}};
    CK_ATTRIBUTE no_keytype[] = {{CKA_CLASS, &secret_cls, sizeof secret_cls},
                                 {CKA_VALUE, "k", 1}};
    P11_RV(f->C_CreateObject(s, no_class, 1, &h), CKR_TEMPLATE_INCOMPLETE);
    P11_RV(f->C_CreateObject(s, unknown, 2, &h), CKR_ATTRIBUTE_TYPE_INVALID);
    P11_RV(f->C_CreateObject(s, bad_size, 2, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    P11_RV(f->C_CreateObject(s, twice, 3, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(f->C_CreateObject(s, local, 4, &h), CKR_ATTRIBUTE_READ_ONLY);
    P11_RV(f->C_CreateObject(s, no_value, 2, &h), CKR_TEMPLATE_INCOMPLETE);
    P11_RV(f->C_CreateObject(s, no_keytype, 2, &h), CKR_TEMPLATE_INCOMPLETE);
    P11_RV(f->C_CreateObject(s, NULL, 1, &h), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_CreateObject(s, no_class, 1, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_CreateObject(4242, no_class, 1, &h), CKR_SESSION_HANDLE_INVALID);
    cr_assert_eq(p11t_count(f, s, NULL, 0), 0, "failed creations leave nothing behind");
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_object, session_permissions)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_token(f);
    CK_SESSION_HANDLE ro, rw;
    CK_OBJECT_HANDLE h;
    CK_ATTRIBUTE tok[] = {{CKA_CLASS, &data_cls, sizeof data_cls}, {CKA_TOKEN, &yes, 1}};
    CK_ATTRIBUTE priv[] = {{CKA_CLASS, &data_cls, sizeof data_cls}, {CKA_PRIVATE, &yes, 1}};
    CK_ATTRIBUTE pub[] = {{CKA_CLASS, &data_cls, sizeof data_cls}};
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &ro));
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &rw));
    P11_OK(f->C_CreateObject(ro, pub, 1, &h)); /* a public session object: any session */
    P11_RV(f->C_CreateObject(ro, tok, 2, &h), CKR_SESSION_READ_ONLY);
    P11_RV(f->C_CreateObject(rw, priv, 2, &h), CKR_USER_NOT_LOGGED_IN);
    P11_OK(f->C_CreateObject(rw, tok, 2, &h));
    P11_RV(f->C_DestroyObject(ro, h), CKR_SESSION_READ_ONLY);
    P11_RV(f->C_SetAttributeValue(ro, h, pub, 0), CKR_SESSION_READ_ONLY);
    P11_OK(f->C_DestroyObject(rw, h));
    P11_RV(f->C_DestroyObject(rw, h), CKR_OBJECT_HANDLE_INVALID);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_object, get_attribute_value_sizing)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE d = data_object(f, s, CK_FALSE, CK_FALSE, "label-1", "value-bytes");
    CK_OBJECT_HANDLE k = secret_key(f, s, CK_FALSE, CK_TRUE);
    char label[64], value[4];
    CK_OBJECT_CLASS cls = 0;
    CK_ATTRIBUTE q[] = {{CKA_LABEL, NULL, 0}, {CKA_VALUE, NULL, 0}};
    CK_ATTRIBUTE small[] = {{CKA_LABEL, label, sizeof label},
                            {CKA_VALUE, value, sizeof value},
                            {CKA_CLASS, &cls, sizeof cls}};
    CK_ATTRIBUTE invalid[] = {{CKA_MODULUS, label, sizeof label}, {CKA_CLASS, &cls, sizeof cls}};
    CK_ATTRIBUTE sens[] = {{CKA_VALUE, label, sizeof label}, {CKA_VALUE_LEN, &cls, sizeof cls}};
    P11_OK(f->C_GetAttributeValue(s, d, q, 2));
    cr_assert_eq(q[0].ulValueLen, 7);
    cr_assert_eq(q[1].ulValueLen, 11);
    P11_RV(f->C_GetAttributeValue(s, d, small, 3), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(small[0].ulValueLen, 7);
    cr_assert(memcmp(label, "label-1", 7) == 0);
    cr_assert_eq(small[1].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    cr_assert_eq(cls, CKO_DATA, "the other attributes are still filled");
    cls = 0;
    P11_RV(f->C_GetAttributeValue(s, d, invalid, 2), CKR_ATTRIBUTE_TYPE_INVALID);
    cr_assert_eq(invalid[0].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    cr_assert_eq(cls, CKO_DATA);
    P11_RV(f->C_GetAttributeValue(s, k, sens, 2), CKR_ATTRIBUTE_SENSITIVE);
    cr_assert_eq(sens[0].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    cr_assert_eq(cls, 32, "CKA_VALUE_LEN is readable");
    P11_RV(f->C_GetAttributeValue(s, 999999, q, 2), CKR_OBJECT_HANDLE_INVALID);
    P11_RV(f->C_GetAttributeValue(s, d, NULL, 2), CKR_ARGUMENTS_BAD);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_object, set_attribute_rules)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE k = secret_key(f, s, CK_FALSE, CK_FALSE);
    CK_OBJECT_HANDLE d;
    CK_OBJECT_CLASS other = CKO_DATA;
    CK_ATTRIBUTE relabel[] = {{CKA_LABEL, "new", 3}};
    CK_ATTRIBUTE cls[] = {{CKA_CLASS, &other, sizeof other}};
    CK_ATTRIBUTE sens_on[] = {{CKA_SENSITIVE, &yes, 1}};
    CK_ATTRIBUTE sens_off[] = {{CKA_SENSITIVE, &no, 1}};
    CK_ATTRIBUTE extr_off[] = {{CKA_EXTRACTABLE, &no, 1}};
    CK_ATTRIBUTE extr_on[] = {{CKA_EXTRACTABLE, &yes, 1}};
    CK_ATTRIBUTE tok[] = {{CKA_TOKEN, &yes, 1}};
    CK_ATTRIBUTE frozen[] = {{CKA_CLASS, &data_cls, sizeof data_cls}, {CKA_MODIFIABLE, &no, 1}};
    CK_BBOOL as = CK_TRUE;
    CK_ATTRIBUTE always[] = {{CKA_ALWAYS_SENSITIVE, &as, 1}};
    char label[8];
    CK_ATTRIBUTE get[] = {{CKA_LABEL, label, sizeof label}};
    P11_OK(f->C_SetAttributeValue(s, k, relabel, 1));
    P11_OK(f->C_GetAttributeValue(s, k, get, 1));
    cr_assert_eq(get[0].ulValueLen, 3);
    P11_RV(f->C_SetAttributeValue(s, k, cls, 1), CKR_ATTRIBUTE_READ_ONLY);
    P11_RV(f->C_SetAttributeValue(s, k, tok, 1), CKR_ATTRIBUTE_READ_ONLY);
    P11_OK(f->C_SetAttributeValue(s, k, sens_on, 1));
    P11_RV(f->C_SetAttributeValue(s, k, sens_off, 1), CKR_ATTRIBUTE_READ_ONLY);
    P11_OK(f->C_SetAttributeValue(s, k, extr_off, 1));
    P11_RV(f->C_SetAttributeValue(s, k, extr_on, 1), CKR_ATTRIBUTE_READ_ONLY);
    /* created, not generated: never "always sensitive" */
    P11_OK(f->C_GetAttributeValue(s, k, always, 1));
    cr_assert_eq(as, CK_FALSE);
    P11_OK(f->C_CreateObject(s, frozen, 2, &d));
    P11_RV(f->C_SetAttributeValue(s, d, relabel, 1), CKR_ACTION_PROHIBITED);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_object, copy_and_destroy_rules)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE d = data_object(f, s, CK_FALSE, CK_FALSE, "orig", "v"), c;
    CK_ATTRIBUTE relabel[] = {{CKA_LABEL, "copy", 4}};
    CK_ATTRIBUTE lock_copy[] = {{CKA_COPYABLE, &no, 1}, {CKA_DESTROYABLE, &no, 1}};
    CK_ATTRIBUTE find[] = {{CKA_LABEL, "copy", 4}};
    P11_OK(f->C_CopyObject(s, d, relabel, 1, &c));
    cr_assert_neq(c, d);
    cr_assert_eq(p11t_count(f, s, find, 1), 1);
    P11_OK(f->C_SetAttributeValue(s, d, lock_copy, 2));
    P11_RV(f->C_CopyObject(s, d, NULL, 0, &c), CKR_ACTION_PROHIBITED);
    P11_RV(f->C_DestroyObject(s, d), CKR_ACTION_PROHIBITED);
    P11_RV(f->C_CopyObject(s, 123456, NULL, 0, &c), CKR_OBJECT_HANDLE_INVALID);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_object, find_and_object_size)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE h[4], out[4];
    CK_ULONG n, size;
    CK_ATTRIBUTE a[] = {{CKA_LABEL, "a", 1}};
    CK_ATTRIBUTE cls[] = {{CKA_CLASS, &data_cls, sizeof data_cls}};
    h[0] = data_object(f, s, CK_FALSE, CK_FALSE, "a", "1");
    h[1] = data_object(f, s, CK_FALSE, CK_TRUE, "a", "2");
    h[2] = data_object(f, s, CK_FALSE, CK_FALSE, "b", "3");
    P11_RV(f->C_FindObjects(s, out, 4, &n), CKR_OPERATION_NOT_INITIALIZED);
    P11_RV(f->C_FindObjectsFinal(s), CKR_OPERATION_NOT_INITIALIZED);
    P11_OK(f->C_FindObjectsInit(s, a, 1));
    P11_RV(f->C_FindObjectsInit(s, a, 1), CKR_OPERATION_ACTIVE);
    P11_OK(f->C_FindObjects(s, out, 1, &n));
    cr_assert_eq(n, 1);
    cr_assert_eq(out[0], h[0]);
    P11_OK(f->C_FindObjects(s, out, 4, &n));
    cr_assert_eq(n, 1);
    cr_assert_eq(out[0], h[1]);
    P11_OK(f->C_FindObjects(s, out, 4, &n));
    cr_assert_eq(n, 0);
    P11_RV(f->C_FindObjects(s, out, 4, NULL), CKR_ARGUMENTS_BAD);
    P11_OK(f->C_FindObjectsFinal(s));
    cr_assert_eq(p11t_count(f, s, cls, 1), 3);
    P11_OK(f->C_GetObjectSize(s, h[2], &size));
    cr_assert_gt(size, 2);
    P11_RV(f->C_GetObjectSize(s, h[2], NULL), CKR_ARGUMENTS_BAD);
    /* private objects disappear at logout */
    P11_OK(f->C_Logout(s));
    cr_assert_eq(p11t_count(f, s, cls, 1), 2);
    P11_RV(f->C_GetObjectSize(s, h[1], &size), CKR_OBJECT_HANDLE_INVALID);
    P11_OK(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)));
    cr_assert_eq(p11t_count(f, s, cls, 1), 3);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_object, session_objects_end_with_session)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s = p11t_user_session(f, &slot), s2;
    CK_OBJECT_HANDLE h;
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s2));
    h = data_object(f, s2, CK_FALSE, CK_FALSE, "tmp", "x");
    cr_assert_eq(p11t_count(f, s, NULL, 0), 1, "visible from the application's other sessions");
    P11_OK(f->C_CloseSession(s2));
    cr_assert_eq(p11t_count(f, s, NULL, 0), 0);
    P11_RV(f->C_DestroyObject(s, h), CKR_OBJECT_HANDLE_INVALID);
    P11_OK(f->C_Finalize(NULL));
}

/* Scans every file of the token directory for a byte string. */
static int store_contains(const char *dir, const void *needle, size_t len)
{
    char cmd[512];
    FILE *p;
    int found = 0;
    snprintf(cmd, sizeof cmd, "find '%s' -type f", dir);
    p = popen(cmd, "r");
    cr_assert_not_null(p);
    while (!found && fgets(cmd, sizeof cmd, p) != NULL) {
        FILE *fp;
        static char buf[1 << 16];
        size_t n;
        cmd[strcspn(cmd, "\n")] = 0;
        fp = fopen(cmd, "rb");
        if (fp == NULL)
            continue;
        n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        for (size_t i = 0; i + len <= n && !found; i++)
            found = memcmp(buf + i, needle, len) == 0;
    }
    pclose(p);
    return found;
}

Test(p11_object, token_objects_persist_sealed)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s = p11t_user_session(f, &slot);
    CK_OBJECT_HANDLE k;
    char value[64];
    CK_ATTRIBUTE get[] = {{CKA_VALUE, value, sizeof value}};
    CK_ATTRIBUTE keys[] = {{CKA_CLASS, &secret_cls, sizeof secret_cls}};
    data_object(f, s, CK_TRUE, CK_FALSE, "public-data", "public-value-visible");
    data_object(f, s, CK_TRUE, CK_TRUE, "private-data", "private-value-hidden");
    secret_key(f, s, CK_TRUE, CK_FALSE);
    cr_assert(store_contains(p11t_token_dir(), "public-value-visible", 20));
    cr_assert_not(store_contains(p11t_token_dir(), "private-value-hidden", 20));
    cr_assert_not(store_contains(p11t_token_dir(), "private-data", 12));
    cr_assert_not(store_contains(p11t_token_dir(), secret_value, 32));
    cr_assert_not(store_contains(p11t_token_dir(), P11_USER_PIN, strlen(P11_USER_PIN)));
    P11_OK(f->C_Finalize(NULL));
    /* a restart: public objects without login, the rest after it */
    P11_OK(f->C_Initialize(NULL));
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s));
    cr_assert_eq(p11t_count(f, s, NULL, 0), 1);
    P11_OK(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)));
    cr_assert_eq(p11t_count(f, s, NULL, 0), 3);
    P11_OK(f->C_FindObjectsInit(s, keys, 1));
    P11_OK(f->C_FindObjects(s, &k, 1, &(CK_ULONG){0}));
    P11_OK(f->C_FindObjectsFinal(s));
    P11_OK(f->C_GetAttributeValue(s, k, get, 1));
    cr_assert_eq(get[0].ulValueLen, 32);
    cr_assert(memcmp(value, secret_value, 32) == 0);
    P11_OK(f->C_Finalize(NULL));
}

/* A digest of every file of the token directory (names and contents). */
static unsigned long store_digest(const char *dir)
{
    char cmd[512];
    unsigned long h = 5381;
    FILE *p;
    int c;
    snprintf(cmd, sizeof cmd, "cd '%s' && find . -type f ! -name .lock | sort | xargs cat; "
                              "find . -type f | sort", dir);
    p = popen(cmd, "r");
    cr_assert_not_null(p);
    while ((c = fgetc(p)) != EOF)
        h = h * 33 + (unsigned long)c;
    pclose(p);
    return h;
}

Test(p11_object, bad_input_changes_nothing)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE s = p11t_user_session(f, &slot), ro;
    CK_OBJECT_HANDLE d = data_object(f, s, CK_TRUE, CK_TRUE, "kept", "kept-value"), h;
    CK_OBJECT_HANDLE k = secret_key(f, s, CK_TRUE, CK_TRUE);
    unsigned long before = store_digest(p11t_token_dir());
    CK_ULONG bad_len = 3;
    CK_ATTRIBUTE bad_bool[] = {{CKA_TOKEN, &bad_len, sizeof bad_len}};
    CK_ATTRIBUTE ro_attr[] = {{CKA_CLASS, &secret_cls, sizeof secret_cls}};
    CK_ATTRIBUTE tok[] = {{CKA_CLASS, &data_cls, sizeof data_cls}, {CKA_TOKEN, &yes, 1},
                          {CKA_LOCAL, &yes, 1}};
    CK_MECHANISM enc = {CKM_KUZNYECHIK_ECB, NULL, 0};
    CK_MECHANISM none = {0x7fffffffUL, NULL, 0};
    CK_BYTE buf[64];
    CK_ULONG n = sizeof buf;
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &ro));
    P11_RV(f->C_SetAttributeValue(s, d, bad_bool, 1), CKR_ATTRIBUTE_VALUE_INVALID);
    P11_RV(f->C_SetAttributeValue(s, d, ro_attr, 1), CKR_ATTRIBUTE_READ_ONLY);
    P11_RV(f->C_SetAttributeValue(ro, d, ro_attr, 0), CKR_SESSION_READ_ONLY);
    P11_RV(f->C_CreateObject(s, tok, 3, &h), CKR_ATTRIBUTE_TYPE_INVALID); /* no CKA_LOCAL on data */
    P11_RV(f->C_CreateObject(ro, tok, 2, &h), CKR_SESSION_READ_ONLY);
    P11_RV(f->C_DestroyObject(ro, d), CKR_SESSION_READ_ONLY);
    P11_RV(f->C_DestroyObject(s, 0), CKR_OBJECT_HANDLE_INVALID);
    P11_RV(f->C_CopyObject(s, d, bad_bool, 1, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    P11_RV(f->C_EncryptInit(s, &enc, k), CKR_KEY_TYPE_INCONSISTENT); /* a generic secret */
    P11_RV(f->C_Encrypt(s, buf, 16, buf, &n), CKR_OPERATION_NOT_INITIALIZED);
    P11_RV(f->C_DecryptInit(s, &none, k), CKR_MECHANISM_INVALID);
    P11_RV(f->C_DigestInit(s, &none), CKR_MECHANISM_INVALID);
    P11_RV(f->C_WrapKey(s, &none, k, d, buf, &n), CKR_MECHANISM_INVALID);
    P11_RV(f->C_UnwrapKey(s, &none, k, buf, 40, NULL, 0, &h), CKR_MECHANISM_INVALID);
    P11_RV(f->C_GenerateKey(s, &none, NULL, 0, &h), CKR_MECHANISM_INVALID);
    P11_RV(f->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR) "x", 1), CKR_USER_ALREADY_LOGGED_IN);
    P11_RV(f->C_InitPIN(s, (CK_UTF8CHAR_PTR) "12345678", 8), CKR_USER_NOT_LOGGED_IN);
    cr_assert_eq(store_digest(p11t_token_dir()), before, "a failing call changed the store");
    P11_OK(f->C_Finalize(NULL));
}

/* A GOST certificate stored without CKA_SUBJECT/ISSUER/SERIAL_NUMBER gets
 * them from its value (made here by OpenSSL's GOST engine). */
Test(p11_object, certificate_fields_from_value)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_CLASS cc = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE x509 = CKC_X_509;
    static unsigned char der[8192], subj[512], issuer[512], serial[64];
    char cmd[1024], path[300];
    size_t n;
    FILE *fp;
    CK_OBJECT_HANDLE h;
    snprintf(path, sizeof path, "%s/cert.der", p11t_token_dir());
    snprintf(cmd, sizeof cmd,
             "openssl req -engine gost -x509 -newkey gost2012_256 -pkeyopt paramset:A -nodes "
             "-keyout /dev/null -subj '/CN=libgost cert test' -days 1 -outform DER -out '%s' "
             ">/dev/null 2>&1",
             path);
    cr_assert_eq(system(cmd), 0, "openssl could not make a GOST certificate");
    fp = fopen(path, "rb");
    cr_assert_not_null(fp);
    n = fread(der, 1, sizeof der, fp);
    fclose(fp);
    remove(path);
    {
        CK_ATTRIBUTE t[] = {{CKA_CLASS, &cc, sizeof cc},
                            {CKA_CERTIFICATE_TYPE, &x509, sizeof x509},
                            {CKA_VALUE, der, n}};
        CK_ATTRIBUTE g[] = {{CKA_SUBJECT, subj, sizeof subj},
                            {CKA_ISSUER, issuer, sizeof issuer},
                            {CKA_SERIAL_NUMBER, serial, sizeof serial}};
        P11_OK(f->C_CreateObject(s, t, 3, &h));
        P11_OK(f->C_GetAttributeValue(s, h, g, 3));
#if defined(__has_include) && __has_include("gost/asn1_cert.h")
        gost_asn1_cert cert;
        if (gost_asn1_cert_parse(der, n, &cert) == 0) {
            cr_assert_eq(g[0].ulValueLen, cert.subject_len);
            cr_assert_not_null(memmem(subj, g[0].ulValueLen, "libgost cert test", 17));
            cr_assert_eq(g[0].ulValueLen, g[1].ulValueLen, "self-signed: issuer = subject");
            cr_assert(memcmp(subj, issuer, g[0].ulValueLen) == 0);
            cr_assert_eq(serial[0], 0x02, "DER INTEGER");
        } else {
            cr_assert_eq(g[0].ulValueLen, 0, "a certificate libgost cannot parse keeps them empty");
        }
#else
        cr_assert_eq(g[0].ulValueLen, 0);
#endif
    }
    P11_OK(f->C_Finalize(NULL));
}
