/* Encryption, decryption and MACs through PKCS#11: Kuznyechik and Magma in
 * ECB, CBC, CTR, CFB, OFB, CTR-ACPKM, MGM and the MAC, and GOST 28147-89
 * ECB/CFB/CNT/IMIT, against the known answers of vectors/ (the ones lib's
 * tests use): one-shot, and multi-part with every chunk size 1..len and a
 * size query before each call; then the CKR_* of bad input. */
#include <criterion/criterion.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "test_p11_common.h"
#include "test_p11_vectors.h"

static CK_BBOOL yes = CK_TRUE;

/* A session secret key with every use allowed. */
static CK_OBJECT_HANDLE secret_key(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_KEY_TYPE kt,
                                   const uint8_t *val, CK_ULONG len, const CK_BYTE *params,
                                   CK_ULONG params_len)
{
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},    {CKA_KEY_TYPE, &kt, sizeof kt},
                        {CKA_ENCRYPT, &yes, 1},           {CKA_DECRYPT, &yes, 1},
                        {CKA_SIGN, &yes, 1},              {CKA_VERIFY, &yes, 1},
                        {CKA_VALUE, (void *)val, len},    {CKA_GOST28147_PARAMS, (void *)params,
                                                           params_len}};
    CK_OBJECT_HANDLE h;
    P11_OK(f->C_CreateObject(s, t, params ? 8 : 7, &h));
    return h;
}

typedef CK_RV (*init_fn)(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE);
typedef CK_RV (*oneshot_fn)(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR);
typedef CK_RV (*update_fn)(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR);
typedef CK_RV (*final_fn)(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG_PTR);

struct dir {
    init_fn init;
    oneshot_fn oneshot;
    update_fn update;
    final_fn final;
};

static struct dir direction(CK_FUNCTION_LIST_PTR f, bool decrypt)
{
    struct dir d = {f->C_EncryptInit, f->C_Encrypt, f->C_EncryptUpdate, f->C_EncryptFinal};
    if (decrypt)
        d = (struct dir){f->C_DecryptInit, f->C_Decrypt, f->C_DecryptUpdate, f->C_DecryptFinal};
    return d;
}

/* in -> want one-shot (with a size query and a too-small buffer first), then
 * multi-part with every chunk size. */
static void crypt_check(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_MECHANISM *m,
                        CK_OBJECT_HANDLE key, bool decrypt, const uint8_t *in, size_t len,
                        const uint8_t *want, size_t want_len)
{
    struct dir d = direction(f, decrypt);
    uint8_t out[2048];
    CK_ULONG out_len = 0;
    cr_assert_leq(want_len + 64, sizeof out);
    P11_OK(d.init(s, m, key));
    P11_OK(d.oneshot(s, (CK_BYTE_PTR)in, len, NULL, &out_len));
    cr_assert_geq(out_len, want_len);
    if (want_len > 0) {
        CK_ULONG small = want_len - 1;
        P11_RV(d.oneshot(s, (CK_BYTE_PTR)in, len, out, &small), CKR_BUFFER_TOO_SMALL);
        cr_assert_geq(small, want_len);
    }
    out_len = sizeof out;
    P11_OK(d.oneshot(s, (CK_BYTE_PTR)in, len, out, &out_len));
    cr_assert_eq(out_len, want_len, "0x%lx %s: length %lu, want %zu",
                 (unsigned long)m->mechanism, decrypt ? "decrypt" : "encrypt", out_len, want_len);
    cr_assert(memcmp(out, want, want_len) == 0, "0x%lx %s one-shot mismatch",
              (unsigned long)m->mechanism, decrypt ? "decrypt" : "encrypt");
    for (size_t chunk = 1; chunk <= len; chunk++) {
        size_t done = 0;
        P11_OK(d.init(s, m, key));
        for (size_t pos = 0; pos < len; pos += chunk) {
            CK_ULONG take = len - pos < chunk ? len - pos : chunk, need = 0, got;
            P11_OK(d.update(s, (CK_BYTE_PTR)in + pos, take, NULL, &need));
            got = need;
            P11_OK(d.update(s, (CK_BYTE_PTR)in + pos, take, out + done, &got));
            cr_assert_leq(got, need);
            done += got;
        }
        out_len = 0;
        P11_OK(d.final(s, NULL, &out_len));
        cr_assert_leq(done + out_len, sizeof out);
        P11_OK(d.final(s, out + done, &out_len));
        done += out_len;
        cr_assert_eq(done, want_len, "chunk %zu: %zu bytes", chunk, done);
        cr_assert(memcmp(out, want, want_len) == 0, "0x%lx %s chunk %zu mismatch",
                  (unsigned long)m->mechanism, decrypt ? "decrypt" : "encrypt", chunk);
        P11_RV(d.final(s, out, &out_len), CKR_OPERATION_NOT_INITIALIZED);
    }
}

