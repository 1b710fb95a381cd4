/* GOST R 34.10-2012 mechanisms: key pair generation on every curve, raw
 * signatures over a digest (CKM_GOSTR3410 / _512), and, once Streebog is in
 * the tree, signatures with hashing, VKO key derivation (with the TC 26 kdf
 * choices) and KEG.
 * Formats (TC 26 PKCS#11 extension): private CKA_VALUE d little-endian (n bytes),
 * public CKA_VALUE X||Y little-endian (2n), signature s||r big-endian (2n). */
#include <string.h>

#include "gost/gost3410.h"
#include "gost/kdf.h"
#include "gost/keg.h"
#include "gost/keywrap.h"
#include "gost/util.h"
#include "gost/vko.h"
#include "p11.h"
#include "p11_have.h"
#if P11_HAVE_STREEBOG
#include "gost/streebog.h"
#endif

struct sig_ctx {
    enum gost_curve curve;
    size_t n;
    int sign;
    uint8_t key[2 * GOST_3410_MAX_SIZE]; /* d (sign) or X||Y (verify) */
    uint8_t digest[GOST_3410_MAX_SIZE];
    size_t len; /* bytes of digest given so far (raw mechanisms) */
    int too_long;
    int hashing; /* the _WITH_GOSTR3411_12_* mechanisms: Streebog of the message */
#if P11_HAVE_STREEBOG
    gost_streebog_ctx h;
#endif
};

/* Streebog OIDs for CKA_GOSTR3411_PARAMS: id-tc26-gost3411-12-256 / -512
 * (1.2.643.7.1.1.2.2 / .3, R 1323565.1.024-2019 table 1). */
static const uint8_t oid_streebog256[] = {0x06, 0x08, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x01, 0x02, 0x02};
static const uint8_t oid_streebog512[] = {0x06, 0x08, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x01, 0x02, 0x03};

static CK_RV key_curve(const struct p11_attrs *key, enum gost_curve *curve, size_t *n)
{
    const struct p11_attr *p = p11_attrs_get(key, CKA_GOSTR3410_PARAMS);
    int c;
    if (p == NULL || p11_curve_from_der(p->val, p->len, &c) != CKR_OK)
        return CKR_KEY_TYPE_INCONSISTENT;
    *curve = (enum gost_curve)c;
    *n = gost_curve_size(*curve);
    return CKR_OK;
}

static CK_RV sig_init(void *vctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op)
{
    struct sig_ctx *c = vctx;
    const struct p11_attr *v;
    CK_RV rv = key_curve(key, &c->curve, &c->n);
    size_t want_n = (m->mechanism == CKM_GOSTR3410_512 ||
                     m->mechanism == CKM_GOSTR3410_WITH_GOSTR3411_12_512) ? 64 : 32;
    if (rv != CKR_OK)
        return rv;
    if (m->pParameter != NULL || m->ulParameterLen != 0)
        return CKR_MECHANISM_PARAM_INVALID;
    c->hashing = m->mechanism == CKM_GOSTR3410_WITH_GOSTR3411_12_256 ||
                 m->mechanism == CKM_GOSTR3410_WITH_GOSTR3411_12_512;
    if (c->n != want_n)
        return CKR_KEY_TYPE_INCONSISTENT;
    c->sign = op == P11_OP_SIGN;
    v = p11_attrs_get(key, CKA_VALUE);
    if (v == NULL)
        return CKR_USER_NOT_LOGGED_IN; /* sealed value not opened in this process */
    if (v->len != (c->sign ? c->n : 2 * c->n))
        return CKR_KEY_TYPE_INCONSISTENT;
    memcpy(c->key, v->val, v->len);
#if P11_HAVE_STREEBOG
    /* The message to be signed is public data (gost/streebog.h). */
    if (c->hashing && gost_streebog_public_init(&c->h, c->n) != 0)
        return CKR_FUNCTION_FAILED;
#endif
    return CKR_OK;
}

/* The hashing mechanisms: the digest of everything given so far. */
static CK_RV sig_digest(struct sig_ctx *c)
{
#if P11_HAVE_STREEBOG
    if (c->hashing) {
        if (gost_streebog_final(&c->h, c->digest) != 0)
            return CKR_FUNCTION_FAILED;
        c->len = c->n;
        c->hashing = 0;
    }
#endif
    return CKR_OK;
}

static CK_RV sig_update(void *vctx, const uint8_t *in, CK_ULONG len)
{
    struct sig_ctx *c = vctx;
#if P11_HAVE_STREEBOG
    if (c->hashing)
        return gost_streebog_update(&c->h, in, len) == 0 ? CKR_OK : CKR_FUNCTION_FAILED;
#endif
    if (len > c->n - c->len) {
        c->too_long = 1;
        return CKR_OK; /* reported by the final step as DATA_LEN_RANGE */
    }
    memcpy(c->digest + c->len, in, len);
    c->len += len;
    return CKR_OK;
}

