/* SESPAKE party B, the server (RFC 8133 s.4, B's steps), as a state
 * machine over the verifier record: start -> HELLO, U1 -> U2, MAC_A -> MAC_B. */
#include <string.h>

#include "gost/ec_declassify.h"
#include "gost/util.h"
#include "sespake/sespake_internal.h"

enum {
    B_READY = 0x5e5b0001,
    B_WAIT_U1,
    B_WAIT_MACA,
    B_DONE,
    B_FAILED
};

void gost_sespake_b_abort(gost_sespake_b *b)
{
    if (b == NULL)
        return;
    gost_wipe(b, sizeof *b);
    b->state = B_FAILED;
}

int gost_sespake_b_init(gost_sespake_b *b, gost_sespake_record *rec, const uint8_t *id_a,
                        size_t id_a_len, const uint8_t *id_b, size_t id_b_len)
{
    enum gost_curve curve;
    if (b == NULL || rec == NULL || (id_a == NULL && id_a_len > 0) ||
        (id_b == NULL && id_b_len > 0) || id_a_len > GOST_SESPAKE_ID_MAX ||
        id_b_len > GOST_SESPAKE_ID_MAX ||
        sespake_params_valid(rec->set, rec->ind, rec->salt_len, &curve) != GOST_OK)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(b, 0, sizeof *b);
    b->state = B_READY;
    if (id_a_len > 0)
        memcpy(b->id_a, id_a, id_a_len);
    if (id_b_len > 0)
        memcpy(b->id_b, id_b, id_b_len);
    b->id_a_len = (uint8_t)id_a_len;
    b->id_b_len = (uint8_t)id_b_len;
    b->rec = rec;
    return GOST_OK;
}