static void both_ways(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_MECHANISM *m,
                      CK_OBJECT_HANDLE key, const uint8_t *pt, size_t pt_len, const uint8_t *ct,
                      size_t ct_len)
{
    crypt_check(f, s, m, key, false, pt, pt_len, ct, ct_len);
    crypt_check(f, s, m, key, true, ct, ct_len, pt, pt_len);
}

struct mode_case {
    const char *alg;
    CK_MECHANISM_TYPE mech;
    CK_KEY_TYPE kt;
};
static const struct mode_case modes[] = {
    {"kuznyechik-ecb", CKM_KUZNYECHIK_ECB, CKK_KUZNYECHIK},
    {"kuznyechik-cbc", CKM_LIBGOST_KUZNYECHIK_CBC, CKK_KUZNYECHIK},
    {"kuznyechik-ctr", CKM_LIBGOST_KUZNYECHIK_CTR, CKK_KUZNYECHIK},
    {"kuznyechik-cfb", CKM_LIBGOST_KUZNYECHIK_CFB, CKK_KUZNYECHIK},
    {"kuznyechik-ofb", CKM_LIBGOST_KUZNYECHIK_OFB, CKK_KUZNYECHIK},
    {"magma-ecb", CKM_MAGMA_ECB, CKK_MAGMA},
    {"magma-cbc", CKM_LIBGOST_MAGMA_CBC, CKK_MAGMA},
    {"magma-ctr", CKM_LIBGOST_MAGMA_CTR, CKK_MAGMA},
    {"magma-cfb", CKM_LIBGOST_MAGMA_CFB, CKK_MAGMA},
    {"magma-ofb", CKM_LIBGOST_MAGMA_OFB, CKK_MAGMA},
};

Test(p11_cipher, gost3413_modes_known_answers, .timeout = 60)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        struct p11v_record r;
        uint8_t key[32], iv[64], pt[256], ct[256];
        size_t iv_len = 0, pt_len, ct_len;
        p11v_find("gost3413.txt", modes[i].alg, 0, &r);
        cr_assert_eq(p11v_bytes(&r, "key", key, sizeof key), 32);
        if (p11v_has(&r, "iv"))
            iv_len = p11v_bytes(&r, "iv", iv, sizeof iv);
        pt_len = p11v_bytes(&r, "plaintext", pt, sizeof pt);
        ct_len = p11v_bytes(&r, "ciphertext", ct, sizeof ct);
        CK_MECHANISM m = {modes[i].mech, iv_len ? iv : NULL, iv_len};
        both_ways(f, s, &m, secret_key(f, s, modes[i].kt, key, 32, NULL, 0), pt, pt_len, ct,
                  ct_len);
    }
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_cipher, ctr_acpkm_known_answers, .timeout = 60)
{
    static const struct mode_case cases[] = {
        {"magma-ctr-acpkm", CKM_MAGMA_CTR_ACPKM, CKK_MAGMA},
        {"kuznyechik-ctr-acpkm", CKM_KUZNYECHIK_CTR_ACPKM, CKK_KUZNYECHIK},
    };
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    for (size_t i = 0; i < 2; i++) {
        struct p11v_record r;
        uint8_t key[32], param[4 + 8], pt[256], ct[256];
        size_t iv_len, pt_len, ct_len;
        unsigned long section;
        p11v_find("acpkm.txt", cases[i].alg, 0, &r);
        p11v_bytes(&r, "key", key, sizeof key);
        section = p11v_uint(&r, "section");
        param[0] = (uint8_t)(section >> 24), param[1] = (uint8_t)(section >> 16);
        param[2] = (uint8_t)(section >> 8), param[3] = (uint8_t)section;
        iv_len = p11v_bytes(&r, "iv", param + 4, sizeof param - 4);
        pt_len = p11v_bytes(&r, "plaintext", pt, sizeof pt);
        ct_len = p11v_bytes(&r, "ciphertext", ct, sizeof ct);
        CK_MECHANISM m = {cases[i].mech, param, 4 + iv_len};
        both_ways(f, s, &m, secret_key(f, s, cases[i].kt, key, 32, NULL, 0), pt, pt_len, ct,
                  ct_len);
        /* a section that is not a whole number of blocks */
        param[3] = (uint8_t)(section + 1);
        P11_RV(f->C_EncryptInit(s, &m, secret_key(f, s, cases[i].kt, key, 32, NULL, 0)),
               CKR_MECHANISM_PARAM_INVALID);
    }
    P11_OK(f->C_Finalize(NULL));
}

