/* Conformance points found by running google/pkcs11test against the module
 * (tests/clients/p11_pkcs11test.sh runs the suite itself when it is
 * installed): each test is one PKCS#11 v2.40 rule, through the API only.
 *   - C_SeedRandom reports a bad session or bad arguments before
 *     CKR_RANDOM_SEED_NOT_SUPPORTED (s.5.1.7, s.5.15);
 *   - an active digest, sign or verify operation ends on any error but
 *     CKR_BUFFER_TOO_SMALL, CKR_ARGUMENTS_BAD included (s.5.10-5.12). */
#include <criterion/criterion.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "test_p11_common.h"

static const CK_BYTE msg[] = "pkcs11test conformance";

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

static void digest_init(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s)
{
    CK_MECHANISM m = {CKM_GOSTR3411_12_256, NULL, 0};
    P11_RV(f->C_DigestInit(s, &m), CKR_OK);
}

Test(p11_conformance, digest_ends_on_bad_arguments)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_BYTE out[64];
    CK_ULONG len = sizeof out;

    /* C_Digest with no length pointer: the operation is over (was still
     * active, so the next C_Digest returned CKR_OK). */
    digest_init(f, s);
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, out, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, out, &len), CKR_OPERATION_NOT_INITIALIZED);

    /* C_Digest with no input but a length. */
    digest_init(f, s);
    P11_RV(f->C_Digest(s, NULL, 5, out, &len), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, out, &len), CKR_OPERATION_NOT_INITIALIZED);

    /* C_DigestUpdate with no input but a length. */
    digest_init(f, s);
    P11_RV(f->C_DigestUpdate(s, NULL, 5), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_DigestUpdate(s, (CK_BYTE_PTR)msg, sizeof msg), CKR_OPERATION_NOT_INITIALIZED);

    /* C_DigestFinal with no length pointer. */
    digest_init(f, s);
    P11_RV(f->C_DigestUpdate(s, (CK_BYTE_PTR)msg, sizeof msg), CKR_OK);
    P11_RV(f->C_DigestFinal(s, out, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_DigestFinal(s, out, &len), CKR_OPERATION_NOT_INITIALIZED);

    /* The operation can start again, and CKR_BUFFER_TOO_SMALL (s.5.2) and
     * a size query still leave it active. */
    digest_init(f, s);
    len = 0;
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, NULL, &len), CKR_OK);
    cr_assert_eq(len, 32);
    len = 31;
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, out, &len), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(len, 32);
    len = sizeof out;
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, out, &len), CKR_OK);
    cr_assert_eq(len, 32);

    /* Bad arguments with no operation active: nothing to end. */
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, out, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_Digest(s, (CK_BYTE_PTR)msg, sizeof msg, out, &len), CKR_OPERATION_NOT_INITIALIZED);
    f->C_Finalize(NULL);
}

static CK_OBJECT_HANDLE hmac_key(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s)
{
    static CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    static CK_KEY_TYPE kt = CKK_GENERIC_SECRET;
    static CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    static const char value[] = "0123456789abcdef0123456789abcdef";
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},     {CKA_KEY_TYPE, &kt, sizeof kt},
                        {CKA_TOKEN, &no, 1},               {CKA_SIGN, &yes, 1},
                        {CKA_VERIFY, &yes, 1},             {CKA_VALUE, (void *)value, 32}};
    CK_OBJECT_HANDLE h;
    P11_RV(f->C_CreateObject(s, t, 6, &h), CKR_OK);
    return h;
}

Test(p11_conformance, sign_and_verify_end_on_bad_arguments)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE k = hmac_key(f, s);
    CK_MECHANISM m = {CKM_GOSTR3411_12_256_HMAC, NULL, 0};
    CK_BYTE mac[64];
    CK_ULONG len = sizeof mac;

    P11_RV(f->C_SignInit(s, &m, k), CKR_OK);
    P11_RV(f->C_Sign(s, (CK_BYTE_PTR)msg, sizeof msg, mac, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_Sign(s, (CK_BYTE_PTR)msg, sizeof msg, mac, &len), CKR_OPERATION_NOT_INITIALIZED);

    P11_RV(f->C_SignInit(s, &m, k), CKR_OK);
    P11_RV(f->C_SignUpdate(s, NULL, 3), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_SignFinal(s, mac, &len), CKR_OPERATION_NOT_INITIALIZED);

    P11_RV(f->C_SignInit(s, &m, k), CKR_OK);
    P11_RV(f->C_SignUpdate(s, (CK_BYTE_PTR)msg, sizeof msg), CKR_OK);
    P11_RV(f->C_SignFinal(s, mac, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_SignFinal(s, mac, &len), CKR_OPERATION_NOT_INITIALIZED);

    /* A good MAC to verify against. */
    P11_RV(f->C_SignInit(s, &m, k), CKR_OK);
    len = sizeof mac;
    P11_RV(f->C_Sign(s, (CK_BYTE_PTR)msg, sizeof msg, mac, &len), CKR_OK);
    cr_assert_eq(len, 32);

    P11_RV(f->C_VerifyInit(s, &m, k), CKR_OK);
    P11_RV(f->C_Verify(s, (CK_BYTE_PTR)msg, sizeof msg, NULL, len), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_Verify(s, (CK_BYTE_PTR)msg, sizeof msg, mac, len), CKR_OPERATION_NOT_INITIALIZED);

    P11_RV(f->C_VerifyInit(s, &m, k), CKR_OK);
    P11_RV(f->C_VerifyUpdate(s, NULL, 3), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_VerifyFinal(s, mac, len), CKR_OPERATION_NOT_INITIALIZED);

    P11_RV(f->C_VerifyInit(s, &m, k), CKR_OK);
    P11_RV(f->C_VerifyUpdate(s, (CK_BYTE_PTR)msg, sizeof msg), CKR_OK);
    P11_RV(f->C_VerifyFinal(s, NULL, len), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_VerifyFinal(s, mac, len), CKR_OPERATION_NOT_INITIALIZED);

    /* And the MAC still verifies once the operation is started again. */
    P11_RV(f->C_VerifyInit(s, &m, k), CKR_OK);
    P11_RV(f->C_Verify(s, (CK_BYTE_PTR)msg, sizeof msg, mac, len), CKR_OK);
    f->C_Finalize(NULL);
}

Test(p11_conformance, bad_arguments_leave_other_sessions_alone)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE a = p11t_user_session(f, &slot), b;
    CK_BYTE out[64];
    CK_ULONG len = sizeof out;
    P11_RV(f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &b), CKR_OK);
    digest_init(f, a);
    digest_init(f, b);
    /* Only session a's operation ends. */
    P11_RV(f->C_Digest(a, (CK_BYTE_PTR)msg, sizeof msg, out, NULL), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_Digest(b, (CK_BYTE_PTR)msg, sizeof msg, out, &len), CKR_OK);
    P11_RV(f->C_Digest(a, (CK_BYTE_PTR)msg, sizeof msg, out, &len), CKR_OPERATION_NOT_INITIALIZED);
    f->C_Finalize(NULL);
}
