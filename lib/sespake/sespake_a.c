/* SESPAKE party A, the client (RFC 8133 s.4, A's steps), as a state
 * machine: HELLO -> U1, U2 -> MAC_A, MAC_B -> done. */
#include <string.h>

#include "gost/ec_declassify.h"
#include "gost/util.h"
#include "sespake/sespake_internal.h"

enum {
    A_WAIT_HELLO = 0x5e5a0001,
    A_WAIT_U2,
    A_WAIT_MACB,
    A_DONE,
    A_FAILED
};

void gost_sespake_a_abort(gost_sespake_a *a)
{
    if (a == NULL)
        return;
    gost_sespake_counters *c = a->counters;
    gost_wipe(a, sizeof *a);
    a->counters = c;
    a->state = A_FAILED;
}

int gost_sespake_a_init(gost_sespake_a *a, enum gost_curve curve, const void *pw, size_t pw_len,
                        const uint8_t *id_a, size_t id_a_len, const uint8_t *id_b,
                        size_t id_b_len, gost_sespake_counters *counters)
{
    if (a == NULL || (pw == NULL && pw_len > 0) || (id_a == NULL && id_a_len > 0) ||
        (id_b == NULL && id_b_len > 0) || pw_len > GOST_SESPAKE_PASSWORD_MAX ||
        id_a_len > GOST_SESPAKE_ID_MAX || id_b_len > GOST_SESPAKE_ID_MAX)
        return GOST_ERR_INVALID_ARGUMENT;
    uint8_t set = sespake_set_of_curve(curve);
    if (set == 0)
        return GOST_ERR_UNSUPPORTED;
    memset(a, 0, sizeof *a);
    a->state = A_WAIT_HELLO;
    a->curve = (uint32_t)curve;
    a->set = set;
    if (pw_len > 0)
        memcpy(a->pw, pw, pw_len);
    a->pw_len = (uint32_t)pw_len;
    if (id_a_len > 0)
        memcpy(a->id_a, id_a, id_a_len);
    if (id_b_len > 0)
        memcpy(a->id_b, id_b, id_b_len);
    a->id_a_len = (uint8_t)id_a_len;
    a->id_b_len = (uint8_t)id_b_len;
    a->counters = counters;
    return GOST_OK;
}

/* HELLO (ind, salt) -> U1 = alpha P - Q_PW^A. */
static int on_hello(gost_sespake_a *a, const uint8_t *in, size_t in_len, uint8_t *out,
                    const uint8_t *fixed_alpha)
{
    enum gost_curve curve = (enum gost_curve)a->curve;
    size_t n = gost_curve_size(curve);
    size_t body = in_len >= 4 ? 2 + (size_t)in[3] : 2;
    int rc = sespake_msg_expect(in, in_len, SESPAKE_MSG_HELLO, a->set, body);
    if (rc != GOST_OK)
        return rc;
    if (in[2] < 1 || in[2] > GOST_SESPAKE_POINTS || in[3] < GOST_SESPAKE_SALT_MIN ||
        in[3] > GOST_SESPAKE_SALT_MAX)
        return GOST_ERR_DECODE;
    rc = sespake_counters_begin(a->counters);
    if (rc != GOST_OK)
        return rc;
    a->ind = in[2];
    a->salt_len = in[3];
    memcpy(a->salt, in + 4, a->salt_len);

    ec_point qpw, t;
    ec_scalar alpha;
    rc = sespake_password_point(curve, a->ind, a->pw, a->pw_len, a->salt, a->salt_len, &qpw);
    gost_wipe(a->pw, sizeof a->pw); /* Q_PW^A is all A needs from now on */
    if (rc == GOST_OK)
        rc = sespake_ephemeral(curve, &alpha, fixed_alpha);
    if (rc == GOST_OK) {
        ec_point_mul_base(curve, &t, &alpha);
        ec_point_neg(curve, &qpw, &qpw);
        ec_point_add(curve, &t, &t, &qpw); /* u_1 = alpha P - Q_PW^A */
        /* u_1 is the identity only if alpha P = Q_PW^A (probability 1/q) */
        if (ec_point_encode(curve, a->u1, &t) != GOST_OK)
            rc = GOST_ERR_INTERNAL;
    }
    memcpy(a->qpw, &qpw, sizeof qpw); /* kept negated: Q_A = u_2 + (-Q_PW^A) */
    memcpy(a->alpha, &alpha, sizeof alpha);
    gost_wipe(&qpw, sizeof qpw);
    gost_wipe(&alpha, sizeof alpha);
    gost_wipe(&t, sizeof t);
    if (rc != GOST_OK)
        return rc;
    sespake_msg_header(out, SESPAKE_MSG_U1, a->set);
    memcpy(out + 2, a->u1, 2 * n);
    return GOST_OK;
}

