/* Key management through PKCS#11 against vectors/: KExp15 wrap and unwrap
 * (both ciphers), VKO 256/512 (CKM_GOSTR3410_12_DERIVE on 512-bit keys with
 * the RFC 7836 UKM), KDF_TREE, the twin key from VKO feeding KExp15, and
 * C_GetMechanismList/Info for every mechanism of the ciphers and key
 * management (symmetric key sizes in bytes, as for CKM_AES_*; GOST R 34.10
 * sizes in bits, as v2.40 gives them). */
#include <criterion/criterion.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "test_p11_common.h"
#include "test_p11_vectors.h"

static CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
static CK_OBJECT_CLASS secret_class = CKO_SECRET_KEY;

static size_t value_of(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE h,
                       uint8_t *out, size_t cap)
{
    CK_ATTRIBUTE a = {CKA_VALUE, out, cap};
    P11_OK(f->C_GetAttributeValue(s, h, &a, 1));
    return a.ulValueLen;
}

Test(p11_keys, kexp15_known_answers_and_errors)
{
    static const struct {
        const char *alg;
        CK_MECHANISM_TYPE mech;
        CK_KEY_TYPE twin, cipher;
    } cases[] = {
        {"magma-kexp15", CKM_MAGMA_KEXP_15_WRAP, CKK_MAGMA_TWIN_KEY, CKK_MAGMA},
        {"kuznyechik-kexp15", CKM_KUZNYECHIK_KEXP_15_WRAP, CKK_KUZNYECHIK_TWIN_KEY,
         CKK_KUZNYECHIK},
    };
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    for (size_t i = 0; i < 2; i++) {
        struct p11v_record r;
        uint8_t key[32], twin[64], iv[8], wrapped[64], out[64], got[64];
        size_t iv_len, wrapped_len;
        CK_ULONG out_len = 0;
        p11v_find("kexp15.txt", cases[i].alg, 0, &r);
        p11v_bytes(&r, "key", key, sizeof key);
        p11v_bytes(&r, "k_mac", twin, 32);
        p11v_bytes(&r, "k_enc", twin + 32, 32);
        iv_len = p11v_bytes(&r, "iv", iv, sizeof iv);
        wrapped_len = p11v_bytes(&r, "wrapped", wrapped, sizeof wrapped);
        CK_OBJECT_HANDLE w = p11t_secret(f, s, cases[i].twin, twin, 64, CK_FALSE);
        CK_OBJECT_HANDLE k = p11t_secret(f, s, cases[i].cipher, key, 32, CK_TRUE);
        CK_MECHANISM m = {cases[i].mech, iv, iv_len};
        P11_OK(f->C_WrapKey(s, &m, w, k, NULL, &out_len));
        cr_assert_eq(out_len, wrapped_len);
        out_len = wrapped_len - 1;
        P11_RV(f->C_WrapKey(s, &m, w, k, out, &out_len), CKR_BUFFER_TOO_SMALL);
        cr_assert_eq(out_len, wrapped_len);
        P11_OK(f->C_WrapKey(s, &m, w, k, out, &out_len));
        cr_assert(out_len == wrapped_len && memcmp(out, wrapped, wrapped_len) == 0,
                  "%s: wrapped mismatch", cases[i].alg);
        /* unwrap gives the key back */
        CK_ATTRIBUTE t[] = {{CKA_CLASS, &secret_class, sizeof secret_class},
                            {CKA_KEY_TYPE, (void *)&cases[i].cipher, sizeof(CK_KEY_TYPE)},
                            {CKA_SENSITIVE, &no, 1},
                            {CKA_EXTRACTABLE, &yes, 1}};
        CK_OBJECT_HANDLE u;
        P11_OK(f->C_UnwrapKey(s, &m, w, wrapped, wrapped_len, t, 4, &u));
        cr_assert_eq(value_of(f, s, u, got, sizeof got), 32);
        cr_assert(memcmp(got, key, 32) == 0);
        /* a flipped bit anywhere: the MAC refuses it */
        wrapped[3] ^= 1;
        P11_RV(f->C_UnwrapKey(s, &m, w, wrapped, wrapped_len, t, 4, &u), CKR_WRAPPED_KEY_INVALID);
        wrapped[3] ^= 1;
        P11_RV(f->C_UnwrapKey(s, &m, w, wrapped, iv_len * 2, t, 4, &u),
               CKR_WRAPPED_KEY_LEN_RANGE);
        /* wrong key types, IV length, non-extractable key */
        P11_RV(f->C_WrapKey(s, &m, k, k, out, &out_len), CKR_WRAPPING_KEY_TYPE_INCONSISTENT);
        P11_RV(f->C_UnwrapKey(s, &m, k, wrapped, wrapped_len, t, 4, &u),
               CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT);
        m.ulParameterLen = iv_len + 1;
        P11_RV(f->C_WrapKey(s, &m, w, k, out, &out_len), CKR_MECHANISM_PARAM_INVALID);
        m.ulParameterLen = iv_len;
        P11_RV(f->C_WrapKey(s, &m, w, p11t_secret(f, s, cases[i].cipher, key, 32, CK_FALSE), out,
                            &out_len),
               CKR_KEY_UNEXTRACTABLE);
    }
    P11_OK(f->C_Finalize(NULL));
}

