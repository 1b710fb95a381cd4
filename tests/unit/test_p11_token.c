/* Tokens through PKCS#11: initialisation, PINs, login states and the
 * standard's session rules, PIN lockout persisting across processes. */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_p11_common.h"

#define PIN(p) (CK_UTF8CHAR_PTR)(p), strlen(p)

Test(p11_token, init_token_and_pin)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_token(f);
    CK_TOKEN_INFO ti;
    CK_ULONG n;
    P11_OK(f->C_GetTokenInfo(slot, &ti));
    cr_assert(ti.flags & CKF_TOKEN_INITIALIZED);
    cr_assert(ti.flags & CKF_USER_PIN_INITIALIZED);
    cr_assert(ti.flags & CKF_LOGIN_REQUIRED);
    cr_assert_not(ti.flags & (CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_LOCKED));
    cr_assert(memcmp(ti.label, "test ", 5) == 0);
    cr_assert_eq(ti.ulSessionCount, 0);
    P11_OK(f->C_GetSlotList(CK_TRUE, NULL, &n));
    cr_assert_eq(n, 2, "a new free slot appears after C_InitToken");
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_token, session_states_and_login_rules)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_token(f);
    CK_SESSION_HANDLE ro, rw, s2;
    CK_SESSION_INFO si;
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &ro));
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &rw));
    P11_OK(f->C_GetSessionInfo(ro, &si));
    cr_assert_eq(si.state, CKS_RO_PUBLIC_SESSION);
    cr_assert_eq(si.slotID, slot);
    P11_OK(f->C_GetSessionInfo(rw, &si));
    cr_assert_eq(si.state, CKS_RW_PUBLIC_SESSION);
    P11_RV(f->C_GetSessionInfo(rw, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_GetSessionInfo(9999, &si), CKR_SESSION_HANDLE_INVALID);
    P11_RV(f->C_Login(rw, 7, PIN(P11_USER_PIN)), CKR_USER_TYPE_INVALID);
    P11_RV(f->C_Login(rw, CKU_USER, NULL, 4), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_Login(rw, CKU_SO, PIN(P11_SO_PIN)), CKR_SESSION_READ_ONLY_EXISTS);
    P11_RV(f->C_Logout(rw), CKR_USER_NOT_LOGGED_IN);
    P11_RV(f->C_InitPIN(rw, PIN("12345678")), CKR_USER_NOT_LOGGED_IN);
    P11_OK(f->C_Login(ro, CKU_USER, PIN(P11_USER_PIN)));
    /* login is per application: every session changes state */
    P11_OK(f->C_GetSessionInfo(ro, &si));
    cr_assert_eq(si.state, CKS_RO_USER_FUNCTIONS);
    P11_OK(f->C_GetSessionInfo(rw, &si));
    cr_assert_eq(si.state, CKS_RW_USER_FUNCTIONS);
    P11_RV(f->C_Login(rw, CKU_USER, PIN(P11_USER_PIN)), CKR_USER_ALREADY_LOGGED_IN);
    P11_RV(f->C_Login(rw, CKU_SO, PIN(P11_SO_PIN)), CKR_USER_ANOTHER_ALREADY_LOGGED_IN);
    P11_OK(f->C_Logout(ro));
    P11_OK(f->C_CloseSession(ro));
    P11_OK(f->C_Login(rw, CKU_SO, PIN(P11_SO_PIN)));
    P11_OK(f->C_GetSessionInfo(rw, &si));
    cr_assert_eq(si.state, CKS_RW_SO_FUNCTIONS);
    P11_RV(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s2),
           CKR_SESSION_READ_WRITE_SO_EXISTS);
    P11_OK(f->C_CloseSession(rw)); /* closing the last session logs out */
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s2));
    P11_OK(f->C_GetSessionInfo(s2, &si));
    cr_assert_eq(si.state, CKS_RO_PUBLIC_SESSION);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_token, set_pin)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_token(f);
    CK_SESSION_HANDLE ro, rw;
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &ro));
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &rw));
    P11_RV(f->C_SetPIN(ro, PIN(P11_USER_PIN), PIN("new-pin-1")), CKR_SESSION_READ_ONLY);
    P11_RV(f->C_SetPIN(rw, PIN("wrong-pin"), PIN("new-pin-1")), CKR_PIN_INCORRECT);
    P11_RV(f->C_SetPIN(rw, PIN(P11_USER_PIN), PIN("12")), CKR_PIN_LEN_RANGE);
    P11_OK(f->C_SetPIN(rw, PIN(P11_USER_PIN), PIN("new-pin-1")));
    P11_RV(f->C_Login(rw, CKU_USER, PIN(P11_USER_PIN)), CKR_PIN_INCORRECT);
    P11_OK(f->C_Login(rw, CKU_USER, PIN("new-pin-1")));
    P11_OK(f->C_Logout(rw));
    P11_OK(f->C_CloseSession(ro));
    /* the SO changes its own PIN in an SO session */
    P11_OK(f->C_Login(rw, CKU_SO, PIN(P11_SO_PIN)));
    P11_OK(f->C_SetPIN(rw, PIN(P11_SO_PIN), PIN("new-so-pin")));
    P11_OK(f->C_Logout(rw));
    P11_RV(f->C_Login(rw, CKU_SO, PIN(P11_SO_PIN)), CKR_PIN_INCORRECT);
    P11_OK(f->C_Login(rw, CKU_SO, PIN("new-so-pin")));
    P11_OK(f->C_Finalize(NULL));
}

static CK_FLAGS token_flags(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID slot)
{
    CK_TOKEN_INFO ti;
    P11_OK(f->C_GetTokenInfo(slot, &ti));
    return ti.flags;
}

