/* Encryption and decryption with Kuznyechik and Magma in the modes of
 * GOST R 34.13-2015 (ECB, CBC, CTR, CFB, OFB) and CTR-ACPKM
 * (R 1323565.1.017-2018), single- and multi-part, over gost_mode_ctx.
 *
 * Parameters (DESIGN.md):
 *   ECB          none; the data must be whole blocks (no padding, as CKM_AES_ECB);
 *   CBC, OFB     the IV, z*n bytes (1 <= z, at most GOST_MODE_MAX_IV);
 *   CFB          the IV, n..GOST_MODE_MAX_IV bytes; whole-block segments (s = n);
 *   CTR          the IV, n/2 bytes; whole gamma blocks (s = n);
 *   CTR-ACPKM    the section size (4 bytes big-endian, a multiple of n)
 *                followed by the IV (n/2 bytes).
 * Any split of the data gives the same result as one call: CTR/CFB/OFB
 * output as many bytes as they read; ECB/CBC hold a partial block back. */
#include <string.h>

#include "gost/acpkm.h"
#include "gost/modes.h"
#include "gost/util.h"
#include "p11.h"

enum cipher_mode { ECB, CBC, CTR, CFB, OFB, CTR_ACPKM };

struct cipher_ctx {
    gost_mode_ctx m;
    bool decrypt;
};

struct cipher_kind {
    CK_MECHANISM_TYPE type;
    gost_cipher_id id;
    enum cipher_mode mode;
};

static const struct cipher_kind kinds[] = {
    {CKM_KUZNYECHIK_ECB, GOST_CIPHER_KUZNYECHIK, ECB},
    {CKM_LIBGOST_KUZNYECHIK_CBC, GOST_CIPHER_KUZNYECHIK, CBC},
    {CKM_LIBGOST_KUZNYECHIK_CTR, GOST_CIPHER_KUZNYECHIK, CTR},
    {CKM_LIBGOST_KUZNYECHIK_CFB, GOST_CIPHER_KUZNYECHIK, CFB},
    {CKM_LIBGOST_KUZNYECHIK_OFB, GOST_CIPHER_KUZNYECHIK, OFB},
    {CKM_KUZNYECHIK_CTR_ACPKM, GOST_CIPHER_KUZNYECHIK, CTR_ACPKM},
    {CKM_MAGMA_ECB, GOST_CIPHER_MAGMA, ECB},
    {CKM_LIBGOST_MAGMA_CBC, GOST_CIPHER_MAGMA, CBC},
    {CKM_LIBGOST_MAGMA_CTR, GOST_CIPHER_MAGMA, CTR},
    {CKM_LIBGOST_MAGMA_CFB, GOST_CIPHER_MAGMA, CFB},
    {CKM_LIBGOST_MAGMA_OFB, GOST_CIPHER_MAGMA, OFB},
    {CKM_MAGMA_CTR_ACPKM, GOST_CIPHER_MAGMA, CTR_ACPKM},
};

static const struct cipher_kind *kind_of(CK_MECHANISM_TYPE type)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].type == type)
            return &kinds[i];
    return NULL;
}

static int mode_init(struct cipher_ctx *c, const struct cipher_kind *k, const uint8_t *key,
                     const CK_MECHANISM *m)
{
    const uint8_t *p = m->pParameter;
    size_t len = m->ulParameterLen;
    gost_direction dir = c->decrypt ? GOST_DECRYPT : GOST_ENCRYPT;
    switch (k->mode) {
    case ECB:
        return len == 0 ? gost_ecb_init(&c->m, k->id, key, dir, GOST_PAD_NONE)
                        : GOST_ERR_BAD_LENGTH;
    case CBC:
        return gost_cbc_init(&c->m, k->id, key, dir, p, len, GOST_PAD_NONE);
    case CTR:
        return gost_ctr_init(&c->m, k->id, key, p, len, k->id == GOST_CIPHER_MAGMA ? 8 : 16);
    case CFB:
        return gost_cfb_init(&c->m, k->id, key, dir, p, len, k->id == GOST_CIPHER_MAGMA ? 8 : 16);
    case OFB:
        return gost_ofb_init(&c->m, k->id, key, p, len, k->id == GOST_CIPHER_MAGMA ? 8 : 16);
    case CTR_ACPKM:
        if (len <= 4)
            return GOST_ERR_BAD_LENGTH;
        return gost_ctr_acpkm_init(&c->m, k->id, key,
                                   (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3],
                                   p + 4, len - 4);
    }
    return GOST_ERR_INVALID_ARGUMENT;
}

