/* Helpers of the Cryptoki suites (tests/unit/test_p11_*.c): they reach the
 * module only through dlopen and its CK_FUNCTION_LIST, each test with a fresh
 * temporary GOST_TOKEN_DIR. */
#ifndef TEST_P11_COMMON_H
#define TEST_P11_COMMON_H

#include <p11-kit/pkcs11.h>
#include <stdbool.h>
#include <stdint.h>

#define P11_SO_PIN "so-pin-1234"
#define P11_USER_PIN "user-pin-5678"

/* Sets a fresh GOST_TOKEN_DIR, loads the module and returns its function list
 * (not yet initialised). */
CK_FUNCTION_LIST_PTR p11t_load(void);
/* The token directory of this test. */
const char *p11t_token_dir(void);
/* Load + C_Initialize(NULL). */
CK_FUNCTION_LIST_PTR p11t_start(void);
/* The first slot without an initialised token. */
CK_SLOT_ID p11t_free_slot(CK_FUNCTION_LIST_PTR f);
/* Whether this build can keep tokens (the store's cipher and PIN KDF are in
 * the tree). When false, C_InitToken must answer CKR_DEVICE_ERROR, which the
 * helper asserts before the caller skips. */
bool p11t_store_available(void);
/* Initialises a token (SO PIN, label "test"), sets the user PIN and returns
 * its slot; skips the test when the store cannot exist in this build. */
CK_SLOT_ID p11t_token(CK_FUNCTION_LIST_PTR f);
/* A R/W session logged in as the user on a fresh token. */
CK_SESSION_HANDLE p11t_user_session(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID *slot);
/* A session secret key of type kt with this value: usable to wrap, unwrap
 * and derive, not sensitive, extractable as asked. */
CK_OBJECT_HANDLE p11t_secret(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_KEY_TYPE kt,
                             const uint8_t *val, CK_ULONG len, CK_BBOOL extractable);
/* Number of objects C_FindObjects returns for a template. */
CK_ULONG p11t_count(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_ATTRIBUTE *t, CK_ULONG n);

#define P11_OK(expr) cr_assert_eq((expr), CKR_OK, "%s -> 0x%lx", #expr, (unsigned long)(expr))
#define P11_RV(expr, want)                                                                        \
    do {                                                                                          \
        CK_RV rv_ = (expr);                                                                       \
        cr_assert_eq(rv_, (want), "%s -> 0x%lx, want 0x%lx", #expr, (unsigned long)rv_,           \
                     (unsigned long)(want));                                                      \
    } while (0)

#endif
