/* The PKCS#11 v2.40 entry points: state and argument checks, locking, and one
 * call into the back end. Nothing here knows how a token works, so a remote
 * back end (the cloud token) can sit behind the same functions. */
#include <pthread.h>
#include <string.h>

/* The C_* declarations get default visibility: the module is built with
 * -fvisibility=hidden and exports.map keeps only these. */
#pragma GCC visibility push(default)
#include <p11-kit/pkcs11.h>
#pragma GCC visibility pop

#include "p11.h"

static const struct p11_backend *backend;   /* NULL while not initialised */
static pthread_mutex_t init_mutex = PTHREAD_MUTEX_INITIALIZER;

/* Initialised in this process (a fork child sees CKR_CRYPTOKI_NOT_INITIALIZED
 * until it calls C_Initialize itself, as PKCS#11 v2.40 s.6.7.1 suggests). */
static int ready(void)
{
    return backend != NULL && !p11_forked();
}

#define ENTER()                                                                                   \
    do {                                                                                          \
        if (!ready())                                                                             \
            return CKR_CRYPTOKI_NOT_INITIALIZED;                                                  \
    } while (0)
#define CALL(expr)                                                                                \
    do {                                                                                          \
        CK_RV rv_;                                                                                \
        p11_lock();                                                                               \
        rv_ = (expr);                                                                             \
        p11_unlock();                                                                             \
        return rv_;                                                                               \
    } while (0)

static void pad_copy(CK_UTF8CHAR *dst, size_t n, const char *src)
{
    size_t l = strlen(src);
    memset(dst, ' ', n);
    memcpy(dst, src, l < n ? l : n);
}

static CK_RV check_init_args(const CK_C_INITIALIZE_ARGS *a)
{
    int given;
    if (a == NULL)
        return CKR_OK;
    if (a->pReserved != NULL)
        return CKR_ARGUMENTS_BAD;
    given = (a->CreateMutex != NULL) + (a->DestroyMutex != NULL) + (a->LockMutex != NULL) +
            (a->UnlockMutex != NULL);
    if (given != 0 && given != 4)
        return CKR_ARGUMENTS_BAD;
    return CKR_OK;
}

CK_RV C_Initialize(CK_VOID_PTR init_args)
{
    const CK_C_INITIALIZE_ARGS *a = init_args;
    CK_RV rv = check_init_args(a);
    if (rv != CKR_OK)
        return rv;
    pthread_mutex_lock(&init_mutex);
    if (ready()) {
        pthread_mutex_unlock(&init_mutex);
        return CKR_CRYPTOKI_ALREADY_INITIALIZED;
    }
    if (backend != NULL) {
        /* A fork child: the parent's state is not ours. Drop it (wiping its
         * secrets; this process has one thread now) and start again. */
        backend->finalize();
        backend = NULL;
    }
    rv = p11_lock_setup(a);
    if (rv == CKR_OK) {
        const struct p11_backend *chosen = p11_backend_select();
        rv = chosen->initialize();
        if (rv == CKR_OK) {
            backend = chosen;
            p11_mark_initialized();
        } else {
            p11_lock_teardown();
        }
    }
    pthread_mutex_unlock(&init_mutex);
    return rv;
}

CK_RV C_Finalize(CK_VOID_PTR reserved)
{
    if (reserved != NULL)
        return CKR_ARGUMENTS_BAD;
    pthread_mutex_lock(&init_mutex);
    if (!ready()) {
        pthread_mutex_unlock(&init_mutex);
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    }
    p11_lock();
    backend->finalize();
    backend = NULL;
    p11_unlock();
    p11_lock_teardown();
    pthread_mutex_unlock(&init_mutex);
    return CKR_OK;
}

CK_RV C_GetInfo(CK_INFO_PTR info)
{
    ENTER();
    if (info == NULL)
        return CKR_ARGUMENTS_BAD;
    memset(info, 0, sizeof *info);
    info->cryptokiVersion.major = 2;
    info->cryptokiVersion.minor = 40;
    pad_copy(info->manufacturerID, sizeof info->manufacturerID, P11_MANUFACTURER);
    pad_copy(info->libraryDescription, sizeof info->libraryDescription, P11_LIBRARY_DESC);
    info->libraryVersion.major = 0;
    info->libraryVersion.minor = 1;
    return CKR_OK;
}

CK_RV C_GetSlotList(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
    ENTER();
    if (count == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_slot_list(present, list, count));
}