/* sign/verify (one-shot and every split) of data with the expected tag. */
static void mac_check(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_MECHANISM *m,
                      CK_OBJECT_HANDLE key, const uint8_t *data, size_t len, const uint8_t *tag,
                      size_t tag_len)
{
    uint8_t out[64], bad[64];
    CK_ULONG out_len = 0;
    P11_OK(f->C_SignInit(s, m, key));
    P11_OK(f->C_Sign(s, (CK_BYTE_PTR)data, len, NULL, &out_len));
    cr_assert_eq(out_len, tag_len);
    P11_OK(f->C_Sign(s, (CK_BYTE_PTR)data, len, out, &out_len));
    cr_assert(memcmp(out, tag, tag_len) == 0, "mac 0x%lx mismatch", (unsigned long)m->mechanism);
    for (size_t chunk = 1; chunk <= len; chunk++) {
        P11_OK(f->C_SignInit(s, m, key));
        for (size_t pos = 0; pos < len; pos += chunk)
            P11_OK(f->C_SignUpdate(s, (CK_BYTE_PTR)data + pos, len - pos < chunk ? len - pos : chunk));
        out_len = sizeof out;
        P11_OK(f->C_SignFinal(s, out, &out_len));
        cr_assert(out_len == tag_len && memcmp(out, tag, tag_len) == 0, "chunk %zu", chunk);
        P11_OK(f->C_VerifyInit(s, m, key));
        for (size_t pos = 0; pos < len; pos += chunk)
            P11_OK(f->C_VerifyUpdate(s, (CK_BYTE_PTR)data + pos, len - pos < chunk ? len - pos : chunk));
        P11_OK(f->C_VerifyFinal(s, (CK_BYTE_PTR)tag, tag_len));
    }
    memcpy(bad, tag, tag_len);
    bad[tag_len - 1] ^= 1;
    P11_OK(f->C_VerifyInit(s, m, key));
    P11_RV(f->C_Verify(s, (CK_BYTE_PTR)data, len, bad, tag_len), CKR_SIGNATURE_INVALID);
    P11_OK(f->C_VerifyInit(s, m, key));
    P11_RV(f->C_Verify(s, (CK_BYTE_PTR)data, len, bad, tag_len + 1), CKR_SIGNATURE_LEN_RANGE);
    /* both ended the operation */
    P11_RV(f->C_VerifyFinal(s, bad, tag_len), CKR_OPERATION_NOT_INITIALIZED);
}

