/* Streebog, HMAC-Streebog, signatures with hashing and VKO derivation
 * through PKCS#11, each against an independent answer: OpenSSL's gostprov
 * digests and HMACs, libgost's verifier on the exported public key, and VKO
 * computed by the other party through the module. */
#include <criterion/criterion.h>
#include <openssl/core_names.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "gost/gost3410.h"
#include "gost/kdf.h"
#include "gost/streebog.h"
#include "ossl.h"
#include "test_p11_common.h"
#include "testutil.h"

static void ossl_digest(const char *name, const void *msg, size_t len, uint8_t *out)
{
    unsigned int n = 0;
    EVP_MD *md = EVP_MD_fetch(test_ossl_ctx(), name, NULL);
    cr_assert_not_null(md, "gostprov %s", name);
    cr_assert_eq(EVP_Digest(msg, len, out, &n, md, NULL), 1);
    EVP_MD_free(md);
}

static void ossl_hmac(const char *digest, const void *key, size_t klen, const void *msg,
                      size_t len, uint8_t *out)
{
    EVP_MAC *mac = EVP_MAC_fetch(test_ossl_ctx(), "HMAC", NULL);
    EVP_MAC_CTX *c;
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0),
                       OSSL_PARAM_construct_end()};
    size_t n = 0;
    cr_assert_not_null(mac);
    c = EVP_MAC_CTX_new(mac);
    cr_assert_eq(EVP_MAC_init(c, key, klen, p), 1);
    cr_assert_eq(EVP_MAC_update(c, msg, len), 1);
    cr_assert_eq(EVP_MAC_final(c, out, &n, 64), 1);
    EVP_MAC_CTX_free(c);
    EVP_MAC_free(mac);
}

Test(p11_digest, streebog_single_and_multi_part_match_openssl)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    static uint8_t msg[5000];
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, msg, sizeof msg);
    for (int big = 0; big < 2; big++) {
        CK_MECHANISM m = {big ? CKM_GOSTR3411_12_512 : CKM_GOSTR3411_12_256, NULL, 0};
        size_t n = big ? 64 : 32;
        uint8_t want[64], got[64];
        CK_ULONG len = 0;
        ossl_digest(big ? "md_gost12_512" : "md_gost12_256", msg, sizeof msg, want);
        P11_OK(f->C_DigestInit(s, &m));
        P11_RV(f->C_DigestInit(s, &m), CKR_OPERATION_ACTIVE);
        P11_OK(f->C_Digest(s, msg, sizeof msg, NULL, &len));
        cr_assert_eq(len, n);
        len = n - 1;
        P11_RV(f->C_Digest(s, msg, sizeof msg, got, &len), CKR_BUFFER_TOO_SMALL);
        len = sizeof got;
        P11_OK(f->C_Digest(s, msg, sizeof msg, got, &len));
        cr_assert_eq(len, n);
        cr_assert(memcmp(got, want, n) == 0);
        P11_OK(f->C_DigestInit(s, &m));
        P11_OK(f->C_DigestUpdate(s, msg, 1));
        P11_OK(f->C_DigestUpdate(s, msg + 1, 4000));
        P11_OK(f->C_DigestUpdate(s, msg + 4001, sizeof msg - 4001));
        P11_RV(f->C_Digest(s, msg, 1, got, &len), CKR_OPERATION_ACTIVE);
        P11_OK(f->C_DigestInit(s, &m));
        P11_OK(f->C_DigestUpdate(s, msg, 4001));
        P11_OK(f->C_DigestUpdate(s, msg + 4001, sizeof msg - 4001));
        len = sizeof got;
        P11_OK(f->C_DigestFinal(s, got, &len));
        cr_assert(memcmp(got, want, n) == 0);
    }
    {
        CK_BYTE p = 0;
        CK_MECHANISM bad = {CKM_GOSTR3411_12_256, &p, 1};
        P11_RV(f->C_DigestInit(s, &bad), CKR_MECHANISM_PARAM_INVALID);
    }
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_digest, hmac_matches_openssl)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE kt = CKK_GENERIC_SECRET;
    CK_BBOOL yes = CK_TRUE;
    uint8_t key[32], msg[300];
    uint64_t seed = test_seed();
    CK_OBJECT_HANDLE k;
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, msg, sizeof msg);
    {
        CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_KEY_TYPE, &kt, sizeof kt},
                            {CKA_SIGN, &yes, 1},          {CKA_VERIFY, &yes, 1},
                            {CKA_VALUE, key, sizeof key}};
        P11_OK(f->C_CreateObject(s, t, 5, &k));
    }
    for (int big = 0; big < 2; big++) {
        CK_MECHANISM m = {big ? CKM_GOSTR3411_12_512_HMAC : CKM_GOSTR3411_12_256_HMAC, NULL, 0};
        size_t n = big ? 64 : 32;
        uint8_t want[64], got[64];
        CK_ULONG len = sizeof got;
        ossl_hmac(big ? "md_gost12_512" : "md_gost12_256", key, sizeof key, msg, sizeof msg, want);
        P11_OK(f->C_SignInit(s, &m, k));
        P11_OK(f->C_Sign(s, msg, sizeof msg, got, &len));
        cr_assert_eq(len, n);
        cr_assert(memcmp(got, want, n) == 0);
        P11_OK(f->C_VerifyInit(s, &m, k));
        P11_OK(f->C_VerifyUpdate(s, msg, 100));
        P11_OK(f->C_VerifyUpdate(s, msg + 100, sizeof msg - 100));
        P11_OK(f->C_VerifyFinal(s, got, n));
        got[0] ^= 1;
        P11_OK(f->C_VerifyInit(s, &m, k));
        P11_RV(f->C_Verify(s, msg, sizeof msg, got, n), CKR_SIGNATURE_INVALID);
        P11_OK(f->C_VerifyInit(s, &m, k));
        P11_RV(f->C_Verify(s, msg, sizeof msg, got, n - 1), CKR_SIGNATURE_LEN_RANGE);
    }
    P11_OK(f->C_Finalize(NULL));
}