CK_RV C_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info)
{
    ENTER();
    if (info == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_slot_info(slot, info));
}

CK_RV C_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
    ENTER();
    if (info == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_token_info(slot, info));
}

CK_RV C_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count)
{
    ENTER();
    if (count == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_mechanism_list(slot, list, count));
}

CK_RV C_GetMechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info)
{
    ENTER();
    if (info == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_mechanism_info(slot, type, info));
}

CK_RV C_InitToken(CK_SLOT_ID slot, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len, CK_UTF8CHAR_PTR label)
{
    ENTER();
    /* No protected authentication path: the SO PIN is required (no default PIN). */
    if (pin == NULL || label == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->init_token(slot, pin, pin_len, label));
}

CK_RV C_InitPIN(CK_SESSION_HANDLE s, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len)
{
    ENTER();
    if (pin == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->init_pin(s, pin, pin_len));
}

CK_RV C_SetPIN(CK_SESSION_HANDLE s, CK_UTF8CHAR_PTR old, CK_ULONG old_len, CK_UTF8CHAR_PTR pin,
               CK_ULONG pin_len)
{
    ENTER();
    if (old == NULL || pin == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->set_pin(s, old, old_len, pin, pin_len));
}

CK_RV C_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify,
                    CK_SESSION_HANDLE_PTR s)
{
    ENTER();
    if (s == NULL)
        return CKR_ARGUMENTS_BAD;
    /* v2.40 s.5.6: CKF_SERIAL_SESSION must always be set (legacy reasons). */
    if (!(flags & CKF_SERIAL_SESSION))
        return CKR_SESSION_PARALLEL_NOT_SUPPORTED;
    (void)app;
    (void)notify; /* no callbacks are ever made: operations do not surrender control */
    CALL(backend->open_session(slot, flags, s));
}

CK_RV C_CloseSession(CK_SESSION_HANDLE s)
{
    ENTER();
    CALL(backend->close_session(s));
}

CK_RV C_CloseAllSessions(CK_SLOT_ID slot)
{
    ENTER();
    CALL(backend->close_all_sessions(slot));
}

CK_RV C_GetSessionInfo(CK_SESSION_HANDLE s, CK_SESSION_INFO_PTR info)
{
    ENTER();
    if (info == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_session_info(s, info));
}

CK_RV C_GetOperationState(CK_SESSION_HANDLE s, CK_BYTE_PTR state, CK_ULONG_PTR len)
{
    ENTER();
    (void)s, (void)state, (void)len;
    return CKR_FUNCTION_NOT_SUPPORTED;
}

CK_RV C_SetOperationState(CK_SESSION_HANDLE s, CK_BYTE_PTR state, CK_ULONG len,
                          CK_OBJECT_HANDLE enc_key, CK_OBJECT_HANDLE auth_key)
{
    ENTER();
    (void)s, (void)state, (void)len, (void)enc_key, (void)auth_key;
    return CKR_FUNCTION_NOT_SUPPORTED;
}

CK_RV C_Login(CK_SESSION_HANDLE s, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len)
{
    ENTER();
    if (pin == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->login(s, user, pin, pin_len));
}

CK_RV C_Logout(CK_SESSION_HANDLE s)
{
    ENTER();
    CALL(backend->logout(s));
}

/* A template pointer may be NULL only with a zero count. */
#define TEMPLATE_OK(t, n) ((t) != NULL || (n) == 0)

CK_RV C_CreateObject(CK_SESSION_HANDLE s, CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR h)
{
    ENTER();
    if (!TEMPLATE_OK(t, n) || h == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->create_object(s, t, n, h));
}

CK_RV C_CopyObject(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                   CK_OBJECT_HANDLE_PTR h)
{
    ENTER();
    if (!TEMPLATE_OK(t, n) || h == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->copy_object(s, o, t, n, h));
}

CK_RV C_DestroyObject(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o)
{
    ENTER();
    CALL(backend->destroy_object(s, o));
}

CK_RV C_GetObjectSize(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ULONG_PTR size)
{
    ENTER();
    if (size == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_object_size(s, o, size));
}

CK_RV C_GetAttributeValue(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n)
{
    ENTER();
    if (!TEMPLATE_OK(t, n))
        return CKR_ARGUMENTS_BAD;
    CALL(backend->get_attribute_value(s, o, t, n));
}

CK_RV C_SetAttributeValue(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n)
{
    ENTER();
    if (!TEMPLATE_OK(t, n))
        return CKR_ARGUMENTS_BAD;
    CALL(backend->set_attribute_value(s, o, t, n));
}

