/* Helpers of the Cryptoki suites; see test_p11_common.h. */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cryptoki/p11_have.h"
#include "test_p11_common.h"

static char token_dir[256];

const char *p11t_token_dir(void)
{
    return token_dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Each test runs in its own process: its token directory goes when it ends. */
static void remove_token_dir(void)
{
    nftw(token_dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

CK_FUNCTION_LIST_PTR p11t_load(void)
{
    CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR);
    CK_FUNCTION_LIST_PTR f = NULL;
    void *h;
    snprintf(token_dir, sizeof token_dir, "/tmp/gost-p11-test-XXXXXX");
    cr_assert_not_null(mkdtemp(token_dir));
    setenv("GOST_TOKEN_DIR", token_dir, 1);
    atexit(remove_token_dir);
    unsetenv("GOST_P11_CONF");
    h = dlopen(GOST_BUILD_DIR "/libgost-pkcs11.so", RTLD_NOW | RTLD_LOCAL);
    cr_assert_not_null(h, "dlopen: %s", dlerror());
    *(void **)&get = dlsym(h, "C_GetFunctionList");
    cr_assert_not_null(get);
    cr_assert_eq(get(&f), CKR_OK);
    cr_assert_not_null(f);
    return f;
}

CK_FUNCTION_LIST_PTR p11t_start(void)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    P11_OK(f->C_Initialize(NULL));
    return f;
}

CK_SLOT_ID p11t_free_slot(CK_FUNCTION_LIST_PTR f)
{
    CK_SLOT_ID slots[64];
    CK_ULONG n = 64;
    P11_OK(f->C_GetSlotList(CK_FALSE, slots, &n));
    for (CK_ULONG i = 0; i < n; i++) {
        CK_TOKEN_INFO ti;
        P11_OK(f->C_GetTokenInfo(slots[i], &ti));
        if (!(ti.flags & CKF_TOKEN_INITIALIZED))
            return slots[i];
    }
    cr_assert_fail("no free slot");
    return 0;
}

bool p11t_store_available(void)
{
    return P11_HAVE_SEAL; /* cryptoki/p11_have.h: whether the store's cipher is wired */
}

static void pad32(CK_UTF8CHAR out[32], const char *s)
{
    memset(out, ' ', 32);
    memcpy(out, s, strlen(s));
}

CK_SLOT_ID p11t_token(CK_FUNCTION_LIST_PTR f)
{
    CK_SLOT_ID slot = p11t_free_slot(f);
    CK_UTF8CHAR label[32];
    CK_SESSION_HANDLE s;
    CK_RV rv;
    pad32(label, "test");
    rv = f->C_InitToken(slot, (CK_UTF8CHAR_PTR)P11_SO_PIN, strlen(P11_SO_PIN), label);
    if (!p11t_store_available()) {
        cr_assert_eq(rv, CKR_DEVICE_ERROR, "rv 0x%lx", rv);
        cr_skip_test("token store needs gost/mgm.h and gost/pbkdf2.h (not in the tree yet)");
    }
    cr_assert_eq(rv, CKR_OK, "C_InitToken 0x%lx", rv);
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s));
    P11_OK(f->C_Login(s, CKU_SO, (CK_UTF8CHAR_PTR)P11_SO_PIN, strlen(P11_SO_PIN)));
    P11_OK(f->C_InitPIN(s, (CK_UTF8CHAR_PTR)P11_USER_PIN, strlen(P11_USER_PIN)));
    P11_OK(f->C_Logout(s));
    P11_OK(f->C_CloseSession(s));
    return slot;
}

CK_SESSION_HANDLE p11t_user_session(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID *slot_out)
{
    CK_SLOT_ID slot = p11t_token(f);
    CK_SESSION_HANDLE s;
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s));
    P11_OK(f->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR)P11_USER_PIN, strlen(P11_USER_PIN)));
    if (slot_out)
        *slot_out = slot;
    return s;
}

CK_ULONG p11t_count(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_ATTRIBUTE *t, CK_ULONG n)
{
    CK_OBJECT_HANDLE h[256];
    CK_ULONG got = 0;
    P11_OK(f->C_FindObjectsInit(s, t, n));
    P11_OK(f->C_FindObjects(s, h, 256, &got));
    P11_OK(f->C_FindObjectsFinal(s));
    return got;
}

CK_OBJECT_HANDLE p11t_secret(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_KEY_TYPE kt,
                             const uint8_t *val, CK_ULONG len, CK_BBOOL extractable)
{
    static CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    static CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_KEY_TYPE, &kt, sizeof kt},
                        {CKA_WRAP, &yes, 1},
                        {CKA_UNWRAP, &yes, 1},
                        {CKA_DERIVE, &yes, 1},
                        {CKA_SENSITIVE, &no, 1},
                        {CKA_EXTRACTABLE, &extractable, 1},
                        {CKA_VALUE, (void *)val, len}};
    CK_OBJECT_HANDLE h;
    P11_OK(f->C_CreateObject(s, t, 8, &h));
    return h;
}