static CK_ULONG sig_len(const void *vctx)
{
    const struct sig_ctx *c = vctx;
    return 2 * c->n;
}

static CK_RV sig_final(void *vctx, uint8_t *out)
{
    struct sig_ctx *c = vctx;
    if (sig_digest(c) != CKR_OK)
        return CKR_FUNCTION_FAILED;
    if (c->too_long || c->len != c->n)
        return CKR_DATA_LEN_RANGE;
    return gost_3410_sign_digest(c->curve, out, c->key, c->digest, c->n) == 0
               ? CKR_OK
               : CKR_FUNCTION_FAILED;
}

static CK_RV sig_verify_final(void *vctx, const uint8_t *sig, CK_ULONG len)
{
    struct sig_ctx *c = vctx;
    if (sig_digest(c) != CKR_OK)
        return CKR_FUNCTION_FAILED;
    if (c->too_long || c->len != c->n)
        return CKR_DATA_LEN_RANGE;
    if (len != 2 * c->n)
        return CKR_SIGNATURE_LEN_RANGE;
    return gost_3410_verify_digest(c->curve, c->key, c->digest, c->n, sig) == 0
               ? CKR_OK
               : CKR_SIGNATURE_INVALID;
}

static CK_RV generate_pair(const CK_MECHANISM *m, struct p11_attrs *pub, struct p11_attrs *priv)
{
    const struct p11_attr *pp = p11_attrs_get(pub, CKA_GOSTR3410_PARAMS);
    const struct p11_attr *kp = p11_attrs_get(priv, CKA_GOSTR3410_PARAMS);
    uint8_t d[GOST_3410_MAX_SIZE], q[2 * GOST_3410_MAX_SIZE];
    enum gost_curve curve;
    size_t n;
    int c;
    CK_RV rv;
    if (m->pParameter != NULL || m->ulParameterLen != 0)
        return CKR_MECHANISM_PARAM_INVALID;
    if (pp == NULL && kp == NULL)
        return CKR_TEMPLATE_INCOMPLETE;
    if (pp != NULL && kp != NULL && (pp->len != kp->len || memcmp(pp->val, kp->val, pp->len)))
        return CKR_TEMPLATE_INCONSISTENT;
    if (pp == NULL)
        pp = kp;
    if (p11_curve_from_der(pp->val, pp->len, &c) != CKR_OK)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    curve = (enum gost_curve)c;
    n = gost_curve_size(curve);
    if ((m->mechanism == CKM_GOSTR3410_512_KEY_PAIR_GEN) != (n == 64))
        return CKR_TEMPLATE_INCONSISTENT;
    if ((rv = p11_attrs_set(pub, CKA_GOSTR3410_PARAMS, pp->val, pp->len)) != CKR_OK ||
        (rv = p11_attrs_set(priv, CKA_GOSTR3410_PARAMS, pp->val, pp->len)) != CKR_OK)
        return rv;
    if (!p11_attrs_get(pub, CKA_GOSTR3411_PARAMS)) {
        const uint8_t *h = n == 64 ? oid_streebog512 : oid_streebog256;
        if ((rv = p11_attrs_set(pub, CKA_GOSTR3411_PARAMS, h, sizeof oid_streebog256)) != CKR_OK ||
            (rv = p11_attrs_set(priv, CKA_GOSTR3411_PARAMS, h, sizeof oid_streebog256)) != CKR_OK)
            return rv;
    }
    if (gost_3410_keygen(curve, d, q) != 0)
        return CKR_FUNCTION_FAILED;
    rv = p11_attrs_set(priv, CKA_VALUE, d, n);
    if (rv == CKR_OK)
        rv = p11_attrs_set(pub, CKA_VALUE, q, 2 * n);
    gost_wipe(d, sizeof d);
    return rv;
}

#if P11_HAVE_STREEBOG
/* CKM_GOSTR3410_12_DERIVE ([TC26], CK_GOSTR3410_DERIVE_PARAMS), by its kdf:
 *  - CKD_NULL: the VKO output itself is the new key's value. Its length
 *    chooses the hash (R 50.1.113-2016 s.4.3, RFC 7836 s.4.3): 32 bytes
 *    VKO_GOSTR3410_2012_256, 64 bytes VKO_GOSTR3410_2012_512; both on 256-
 *    and 512-bit keys (p11_mech_derived_len: CKA_VALUE_LEN, else 64 for the
 *    twin key types, the KExp15 pair K_mac || K_enc, and 32 for the others).
 *  - CKD_KDF_4357 and CKD_CPDIVERSIFY_KDF (v2.40): VKO_GOSTR3410_2012_256
 *    diversified with the UKM by RFC 4357 s.6.5 (the KEK(UKM) of CryptoPro
 *    key transport, RFC 4490 s.4.2). The UKM is 8 bytes; the S-boxes are the
 *    new key's CKA_GOST28147_PARAMS, else param-Z (what OpenSSL's GOST engine
 *    uses for GOST R 34.10-2012 keys). 32 bytes.
 *  - CKD_KDF_GOSTR3411_2012_256: KDF_GOSTR3411_2012_256(VKO_GOSTR3410_2012_256,
 *    label 26 BD B8 78, seed UKM) (R 50.1.113-2016 s.4.4; the label is
 *    the one of the standard's KDF example). 32 bytes.
 * CKM_VKO_GOSTR3410_2012_512 ([TC26]) is always the 64-byte VKO_GOSTR3410_2012_512,
 * kdf CKD_NULL only. */
