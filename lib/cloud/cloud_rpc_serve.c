/* Server side of the PKCS#11 RPC: one request in, one C_* call on the local
 * module, one response out. Requests are hostile: every field is decoded with
 * bounds checks, trailing bytes are refused, output buffers are allocated here
 * at most GOST_CLOUD_MAX_MESSAGE bytes whatever capacity the client claims.
 * Response: u64 CK_RV, then the outputs (lengths always, data when CKR_OK). */
#include <gost/errors.h>
#include <gost/util.h>
#include <stdlib.h>
#include <string.h>

#include "cloud_rpc_codec.h"
#include "cloud_transport.h"

#define MAXB ((uint64_t)GOST_CLOUD_MAX_MESSAGE)

struct obuf { /* an output buffer the client asked for */
    int present;
    CK_ULONG cap, len;
    uint8_t *p;
};

static int get_obuf(struct rpc_in *r, struct obuf *o, size_t elem)
{
    uint64_t n;
    memset(o, 0, sizeof *o);
    rpc_get_opt(r, &o->present, &n, 0);
    if (r->err)
        return r->err;
    if (n > MAXB / elem)
        n = MAXB / elem;
    o->cap = o->len = (CK_ULONG)n;
    if (o->present && (o->p = calloc(n ? n : 1, elem)) == NULL)
        return r->err = GOST_ERR_NO_MEMORY;
    return 0;
}

static void put_obuf(struct rpc_out *w, CK_RV rv, const struct obuf *o)
{
    rpc_put_u64(w, o->len);
    if (o->present && rv == CKR_OK) {
        if (o->len > o->cap)
            w->err = GOST_ERR_INTERNAL;
        else
            rpc_put_bytes(w, o->p, o->len);
    }
}

static void put_olist(struct rpc_out *w, CK_RV rv, const struct obuf *o)
{
    rpc_put_u64(w, o->len);
    if (o->present && rv == CKR_OK) {
        if (o->len > o->cap) {
            w->err = GOST_ERR_INTERNAL;
            return;
        }
        for (CK_ULONG i = 0; i < o->len; i++)
            rpc_put_u64(w, ((const CK_ULONG *)(const void *)o->p)[i]);
    }
}

static void free_obuf(struct obuf *o)
{
    if (o->p != NULL) {
        gost_wipe(o->p, o->cap);
        free(o->p);
    }
    o->p = NULL;
}

static CK_UTF8CHAR_PTR get_pin(struct rpc_in *r, CK_ULONG *n)
{
    int present;
    uint64_t len;
    const uint8_t *p = rpc_get_opt(r, &present, &len, 1);
    *n = (CK_ULONG)len;
    if (!present) {
        *n = 0;
        return NULL;
    }
    return (CK_UTF8CHAR_PTR)(p != NULL ? p : r->p);
}

static CK_BYTE_PTR get_in(struct rpc_in *r, CK_ULONG *n)
{
    size_t len;
    const uint8_t *p = rpc_get_bytes(r, &len);
    *n = (CK_ULONG)len;
    return (CK_BYTE_PTR)(p != NULL ? p : r->p);
}

