/* The cloud back end: every struct p11_backend function encodes its call
 * (lib/cloud/cloud_rpc_codec.c), sends it and decodes the answer. Output
 * buffers travel as (present, capacity) so the server's module applies the
 * PKCS#11 length rules itself: a NULL buffer asks the length, a short one
 * gives CKR_BUFFER_TOO_SMALL and the length, exactly as locally. */
#include <string.h>

#include "p11_cloud.h"

#define BEGIN(fn)                                                                                 \
    struct rpc_out w;                                                                             \
    struct rpc_in r;                                                                              \
    CK_RV rv, e;                                                                                  \
    if ((e = p11_cloud_begin(&w, (fn))) != CKR_OK)                                                \
        return e

#define DONE()                                                                                    \
    do {                                                                                          \
        if (!rpc_get_done(&r))                                                                    \
            return p11_cloud_bad_answer();                                                        \
    } while (0)

static void put_pin(struct rpc_out *w, const CK_UTF8CHAR *pin, CK_ULONG n)
{
    rpc_put_opt(w, pin, pin != NULL ? n : 0, 1);
}

/* An output byte buffer's answer: the length, the data when asked and CKR_OK. */
static int get_out(struct rpc_in *r, CK_RV rv, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    CK_ULONG n = rpc_get_ulong(r);
    if (out != NULL && rv == CKR_OK) {
        size_t len;
        const uint8_t *p = rpc_get_bytes(r, &len);
        if (r->err || len != n || len > *ol)
            return -1;
        memcpy(out, p, len);
    }
    if (r->err || !rpc_get_done(r))
        return -1;
    if (rv == CKR_OK || rv == CKR_BUFFER_TOO_SMALL)
        *ol = n;
    return 0;
}

/* A list of CK_ULONGs (slots, mechanisms, object handles). */
static int get_list(struct rpc_in *r, CK_RV rv, CK_ULONG_PTR out, CK_ULONG cap, CK_ULONG_PTR count)
{
    CK_ULONG n = rpc_get_ulong(r);
    if (out != NULL && rv == CKR_OK) {
        if (n > cap)
            return -1;
        for (CK_ULONG i = 0; i < n; i++)
            out[i] = rpc_get_ulong(r);
    }
    if (r->err || !rpc_get_done(r))
        return -1;
    if (rv == CKR_OK || rv == CKR_BUFFER_TOO_SMALL)
        *count = n;
    return 0;
}

static CK_RV c_get_slot_list(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
    BEGIN(RPC_GET_SLOT_LIST);
    rpc_put_u64(&w, present);
    rpc_put_opt(&w, list, *count, 0);
    CLOUD_XFER(&w, &r, &rv);
    return get_list(&r, rv, list, *count, count) ? p11_cloud_bad_answer() : rv;
}

static CK_RV c_get_mechanism_list(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count)
{
    BEGIN(RPC_GET_MECHANISM_LIST);
    rpc_put_u64(&w, slot);
    rpc_put_opt(&w, list, *count, 0);
    CLOUD_XFER(&w, &r, &rv);
    return get_list(&r, rv, list, *count, count) ? p11_cloud_bad_answer() : rv;
}

static CK_RV c_find_objects(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE_PTR h, CK_ULONG max,
                            CK_ULONG_PTR count)
{
    BEGIN(RPC_FIND_OBJECTS);
    rpc_put_u64(&w, s);
    rpc_put_opt(&w, h, max, 0);
    CLOUD_XFER(&w, &r, &rv);
    return get_list(&r, rv, h, max, count) ? p11_cloud_bad_answer() : rv;
}

static CK_RV c_get_slot_info(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info)
{
    CK_SLOT_INFO i;
    BEGIN(RPC_GET_SLOT_INFO);
    rpc_put_u64(&w, slot);
    CLOUD_XFER(&w, &r, &rv);
    rpc_get_slot_info(&r, &i);
    DONE();
    if (rv == CKR_OK)
        *info = i;
    return rv;
}

