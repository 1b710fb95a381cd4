/* SESPAKE: password-authenticated key exchange of R 50.1.115-2016 / RFC 8133.
 *
 * Party A (the client) knows the password PW; party B (the server) keeps only
 * a verifier record (ind, salt, Q_PW = int(F(PW, salt, 2000)) Q_ind, RFC 8133
 * s.4) and the attempt counters of RFC 8133 s.4. Both are explicit state
 * machines in caller-owned structs: no I/O, no allocation, no globals.
 *
 * Parameter sets (RFC 8133 Appendix A.1): the curves GOST_CURVE_256_A (TC 26
 * paramSetA), GOST_CURVE_256_B/C/D (CryptoPro-A/B/C), GOST_CURVE_512_A/B/C,
 * each with the one point Q_1 the RFC gives (N = 1, ind = 1, as RFC 8133
 * s.6 recommends). F is PBKDF2 on
 * HMAC_GOSTR3411_2012_512 with 2000 iterations and a 32- or 64-byte output
 * (the coordinate size); the key K = Streebog-256 of the shared point; the
 * MACs are HMAC_GOSTR3411_2012_256 under K (RFC 8133 s.4):
 *   MAC_A = HMAC(K, 0x01 || ID_A || ind || salt || u_1 || u_2)
 *   MAC_B = HMAC(K, 0x02 || ID_B || ind || salt || u_1 || u_2)
 * with points as X || Y little-endian and ind as one byte, as in the RFC's
 * examples (Appendix A.2). The optional ID_ALG, DATA_A and DATA_B fields of
 * the MACs are not supported (always empty); bind context through ID_A/ID_B.
 *
 * Messages (this library's framing; every length is exact, n = coordinate
 * size, 32 or 64; `set` is the parameter-set byte below):
 *   1 B->A  HELLO  01 | set | ind | salt_len | salt        (4 + salt_len bytes)
 *   2 A->B  U1     02 | set | u_1 (X || Y, LE)              (2 + 2n)
 *   3 B->A  U2     03 | set | u_2 (X || Y, LE)              (2 + 2n)
 *   4 A->B  MACA   04 | set | MAC_A                         (2 + 32)
 *   5 B->A  MACB   05 | set | MAC_B                         (2 + 32)
 * set: 1 = 256_A, 2 = 256_B (CryptoPro-A), 3 = 256_C, 4 = 256_D, 5 = 512_A,
 * 6 = 512_B, 7 = 512_C. salt_len is 16..64.
 *
 * Flow: gost_sespake_b_start -> HELLO; gost_sespake_a_step(HELLO) -> U1;
 * gost_sespake_b_step(U1) -> U2; gost_sespake_a_step(U2) -> MACA;
 * gost_sespake_b_step(MACA) -> MACB (B done); gost_sespake_a_step(MACB)
 * (A done, out_len 0). Then gost_sespake_{a,b}_key give the 32-byte key K.
 *
 * Errors of the step functions: GOST_ERR_INVALID_ARGUMENT (NULL pointers),
 * GOST_ERR_BUFFER_TOO_SMALL (out_cap below the next message; nothing changes,
 * call again), GOST_ERR_BAD_STATE (a message of a type that is not expected
 * now: out of order or replayed; or a call after the session ended),
 * GOST_ERR_BAD_LENGTH (wrong length for its type), GOST_ERR_DECODE (unknown
 * type, another parameter set, ind or salt length out of range),
 * GOST_ERR_LOCKED (an attempt counter is exhausted), GOST_ERR_AUTH (anything
 * about the peer's values: an invalid point, a wrong MAC, z = 1; never more
 * detail than that). A rejected message ends the session: its secrets are
 * wiped and every later call returns GOST_ERR_BAD_STATE. A call the state
 * does not allow (a step before b_start, a second b_start, a key before the
 * end; the key functions end the session either way) returns
 * GOST_ERR_BAD_STATE; BUFFER_TOO_SMALL and INVALID_ARGUMENT
 * change nothing.
 *
 * Attempt counters (RFC 8133 s.4): C_1 counts down consecutive failures
 * (limit CLim_1 in 3..5), C_2 total failures (CLim_2 in 7..20), C_3 all
 * sessions with this password (CLim_3 in 1000..100000). A session start
 * refuses (GOST_ERR_LOCKED) if any counter is 0, else decrements all three;
 * a verified MAC from the peer restores C_1 = CLim_1 and C_2 += 1. B's
 * counters live in its record: persist the record (gost_sespake_record_encode)
 * after gost_sespake_b_start and after the session ends, so that a restart
 * does not restore attempts. A may keep counters too (optional).
 *
 * Constant time: the password, Q_PW, the ephemeral scalars and the key never
 * decide a branch or an address. Decoding a stored record validates Q_PW
 * with the EC layer's public-data check (variable time) once per load. */
