/* Conformance points found by running google/pkcs11test against the module
 * (tests/clients/p11_pkcs11test.sh runs the suite itself when it is
 * installed): each test is one PKCS#11 v2.40 rule, through the API only.
 *   - C_SeedRandom reports a bad session or bad arguments before
 *     CKR_RANDOM_SEED_NOT_SUPPORTED (s.5.1.7, s.5.15). */
#include <criterion/criterion.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "test_p11_common.h"

Test(p11_conformance, seed_random_checks_session_and_arguments)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_BYTE seed[8] = {1, 2, 3};
    /* Was CKR_RANDOM_SEED_NOT_SUPPORTED for all three bad calls. */
    P11_RV(f->C_SeedRandom(s + 99999, seed, sizeof seed), CKR_SESSION_HANDLE_INVALID);
    P11_RV(f->C_SeedRandom(s, NULL, 1), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_SeedRandom(s + 99999, NULL, 1), CKR_ARGUMENTS_BAD);
    /* A good call: the module does not take seed material. */
    P11_RV(f->C_SeedRandom(s, seed, sizeof seed), CKR_RANDOM_SEED_NOT_SUPPORTED);
    P11_RV(f->C_SeedRandom(s, NULL, 0), CKR_RANDOM_SEED_NOT_SUPPORTED);
    P11_RV(f->C_CloseSession(s), CKR_OK);
    P11_RV(f->C_SeedRandom(s, seed, sizeof seed), CKR_SESSION_HANDLE_INVALID);
    f->C_Finalize(NULL);
    P11_RV(f->C_SeedRandom(s, seed, sizeof seed), CKR_CRYPTOKI_NOT_INITIALIZED);
}