static CK_RV c_get_token_info(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
    CK_TOKEN_INFO i;
    BEGIN(RPC_GET_TOKEN_INFO);
    rpc_put_u64(&w, slot);
    CLOUD_XFER(&w, &r, &rv);
    rpc_get_token_info(&r, &i);
    DONE();
    if (rv == CKR_OK)
        *info = i;
    return rv;
}

static CK_RV c_get_session_info(CK_SESSION_HANDLE s, CK_SESSION_INFO_PTR info)
{
    CK_SESSION_INFO i;
    BEGIN(RPC_GET_SESSION_INFO);
    rpc_put_u64(&w, s);
    CLOUD_XFER(&w, &r, &rv);
    rpc_get_session_info(&r, &i);
    DONE();
    if (rv == CKR_OK)
        *info = i;
    return rv;
}

static CK_RV c_get_mechanism_info(CK_SLOT_ID slot, CK_MECHANISM_TYPE t, CK_MECHANISM_INFO_PTR info)
{
    CK_MECHANISM_INFO i;
    BEGIN(RPC_GET_MECHANISM_INFO);
    rpc_put_u64(&w, slot);
    rpc_put_u64(&w, t);
    CLOUD_XFER(&w, &r, &rv);
    rpc_get_mech_info(&r, &i);
    DONE();
    if (rv == CKR_OK)
        *info = i;
    return rv;
}

static CK_RV c_init_token(CK_SLOT_ID slot, CK_UTF8CHAR_PTR pin, CK_ULONG n, CK_UTF8CHAR_PTR label)
{
    BEGIN(RPC_INIT_TOKEN);
    rpc_put_u64(&w, slot);
    put_pin(&w, pin, n);
    rpc_put_raw(&w, label, 32);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}

static CK_RV c_init_pin(CK_SESSION_HANDLE s, CK_UTF8CHAR_PTR pin, CK_ULONG n)
{
    BEGIN(RPC_INIT_PIN);
    rpc_put_u64(&w, s);
    put_pin(&w, pin, n);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}

static CK_RV c_set_pin(CK_SESSION_HANDLE s, CK_UTF8CHAR_PTR old, CK_ULONG on, CK_UTF8CHAR_PTR pin,
                       CK_ULONG n)
{
    BEGIN(RPC_SET_PIN);
    rpc_put_u64(&w, s);
    put_pin(&w, old, on);
    put_pin(&w, pin, n);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}

static CK_RV c_open_session(CK_SLOT_ID slot, CK_FLAGS flags, CK_SESSION_HANDLE_PTR s)
{
    BEGIN(RPC_OPEN_SESSION);
    rpc_put_u64(&w, slot);
    rpc_put_u64(&w, flags);
    CLOUD_XFER(&w, &r, &rv);
    CK_ULONG h = rpc_get_ulong(&r);
    DONE();
    if (rv == CKR_OK)
        *s = h;
    return rv;
}

/* Functions whose request is one or two handles and whose answer is the code. */
static CK_RV simple(enum rpc_fn fn, CK_ULONG a, int two, CK_ULONG b)
{
    BEGIN(fn);
    rpc_put_u64(&w, a);
    if (two)
        rpc_put_u64(&w, b);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}

static CK_RV c_close_session(CK_SESSION_HANDLE s)
{
    return simple(RPC_CLOSE_SESSION, s, 0, 0);
}
static CK_RV c_close_all_sessions(CK_SLOT_ID slot)
{
    return simple(RPC_CLOSE_ALL_SESSIONS, slot, 0, 0);
}
static CK_RV c_logout(CK_SESSION_HANDLE s)
{
    return simple(RPC_LOGOUT, s, 0, 0);
}
static CK_RV c_destroy_object(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o)
{
    return simple(RPC_DESTROY_OBJECT, s, 1, o);
}
static CK_RV c_find_objects_final(CK_SESSION_HANDLE s)
{
    return simple(RPC_FIND_OBJECTS_FINAL, s, 0, 0);
}