/* GetAttributeValue: the template arrives as (type, present, capacity). */
static int srv_get_attrs(CK_FUNCTION_LIST_PTR f, struct rpc_in *r, struct rpc_out *w)
{
    CK_SESSION_HANDLE s = rpc_get_ulong(r);
    CK_OBJECT_HANDLE o = rpc_get_ulong(r);
    uint64_t n = rpc_get_u64(r), total = 0;
    if (r->err || n > RPC_MAX_ATTRS)
        return r->err = GOST_ERR_DECODE;
    CK_ATTRIBUTE *t = calloc(n ? n : 1, sizeof *t);
    CK_ULONG *cap = calloc(n ? n : 1, sizeof *cap);
    if (t == NULL || cap == NULL) {
        free(t);
        free(cap);
        return r->err = GOST_ERR_NO_MEMORY;
    }
    for (uint64_t i = 0; i < n && !r->err; i++) {
        int present;
        uint64_t len;
        t[i].type = rpc_get_ulong(r);
        rpc_get_opt(r, &present, &len, 0);
        if (len > MAXB - total)
            len = MAXB - total; /* the answer could not carry more anyway */
        total += present ? len : 0;
        t[i].ulValueLen = cap[i] = (CK_ULONG)len;
        if (present && !r->err && (t[i].pValue = calloc(len ? len : 1, 1)) == NULL)
            r->err = GOST_ERR_NO_MEMORY;
    }
    if (!r->err && !rpc_get_done(r))
        r->err = GOST_ERR_DECODE;
    if (!r->err) {
        CK_RV rv = f->C_GetAttributeValue(s, o, t, (CK_ULONG)n);
        rpc_put_u64(w, rv);
        rpc_put_u64(w, n);
        for (uint64_t i = 0; i < n; i++) {
            rpc_put_u64(w, t[i].ulValueLen);
            if (t[i].pValue != NULL && t[i].ulValueLen != CK_UNAVAILABLE_INFORMATION) {
                if (t[i].ulValueLen > cap[i])
                    w->err = GOST_ERR_INTERNAL;
                else
                    rpc_put_bytes(w, t[i].pValue, t[i].ulValueLen);
            }
        }
    }
    for (uint64_t i = 0; i < n; i++) {
        if (t[i].pValue != NULL)
            gost_wipe(t[i].pValue, cap[i]);
        free(t[i].pValue);
    }
    free(t);
    free(cap);
    return 0;
}

static CK_RV op_call_init(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, uint64_t op,
                          CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    switch (op) {
    case RPC_OP_DIGEST: return f->C_DigestInit(s, m);
    case RPC_OP_SIGN: return f->C_SignInit(s, m, k);
    case RPC_OP_VERIFY: return f->C_VerifyInit(s, m, k);
    case RPC_OP_ENCRYPT: return f->C_EncryptInit(s, m, k);
    case RPC_OP_DECRYPT: return f->C_DecryptInit(s, m, k);
    default: return CKR_ARGUMENTS_BAD;
    }
}

static CK_RV op_call_oneshot(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, uint64_t op,
                             CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    switch (op) {
    case RPC_OP_DIGEST: return f->C_Digest(s, in, n, out, ol);
    case RPC_OP_SIGN: return f->C_Sign(s, in, n, out, ol);
    case RPC_OP_ENCRYPT: return f->C_Encrypt(s, in, n, out, ol);
    case RPC_OP_DECRYPT: return f->C_Decrypt(s, in, n, out, ol);
    default: return CKR_ARGUMENTS_BAD;
    }
}

static CK_RV op_call_final(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, uint64_t op,
                           CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    switch (op) {
    case RPC_OP_DIGEST: return f->C_DigestFinal(s, out, ol);
    case RPC_OP_SIGN: return f->C_SignFinal(s, out, ol);
    case RPC_OP_ENCRYPT: return f->C_EncryptFinal(s, out, ol);
    case RPC_OP_DECRYPT: return f->C_DecryptFinal(s, out, ol);
    default: return CKR_ARGUMENTS_BAD;
    }
}

