/* Key derivation through PKCS#11 beyond plain VKO:
 *  - CKM_GOST_KEG: the library's KEG (itself checked against RFC 9189 and
 *    OpenSSL's GOST engine, test_keg.c), and its twin key wrapping with
 *    KExp15 from one party to the other;
 *  - CKM_GOSTR3410_12_DERIVE with kdf CKD_KDF_4357 / CKD_CPDIVERSIFY_KDF:
 *    OpenSSL's GOST engine encrypts a CEK to a key whose private half is in
 *    the token (CryptoPro key transport, RFC 4490 s.4.2); the module
 *    derives the KEK from the transport's ephemeral key and UKM, decrypts
 *    the CEK with CKM_GOST28147_ECB and checks its MAC with CKM_GOST28147_MAC;
 *    CKM_KDF_4357 on the plain VKO output does the same in two steps;
 *  - kdf CKD_KDF_GOSTR3411_2012_256 against OpenSSL: the engine's VKO (8-byte
 *    UKM) then HMAC-Streebog-256 over 01 | 26bdb878 | 00 | UKM | 01 00;
 *  - CKM_KDF_GOSTR3411_2012_256 on a secret key: the R 50.1.113-2016 KDF
 *    examples (vectors/kdf.txt), the values of Aladdin's TC026 test;
 *  - the exact CKR_* of every bad parameter. */
#include <criterion/criterion.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "gost/gost3410.h"
#include "gost/kdf.h"
#include "gost/keg.h"
#include "gost/keywrap.h"
#include "gost/vko.h"
#include "ossl.h"
#include "streebog_ossl.h"
#include "test_p11_common.h"
#include "test_p11_vectors.h"
#include "testutil.h"

/* From test_gost3410.c (linked into the same binary). */
ENGINE *test_engine(void);
EVP_PKEY *test_engine_keygen(enum gost_curve c, uint8_t *priv, uint8_t *pub);

static CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
static CK_OBJECT_CLASS secret_class = CKO_SECRET_KEY;

/* DER OIDs (CKA_GOSTR3410_PARAMS): TC 26 256-bit paramSetB (CryptoPro A,
 * the engine's paramset A) and 512-bit paramSetA. */
static const CK_BYTE oid_256b[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x02};
static const CK_BYTE oid_512a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x01};
/* id-tc26-gost-28147-param-Z 1.2.643.7.1.2.5.1.1 and CryptoPro-A 1.2.643.2.2.31.1 */
static const CK_BYTE oid_param_z[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x05, 0x01, 0x01};
static const CK_BYTE oid_param_cpa[] = {0x06, 0x07, 0x2a, 0x85, 0x03, 0x02, 0x02, 0x1f, 0x01};

static CK_OBJECT_HANDLE private_key(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s,
                                    enum gost_curve c, const uint8_t *x, CK_BBOOL derive)
{
    CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    size_t n = gost_curve_size(c);
    CK_KEY_TYPE kt = n == 64 ? CKK_GOSTR3410_512 : CKK_GOSTR3410;
    const CK_BYTE *oid = n == 64 ? oid_512a : oid_256b;
    cr_assert(c == GOST_CURVE_256_B || c == GOST_CURVE_512_A);
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_KEY_TYPE, &kt, sizeof kt},
                        {CKA_PRIVATE, &yes, 1},
                        {CKA_DERIVE, &derive, 1},
                        {CKA_GOSTR3410_PARAMS, (void *)oid, sizeof oid_256b},
                        {CKA_VALUE, (void *)x, n}};
    CK_OBJECT_HANDLE h;
    P11_OK(f->C_CreateObject(s, t, 6, &h));
    return h;
}

/* Derives a key of type kt (CKA_VALUE_LEN vl when not 0), readable. */
static CK_RV derive(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_MECHANISM *m,
                    CK_OBJECT_HANDLE base, CK_KEY_TYPE kt, CK_ULONG vl, CK_OBJECT_HANDLE *out)
{
    CK_ATTRIBUTE t[] = {{CKA_KEY_TYPE, &kt, sizeof kt},  {CKA_SENSITIVE, &no, 1},
                        {CKA_EXTRACTABLE, &yes, 1},      {CKA_WRAP, &yes, 1},
                        {CKA_UNWRAP, &yes, 1},           {CKA_DECRYPT, &yes, 1},
                        {CKA_SIGN, &yes, 1},             {CKA_DERIVE, &yes, 1},
                        {CKA_VALUE_LEN, &vl, sizeof vl}};
    return f->C_DeriveKey(s, m, base, t, vl ? 9 : 8, out);
}

