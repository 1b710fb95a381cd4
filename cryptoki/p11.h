/* Internal interfaces of the Cryptoki module.
 *
 * Layers (a lower one never calls a higher one):
 *   p11_entry.c      the C_* functions: argument checks, locking, fork check,
 *                    then one call into a back end (struct p11_backend);
 *   p11_local*.c     the local back end: slots, tokens, sessions, objects,
 *                    mechanisms on this machine (a remote back end for the
 *                    cloud token implements the same struct later);
 *   p11_slot.c p11_session.c p11_object.c p11_attr_rules.c p11_mech*.c
 *                    the managers the local back end is built from;
 *   p11_store.c -> p11_seal.c -> p11_file.c
 *                    the token store: storage (objects, meta, generation),
 *                    encryption (Kuznyechik-MGM, PIN keys) and raw files. */
#ifndef P11_H
#define P11_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gost/gost28147.h"
#include "gost_pkcs11.h"

#define P11_MANUFACTURER "libgost"
#define P11_LIBRARY_DESC "libgost GOST software token"
#define P11_MODEL "soft-token"
#define P11_MIN_PIN 4
#define P11_MAX_PIN 255
#define P11_MAX_PIN_TRIES 10 /* failures before CKF_*_PIN_LOCKED */
#define P11_MAX_SESSIONS 1024

/* ---- the internal token interface (every C_* function after the entry checks) */
struct p11_backend {
    CK_RV (*initialize)(void);
    void (*finalize)(void);
    CK_RV (*get_slot_list)(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count);
    CK_RV (*get_slot_info)(CK_SLOT_ID, CK_SLOT_INFO_PTR);
    CK_RV (*get_token_info)(CK_SLOT_ID, CK_TOKEN_INFO_PTR);
    CK_RV (*get_mechanism_list)(CK_SLOT_ID, CK_MECHANISM_TYPE_PTR, CK_ULONG_PTR);
    CK_RV (*get_mechanism_info)(CK_SLOT_ID, CK_MECHANISM_TYPE, CK_MECHANISM_INFO_PTR);
    CK_RV (*init_token)(CK_SLOT_ID, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len, CK_UTF8CHAR_PTR label);
    CK_RV (*init_pin)(CK_SESSION_HANDLE, CK_UTF8CHAR_PTR, CK_ULONG);
    CK_RV (*set_pin)(CK_SESSION_HANDLE, CK_UTF8CHAR_PTR, CK_ULONG, CK_UTF8CHAR_PTR, CK_ULONG);
    CK_RV (*open_session)(CK_SLOT_ID, CK_FLAGS, CK_SESSION_HANDLE_PTR);
    CK_RV (*close_session)(CK_SESSION_HANDLE);
    CK_RV (*close_all_sessions)(CK_SLOT_ID);
    CK_RV (*get_session_info)(CK_SESSION_HANDLE, CK_SESSION_INFO_PTR);
    CK_RV (*login)(CK_SESSION_HANDLE, CK_USER_TYPE, CK_UTF8CHAR_PTR, CK_ULONG);
    CK_RV (*logout)(CK_SESSION_HANDLE);
    CK_RV (*create_object)(CK_SESSION_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR);
    CK_RV (*copy_object)(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG,
                         CK_OBJECT_HANDLE_PTR);
    CK_RV (*destroy_object)(CK_SESSION_HANDLE, CK_OBJECT_HANDLE);
    CK_RV (*get_object_size)(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ULONG_PTR);
    CK_RV (*get_attribute_value)(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG);
    CK_RV (*set_attribute_value)(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG);
    CK_RV (*find_objects_init)(CK_SESSION_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG);
    CK_RV (*find_objects)(CK_SESSION_HANDLE, CK_OBJECT_HANDLE_PTR, CK_ULONG, CK_ULONG_PTR);
    CK_RV (*find_objects_final)(CK_SESSION_HANDLE);
    /* Cryptographic operations; op is one of enum p11_op_kind. */
    CK_RV (*op_init)(CK_SESSION_HANDLE, int op, CK_MECHANISM_PTR, CK_OBJECT_HANDLE key);
    CK_RV (*op_oneshot)(CK_SESSION_HANDLE, int op, CK_BYTE_PTR in, CK_ULONG in_len,
                        CK_BYTE_PTR out, CK_ULONG_PTR out_len);
    CK_RV (*op_update)(CK_SESSION_HANDLE, int op, CK_BYTE_PTR in, CK_ULONG in_len,
                       CK_BYTE_PTR out, CK_ULONG_PTR out_len);
    CK_RV (*op_final)(CK_SESSION_HANDLE, int op, CK_BYTE_PTR out, CK_ULONG_PTR out_len);
    CK_RV (*verify)(CK_SESSION_HANDLE, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig,
                    CK_ULONG sig_len); /* len == (CK_ULONG)-1: VerifyFinal */
    CK_RV (*generate_key)(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_ATTRIBUTE_PTR, CK_ULONG,
                          CK_OBJECT_HANDLE_PTR);
    CK_RV (*generate_key_pair)(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_ATTRIBUTE_PTR, CK_ULONG,
                               CK_ATTRIBUTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR,
                               CK_OBJECT_HANDLE_PTR);
    CK_RV (*derive_key)(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR,
                        CK_ULONG, CK_OBJECT_HANDLE_PTR);
    CK_RV (*generate_random)(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG);
    CK_RV (*wrap_key)(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE wrapping,
                      CK_OBJECT_HANDLE key, CK_BYTE_PTR out, CK_ULONG_PTR out_len);
    CK_RV (*unwrap_key)(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE unwrapping,
                        CK_BYTE_PTR in, CK_ULONG in_len, CK_ATTRIBUTE_PTR, CK_ULONG,
                        CK_OBJECT_HANDLE_PTR);
    /* Ends the session's active operation of this kind, if any (optional: NULL
     * in a back end without it). The entry points call it when they refuse a
     * call to an active operation for bad arguments, which ends it as
     * v2.40 s.5.8-5.12 require of every error but CKR_BUFFER_TOO_SMALL. */
    void (*op_abort)(CK_SESSION_HANDLE, int op);
};

