/* Cryptoki entry layer: the function list, C_Initialize/C_Finalize rules,
 * locking callbacks, fork, and the slot/mechanism information that needs no
 * token. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "test_p11_common.h"

Test(p11_entry, function_list_complete)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    void **fn = (void **)&f->C_Initialize;
    size_t count = (sizeof *f - offsetof(CK_FUNCTION_LIST, C_Initialize)) / sizeof(void *);
    cr_assert_eq(f->version.major, 2);
    cr_assert_eq(f->version.minor, 40);
    cr_assert_eq(count, 68);
    for (size_t i = 0; i < count; i++)
        cr_assert_not_null(fn[i], "function %zu missing", i);
    P11_RV(f->C_GetFunctionList(NULL), CKR_ARGUMENTS_BAD);
}

Test(p11_entry, everything_needs_initialize)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    CK_INFO info;
    CK_ULONG n = 0;
    CK_SESSION_HANDLE s;
    CK_BYTE buf[64];
    CK_MECHANISM m = {CKM_GOSTR3410, NULL, 0};
    P11_RV(f->C_GetInfo(&info), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_RV(f->C_GetSlotList(CK_FALSE, NULL, &n), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_RV(f->C_OpenSession(0, CKF_SERIAL_SESSION, NULL, NULL, &s), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_RV(f->C_CloseSession(1), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_RV(f->C_SignInit(1, &m, 1), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_RV(f->C_GenerateRandom(1, buf, sizeof buf), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_RV(f->C_WrapKey(1, &m, 1, 2, buf, &n), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_RV(f->C_Finalize(NULL), CKR_CRYPTOKI_NOT_INITIALIZED);
}

Test(p11_entry, initialize_arguments)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    CK_C_INITIALIZE_ARGS a;
    memset(&a, 0, sizeof a);
    a.pReserved = &a;
    P11_RV(f->C_Initialize(&a), CKR_ARGUMENTS_BAD);
    memset(&a, 0, sizeof a);
    a.CreateMutex = (CK_CREATEMUTEX)1; /* some callbacks but not all */
    P11_RV(f->C_Initialize(&a), CKR_ARGUMENTS_BAD);
    memset(&a, 0, sizeof a);
    a.flags = CKF_OS_LOCKING_OK;
    P11_OK(f->C_Initialize(&a));
    P11_RV(f->C_Initialize(NULL), CKR_CRYPTOKI_ALREADY_INITIALIZED);
    P11_RV(f->C_Finalize(&a), CKR_ARGUMENTS_BAD);
    P11_OK(f->C_Finalize(NULL));
    P11_RV(f->C_Finalize(NULL), CKR_CRYPTOKI_NOT_INITIALIZED);
    P11_OK(f->C_Initialize(NULL)); /* again after finalize */
    P11_OK(f->C_Finalize(NULL));
}

/* The application's mutex callbacks are used when it gives them without
 * CKF_OS_LOCKING_OK. */
static int created, locked, unlocked, destroyed;
static pthread_mutex_t app_mutex = PTHREAD_MUTEX_INITIALIZER;
static CK_RV app_create(CK_VOID_PTR_PTR m)
{
    created++;
    *m = &app_mutex;
    return CKR_OK;
}
static CK_RV app_destroy(CK_VOID_PTR m)
{
    (void)m;
    destroyed++;
    return CKR_OK;
}
static CK_RV app_lock(CK_VOID_PTR m)
{
    pthread_mutex_lock(m);
    locked++;
    return CKR_OK;
}
static CK_RV app_unlock(CK_VOID_PTR m)
{
    unlocked++;
    pthread_mutex_unlock(m);
    return CKR_OK;
}

Test(p11_entry, application_mutex_callbacks)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    CK_C_INITIALIZE_ARGS a = {app_create, app_destroy, app_lock, app_unlock, 0, NULL};
    CK_ULONG n;
    P11_OK(f->C_Initialize(&a));
    cr_assert_eq(created, 1);
    P11_OK(f->C_GetSlotList(CK_FALSE, NULL, &n));
    cr_assert_geq(locked, 1);
    cr_assert_eq(locked, unlocked);
    P11_OK(f->C_Finalize(NULL));
    cr_assert_eq(destroyed, 1);
}