#ifndef GOST_SESPAKE_H
#define GOST_SESPAKE_H

#include <stdint.h>

#include "gost/api.h"
#include "gost/curves.h"
#include "gost/errors.h"

#define GOST_SESPAKE_KEY_SIZE 32
#define GOST_SESPAKE_MAC_SIZE 32
#define GOST_SESPAKE_SALT_MIN 16
#define GOST_SESPAKE_SALT_MAX 64
#define GOST_SESPAKE_ID_MAX 64
#define GOST_SESPAKE_PASSWORD_MAX 256
#define GOST_SESPAKE_ITERATIONS 2000 /* RFC 8133 s.4: F(PW, salt, 2000) */
#define GOST_SESPAKE_POINTS 1 /* N: points Q_ind per curve (RFC 8133 A.1), ind = 1..N */
#define GOST_SESPAKE_MSG_MAX (2 + 2 * 64) /* the largest message (U1/U2 on 512-bit curves) */
#define GOST_SESPAKE_RECORD_SIZE 220

/* Default limits: the strictest CLim_1 and CLim_2 of RFC 8133 s.4, and 10^4. */
#define GOST_SESPAKE_CLIM1_DEFAULT 3
#define GOST_SESPAKE_CLIM2_DEFAULT 7
#define GOST_SESPAKE_CLIM3_DEFAULT 10000

typedef struct gost_sespake_counters {
    uint32_t c1, c2, c3;          /* remaining: consecutive failures, failures, sessions */
    uint32_t clim1, clim2, clim3; /* the limits they start from */
} gost_sespake_counters;

/* Fill counters with the given limits (all counters full). Returns
 * GOST_ERR_INVALID_ARGUMENT for NULL or a limit outside RFC 8133 s.4. */
GOST_API int gost_sespake_counters_init(gost_sespake_counters *c, uint32_t clim1, uint32_t clim2,
                                        uint32_t clim3);

/* B's verifier record. Q_PW is kept in two forms: bytes (for encoding) and
 * the EC layer's point (in `point`, opaque), filled by create and decode. */
typedef struct gost_sespake_record {
    uint8_t set;        /* the parameter-set byte (1..7) */
    uint8_t ind;        /* 1..GOST_SESPAKE_POINTS */
    uint8_t salt_len;
    uint8_t salt[GOST_SESPAKE_SALT_MAX];
    uint8_t qpw[128];   /* X || Y little-endian, 2n bytes */
    uint64_t point[24]; /* opaque */
    gost_sespake_counters counters;
} gost_sespake_record;

/* Make B's record from the password (PBKDF2 and one scalar multiplication;
 * the password is not kept). counters may be NULL for the defaults. Errors:
 * GOST_ERR_INVALID_ARGUMENT (NULL, pw_len > GOST_SESPAKE_PASSWORD_MAX),
 * GOST_ERR_UNSUPPORTED (curve not one of the seven), GOST_ERR_DECODE (ind not
 * 1..GOST_SESPAKE_POINTS), GOST_ERR_BAD_LENGTH (salt length outside 16..64). */
GOST_API int gost_sespake_record_create(gost_sespake_record *rec, enum gost_curve curve,
                                        unsigned ind, const void *pw, size_t pw_len,
                                        const uint8_t *salt, size_t salt_len,
                                        const gost_sespake_counters *counters);

/* Fixed-size encoding for storage: version 01 | set | ind | salt_len |
 * salt (64, zero-padded) | Q_PW (128, zero-padded) | c1 c2 c3 clim1 clim2
 * clim3 (each 4 bytes big-endian). decode checks every field (Q_PW a valid
 * point of the subgroup, counters within limits within the RFC ranges):
 * GOST_ERR_BAD_LENGTH for len != GOST_SESPAKE_RECORD_SIZE, GOST_ERR_DECODE
 * for anything else wrong (rec is then wiped). */
