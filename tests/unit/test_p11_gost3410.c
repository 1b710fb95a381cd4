/* GOST R 34.10-2012 and key generation through PKCS#11: key pairs on every
 * curve (pkcs11-tool's template shape), raw signatures single- and
 * multi-part checked by libgost's verifier on the exported public key, the
 * output-buffer rules, imported keys (public key also as DER OCTET STRING),
 * secret key generation and C_GenerateRandom. */
#include <criterion/criterion.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "gost/curves.h"
#include "gost/gost3410.h"
#include "test_p11_common.h"
#include "testutil.h"

/* DER OIDs of CKA_GOSTR3410_PARAMS, TC 26 (R 1323565.1.024-2019). */
static const CK_BYTE oid_256a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x01};
static const CK_BYTE oid_256b[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x02};
static const CK_BYTE oid_256c[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x03};
static const CK_BYTE oid_256d[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x04};
static const CK_BYTE oid_512a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x01};
static const CK_BYTE oid_512b[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x02};
static const CK_BYTE oid_512c[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x03};
/* CryptoPro-A = TC 26 256 paramSetB (RFC 4357 s.11.4) */
static const CK_BYTE oid_cpa[] = {0x06, 0x07, 0x2a, 0x85, 0x03, 0x02, 0x02, 0x23, 0x01};

struct curve_case {
    const CK_BYTE *oid;
    size_t oid_len;
    enum gost_curve curve;
};
static const struct curve_case curves[] = {
    {oid_256a, sizeof oid_256a, GOST_CURVE_256_A}, {oid_256b, sizeof oid_256b, GOST_CURVE_256_B},
    {oid_256c, sizeof oid_256c, GOST_CURVE_256_C}, {oid_256d, sizeof oid_256d, GOST_CURVE_256_D},
    {oid_512a, sizeof oid_512a, GOST_CURVE_512_A}, {oid_512b, sizeof oid_512b, GOST_CURVE_512_B},
    {oid_512c, sizeof oid_512c, GOST_CURVE_512_C}, {oid_cpa, sizeof oid_cpa, GOST_CURVE_256_B},
};

static CK_BBOOL yes = CK_TRUE;

/* The template shape pkcs11-tool sends: params in both templates. */
static CK_RV keypair(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, const struct curve_case *c,
                     CK_BBOOL token, CK_OBJECT_HANDLE *pub, CK_OBJECT_HANDLE *priv)
{
    size_t n = gost_curve_size(c->curve);
    CK_MECHANISM m = {n == 64 ? CKM_GOSTR3410_512_KEY_PAIR_GEN : CKM_GOSTR3410_KEY_PAIR_GEN, NULL,
                      0};
    CK_ATTRIBUTE pt[] = {{CKA_TOKEN, &token, 1},
                         {CKA_VERIFY, &yes, 1},
                         {CKA_GOSTR3410_PARAMS, (void *)c->oid, c->oid_len}};
    CK_ATTRIBUTE kt[] = {{CKA_TOKEN, &token, 1},
                         {CKA_SIGN, &yes, 1},
                         {CKA_PRIVATE, &yes, 1},
                         {CKA_GOSTR3410_PARAMS, (void *)c->oid, c->oid_len}};
    return f->C_GenerateKeyPair(s, &m, pt, 3, kt, 4, pub, priv);
}

static void public_value(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE pub,
                         CK_BYTE *q, size_t len)
{
    CK_ATTRIBUTE a = {CKA_VALUE, q, len};
    P11_OK(f->C_GetAttributeValue(s, pub, &a, 1));
    cr_assert_eq(a.ulValueLen, len);
}

