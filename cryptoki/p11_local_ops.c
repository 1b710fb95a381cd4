/* Cryptographic operations of the local back end: the session's operation
 * slots driven through the mechanism table, key generation, derivation and
 * random bytes. The PKCS#11 rules common to every mechanism live here once:
 * key usage flags, size queries (NULL output), CKR_BUFFER_TOO_SMALL that keeps
 * the operation, and any other error ending it (v2.40 s.5.2). */
#include <stdlib.h>
#include <string.h>

#include "gost/rand.h"
#include "gost/util.h"
#include "p11_local.h"

static const CK_FLAGS op_flag[P11_OP_COUNT] = {CKF_DIGEST, CKF_SIGN, CKF_VERIFY, CKF_ENCRYPT,
                                               CKF_DECRYPT};
static const CK_ATTRIBUTE_TYPE op_attr[P11_OP_COUNT] = {0, CKA_SIGN, CKA_VERIFY, CKA_ENCRYPT,
                                                        CKA_DECRYPT};

static bool class_fits(int op, CK_OBJECT_CLASS cls)
{
    switch (op) {
    case P11_OP_SIGN:
        return cls == CKO_PRIVATE_KEY || cls == CKO_SECRET_KEY;
    case P11_OP_VERIFY:
        return cls == CKO_PUBLIC_KEY || cls == CKO_SECRET_KEY;
    default:
        return cls == CKO_SECRET_KEY || cls == CKO_PUBLIC_KEY || cls == CKO_PRIVATE_KEY;
    }
}

/* A mechanism's context holds the library's key schedules, which are
 * declared 32-byte aligned (_Alignas(32) in gost/kuznyechik.h, magma.h,
 * gost28147.h), more than calloc promises: a compiler may read such a
 * member with aligned vector loads. Allocated on a cache line instead,
 * zeroed. (calloc's 16-byte alignment crashed the Kuznyechik one-block
 * assembly kernel when it still read its keys with vmovdqa.) */
static void *alloc_ctx(size_t size)
{
    const size_t align = 64;
    size_t n = size == 0 ? align : (size + align - 1) / align * align;
    void *p = aligned_alloc(align, n);
    if (p != NULL)
        memset(p, 0, n);
    return p;
}

CK_RV p11_l_op_init(CK_SESSION_HANDLE h, int op, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE key)
{
    struct p11_session *s;
    struct p11_op_state *st;
    const struct p11_mech *mech;
    const struct p11_attrs *ka = NULL;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    st = &s->ops[op];
    if (st->active)
        return CKR_OPERATION_ACTIVE;
    mech = p11_mech_find(m->mechanism);
    if (mech == NULL || !(mech->info.flags & op_flag[op]) || mech->init == NULL)
        return CKR_MECHANISM_INVALID;
    if (op != P11_OP_DIGEST) {
        struct p11_object *o = p11_object_visible(s, key);
        if (o == NULL)
            return CKR_KEY_HANDLE_INVALID;
        if (!class_fits(op, p11_attrs_ulong(&o->attrs, CKA_CLASS, CKO_DATA)))
            return CKR_KEY_TYPE_INCONSISTENT;
        if (mech->key_type != CK_UNAVAILABLE_INFORMATION &&
            p11_attrs_ulong(&o->attrs, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION) != mech->key_type)
            return CKR_KEY_TYPE_INCONSISTENT;
        if (!p11_attrs_bool(&o->attrs, op_attr[op], false))
            return CKR_KEY_FUNCTION_NOT_PERMITTED;
        ka = &o->attrs;
    }
    st->ctx = alloc_ctx(mech->ctx_size);
    if (st->ctx == NULL)
        return CKR_HOST_MEMORY;
    st->mech = mech;
    rv = mech->init(st->ctx, m, ka, op);
    if (rv != CKR_OK) {
        p11_session_end_op(s, op);
        return rv;
    }
    st->active = true;
    return CKR_OK;
}

static CK_RV active_op(CK_SESSION_HANDLE h, int op, struct p11_session **s)
{
    CK_RV rv = p11_session_get(h, s);
    if (rv != CKR_OK)
        return rv;
    return (*s)->ops[op].active ? CKR_OK : CKR_OPERATION_NOT_INITIALIZED;
}

static CK_RV end_on_error(struct p11_session *s, int op, CK_RV rv)
{
    if (rv != CKR_OK && rv != CKR_BUFFER_TOO_SMALL)
        p11_session_end_op(s, op);
    return rv;
}

/* The output convention of PKCS#11 v2.40 s.5.2: out NULL asks for the size
 * (CKR_OK), a buffer too small gets CKR_BUFFER_TOO_SMALL; both report the
 * size needed and leave the operation active. true if the call ends here. */