enum p11_op_kind { P11_OP_DIGEST, P11_OP_SIGN, P11_OP_VERIFY, P11_OP_ENCRYPT, P11_OP_DECRYPT,
                   P11_OP_COUNT };

extern const struct p11_backend p11_local_backend;
/* The back end C_Initialize uses (p11_backend_select.c): the local token, or
 * the cloud token when the settings file (GOST_P11_CONF) names a server. */
const struct p11_backend *p11_backend_select(void);

/* ---- locking (p11_lock.c) ------------------------------------------------- */
CK_RV p11_lock_setup(const CK_C_INITIALIZE_ARGS *args);
void p11_lock_teardown(void);
void p11_lock(void);
void p11_unlock(void);
/* 1 if this process is a fork child of the one that called C_Initialize. */
int p11_forked(void);
void p11_mark_initialized(void);

/* ---- attribute lists (p11_attrs.c) ---------------------------------------- */
struct p11_attr {
    CK_ATTRIBUTE_TYPE type;
    CK_ULONG len;
    uint8_t *val; /* malloc'd copy, wiped when freed; NULL when len is 0 */
};
struct p11_attrs {
    struct p11_attr *v;
    size_t n, cap;
};
CK_RV p11_attrs_set(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, const void *val, CK_ULONG len);
CK_RV p11_attrs_set_bool(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, bool v);
CK_RV p11_attrs_set_ulong(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, CK_ULONG v);
const struct p11_attr *p11_attrs_get(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type);
bool p11_attrs_bool(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, bool dflt);
CK_ULONG p11_attrs_ulong(const struct p11_attrs *a, CK_ATTRIBUTE_TYPE type, CK_ULONG dflt);
void p11_attrs_remove(struct p11_attrs *a, CK_ATTRIBUTE_TYPE type);
CK_RV p11_attrs_copy(struct p11_attrs *dst, const struct p11_attrs *src);
void p11_attrs_free(struct p11_attrs *a);
/* 1 if every attribute of the template is present in a with the same value. */
bool p11_attrs_match(const struct p11_attrs *a, const CK_ATTRIBUTE *tmpl, CK_ULONG n);

