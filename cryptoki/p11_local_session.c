/* Sessions of the local back end: handles, R/O and R/W, the state derived
 * from the token's login (v2.40 s.5.6, Table 4-6: R/O public, R/W public,
 * R/O user, R/W user, R/W SO), and the operation slots of each session. */
#include <stdlib.h>

#include "gost/util.h"
#include "p11_local.h"

CK_RV p11_session_get(CK_SESSION_HANDLE h, struct p11_session **out)
{
    for (struct p11_session *s = p11_g.sessions; s; s = s->next)
        if (s->handle == h) {
            *out = s;
            return CKR_OK;
        }
    return CKR_SESSION_HANDLE_INVALID;
}

bool p11_session_rw(const struct p11_session *s)
{
    return (s->flags & CKF_RW_SESSION) != 0;
}

CK_STATE p11_session_state(const struct p11_session *s)
{
    CK_USER_TYPE who = s->slot->tok.login;
    if (who == CKU_SO)
        return CKS_RW_SO_FUNCTIONS;
    if (who == CKU_USER)
        return p11_session_rw(s) ? CKS_RW_USER_FUNCTIONS : CKS_RO_USER_FUNCTIONS;
    return p11_session_rw(s) ? CKS_RW_PUBLIC_SESSION : CKS_RO_PUBLIC_SESSION;
}

void p11_session_end_op(struct p11_session *s, int op)
{
    struct p11_op_state *o = &s->ops[op];
    if (o->ctx != NULL) {
        if (o->mech->cleanup != NULL)
            o->mech->cleanup(o->ctx);
        gost_wipe(o->ctx, o->mech->ctx_size); /* may hold a key or partial data */
        free(o->ctx);
    }
    o->ctx = NULL;
    o->mech = NULL;
    o->active = o->updated = false;
}

void p11_session_free(struct p11_session *s)
{
    for (int op = 0; op < P11_OP_COUNT; op++)
        p11_session_end_op(s, op);
    free(s->found);
    free(s);
}

CK_RV p11_l_open_session(CK_SLOT_ID id, CK_FLAGS flags, CK_SESSION_HANDLE_PTR out)
{
    struct p11_slot *slot = p11_slot_find(id);
    struct p11_session *s;
    CK_RV rv;
    if (slot == NULL)
        return CKR_SLOT_ID_INVALID;
    if ((rv = p11_token_sync(slot)) != CKR_OK)
        return rv;
    if (!p11_token_initialized(slot))
        return CKR_TOKEN_NOT_RECOGNIZED;
    if (!(flags & CKF_RW_SESSION) && slot->tok.login == CKU_SO)
        return CKR_SESSION_READ_WRITE_SO_EXISTS;
    if (p11_g.session_count >= P11_MAX_SESSIONS)
        return CKR_SESSION_COUNT;
    s = calloc(1, sizeof *s);
    if (s == NULL)
        return CKR_HOST_MEMORY;
    s->handle = p11_g.next_session++;
    s->slot = slot;
    s->flags = flags & (CKF_RW_SESSION | CKF_SERIAL_SESSION);
    s->next = p11_g.sessions;
    p11_g.sessions = s;
    p11_g.session_count++;
    *out = s->handle;
    return CKR_OK;
}

static void close_one(struct p11_session **link)
{
    struct p11_session *s = *link;
    struct p11_slot *slot = s->slot;
    bool last = true;
    *link = s->next;
    p11_g.session_count--;
    p11_object_destroy_session(s->handle);
    p11_session_free(s);
    for (struct p11_session *o = p11_g.sessions; o; o = o->next)
        if (o->slot == slot)
            last = false;
    /* v2.40 s.5.6: closing the last session of a token logs the application out. */
    if (last && slot->tok.login != P11_NOBODY) {
        gost_wipe(slot->tok.key, sizeof slot->tok.key);
        slot->tok.have_key = false;
        slot->tok.login = P11_NOBODY;
        slot->tok.gen = 0;
    }
}

CK_RV p11_l_close_session(CK_SESSION_HANDLE h)
{
    for (struct p11_session **link = &p11_g.sessions; *link; link = &(*link)->next)
        if ((*link)->handle == h) {
            close_one(link);
            return CKR_OK;
        }
    return CKR_SESSION_HANDLE_INVALID;
}

CK_RV p11_l_close_all_sessions(CK_SLOT_ID id)
{
    struct p11_slot *slot = p11_slot_find(id);
    struct p11_session **link = &p11_g.sessions;
    if (slot == NULL)
        return CKR_SLOT_ID_INVALID;
    while (*link)
        if ((*link)->slot == slot)
            close_one(link);
        else
            link = &(*link)->next;
    return CKR_OK;
}

CK_RV p11_l_get_session_info(CK_SESSION_HANDLE h, CK_SESSION_INFO_PTR info)
{
    struct p11_session *s;
    CK_RV rv = p11_session_get(h, &s);
    if (rv != CKR_OK)
        return rv;
    info->slotID = s->slot->id;
    info->state = p11_session_state(s);
    info->flags = s->flags;
    info->ulDeviceError = 0;
    return CKR_OK;
}

void p11_l_op_abort(CK_SESSION_HANDLE h, int op)
{
    struct p11_session *s;
    if (op >= 0 && op < P11_OP_COUNT && p11_session_get(h, &s) == CKR_OK && s->ops[op].active)
        p11_session_end_op(s, op);
}