/* Cryptographic operations (op_* of struct p11_backend). */
static int srv_op(CK_FUNCTION_LIST_PTR f, uint64_t fn, struct rpc_in *r, struct rpc_out *w)
{
    CK_SESSION_HANDLE s = rpc_get_ulong(r);
    uint64_t op = rpc_get_u64(r);
    int cipher = op == RPC_OP_ENCRYPT || op == RPC_OP_DECRYPT;
    struct obuf o = {0};
    CK_RV rv;
    if (fn == RPC_OP_INIT) {
        struct rpc_mech m;
        rpc_get_mech(r, &m);
        CK_OBJECT_HANDLE k = rpc_get_ulong(r);
        if (!rpc_get_done(r))
            return GOST_ERR_DECODE;
        rpc_put_u64(w, op_call_init(f, s, op, &m.m, k));
        return 0;
    }
    CK_ULONG n = 0;
    CK_BYTE_PTR in = NULL;
    if (fn != RPC_OP_FINAL)
        in = get_in(r, &n);
    if (fn != RPC_OP_UPDATE || cipher)
        get_obuf(r, &o, 1);
    if (!rpc_get_done(r)) {
        free_obuf(&o);
        return r->err ? r->err : GOST_ERR_DECODE;
    }
    if (fn == RPC_OP_ONESHOT)
        rv = op_call_oneshot(f, s, op, in, n, o.p, &o.len);
    else if (fn == RPC_OP_FINAL)
        rv = op_call_final(f, s, op, o.p, &o.len);
    else if (op == RPC_OP_DIGEST)
        rv = f->C_DigestUpdate(s, in, n);
    else if (op == RPC_OP_SIGN)
        rv = f->C_SignUpdate(s, in, n);
    else if (op == RPC_OP_VERIFY)
        rv = f->C_VerifyUpdate(s, in, n);
    else if (op == RPC_OP_ENCRYPT)
        rv = f->C_EncryptUpdate(s, in, n, o.p, &o.len);
    else if (op == RPC_OP_DECRYPT)
        rv = f->C_DecryptUpdate(s, in, n, o.p, &o.len);
    else
        rv = CKR_ARGUMENTS_BAD;
    rpc_put_u64(w, rv);
    if (fn != RPC_OP_UPDATE || cipher)
        put_obuf(w, rv, &o);
    free_obuf(&o);
    return 0;
}

/* RPC_OP_ABORT: the client's module refused a call of the session's active
 * operation with CKR_ARGUMENTS_BAD, which ends it (PKCS#11 v2.40
 * s.5.8-5.12), so it must end here too. The served module ends an operation
 * on an argument error, and a Final without its output length pointer (for
 * verification, without the signature) is one. The answer is CKR_OK. */
static int srv_op_abort(CK_FUNCTION_LIST_PTR f, struct rpc_in *r, struct rpc_out *w)
{
    CK_SESSION_HANDLE s = rpc_get_ulong(r);
    uint64_t op = rpc_get_u64(r);
    if (!rpc_get_done(r))
        return r->err ? r->err : GOST_ERR_DECODE;
    if (op == RPC_OP_VERIFY)
        (void)f->C_VerifyFinal(s, NULL, 0);
    else
        (void)op_call_final(f, s, op, NULL, NULL);
    rpc_put_u64(w, CKR_OK);
    return 0;
}