GOST_API int gost_sespake_record_encode(const gost_sespake_record *rec,
                                        uint8_t out[GOST_SESPAKE_RECORD_SIZE]);
GOST_API int gost_sespake_record_decode(gost_sespake_record *rec, const uint8_t *in, size_t len);

/* ---- party A ------------------------------------------------------------- */
typedef struct gost_sespake_a {
    uint32_t state;
    uint32_t curve;
    uint8_t set, ind, salt_len, id_a_len, id_b_len;
    uint8_t id_a[GOST_SESPAKE_ID_MAX], id_b[GOST_SESPAKE_ID_MAX];
    uint8_t salt[GOST_SESPAKE_SALT_MAX];
    uint8_t pw[GOST_SESPAKE_PASSWORD_MAX];
    uint32_t pw_len;
    uint64_t z;
    uint64_t alpha[8];   /* opaque: ephemeral scalar */
    uint64_t qpw[24];    /* opaque: Q_PW^A */
    uint8_t u1[128], u2[128];
    uint8_t key[GOST_SESPAKE_KEY_SIZE];
    gost_sespake_counters *counters;
} gost_sespake_a;

/* Start A for the parameter set `curve` (a HELLO for another set is refused).
 * The password is copied into the state until the HELLO arrives. id_a/id_b
 * may be NULL with length 0. counters: A's own counters, updated in place,
 * or NULL for none. Errors: GOST_ERR_INVALID_ARGUMENT (NULL, lengths above
 * the maxima), GOST_ERR_UNSUPPORTED (curve). */
GOST_API int gost_sespake_a_init(gost_sespake_a *a, enum gost_curve curve, const void *pw,
                                 size_t pw_len, const uint8_t *id_a, size_t id_a_len,
                                 const uint8_t *id_b, size_t id_b_len,
                                 gost_sespake_counters *counters);

/* Consume B's message and write A's next one (see the flow above). */
GOST_API int gost_sespake_a_step(gost_sespake_a *a, const uint8_t *in, size_t in_len,
                                 uint8_t *out, size_t out_cap, size_t *out_len);

/* After the last step: the shared key; wipes the state. GOST_ERR_BAD_STATE
 * (key wiped) if the session did not complete. */
GOST_API int gost_sespake_a_key(gost_sespake_a *a, uint8_t key[GOST_SESPAKE_KEY_SIZE]);

/* ---- party B ------------------------------------------------------------- */
typedef struct gost_sespake_b {
    uint32_t state;
    uint8_t id_a_len, id_b_len;
    uint8_t id_a[GOST_SESPAKE_ID_MAX], id_b[GOST_SESPAKE_ID_MAX];
    uint64_t z;
    uint8_t u1[128], u2[128];
    uint8_t key[GOST_SESPAKE_KEY_SIZE];
    gost_sespake_record *rec;
} gost_sespake_b;

/* Start B on a record (kept by pointer: it must outlive the session, and its
 * counters change). Errors: GOST_ERR_INVALID_ARGUMENT. */
GOST_API int gost_sespake_b_init(gost_sespake_b *b, gost_sespake_record *rec,
                                 const uint8_t *id_a, size_t id_a_len, const uint8_t *id_b,
                                 size_t id_b_len);

/* Check and decrement the record's counters (GOST_ERR_LOCKED if one is 0)
 * and write HELLO. Persist the record afterwards. */
GOST_API int gost_sespake_b_start(gost_sespake_b *b, uint8_t *out, size_t out_cap,
                                  size_t *out_len);

/* Consume A's message and write B's next one. */
GOST_API int gost_sespake_b_step(gost_sespake_b *b, const uint8_t *in, size_t in_len,
                                 uint8_t *out, size_t out_cap, size_t *out_len);

/* After MACB was produced: the shared key; wipes the state. */
GOST_API int gost_sespake_b_key(gost_sespake_b *b, uint8_t key[GOST_SESPAKE_KEY_SIZE]);

/* Wipe a session of either party (e.g. on a network error). */
GOST_API void gost_sespake_a_abort(gost_sespake_a *a);
GOST_API void gost_sespake_b_abort(gost_sespake_b *b);

#endif
