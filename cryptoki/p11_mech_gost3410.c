/* GOST R 34.10-2012 mechanisms: key pair generation on every curve, raw
 * signatures over a digest (CKM_GOSTR3410 / _512), and, once Streebog is in
 * the tree, signatures with hashing and VKO key derivation.
 * Formats (TC 26 PKCS#11 extension): private CKA_VALUE d little-endian (n bytes),
 * public CKA_VALUE X||Y little-endian (2n), signature s||r big-endian (2n). */
#include <string.h>

#include "gost/gost3410.h"
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
/* CKM_GOSTR3410_12_DERIVE ([TC26], CK_GOSTR3410_DERIVE_PARAMS) with kdf CKD_NULL:
 * the VKO output itself is the new key's value. Its length chooses the hash
 * (R 50.1.113-2016 s.4.3, RFC 7836 s.4.3): 32 bytes VKO_GOSTR3410_2012_256,
 * 64 bytes VKO_GOSTR3410_2012_512; both on 256- and 512-bit keys. The length
 * is CKA_VALUE_LEN when the template gives it, else 64 for the twin key types
 * (the KExp15 key pair K_mac || K_enc) and 32 for the others.
 * CKM_VKO_GOSTR3410_2012_512 ([TC26]) is always the 64-byte VKO_GOSTR3410_2012_512. */
static CK_RV vko_out_len(CK_MECHANISM_TYPE mech, const struct p11_attrs *key, size_t *len)
{
    CK_KEY_TYPE kt = p11_attrs_ulong(key, CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    bool twin = kt == CKK_KUZNYECHIK_TWIN_KEY || kt == CKK_MAGMA_TWIN_KEY;
    size_t fixed = twin || mech == CKM_VKO_GOSTR3410_2012_512 ? GOST_VKO_512_SIZE
                                                               : GOST_VKO_256_SIZE;
    if (mech == CKM_VKO_GOSTR3410_2012_512 && kt != CKK_GENERIC_SECRET && !twin)
        return CKR_TEMPLATE_INCONSISTENT; /* 64 bytes: no single cipher key */
    if (kt != CKK_GENERIC_SECRET && kt != CKK_KUZNYECHIK && kt != CKK_MAGMA &&
        kt != CKK_GOST28147 && !twin)
        return CKR_TEMPLATE_INCONSISTENT;
    *len = fixed;
    if (p11_attrs_get(key, CKA_VALUE_LEN)) {
        CK_ULONG want = p11_attrs_ulong(key, CKA_VALUE_LEN, 0);
        if (want != GOST_VKO_256_SIZE && want != GOST_VKO_512_SIZE)
            return CKR_TEMPLATE_INCONSISTENT;
        if ((kt != CKK_GENERIC_SECRET || mech == CKM_VKO_GOSTR3410_2012_512) && want != fixed)
            return CKR_TEMPLATE_INCONSISTENT;
        *len = want;
    }
    return CKR_OK;
}

static CK_RV vko_derive(const CK_MECHANISM *m, const struct p11_attrs *base, struct p11_attrs *key)
{
    const CK_GOSTR3410_DERIVE_PARAMS *p = m->pParameter;
    const struct p11_attr *d = p11_attrs_get(base, CKA_VALUE);
    uint8_t q[2 * GOST_3410_MAX_SIZE], kek[GOST_VKO_512_SIZE];
    enum gost_curve curve;
    size_t n, len;
    CK_RV rv;
    int rc;
    if (p11_attrs_ulong(base, CKA_CLASS, CKO_DATA) != CKO_PRIVATE_KEY)
        return CKR_KEY_TYPE_INCONSISTENT;
    if ((rv = key_curve(base, &curve, &n)) != CKR_OK)
        return rv;
    if (p == NULL || m->ulParameterLen != sizeof *p || p->kdf != CKD_NULL || p->pUKM == NULL ||
        p->ulUKMLen == 0 || p->ulUKMLen > n)
        return CKR_MECHANISM_PARAM_INVALID;
    if (p->pPublicData == NULL ||
        p11_pubkey_decode(p->pPublicData, p->ulPublicDataLen, n, q) != CKR_OK)
        return CKR_MECHANISM_PARAM_INVALID;
    if (d == NULL)
        return CKR_USER_NOT_LOGGED_IN;
    if ((rv = vko_out_len(m->mechanism, key, &len)) != CKR_OK)
        return rv;
    rc = len == GOST_VKO_512_SIZE
             ? gost_vko_derive_512(curve, kek, d->val, q, p->pUKM, p->ulUKMLen)
             : gost_vko_derive_256(curve, kek, d->val, q, p->pUKM, p->ulUKMLen);
    if (rc == GOST_ERR_BAD_POINT)
        return CKR_MECHANISM_PARAM_INVALID;
    if (rc != 0)
        return CKR_FUNCTION_FAILED;
    rv = p11_attrs_set(key, CKA_VALUE, kek, len);
    if (rv == CKR_OK)
        rv = p11_attrs_set_ulong(key, CKA_VALUE_LEN, len);
    gost_wipe(kek, sizeof kek);
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
#endif
};

const struct p11_mech_family p11_family_gost3410 = {"gost3410", mechs,
                                                     sizeof mechs / sizeof mechs[0]};