static int srv_keys(CK_FUNCTION_LIST_PTR f, uint64_t fn, struct rpc_in *r, struct rpc_out *w)
{
    CK_SESSION_HANDLE s = rpc_get_ulong(r);
    struct rpc_mech m;
    CK_ATTRIBUTE *t1 = NULL, *t2 = NULL;
    CK_ULONG n1 = 0, n2 = 0, n = 0;
    CK_OBJECT_HANDLE h1 = CK_INVALID_HANDLE, h2 = CK_INVALID_HANDLE, base = 0;
    CK_BYTE_PTR in = NULL;
    struct obuf o = {0};
    CK_RV rv;
    rpc_get_mech(r, &m);
    if (fn == RPC_DERIVE_KEY || fn == RPC_UNWRAP_KEY || fn == RPC_WRAP_KEY)
        base = rpc_get_ulong(r);
    if (fn == RPC_WRAP_KEY) {
        h1 = rpc_get_ulong(r);
        get_obuf(r, &o, 1);
    } else {
        if (fn == RPC_UNWRAP_KEY)
            in = get_in(r, &n);
        if (!r->err)
            rpc_get_tmpl(r, &t1, &n1);
        if (fn == RPC_GENERATE_KEY_PAIR && !r->err)
            rpc_get_tmpl(r, &t2, &n2);
    }
    if (!rpc_get_done(r)) {
        free(t1);
        free(t2);
        free_obuf(&o);
        return r->err ? r->err : GOST_ERR_DECODE;
    }
    switch (fn) {
    case RPC_GENERATE_KEY: rv = f->C_GenerateKey(s, &m.m, t1, n1, &h1); break;
    case RPC_GENERATE_KEY_PAIR:
        rv = f->C_GenerateKeyPair(s, &m.m, t1, n1, t2, n2, &h1, &h2);
        break;
    case RPC_DERIVE_KEY: rv = f->C_DeriveKey(s, &m.m, base, t1, n1, &h1); break;
    case RPC_UNWRAP_KEY: rv = f->C_UnwrapKey(s, &m.m, base, in, n, t1, n1, &h1); break;
    default: rv = f->C_WrapKey(s, &m.m, base, h1, o.p, &o.len); break;
    }
    rpc_put_u64(w, rv);
    if (fn == RPC_WRAP_KEY)
        put_obuf(w, rv, &o);
    else
        rpc_put_u64(w, h1);
    if (fn == RPC_GENERATE_KEY_PAIR)
        rpc_put_u64(w, h2);
    free(t1);
    free(t2);
    free_obuf(&o);
    return 0;
}

/* Object functions that take a template. */
static int srv_tmpl(CK_FUNCTION_LIST_PTR f, uint64_t fn, struct rpc_in *r, struct rpc_out *w)
{
    CK_SESSION_HANDLE s = rpc_get_ulong(r);
    CK_OBJECT_HANDLE o = 0, h = CK_INVALID_HANDLE;
    CK_ATTRIBUTE *t = NULL;
    CK_ULONG n = 0;
    CK_RV rv;
    if (fn == RPC_COPY_OBJECT || fn == RPC_SET_ATTRIBUTE_VALUE)
        o = rpc_get_ulong(r);
    if (!r->err)
        rpc_get_tmpl(r, &t, &n);
    if (!rpc_get_done(r)) {
        free(t);
        return r->err ? r->err : GOST_ERR_DECODE;
    }
    if (fn == RPC_CREATE_OBJECT)
        rv = f->C_CreateObject(s, t, n, &h);
    else if (fn == RPC_COPY_OBJECT)
        rv = f->C_CopyObject(s, o, t, n, &h);
    else if (fn == RPC_SET_ATTRIBUTE_VALUE)
        rv = f->C_SetAttributeValue(s, o, t, n);
    else
        rv = f->C_FindObjectsInit(s, t, n);
    free(t);
    rpc_put_u64(w, rv);
    if (fn == RPC_CREATE_OBJECT || fn == RPC_COPY_OBJECT)
        rpc_put_u64(w, h);
    return 0;
}