static bool size_reply(CK_BYTE_PTR out, CK_ULONG_PTR out_len, CK_ULONG need, CK_RV *rv)
{
    if (out != NULL && *out_len >= need)
        return false;
    *rv = out == NULL ? CKR_OK : CKR_BUFFER_TOO_SMALL;
    *out_len = need;
    return true;
}

/* The output of a digest or signature: size query, too small, or the value. */
static CK_RV finish_fixed(struct p11_session *s, int op, CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    struct p11_op_state *st = &s->ops[op];
    CK_ULONG need = st->mech->out_len(st->ctx);
    CK_RV rv;
    if (size_reply(out, out_len, need, &rv))
        return rv;
    rv = st->mech->final(st->ctx, out);
    if (rv == CKR_OK)
        *out_len = need;
    p11_session_end_op(s, op);
    return rv;
}

static bool is_cipher(int op)
{
    return op == P11_OP_ENCRYPT || op == P11_OP_DECRYPT;
}

CK_RV p11_l_op_oneshot(CK_SESSION_HANDLE h, int op, CK_BYTE_PTR in, CK_ULONG in_len,
                       CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    struct p11_session *s;
    struct p11_op_state *st;
    CK_RV rv = active_op(h, op, &s);
    if (rv != CKR_OK)
        return rv;
    st = &s->ops[op];
    if (st->updated)
        return end_on_error(s, op, CKR_OPERATION_ACTIVE);
    if (is_cipher(op)) {
        CK_ULONG need = st->mech->cipher_max_out(st->ctx, in_len, true), got = 0, tail = 0;
        if (size_reply(out, out_len, need, &rv))
            return rv;
        got = *out_len;
        rv = st->mech->cipher_update(st->ctx, in, in_len, out, &got);
        if (rv == CKR_OK) {
            tail = *out_len - got;
            rv = st->mech->cipher_final(st->ctx, out + got, &tail);
        }
        if (rv == CKR_OK)
            *out_len = got + tail;
        p11_session_end_op(s, op);
        return rv;
    }
    /* Digest and sign: the size query must not consume the data. */
    if (size_reply(out, out_len, st->mech->out_len(st->ctx), &rv))
        return rv;
    rv = st->mech->update(st->ctx, in, in_len);
    if (rv != CKR_OK)
        return end_on_error(s, op, rv);
    return finish_fixed(s, op, out, out_len);
}

CK_RV p11_l_op_update(CK_SESSION_HANDLE h, int op, CK_BYTE_PTR in, CK_ULONG in_len,
                      CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    struct p11_session *s;
    struct p11_op_state *st;
    CK_RV rv = active_op(h, op, &s);
    if (rv != CKR_OK)
        return rv;
    st = &s->ops[op];
    if (is_cipher(op)) {
        CK_ULONG need = st->mech->cipher_max_out(st->ctx, in_len, false);
        if (size_reply(out, out_len, need, &rv))
            return rv;
        rv = st->mech->cipher_update(st->ctx, in, in_len, out, out_len);
    } else {
        if (st->mech->update == NULL)
            return end_on_error(s, op, CKR_FUNCTION_FAILED);
        rv = st->mech->update(st->ctx, in, in_len);
    }
    st->updated = true;
    return end_on_error(s, op, rv);
}

CK_RV p11_l_op_final(CK_SESSION_HANDLE h, int op, CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    struct p11_session *s;
    struct p11_op_state *st;
    CK_RV rv = active_op(h, op, &s);
    if (rv != CKR_OK)
        return rv;
    st = &s->ops[op];
    if (is_cipher(op)) {
        CK_ULONG need = st->mech->cipher_max_out(st->ctx, 0, true);
        if (size_reply(out, out_len, need, &rv))
            return rv;
        rv = st->mech->cipher_final(st->ctx, out, out_len);
        p11_session_end_op(s, op);
        return rv;
    }
    return finish_fixed(s, op, out, out_len);
}

CK_RV p11_l_verify(CK_SESSION_HANDLE h, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig,
                   CK_ULONG sig_len)
{
    struct p11_session *s;
    struct p11_op_state *st;
    CK_RV rv = active_op(h, P11_OP_VERIFY, &s);
    if (rv != CKR_OK)
        return rv;
    st = &s->ops[P11_OP_VERIFY];
    if (len != (CK_ULONG)-1) { /* C_Verify: the whole message now */
        if (st->updated)
            return end_on_error(s, P11_OP_VERIFY, CKR_OPERATION_ACTIVE);
        rv = st->mech->update(st->ctx, data, len);
    }
    if (rv == CKR_OK)
        rv = st->mech->verify_final(st->ctx, sig, sig_len);
    p11_session_end_op(s, P11_OP_VERIFY);
    return rv;
}