/* CKA_GOSTR3410_PARAMS of id-tc26-gost-3410-12-512-paramSetA. */
static const CK_BYTE oid_512a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x02, 0x01};

static CK_OBJECT_HANDLE private_512a(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s,
                                     const uint8_t *x)
{
    CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    CK_KEY_TYPE kt = CKK_GOSTR3410_512;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                        {CKA_KEY_TYPE, &kt, sizeof kt},
                        {CKA_PRIVATE, &yes, 1},
                        {CKA_DERIVE, &yes, 1},
                        {CKA_GOSTR3410_PARAMS, (void *)oid_512a, sizeof oid_512a},
                        {CKA_VALUE, (void *)x, 64}};
    CK_OBJECT_HANDLE h;
    P11_OK(f->C_CreateObject(s, t, 6, &h));
    return h;
}

Test(p11_keys, vko_512_bit_keys_known_answers)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    for (int i = 0; i < 2; i++) {
        struct p11v_record r;
        uint8_t xa[64], xb[64], pa[128], pb[128], ukm[8], kek[64], got[64];
        size_t ukm_len, kek_len;
        p11v_find("vko.txt", i == 0 ? "vko-gostr3410-2012-256" : "vko-gostr3410-2012-512", 0, &r);
        cr_assert_str_eq(p11v_text(&r, "curve"), "\"id-tc26-gost-3410-12-512-paramSetA\"");
        p11v_bytes(&r, "xa", xa, sizeof xa);
        p11v_bytes(&r, "xb", xb, sizeof xb);
        p11v_bytes(&r, "pa", pa, sizeof pa);
        p11v_bytes(&r, "pb", pb, sizeof pb);
        ukm_len = p11v_bytes(&r, "ukm", ukm, sizeof ukm);
        kek_len = p11v_bytes(&r, "kek", kek, sizeof kek);
        CK_ULONG vl = kek_len;
        CK_KEY_TYPE gen = CKK_GENERIC_SECRET;
        CK_ATTRIBUTE t[] = {{CKA_KEY_TYPE, &gen, sizeof gen},
                            {CKA_VALUE_LEN, &vl, sizeof vl},
                            {CKA_SENSITIVE, &no, 1},
                            {CKA_EXTRACTABLE, &yes, 1}};
        CK_GOSTR3410_DERIVE_PARAMS p = {CKD_NULL, pb, 128, ukm, ukm_len};
        CK_MECHANISM m = {CKM_GOSTR3410_12_DERIVE, &p, sizeof p};
        CK_OBJECT_HANDLE d;
        P11_OK(f->C_DeriveKey(s, &m, private_512a(f, s, xa), t, 4, &d));
        cr_assert_eq(value_of(f, s, d, got, sizeof got), kek_len);
        cr_assert(memcmp(got, kek, kek_len) == 0, "VKO %zu-byte output mismatch (A)", kek_len);
        p.pPublicData = pa; /* the other party */
        P11_OK(f->C_DeriveKey(s, &m, private_512a(f, s, xb), t, 4, &d));
        cr_assert_eq(value_of(f, s, d, got, sizeof got), kek_len);
        cr_assert(memcmp(got, kek, kek_len) == 0, "VKO %zu-byte output mismatch (B)", kek_len);
        if (kek_len == 64) { /* the same with the TC 26 mechanism of its own */
            CK_MECHANISM m512 = {CKM_VKO_GOSTR3410_2012_512, &p, sizeof p};
            P11_OK(f->C_DeriveKey(s, &m512, private_512a(f, s, xb), t, 4, &d));
            cr_assert_eq(value_of(f, s, d, got, sizeof got), 64);
            cr_assert(memcmp(got, kek, 64) == 0, "CKM_VKO_GOSTR3410_2012_512 mismatch");
            vl = 32; /* this mechanism always gives 64 bytes */
            P11_RV(f->C_DeriveKey(s, &m512, private_512a(f, s, xb), t, 4, &d),
                   CKR_TEMPLATE_INCONSISTENT);
        }
        vl = 48; /* neither VKO size */
        P11_RV(f->C_DeriveKey(s, &m, private_512a(f, s, xb), t, 4, &d),
               CKR_TEMPLATE_INCONSISTENT);
    }
    P11_OK(f->C_Finalize(NULL));
}