Test(p11_gost3410, keygen_sign_verify_every_curve, .timeout = 120)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint64_t seed = test_seed();
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++) {
        const struct curve_case *c = &curves[i];
        size_t n = gost_curve_size(c->curve);
        CK_MECHANISM m = {n == 64 ? CKM_GOSTR3410_512 : CKM_GOSTR3410, NULL, 0};
        CK_OBJECT_HANDLE pub, priv;
        CK_BYTE q[128], digest[64], sig[128];
        CK_ULONG sig_len = sizeof sig;
        CK_BBOOL flag;
        CK_ATTRIBUTE local = {CKA_LOCAL, &flag, 1};
        P11_OK(keypair(f, s, c, CK_FALSE, &pub, &priv));
        public_value(f, s, pub, q, 2 * n);
        P11_OK(f->C_GetAttributeValue(s, priv, &local, 1));
        cr_assert_eq(flag, CK_TRUE);
        test_rand_bytes(&seed, digest, n);
        P11_OK(f->C_SignInit(s, &m, priv));
        P11_OK(f->C_Sign(s, digest, n, sig, &sig_len));
        cr_assert_eq(sig_len, 2 * n);
        cr_assert_eq(gost_3410_verify_digest(c->curve, q, digest, n, sig), 0,
                     "curve %zu: libgost rejects the module's signature", i);
        P11_OK(f->C_VerifyInit(s, &m, pub));
        P11_OK(f->C_Verify(s, digest, n, sig, sig_len));
        sig[3] ^= 1;
        P11_OK(f->C_VerifyInit(s, &m, pub));
        P11_RV(f->C_Verify(s, digest, n, sig, sig_len), CKR_SIGNATURE_INVALID);
    }
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_gost3410, multipart_and_buffer_rules)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE pub, priv;
    CK_MECHANISM m = {CKM_GOSTR3410, NULL, 0}, m512 = {CKM_GOSTR3410_512, NULL, 0};
    CK_BYTE digest[33] = {1, 2, 3}, sig[64], q[64];
    CK_ULONG len;
    P11_OK(keypair(f, s, &curves[1], CK_FALSE, &pub, &priv));
    public_value(f, s, pub, q, 64);
    P11_RV(f->C_Sign(s, digest, 32, sig, &len), CKR_OPERATION_NOT_INITIALIZED);
    P11_RV(f->C_SignInit(s, &m, pub), CKR_KEY_TYPE_INCONSISTENT);
    P11_RV(f->C_SignInit(s, &m512, priv), CKR_KEY_TYPE_INCONSISTENT);
    P11_RV(f->C_SignInit(s, &m, 424242), CKR_KEY_HANDLE_INVALID);
    P11_RV(f->C_SignInit(s, NULL, priv), CKR_ARGUMENTS_BAD);
    {
        CK_MECHANISM bad = {CKM_RSA_PKCS, NULL, 0};
        P11_RV(f->C_SignInit(s, &bad, priv), CKR_MECHANISM_INVALID);
    }
    {
        CK_BYTE p = 1;
        CK_MECHANISM with_param = {CKM_GOSTR3410, &p, 1};
        P11_RV(f->C_SignInit(s, &with_param, priv), CKR_MECHANISM_PARAM_INVALID);
    }
    P11_OK(f->C_SignInit(s, &m, priv));
    P11_RV(f->C_SignInit(s, &m, priv), CKR_OPERATION_ACTIVE);
    P11_OK(f->C_Sign(s, digest, 32, NULL, &len)); /* size query keeps the operation */
    cr_assert_eq(len, 64);
    len = 10;
    P11_RV(f->C_Sign(s, digest, 32, sig, &len), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(len, 64);
    P11_OK(f->C_Sign(s, digest, 32, sig, &len));
    cr_assert_eq(gost_3410_verify_digest(GOST_CURVE_256_B, q, digest, 32, sig), 0);
    /* multi-part: the digest in pieces */
    P11_OK(f->C_SignInit(s, &m, priv));
    P11_OK(f->C_SignUpdate(s, digest, 10));
    P11_OK(f->C_SignUpdate(s, digest + 10, 22));
    len = sizeof sig;
    P11_OK(f->C_SignFinal(s, sig, &len));
    cr_assert_eq(gost_3410_verify_digest(GOST_CURVE_256_B, q, digest, 32, sig), 0);
    P11_OK(f->C_VerifyInit(s, &m, pub));
    P11_OK(f->C_VerifyUpdate(s, digest, 31));
    P11_OK(f->C_VerifyUpdate(s, digest + 31, 1));
    P11_OK(f->C_VerifyFinal(s, sig, 64));
    P11_RV(f->C_VerifyFinal(s, sig, 64), CKR_OPERATION_NOT_INITIALIZED);
    /* wrong lengths end the operation with the right code */
    P11_OK(f->C_SignInit(s, &m, priv));
    len = sizeof sig;
    P11_RV(f->C_Sign(s, digest, 33, sig, &len), CKR_DATA_LEN_RANGE);
    P11_RV(f->C_SignFinal(s, sig, &len), CKR_OPERATION_NOT_INITIALIZED);
    P11_OK(f->C_VerifyInit(s, &m, pub));
    P11_RV(f->C_Verify(s, digest, 32, sig, 63), CKR_SIGNATURE_LEN_RANGE);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_gost3410, key_usage_enforced)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE pub, priv;
    CK_MECHANISM m = {CKM_GOSTR3410, NULL, 0};
    CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE nosign[] = {{CKA_SIGN, &no, 1}};
    CK_BYTE v[64];
    CK_ATTRIBUTE get[] = {{CKA_VALUE, v, sizeof v}};
    P11_OK(keypair(f, s, &curves[0], CK_FALSE, &pub, &priv));
    P11_RV(f->C_GetAttributeValue(s, priv, get, 1), CKR_ATTRIBUTE_SENSITIVE);
    P11_OK(f->C_SetAttributeValue(s, priv, nosign, 1));
    P11_RV(f->C_SignInit(s, &m, priv), CKR_KEY_FUNCTION_NOT_PERMITTED);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_gost3410, keygen_template_errors)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_HANDLE pub, priv;
    CK_MECHANISM m = {CKM_GOSTR3410_KEY_PAIR_GEN, NULL, 0};
    CK_MECHANISM m512 = {CKM_GOSTR3410_512_KEY_PAIR_GEN, NULL, 0};
    CK_ATTRIBUTE p256[] = {{CKA_GOSTR3410_PARAMS, (void *)oid_256a, sizeof oid_256a}};
    CK_ATTRIBUTE p512[] = {{CKA_GOSTR3410_PARAMS, (void *)oid_512a, sizeof oid_512a}};
    CK_BYTE junk_oid[] = {0x06, 0x03, 0x2a, 0x03, 0x04};
    CK_ATTRIBUTE pjunk[] = {{CKA_GOSTR3410_PARAMS, junk_oid, sizeof junk_oid}};
    CK_ATTRIBUTE with_value[] = {{CKA_GOSTR3410_PARAMS, (void *)oid_256a, sizeof oid_256a},
                                 {CKA_VALUE, "x", 1}};
    P11_RV(f->C_GenerateKeyPair(s, &m, NULL, 0, NULL, 0, &pub, &priv), CKR_TEMPLATE_INCOMPLETE);
    P11_RV(f->C_GenerateKeyPair(s, &m512, p256, 1, NULL, 0, &pub, &priv),
           CKR_TEMPLATE_INCONSISTENT);
    P11_RV(f->C_GenerateKeyPair(s, &m, p256, 1, p512, 1, &pub, &priv), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(f->C_GenerateKeyPair(s, &m, pjunk, 1, NULL, 0, &pub, &priv),
           CKR_ATTRIBUTE_VALUE_INVALID);
    P11_RV(f->C_GenerateKeyPair(s, &m, with_value, 2, NULL, 0, &pub, &priv),
           CKR_TEMPLATE_INCONSISTENT);
    P11_RV(f->C_GenerateKeyPair(s, &m, p256, 1, NULL, 0, NULL, &priv), CKR_ARGUMENTS_BAD);
    cr_assert_eq(p11t_count(f, s, NULL, 0), 0, "failed generation leaves no object");
    /* the private key's params alone are enough too */
    P11_OK(f->C_GenerateKeyPair(s, &m512, NULL, 0, p512, 1, &pub, &priv));
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_gost3410, imported_keys)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_CLASS pubc = CKO_PUBLIC_KEY, privc = CKO_PRIVATE_KEY;
    CK_KEY_TYPE kt = CKK_GOSTR3410;
    CK_BYTE d[32], q[64], der[66], digest[32] = {9}, sig[64];
    CK_ULONG len = sizeof sig;
    CK_OBJECT_HANDLE pub, priv;
    CK_MECHANISM m = {CKM_GOSTR3410, NULL, 0};
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_256_B, d, q), 0);
    der[0] = 0x04;
    der[1] = 0x40;
    memcpy(der + 2, q, 64);
    {
        CK_ATTRIBUTE pt[] = {{CKA_CLASS, &pubc, sizeof pubc},
                             {CKA_KEY_TYPE, &kt, sizeof kt},
                             {CKA_GOSTR3410_PARAMS, (void *)oid_256b, sizeof oid_256b},
                             {CKA_VALUE, der, sizeof der}};
        CK_ATTRIBUTE kt_[] = {{CKA_CLASS, &privc, sizeof privc},
                              {CKA_KEY_TYPE, &kt, sizeof kt},
                              {CKA_PRIVATE, &yes, 1},
                              {CKA_GOSTR3410_PARAMS, (void *)oid_256b, sizeof oid_256b},
                              {CKA_VALUE, d, sizeof d}};
        CK_BYTE back[70];
        CK_ATTRIBUTE get = {CKA_VALUE, back, sizeof back};
        CK_BYTE bad[64];
        CK_ATTRIBUTE badpt[] = {{CKA_CLASS, &pubc, sizeof pubc},
                                {CKA_KEY_TYPE, &kt, sizeof kt},
                                {CKA_GOSTR3410_PARAMS, (void *)oid_256b, sizeof oid_256b},
                                {CKA_VALUE, bad, sizeof bad}};
        P11_OK(f->C_CreateObject(s, pt, 4, &pub));
        P11_OK(f->C_GetAttributeValue(s, pub, &get, 1));
        cr_assert_eq(get.ulValueLen, 64, "stored as X||Y");
        cr_assert(memcmp(back, q, 64) == 0);
        P11_OK(f->C_CreateObject(s, kt_, 5, &priv));
        memset(bad, 0x11, sizeof bad);
        P11_RV(f->C_CreateObject(s, badpt, 4, &pub), CKR_ATTRIBUTE_VALUE_INVALID);
    }
    P11_OK(f->C_SignInit(s, &m, priv));
    P11_OK(f->C_Sign(s, digest, 32, sig, &len));
    cr_assert_eq(gost_3410_verify_digest(GOST_CURVE_256_B, q, digest, 32, sig), 0);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_gost3410, secret_keygen_and_random)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_MECHANISM kuz = {CKM_KUZNYECHIK_KEY_GEN, NULL, 0};
    CK_MECHANISM gen = {CKM_GENERIC_SECRET_KEY_GEN, NULL, 0};
    CK_ULONG vl = 48, got_len = 0;
    CK_KEY_TYPE kt = 0;
    CK_BBOOL as = CK_FALSE, ne = CK_FALSE;
    CK_ATTRIBUTE with_len[] = {{CKA_VALUE_LEN, &vl, sizeof vl}};
    CK_ATTRIBUTE get[] = {{CKA_VALUE_LEN, &got_len, sizeof got_len},
                          {CKA_KEY_TYPE, &kt, sizeof kt},
                          {CKA_ALWAYS_SENSITIVE, &as, 1},
                          {CKA_NEVER_EXTRACTABLE, &ne, 1}};
    CK_OBJECT_HANDLE k;
    CK_BYTE r1[32], r2[32];
    P11_OK(f->C_GenerateKey(s, &kuz, NULL, 0, &k));
    P11_OK(f->C_GetAttributeValue(s, k, get, 4));
    cr_assert_eq(got_len, 32);
    cr_assert_eq(kt, CKK_KUZNYECHIK);
    cr_assert(as == CK_TRUE && ne == CK_TRUE);
    P11_RV(f->C_GenerateKey(s, &gen, NULL, 0, &k), CKR_TEMPLATE_INCOMPLETE);
    P11_OK(f->C_GenerateKey(s, &gen, with_len, 1, &k));
    P11_OK(f->C_GetAttributeValue(s, k, get, 2));
    cr_assert_eq(got_len, 48);
    P11_RV(f->C_GenerateKey(s, &kuz, with_len, 1, &k), CKR_TEMPLATE_INCONSISTENT);
    P11_OK(f->C_GenerateRandom(s, r1, sizeof r1));
    P11_OK(f->C_GenerateRandom(s, r2, sizeof r2));
    cr_assert(memcmp(r1, r2, sizeof r1) != 0);
    P11_RV(f->C_GenerateRandom(s, NULL, 4), CKR_ARGUMENTS_BAD);
    P11_RV(f->C_GenerateRandom(777, r1, 4), CKR_SESSION_HANDLE_INVALID);
    P11_OK(f->C_Finalize(NULL));
}