CK_RV C_FindObjectsInit(CK_SESSION_HANDLE s, CK_ATTRIBUTE_PTR t, CK_ULONG n)
{
    ENTER();
    if (!TEMPLATE_OK(t, n))
        return CKR_ARGUMENTS_BAD;
    CALL(backend->find_objects_init(s, t, n));
}

CK_RV C_FindObjects(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE_PTR h, CK_ULONG max, CK_ULONG_PTR count)
{
    ENTER();
    if ((h == NULL && max != 0) || count == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->find_objects(s, h, max, count));
}

CK_RV C_FindObjectsFinal(CK_SESSION_HANDLE s)
{
    ENTER();
    CALL(backend->find_objects_final(s));
}

/* ---- cryptographic operations: one shape for all five kinds ---------------- */
/* CKR_ARGUMENTS_BAD for a call to an active operation (C_Digest with a NULL
 * length pointer, ...). v2.40 s.5.8-5.12: a call to C_Encrypt, C_Decrypt,
 * C_Digest, C_Sign, C_Verify or to their Update and Final functions that
 * returns an error other than CKR_BUFFER_TOO_SMALL terminates the active
 * operation, so it ends here too (the caller must C_*Init again). */
static CK_RV bad_args(CK_SESSION_HANDLE s, int op)
{
    if (backend->op_abort != NULL) {
        p11_lock();
        backend->op_abort(s, op);
        p11_unlock();
    }
    return CKR_ARGUMENTS_BAD;
}

static CK_RV op_init(CK_SESSION_HANDLE s, int op, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE key)
{
    ENTER();
    if (m == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->op_init(s, op, m, key));
}

static CK_RV op_oneshot(CK_SESSION_HANDLE s, int op, CK_BYTE_PTR in, CK_ULONG in_len,
                        CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    ENTER();
    if ((in == NULL && in_len != 0) || out_len == NULL)
        return bad_args(s, op);
    CALL(backend->op_oneshot(s, op, in, in_len, out, out_len));
}

static CK_RV op_update(CK_SESSION_HANDLE s, int op, CK_BYTE_PTR in, CK_ULONG in_len,
                       CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    ENTER();
    if (in == NULL && in_len != 0)
        return bad_args(s, op);
    CALL(backend->op_update(s, op, in, in_len, out, out_len));
}

static CK_RV op_final(CK_SESSION_HANDLE s, int op, CK_BYTE_PTR out, CK_ULONG_PTR out_len)
{
    ENTER();
    if (out_len == NULL)
        return bad_args(s, op);
    CALL(backend->op_final(s, op, out, out_len));
}