/* ---- attribute rules as data (p11_attr_rules.c) ----------------------------- */
enum p11_attr_use { P11_USE_CREATE, P11_USE_GENERATE, P11_USE_COPY, P11_USE_SET };
/* Checks a template against the rules of its object class for the given use and
 * builds the object's attributes (template + defaults + generated values already
 * in *obj). kind: the class and key type; returns CKR_TEMPLATE_INCOMPLETE,
 * CKR_TEMPLATE_INCONSISTENT, CKR_ATTRIBUTE_READ_ONLY, CKR_ATTRIBUTE_VALUE_INVALID,
 * CKR_ATTRIBUTE_TYPE_INVALID or CKR_OK. */
CK_RV p11_rules_apply(struct p11_attrs *obj, const CK_ATTRIBUTE *tmpl, CK_ULONG n,
                      enum p11_attr_use use);
/* Whether GetAttributeValue may reveal attribute type of this object. */
bool p11_rules_is_sensitive(const struct p11_attrs *obj, CK_ATTRIBUTE_TYPE type);
/* Whether the attribute is secret material, sealed at rest even on public objects. */
bool p11_rules_is_secret(const struct p11_attrs *obj, CK_ATTRIBUTE_TYPE type);
/* Whether type is an attribute the class of obj knows at all. */
bool p11_rules_is_known(const struct p11_attrs *obj, CK_ATTRIBUTE_TYPE type);
/* Sets the key-lifecycle attributes after generation/creation (LOCAL, ALWAYS_SENSITIVE, ...). */
CK_RV p11_rules_finish_key(struct p11_attrs *obj, bool local, CK_MECHANISM_TYPE mech);

/* ---- key formats (p11_keyfmt.c) -------------------------------------------- */
/* The curve named by a DER OID (CKA_GOSTR3410_PARAMS). */
CK_RV p11_curve_from_der(const uint8_t *der, size_t len, int *curve);
/* DER of the curve's OID into out (at most 16 bytes); returns its length or 0. */
size_t p11_curve_to_der(int curve, uint8_t out[16]);
/* A public key value: X||Y (2n bytes) or DER OCTET STRING of it; writes 2n bytes. */
CK_RV p11_pubkey_decode(const uint8_t *in, size_t len, size_t n, uint8_t *out);