static size_t value_of(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE h,
                       uint8_t *out, size_t cap)
{
    CK_ATTRIBUTE a = {CKA_VALUE, out, cap};
    P11_OK(f->C_GetAttributeValue(s, h, &a, 1));
    return a.ulValueLen;
}

/* A mechanism that makes 32-byte keys only refuses a twin key and a 64-byte
 * generic secret. */
static void refuses_64_byte_keys(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_MECHANISM *m,
                                 CK_OBJECT_HANDLE base)
{
    CK_OBJECT_HANDLE h;
    P11_RV(derive(f, s, m, base, CKK_KUZNYECHIK_TWIN_KEY, 0, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(derive(f, s, m, base, CKK_MAGMA_TWIN_KEY, 64, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(derive(f, s, m, base, CKK_GENERIC_SECRET, 64, &h), CKR_TEMPLATE_INCONSISTENT);
}

/* ---- KEG ------------------------------------------------------------------ */

/* Both parties derive a Kuznyechik twin key with KEG; A wraps a key with
 * KExp15, B unwraps it; the twin key's value is the library's KEG. */
Test(p11_derive, keg_twin_keys_carry_kexp15, .timeout = 60)
{
    static const enum gost_curve cs[] = {GOST_CURVE_256_B, GOST_CURVE_512_A};
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint64_t seed = test_seed();
    for (size_t i = 0; i < 2; i++) {
        enum gost_curve c = cs[i];
        size_t n = gost_curve_size(c), ukm_len = n == 64 ? 16 : 24;
        uint8_t xa[64], xb[64], pa[128], pb[128], ukm[32], want[64], got[64], cek[32], iv[8];
        uint8_t wrapped[64];
        CK_ULONG wrapped_len = sizeof wrapped;
        cr_assert_eq(gost_3410_keygen(c, xa, pa), GOST_OK);
        cr_assert_eq(gost_3410_keygen(c, xb, pb), GOST_OK);
        test_rand_bytes(&seed, ukm, sizeof ukm);
        test_rand_bytes(&seed, cek, sizeof cek);
        test_rand_bytes(&seed, iv, sizeof iv);
        CK_OBJECT_HANDLE ka = private_key(f, s, c, xa, CK_TRUE);
        CK_OBJECT_HANDLE kb = private_key(f, s, c, xb, CK_TRUE);
        CK_ECDH1_DERIVE_PARAMS pa_ = {CKD_NULL, ukm_len, ukm, 2 * n, pb};
        CK_ECDH1_DERIVE_PARAMS pb_ = {CKD_NULL, ukm_len, ukm, 2 * n, pa};
        CK_MECHANISM ma = {CKM_GOST_KEG, &pa_, sizeof pa_}, mb = {CKM_GOST_KEG, &pb_, sizeof pb_};
        CK_OBJECT_HANDLE ta, tb, gen, k, u;
        P11_OK(derive(f, s, &ma, ka, CKK_KUZNYECHIK_TWIN_KEY, 0, &ta));
        P11_OK(derive(f, s, &mb, kb, CKK_KUZNYECHIK_TWIN_KEY, 0, &tb));
        cr_assert_eq(gost_keg(c, want, xa, pb, ukm, ukm_len), GOST_OK);
        cr_assert_eq(value_of(f, s, ta, got, sizeof got), 64);
        cr_assert(memcmp(got, want, 64) == 0, "KEG twin key on %s", gost_curve_name(c));
        /* a generic secret (64 bytes) and the largest UKM give the same key */
        pa_.ulSharedDataLen = 32;
        P11_OK(derive(f, s, &ma, ka, CKK_GENERIC_SECRET, 0, &gen));
        cr_assert_eq(value_of(f, s, gen, got, sizeof got), 64);
        cr_assert(memcmp(got, want, 64) == 0);
        /* A exports a Kuznyechik key under its twin key, B imports it */
        k = p11t_secret(f, s, CKK_KUZNYECHIK, cek, 32, CK_TRUE);
        CK_MECHANISM wm = {CKM_KUZNYECHIK_KEXP_15_WRAP, iv, 8};
        P11_OK(f->C_WrapKey(s, &wm, ta, k, wrapped, &wrapped_len));
        cr_assert_eq(wrapped_len, 48);
        CK_KEY_TYPE kuz = CKK_KUZNYECHIK;
        CK_ATTRIBUTE ut[] = {{CKA_CLASS, &secret_class, sizeof secret_class},
                             {CKA_KEY_TYPE, &kuz, sizeof kuz},
                             {CKA_SENSITIVE, &no, 1},
                             {CKA_EXTRACTABLE, &yes, 1}};
        P11_OK(f->C_UnwrapKey(s, &wm, tb, wrapped, wrapped_len, ut, 4, &u));
        cr_assert_eq(value_of(f, s, u, got, sizeof got), 32);
        cr_assert(memcmp(got, cek, 32) == 0);
        /* ... and the wrapping is KExp15 under K_mac = KEG[0..32), K_enc = KEG[32..64) */
        CK_OBJECT_HANDLE other;
        P11_OK(derive(f, s, &mb, kb, CKK_MAGMA_TWIN_KEY, 0, &other));
        CK_MECHANISM mm = {CKM_MAGMA_KEXP_15_WRAP, iv, 4};
        uint8_t w2[64];
        CK_ULONG w2_len = sizeof w2;
        P11_OK(f->C_WrapKey(s, &mm, other, k, w2, &w2_len));
        cr_assert_eq(w2_len, 40);
    }
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_derive, keg_bad_parameters)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint8_t x[64], p[128], x5[64], p5[128], ukm[40] = {7}, bad[128], key[32] = {1};
    CK_OBJECT_HANDLE h;
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_256_B, x, p), GOST_OK);
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_512_A, x5, p5), GOST_OK);
    CK_OBJECT_HANDLE k = private_key(f, s, GOST_CURVE_256_B, x, CK_TRUE);
    CK_OBJECT_HANDLE k5 = private_key(f, s, GOST_CURVE_512_A, x5, CK_TRUE);
    CK_ECDH1_DERIVE_PARAMS prm = {CKD_NULL, 24, ukm, 64, p};
    CK_MECHANISM m = {CKM_GOST_KEG, &prm, sizeof prm};
    P11_OK(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h));
    /* the parameter itself */
    m.pParameter = NULL;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    m.pParameter = &prm, m.ulParameterLen = sizeof prm - 1;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    m.ulParameterLen = sizeof prm;
    prm.kdf = CKD_KDF_GOSTR3411_2012_256;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.kdf = CKD_NULL;
    /* UKM lengths: 24..32 for 256-bit keys, 16..32 for 512-bit keys */
    static const CK_ULONG bad256[] = {0, 8, 16, 23, 33}, bad512[] = {0, 8, 15, 33};
    for (size_t i = 0; i < sizeof bad256 / sizeof bad256[0]; i++) {
        prm.ulSharedDataLen = bad256[i];
        P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    }
    prm.ulSharedDataLen = 24, prm.pSharedData = NULL;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.pSharedData = ukm, prm.ulPublicDataLen = 128, prm.pPublicData = p5;
    for (size_t i = 0; i < sizeof bad512 / sizeof bad512[0]; i++) {
        prm.ulSharedDataLen = bad512[i];
        P11_RV(derive(f, s, &m, k5, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    }
    prm.ulSharedDataLen = 16;
    P11_OK(derive(f, s, &m, k5, CKK_GENERIC_SECRET, 0, &h));
    /* the public key: NULL, wrong length, off the curve, the other size */
    prm.pPublicData = NULL;
    P11_RV(derive(f, s, &m, k5, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.pPublicData = p5, prm.ulPublicDataLen = 127;
    P11_RV(derive(f, s, &m, k5, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.ulSharedDataLen = 24, prm.pPublicData = bad, prm.ulPublicDataLen = 64;
    memcpy(bad, p, 64);
    bad[5] ^= 1;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.pPublicData = p5, prm.ulPublicDataLen = 128;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.pPublicData = p, prm.ulPublicDataLen = 64;
    /* the new key: 64 bytes, no single cipher key */
    P11_RV(derive(f, s, &m, k, CKK_KUZNYECHIK, 0, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(derive(f, s, &m, k, CKK_GOST28147, 0, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 32, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(derive(f, s, &m, k, CKK_MAGMA_TWIN_KEY, 32, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_OK(derive(f, s, &m, k, CKK_MAGMA_TWIN_KEY, 64, &h));
    /* the base key: a secret key, a key without CKA_DERIVE */
    CK_OBJECT_HANDLE sk = p11t_secret(f, s, CKK_GENERIC_SECRET, key, 32, CK_TRUE);
    P11_RV(derive(f, s, &m, sk, CKK_GENERIC_SECRET, 0, &h), CKR_KEY_TYPE_INCONSISTENT);
    P11_RV(derive(f, s, &m, private_key(f, s, GOST_CURVE_256_B, x, CK_FALSE), CKK_GENERIC_SECRET,
                  0, &h),
           CKR_KEY_FUNCTION_NOT_PERMITTED);
    P11_OK(f->C_Finalize(NULL));
}

/* ---- CKM_GOSTR3410_12_DERIVE with a kdf ------------------------------------- */

/* A DER element: tag, value, the position after it. */
static const uint8_t *der(const uint8_t *p, const uint8_t *end, int tag, const uint8_t **val,
                          size_t *len)
{
    size_t l;
    cr_assert(end - p >= 2 && p[0] == tag, "DER tag 0x%02x, want 0x%02x", p[0], tag);
    l = p[1];
    p += 2;
    if (l & 0x80) {
        size_t nb = l & 0x7f;
        cr_assert(nb >= 1 && nb <= 2 && (size_t)(end - p) >= nb);
        for (l = 0; nb--; p++)
            l = l << 8 | *p;
    }
    cr_assert((size_t)(end - p) >= l);
    *val = p;
    *len = l;
    return p + l;
}

struct transport {
    uint8_t enc[32], mac[4], ukm[8], eph[66]; /* eph: 04 40 X||Y, as the module accepts */
    const uint8_t *cipher_oid;
    size_t cipher_oid_len;
};

/* GostR3410-KeyTransport (RFC 4490 s.4.2.1): SEQUENCE { SEQUENCE {
 * encryptedKey OCTET STRING, macKey OCTET STRING }, [0] { encryptionParamSet
 * OID, [0] ephemeralPublicKey SubjectPublicKeyInfo, ukm OCTET STRING } }. */
static void parse_transport(const uint8_t *buf, size_t len, struct transport *t)
{
    const uint8_t *end = buf + len, *top, *v, *ek, *tp, *spki, *q;
    size_t tl, vl, ekl, tpl, spkil, ql;
    der(buf, end, 0x30, &top, &tl);
    tp = der(top, top + tl, 0x30, &ek, &ekl);
    const uint8_t *ekp = der(ek, ek + ekl, 0x04, &v, &vl);
    cr_assert_eq(vl, 32);
    memcpy(t->enc, v, 32);
    der(ekp, ek + ekl, 0x04, &v, &vl);
    cr_assert_eq(vl, 4);
    memcpy(t->mac, v, 4);
    der(tp, top + tl, 0xa0, &tp, &tpl);
    const uint8_t *after_oid = der(tp, tp + tpl, 0x06, &t->cipher_oid, &t->cipher_oid_len);
    const uint8_t *after_key = der(after_oid, tp + tpl, 0xa0, &spki, &spkil);
    der(after_key, tp + tpl, 0x04, &v, &vl);
    cr_assert_eq(vl, 8);
    memcpy(t->ukm, v, 8);
    const uint8_t *bits = der(spki, spki + spkil, 0x30, &v, &vl); /* AlgorithmIdentifier */
    der(bits, spki + spkil, 0x03, &q, &ql);
    cr_assert(ql == 67 && q[0] == 0 && q[1] == 0x04 && q[2] == 0x40, "public key %zu bytes", ql);
    memcpy(t->eph, q + 1, 66);
}

/* OpenSSL's GOST engine encrypts cek to the public key of pk (no UKM set:
 * CryptoPro key transport with a fresh ephemeral key and a random UKM). */
static void engine_transport(EVP_PKEY *pk, const uint8_t cek[32], struct transport *t,
                             uint8_t *buf, size_t cap)
{
    size_t len = cap;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(pk, test_engine());
    cr_assert_not_null(c);
    cr_assert_eq(EVP_PKEY_encrypt_init(c), 1);
    cr_assert_eq(EVP_PKEY_encrypt(c, buf, &len, cek, 32), 1);
    EVP_PKEY_CTX_free(c);
    parse_transport(buf, len, t);
}

/* The CEK decrypted with KEK (a CKK_GOST28147 key) and its MAC checked. */
static void open_transport(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE kek,
                           const struct transport *t, const uint8_t cek[32])
{
    uint8_t got[32], mac[4];
    CK_ULONG len = sizeof got, mlen = sizeof mac;
    CK_MECHANISM ecb = {CKM_GOST28147_ECB, NULL, 0};
    CK_MECHANISM imit = {CKM_GOST28147_MAC, (void *)t->ukm, 8}; /* RFC 4357 s.6.3: IV = UKM */
    P11_OK(f->C_DecryptInit(s, &ecb, kek));
    P11_OK(f->C_Decrypt(s, (CK_BYTE_PTR)t->enc, 32, got, &len));
    cr_assert(len == 32 && memcmp(got, cek, 32) == 0, "the CEK does not decrypt");
    P11_OK(f->C_SignInit(s, &imit, kek));
    P11_OK(f->C_Sign(s, got, 32, mac, &mlen));
    cr_assert(mlen == 4 && memcmp(mac, t->mac, 4) == 0, "the CEK MAC differs");
}

Test(p11_derive, kdf_4357_opens_engine_key_transport, .timeout = 60)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint64_t seed = test_seed();
    uint8_t x[32], pub[64], cek[32], der_buf[512], v[64];
    EVP_PKEY *pk = test_engine_keygen(GOST_CURVE_256_B, x, pub);
    CK_OBJECT_HANDLE k = private_key(f, s, GOST_CURVE_256_B, x, CK_TRUE), kek, vko, kek2;
    static const CK_ULONG kdfs[] = {CKD_KDF_4357, CKD_CPDIVERSIFY_KDF};
    for (int iter = 0; iter < 4; iter++) {
        struct transport t;
        test_rand_bytes(&seed, cek, sizeof cek);
        engine_transport(pk, cek, &t, der_buf, sizeof der_buf);
        /* the engine names param-Z for GOST R 34.10-2012 keys */
        cr_assert(t.cipher_oid_len == sizeof oid_param_z - 2 &&
                  memcmp(t.cipher_oid, oid_param_z + 2, t.cipher_oid_len) == 0);
        CK_GOSTR3410_DERIVE_PARAMS p = {kdfs[iter & 1], t.eph, sizeof t.eph, t.ukm, 8};
        CK_MECHANISM m = {CKM_GOSTR3410_12_DERIVE, &p, sizeof p};
        P11_OK(derive(f, s, &m, k, CKK_GOST28147, 0, &kek));
        open_transport(f, s, kek, &t, cek);
        /* in two steps: the plain VKO-256, then CKM_KDF_4357 on it */
        p.kdf = CKD_NULL;
        P11_OK(derive(f, s, &m, k, CKK_GOST28147, 0, &vko));
        CK_MECHANISM m2 = {CKM_KDF_4357, t.ukm, 8};
        P11_OK(derive(f, s, &m2, vko, CKK_GOST28147, 0, &kek2));
        open_transport(f, s, kek2, &t, cek);
        if (iter == 0) {
            uint8_t a[64], b[64];
            cr_assert_eq(value_of(f, s, kek, a, sizeof a), 32);
            cr_assert_eq(value_of(f, s, kek2, b, sizeof b), 32);
            cr_assert(memcmp(a, b, 32) == 0);
        }
    }
    /* Another S-box set in the new key's template changes the KEK as the
     * library says; other new key types take the same 32 bytes. */
    uint8_t ukm[8] = {1, 2, 3, 4, 5, 6, 7, 8}, want[32];
    uint8_t peer_x[32], peer[64];
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_256_B, peer_x, peer), GOST_OK);
    CK_GOSTR3410_DERIVE_PARAMS p = {CKD_KDF_4357, peer, 64, ukm, 8};
    CK_MECHANISM m = {CKM_GOSTR3410_12_DERIVE, &p, sizeof p};
    CK_KEY_TYPE g89 = CKK_GOST28147;
    CK_ATTRIBUTE t[] = {{CKA_KEY_TYPE, &g89, sizeof g89},
                        {CKA_SENSITIVE, &no, 1},
                        {CKA_EXTRACTABLE, &yes, 1},
                        {CKA_GOST28147_PARAMS, (void *)oid_param_cpa, sizeof oid_param_cpa}};
    P11_OK(f->C_DeriveKey(s, &m, k, t, 4, &kek));
    cr_assert_eq(gost_vko_derive_256(GOST_CURVE_256_B, want, x, peer, ukm, 8), GOST_OK);
    cr_assert_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_CRYPTOPRO_A, want, ukm, want),
                 GOST_OK);
    cr_assert_eq(value_of(f, s, kek, v, sizeof v), 32);
    cr_assert(memcmp(v, want, 32) == 0);
    cr_assert_eq(gost_vko_derive_256(GOST_CURVE_256_B, want, x, peer, ukm, 8), GOST_OK);
    cr_assert_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_TC26_Z, want, ukm, want), GOST_OK);
    static const CK_KEY_TYPE kts[] = {CKK_GENERIC_SECRET, CKK_KUZNYECHIK, CKK_MAGMA};
    for (size_t i = 0; i < 3; i++) {
        P11_OK(derive(f, s, &m, k, kts[i], i == 0 ? 32 : 0, &kek));
        cr_assert_eq(value_of(f, s, kek, v, sizeof v), 32);
        cr_assert(memcmp(v, want, 32) == 0);
    }
    EVP_PKEY_free(pk);
    P11_OK(f->C_Finalize(NULL));
}

/* OpenSSL computes the whole chain on its own: the engine's VKO with an
 * 8-byte UKM (VKO_GOSTR3410_2012_256 on 2012 keys), then HMAC-Streebog-256
 * with gostprov's digest over 01 | 26bdb878 | 00 | UKM | 01 00. */
Test(p11_derive, kdf_gostr3411_2012_256_against_openssl, .timeout = 60)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint64_t seed = test_seed();
    uint8_t xa[32], pa[64], xb[32], pb[64], ukm[8], vko[32], want[32], got[64];
    EVP_PKEY *ka = test_engine_keygen(GOST_CURVE_256_B, xa, pa);
    EVP_PKEY *kb = test_engine_keygen(GOST_CURVE_256_B, xb, pb);
    CK_OBJECT_HANDLE k = private_key(f, s, GOST_CURVE_256_B, xa, CK_TRUE), h;
    for (int iter = 0; iter < 3; iter++) {
        size_t len = sizeof vko;
        test_rand_bytes(&seed, ukm, sizeof ukm);
        EVP_PKEY_CTX *dc = EVP_PKEY_CTX_new(kb, test_engine());
        cr_assert_not_null(dc);
        cr_assert_eq(EVP_PKEY_derive_init(dc), 1);
        cr_assert_eq(EVP_PKEY_derive_set_peer(dc, ka), 1);
        cr_assert_gt(EVP_PKEY_CTX_ctrl(dc, -1, -1, EVP_PKEY_CTRL_SET_IV, 8, ukm), 0);
        cr_assert_eq(EVP_PKEY_derive(dc, vko, &len), 1);
        cr_assert_eq(len, 32);
        EVP_PKEY_CTX_free(dc);
        uint8_t msg[16] = {0x01, 0x26, 0xbd, 0xb8, 0x78, 0x00};
        memcpy(msg + 6, ukm, 8);
        msg[14] = 0x01, msg[15] = 0x00;
        sb_ossl_hmac(32, vko, 32, msg, sizeof msg, want);
        CK_GOSTR3410_DERIVE_PARAMS p = {CKD_KDF_GOSTR3411_2012_256, pb, 64, ukm, 8};
        CK_MECHANISM m = {CKM_GOSTR3410_12_DERIVE, &p, sizeof p};
        P11_OK(derive(f, s, &m, k, iter == 0 ? CKK_KUZNYECHIK : CKK_GENERIC_SECRET, 0, &h));
        cr_assert_eq(value_of(f, s, h, got, sizeof got), 32);
        cr_assert(memcmp(got, want, 32) == 0, "KDF_GOSTR3411_2012_256(VKO) differs");
    }
    EVP_PKEY_free(ka);
    EVP_PKEY_free(kb);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_derive, vko_kdf_bad_parameters)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint8_t x[32], p[64], ukm[16] = {3};
    CK_OBJECT_HANDLE h;
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_256_B, x, p), GOST_OK);
    CK_OBJECT_HANDLE k = private_key(f, s, GOST_CURVE_256_B, x, CK_TRUE);
    CK_GOSTR3410_DERIVE_PARAMS prm = {CKD_KDF_4357, p, 64, ukm, 8};
    CK_MECHANISM m = {CKM_GOSTR3410_12_DERIVE, &prm, sizeof prm};
    P11_OK(derive(f, s, &m, k, CKK_GOST28147, 0, &h));
    /* unknown kdf values, also those of other standards */
    static const CK_ULONG unknown[] = {0, CKD_SHA1_KDF, CKD_SHA256_KDF,
                                       CKM_KDF_TREE_GOSTR3411_2012_256, 0xffffffffUL};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        prm.kdf = unknown[i];
        P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    }
    /* the CryptoPro diversification takes an 8-byte UKM */
    static const CK_ULONG kdf8[] = {CKD_KDF_4357, CKD_CPDIVERSIFY_KDF};
    for (size_t i = 0; i < 2; i++) {
        prm.kdf = kdf8[i];
        prm.ulUKMLen = 7;
        P11_RV(derive(f, s, &m, k, CKK_GOST28147, 0, &h), CKR_MECHANISM_PARAM_INVALID);
        prm.ulUKMLen = 16;
        P11_RV(derive(f, s, &m, k, CKK_GOST28147, 0, &h), CKR_MECHANISM_PARAM_INVALID);
        prm.ulUKMLen = 8;
        refuses_64_byte_keys(f, s, &m, k);
        P11_RV(derive(f, s, &m, k, CKK_GOSTR3411, 0, &h), CKR_TEMPLATE_INCONSISTENT);
    }
    /* an unknown S-box OID in the template */
    CK_BYTE odd_oid[] = {0x06, 0x03, 0x2a, 0x03, 0x04};
    CK_KEY_TYPE g89 = CKK_GOST28147;
    CK_ATTRIBUTE t[] = {{CKA_KEY_TYPE, &g89, sizeof g89},
                        {CKA_GOST28147_PARAMS, odd_oid, sizeof odd_oid}};
    P11_RV(f->C_DeriveKey(s, &m, k, t, 2, &h), CKR_ATTRIBUTE_VALUE_INVALID);
    /* KDF_GOSTR3411_2012_256: 32 bytes, UKM 1..32 */
    prm.kdf = CKD_KDF_GOSTR3411_2012_256;
    refuses_64_byte_keys(f, s, &m, k);
    prm.ulUKMLen = 0;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.ulUKMLen = 16;
    P11_OK(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h));
    /* CKM_VKO_GOSTR3410_2012_512 has no kdf but CKD_NULL */
    m.mechanism = CKM_VKO_GOSTR3410_2012_512;
    P11_RV(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    prm.kdf = CKD_NULL;
    P11_OK(derive(f, s, &m, k, CKK_GENERIC_SECRET, 0, &h));
    P11_OK(f->C_Finalize(NULL));
}