CK_RV C_EncryptInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    return op_init(s, P11_OP_ENCRYPT, m, k);
}
CK_RV C_Encrypt(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_oneshot(s, P11_OP_ENCRYPT, in, n, out, ol);
}
CK_RV C_EncryptUpdate(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out,
                      CK_ULONG_PTR ol)
{
    if (ol == NULL)
        return ready() ? bad_args(s, P11_OP_ENCRYPT) : CKR_CRYPTOKI_NOT_INITIALIZED;
    return op_update(s, P11_OP_ENCRYPT, in, n, out, ol);
}
CK_RV C_EncryptFinal(CK_SESSION_HANDLE s, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_final(s, P11_OP_ENCRYPT, out, ol);
}
CK_RV C_DecryptInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    return op_init(s, P11_OP_DECRYPT, m, k);
}
CK_RV C_Decrypt(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_oneshot(s, P11_OP_DECRYPT, in, n, out, ol);
}
CK_RV C_DecryptUpdate(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out,
                      CK_ULONG_PTR ol)
{
    if (ol == NULL)
        return ready() ? bad_args(s, P11_OP_DECRYPT) : CKR_CRYPTOKI_NOT_INITIALIZED;
    return op_update(s, P11_OP_DECRYPT, in, n, out, ol);
}
CK_RV C_DecryptFinal(CK_SESSION_HANDLE s, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_final(s, P11_OP_DECRYPT, out, ol);
}
CK_RV C_DigestInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m)
{
    return op_init(s, P11_OP_DIGEST, m, CK_INVALID_HANDLE);
}
CK_RV C_Digest(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_oneshot(s, P11_OP_DIGEST, in, n, out, ol);
}
CK_RV C_DigestUpdate(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n)
{
    return op_update(s, P11_OP_DIGEST, in, n, NULL, NULL);
}
CK_RV C_DigestKey(CK_SESSION_HANDLE s, CK_OBJECT_HANDLE k)
{
    ENTER();
    (void)s, (void)k;
    return CKR_FUNCTION_NOT_SUPPORTED;
}
CK_RV C_DigestFinal(CK_SESSION_HANDLE s, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_final(s, P11_OP_DIGEST, out, ol);
}
CK_RV C_SignInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    return op_init(s, P11_OP_SIGN, m, k);
}
CK_RV C_Sign(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_oneshot(s, P11_OP_SIGN, in, n, out, ol);
}
CK_RV C_SignUpdate(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n)
{
    return op_update(s, P11_OP_SIGN, in, n, NULL, NULL);
}
CK_RV C_SignFinal(CK_SESSION_HANDLE s, CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    return op_final(s, P11_OP_SIGN, out, ol);
}
CK_RV C_SignRecoverInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    ENTER();
    (void)s, (void)m, (void)k;
    return CKR_FUNCTION_NOT_SUPPORTED;
}
CK_RV C_SignRecover(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out,
                    CK_ULONG_PTR ol)
{
    ENTER();
    (void)s, (void)in, (void)n, (void)out, (void)ol;
    return CKR_FUNCTION_NOT_SUPPORTED;
}
CK_RV C_VerifyInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    return op_init(s, P11_OP_VERIFY, m, k);
}
CK_RV C_Verify(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR sig, CK_ULONG sig_len)
{
    ENTER();
    if ((in == NULL && n != 0) || sig == NULL)
        return bad_args(s, P11_OP_VERIFY);
    CALL(backend->verify(s, in, n, sig, sig_len));
}
CK_RV C_VerifyUpdate(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n)
{
    return op_update(s, P11_OP_VERIFY, in, n, NULL, NULL);
}
CK_RV C_VerifyFinal(CK_SESSION_HANDLE s, CK_BYTE_PTR sig, CK_ULONG sig_len)
{
    ENTER();
    if (sig == NULL)
        return bad_args(s, P11_OP_VERIFY);
    CALL(backend->verify(s, NULL, (CK_ULONG)-1, sig, sig_len));
}
CK_RV C_VerifyRecoverInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k)
{
    ENTER();
    (void)s, (void)m, (void)k;
    return CKR_FUNCTION_NOT_SUPPORTED;
}
CK_RV C_VerifyRecover(CK_SESSION_HANDLE s, CK_BYTE_PTR sig, CK_ULONG n, CK_BYTE_PTR out,
                      CK_ULONG_PTR ol)
{
    ENTER();
    (void)s, (void)sig, (void)n, (void)out, (void)ol;
    return CKR_FUNCTION_NOT_SUPPORTED;
}

/* Dual-function operations are not offered (v2.40 s.5.13). */
#define DUAL(name)                                                                                \
    CK_RV name(CK_SESSION_HANDLE s, CK_BYTE_PTR in, CK_ULONG n, CK_BYTE_PTR out, CK_ULONG_PTR ol) \
    {                                                                                             \
        ENTER();                                                                                  \
        (void)s, (void)in, (void)n, (void)out, (void)ol;                                          \
        return CKR_FUNCTION_NOT_SUPPORTED;                                                        \
    }
DUAL(C_DigestEncryptUpdate)
DUAL(C_DecryptDigestUpdate)
DUAL(C_SignEncryptUpdate)
DUAL(C_DecryptVerifyUpdate)

CK_RV C_GenerateKey(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR t, CK_ULONG n,
                    CK_OBJECT_HANDLE_PTR h)
{
    ENTER();
    if (m == NULL || !TEMPLATE_OK(t, n) || h == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->generate_key(s, m, t, n, h));
}

CK_RV C_GenerateKeyPair(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pt, CK_ULONG pn,
                        CK_ATTRIBUTE_PTR kt, CK_ULONG kn, CK_OBJECT_HANDLE_PTR ph,
                        CK_OBJECT_HANDLE_PTR kh)
{
    ENTER();
    if (m == NULL || !TEMPLATE_OK(pt, pn) || !TEMPLATE_OK(kt, kn) || ph == NULL || kh == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->generate_key_pair(s, m, pt, pn, kt, kn, ph, kh));
}

CK_RV C_WrapKey(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE wk, CK_OBJECT_HANDLE k,
                CK_BYTE_PTR out, CK_ULONG_PTR ol)
{
    ENTER();
    if (m == NULL || ol == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->wrap_key(s, m, wk, k, out, ol));
}

