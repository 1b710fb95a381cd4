/* The PKCS#11 remote procedure call encoding (docs in cloud_rpc_codec.c).
 * Writers never overrun their buffer (they set err instead); readers never
 * read past theirs (they set err and return zeros). */
#ifndef GOST_CLOUD_RPC_CODEC_H
#define GOST_CLOUD_RPC_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include <p11-kit/pkcs11.h>

#include "../../cryptoki/gost_pkcs11.h"

/* Function numbers: the first u64 of every request. */
enum rpc_fn {
    RPC_GET_SLOT_LIST = 1, RPC_GET_SLOT_INFO, RPC_GET_TOKEN_INFO, RPC_GET_MECHANISM_LIST,
    RPC_GET_MECHANISM_INFO, RPC_INIT_TOKEN, RPC_INIT_PIN, RPC_SET_PIN, RPC_OPEN_SESSION,
    RPC_CLOSE_SESSION, RPC_CLOSE_ALL_SESSIONS, RPC_GET_SESSION_INFO, RPC_LOGIN, RPC_LOGOUT,
    RPC_CREATE_OBJECT, RPC_COPY_OBJECT, RPC_DESTROY_OBJECT, RPC_GET_OBJECT_SIZE,
    RPC_GET_ATTRIBUTE_VALUE, RPC_SET_ATTRIBUTE_VALUE, RPC_FIND_OBJECTS_INIT, RPC_FIND_OBJECTS,
    RPC_FIND_OBJECTS_FINAL, RPC_OP_INIT, RPC_OP_ONESHOT, RPC_OP_UPDATE, RPC_OP_FINAL, RPC_VERIFY,
    RPC_GENERATE_KEY, RPC_GENERATE_KEY_PAIR, RPC_DERIVE_KEY, RPC_GENERATE_RANDOM, RPC_WRAP_KEY,
    RPC_UNWRAP_KEY, RPC_OP_ABORT, RPC_FN_END
};
/* op kinds on the wire (the same numbers as enum p11_op_kind) */
enum rpc_op { RPC_OP_DIGEST, RPC_OP_SIGN, RPC_OP_VERIFY, RPC_OP_ENCRYPT, RPC_OP_DECRYPT };

/* The most attributes in one template and list entries in one answer. */
#define RPC_MAX_ATTRS 256u

struct rpc_out {
    uint8_t *p;
    size_t cap, len;
    int err;
};
struct rpc_in {
    const uint8_t *p;
    size_t len, off;
    int err;
};

void rpc_put_u64(struct rpc_out *w, uint64_t v);
void rpc_put_raw(struct rpc_out *w, const void *p, size_t n);
/* u64 length then the bytes (p may be NULL only when n is 0) */
void rpc_put_bytes(struct rpc_out *w, const void *p, size_t n);
/* u64 flag (0: NULL pointer, 1: present) then u64 length, then the bytes
 * when present and with_data: an output buffer is sent as (present, cap). */
void rpc_put_opt(struct rpc_out *w, const void *p, uint64_t n, int with_data);

uint64_t rpc_get_u64(struct rpc_in *r);
/* a u64 that must fit CK_ULONG */
CK_ULONG rpc_get_ulong(struct rpc_in *r);
const uint8_t *rpc_get_raw(struct rpc_in *r, size_t n);
const uint8_t *rpc_get_bytes(struct rpc_in *r, size_t *n);
/* the counterpart of rpc_put_opt: *present, *n, and the data if with_data */
const uint8_t *rpc_get_opt(struct rpc_in *r, int *present, uint64_t *n, int with_data);
/* 1 if everything was read and nothing is left over */
int rpc_get_done(const struct rpc_in *r);

/* A decoded mechanism; pointers refer into the input buffer. */
struct rpc_mech {
    CK_MECHANISM m;
    union {
        CK_GOSTR3410_DERIVE_PARAMS derive;
        CK_GOST_MGM_PARAMS mgm;
        CK_KDF_TREE_GOST_PARAMS tree;
        CK_ECDH1_DERIVE_PARAMS ecdh;
    } u;
};
void rpc_put_mech(struct rpc_out *w, const CK_MECHANISM *m);
int rpc_get_mech(struct rpc_in *r, struct rpc_mech *m);

/* Full templates (create, generate, find, set): type, u64 flag, length, value. */
void rpc_put_tmpl(struct rpc_out *w, const CK_ATTRIBUTE *t, CK_ULONG n);
/* *t is malloc'd (free it); values refer into the input buffer. */
int rpc_get_tmpl(struct rpc_in *r, CK_ATTRIBUTE **t, CK_ULONG *n);



/* The info structures, field by field (cloud_rpc_info.c). */
void rpc_put_slot_info(struct rpc_out *w, const CK_SLOT_INFO *i);
void rpc_get_slot_info(struct rpc_in *r, CK_SLOT_INFO *i);
void rpc_put_token_info(struct rpc_out *w, const CK_TOKEN_INFO *i);
void rpc_get_token_info(struct rpc_in *r, CK_TOKEN_INFO *i);
void rpc_put_session_info(struct rpc_out *w, const CK_SESSION_INFO *i);
void rpc_get_session_info(struct rpc_in *r, CK_SESSION_INFO *i);
void rpc_put_mech_info(struct rpc_out *w, const CK_MECHANISM_INFO *i);
void rpc_get_mech_info(struct rpc_in *r, CK_MECHANISM_INFO *i);
#endif