/* Everything about slots, tokens, sessions and PINs. */
static int srv_admin(CK_FUNCTION_LIST_PTR f, uint64_t fn, struct rpc_in *r, struct rpc_out *w)
{
    CK_ULONG a = rpc_get_ulong(r), b = 0, n1 = 0, n2 = 0;
    CK_UTF8CHAR_PTR p1 = NULL, p2 = NULL;
    const uint8_t *label = NULL;
    struct obuf o = {0};
    union {
        CK_SLOT_INFO slot;
        CK_TOKEN_INFO token;
        CK_SESSION_INFO session;
        CK_MECHANISM_INFO mech;
    } info;
    CK_RV rv;
    memset(&info, 0, sizeof info);
    switch (fn) {
    case RPC_GET_SLOT_LIST:
    case RPC_GET_MECHANISM_LIST:
    case RPC_FIND_OBJECTS: get_obuf(r, &o, sizeof(CK_ULONG)); break;
    case RPC_GET_MECHANISM_INFO:
    case RPC_OPEN_SESSION:
    case RPC_LOGIN:
    case RPC_DESTROY_OBJECT:
    case RPC_GET_OBJECT_SIZE: b = rpc_get_ulong(r); break;
    default: break;
    }
    if (fn == RPC_INIT_TOKEN || fn == RPC_INIT_PIN || fn == RPC_SET_PIN || fn == RPC_LOGIN)
        p1 = get_pin(r, &n1);
    if (fn == RPC_SET_PIN)
        p2 = get_pin(r, &n2);
    if (fn == RPC_INIT_TOKEN)
        label = rpc_get_raw(r, 32);
    if (!rpc_get_done(r)) {
        free_obuf(&o);
        return r->err ? r->err : GOST_ERR_DECODE;
    }
    CK_ULONG out = 0;
    switch (fn) {
    case RPC_GET_SLOT_LIST: rv = f->C_GetSlotList(a != 0, (CK_SLOT_ID_PTR)(void *)o.p, &o.len); break;
    case RPC_GET_MECHANISM_LIST:
        rv = f->C_GetMechanismList(a, (CK_MECHANISM_TYPE_PTR)(void *)o.p, &o.len);
        break;
    case RPC_FIND_OBJECTS:
        rv = f->C_FindObjects(a, (CK_OBJECT_HANDLE_PTR)(void *)o.p, o.cap, &o.len);
        break;
    case RPC_GET_SLOT_INFO: rv = f->C_GetSlotInfo(a, &info.slot); break;
    case RPC_GET_TOKEN_INFO: rv = f->C_GetTokenInfo(a, &info.token); break;
    case RPC_GET_SESSION_INFO: rv = f->C_GetSessionInfo(a, &info.session); break;
    case RPC_GET_MECHANISM_INFO: rv = f->C_GetMechanismInfo(a, b, &info.mech); break;
    case RPC_INIT_TOKEN: rv = f->C_InitToken(a, p1, n1, (CK_UTF8CHAR_PTR)label); break;
    case RPC_INIT_PIN: rv = f->C_InitPIN(a, p1, n1); break;
    case RPC_SET_PIN: rv = f->C_SetPIN(a, p1, n1, p2, n2); break;
    case RPC_OPEN_SESSION: rv = f->C_OpenSession(a, b, NULL, NULL, &out); break;
    case RPC_CLOSE_SESSION: rv = f->C_CloseSession(a); break;
    case RPC_CLOSE_ALL_SESSIONS: rv = f->C_CloseAllSessions(a); break;
    case RPC_LOGIN: rv = f->C_Login(a, b, p1, n1); break;
    case RPC_LOGOUT: rv = f->C_Logout(a); break;
    case RPC_DESTROY_OBJECT: rv = f->C_DestroyObject(a, b); break;
    case RPC_GET_OBJECT_SIZE: rv = f->C_GetObjectSize(a, b, &out); break;
    case RPC_FIND_OBJECTS_FINAL: rv = f->C_FindObjectsFinal(a); break;
    default: rv = CKR_FUNCTION_NOT_SUPPORTED; break;
    }
    rpc_put_u64(w, rv);
    switch (fn) {
    case RPC_GET_SLOT_LIST:
    case RPC_GET_MECHANISM_LIST:
    case RPC_FIND_OBJECTS:
        /* FindObjects fills up to the capacity: the data travels whenever asked */
        put_olist(w, rv, &o);
        break;
    case RPC_GET_SLOT_INFO: rpc_put_slot_info(w, &info.slot); break;
    case RPC_GET_TOKEN_INFO: rpc_put_token_info(w, &info.token); break;
    case RPC_GET_SESSION_INFO: rpc_put_session_info(w, &info.session); break;
    case RPC_GET_MECHANISM_INFO: rpc_put_mech_info(w, &info.mech); break;
    case RPC_OPEN_SESSION:
    case RPC_GET_OBJECT_SIZE: rpc_put_u64(w, out); break;
    default: break;
    }
    free_obuf(&o);
    return 0;
}