/* ---- mechanisms (p11_mech.c and one p11_mech_<family>.c per family) -------- */
struct p11_op_ctx; /* a mechanism's own state, p11_op.ctx */
struct p11_mech {
    CK_MECHANISM_TYPE type;
    CK_MECHANISM_INFO info;
    CK_KEY_TYPE key_type; /* what the key (or base key) must be; CK_UNAVAILABLE_INFORMATION: none */
    size_t ctx_size;
    /* digest/sign/verify/encrypt/decrypt */
    CK_RV (*init)(void *ctx, const CK_MECHANISM *m, const struct p11_attrs *key, int op);
    CK_RV (*update)(void *ctx, const uint8_t *in, CK_ULONG len);
    CK_ULONG (*out_len)(const void *ctx);
    CK_RV (*final)(void *ctx, uint8_t *out);
    CK_RV (*verify_final)(void *ctx, const uint8_t *sig, CK_ULONG len);
    /* ciphers: output length bound for in_len more bytes (final: at the end) */
    CK_ULONG (*cipher_max_out)(const void *ctx, CK_ULONG in_len, bool final);
    CK_RV (*cipher_update)(void *ctx, const uint8_t *in, CK_ULONG len, uint8_t *out,
                           CK_ULONG *out_len);
    CK_RV (*cipher_final)(void *ctx, uint8_t *out, CK_ULONG *out_len);
    /* frees what the context points to (wiped first); the context itself is
     * wiped and freed by the session. NULL: the context owns nothing. */
    void (*cleanup)(void *ctx);
    /* key management: the attributes are complete templates except the values made here */
    CK_RV (*generate_pair)(const CK_MECHANISM *m, struct p11_attrs *pub, struct p11_attrs *priv);
    CK_RV (*generate)(const CK_MECHANISM *m, struct p11_attrs *key);
    CK_RV (*derive)(const CK_MECHANISM *m, const struct p11_attrs *base, struct p11_attrs *key);
    /* key wrapping: out NULL asks the length; unwrap sets the key's CKA_VALUE */
    CK_RV (*wrap)(const CK_MECHANISM *m, const struct p11_attrs *wrapping,
                  const struct p11_attrs *key, uint8_t *out, CK_ULONG *out_len);
    CK_RV (*unwrap)(const CK_MECHANISM *m, const struct p11_attrs *unwrapping, const uint8_t *in,
                    CK_ULONG len, struct p11_attrs *key);
};
struct p11_mech_family {
    const char *name;
    const struct p11_mech *mechs;
    size_t count;
};
extern const struct p11_mech_family p11_family_gost3410;
extern const struct p11_mech_family p11_family_digest;
extern const struct p11_mech_family p11_family_secret;
extern const struct p11_mech_family p11_family_kdf;
extern const struct p11_mech_family p11_family_cipher;
extern const struct p11_mech_family p11_family_mac;
extern const struct p11_mech_family p11_family_mgm;
extern const struct p11_mech_family p11_family_wrap;
extern const struct p11_mech_family p11_family_gost28147;

/* Helpers shared by the families (p11_mech.c). */
/* The key's CKA_VALUE of exactly len bytes: CKR_USER_NOT_LOGGED_IN when the
 * sealed value is not open here, CKR_KEY_SIZE_RANGE for another length. */
CK_RV p11_mech_key_value(const struct p11_attrs *key, CK_ULONG len, const uint8_t **val);
/* The GOST 28147 S-box set of a key: its CKA_GOST28147_PARAMS (DER OID) or,
 * without one, id-tc26-gost-28147-param-Z. CKR_KEY_TYPE_INCONSISTENT for a
 * set this token does not know. */
CK_RV p11_mech_gost28147_sbox(const struct p11_attrs *key, gost28147_sbox *sbox);
/* The value length of a key being derived (the template's attributes): the
 * sizes the mechanism can make (P11_DERIVE_32 and/or P11_DERIVE_64 bytes),
 * narrowed by the key type (cipher keys 32, twin keys 64, a generic secret
 * either, 32 first) and CKA_VALUE_LEN when given. CKR_TEMPLATE_INCONSISTENT
 * for another key type or a length the mechanism cannot make. */
enum { P11_DERIVE_32 = 1, P11_DERIVE_64 = 2 };
CK_RV p11_mech_derived_len(const struct p11_attrs *key, unsigned sizes, size_t *len);
/* Sets a derived key's CKA_VALUE and CKA_VALUE_LEN. */
CK_RV p11_mech_set_value(struct p11_attrs *key, const uint8_t *val, size_t len);
/* Maps a libgost error code to the CKR_* of a cipher operation. */
CK_RV p11_mech_cipher_rv(int rc, bool decrypt);

const struct p11_mech *p11_mech_find(CK_MECHANISM_TYPE type);
/* All mechanisms, in table order; returns the count (list may be NULL). */
CK_ULONG p11_mech_list(CK_MECHANISM_TYPE *list, CK_ULONG max);

/* ---- the token store (p11_store.c, p11_seal.c, p11_file.c) ------------------- */
#define P11_TOKEN_KEY_SIZE 32
#define P11_SALT_SIZE 16
#define P11_WRAP_MAX 96