Test(p11_cipher, mac_known_answers, .timeout = 60)
{
    static const struct mode_case cases[] = {
        {"kuznyechik-mac", CKM_LIBGOST_KUZNYECHIK_MAC_GENERAL, CKK_KUZNYECHIK},
        {"magma-mac", CKM_LIBGOST_MAGMA_MAC_GENERAL, CKK_MAGMA},
    };
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    for (size_t i = 0; i < 2; i++) {
        struct p11v_record r;
        uint8_t key[32], data[256], tag[16], full[16];
        size_t len, tag_len, n = cases[i].kt == CKK_KUZNYECHIK ? 16 : 8;
        CK_ULONG full_len = sizeof full;
        p11v_find("gost3413.txt", cases[i].alg, 0, &r);
        p11v_bytes(&r, "key", key, sizeof key);
        len = p11v_bytes(&r, "plaintext", data, sizeof data);
        tag_len = p11v_bytes(&r, "mac", tag, sizeof tag);
        CK_OBJECT_HANDLE k = secret_key(f, s, cases[i].kt, key, 32, NULL, 0);
        CK_ULONG want = tag_len;
        CK_MECHANISM general = {cases[i].mech, &want, sizeof want};
        mac_check(f, s, &general, k, data, len, tag, tag_len);
        /* CKM_*_MAC: the full n-byte tag, whose first bytes are the vector's */
        CK_MECHANISM plain = {n == 16 ? CKM_KUZNYECHIK_MAC : CKM_MAGMA_MAC, NULL, 0};
        P11_OK(f->C_SignInit(s, &plain, k));
        P11_OK(f->C_Sign(s, data, len, full, &full_len));
        cr_assert_eq(full_len, n);
        cr_assert(memcmp(full, tag, tag_len) == 0);
        mac_check(f, s, &plain, k, data, len, full, n);
        want = n + 1;
        P11_RV(f->C_SignInit(s, &general, k), CKR_MECHANISM_PARAM_INVALID);
        want = 0;
        P11_RV(f->C_SignInit(s, &general, k), CKR_MECHANISM_PARAM_INVALID);
        P11_RV(f->C_SignInit(s, &plain, secret_key(f, s, n == 16 ? CKK_MAGMA : CKK_KUZNYECHIK,
                                                     key, 32, NULL, 0)),
               CKR_KEY_TYPE_INCONSISTENT);
    }
    P11_OK(f->C_Finalize(NULL));
}