static const uint8_t kdf_label[4] = {0x26, 0xbd, 0xb8, 0x78};

/* A key agreement's inputs: the base key (a GOST R 34.10-2012 private key),
 * its curve, the peer's public key decoded and the new key's length. */
struct agreement {
    enum gost_curve curve;
    size_t n, len;
    const uint8_t *d;
    uint8_t q[2 * GOST_3410_MAX_SIZE];
};

static CK_RV agreement_base(const struct p11_attrs *base, struct agreement *a)
{
    if (p11_attrs_ulong(base, CKA_CLASS, CKO_DATA) != CKO_PRIVATE_KEY)
        return CKR_KEY_TYPE_INCONSISTENT;
    return key_curve(base, &a->curve, &a->n);
}

/* After the parameter's own checks: the peer's key, our private value and
 * the new key's length among sizes (p11_mech_derived_len). */
static CK_RV agreement_inputs(const struct p11_attrs *base, const struct p11_attrs *key,
                              const CK_BYTE *pub, CK_ULONG pub_len, unsigned sizes,
                              struct agreement *a)
{
    const struct p11_attr *v = p11_attrs_get(base, CKA_VALUE);
    if (pub == NULL || p11_pubkey_decode(pub, pub_len, a->n, a->q) != CKR_OK)
        return CKR_MECHANISM_PARAM_INVALID;
    if (v == NULL)
        return CKR_USER_NOT_LOGGED_IN;
    a->d = v->val;
    return p11_mech_derived_len(key, sizes, &a->len);
}

static CK_RV agreement_rv(int rc)
{
    return rc == GOST_OK ? CKR_OK : rc == GOST_ERR_BAD_POINT ? CKR_MECHANISM_PARAM_INVALID
                                                              : CKR_FUNCTION_FAILED;
}

/* The sizes a kdf can make (0: not a kdf of this mechanism). */
static unsigned vko_sizes(CK_MECHANISM_TYPE mech, const CK_GOSTR3410_DERIVE_PARAMS *p)
{
    if (p->kdf == CKD_NULL)
        return mech == CKM_VKO_GOSTR3410_2012_512 ? P11_DERIVE_64 : P11_DERIVE_32 | P11_DERIVE_64;
    if (mech == CKM_VKO_GOSTR3410_2012_512)
        return 0;
    if (p->kdf == CKD_KDF_4357 || p->kdf == CKD_CPDIVERSIFY_KDF)
        return p->ulUKMLen == GOST_KEYWRAP_UKM_SIZE ? P11_DERIVE_32 : 0;
    return p->kdf == CKD_KDF_GOSTR3411_2012_256 ? P11_DERIVE_32 : 0;
}

/* The kdf applied to the 32-byte VKO output k, in place. */
static CK_RV vko_kdf(const CK_GOSTR3410_DERIVE_PARAMS *p, const struct p11_attrs *key,
                     uint8_t k[32])
{
    gost28147_sbox sbox;
    if (p->kdf == CKD_KDF_GOSTR3411_2012_256)
        return gost_kdf_gostr3411_2012_256(k, kdf_label, sizeof kdf_label, p->pUKM, p->ulUKMLen,
                                           k) == GOST_OK
                   ? CKR_OK
                   : CKR_FUNCTION_FAILED;
    if (p11_mech_gost28147_sbox(key, &sbox) != CKR_OK)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    return gost_kek_diversify_cryptopro(sbox, k, p->pUKM, k) == GOST_OK ? CKR_OK
                                                                        : CKR_FUNCTION_FAILED;
}