static CK_RV c_login(CK_SESSION_HANDLE s, CK_USER_TYPE u, CK_UTF8CHAR_PTR pin, CK_ULONG n)
{
    BEGIN(RPC_LOGIN);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, u);
    put_pin(&w, pin, n);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}

static CK_RV c_get_object_size(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ULONG_PTR size)
{
    BEGIN(RPC_GET_OBJECT_SIZE);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, o);
    CLOUD_XFER(&w, &r, &rv);
    CK_ULONG n = rpc_get_ulong(&r);
    DONE();
    if (rv == CKR_OK)
        *size = n;
    return rv;
}

/* Create, copy, set attributes, find init: a template in, maybe a handle out. */
static CK_RV tmpl_call(enum rpc_fn fn, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o,
                       CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR h)
{
    BEGIN(fn);
    rpc_put_u64(&w, s);
    if (fn == RPC_COPY_OBJECT || fn == RPC_SET_ATTRIBUTE_VALUE)
        rpc_put_u64(&w, o);
    rpc_put_tmpl(&w, t, n);
    CLOUD_XFER(&w, &r, &rv);
    CK_ULONG got = h != NULL ? rpc_get_ulong(&r) : 0;
    DONE();
    if (h != NULL && rv == CKR_OK)
        *h = got;
    return rv;
}

static CK_RV c_create_object(CK_SESSION_HANDLE s, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                             CK_OBJECT_HANDLE_PTR h)
{
    return tmpl_call(RPC_CREATE_OBJECT, s, 0, t, n, h);
}
static CK_RV c_copy_object(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                           CK_OBJECT_HANDLE_PTR h)
{
    return tmpl_call(RPC_COPY_OBJECT, s, o, t, n, h);
}
static CK_RV c_set_attribute_value(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t,
                                   CK_ULONG n)
{
    return tmpl_call(RPC_SET_ATTRIBUTE_VALUE, s, o, t, n, NULL);
}
static CK_RV c_find_objects_init(CK_SESSION_HANDLE s, CK_ATTRIBUTE_PTR t, CK_ULONG n)
{
    return tmpl_call(RPC_FIND_OBJECTS_INIT, s, 0, t, n, NULL);
}

static CK_RV c_get_attribute_value(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t,
                                   CK_ULONG n)
{
    BEGIN(RPC_GET_ATTRIBUTE_VALUE);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, o);
    rpc_put_u64(&w, n);
    for (CK_ULONG i = 0; i < n; i++) {
        rpc_put_u64(&w, t[i].type);
        rpc_put_opt(&w, t[i].pValue, t[i].ulValueLen, 0);
    }
    CLOUD_XFER(&w, &r, &rv);
    if (rpc_get_u64(&r) != n)
        return p11_cloud_bad_answer();
    for (CK_ULONG i = 0; i < n; i++) {
        CK_ULONG len = rpc_get_ulong(&r);
        if (t[i].pValue != NULL && len != CK_UNAVAILABLE_INFORMATION) {
            size_t got;
            const uint8_t *p = rpc_get_bytes(&r, &got);
            if (r.err || got != len || len > t[i].ulValueLen)
                return p11_cloud_bad_answer();
            memcpy(t[i].pValue, p, len);
        }
        if (r.err)
            return p11_cloud_bad_answer();
        t[i].ulValueLen = len;
    }
    DONE();
    return rv;
}

static CK_RV c_op_init(CK_SESSION_HANDLE s, int op, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE key)
{
    BEGIN(RPC_OP_INIT);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, (uint64_t)op);
    rpc_put_mech(&w, m);
    rpc_put_u64(&w, key);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}

static int has_output(enum rpc_fn fn, int op)
{
    return fn != RPC_OP_UPDATE || op == P11_OP_ENCRYPT || op == P11_OP_DECRYPT;
}