CK_RV C_UnwrapKey(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE uk, CK_BYTE_PTR in,
                  CK_ULONG n, CK_ATTRIBUTE_PTR t, CK_ULONG tn, CK_OBJECT_HANDLE_PTR h)
{
    ENTER();
    if (m == NULL || (in == NULL && n != 0) || !TEMPLATE_OK(t, tn) || h == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->unwrap_key(s, m, uk, in, n, t, tn, h));
}

CK_RV C_DeriveKey(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE base,
                  CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_OBJECT_HANDLE_PTR h)
{
    ENTER();
    if (m == NULL || !TEMPLATE_OK(t, n) || h == NULL)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->derive_key(s, m, base, t, n, h));
}

CK_RV C_SeedRandom(CK_SESSION_HANDLE s, CK_BYTE_PTR seed, CK_ULONG n)
{
    CK_SESSION_INFO info;
    CK_RV rv;
    ENTER();
    /* getrandom(2) needs no seeding, but a bad call is still reported as one:
     * v2.40 s.5.1.7 ranks the session errors of s.5.1.2 above the others, and
     * s.5.15 lists CKR_ARGUMENTS_BAD and CKR_SESSION_HANDLE_INVALID for
     * C_SeedRandom. */
    if (seed == NULL && n != 0)
        return CKR_ARGUMENTS_BAD;
    p11_lock();
    rv = backend->get_session_info(s, &info);
    p11_unlock();
    return rv != CKR_OK ? rv : CKR_RANDOM_SEED_NOT_SUPPORTED;
}

CK_RV C_GenerateRandom(CK_SESSION_HANDLE s, CK_BYTE_PTR out, CK_ULONG n)
{
    ENTER();
    if (out == NULL && n != 0)
        return CKR_ARGUMENTS_BAD;
    CALL(backend->generate_random(s, out, n));
}

CK_RV C_GetFunctionStatus(CK_SESSION_HANDLE s)
{
    ENTER();
    (void)s;
    return CKR_FUNCTION_NOT_PARALLEL; /* legacy: v2.40 s.5.16 */
}

CK_RV C_CancelFunction(CK_SESSION_HANDLE s)
{
    ENTER();
    (void)s;
    return CKR_FUNCTION_NOT_PARALLEL;
}

CK_RV C_WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR slot, CK_VOID_PTR reserved)
{
    ENTER();
    (void)flags, (void)slot, (void)reserved;
    return CKR_FUNCTION_NOT_SUPPORTED;
}

static CK_FUNCTION_LIST function_list = {
    {2, 40},
    C_Initialize, C_Finalize, C_GetInfo, C_GetFunctionList, C_GetSlotList, C_GetSlotInfo,
    C_GetTokenInfo, C_GetMechanismList, C_GetMechanismInfo, C_InitToken, C_InitPIN, C_SetPIN,
    C_OpenSession, C_CloseSession, C_CloseAllSessions, C_GetSessionInfo, C_GetOperationState,
    C_SetOperationState, C_Login, C_Logout, C_CreateObject, C_CopyObject, C_DestroyObject,
    C_GetObjectSize, C_GetAttributeValue, C_SetAttributeValue, C_FindObjectsInit, C_FindObjects,
    C_FindObjectsFinal, C_EncryptInit, C_Encrypt, C_EncryptUpdate, C_EncryptFinal, C_DecryptInit,
    C_Decrypt, C_DecryptUpdate, C_DecryptFinal, C_DigestInit, C_Digest, C_DigestUpdate,
    C_DigestKey, C_DigestFinal, C_SignInit, C_Sign, C_SignUpdate, C_SignFinal, C_SignRecoverInit,
    C_SignRecover, C_VerifyInit, C_Verify, C_VerifyUpdate, C_VerifyFinal, C_VerifyRecoverInit,
    C_VerifyRecover, C_DigestEncryptUpdate, C_DecryptDigestUpdate, C_SignEncryptUpdate,
    C_DecryptVerifyUpdate, C_GenerateKey, C_GenerateKeyPair, C_WrapKey, C_UnwrapKey, C_DeriveKey,
    C_SeedRandom, C_GenerateRandom, C_GetFunctionStatus, C_CancelFunction, C_WaitForSlotEvent,
};

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    if (list == NULL)
        return CKR_ARGUMENTS_BAD;
    *list = &function_list;
    return CKR_OK;
}