int gost_sespake_b_start(gost_sespake_b *b, uint8_t *out, size_t out_cap, size_t *out_len)
{
    if (b == NULL || out == NULL || out_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    *out_len = 0;
    if (b->state != B_READY)
        return GOST_ERR_BAD_STATE;
    const gost_sespake_record *rec = b->rec;
    size_t need = 4 + (size_t)rec->salt_len;
    if (out_cap < need)
        return GOST_ERR_BUFFER_TOO_SMALL;
    int rc = sespake_counters_begin(&b->rec->counters);
    if (rc != GOST_OK) {
        gost_sespake_b_abort(b);
        return rc;
    }
    sespake_msg_header(out, SESPAKE_MSG_HELLO, rec->set);
    out[2] = rec->ind;
    out[3] = rec->salt_len;
    memcpy(out + 4, rec->salt, rec->salt_len);
    b->state = B_WAIT_U1;
    *out_len = need;
    return GOST_OK;
}

/* U1 -> K_B = H((m/q beta) (u_1 + Q_PW)), U2 = beta P + Q_PW. */
static int on_u1(gost_sespake_b *b, enum gost_curve curve, const uint8_t *in, size_t in_len,
                 uint8_t *out, const uint8_t *fixed_beta)
{
    const gost_sespake_record *rec = b->rec;
    size_t n = gost_curve_size(curve);
    int rc = sespake_msg_expect(in, in_len, SESPAKE_MSG_U1, rec->set, 2 * n);
    if (rc != GOST_OK)
        return rc;
    ec_point u1, qpw, qb, t;
    ec_scalar beta;
    /* on the curve, in the subgroup, not the identity; else "failed" */
    if (ec_point_decode(curve, &u1, in + 2) != GOST_OK)
        return GOST_ERR_AUTH;
    rc = sespake_ephemeral(curve, &beta, fixed_beta);
    if (rc != GOST_OK)
        return rc;
    memcpy(b->u1, in + 2, 2 * n);
    memcpy(&qpw, rec->point, sizeof qpw);
    ec_point_add(curve, &qb, &u1, &qpw);
    b->z = sespake_shared_key(curve, b->key, &beta, &qb);
    ec_point_mul_base(curve, &t, &beta);
    ec_point_add(curve, &t, &t, &qpw); /* u_2 = beta P + Q_PW */
    /* the identity only if beta P = -Q_PW (probability 1/q) */
    if (ec_point_encode(curve, b->u2, &t) != GOST_OK)
        rc = GOST_ERR_INTERNAL;
    gost_wipe(&qpw, sizeof qpw);
    gost_wipe(&qb, sizeof qb);
    gost_wipe(&beta, sizeof beta);
    gost_wipe(&t, sizeof t);
    if (rc != GOST_OK)
        return rc;
    sespake_msg_header(out, SESPAKE_MSG_U2, rec->set);
    memcpy(out + 2, b->u2, 2 * n);
    return GOST_OK;
}

/* MAC_A -> MAC_B, if MAC_A verifies and z_B = 0. */
static int on_maca(gost_sespake_b *b, enum gost_curve curve, const uint8_t *in, size_t in_len,
                   uint8_t *out)
{
    gost_sespake_record *rec = b->rec;
    size_t n = gost_curve_size(curve);
    uint8_t want[GOST_SESPAKE_MAC_SIZE];
    int rc = sespake_msg_expect(in, in_len, SESPAKE_MSG_MACA, rec->set, GOST_SESPAKE_MAC_SIZE);
    if (rc != GOST_OK)
        return rc;
    rc = sespake_mac(want, b->key, 0x01, b->id_a, b->id_a_len, rec->ind, rec->salt,
                     rec->salt_len, b->u1, b->u2, 2 * n);
    uint64_t ok = (uint64_t)gost_ct_equal(want, in + 2, GOST_SESPAKE_MAC_SIZE) & ~b->z & 1;
    gost_wipe(want, sizeof want);
    /* the outcome is public: the session goes on or ends */
    if (rc != GOST_OK || !ec_declassify_int((int)ok))
        return GOST_ERR_AUTH;
    sespake_counters_success(&rec->counters);
    sespake_msg_header(out, SESPAKE_MSG_MACB, rec->set);
    return sespake_mac(out + 2, b->key, 0x02, b->id_b, b->id_b_len, rec->ind, rec->salt,
                       rec->salt_len, b->u1, b->u2, 2 * n);
}

int sespake_b_step_with(gost_sespake_b *b, const uint8_t *in, size_t in_len, uint8_t *out,
                        size_t out_cap, size_t *out_len, const uint8_t *beta)
{
    enum gost_curve curve;
    if (b == NULL || in == NULL || out == NULL || out_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    *out_len = 0;
    if (b->state != B_WAIT_U1 && b->state != B_WAIT_MACA)
        return GOST_ERR_BAD_STATE;
    if (sespake_curve_of_set(b->rec->set, &curve) != GOST_OK)
        return GOST_ERR_INVALID_ARGUMENT;
    size_t need = b->state == B_WAIT_U1 ? 2 + 2 * gost_curve_size(curve)
                                        : 2 + GOST_SESPAKE_MAC_SIZE;
    if (out_cap < need)
        return GOST_ERR_BUFFER_TOO_SMALL;
    int rc;
    if (b->state == B_WAIT_U1) {
        rc = on_u1(b, curve, in, in_len, out, beta);
        b->state = B_WAIT_MACA;
    } else {
        rc = on_maca(b, curve, in, in_len, out);
        b->state = B_DONE;
    }
    if (rc != GOST_OK) {
        gost_wipe(out, need);
        gost_sespake_b_abort(b);
        return rc;
    }
    *out_len = need;
    return GOST_OK;
}

int gost_sespake_b_step(gost_sespake_b *b, const uint8_t *in, size_t in_len, uint8_t *out,
                        size_t out_cap, size_t *out_len)
{
    return sespake_b_step_with(b, in, in_len, out, out_cap, out_len, NULL);
}

int gost_sespake_b_key(gost_sespake_b *b, uint8_t key[GOST_SESPAKE_KEY_SIZE])
{
    if (b == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = sespake_hand_over_key(key, b->key, b->state == B_DONE);
    gost_sespake_b_abort(b);
    return rc;
}