Test(p11_entry, fork_child_must_initialize_again)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    int status;
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        CK_INFO info;
        CK_ULONG n;
        int ok = f->C_GetInfo(&info) == CKR_CRYPTOKI_NOT_INITIALIZED &&
                 f->C_GetSlotList(CK_FALSE, NULL, &n) == CKR_CRYPTOKI_NOT_INITIALIZED &&
                 f->C_Initialize(NULL) == CKR_OK && f->C_GetInfo(&info) == CKR_OK &&
                 f->C_Finalize(NULL) == CKR_OK;
        _exit(ok ? 0 : 1);
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    P11_OK(f->C_GetSlotList(CK_FALSE, NULL, &(CK_ULONG){0})); /* the parent is unaffected */
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, info)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_INFO info;
    P11_RV(f->C_GetInfo(NULL), CKR_ARGUMENTS_BAD);
    P11_OK(f->C_GetInfo(&info));
    cr_assert_eq(info.cryptokiVersion.major, 2);
    cr_assert_eq(info.cryptokiVersion.minor, 40);
    cr_assert(memcmp(info.manufacturerID, "libgost ", 8) == 0);
    cr_assert_eq(info.flags, 0);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, slot_list_sizes)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slots[8];
    CK_ULONG n = 0;
    CK_SLOT_INFO si;
    CK_TOKEN_INFO ti;
    P11_RV(f->C_GetSlotList(CK_FALSE, slots, NULL), CKR_ARGUMENTS_BAD);
    P11_OK(f->C_GetSlotList(CK_TRUE, NULL, &n));
    cr_assert_eq(n, 1); /* an empty store shows its one free slot */
    n = 0;
    P11_RV(f->C_GetSlotList(CK_TRUE, slots, &n), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(n, 1);
    P11_OK(f->C_GetSlotList(CK_TRUE, slots, &n));
    P11_OK(f->C_GetSlotInfo(slots[0], &si));
    cr_assert(si.flags & CKF_TOKEN_PRESENT);
    cr_assert_not(si.flags & CKF_REMOVABLE_DEVICE);
    P11_RV(f->C_GetSlotInfo(slots[0] + 100, &si), CKR_SLOT_ID_INVALID);
    P11_RV(f->C_GetSlotInfo(slots[0], NULL), CKR_ARGUMENTS_BAD);
    P11_OK(f->C_GetTokenInfo(slots[0], &ti));
    cr_assert_not(ti.flags & CKF_TOKEN_INITIALIZED);
    cr_assert(ti.flags & CKF_RNG);
    cr_assert_eq(ti.ulMinPinLen, 4);
    P11_RV(f->C_GetTokenInfo(slots[0] + 100, &ti), CKR_SLOT_ID_INVALID);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, configured_slot_count)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    char conf[300];
    FILE *fp;
    CK_ULONG n;
    snprintf(conf, sizeof conf, "%s/p11.conf", p11t_token_dir());
    fp = fopen(conf, "w");
    cr_assert_not_null(fp);
    fprintf(fp, "# test\nslots = 3\n");
    fclose(fp);
    setenv("GOST_P11_CONF", conf, 1);
    P11_OK(f->C_Initialize(NULL));
    P11_OK(f->C_GetSlotList(CK_FALSE, NULL, &n));
    cr_assert_eq(n, 3);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, mechanisms)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_MECHANISM_TYPE list[128];
    CK_ULONG n = 0, i;
    CK_MECHANISM_INFO mi;
    int seen_gen = 0, seen_sign = 0;
    P11_OK(f->C_GetMechanismList(0, NULL, &n));
    cr_assert_gt(n, 4);
    {
        CK_ULONG small = 1;
        P11_RV(f->C_GetMechanismList(0, list, &small), CKR_BUFFER_TOO_SMALL);
        cr_assert_eq(small, n);
    }
    P11_OK(f->C_GetMechanismList(0, list, &n));
    for (i = 0; i < n; i++) {
        P11_OK(f->C_GetMechanismInfo(0, list[i], &mi));
        cr_assert_neq(mi.flags, 0);
        cr_assert_leq(mi.ulMinKeySize, mi.ulMaxKeySize);
        if (list[i] == CKM_GOSTR3410_KEY_PAIR_GEN) {
            seen_gen = 1;
            cr_assert(mi.flags & CKF_GENERATE_KEY_PAIR);
            cr_assert_eq(mi.ulMinKeySize, 256);
        }
        if (list[i] == CKM_GOSTR3410_512) {
            seen_sign = 1;
            cr_assert_eq(mi.flags, CKF_SIGN | CKF_VERIFY);
            cr_assert_eq(mi.ulMaxKeySize, 512);
        }
    }
    cr_assert(seen_gen && seen_sign);
    P11_RV(f->C_GetMechanismInfo(0, CKM_RSA_PKCS, &mi), CKR_MECHANISM_INVALID);
    P11_RV(f->C_GetMechanismInfo(77, CKM_GOSTR3410, &mi), CKR_SLOT_ID_INVALID);
    P11_RV(f->C_GetMechanismList(77, NULL, &n), CKR_SLOT_ID_INVALID);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, no_session_on_uninitialised_token)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s;
    P11_RV(f->C_OpenSession(0, CKF_SERIAL_SESSION, NULL, NULL, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_OpenSession(0, 0, NULL, NULL, &s), CKR_SESSION_PARALLEL_NOT_SUPPORTED);
    P11_RV(f->C_OpenSession(99, CKF_SERIAL_SESSION, NULL, NULL, &s), CKR_SLOT_ID_INVALID);
    P11_RV(f->C_OpenSession(0, CKF_SERIAL_SESSION, NULL, NULL, &s), CKR_TOKEN_NOT_RECOGNIZED);
    P11_RV(f->C_CloseSession(12345), CKR_SESSION_HANDLE_INVALID);
    P11_RV(f->C_CloseAllSessions(99), CKR_SLOT_ID_INVALID);
    P11_OK(f->C_CloseAllSessions(0));
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, init_token_arguments)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_UTF8CHAR label[32];
    memset(label, ' ', sizeof label);
    P11_RV(f->C_InitToken(0, NULL, 0, label), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_InitToken(0, (CK_UTF8CHAR_PTR) "12345678", 8, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_InitToken(99, (CK_UTF8CHAR_PTR) "12345678", 8, label), CKR_SLOT_ID_INVALID);
    P11_RV(f->C_InitToken(0, (CK_UTF8CHAR_PTR) "123", 3, label), CKR_PIN_LEN_RANGE);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, functions_not_offered)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_BYTE b[16];
    CK_ULONG n = sizeof b;
    CK_MECHANISM m = {CKM_GOSTR3410, NULL, 0};
    P11_RV(f->C_GetOperationState(1, b, &n), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_SetOperationState(1, b, n, 0, 0), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_DigestEncryptUpdate(1, b, 1, b, &n), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_DecryptDigestUpdate(1, b, 1, b, &n), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_SignEncryptUpdate(1, b, 1, b, &n), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_DecryptVerifyUpdate(1, b, 1, b, &n), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_SignRecoverInit(1, &m, 1), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_VerifyRecoverInit(1, &m, 1), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_DigestKey(1, 1), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_WaitForSlotEvent(CKF_DONT_BLOCK, NULL, NULL), CKR_FUNCTION_NOT_SUPPORTED);
    P11_RV(f->C_GetFunctionStatus(1), CKR_FUNCTION_NOT_PARALLEL);
    P11_RV(f->C_CancelFunction(1), CKR_FUNCTION_NOT_PARALLEL);
    /* No session 1: that error first (test_p11_conformance.c has the rest). */
    P11_RV(f->C_SeedRandom(1, b, 1), CKR_SESSION_HANDLE_INVALID);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_entry, wrap_unwrap_arguments)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_MECHANISM m = {CKM_KUZNYECHIK_KEXP_15_WRAP, NULL, 0};
    CK_BYTE buf[64];
    CK_ULONG n = sizeof buf;
    CK_OBJECT_HANDLE h;
    P11_RV(f->C_WrapKey(1, NULL, 1, 2, buf, &n), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_WrapKey(1, &m, 1, 2, buf, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_WrapKey(1, &m, 1, 2, buf, &n), CKR_SESSION_HANDLE_INVALID);
    P11_RV(f->C_UnwrapKey(1, &m, 1, NULL, 4, NULL, 0, &h), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_UnwrapKey(1, &m, 1, buf, 4, NULL, 0, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_UnwrapKey(1, &m, 1, buf, 4, NULL, 0, &h), CKR_SESSION_HANDLE_INVALID);
    P11_OK(f->C_Finalize(NULL));
}