static CK_RV op_data(enum rpc_fn fn, CK_SESSION_HANDLE s, int op, CK_BYTE_PTR in, CK_ULONG n,
                     CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    BEGIN(fn);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, (uint64_t)op);
    if (fn != RPC_OP_FINAL)
        rpc_put_bytes(&w, in, n);
    if (has_output(fn, op))
        rpc_put_opt(&w, out, ol != NULL ? *ol : 0, 0);
    CLOUD_XFER(&w, &r, &rv);
    if (has_output(fn, op)) {
        if (ol == NULL)
            return p11_cloud_bad_answer();
        return get_out(&r, rv, out, ol) ? p11_cloud_bad_answer() : rv;
    }
    DONE();
    return rv;
}

static CK_RV c_op_oneshot(CK_SESSION_HANDLE s, int op, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out,
                          CK_ULONG_PTR ol)
{
    return op_data(RPC_OP_ONESHOT, s, op, in, n, out, ol);
}
static CK_RV c_op_update(CK_SESSION_HANDLE s, int op, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out,
                         CK_ULONG_PTR ol)
{
    if (has_output(RPC_OP_UPDATE, op) && ol == NULL)
        return CKR_ARGUMENTS_BAD;
    return op_data(RPC_OP_UPDATE, s, op, in, n, out, ol);
}
static CK_RV c_op_final(CK_SESSION_HANDLE s, int op, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_data(RPC_OP_FINAL, s, op, NULL, 0, out, ol);
}

/* The operation this module ended on CKR_ARGUMENTS_BAD ends on the server
 * too (RPC_OP_ABORT); a failure to say so surfaces on the next call. */
static CK_RV op_abort_rpc(CK_SESSION_HANDLE s, int op)
{
    BEGIN(RPC_OP_ABORT);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, (uint64_t)op);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}
static void c_op_abort(CK_SESSION_HANDLE s, int op)
{
    (void)op_abort_rpc(s, op);
}

static CK_RV c_verify(CK_SESSION_HANDLE s, CK_BYTE_PTR data, CK_ULONG n, CK_BYTE_PTR sig,
                      CK_ULONG sig_len)
{
    int final = n == (CK_ULONG)-1;
    BEGIN(RPC_VERIFY);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, (uint64_t)final);
    if (!final)
        rpc_put_bytes(&w, data, n);
    rpc_put_bytes(&w, sig, sig_len);
    CLOUD_XFER(&w, &r, &rv);
    DONE();
    return rv;
}

/* Key generation, derivation, unwrapping: a mechanism, templates, handles out. */
static CK_RV key_call(enum rpc_fn fn, CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE base,
                      CK_BYTE_PTR in, CK_ULONG in_len, CK_ATTRIBUTE_PTR t1, CK_ULONG n1,
                      CK_ATTRIBUTE_PTR t2, CK_ULONG n2, CK_OBJECT_HANDLE_PTR h1,
                      CK_OBJECT_HANDLE_PTR h2)
{
    BEGIN(fn);
    rpc_put_u64(&w, s);
    rpc_put_mech(&w, m);
    if (fn == RPC_DERIVE_KEY || fn == RPC_UNWRAP_KEY)
        rpc_put_u64(&w, base);
    if (fn == RPC_UNWRAP_KEY)
        rpc_put_bytes(&w, in, in_len);
    rpc_put_tmpl(&w, t1, n1);
    if (fn == RPC_GENERATE_KEY_PAIR)
        rpc_put_tmpl(&w, t2, n2);
    CLOUD_XFER(&w, &r, &rv);
    CK_ULONG a = rpc_get_ulong(&r), b = fn == RPC_GENERATE_KEY_PAIR ? rpc_get_ulong(&r) : 0;
    DONE();
    if (rv == CKR_OK) {
        *h1 = a;
        if (h2 != NULL)
            *h2 = b;
    }
    return rv;
}