/* VKO-512 gives both parties one twin key; what one wraps, the other unwraps. */
Test(p11_keys, vko_twin_key_feeds_kexp15)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_MECHANISM gen = {CKM_GOSTR3410_512_KEY_PAIR_GEN, NULL, 0};
    CK_ATTRIBUTE pt[] = {{CKA_GOSTR3410_PARAMS, (void *)oid_512a, sizeof oid_512a}};
    CK_ATTRIBUTE kt[] = {{CKA_DERIVE, &yes, 1}};
    CK_OBJECT_HANDLE pa, ka, pb, kb, ta, tb, k, u;
    uint8_t qa[128], qb[128], ukm[16] = {9, 8, 7}, iv[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    uint8_t val[32] = {0x42}, wrapped[64], got[64];
    CK_ULONG wrapped_len = sizeof wrapped;
    CK_KEY_TYPE twin = CKK_KUZNYECHIK_TWIN_KEY, kuz = CKK_KUZNYECHIK;
    CK_ATTRIBUTE tt[] = {{CKA_KEY_TYPE, &twin, sizeof twin},
                         {CKA_WRAP, &yes, 1},
                         {CKA_UNWRAP, &yes, 1}};
    CK_ATTRIBUTE ut[] = {{CKA_CLASS, &secret_class, sizeof secret_class},
                         {CKA_KEY_TYPE, &kuz, sizeof kuz},
                         {CKA_SENSITIVE, &no, 1},
                         {CKA_EXTRACTABLE, &yes, 1}};
    CK_ATTRIBUTE ga = {CKA_VALUE, qa, 128}, gb = {CKA_VALUE, qb, 128};
    CK_GOSTR3410_DERIVE_PARAMS p = {CKD_NULL, qb, 128, ukm, sizeof ukm};
    CK_MECHANISM vko = {CKM_GOSTR3410_12_DERIVE, &p, sizeof p};
    CK_MECHANISM wrap = {CKM_KUZNYECHIK_KEXP_15_WRAP, iv, 8};
    CK_ULONG len = 0;
    CK_ATTRIBUTE vl = {CKA_VALUE_LEN, &len, sizeof len};
    P11_OK(f->C_GenerateKeyPair(s, &gen, pt, 1, kt, 1, &pa, &ka));
    P11_OK(f->C_GenerateKeyPair(s, &gen, pt, 1, kt, 1, &pb, &kb));
    P11_OK(f->C_GetAttributeValue(s, pa, &ga, 1));
    P11_OK(f->C_GetAttributeValue(s, pb, &gb, 1));
    P11_OK(f->C_DeriveKey(s, &vko, ka, tt, 3, &ta));
    P11_OK(f->C_GetAttributeValue(s, ta, &vl, 1));
    cr_assert_eq(len, 64);
    p.pPublicData = qa;
    P11_OK(f->C_DeriveKey(s, &vko, kb, tt, 3, &tb));
    k = p11t_secret(f, s, CKK_KUZNYECHIK, val, 32, CK_TRUE);
    P11_OK(f->C_WrapKey(s, &wrap, ta, k, wrapped, &wrapped_len));
    cr_assert_eq(wrapped_len, 48);
    P11_OK(f->C_UnwrapKey(s, &wrap, tb, wrapped, wrapped_len, ut, 4, &u));
    cr_assert_eq(value_of(f, s, u, got, sizeof got), 32);
    cr_assert(memcmp(got, val, 32) == 0);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_keys, kdf_tree_known_answer)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    struct p11v_record r;
    uint8_t key[32], label[16], seed[16], want[64], got[64];
    size_t label_len, seed_len, want_len;
    p11v_find("kdf.txt", "kdf-tree-gostr3411-2012-256", 0, &r);
    p11v_bytes(&r, "key", key, sizeof key);
    label_len = p11v_bytes(&r, "label", label, sizeof label);
    seed_len = p11v_bytes(&r, "seed", seed, sizeof seed);
    want_len = p11v_bytes(&r, "out", want, sizeof want);
    CK_KDF_TREE_GOST_PARAMS p = {label_len, label, seed_len, seed, p11v_uint(&r, "r"),
                                 want_len, 0}; /* ulL in bytes */
    CK_MECHANISM m = {CKM_KDF_TREE_GOSTR3411_2012_256, &p, sizeof p};
    CK_ULONG vl = want_len;
    CK_ATTRIBUTE t[] = {{CKA_VALUE_LEN, &vl, sizeof vl},
                        {CKA_SENSITIVE, &no, 1},
                        {CKA_EXTRACTABLE, &yes, 1}};
    CK_OBJECT_HANDLE d, base = p11t_secret(f, s, CKK_GENERIC_SECRET, key, 32, CK_FALSE);
    P11_OK(f->C_DeriveKey(s, &m, base, t, 3, &d));
    cr_assert_eq(value_of(f, s, d, got, sizeof got), want_len);
    cr_assert(memcmp(got, want, want_len) == 0);
    vl = 32, p.ulOffset = 32; /* the second half as a key of its own */
    P11_OK(f->C_DeriveKey(s, &m, base, t, 3, &d));
    cr_assert_eq(value_of(f, s, d, got, sizeof got), 32);
    cr_assert(memcmp(got, want + 32, 32) == 0);
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_keys, mechanism_list_and_info)
{
    static const struct {
        CK_MECHANISM_TYPE type;
        CK_FLAGS flags;
        CK_ULONG min, max;
    } want[] = {
        {CKM_KUZNYECHIK_ECB, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_KUZNYECHIK_CTR_ACPKM, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_KUZNYECHIK_CBC, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_KUZNYECHIK_CTR, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_KUZNYECHIK_CFB, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_KUZNYECHIK_OFB, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_MAGMA_ECB, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_MAGMA_CTR_ACPKM, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_MAGMA_CBC, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_MAGMA_CTR, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_MAGMA_CFB, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_MAGMA_OFB, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_KUZNYECHIK_MGM, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_MAGMA_MGM, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_KUZNYECHIK_MAC, CKF_SIGN | CKF_VERIFY, 32, 32},
        {CKM_MAGMA_MAC, CKF_SIGN | CKF_VERIFY, 32, 32},
        {CKM_LIBGOST_KUZNYECHIK_MAC_GENERAL, CKF_SIGN | CKF_VERIFY, 32, 32},
        {CKM_LIBGOST_MAGMA_MAC_GENERAL, CKF_SIGN | CKF_VERIFY, 32, 32},
        {CKM_GOST28147_ECB, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_GOST28147, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_LIBGOST_GOST28147_CNT, CKF_ENCRYPT | CKF_DECRYPT, 32, 32},
        {CKM_GOST28147_MAC, CKF_SIGN | CKF_VERIFY, 32, 32},
        {CKM_KUZNYECHIK_KEXP_15_WRAP, CKF_WRAP | CKF_UNWRAP, 64, 64},
        {CKM_MAGMA_KEXP_15_WRAP, CKF_WRAP | CKF_UNWRAP, 64, 64},
        {CKM_GOSTR3410_12_DERIVE, CKF_DERIVE, 256, 512},
        {CKM_VKO_GOSTR3410_2012_512, CKF_DERIVE, 256, 512},
        {CKM_KDF_TREE_GOSTR3411_2012_256, CKF_DERIVE, 1, 4096},
        {CKM_GOST_KEG, CKF_DERIVE, 256, 512},
        {CKM_KDF_4357, CKF_DERIVE, 32, 32},
        {CKM_KDF_GOSTR3411_2012_256, CKF_DERIVE, 1, 512},
    };
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SLOT_ID slot = p11t_free_slot(f);
    CK_MECHANISM_TYPE list[256];
    CK_ULONG n = 0;
    P11_OK(f->C_GetMechanismList(slot, NULL, &n));
    cr_assert_leq(n, 256);
    P11_OK(f->C_GetMechanismList(slot, list, &n));
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        CK_MECHANISM_INFO info;
        bool listed = false;
        for (CK_ULONG j = 0; j < n; j++)
            listed |= list[j] == want[i].type;
        cr_assert(listed, "0x%lx not listed", (unsigned long)want[i].type);
        P11_OK(f->C_GetMechanismInfo(slot, want[i].type, &info));
        cr_assert_eq(info.flags, want[i].flags, "0x%lx flags 0x%lx", (unsigned long)want[i].type,
                     (unsigned long)info.flags);
        cr_assert(info.ulMinKeySize == want[i].min && info.ulMaxKeySize == want[i].max,
                  "0x%lx sizes %lu..%lu", (unsigned long)want[i].type, info.ulMinKeySize,
                  info.ulMaxKeySize);
    }
    P11_OK(f->C_Finalize(NULL));
}