static CK_RV vko_derive(const CK_MECHANISM *m, const struct p11_attrs *base, struct p11_attrs *key)
{
    const CK_GOSTR3410_DERIVE_PARAMS *p = m->pParameter;
    struct agreement a;
    uint8_t kek[GOST_VKO_512_SIZE];
    unsigned sizes;
    CK_RV rv = agreement_base(base, &a);
    if (rv != CKR_OK)
        return rv;
    if (p == NULL || m->ulParameterLen != sizeof *p || p->pUKM == NULL || p->ulUKMLen == 0 ||
        p->ulUKMLen > a.n || (sizes = vko_sizes(m->mechanism, p)) == 0)
        return CKR_MECHANISM_PARAM_INVALID;
    rv = agreement_inputs(base, key, p->pPublicData, p->ulPublicDataLen, sizes, &a);
    if (rv != CKR_OK)
        return rv;
    rv = agreement_rv(a.len == GOST_VKO_512_SIZE
                          ? gost_vko_derive_512(a.curve, kek, a.d, a.q, p->pUKM, p->ulUKMLen)
                          : gost_vko_derive_256(a.curve, kek, a.d, a.q, p->pUKM, p->ulUKMLen));
    if (rv == CKR_OK && p->kdf != CKD_NULL)
        rv = vko_kdf(p, key, kek);
    if (rv == CKR_OK)
        rv = p11_mech_set_value(key, kek, a.len);
    gost_wipe(kek, sizeof kek);
    return rv;
}

/* CKM_GOST_KEG (Aktiv rtpkcs11t.h), CK_ECDH1_DERIVE_PARAMS {kdf CKD_NULL,
 * UKM in the shared data, the peer's key in the public data}: the 64-byte
 * KEG output K_mac || K_enc (gost/keg.h), the wrapping key of KExp15. The
 * UKM is 24..32 bytes for 256-bit keys and 16..32 for 512-bit keys (Aktiv's
 * samples pass 24 and 16; TLS and OpenSSL 32, whose tail KEG does not use). */
static CK_RV keg_derive(const CK_MECHANISM *m, const struct p11_attrs *base, struct p11_attrs *key)
{
    const CK_ECDH1_DERIVE_PARAMS *p = m->pParameter;
    struct agreement a;
    uint8_t out[GOST_KEG_SIZE];
    CK_RV rv = agreement_base(base, &a);
    if (rv != CKR_OK)
        return rv;
    if (p == NULL || m->ulParameterLen != sizeof *p || p->kdf != CKD_NULL ||
        p->pSharedData == NULL || p->ulSharedDataLen > 32 ||
        p->ulSharedDataLen < (a.n == 64 ? GOST_KEG_UKM_MIN_512 : GOST_KEG_UKM_MIN_256))
        return CKR_MECHANISM_PARAM_INVALID;
    rv = agreement_inputs(base, key, p->pPublicData, p->ulPublicDataLen, P11_DERIVE_64, &a);
    if (rv == CKR_OK)
        rv = agreement_rv(gost_keg(a.curve, out, a.d, a.q, p->pSharedData, p->ulSharedDataLen));
    if (rv == CKR_OK)
        rv = p11_mech_set_value(key, out, a.len);
    gost_wipe(out, sizeof out);
    return rv;
}
#endif

#define SIG(mech, bits)                                                                           \
    {.type = (mech), .info = {(bits), (bits), CKF_SIGN | CKF_VERIFY},                             \
     .key_type = CK_UNAVAILABLE_INFORMATION, .ctx_size = sizeof(struct sig_ctx),                   \
     .init = sig_init, .update = sig_update, .out_len = sig_len, .final = sig_final,               \
     .verify_final = sig_verify_final}

static const struct p11_mech mechs[] = {
    {.type = CKM_GOSTR3410_KEY_PAIR_GEN, .info = {256, 256, CKF_GENERATE_KEY_PAIR},
     .key_type = CKK_GOSTR3410, .generate_pair = generate_pair},
    {.type = CKM_GOSTR3410_512_KEY_PAIR_GEN, .info = {512, 512, CKF_GENERATE_KEY_PAIR},
     .key_type = CKK_GOSTR3410_512, .generate_pair = generate_pair},
    SIG(CKM_GOSTR3410, 256),
    SIG(CKM_GOSTR3410_512, 512),
#if P11_HAVE_STREEBOG
    SIG(CKM_GOSTR3410_WITH_GOSTR3411_12_256, 256),
    SIG(CKM_GOSTR3410_WITH_GOSTR3411_12_512, 512),
    {.type = CKM_GOSTR3410_12_DERIVE, .info = {256, 512, CKF_DERIVE},
     .key_type = CK_UNAVAILABLE_INFORMATION, .derive = vko_derive},
    {.type = CKM_VKO_GOSTR3410_2012_512, .info = {256, 512, CKF_DERIVE},
     .key_type = CK_UNAVAILABLE_INFORMATION, .derive = vko_derive},
    {.type = CKM_GOST_KEG, .info = {256, 512, CKF_DERIVE},
     .key_type = CK_UNAVAILABLE_INFORMATION, .derive = keg_derive},
#endif
};

const struct p11_mech_family p11_family_gost3410 = {"gost3410", mechs,
                                                     sizeof mechs / sizeof mechs[0]};
