/* The MAC of GOST R 34.13-2015 s.5.6 (OMAC) with Kuznyechik and Magma as
 * sign/verify with a secret key of the cipher's type:
 *   CKM_KUZNYECHIK_MAC / CKM_MAGMA_MAC ([TC26]): no parameter, the full
 *     n-byte tag (16 / 8 bytes);
 *   CKM_LIBGOST_*_MAC_GENERAL: the tag length in bytes (1..n) as a CK_ULONG
 *     parameter, the CK_MAC_GENERAL_PARAMS of PKCS#11 v2.40 s.2.10. */
#include <string.h>

#include "gost/modes.h"
#include "gost/util.h"
#include "p11.h"

struct mac_ctx {
    gost_mac_ctx m;
    size_t tag_len;
};

static CK_RV mac_init(void *vctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op)
{
    struct mac_ctx *c = vctx;
    bool kuz = m->mechanism == CKM_KUZNYECHIK_MAC ||
               m->mechanism == CKM_LIBGOST_KUZNYECHIK_MAC_GENERAL;
    bool general = m->mechanism == CKM_LIBGOST_KUZNYECHIK_MAC_GENERAL ||
                   m->mechanism == CKM_LIBGOST_MAGMA_MAC_GENERAL;
    size_t n = kuz ? 16 : 8;
    const uint8_t *kv;
    CK_RV rv = p11_mech_key_value(key, GOST_CIPHER_KEY_SIZE, &kv);
    (void)op;
    if (rv != CKR_OK)
        return rv;
    c->tag_len = n;
    if (general) {
        CK_ULONG want;
        if (m->pParameter == NULL || m->ulParameterLen != sizeof(CK_ULONG))
            return CKR_MECHANISM_PARAM_INVALID;
        memcpy(&want, m->pParameter, sizeof want); /* the caller's buffer may be unaligned */
        if (want < 1 || want > n)
            return CKR_MECHANISM_PARAM_INVALID;
        c->tag_len = want;
    } else if (m->pParameter != NULL || m->ulParameterLen != 0) {
        return CKR_MECHANISM_PARAM_INVALID;
    }
    return gost_mac_init(&c->m, kuz ? GOST_CIPHER_KUZNYECHIK : GOST_CIPHER_MAGMA, kv) == GOST_OK
               ? CKR_OK
               : CKR_FUNCTION_FAILED;
}

static CK_RV mac_update(void *vctx, const uint8_t *in, CK_ULONG len)
{
    struct mac_ctx *c = vctx;
    return gost_mac_update(&c->m, in, len) == GOST_OK ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_ULONG mac_len(const void *vctx)
{
    return ((const struct mac_ctx *)vctx)->tag_len;
}

static CK_RV mac_final(void *vctx, uint8_t *out)
{
    struct mac_ctx *c = vctx;
    return gost_mac_final(&c->m, out, c->tag_len) == GOST_OK ? CKR_OK : CKR_FUNCTION_FAILED;
}

static CK_RV mac_verify(void *vctx, const uint8_t *sig, CK_ULONG len)
{
    struct mac_ctx *c = vctx;
    uint8_t tag[GOST_CIPHER_MAX_BLOCK_SIZE];
    CK_RV rv;
    if (len != c->tag_len)
        return CKR_SIGNATURE_LEN_RANGE;
    rv = mac_final(c, tag);
    if (rv == CKR_OK && !gost_ct_equal(tag, sig, c->tag_len))
        rv = CKR_SIGNATURE_INVALID;
    gost_wipe(tag, sizeof tag);
    return rv;
}

static void mac_cleanup(void *vctx)
{
    gost_mac_wipe(&((struct mac_ctx *)vctx)->m);
}

#define MAC(mech, kt)                                                                             \
    {.type = (mech), .info = {32, 32, CKF_SIGN | CKF_VERIFY}, .key_type = (kt),                 \
     .ctx_size = sizeof(struct mac_ctx), .init = mac_init, .update = mac_update,                  \
     .out_len = mac_len, .final = mac_final, .verify_final = mac_verify, .cleanup = mac_cleanup}

static const struct p11_mech mechs[] = {
    MAC(CKM_KUZNYECHIK_MAC, CKK_KUZNYECHIK),
    MAC(CKM_LIBGOST_KUZNYECHIK_MAC_GENERAL, CKK_KUZNYECHIK),
    MAC(CKM_MAGMA_MAC, CKK_MAGMA),
    MAC(CKM_LIBGOST_MAGMA_MAC_GENERAL, CKK_MAGMA),
};

const struct p11_mech_family p11_family_mac = {"mac", mechs, sizeof mechs / sizeof mechs[0]};
