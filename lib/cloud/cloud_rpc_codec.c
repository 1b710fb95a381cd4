/* The PKCS#11 RPC encoding. Every integer (CK_ULONG, flags, handles, lengths)
 * is a u64, big-endian, so both ends agree whatever their CK_ULONG size.
 * A byte string is its u64 length then the bytes; an optional pointer is a
 * u64 flag (0 NULL, 1 present) and a u64 length, then the bytes when data
 * travels (input) and nothing when it is an output buffer (the length is its
 * capacity): that keeps PKCS#11's "NULL asks the length" semantics exact.
 * Attribute values are raw bytes: CK_ULONG-valued attributes keep the native
 * size, so client and server must share it (both 64-bit Linux here).
 * Mechanism parameters: kind 0 none, 1 bytes, 2 CK_GOSTR3410_DERIVE_PARAMS,
 * 3 CK_GOST_MGM_PARAMS, 4 CK_KDF_TREE_GOST_PARAMS, 5 CK_ECDH1_DERIVE_PARAMS
 * (CKM_GOST_KEG) (the structs carry
 * pointers and are re-built on the far side); ACPKM section sizes, IVs and
 * KExp15 IVs are plain bytes. */
#include "cloud_rpc_codec.h"

#include <gost/errors.h>
#include <stdlib.h>
#include <string.h>

void rpc_put_raw(struct rpc_out *w, const void *p, size_t n)
{
    if (w->err)
        return; /* keep the first error */
    if (n > w->cap - w->len) {
        w->err = GOST_ERR_BUFFER_TOO_SMALL;
        return;
    }
    if (n != 0)
        memcpy(w->p + w->len, p, n);
    w->len += n;
}

void rpc_put_u64(struct rpc_out *w, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (56 - 8 * i));
    rpc_put_raw(w, b, 8);
}

void rpc_put_bytes(struct rpc_out *w, const void *p, size_t n)
{
    rpc_put_u64(w, n);
    rpc_put_raw(w, p, n);
}

void rpc_put_opt(struct rpc_out *w, const void *p, uint64_t n, int with_data)
{
    /* input data at NULL with a length: the caller's mistake, and the server
     * refuses it as malformed; stop it here (CKR_ARGUMENTS_BAD) */
    if (with_data && p == NULL && n != 0 && !w->err)
        w->err = GOST_ERR_INVALID_ARGUMENT;
    rpc_put_u64(w, p != NULL);
    rpc_put_u64(w, n);
    if (p != NULL && with_data) {
        if (n > SIZE_MAX) {
            w->err = w->err ? w->err : GOST_ERR_BUFFER_TOO_SMALL;
            return;
        }
        rpc_put_raw(w, p, (size_t)n);
    }
}

const uint8_t *rpc_get_raw(struct rpc_in *r, size_t n)
{
    if (r->err || n > r->len - r->off) {
        r->err = GOST_ERR_DECODE;
        return NULL;
    }
    const uint8_t *p = r->p + r->off;
    r->off += n;
    return p;
}