Test(p11_cipher, mgm_known_answers_and_forgery, .timeout = 60)
{
    static const struct mode_case cases[] = {
        {"kuznyechik-mgm", CKM_KUZNYECHIK_MGM, CKK_KUZNYECHIK},
        {"magma-mgm", CKM_MAGMA_MGM, CKK_MAGMA},
    };
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    for (size_t i = 0; i < 2; i++) {
        struct p11v_record r;
        uint8_t key[32], nonce[16], ad[64], pt[128], ct[160], out[160];
        size_t nonce_len, ad_len, pt_len, ct_len, tag_len;
        CK_ULONG out_len = sizeof out;
        p11v_find("mgm.txt", cases[i].alg, 0, &r);
        p11v_bytes(&r, "key", key, sizeof key);
        nonce_len = p11v_bytes(&r, "nonce", nonce, sizeof nonce);
        ad_len = p11v_bytes(&r, "ad", ad, sizeof ad);
        pt_len = p11v_bytes(&r, "plaintext", pt, sizeof pt);
        ct_len = p11v_bytes(&r, "ciphertext", ct, sizeof ct);
        tag_len = p11v_bytes(&r, "tag", ct + ct_len, sizeof ct - ct_len);
        CK_GOST_MGM_PARAMS p = {nonce, nonce_len, ad, ad_len, 8 * tag_len};
        CK_MECHANISM m = {cases[i].mech, &p, sizeof p};
        CK_OBJECT_HANDLE k = secret_key(f, s, cases[i].kt, key, 32, NULL, 0);
        both_ways(f, s, &m, k, pt, pt_len, ct, ct_len + tag_len);
        /* a shorter tag is the prefix of the full one */
        p.ulTagBits = 32;
        crypt_check(f, s, &m, k, false, pt, pt_len, ct, ct_len + 4);
        p.ulTagBits = 8 * tag_len;
        /* a flipped tag bit: refused, nothing released, operation ended */
        ct[ct_len + tag_len - 1] ^= 0x80;
        P11_OK(f->C_DecryptInit(s, &m, k));
        memset(out, 0x5a, sizeof out);
        P11_RV(f->C_Decrypt(s, ct, ct_len + tag_len, out, &out_len), CKR_ENCRYPTED_DATA_INVALID);
        cr_assert(memcmp(out, pt, pt_len) != 0, "plaintext released on a bad tag");
        P11_RV(f->C_DecryptFinal(s, out, &out_len), CKR_OPERATION_NOT_INITIALIZED);
        /* multi-part: updates release nothing, the final step refuses */
        P11_OK(f->C_DecryptInit(s, &m, k));
        out_len = sizeof out;
        P11_OK(f->C_DecryptUpdate(s, ct, ct_len + tag_len, out, &out_len));
        cr_assert_eq(out_len, 0);
        out_len = sizeof out;
        P11_RV(f->C_DecryptFinal(s, out, &out_len), CKR_ENCRYPTED_DATA_INVALID);
        /* shorter than the tag */
        P11_OK(f->C_DecryptInit(s, &m, k));
        out_len = sizeof out;
        P11_RV(f->C_Decrypt(s, ct, tag_len - 1, out, &out_len), CKR_ENCRYPTED_DATA_LEN_RANGE);
        /* bad parameters */
        p.ulTagBits = 24;
        P11_RV(f->C_EncryptInit(s, &m, k), CKR_MECHANISM_PARAM_INVALID);
        p.ulTagBits = 8 * tag_len + 8;
        P11_RV(f->C_EncryptInit(s, &m, k), CKR_MECHANISM_PARAM_INVALID);
        p.ulTagBits = 8 * tag_len;
        p.ulNonceLen = nonce_len - 1;
        P11_RV(f->C_EncryptInit(s, &m, k), CKR_MECHANISM_PARAM_INVALID);
        p.ulNonceLen = nonce_len;
        nonce[0] |= 0x80;
        P11_RV(f->C_EncryptInit(s, &m, k), CKR_MECHANISM_PARAM_INVALID);
        m.ulParameterLen = sizeof p - 1;
        P11_RV(f->C_EncryptInit(s, &m, k), CKR_MECHANISM_PARAM_INVALID);
    }
    P11_OK(f->C_Finalize(NULL));
}

/* DER of id-Gost28147-89-CryptoPro-A-ParamSet (1.2.643.2.2.31.1) and of
 * id-GostR3411-94-TestParamSet (1.2.643.2.2.30.0). */
static const CK_BYTE oid_cpa[] = {0x06, 0x07, 0x2a, 0x85, 0x03, 0x02, 0x02, 0x1f, 0x01};
static const CK_BYTE oid_94test[] = {0x06, 0x07, 0x2a, 0x85, 0x03, 0x02, 0x02, 0x1e, 0x00};

static const CK_BYTE *sbox_oid(const struct p11v_record *r, CK_ULONG *len)
{
    const char *name = p11v_text(r, "sbox");
    *len = sizeof oid_cpa;
    if (strcmp(name, "id-Gost28147-89-CryptoPro-A-ParamSet") == 0)
        return oid_cpa;
    cr_assert_str_eq(name, "id-GostR3411-94-TestParamSet");
    return oid_94test;
}