/* ---- keys ------------------------------------------------------------------- */
static CK_RV keygen_mech(const CK_MECHANISM *m, CK_FLAGS flag, const struct p11_mech **out)
{
    const struct p11_mech *mech = p11_mech_find(m->mechanism);
    if (mech == NULL || !(mech->info.flags & flag))
        return CKR_MECHANISM_INVALID;
    *out = mech;
    return CKR_OK;
}

/* A fresh object of a class and key type fixed by the mechanism, with the
 * caller's template applied. */
static CK_RV start_object(struct p11_attrs *a, CK_OBJECT_CLASS cls, CK_KEY_TYPE kt,
                          const CK_ATTRIBUTE *t, CK_ULONG n)
{
    CK_RV rv = p11_attrs_set_ulong(a, CKA_CLASS, cls);
    if (rv == CKR_OK && kt != CK_UNAVAILABLE_INFORMATION)
        rv = p11_attrs_set_ulong(a, CKA_KEY_TYPE, kt);
    if (rv == CKR_OK)
        rv = p11_rules_apply(a, t, n, P11_USE_GENERATE);
    return rv;
}

CK_RV p11_l_generate_key(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                         CK_OBJECT_HANDLE_PTR out)
{
    struct p11_session *s;
    const struct p11_mech *mech;
    struct p11_attrs a = {0};
    CK_RV rv = p11_session_get(h, &s);
    if (rv == CKR_OK)
        rv = keygen_mech(m, CKF_GENERATE, &mech);
    if (rv == CKR_OK)
        rv = start_object(&a, CKO_SECRET_KEY, mech->key_type, t, n);
    if (rv == CKR_OK)
        rv = p11_object_may_create(s, &a);
    if (rv == CKR_OK)
        rv = mech->generate(m, &a);
    if (rv == CKR_OK)
        rv = p11_rules_finish_key(&a, true, m->mechanism);
    if (rv == CKR_OK)
        rv = p11_object_add(s, &a, out);
    p11_attrs_free(&a);
    return rv;
}

CK_RV p11_l_generate_key_pair(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pt,
                              CK_ULONG pn, CK_ATTRIBUTE_PTR kt, CK_ULONG kn,
                              CK_OBJECT_HANDLE_PTR ph, CK_OBJECT_HANDLE_PTR kh)
{
    struct p11_session *s;
    const struct p11_mech *mech;
    struct p11_attrs pub = {0}, priv = {0};
    CK_RV rv = p11_session_get(h, &s);
    if (rv == CKR_OK)
        rv = keygen_mech(m, CKF_GENERATE_KEY_PAIR, &mech);
    if (rv == CKR_OK)
        rv = start_object(&pub, CKO_PUBLIC_KEY, mech->key_type, pt, pn);
    if (rv == CKR_OK)
        rv = start_object(&priv, CKO_PRIVATE_KEY, mech->key_type, kt, kn);
    if (rv == CKR_OK)
        rv = p11_object_may_create(s, &pub);
    if (rv == CKR_OK)
        rv = p11_object_may_create(s, &priv);
    if (rv == CKR_OK)
        rv = mech->generate_pair(m, &pub, &priv);
    if (rv == CKR_OK)
        rv = p11_rules_finish_key(&pub, true, m->mechanism);
    if (rv == CKR_OK)
        rv = p11_rules_finish_key(&priv, true, m->mechanism);
    if (rv == CKR_OK)
        rv = p11_object_add(s, &pub, ph);
    if (rv == CKR_OK) {
        rv = p11_object_add(s, &priv, kh);
        if (rv != CKR_OK) /* no half pair left behind */
            p11_l_destroy_object(h, *ph);
    }
    p11_attrs_free(&pub);
    p11_attrs_free(&priv);
    return rv;
}