static const CK_BYTE oid_256b[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x02};
static const CK_BYTE oid_512c[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x03};

Test(p11_digest, sign_with_hash_verified_by_libgost)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint8_t msg[777];
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, msg, sizeof msg);
    for (int big = 0; big < 2; big++) {
        CK_MECHANISM gen = {big ? CKM_GOSTR3410_512_KEY_PAIR_GEN : CKM_GOSTR3410_KEY_PAIR_GEN,
                            NULL, 0};
        CK_MECHANISM m = {big ? CKM_GOSTR3410_WITH_GOSTR3411_12_512
                              : CKM_GOSTR3410_WITH_GOSTR3411_12_256,
                          NULL, 0};
        CK_ATTRIBUTE pt[] = {{CKA_GOSTR3410_PARAMS, (void *)(big ? oid_512c : oid_256b),
                              big ? sizeof oid_512c : sizeof oid_256b}};
        enum gost_curve c = big ? GOST_CURVE_512_C : GOST_CURVE_256_B;
        size_t n = big ? 64 : 32;
        CK_OBJECT_HANDLE pub, priv;
        uint8_t q[128], sig[128];
        CK_ATTRIBUTE qa = {CKA_VALUE, q, sizeof q};
        CK_ULONG len = sizeof sig;
        P11_OK(f->C_GenerateKeyPair(s, &gen, pt, 1, NULL, 0, &pub, &priv));
        P11_OK(f->C_GetAttributeValue(s, pub, &qa, 1));
        P11_OK(f->C_SignInit(s, &m, priv));
        P11_OK(f->C_SignUpdate(s, msg, 10));
        P11_OK(f->C_SignUpdate(s, msg + 10, sizeof msg - 10));
        P11_OK(f->C_SignFinal(s, sig, &len));
        cr_assert_eq(len, 2 * n);
        cr_assert_eq(gost_3410_verify_message(c, q, msg, sizeof msg, sig), 0);
        P11_OK(f->C_VerifyInit(s, &m, pub));
        P11_OK(f->C_Verify(s, msg, sizeof msg, sig, len));
        msg[5] ^= 1;
        P11_OK(f->C_VerifyInit(s, &m, pub));
        P11_RV(f->C_Verify(s, msg, sizeof msg, sig, len), CKR_SIGNATURE_INVALID);
    }
    P11_OK(f->C_Finalize(NULL));
}

/* Both parties derive through the module; the keys agree and are extractable
 * only when asked. */
