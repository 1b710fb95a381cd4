/* The local back end's managers (slots/tokens, sessions, objects) and the
 * state they share. Everything here runs under the entry layer's lock. */
#ifndef P11_LOCAL_H
#define P11_LOCAL_H

#include <sys/types.h>

#include "p11.h"

#define P11_NOBODY ((CK_USER_TYPE)-1)

struct p11_object {
    CK_OBJECT_HANDLE handle;
    struct p11_slot *slot;
    CK_SESSION_HANDLE owner; /* session objects: the session; token objects: 0 */
    uint64_t store_id;       /* token objects: the file's id */
    struct p11_attrs attrs;  /* plain attributes, plus sealed ones once opened */
    bool sealed_missing;     /* a sealed part exists that this process could not open */
    struct p11_object *next;
};

struct p11_token {
    char *dir;         /* NULL: the free slot's token is not initialised */
    int dir_fd;        /* dir opened once (O_PATH) for the per-call stat; -1: not yet */
    volatile uint64_t *changes; /* the store's change counter (p11_file.c), mapped; NULL: stat */
    uint64_t changes_seen;      /* its value when this process last found the store unchanged */
    struct p11_token_meta meta;
    uint64_t gen;      /* generation of the objects loaded; 0: reload */
    dev_t meta_dev;    /* identity of token.meta last read (st_ino/mtime) */
    ino_t meta_ino;
    struct timespec meta_mtime;
    bool have_key;
    uint8_t key[P11_TOKEN_KEY_SIZE];
    CK_USER_TYPE login;
};

struct p11_slot {
    CK_SLOT_ID id;
    struct p11_token tok;
    struct p11_slot *next;
};

struct p11_op_state {
    const struct p11_mech *mech;
    void *ctx;
    bool active, updated;
};

struct p11_session {
    CK_SESSION_HANDLE handle;
    struct p11_slot *slot;
    CK_FLAGS flags;
    struct p11_op_state ops[P11_OP_COUNT];
    bool finding;
    CK_OBJECT_HANDLE *found;
    CK_ULONG nfound, pos;
    struct p11_session *next;
};

struct p11_local {
    char *root;
    struct p11_slot *slots;
    CK_SLOT_ID next_slot;
    unsigned min_slots;
    struct p11_session *sessions;
    CK_SESSION_HANDLE next_session;
    struct p11_object *objects;
    CK_OBJECT_HANDLE next_object;
    unsigned session_count;
};
extern struct p11_local p11_g;

/* slots and tokens (p11_local_token.c) */
CK_RV p11_slots_scan(void);
void p11_slots_free(void);
struct p11_slot *p11_slot_find(CK_SLOT_ID id);
/* Re-reads token.meta if another process changed it, and the objects if their
 * generation moved. */
CK_RV p11_token_sync(struct p11_slot *slot);
bool p11_token_initialized(const struct p11_slot *slot);
/* Notes token.meta's identity after this process wrote it. */
void p11_token_remember_meta(struct p11_token *t);

/* sessions (p11_local_session.c) */
CK_RV p11_session_get(CK_SESSION_HANDLE h, struct p11_session **s);
bool p11_session_rw(const struct p11_session *s);
CK_STATE p11_session_state(const struct p11_session *s);
void p11_session_end_op(struct p11_session *s, int op);
void p11_session_free(struct p11_session *s);

/* objects (p11_local_object.c) */
struct p11_object *p11_object_visible(struct p11_session *s, CK_OBJECT_HANDLE h);
/* Checks the session may hold an object with these attributes (token/private),
 * then stores it (token objects: sealed to the store) and gives it a handle. */
CK_RV p11_object_add(struct p11_session *s, struct p11_attrs *attrs, CK_OBJECT_HANDLE *h);
CK_RV p11_object_may_create(struct p11_session *s, const struct p11_attrs *attrs);
void p11_object_destroy_session(CK_SESSION_HANDLE owner);
void p11_objects_drop_slot(struct p11_slot *slot, bool token_only);
/* Loads a token's objects from the store, keeping the handles of known ones. */
CK_RV p11_objects_reload(struct p11_slot *slot);
CK_RV p11_object_validate_key(struct p11_attrs *attrs);


