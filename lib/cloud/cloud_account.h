/* The account messages of the cloud channel (docs/cloud-protocol.md
 * "Account messages"): pure encoders and decoders, no I/O, so the server,
 * the gost-cloud utility, the tests and the fuzzer share one codec. */
#ifndef GOST_CLOUD_ACCOUNT_H
#define GOST_CLOUD_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "gost/sespake.h"

/* Frame types 0x10-0x15 (cloud_frame.h has 0x10-0x14; 0x15 is OTP_SET). */
#define CLOUD_MSG_OTP_SET 0x15

/* One-time-password modes and limits (RFC 4226 / RFC 6238 with
 * HMAC-Streebog-256, include/gost/otp.h). */
enum cloud_otp_mode { CLOUD_OTP_HOTP = 1, CLOUD_OTP_TOTP = 2 };
#define CLOUD_OTP_SECRET_MIN 16u
#define CLOUD_OTP_SECRET_MAX 64u
#define CLOUD_OTP_HOTP_WINDOW 10u /* look-ahead of RFC 4226 s.7.4 */
#define CLOUD_OTP_TOTP_SKEW 1u    /* steps either side of the server's clock */

struct cloud_otp {
    uint8_t mode;       /* enum cloud_otp_mode */
    uint8_t digits;     /* 6..9 */
    uint16_t period;    /* TOTP step in seconds (1..3600); 0 for HOTP */
    uint8_t secret_len; /* CLOUD_OTP_SECRET_MIN..MAX */
    uint8_t secret[CLOUD_OTP_SECRET_MAX];
    uint64_t next;      /* the smallest counter still accepted (server state) */
};

/* OTP_SET payload: mode | digits | [period]_2 | secret_len | secret.
 * The server's stored form appends [next]_8 (CLOUD_OTP_STORED_MAX bytes at
 * most). decode: GOST_ERR_DECODE for any field out of range or a length
 * that does not match. */
#define CLOUD_OTP_SET_MAX (5u + CLOUD_OTP_SECRET_MAX)
#define CLOUD_OTP_STORED_MAX (CLOUD_OTP_SET_MAX + 8u)
int cloud_otp_set_encode(const struct cloud_otp *o, uint8_t *out, size_t cap, size_t *len);
int cloud_otp_set_decode(const uint8_t *in, size_t len, struct cloud_otp *o);
int cloud_otp_stored_encode(const struct cloud_otp *o, uint8_t *out, size_t cap, size_t *len);
int cloud_otp_stored_decode(const uint8_t *in, size_t len, struct cloud_otp *o);

/* Whether the server accepts a client's counter: counter >= o->next, and
 * for TOTP within CLOUD_OTP_TOTP_SKEW steps of now_step, for HOTP below
 * o->next + CLOUD_OTP_HOTP_WINDOW. Public values only. */
int cloud_otp_counter_ok(const struct cloud_otp *o, uint64_t counter, uint64_t now_step);

/* The SESPAKE password of one session: the OTP for counter as decimal
 * digits (o->digits characters and a NUL in pw). */
int cloud_otp_password(const struct cloud_otp *o, uint64_t counter, char pw[10]);

/* A request as the server sees it, checked by cloud_account_request_decode:
 * STATUS, LOG, RECREATE, UNREGISTER carry nothing; CHANGE_PW a verifier
 * record (decoded into rec); OTP_SET an OTP secret (into otp).
 * GOST_ERR_UNSUPPORTED for a type that is no account message,
 * GOST_ERR_DECODE for a payload that does not fit its type. */
struct cloud_account_req {
    uint8_t type;
    gost_sespake_record rec;
    struct cloud_otp otp;
};
int cloud_account_request_decode(uint8_t type, const uint8_t *in, size_t len,
                                 struct cloud_account_req *req);
void cloud_account_request_wipe(struct cloud_account_req *req);

/* A response: [rc]_4 (GOST_ERR_* code, two's complement) | data. */
int cloud_account_reply_encode(int rc, const void *data, size_t n, uint8_t *out, size_t cap,
                               size_t *len);
int cloud_account_reply_decode(const uint8_t *in, size_t len, int *rc, const uint8_t **data,
                               size_t *n);

#endif