Test(p11_digest, vko_both_parties_agree)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_MECHANISM gen = {CKM_GOSTR3410_KEY_PAIR_GEN, NULL, 0};
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE pt[] = {{CKA_GOSTR3410_PARAMS, (void *)oid_256b, sizeof oid_256b}};
    CK_ATTRIBUTE kt[] = {{CKA_DERIVE, &yes, 1}};
    CK_OBJECT_HANDLE pa, ka, pb, kb, da, db;
    uint8_t qa[64], qb[64], ukm[8] = {1, 2, 3, 4, 5, 6, 7, 8}, va[32], vb[32];
    CK_ATTRIBUTE ga = {CKA_VALUE, qa, 64}, gb = {CKA_VALUE, qb, 64};
    CK_ATTRIBUTE out[] = {{CKA_SENSITIVE, &no, 1}, {CKA_EXTRACTABLE, &yes, 1}};
    CK_GOSTR3410_DERIVE_PARAMS p = {CKD_NULL, qb, 64, ukm, sizeof ukm};
    CK_MECHANISM m = {CKM_GOSTR3410_12_DERIVE, &p, sizeof p};
    CK_ATTRIBUTE ra = {CKA_VALUE, va, 32}, rb = {CKA_VALUE, vb, 32};
    P11_OK(f->C_GenerateKeyPair(s, &gen, pt, 1, kt, 1, &pa, &ka));
    P11_OK(f->C_GenerateKeyPair(s, &gen, pt, 1, kt, 1, &pb, &kb));
    P11_OK(f->C_GetAttributeValue(s, pa, &ga, 1));
    P11_OK(f->C_GetAttributeValue(s, pb, &gb, 1));
    P11_OK(f->C_DeriveKey(s, &m, ka, out, 2, &da));
    p.pPublicData = qa;
    P11_OK(f->C_DeriveKey(s, &m, kb, out, 2, &db));
    P11_OK(f->C_GetAttributeValue(s, da, &ra, 1));
    P11_OK(f->C_GetAttributeValue(s, db, &rb, 1));
    cr_assert(memcmp(va, vb, 32) == 0);
    /* bad input */
    p.ulUKMLen = 0;
    P11_RV(f->C_DeriveKey(s, &m, kb, out, 2, &db), CKR_MECHANISM_PARAM_INVALID);
    p.ulUKMLen = 8;
    memset(qa, 0x11, sizeof qa);
    P11_RV(f->C_DeriveKey(s, &m, kb, out, 2, &db), CKR_MECHANISM_PARAM_INVALID);
    P11_RV(f->C_DeriveKey(s, &m, pa, out, 2, &db), CKR_KEY_FUNCTION_NOT_PERMITTED);
    P11_OK(f->C_Finalize(NULL));
}

/* KDF_TREE through C_DeriveKey equals libgost's KDF_TREE at the offset asked. */
Test(p11_digest, kdf_tree_derive)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE kt = CKK_GENERIC_SECRET;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    uint8_t key[32], label[4] = {0x26, 0xbd, 0xb8, 0x78}, seed[8] = {0xaf, 0x21, 0x43, 0x41};
    uint8_t want[64], got[32];
    CK_OBJECT_HANDLE k, d;
    CK_ULONG vl = 32;
    CK_KDF_TREE_GOST_PARAMS p = {sizeof label, label, sizeof seed, seed, 1, 64, 32}; /* ulL: bytes */
    CK_MECHANISM m = {CKM_KDF_TREE_GOSTR3411_2012_256, &p, sizeof p};
    CK_ATTRIBUTE out[] = {{CKA_SENSITIVE, &no, 1}, {CKA_EXTRACTABLE, &yes, 1},
                          {CKA_VALUE_LEN, &vl, sizeof vl}};
    CK_ATTRIBUTE get = {CKA_VALUE, got, sizeof got};
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    {
        CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                            {CKA_KEY_TYPE, &kt, sizeof kt},
                            {CKA_DERIVE, &yes, 1},
                            {CKA_VALUE, key, sizeof key}};
        P11_OK(f->C_CreateObject(s, t, 4, &k));
    }
    cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(key, 32, label, 4, seed, 8, 1, want, 64), 0);
    P11_OK(f->C_DeriveKey(s, &m, k, out, 3, &d));
    P11_OK(f->C_GetAttributeValue(s, d, &get, 1));
    cr_assert_eq(get.ulValueLen, 32);
    cr_assert(memcmp(got, want + 32, 32) == 0);
    p.ulOffset = 40; /* 40 + 32 > 64 */
    P11_RV(f->C_DeriveKey(s, &m, k, out, 3, &d), CKR_MECHANISM_PARAM_INVALID);
    p.ulOffset = 0;
    p.ulR = 5;
    P11_RV(f->C_DeriveKey(s, &m, k, out, 3, &d), CKR_MECHANISM_PARAM_INVALID);
    P11_OK(f->C_Finalize(NULL));
}
