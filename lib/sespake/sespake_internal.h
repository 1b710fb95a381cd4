/* Internal: the pieces SESPAKE's two parties share (lib/sespake). Not
 * installed; the KAT handler and the tests reach the *_with entry points to
 * replay RFC 8133's examples with their fixed ephemeral scalars. */
#ifndef GOST_SESPAKE_INTERNAL_H
#define GOST_SESPAKE_INTERNAL_H

#include "gost/internal/ec.h"
#include "gost/sespake.h"

_Static_assert(sizeof(ec_point) <= sizeof(((gost_sespake_record *)0)->point),
               "gost_sespake_record.point holds an ec_point");
_Static_assert(sizeof(ec_scalar) <= sizeof(((gost_sespake_a *)0)->alpha),
               "gost_sespake_a.alpha holds an ec_scalar");

/* Message types of the framing documented in gost/sespake.h. */
enum {
    SESPAKE_MSG_HELLO = 1,
    SESPAKE_MSG_U1 = 2,
    SESPAKE_MSG_U2 = 3,
    SESPAKE_MSG_MACA = 4,
    SESPAKE_MSG_MACB = 5
};

/* Check a message's type, set and exact length (2 + body_len): 0, or
 * GOST_ERR_BAD_LENGTH / GOST_ERR_DECODE / GOST_ERR_BAD_STATE (a known type
 * that is not the expected one). */
int sespake_msg_expect(const uint8_t *in, size_t in_len, uint8_t type, uint8_t set,
                       size_t body_len);
void sespake_msg_header(uint8_t *out, uint8_t type, uint8_t set);

/* The parameter-set byte of a curve (1..7), 0 if SESPAKE has no points for it. */
uint8_t sespake_set_of_curve(enum gost_curve curve);
/* The curve of a parameter-set byte; GOST_ERR_DECODE if unknown. */
int sespake_curve_of_set(uint8_t set, enum gost_curve *curve);

/* The curve of `set` if set, ind and the salt length are all in range
 * (1..7, 1..GOST_SESPAKE_POINTS, GOST_SESPAKE_SALT_MIN..MAX), else
 * GOST_ERR_DECODE. */
int sespake_params_valid(uint8_t set, unsigned ind, size_t salt_len, enum gost_curve *curve);

/* Q_ind of RFC 8133 Appendix A.1 as X || Y little-endian (2n bytes), and as
 * a validated point. ind is 1..GOST_SESPAKE_POINTS. */
void sespake_q_bytes(enum gost_curve curve, unsigned ind, uint8_t *xy);
int sespake_q_point(enum gost_curve curve, unsigned ind, ec_point *q);

/* Q_PW = int(F(PW, salt, 2000)) Q_ind (RFC 8133 s.4), constant time in PW. */
int sespake_password_point(enum gost_curve curve, unsigned ind, const uint8_t *pw, size_t pw_len,
                           const uint8_t *salt, size_t salt_len, ec_point *qpw);

/* An ephemeral scalar in [1, q-1]: from the n little-endian bytes `fixed`
 * (reduced mod q; the RFC examples), or from the system generator if NULL. */
int sespake_ephemeral(enum gost_curve curve, ec_scalar *k, const uint8_t *fixed);

/* K = Streebog-256(BYTES(((m/q) k mod q) Q)) (RFC 8133 s.4.3). Returns an
 * all-ones mask if Q (hence (m/q) Q, Q being in the subgroup) is the
 * identity, which is the RFC's z = 1 (the key is then made from k P in its
 * place, as the RFC says); else 0. Constant time. */
uint64_t sespake_shared_key(enum gost_curve curve, uint8_t key[GOST_SESPAKE_KEY_SIZE],
                            const ec_scalar *k, const ec_point *q);

/* HMAC_GOSTR3411_2012_256(K, tag || id || ind || salt || u_1 || u_2). */
int sespake_mac(uint8_t mac[GOST_SESPAKE_MAC_SIZE], const uint8_t key[GOST_SESPAKE_KEY_SIZE],
                uint8_t tag, const uint8_t *id, size_t id_len, uint8_t ind, const uint8_t *salt,
                size_t salt_len, const uint8_t *u1, const uint8_t *u2, size_t point_len);

/* RFC 8133 s.4: at a session start (GOST_ERR_LOCKED if a counter is 0,
 * else all three are decremented), and after the peer's MAC verified. */
int sespake_counters_begin(gost_sespake_counters *c);
void sespake_counters_success(gost_sespake_counters *c);

/* The key to the caller if the session is done, else zeros and
 * GOST_ERR_BAD_STATE (the caller then wipes its state either way). */
int sespake_hand_over_key(uint8_t out[GOST_SESPAKE_KEY_SIZE],
                          const uint8_t key[GOST_SESPAKE_KEY_SIZE], int done);

/* The step functions with a fixed ephemeral scalar (n little-endian bytes),
 * or NULL for a random one (what the public functions do). */
int sespake_a_step_with(gost_sespake_a *a, const uint8_t *in, size_t in_len, uint8_t *out,
                        size_t out_cap, size_t *out_len, const uint8_t *alpha);
int sespake_b_step_with(gost_sespake_b *b, const uint8_t *in, size_t in_len, uint8_t *out,
                        size_t out_cap, size_t *out_len, const uint8_t *beta);

#endif