uint64_t rpc_get_u64(struct rpc_in *r)
{
    const uint8_t *b = rpc_get_raw(r, 8);
    uint64_t v = 0;
    if (b == NULL)
        return 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

CK_ULONG rpc_get_ulong(struct rpc_in *r)
{
    uint64_t v = rpc_get_u64(r);
    if (v > (uint64_t)(CK_ULONG)-1) {
        r->err = GOST_ERR_DECODE;
        return 0;
    }
    return (CK_ULONG)v;
}

const uint8_t *rpc_get_bytes(struct rpc_in *r, size_t *n)
{
    uint64_t len = rpc_get_u64(r);
    *n = 0;
    if (r->err || len > r->len - r->off) {
        r->err = GOST_ERR_DECODE;
        return NULL;
    }
    *n = (size_t)len;
    return rpc_get_raw(r, (size_t)len);
}

const uint8_t *rpc_get_opt(struct rpc_in *r, int *present, uint64_t *n, int with_data)
{
    uint64_t flag = rpc_get_u64(r);
    *n = rpc_get_u64(r);
    *present = 0;
    if (r->err || flag > 1) {
        r->err = GOST_ERR_DECODE;
        *n = 0;
        return NULL;
    }
    *present = (int)flag;
    if (!flag || !with_data)
        return NULL;
    if (*n > r->len - r->off) {
        r->err = GOST_ERR_DECODE;
        *n = 0;
        *present = 0;
        return NULL;
    }
    const uint8_t *p = rpc_get_raw(r, (size_t)*n);
    /* a present empty buffer still needs a non-NULL pointer */
    return p;
}

int rpc_get_done(const struct rpc_in *r)
{
    return r->err == 0 && r->off == r->len;
}

/* ---- mechanisms ------------------------------------------------------------ */
static int mech_kind(const CK_MECHANISM *m)
{
    if (m->pParameter == NULL)
        return 0;
    switch (m->mechanism) {
    case CKM_GOSTR3410_DERIVE:
    case CKM_GOSTR3410_12_DERIVE:
    case CKM_VKO_GOSTR3410_2012_512:
        if (m->ulParameterLen == sizeof(CK_GOSTR3410_DERIVE_PARAMS))
            return 2;
        break;
    case CKM_GOST_KEG:
        if (m->ulParameterLen == sizeof(CK_ECDH1_DERIVE_PARAMS))
            return 5;
        break;
    case CKM_KUZNYECHIK_MGM:
    case CKM_MAGMA_MGM:
        if (m->ulParameterLen == sizeof(CK_GOST_MGM_PARAMS))
            return 3;
        break;
    case CKM_KDF_TREE_GOSTR3411_2012_256:
        if (m->ulParameterLen == sizeof(CK_KDF_TREE_GOST_PARAMS))
            return 4;
        break;
    default:
        break;
    }
    return 1;
}

/* pointer + length pairs inside parameter structs: NULL with length 0 is allowed */
static void put_ptr(struct rpc_out *w, const void *p, CK_ULONG n)
{
    rpc_put_opt(w, p, n, 1);
}

static CK_BYTE_PTR get_ptr(struct rpc_in *r, CK_ULONG *n)
{
    int present;
    uint64_t len;
    const uint8_t *p = rpc_get_opt(r, &present, &len, 1);
    *n = (CK_ULONG)len;
    if (!present) {
        if (len != 0)
            r->err = GOST_ERR_DECODE;
        return NULL;
    }
    /* present with length 0: any non-NULL pointer (the module reads nothing) */
    return (CK_BYTE_PTR)(p != NULL ? p : r->p);
}

/* The derive parameters: a kdf and two pointer + length pairs. */
static void put_kdf_pair(struct rpc_out *w, CK_ULONG kdf, const void *a, CK_ULONG a_len,
                         const void *b, CK_ULONG b_len)
{
    rpc_put_u64(w, kdf);
    put_ptr(w, a, a_len);
    put_ptr(w, b, b_len);
}

static void get_kdf_pair(struct rpc_in *r, CK_ULONG *kdf, CK_BYTE_PTR *a, CK_ULONG *a_len,
                         CK_BYTE_PTR *b, CK_ULONG *b_len)
{
    *kdf = rpc_get_ulong(r);
    *a = get_ptr(r, a_len);
    *b = get_ptr(r, b_len);
}

void rpc_put_mech(struct rpc_out *w, const CK_MECHANISM *m)
{
    int kind = mech_kind(m);
    rpc_put_u64(w, m->mechanism);
    rpc_put_u64(w, (uint64_t)kind);
    if (kind == 1) {
        rpc_put_bytes(w, m->pParameter, m->ulParameterLen);
    } else if (kind == 2) {
        const CK_GOSTR3410_DERIVE_PARAMS *p = m->pParameter;
        put_kdf_pair(w, p->kdf, p->pPublicData, p->ulPublicDataLen, p->pUKM, p->ulUKMLen);
    } else if (kind == 3) {
        const CK_GOST_MGM_PARAMS *p = m->pParameter;
        put_ptr(w, p->pNonce, p->ulNonceLen);
        put_ptr(w, p->pAAD, p->ulAADLen);
        rpc_put_u64(w, p->ulTagBits);
    } else if (kind == 4) {
        const CK_KDF_TREE_GOST_PARAMS *p = m->pParameter;
        put_ptr(w, p->pLabel, p->ulLabelLength);
        put_ptr(w, p->pSeed, p->ulSeedLength);
        rpc_put_u64(w, p->ulR);
        rpc_put_u64(w, p->ulL);
        rpc_put_u64(w, p->ulOffset);
    } else if (kind == 5) {
        const CK_ECDH1_DERIVE_PARAMS *p = m->pParameter;
        put_kdf_pair(w, p->kdf, p->pSharedData, p->ulSharedDataLen, p->pPublicData,
                     p->ulPublicDataLen);
    }
}

int rpc_get_mech(struct rpc_in *r, struct rpc_mech *m)
{
    memset(m, 0, sizeof *m);
    m->m.mechanism = rpc_get_ulong(r);
    uint64_t kind = rpc_get_u64(r);
    if (kind == 1) {
        size_t n;
        const uint8_t *p = rpc_get_bytes(r, &n);
        m->m.pParameter = (void *)(p != NULL ? p : r->p);
        m->m.ulParameterLen = n;
    } else if (kind == 2) {
        get_kdf_pair(r, &m->u.derive.kdf, &m->u.derive.pPublicData, &m->u.derive.ulPublicDataLen,
                     &m->u.derive.pUKM, &m->u.derive.ulUKMLen);
        m->m.pParameter = &m->u.derive;
        m->m.ulParameterLen = sizeof m->u.derive;
    } else if (kind == 3) {
        m->u.mgm.pNonce = get_ptr(r, &m->u.mgm.ulNonceLen);
        m->u.mgm.pAAD = get_ptr(r, &m->u.mgm.ulAADLen);
        m->u.mgm.ulTagBits = rpc_get_ulong(r);
        m->m.pParameter = &m->u.mgm;
        m->m.ulParameterLen = sizeof m->u.mgm;
    } else if (kind == 4) {
        m->u.tree.pLabel = get_ptr(r, &m->u.tree.ulLabelLength);
        m->u.tree.pSeed = get_ptr(r, &m->u.tree.ulSeedLength);
        m->u.tree.ulR = rpc_get_ulong(r);
        m->u.tree.ulL = rpc_get_ulong(r);
        m->u.tree.ulOffset = rpc_get_ulong(r);
        m->m.pParameter = &m->u.tree;
        m->m.ulParameterLen = sizeof m->u.tree;
    } else if (kind == 5) {
        get_kdf_pair(r, &m->u.ecdh.kdf, &m->u.ecdh.pSharedData, &m->u.ecdh.ulSharedDataLen,
                     &m->u.ecdh.pPublicData, &m->u.ecdh.ulPublicDataLen);
        m->m.pParameter = &m->u.ecdh;
        m->m.ulParameterLen = sizeof m->u.ecdh;
    } else if (kind != 0) {
        r->err = GOST_ERR_DECODE;
    }
    return r->err;
}

/* ---- templates --------------------------------------------------------------- */
void rpc_put_tmpl(struct rpc_out *w, const CK_ATTRIBUTE *t, CK_ULONG n)
{
    rpc_put_u64(w, n);
    for (CK_ULONG i = 0; i < n; i++) {
        rpc_put_u64(w, t[i].type);
        rpc_put_opt(w, t[i].pValue, t[i].ulValueLen, 1);
    }
}

int rpc_get_tmpl(struct rpc_in *r, CK_ATTRIBUTE **t, CK_ULONG *n)
{
    uint64_t cnt = rpc_get_u64(r);
    *t = NULL;
    *n = 0;
    if (r->err || cnt > RPC_MAX_ATTRS)
        return r->err = GOST_ERR_DECODE;
    CK_ATTRIBUTE *a = calloc(cnt ? cnt : 1, sizeof *a);
    if (a == NULL)
        return r->err = GOST_ERR_NO_MEMORY;
    for (uint64_t i = 0; i < cnt && !r->err; i++) {
        a[i].type = rpc_get_ulong(r);
        a[i].pValue = get_ptr(r, &a[i].ulValueLen);
    }
    if (r->err) {
        free(a);
        return r->err;
    }
    *t = a;
    *n = (CK_ULONG)cnt;
    return 0;
}