CK_RV p11_l_derive_key(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE base,
                       CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR out)
{
    struct p11_session *s;
    const struct p11_mech *mech;
    struct p11_object *b;
    struct p11_attrs a = {0};
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if ((rv = keygen_mech(m, CKF_DERIVE, &mech)) != CKR_OK)
        return rv;
    if ((b = p11_object_visible(s, base)) == NULL)
        return CKR_KEY_HANDLE_INVALID;
    if (!p11_attrs_bool(&b->attrs, CKA_DERIVE, false))
        return CKR_KEY_FUNCTION_NOT_PERMITTED;
    if (mech->key_type != CK_UNAVAILABLE_INFORMATION &&
        p11_attrs_ulong(&b->attrs, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION) != mech->key_type)
        return CKR_KEY_TYPE_INCONSISTENT;
    rv = p11_attrs_set_ulong(&a, CKA_CLASS, CKO_SECRET_KEY);
    if (rv == CKR_OK)
        rv = p11_rules_apply(&a, t, n, P11_USE_GENERATE);
    if (rv == CKR_OK && !p11_attrs_get(&a, CKA_KEY_TYPE))
        rv = p11_attrs_set_ulong(&a, CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    if (rv == CKR_OK)
        rv = p11_object_may_create(s, &a);
    if (rv == CKR_OK)
        rv = mech->derive(m, &b->attrs, &a);
    if (rv == CKR_OK) {
        /* v2.40 s.4.9: a derived key is as sensitive as its base ever was. */
        bool as = p11_attrs_bool(&b->attrs, CKA_ALWAYS_SENSITIVE, false) &&
                  p11_attrs_bool(&a, CKA_SENSITIVE, false);
        bool ne = p11_attrs_bool(&b->attrs, CKA_NEVER_EXTRACTABLE, false) &&
                  !p11_attrs_bool(&a, CKA_EXTRACTABLE, true);
        rv = p11_rules_finish_key(&a, false, CK_UNAVAILABLE_INFORMATION);
        if (rv == CKR_OK)
            rv = p11_attrs_set_bool(&a, CKA_ALWAYS_SENSITIVE, as);
        if (rv == CKR_OK)
            rv = p11_attrs_set_bool(&a, CKA_NEVER_EXTRACTABLE, ne);
    }
    if (rv == CKR_OK)
        rv = p11_object_add(s, &a, out);
    p11_attrs_free(&a);
    return rv;
}

CK_RV p11_l_generate_random(CK_SESSION_HANDLE h, CK_BYTE_PTR out, CK_ULONG n)
{
    struct p11_session *s;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    return gost_random_bytes(out, n) == 0 ? CKR_OK : CKR_DEVICE_ERROR;
}

/* ---- key wrapping (v2.40 s.5.14): the checks here, the format in the mechanism */
CK_RV p11_l_wrap_key(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE wrapping,
                     CK_OBJECT_HANDLE key, CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    struct p11_session *s;
    const struct p11_mech *mech;
    struct p11_object *w, *k;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if ((rv = keygen_mech(m, CKF_WRAP, &mech)) != CKR_OK || mech->wrap == NULL)
        return CKR_MECHANISM_INVALID;
    if ((w = p11_object_visible(s, wrapping)) == NULL)
        return CKR_WRAPPING_KEY_HANDLE_INVALID;
    if (!p11_attrs_bool(&w->attrs, CKA_WRAP, false))
        return CKR_KEY_FUNCTION_NOT_PERMITTED;
    if (p11_attrs_ulong(&w->attrs, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION) != mech->key_type)
        return CKR_WRAPPING_KEY_TYPE_INCONSISTENT;
    if ((k = p11_object_visible(s, key)) == NULL)
        return CKR_KEY_HANDLE_INVALID;
    if (!p11_attrs_bool(&k->attrs, CKA_EXTRACTABLE, false))
        return CKR_KEY_UNEXTRACTABLE;
    return mech->wrap(m, &w->attrs, &k->attrs, out, out_len);
}

CK_RV p11_l_unwrap_key(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE unwrapping,
                       CK_BYTE_PTR in, CK_ULONG in_len, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                       CK_OBJECT_HANDLE_PTR out)
{
    struct p11_session *s;
    const struct p11_mech *mech;
    struct p11_object *u;
    struct p11_attrs a = {0};
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    if ((rv = keygen_mech(m, CKF_UNWRAP, &mech)) != CKR_OK || mech->unwrap == NULL)
        return CKR_MECHANISM_INVALID;
    if ((u = p11_object_visible(s, unwrapping)) == NULL)
        return CKR_UNWRAPPING_KEY_HANDLE_INVALID;
    if (!p11_attrs_bool(&u->attrs, CKA_UNWRAP, false))
        return CKR_KEY_FUNCTION_NOT_PERMITTED;
    if (p11_attrs_ulong(&u->attrs, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION) != mech->key_type)
        return CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT;
    rv = p11_attrs_set_ulong(&a, CKA_CLASS, CKO_SECRET_KEY);
    if (rv == CKR_OK)
        rv = p11_rules_apply(&a, t, n, P11_USE_GENERATE);
    if (rv == CKR_OK && !p11_attrs_get(&a, CKA_KEY_TYPE))
        rv = p11_attrs_set_ulong(&a, CKA_KEY_TYPE, CKK_GENERIC_SECRET);
    if (rv == CKR_OK)
        rv = p11_object_may_create(s, &a);
    if (rv == CKR_OK)
        rv = mech->unwrap(m, &u->attrs, in, in_len, &a);
    if (rv == CKR_OK)
        rv = p11_object_validate_key(&a);
    if (rv == CKR_OK) /* it came from outside: never "always sensitive" */
        rv = p11_rules_finish_key(&a, false, CK_UNAVAILABLE_INFORMATION);
    if (rv == CKR_OK)
        rv = p11_object_add(s, &a, out);
    p11_attrs_free(&a);
    return rv;
}