static int srv_misc(CK_FUNCTION_LIST_PTR f, uint64_t fn, struct rpc_in *r, struct rpc_out *w)
{
    CK_SESSION_HANDLE s = rpc_get_ulong(r);
    CK_RV rv;
    if (fn == RPC_VERIFY) {
        uint64_t final = rpc_get_u64(r);
        CK_ULONG n = 0, sn = 0;
        CK_BYTE_PTR in = final ? NULL : get_in(r, &n);
        CK_BYTE_PTR sig = get_in(r, &sn);
        if (final > 1 || !rpc_get_done(r))
            return r->err ? r->err : GOST_ERR_DECODE;
        rv = final ? f->C_VerifyFinal(s, sig, sn) : f->C_Verify(s, in, n, sig, sn);
        rpc_put_u64(w, rv);
        return 0;
    }
    /* RPC_GENERATE_RANDOM: the length asked for, bounded by what a response holds */
    uint64_t n = rpc_get_u64(r);
    if (!rpc_get_done(r) || n > MAXB - 64)
        return r->err ? r->err : GOST_ERR_DECODE;
    uint8_t *buf = malloc(n ? n : 1);
    if (buf == NULL)
        return GOST_ERR_NO_MEMORY;
    rv = f->C_GenerateRandom(s, buf, (CK_ULONG)n);
    rpc_put_u64(w, rv);
    if (rv == CKR_OK)
        rpc_put_bytes(w, buf, n);
    gost_wipe(buf, n);
    free(buf);
    return 0;
}

int gost_cloud_rpc_serve(CK_FUNCTION_LIST_PTR module, const uint8_t *req, size_t req_len,
                         uint8_t *resp, size_t cap, size_t *resp_len)
{
    struct rpc_in r = {req, req_len, 0, 0};
    struct rpc_out w = {resp, cap, 0, 0};
    int rc;
    if (module == NULL || req == NULL || resp == NULL || resp_len == NULL || cap < 8)
        return GOST_ERR_INVALID_ARGUMENT;
    *resp_len = 0;
    uint64_t fn = rpc_get_u64(&r);
    if (r.err || fn == 0 || fn >= RPC_FN_END)
        return GOST_ERR_DECODE;
    switch (fn) {
    case RPC_GET_ATTRIBUTE_VALUE: rc = srv_get_attrs(module, &r, &w);
        rc = rc ? rc : r.err;
        break;
    case RPC_OP_INIT:
    case RPC_OP_ONESHOT:
    case RPC_OP_UPDATE:
    case RPC_OP_FINAL: rc = srv_op(module, fn, &r, &w); break;
    case RPC_OP_ABORT: rc = srv_op_abort(module, &r, &w); break;
    case RPC_GENERATE_KEY:
    case RPC_GENERATE_KEY_PAIR:
    case RPC_DERIVE_KEY:
    case RPC_WRAP_KEY:
    case RPC_UNWRAP_KEY: rc = srv_keys(module, fn, &r, &w); break;
    case RPC_CREATE_OBJECT:
    case RPC_COPY_OBJECT:
    case RPC_SET_ATTRIBUTE_VALUE:
    case RPC_FIND_OBJECTS_INIT: rc = srv_tmpl(module, fn, &r, &w); break;
    case RPC_VERIFY:
    case RPC_GENERATE_RANDOM: rc = srv_misc(module, fn, &r, &w); break;
    default: rc = srv_admin(module, fn, &r, &w); break;
    }
    if (rc != 0) {
        gost_wipe(resp, w.len < cap ? w.len : cap);
        return rc;
    }
    if (w.err) {
        /* the answer does not fit: say so with a bare error code */
        gost_wipe(resp, w.len < cap ? w.len : cap);
        w.len = 0;
        w.err = 0;
        rpc_put_u64(&w, CKR_DEVICE_MEMORY);
    }
    *resp_len = w.len;
    return 0;
}