/* ---- derivation from a secret key ----------------------------------------- */

/* The R 50.1.113-2016 examples with K = 00..1f, label 26bdb878, seed
 * af21434145656378: 32 bytes (KDF_GOSTR3411_2012_256, Appendix A) and 64
 * bytes (KDF_TREE, L = 512); Aladdin's TC026 test expects the same. */
Test(p11_derive, kdf_gostr3411_2012_256_known_answers)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    struct p11v_record r256, r512;
    uint8_t key[32], seed[8], want32[32], want64[64], got[64];
    CK_OBJECT_HANDLE h;
    p11v_find("kdf.txt", "kdf-gostr3411-2012-256", 0, &r256);
    p11v_find("kdf.txt", "kdf-tree-gostr3411-2012-256", 0, &r512);
    cr_assert_eq(p11v_bytes(&r256, "key", key, sizeof key), 32);
    cr_assert_eq(p11v_bytes(&r256, "seed", seed, sizeof seed), 8);
    cr_assert_eq(p11v_bytes(&r256, "out", want32, sizeof want32), 32);
    cr_assert_eq(p11v_bytes(&r512, "out", want64, sizeof want64), 64);
    CK_OBJECT_HANDLE base = p11t_secret(f, s, CKK_GENERIC_SECRET, key, 32, CK_TRUE);
    CK_MECHANISM m = {CKM_KDF_GOSTR3411_2012_256, seed, sizeof seed};
    static const struct {
        CK_KEY_TYPE kt;
        CK_ULONG vl;
        size_t len;
    } cases[] = {{CKK_GENERIC_SECRET, 0, 32},  {CKK_GENERIC_SECRET, 32, 32},
                 {CKK_KUZNYECHIK, 0, 32},      {CKK_GOST28147, 0, 32},
                 {CKK_GENERIC_SECRET, 64, 64}, {CKK_KUZNYECHIK_TWIN_KEY, 0, 64},
                 {CKK_MAGMA_TWIN_KEY, 64, 64}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        P11_OK(derive(f, s, &m, base, cases[i].kt, cases[i].vl, &h));
        cr_assert_eq(value_of(f, s, h, got, sizeof got), cases[i].len, "case %zu", i);
        cr_assert(memcmp(got, cases[i].len == 32 ? want32 : want64, cases[i].len) == 0,
                  "case %zu", i);
    }
    /* bad parameters, key types and lengths */
    m.pParameter = NULL;
    P11_RV(derive(f, s, &m, base, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    m.pParameter = seed, m.ulParameterLen = 0;
    P11_RV(derive(f, s, &m, base, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    uint8_t long_seed[65] = {0};
    m.pParameter = long_seed, m.ulParameterLen = 65;
    P11_RV(derive(f, s, &m, base, CKK_GENERIC_SECRET, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    m.ulParameterLen = 64;
    P11_OK(derive(f, s, &m, base, CKK_GENERIC_SECRET, 0, &h));
    m.pParameter = seed, m.ulParameterLen = sizeof seed;
    P11_RV(derive(f, s, &m, base, CKK_KUZNYECHIK, 64, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(derive(f, s, &m, base, CKK_MAGMA_TWIN_KEY, 32, &h), CKR_TEMPLATE_INCONSISTENT);
    P11_RV(derive(f, s, &m, base, CKK_GENERIC_SECRET, 48, &h), CKR_TEMPLATE_INCONSISTENT);
    uint8_t x[32], p[64];
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_256_B, x, p), GOST_OK);
    P11_RV(derive(f, s, &m, private_key(f, s, GOST_CURVE_256_B, x, CK_TRUE), CKK_GENERIC_SECRET,
                  0, &h),
           CKR_KEY_TYPE_INCONSISTENT);
    P11_OK(f->C_Finalize(NULL));
}

/* CKM_KDF_4357 on a 28147 key is RFC 4357 s.6.5 with the base key's S-boxes
 * (CKA_GOST28147_PARAMS, else param-Z), as the library computes it (whose
 * diversification reproduces the GOST engine's key transport, test_keywrap.c
 * and kdf_4357_opens_engine_key_transport above). */
Test(p11_derive, kdf_4357_on_secret_keys)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint64_t seed = test_seed();
    uint8_t key[32], ukm[8], want[32], got[64];
    CK_OBJECT_HANDLE h;
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, ukm, sizeof ukm);
    CK_MECHANISM m = {CKM_KDF_4357, ukm, sizeof ukm};
    CK_OBJECT_HANDLE base = p11t_secret(f, s, CKK_GOST28147, key, 32, CK_TRUE);
    cr_assert_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_TC26_Z, key, ukm, want), GOST_OK);
    P11_OK(derive(f, s, &m, base, CKK_GOST28147, 0, &h));
    cr_assert_eq(value_of(f, s, h, got, sizeof got), 32);
    cr_assert(memcmp(got, want, 32) == 0);
    CK_OBJECT_HANDLE generic = p11t_secret(f, s, CKK_GENERIC_SECRET, key, 32, CK_TRUE);
    P11_OK(derive(f, s, &m, generic, CKK_GENERIC_SECRET, 0, &h));
    cr_assert_eq(value_of(f, s, h, got, sizeof got), 32);
    cr_assert(memcmp(got, want, 32) == 0);
    /* the base key's S-boxes */
    CK_KEY_TYPE g89 = CKK_GOST28147;
    CK_ATTRIBUTE bt[] = {{CKA_CLASS, &secret_class, sizeof secret_class},
                         {CKA_KEY_TYPE, &g89, sizeof g89},
                         {CKA_DERIVE, &yes, 1},
                         {CKA_GOST28147_PARAMS, (void *)oid_param_cpa, sizeof oid_param_cpa},
                         {CKA_VALUE, key, 32}};
    CK_OBJECT_HANDLE base_a;
    P11_OK(f->C_CreateObject(s, bt, 5, &base_a));
    cr_assert_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_CRYPTOPRO_A, key, ukm, want), GOST_OK);
    P11_OK(derive(f, s, &m, base_a, CKK_MAGMA, 0, &h));
    cr_assert_eq(value_of(f, s, h, got, sizeof got), 32);
    cr_assert(memcmp(got, want, 32) == 0);
    /* bad parameters, key types and lengths */
    m.pParameter = NULL;
    P11_RV(derive(f, s, &m, base, CKK_GOST28147, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    m.pParameter = ukm, m.ulParameterLen = 7;
    P11_RV(derive(f, s, &m, base, CKK_GOST28147, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    m.ulParameterLen = 9;
    P11_RV(derive(f, s, &m, base, CKK_GOST28147, 0, &h), CKR_MECHANISM_PARAM_INVALID);
    m.ulParameterLen = 8;
    refuses_64_byte_keys(f, s, &m, base);
    CK_OBJECT_HANDLE kuz = p11t_secret(f, s, CKK_KUZNYECHIK, key, 32, CK_TRUE);
    CK_OBJECT_HANDLE short_key = p11t_secret(f, s, CKK_GENERIC_SECRET, key, 16, CK_TRUE);
    P11_RV(derive(f, s, &m, kuz, CKK_GOST28147, 0, &h), CKR_KEY_TYPE_INCONSISTENT);
    P11_RV(derive(f, s, &m, short_key, CKK_GOST28147, 0, &h), CKR_KEY_SIZE_RANGE);
    CK_BYTE odd_oid[] = {0x06, 0x03, 0x2a, 0x03, 0x04};
    bt[3].pValue = odd_oid, bt[3].ulValueLen = sizeof odd_oid;
    CK_OBJECT_HANDLE odd;
    P11_OK(f->C_CreateObject(s, bt, 5, &odd));
    P11_RV(derive(f, s, &m, odd, CKK_GOST28147, 0, &h), CKR_KEY_TYPE_INCONSISTENT);
    P11_OK(f->C_Finalize(NULL));
}