static CK_RV cipher_init(void *vctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op)
{
    struct cipher_ctx *c = vctx;
    const struct cipher_kind *k = kind_of(m->mechanism);
    const uint8_t *kv;
    CK_RV rv = p11_mech_key_value(key, GOST_CIPHER_KEY_SIZE, &kv);
    if (rv != CKR_OK)
        return rv;
    if (m->pParameter == NULL && m->ulParameterLen != 0)
        return CKR_MECHANISM_PARAM_INVALID;
    c->decrypt = op == P11_OP_DECRYPT;
    /* Every init failure here is a parameter libgost refused (IV or section
     * length); the key was checked above. */
    return mode_init(c, k, kv, m) == GOST_OK ? CKR_OK : CKR_MECHANISM_PARAM_INVALID;
}

static CK_ULONG cipher_max_out(const void *vctx, CK_ULONG in_len, bool final)
{
    const struct cipher_ctx *c = vctx;
    (void)final; /* no padding: the final step adds nothing */
    return gost_mode_output_size(&c->m, in_len);
}

static CK_RV cipher_update(void *vctx, const uint8_t *in, CK_ULONG len, uint8_t *out,
                           CK_ULONG *out_len)
{
    struct cipher_ctx *c = vctx;
    size_t got = 0;
    int rc = gost_mode_update(&c->m, in, len, out, *out_len, &got);
    if (rc == GOST_OK)
        *out_len = got;
    return p11_mech_cipher_rv(rc, c->decrypt);
}

static CK_RV cipher_final(void *vctx, uint8_t *out, CK_ULONG *out_len)
{
    struct cipher_ctx *c = vctx;
    size_t got = 0;
    int rc = gost_mode_final(&c->m, out, *out_len, &got);
    if (rc == GOST_OK)
        *out_len = got;
    return p11_mech_cipher_rv(rc, c->decrypt);
}

static void cipher_cleanup(void *vctx)
{
    gost_mode_wipe(&((struct cipher_ctx *)vctx)->m);
}

#define CIPHER(mech, kt)                                                                          \
    {.type = (mech), .info = {32, 32, CKF_ENCRYPT | CKF_DECRYPT}, .key_type = (kt),             \
     .ctx_size = sizeof(struct cipher_ctx), .init = cipher_init,                                  \
     .cipher_max_out = cipher_max_out, .cipher_update = cipher_update,                            \
     .cipher_final = cipher_final, .cleanup = cipher_cleanup}

static const struct p11_mech mechs[] = {
    CIPHER(CKM_KUZNYECHIK_ECB, CKK_KUZNYECHIK),
    CIPHER(CKM_LIBGOST_KUZNYECHIK_CBC, CKK_KUZNYECHIK),
    CIPHER(CKM_LIBGOST_KUZNYECHIK_CTR, CKK_KUZNYECHIK),
    CIPHER(CKM_LIBGOST_KUZNYECHIK_CFB, CKK_KUZNYECHIK),
    CIPHER(CKM_LIBGOST_KUZNYECHIK_OFB, CKK_KUZNYECHIK),
    CIPHER(CKM_KUZNYECHIK_CTR_ACPKM, CKK_KUZNYECHIK),
    CIPHER(CKM_MAGMA_ECB, CKK_MAGMA),
    CIPHER(CKM_LIBGOST_MAGMA_CBC, CKK_MAGMA),
    CIPHER(CKM_LIBGOST_MAGMA_CTR, CKK_MAGMA),
    CIPHER(CKM_LIBGOST_MAGMA_CFB, CKK_MAGMA),
    CIPHER(CKM_LIBGOST_MAGMA_OFB, CKK_MAGMA),
    CIPHER(CKM_MAGMA_CTR_ACPKM, CKK_MAGMA),
};

const struct p11_mech_family p11_family_cipher = {"cipher", mechs, sizeof mechs / sizeof mechs[0]};