Test(p11_token, user_pin_lockout_persists_across_processes)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_token(f);
    CK_SESSION_HANDLE s;
    int status;
    pid_t pid;
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s));
    P11_RV(f->C_Login(s, CKU_USER, PIN("wrong-1")), CKR_PIN_INCORRECT);
    cr_assert(token_flags(f, slot) & CKF_USER_PIN_COUNT_LOW);
    /* a successful login resets the counter */
    P11_OK(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)));
    P11_OK(f->C_Logout(s));
    cr_assert_not(token_flags(f, slot) & CKF_USER_PIN_COUNT_LOW);
    for (int i = 0; i < 9; i++)
        P11_RV(f->C_Login(s, CKU_USER, PIN("wrong-2")), CKR_PIN_INCORRECT);
    cr_assert(token_flags(f, slot) & CKF_USER_PIN_FINAL_TRY);
    /* another process sees the counter and spends the final try */
    pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        CK_SESSION_HANDLE cs;
        int ok = f->C_Initialize(NULL) == CKR_OK &&
                 (token_flags(f, slot) & CKF_USER_PIN_FINAL_TRY) &&
                 f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &cs) == CKR_OK &&
                 f->C_Login(cs, CKU_USER, PIN("wrong-3")) == CKR_PIN_LOCKED;
        _exit(ok ? 0 : 1);
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    cr_assert(token_flags(f, slot) & CKF_USER_PIN_LOCKED);
    P11_RV(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)), CKR_PIN_LOCKED);
    P11_OK(f->C_Finalize(NULL));
    /* and after a restart of this process */
    P11_OK(f->C_Initialize(NULL));
    cr_assert(token_flags(f, slot) & CKF_USER_PIN_LOCKED);
    /* the SO unlocks by setting a new user PIN */
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s));
    P11_OK(f->C_Login(s, CKU_SO, PIN(P11_SO_PIN)));
    P11_OK(f->C_InitPIN(s, PIN("fresh-pin")));
    P11_OK(f->C_Logout(s));
    P11_OK(f->C_Login(s, CKU_USER, PIN("fresh-pin")));
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_token, reinitialise)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_token(f);
    CK_SESSION_HANDLE s, h;
    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_BBOOL yes = CK_TRUE;
    CK_UTF8CHAR label[32];
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_TOKEN, &yes, 1}};
    memset(label, ' ', 32);
    memcpy(label, "again", 5);
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s));
    P11_OK(f->C_CreateObject(s, t, 2, &h));
    P11_RV(f->C_InitToken(slot, PIN(P11_SO_PIN), label), CKR_SESSION_EXISTS);
    P11_OK(f->C_CloseSession(s));
    P11_RV(f->C_InitToken(slot, PIN("not-the-so-pin"), label), CKR_PIN_INCORRECT);
    P11_OK(f->C_InitToken(slot, PIN(P11_SO_PIN), label));
    cr_assert_not(token_flags(f, slot) & CKF_USER_PIN_INITIALIZED);
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s));
    cr_assert_eq(p11t_count(f, s, NULL, 0), 0, "re-initialisation destroys every object");
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_token, user_pin_not_initialised)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_free_slot(f);
    CK_UTF8CHAR label[32];
    CK_SESSION_HANDLE s;
    CK_RV rv;
    memset(label, ' ', 32);
    rv = f->C_InitToken(slot, PIN(P11_SO_PIN), label);
    if (!p11t_store_available()) {
        cr_assert_eq(rv, CKR_DEVICE_ERROR);
        cr_skip_test("token store needs gost/mgm.h and gost/pbkdf2.h");
    }
    P11_OK(rv);
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s));
    P11_RV(f->C_Login(s, CKU_USER, PIN(P11_USER_PIN)), CKR_USER_PIN_NOT_INITIALIZED);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_token, so_session_rules_and_counters)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_token(f);
    CK_SESSION_HANDLE s, s2;
    CK_OBJECT_HANDLE h;
    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE pub_tok[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_TOKEN, &yes, 1}};
    CK_ATTRIBUTE priv_tok[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_TOKEN, &yes, 1},
                               {CKA_PRIVATE, &yes, 1}};
    CK_TOKEN_INFO ti;
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s));
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s2));
    P11_OK(f->C_GetTokenInfo(slot, &ti));
    cr_assert_eq(ti.ulSessionCount, 2);
    cr_assert_eq(ti.ulRwSessionCount, 2);
    P11_OK(f->C_Login(s, CKU_SO, (CK_UTF8CHAR_PTR)P11_SO_PIN, strlen(P11_SO_PIN)));
    /* the SO works with public objects only */
    P11_OK(f->C_CreateObject(s, pub_tok, 2, &h));
    P11_RV(f->C_CreateObject(s, priv_tok, 3, &h), CKR_USER_NOT_LOGGED_IN);
    P11_RV(f->C_Login(s, CKU_SO, (CK_UTF8CHAR_PTR) "wrong-so", 8), CKR_USER_ALREADY_LOGGED_IN);
    P11_OK(f->C_CloseAllSessions(slot));
    P11_OK(f->C_GetTokenInfo(slot, &ti));
    cr_assert_eq(ti.ulSessionCount, 0);
    P11_RV(f->C_CloseSession(s2), CKR_SESSION_HANDLE_INVALID);
    /* a wrong SO PIN counts too */
    P11_OK(f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s));
    P11_RV(f->C_Login(s, CKU_SO, (CK_UTF8CHAR_PTR) "wrong-so", 8), CKR_PIN_INCORRECT);
    P11_OK(f->C_GetTokenInfo(slot, &ti));
    cr_assert(ti.flags & CKF_SO_PIN_COUNT_LOW);
    P11_OK(f->C_Finalize(NULL));
}