Test(p11_cipher, gost28147_known_answers, .timeout = 60)
{
    static const struct {
        const char *alg;
        int index;
        CK_MECHANISM_TYPE mech;
    } cases[] = {
        {"gost28147-ecb", 0, CKM_GOST28147_ECB},  {"gost28147-ecb", 3, CKM_GOST28147_ECB},
        {"gost28147-cfb", 0, CKM_GOST28147},      {"gost28147-cnt", 0, CKM_LIBGOST_GOST28147_CNT},
        {"gost28147-imit", 0, CKM_GOST28147_MAC},
    };
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct p11v_record r;
        uint8_t key[32], iv[8], a[64], b[64];
        size_t a_len, b_len;
        CK_ULONG oid_len;
        const CK_BYTE *oid;
        p11v_find("gost28147.txt", cases[i].alg, cases[i].index, &r);
        oid = sbox_oid(&r, &oid_len);
        p11v_bytes(&r, "key", key, sizeof key);
        CK_OBJECT_HANDLE k = secret_key(f, s, CKK_GOST28147, key, 32, oid, oid_len);
        CK_MECHANISM m = {cases[i].mech, NULL, 0};
        if (p11v_has(&r, "iv")) {
            p11v_bytes(&r, "iv", iv, sizeof iv);
            m.pParameter = iv, m.ulParameterLen = 8;
        }
        if (cases[i].mech == CKM_GOST28147_MAC) {
            a_len = p11v_bytes(&r, "data", a, sizeof a);
            b_len = p11v_bytes(&r, "tag", b, sizeof b);
            mac_check(f, s, &m, k, a, a_len, b, b_len);
        } else {
            a_len = p11v_bytes(&r, "plaintext", a, sizeof a);
            b_len = p11v_bytes(&r, "ciphertext", b, sizeof b);
            both_ways(f, s, &m, k, a, a_len, b, b_len);
        }
    }
    {   /* a parameter set the token does not know; a bad IV */
        static const CK_BYTE unknown[] = {0x06, 0x07, 0x2a, 0x85, 0x03, 0x02, 0x02, 0x1f, 0x09};
        uint8_t key[32] = {1}, iv[8] = {0};
        CK_MECHANISM cfb = {CKM_GOST28147, iv, 7};
        CK_MECHANISM ecb = {CKM_GOST28147_ECB, NULL, 0};
        P11_RV(f->C_EncryptInit(s, &ecb, secret_key(f, s, CKK_GOST28147, key, 32, unknown,
                                                     sizeof unknown)),
               CKR_KEY_TYPE_INCONSISTENT);
        P11_RV(f->C_EncryptInit(s, &cfb, secret_key(f, s, CKK_GOST28147, key, 32, NULL, 0)),
               CKR_MECHANISM_PARAM_INVALID);
    }
    P11_OK(f->C_Finalize(NULL));
}