static CK_RV c_generate_key(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                            CK_OBJECT_HANDLE_PTR h)
{
    return key_call(RPC_GENERATE_KEY, s, m, 0, NULL, 0, t, n, NULL, 0, h, NULL);
}
static CK_RV c_generate_key_pair(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pt,
                                 CK_ULONG pn, CK_ATTRIBUTE_PTR kt, CK_ULONG kn,
                                 CK_OBJECT_HANDLE_PTR ph, CK_OBJECT_HANDLE_PTR kh)
{
    return key_call(RPC_GENERATE_KEY_PAIR, s, m, 0, NULL, 0, pt, pn, kt, kn, ph, kh);
}
static CK_RV c_derive_key(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE base,
                          CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR h)
{
    return key_call(RPC_DERIVE_KEY, s, m, base, NULL, 0, t, n, NULL, 0, h, NULL);
}
static CK_RV c_unwrap_key(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE uk,
                          CK_BYTE_PTR in, CK_ULONG in_len, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                          CK_OBJECT_HANDLE_PTR h)
{
    return key_call(RPC_UNWRAP_KEY, s, m, uk, in, in_len, t, n, NULL, 0, h, NULL);
}

static CK_RV c_wrap_key(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE wk,
                        CK_OBJECT_HANDLE k, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    BEGIN(RPC_WRAP_KEY);
    rpc_put_u64(&w, s);
    rpc_put_mech(&w, m);
    rpc_put_u64(&w, wk);
    rpc_put_u64(&w, k);
    rpc_put_opt(&w, out, *ol, 0);
    CLOUD_XFER(&w, &r, &rv);
    return get_out(&r, rv, out, ol) ? p11_cloud_bad_answer() : rv;
}

static CK_RV c_generate_random(CK_SESSION_HANDLE s, CK_BYTE_PTR out, CK_ULONG n)
{
    BEGIN(RPC_GENERATE_RANDOM);
    rpc_put_u64(&w, s);
    rpc_put_u64(&w, n);
    CLOUD_XFER(&w, &r, &rv);
    if (rv == CKR_OK) {
        size_t got;
        const uint8_t *p = rpc_get_bytes(&r, &got);
        if (r.err || got != n)
            return p11_cloud_bad_answer();
        DONE();
        memcpy(out, p, n);
        return rv;
    }
    DONE();
    return rv;
}

const struct p11_backend p11_cloud_backend = {
    .initialize = p11_cloud_initialize,
    .finalize = p11_cloud_finalize,
    .get_slot_list = c_get_slot_list,
    .get_slot_info = c_get_slot_info,
    .get_token_info = c_get_token_info,
    .get_mechanism_list = c_get_mechanism_list,
    .get_mechanism_info = c_get_mechanism_info,
    .init_token = c_init_token,
    .init_pin = c_init_pin,
    .set_pin = c_set_pin,
    .open_session = c_open_session,
    .close_session = c_close_session,
    .close_all_sessions = c_close_all_sessions,
    .get_session_info = c_get_session_info,
    .login = c_login,
    .logout = c_logout,
    .create_object = c_create_object,
    .copy_object = c_copy_object,
    .destroy_object = c_destroy_object,
    .get_object_size = c_get_object_size,
    .get_attribute_value = c_get_attribute_value,
    .set_attribute_value = c_set_attribute_value,
    .find_objects_init = c_find_objects_init,
    .find_objects = c_find_objects,
    .find_objects_final = c_find_objects_final,
    .op_init = c_op_init,
    .op_oneshot = c_op_oneshot,
    .op_update = c_op_update,
    .op_final = c_op_final,
    .op_abort = c_op_abort,
    .verify = c_verify,
    .generate_key = c_generate_key,
    .generate_key_pair = c_generate_key_pair,
    .derive_key = c_derive_key,
    .generate_random = c_generate_random,
    .wrap_key = c_wrap_key,
    .unwrap_key = c_unwrap_key,
};