struct p11_pin_slot { /* the token key wrapped under a PIN */
    uint8_t salt[P11_SALT_SIZE];
    uint32_t iterations;
    uint32_t wrapped_len; /* 0: no PIN set */
    uint8_t wrapped[P11_WRAP_MAX];
};
struct p11_token_meta {
    char label[32]; /* blank padded, as CK_TOKEN_INFO */
    char serial[16];
    uint32_t so_failures, user_failures;
    struct p11_pin_slot so, user;
};

/* raw file back end */
int p11_file_read(const char *path, uint8_t **data, size_t *len); /* 0, -ENOENT, -EIO */
int p11_file_write_atomic(const char *dir, const char *name, const uint8_t *data, size_t len);
int p11_file_remove(const char *dir, const char *name);
/* The lock (fd or -1); an exclusive one marks the store's change counter
 * (the first 8 bytes of .lock) odd until p11_file_unlock makes it even. */
int p11_file_lock(const char *dir, bool exclusive);
void p11_file_unlock(int fd);
/* The change counter of the lock file open as fd, mapped shared (NULL on failure). */
volatile uint64_t *p11_file_map_counter(int fd);
void p11_file_unmap_counter(volatile uint64_t *c);
int p11_file_mkdirs(const char *path);

/* encryption layer */
bool p11_seal_available(void);
/* pin_slot := the token key wrapped under PBKDF2-Streebog-512(pin, fresh salt) */
CK_RV p11_seal_wrap_key(struct p11_pin_slot *slot, const uint8_t *pin, size_t pin_len,
                        const uint8_t key[P11_TOKEN_KEY_SIZE]);
/* CKR_PIN_INCORRECT if the PIN does not open the slot */
CK_RV p11_seal_unwrap_key(const struct p11_pin_slot *slot, const uint8_t *pin, size_t pin_len,
                          uint8_t key[P11_TOKEN_KEY_SIZE]);
/* out (len + P11_SEAL_OVERHEAD) = nonce || MGM(key, nonce, ad, in) || tag */
#define P11_SEAL_OVERHEAD 32
CK_RV p11_seal(const uint8_t key[P11_TOKEN_KEY_SIZE], const uint8_t *ad, size_t ad_len,
               const uint8_t *in, size_t len, uint8_t *out);
CK_RV p11_unseal(const uint8_t key[P11_TOKEN_KEY_SIZE], const uint8_t *ad, size_t ad_len,
                 const uint8_t *in, size_t len, uint8_t *out);

/* codec (p11_codec.c): pure functions, fuzzed */
CK_RV p11_codec_attrs_encode(const struct p11_attrs *a, uint8_t **out, size_t *len);
CK_RV p11_codec_attrs_decode(const uint8_t *in, size_t len, struct p11_attrs *a);
CK_RV p11_codec_meta_encode(const struct p11_token_meta *m, uint64_t gen, uint8_t **out,
                            size_t *len);
CK_RV p11_codec_meta_decode(const uint8_t *in, size_t len, struct p11_token_meta *m,
                            uint64_t *gen);

/* storage layer */
struct p11_stored_object {
    uint64_t id;
    struct p11_attrs plain;  /* readable without a PIN */
    uint8_t *sealed;         /* sealed attributes (NULL if none) */
    size_t sealed_len;
};
char *p11_store_root(void); /* malloc'd: GOST_TOKEN_DIR or the XDG default */
CK_RV p11_store_read_meta(const char *dir, struct p11_token_meta *m, uint64_t *gen);
CK_RV p11_store_write_meta(const char *dir, const struct p11_token_meta *m, bool bump);
CK_RV p11_store_generation(const char *dir, uint64_t *gen);
CK_RV p11_store_write_object(const char *dir, const struct p11_stored_object *o);
CK_RV p11_store_delete_object(const char *dir, uint64_t id);
/* Reads every object; *objs is a malloc'd array of *count. */
CK_RV p11_store_read_objects(const char *dir, struct p11_stored_object **objs, size_t *count);
void p11_store_free_object(struct p11_stored_object *o);
CK_RV p11_store_wipe_objects(const char *dir);

#endif