/* The PKCS#11 rules on bad input, the same for every cipher mechanism. */
Test(p11_cipher, bad_input)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    uint8_t key[32] = {7}, iv[16] = {0}, data[40] = {0}, out[64];
    CK_ULONG out_len;
    CK_OBJECT_HANDLE kuz = secret_key(f, s, CKK_KUZNYECHIK, key, 32, NULL, 0);
    CK_OBJECT_HANDLE mag = secret_key(f, s, CKK_MAGMA, key, 32, NULL, 0);
    CK_MECHANISM ecb = {CKM_KUZNYECHIK_ECB, NULL, 0};
    CK_MECHANISM cbc = {CKM_LIBGOST_KUZNYECHIK_CBC, iv, 16};
    CK_MECHANISM ctr = {CKM_LIBGOST_KUZNYECHIK_CTR, iv, 8};
    /* not initialised */
    out_len = sizeof out;
    P11_RV(f->C_Encrypt(s, data, 16, out, &out_len), CKR_OPERATION_NOT_INITIALIZED);
    P11_RV(f->C_DecryptUpdate(s, data, 16, out, &out_len), CKR_OPERATION_NOT_INITIALIZED);
    P11_RV(f->C_EncryptFinal(s, out, &out_len), CKR_OPERATION_NOT_INITIALIZED);
    /* wrong key type, bad IV lengths, a parameter where none is taken */
    P11_RV(f->C_EncryptInit(s, &ecb, mag), CKR_KEY_TYPE_INCONSISTENT);
    cbc.ulParameterLen = 15;
    P11_RV(f->C_EncryptInit(s, &cbc, kuz), CKR_MECHANISM_PARAM_INVALID);
    cbc.ulParameterLen = 16;
    ctr.ulParameterLen = 16;
    P11_RV(f->C_EncryptInit(s, &ctr, kuz), CKR_MECHANISM_PARAM_INVALID);
    ctr.ulParameterLen = 8;
    ecb.pParameter = iv, ecb.ulParameterLen = 16;
    P11_RV(f->C_EncryptInit(s, &ecb, kuz), CKR_MECHANISM_PARAM_INVALID);
    ecb.pParameter = NULL, ecb.ulParameterLen = 0;
    /* a key that may not encrypt */
    {
        CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
        CK_KEY_TYPE kt = CKK_KUZNYECHIK;
        CK_BBOOL no = CK_FALSE;
        CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls},
                            {CKA_KEY_TYPE, &kt, sizeof kt},
                            {CKA_ENCRYPT, &no, 1},
                            {CKA_VALUE, key, 32}};
        CK_OBJECT_HANDLE h;
        P11_OK(f->C_CreateObject(s, t, 4, &h));
        P11_RV(f->C_EncryptInit(s, &ecb, h), CKR_KEY_FUNCTION_NOT_PERMITTED);
    }
    /* an active operation cannot be started again */
    P11_OK(f->C_EncryptInit(s, &ctr, kuz));
    P11_RV(f->C_EncryptInit(s, &ctr, kuz), CKR_OPERATION_ACTIVE);
    /* buffer too small keeps the operation; the size is reported */
    out_len = 3;
    P11_RV(f->C_EncryptUpdate(s, data, 5, out, &out_len), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(out_len, 5);
    P11_OK(f->C_EncryptUpdate(s, data, 5, out, &out_len));
    cr_assert_eq(out_len, 5);
    out_len = sizeof out;
    P11_OK(f->C_EncryptFinal(s, out, &out_len));
    cr_assert_eq(out_len, 0);
    /* ECB: data that is not whole blocks ends the operation with DATA_LEN_RANGE */
    P11_OK(f->C_EncryptInit(s, &ecb, kuz));
    out_len = sizeof out;
    P11_RV(f->C_Encrypt(s, data, 17, out, &out_len), CKR_DATA_LEN_RANGE);
    P11_RV(f->C_EncryptFinal(s, out, &out_len), CKR_OPERATION_NOT_INITIALIZED);
    P11_OK(f->C_DecryptInit(s, &cbc, kuz));
    out_len = sizeof out;
    P11_OK(f->C_DecryptUpdate(s, data, 20, out, &out_len));
    cr_assert_eq(out_len, 16);
    out_len = sizeof out;
    P11_RV(f->C_DecryptFinal(s, out, &out_len), CKR_ENCRYPTED_DATA_LEN_RANGE);
    P11_RV(f->C_DecryptFinal(s, out, &out_len), CKR_OPERATION_NOT_INITIALIZED);
    /* an ECB update holding a partial block asks for no output */
    P11_OK(f->C_EncryptInit(s, &ecb, kuz));
    out_len = sizeof out;
    P11_OK(f->C_EncryptUpdate(s, data, 10, out, &out_len));
    cr_assert_eq(out_len, 0);
    out_len = 0;
    P11_OK(f->C_EncryptUpdate(s, data, 6, NULL, &out_len));
    cr_assert_eq(out_len, 16);
    P11_OK(f->C_Finalize(NULL));
}

/* Generated keys (GOST 28147 with the default S-box set, Kuznyechik, Magma):
 * every cipher mechanism decrypts what it encrypted, also in place (the
 * output buffer is the input), and a MAC made is a MAC verified. */