/* U2 -> K_A = H((m/q alpha) (u_2 - Q_PW^A)), MAC_A. */
static int on_u2(gost_sespake_a *a, const uint8_t *in, size_t in_len, uint8_t *out)
{
    enum gost_curve curve = (enum gost_curve)a->curve;
    size_t n = gost_curve_size(curve);
    int rc = sespake_msg_expect(in, in_len, SESPAKE_MSG_U2, a->set, 2 * n);
    if (rc != GOST_OK)
        return rc;
    ec_point u2, qa, nqpw;
    ec_scalar alpha;
    /* on the curve, in the subgroup, not the identity; else "failed" */
    if (ec_point_decode(curve, &u2, in + 2) != GOST_OK)
        return GOST_ERR_AUTH;
    memcpy(a->u2, in + 2, 2 * n);
    memcpy(&nqpw, a->qpw, sizeof nqpw);
    memcpy(&alpha, a->alpha, sizeof alpha);
    ec_point_add(curve, &qa, &u2, &nqpw);
    a->z = sespake_shared_key(curve, a->key, &alpha, &qa);
    gost_wipe(&nqpw, sizeof nqpw);
    gost_wipe(&alpha, sizeof alpha);
    gost_wipe(&qa, sizeof qa);
    gost_wipe(a->alpha, sizeof a->alpha);
    gost_wipe(a->qpw, sizeof a->qpw);
    sespake_msg_header(out, SESPAKE_MSG_MACA, a->set);
    return sespake_mac(out + 2, a->key, 0x01, a->id_a, a->id_a_len, a->ind, a->salt, a->salt_len,
                       a->u1, a->u2, 2 * n);
}

/* MAC_B -> done, if it verifies and z_A = 0. */
static int on_macb(gost_sespake_a *a, const uint8_t *in, size_t in_len)
{
    size_t n = gost_curve_size((enum gost_curve)a->curve);
    uint8_t want[GOST_SESPAKE_MAC_SIZE];
    int rc = sespake_msg_expect(in, in_len, SESPAKE_MSG_MACB, a->set, GOST_SESPAKE_MAC_SIZE);
    if (rc != GOST_OK)
        return rc;
    rc = sespake_mac(want, a->key, 0x02, a->id_b, a->id_b_len, a->ind, a->salt, a->salt_len,
                     a->u1, a->u2, 2 * n);
    uint64_t ok = (uint64_t)gost_ct_equal(want, in + 2, GOST_SESPAKE_MAC_SIZE) & ~a->z & 1;
    gost_wipe(want, sizeof want);
    /* the outcome is public: the session goes on or ends */
    if (rc != GOST_OK || !ec_declassify_int((int)ok))
        return GOST_ERR_AUTH;
    sespake_counters_success(a->counters);
    return GOST_OK;
}

int sespake_a_step_with(gost_sespake_a *a, const uint8_t *in, size_t in_len, uint8_t *out,
                        size_t out_cap, size_t *out_len, const uint8_t *alpha)
{
    if (a == NULL || in == NULL || out_len == NULL || (out == NULL && out_cap > 0))
        return GOST_ERR_INVALID_ARGUMENT;
    size_t n = gost_curve_size((enum gost_curve)a->curve);
    size_t need;
    switch (a->state) {
    case A_WAIT_HELLO: need = 2 + 2 * n; break;
    case A_WAIT_U2: need = 2 + GOST_SESPAKE_MAC_SIZE; break;
    case A_WAIT_MACB: need = 0; break;
    default: return GOST_ERR_BAD_STATE;
    }
    *out_len = 0;
    if (out_cap < need)
        return GOST_ERR_BUFFER_TOO_SMALL;
    int rc;
    switch (a->state) {
    case A_WAIT_HELLO:
        rc = on_hello(a, in, in_len, out, alpha);
        a->state = A_WAIT_U2;
        break;
    case A_WAIT_U2:
        rc = on_u2(a, in, in_len, out);
        a->state = A_WAIT_MACB;
        break;
    default:
        rc = on_macb(a, in, in_len);
        a->state = A_DONE;
        break;
    }
    if (rc != GOST_OK) {
        if (need > 0)
            gost_wipe(out, need);
        gost_sespake_a_abort(a);
        return rc;
    }
    *out_len = need;
    return GOST_OK;
}

int gost_sespake_a_step(gost_sespake_a *a, const uint8_t *in, size_t in_len, uint8_t *out,
                        size_t out_cap, size_t *out_len)
{
    return sespake_a_step_with(a, in, in_len, out, out_cap, out_len, NULL);
}

int gost_sespake_a_key(gost_sespake_a *a, uint8_t key[GOST_SESPAKE_KEY_SIZE])
{
    if (a == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = sespake_hand_over_key(key, a->key, a->state == A_DONE);
    gost_sespake_a_abort(a);
    return rc;
}