/* the back end's functions, by manager */
CK_RV p11_l_init_token(CK_SLOT_ID, CK_UTF8CHAR_PTR, CK_ULONG, CK_UTF8CHAR_PTR);
CK_RV p11_l_login(CK_SESSION_HANDLE, CK_USER_TYPE, CK_UTF8CHAR_PTR, CK_ULONG);
CK_RV p11_l_logout(CK_SESSION_HANDLE);
CK_RV p11_l_init_pin(CK_SESSION_HANDLE, CK_UTF8CHAR_PTR, CK_ULONG);
CK_RV p11_l_set_pin(CK_SESSION_HANDLE, CK_UTF8CHAR_PTR, CK_ULONG, CK_UTF8CHAR_PTR, CK_ULONG);
CK_RV p11_l_get_slot_list(CK_BBOOL, CK_SLOT_ID_PTR, CK_ULONG_PTR);
CK_RV p11_l_get_slot_info(CK_SLOT_ID, CK_SLOT_INFO_PTR);
CK_RV p11_l_get_token_info(CK_SLOT_ID, CK_TOKEN_INFO_PTR);
CK_RV p11_l_get_mechanism_list(CK_SLOT_ID, CK_MECHANISM_TYPE_PTR, CK_ULONG_PTR);
CK_RV p11_l_get_mechanism_info(CK_SLOT_ID, CK_MECHANISM_TYPE, CK_MECHANISM_INFO_PTR);
CK_RV p11_l_open_session(CK_SLOT_ID, CK_FLAGS, CK_SESSION_HANDLE_PTR);
CK_RV p11_l_close_session(CK_SESSION_HANDLE);
CK_RV p11_l_close_all_sessions(CK_SLOT_ID);
CK_RV p11_l_get_session_info(CK_SESSION_HANDLE, CK_SESSION_INFO_PTR);
void p11_l_op_abort(CK_SESSION_HANDLE, int op);
CK_RV p11_l_create_object(CK_SESSION_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR);
CK_RV p11_l_copy_object(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG,
                        CK_OBJECT_HANDLE_PTR);
CK_RV p11_l_destroy_object(CK_SESSION_HANDLE, CK_OBJECT_HANDLE);
CK_RV p11_l_get_object_size(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ULONG_PTR);
CK_RV p11_l_get_attribute_value(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG);
CK_RV p11_l_set_attribute_value(CK_SESSION_HANDLE, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG);
CK_RV p11_l_find_objects_init(CK_SESSION_HANDLE, CK_ATTRIBUTE_PTR, CK_ULONG);
CK_RV p11_l_find_objects(CK_SESSION_HANDLE, CK_OBJECT_HANDLE_PTR, CK_ULONG, CK_ULONG_PTR);
CK_RV p11_l_find_objects_final(CK_SESSION_HANDLE);
CK_RV p11_l_op_init(CK_SESSION_HANDLE, int, CK_MECHANISM_PTR, CK_OBJECT_HANDLE);
CK_RV p11_l_op_oneshot(CK_SESSION_HANDLE, int, CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR);
CK_RV p11_l_op_update(CK_SESSION_HANDLE, int, CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR);
CK_RV p11_l_op_final(CK_SESSION_HANDLE, int, CK_BYTE_PTR, CK_ULONG_PTR);
CK_RV p11_l_verify(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG);
CK_RV p11_l_generate_key(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_ATTRIBUTE_PTR, CK_ULONG,
                         CK_OBJECT_HANDLE_PTR);
CK_RV p11_l_generate_key_pair(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_ATTRIBUTE_PTR, CK_ULONG,
                              CK_ATTRIBUTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR,
                              CK_OBJECT_HANDLE_PTR);
CK_RV p11_l_derive_key(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_ATTRIBUTE_PTR,
                       CK_ULONG, CK_OBJECT_HANDLE_PTR);
CK_RV p11_l_generate_random(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG);
CK_RV p11_l_wrap_key(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_OBJECT_HANDLE,
                     CK_BYTE_PTR, CK_ULONG_PTR);
CK_RV p11_l_unwrap_key(CK_SESSION_HANDLE, CK_MECHANISM_PTR, CK_OBJECT_HANDLE, CK_BYTE_PTR,
                       CK_ULONG, CK_ATTRIBUTE_PTR, CK_ULONG, CK_OBJECT_HANDLE_PTR);

#endif