Test(p11_cipher, generated_keys_round_trip_in_place, .timeout = 60)
{
    static const struct {
        CK_MECHANISM_TYPE gen, mech;
        size_t param; /* IV bytes (CTR-ACPKM: the 4-byte section size, 64, first) */
    } cases[] = {
        {CKM_GOST28147_KEY_GEN, CKM_GOST28147_ECB, 0},
        {CKM_GOST28147_KEY_GEN, CKM_GOST28147, 8},
        {CKM_GOST28147_KEY_GEN, CKM_LIBGOST_GOST28147_CNT, 8},
        {CKM_KUZNYECHIK_KEY_GEN, CKM_KUZNYECHIK_ECB, 0},
        {CKM_KUZNYECHIK_KEY_GEN, CKM_LIBGOST_KUZNYECHIK_CBC, 32},
        {CKM_KUZNYECHIK_KEY_GEN, CKM_LIBGOST_KUZNYECHIK_CTR, 8},
        {CKM_KUZNYECHIK_KEY_GEN, CKM_LIBGOST_KUZNYECHIK_CFB, 16},
        {CKM_KUZNYECHIK_KEY_GEN, CKM_LIBGOST_KUZNYECHIK_OFB, 16},
        {CKM_KUZNYECHIK_KEY_GEN, CKM_KUZNYECHIK_CTR_ACPKM, 4 + 8},
        {CKM_MAGMA_KEY_GEN, CKM_MAGMA_ECB, 0},
        {CKM_MAGMA_KEY_GEN, CKM_LIBGOST_MAGMA_CBC, 8},
        {CKM_MAGMA_KEY_GEN, CKM_LIBGOST_MAGMA_CTR, 4},
        {CKM_MAGMA_KEY_GEN, CKM_LIBGOST_MAGMA_CFB, 8},
        {CKM_MAGMA_KEY_GEN, CKM_LIBGOST_MAGMA_OFB, 8},
        {CKM_MAGMA_KEY_GEN, CKM_MAGMA_CTR_ACPKM, 4 + 4},
    };
    CK_FUNCTION_LIST_PTR f = p11t_start();
    CK_SESSION_HANDLE s = p11t_user_session(f, NULL);
    CK_ATTRIBUTE t[] = {{CKA_ENCRYPT, &yes, 1}, {CKA_DECRYPT, &yes, 1},
                        {CKA_SIGN, &yes, 1},    {CKA_VERIFY, &yes, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CK_MECHANISM gen = {cases[i].gen, NULL, 0};
        CK_BYTE param[32] = {0, 0, 0, 64, 9, 8, 7, 6, 5, 4, 3, 2};
        CK_MECHANISM m = {cases[i].mech, cases[i].param ? param : NULL, cases[i].param};
        CK_BYTE plain[160], buf[160];
        CK_ULONG len = sizeof buf;
        CK_OBJECT_HANDLE k;
        for (size_t j = 0; j < sizeof plain; j++)
            plain[j] = (CK_BYTE)(j * 7 + i);
        memcpy(buf, plain, sizeof buf);
        P11_OK(f->C_GenerateKey(s, &gen, t, 4, &k));
        P11_OK(f->C_EncryptInit(s, &m, k));
        P11_OK(f->C_Encrypt(s, buf, sizeof buf, buf, &len));
        cr_assert_eq(len, sizeof buf);
        cr_assert(memcmp(buf, plain, sizeof buf) != 0, "0x%lx did not encrypt",
                  (unsigned long)cases[i].mech);
        P11_OK(f->C_DecryptInit(s, &m, k));
        P11_OK(f->C_Decrypt(s, buf, len, buf, &len));
        cr_assert(len == sizeof buf && memcmp(buf, plain, sizeof buf) == 0,
                  "0x%lx round trip", (unsigned long)cases[i].mech);
        if (cases[i].gen == CKM_GOST28147_KEY_GEN && cases[i].param == 0) {
            CK_MECHANISM mac = {CKM_GOST28147_MAC, NULL, 0};
            CK_BYTE tag[4];
            CK_ULONG tag_len = sizeof tag;
            P11_OK(f->C_SignInit(s, &mac, k));
            P11_OK(f->C_Sign(s, plain, sizeof plain, tag, &tag_len));
            P11_OK(f->C_VerifyInit(s, &mac, k));
            P11_OK(f->C_Verify(s, plain, sizeof plain, tag, tag_len));
        }
    }
    P11_OK(f->C_Finalize(NULL));
}
