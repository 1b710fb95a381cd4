/* The account messages' codec (lib/cloud/cloud_account.c): encodings
 * written out byte by byte from docs/cloud-protocol.md ("Frame types",
 * "Account messages"), round trips of every message type, and the error
 * code of every truncation, overlong payload and out-of-range field. */
#include <criterion/criterion.h>
#include <string.h>

#include "cloud/cloud_account.h"
#include "cloud/cloud_frame.h"
#include "gost/curves.h"
#include "gost/errors.h"
#include "gost/sespake.h"

static struct cloud_otp otp(uint8_t mode, uint8_t digits, uint16_t period, uint8_t secret_len)
{
    struct cloud_otp o;
    memset(&o, 0, sizeof o);
    o.mode = mode, o.digits = digits, o.period = period, o.secret_len = secret_len;
    for (unsigned i = 0; i < secret_len; i++)
        o.secret[i] = (uint8_t)(0xa0 + i);
    return o;
}

static int is_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

/* OTP_SET: mode | digits | [period]_2 | secret_len | secret */
Test(cloud_account, otp_set_known_encodings)
{
    static const uint8_t hotp[5 + 16] = {0x01, 0x06, 0x00, 0x00, 0x10, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5,
                                         0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf};
    static const uint8_t totp_head[5] = {0x02, 0x08, 0x00, 0x1e, 0x14}; /* 8 digits, 30 s, 20 bytes */
    uint8_t out[CLOUD_OTP_STORED_MAX];
    size_t len;
    struct cloud_otp o = otp(CLOUD_OTP_HOTP, 6, 0, 16), back;
    cr_assert_eq(cloud_otp_set_encode(&o, out, sizeof out, &len), GOST_OK);
    cr_assert_eq(len, sizeof hotp);
    cr_assert_eq(memcmp(out, hotp, sizeof hotp), 0);
    cr_assert_eq(cloud_otp_set_decode(hotp, sizeof hotp, &back), GOST_OK);
    cr_assert_eq(back.mode, CLOUD_OTP_HOTP);
    cr_assert_eq(back.digits, 6);
    cr_assert_eq(back.period, 0);
    cr_assert_eq(back.secret_len, 16);
    cr_assert_eq(memcmp(back.secret, o.secret, 16), 0);
    cr_assert_eq(back.next, 0);

    o = otp(CLOUD_OTP_TOTP, 8, 30, 20);
    cr_assert_eq(cloud_otp_set_encode(&o, out, sizeof out, &len), GOST_OK);
    cr_assert_eq(len, 25);
    cr_assert_eq(memcmp(out, totp_head, 5), 0);
    cr_assert_eq(memcmp(out + 5, o.secret, 20), 0);
    /* period big-endian: 3600 = 0e 10 */
    o = otp(CLOUD_OTP_TOTP, 9, 3600, 64);
    cr_assert_eq(cloud_otp_set_encode(&o, out, sizeof out, &len), GOST_OK);
    cr_assert_eq(len, CLOUD_OTP_SET_MAX);
    cr_assert(out[0] == 2 && out[1] == 9 && out[2] == 0x0e && out[3] == 0x10 && out[4] == 64);

    /* stored form: the same, then [next]_8 big-endian */
    o = otp(CLOUD_OTP_HOTP, 6, 0, 16);
    o.next = 0x0102030405060708ull;
    cr_assert_eq(cloud_otp_stored_encode(&o, out, sizeof out, &len), GOST_OK);
    cr_assert_eq(len, sizeof hotp + 8);
    cr_assert_eq(memcmp(out, hotp, sizeof hotp), 0);
    static const uint8_t next[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    cr_assert_eq(memcmp(out + sizeof hotp, next, 8), 0);
    cr_assert_eq(cloud_otp_stored_decode(out, len, &back), GOST_OK);
    cr_assert_eq(back.next, 0x0102030405060708ull);
}

Test(cloud_account, otp_round_trips)
{
    static const uint16_t periods[] = {1, 30, 60, 3599, 3600};
    static const uint64_t nexts[] = {0, 1, 0xffffffffull, 0x8000000000000000ull, UINT64_MAX};
    uint8_t out[CLOUD_OTP_STORED_MAX];
    size_t len;
    for (uint8_t digits = 6; digits <= 9; digits++)
        for (unsigned sl = CLOUD_OTP_SECRET_MIN; sl <= CLOUD_OTP_SECRET_MAX; sl++)
            for (size_t p = 0; p <= sizeof periods / sizeof periods[0]; p++) {
                int hotp = p == sizeof periods / sizeof periods[0];
                struct cloud_otp o = hotp ? otp(CLOUD_OTP_HOTP, digits, 0, (uint8_t)sl)
                                          : otp(CLOUD_OTP_TOTP, digits, periods[p], (uint8_t)sl);
                struct cloud_otp back;
                cr_assert_eq(cloud_otp_set_encode(&o, out, sizeof out, &len), GOST_OK);
                cr_assert_eq(len, 5 + sl);
                cr_assert_eq(cloud_otp_set_decode(out, len, &back), GOST_OK);
                cr_assert_eq(memcmp(&back, &o, sizeof o), 0);
                o.next = nexts[(sl + digits + p) % 5];
                cr_assert_eq(cloud_otp_stored_encode(&o, out, sizeof out, &len), GOST_OK);
                cr_assert_eq(len, 13 + sl);
                cr_assert_eq(cloud_otp_stored_decode(out, len, &back), GOST_OK);
                cr_assert_eq(memcmp(&back, &o, sizeof o), 0);
            }
}

/* Every field out of range, encoded by hand, is GOST_ERR_DECODE and leaves
 * nothing of the secret in the output. */
Test(cloud_account, otp_set_bad_fields)
{
    struct bad {
        uint8_t mode, digits, ph, pl, sl;
    } cases[] = {
        {0, 6, 0, 0, 16},     {3, 6, 0, 0, 16},     {0xff, 8, 0, 30, 16}, /* mode */
        {1, 6, 0, 1, 16},     {1, 6, 0x0e, 0x10, 16},                     /* HOTP with a period */
        {2, 6, 0, 0, 16},     {2, 6, 0x0e, 0x11, 16}, {2, 6, 0xff, 0xff, 16}, /* TOTP period */
        {1, 5, 0, 0, 16},     {1, 10, 0, 0, 16},    {2, 0, 0, 30, 16},    /* digits */
        {1, 6, 0, 0, 15},     {1, 6, 0, 0, 65},     {2, 8, 0, 30, 0},     /* secret length */
    };
    uint8_t in[5 + 255];
    memset(in, 0x5a, sizeof in);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cloud_otp o;
        in[0] = cases[i].mode, in[1] = cases[i].digits, in[2] = cases[i].ph, in[3] = cases[i].pl;
        in[4] = cases[i].sl;
        memset(&o, 0x77, sizeof o);
        cr_assert_eq(cloud_otp_set_decode(in, 5u + cases[i].sl, &o), GOST_ERR_DECODE, "case %zu", i);
        cr_assert(is_zero(&o, sizeof o), "case %zu: output not wiped", i);
        /* the same fields refused by the encoder */
        struct cloud_otp e = otp(cases[i].mode, cases[i].digits,
                                 (uint16_t)(cases[i].ph << 8 | cases[i].pl), 16);
        e.secret_len = cases[i].sl;
        size_t len;
        cr_assert_eq(cloud_otp_set_encode(&e, in + 100, 100, &len), GOST_ERR_INVALID_ARGUMENT,
                     "case %zu", i);
        cr_assert_eq(cloud_otp_stored_encode(&e, in + 100, 100, &len), GOST_ERR_INVALID_ARGUMENT);
    }
}

Test(cloud_account, otp_truncated_and_overlong)
{
    uint8_t enc[CLOUD_OTP_STORED_MAX + 1], out[CLOUD_OTP_STORED_MAX + 1];
    size_t n, sn, len;
    struct cloud_otp o = otp(CLOUD_OTP_TOTP, 8, 30, 32), back;
    o.next = 12345;
    cr_assert_eq(cloud_otp_set_encode(&o, enc, sizeof enc, &n), GOST_OK);
    for (size_t l = 0; l < n; l++)
        cr_assert_eq(cloud_otp_set_decode(enc, l, &back), GOST_ERR_DECODE, "len %zu", l);
    enc[n] = 0;
    cr_assert_eq(cloud_otp_set_decode(enc, n + 1, &back), GOST_ERR_DECODE);
    /* secret_len one off either way against the payload length */
    enc[4] = 31;
    cr_assert_eq(cloud_otp_set_decode(enc, n, &back), GOST_ERR_DECODE);
    enc[4] = 33;
    cr_assert_eq(cloud_otp_set_decode(enc, n, &back), GOST_ERR_DECODE);

    cr_assert_eq(cloud_otp_stored_encode(&o, enc, sizeof enc, &sn), GOST_OK);
    cr_assert_eq(sn, n + 8);
    for (size_t l = 0; l < sn; l++)
        cr_assert_eq(cloud_otp_stored_decode(enc, l, &back), GOST_ERR_DECODE, "stored len %zu", l);
    enc[sn] = 0;
    cr_assert_eq(cloud_otp_stored_decode(enc, sn + 1, &back), GOST_ERR_DECODE);

    /* output buffers one byte short of every size: nothing written */
    for (size_t cap = 0; cap < n; cap++) {
        memset(out, 0xee, sizeof out);
        cr_assert_eq(cloud_otp_set_encode(&o, out, cap, &len), GOST_ERR_BUFFER_TOO_SMALL);
        cr_assert_eq(out[0], 0xee);
    }
    for (size_t cap = 0; cap < sn; cap++)
        cr_assert_eq(cloud_otp_stored_encode(&o, out, cap, &len), GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(cloud_otp_set_encode(NULL, out, sizeof out, &len), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_otp_set_encode(&o, NULL, sizeof out, &len), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_otp_set_encode(&o, out, sizeof out, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_otp_set_decode(NULL, 5, &back), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_otp_set_decode(enc, n, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_otp_stored_decode(NULL, sn, &back), GOST_ERR_INVALID_ARGUMENT);
}

/* The server's counter rules (docs/cloud-protocol.md "One-time passwords"). */
Test(cloud_account, otp_counter_rules)
{
    struct cloud_otp h = otp(CLOUD_OTP_HOTP, 8, 0, 16), t = otp(CLOUD_OTP_TOTP, 8, 30, 16);
    h.next = 100;
    cr_assert_not(cloud_otp_counter_ok(&h, 99, 0));
    cr_assert(cloud_otp_counter_ok(&h, 100, 0));
    cr_assert(cloud_otp_counter_ok(&h, 100 + CLOUD_OTP_HOTP_WINDOW - 1, 0));
    cr_assert_not(cloud_otp_counter_ok(&h, 100 + CLOUD_OTP_HOTP_WINDOW, 0));
    t.next = 1000;
    cr_assert(cloud_otp_counter_ok(&t, 1000, 1000));
    cr_assert(cloud_otp_counter_ok(&t, 1000, 1001));
    cr_assert(cloud_otp_counter_ok(&t, 1001, 1000));
    cr_assert_not(cloud_otp_counter_ok(&t, 1000, 1002));
    cr_assert_not(cloud_otp_counter_ok(&t, 1002, 1000));
    cr_assert_not(cloud_otp_counter_ok(&t, 999, 1000)); /* below next, even in the skew */
    cr_assert_not(cloud_otp_counter_ok(NULL, 1000, 1000));
}

/* STATUS, LOG, RECREATE, UNREGISTER: empty requests. */
Test(cloud_account, empty_requests)
{
    static const uint8_t types[] = {CLOUD_MSG_STATUS, CLOUD_MSG_LOG, CLOUD_MSG_RECREATE,
                                    CLOUD_MSG_UNREGISTER};
    cr_assert_eq(CLOUD_MSG_STATUS, 0x10);
    cr_assert_eq(CLOUD_MSG_LOG, 0x11);
    cr_assert_eq(CLOUD_MSG_CHANGE_PW, 0x12);
    cr_assert_eq(CLOUD_MSG_RECREATE, 0x13);
    cr_assert_eq(CLOUD_MSG_UNREGISTER, 0x14);
    cr_assert_eq(CLOUD_MSG_OTP_SET, 0x15);
    uint8_t junk[8] = {0};
    struct cloud_account_req req;
    for (size_t i = 0; i < sizeof types; i++) {
        cr_assert_eq(cloud_account_request_decode(types[i], NULL, 0, &req), GOST_OK);
        cr_assert_eq(req.type, types[i]);
        cr_assert_eq(cloud_account_request_decode(types[i], junk, 0, &req), GOST_OK);
        for (size_t l = 1; l <= sizeof junk; l++) {
            cr_assert_eq(cloud_account_request_decode(types[i], junk, l, &req), GOST_ERR_DECODE);
            cr_assert_eq(req.type, types[i]);
        }
    }
}

static void make_record(uint8_t enc[GOST_SESPAKE_RECORD_SIZE])
{
    uint8_t salt[32];
    gost_sespake_record rec;
    for (size_t i = 0; i < sizeof salt; i++)
        salt[i] = (uint8_t)(i + 1);
    cr_assert_eq(gost_sespake_record_create(&rec, GOST_CURVE_256_A, 1, "new pw", 6, salt, 32, NULL),
                 GOST_OK);
    cr_assert_eq(gost_sespake_record_encode(&rec, enc), GOST_OK);
}

/* CHANGE_PW: a whole verifier record, version 01 | set | ind | salt_len |
 * salt (64) | Q_PW (128) | six 4-byte counters = 220 bytes. */
Test(cloud_account, change_pw_request)
{
    uint8_t enc[GOST_SESPAKE_RECORD_SIZE + 1], back[GOST_SESPAKE_RECORD_SIZE];
    struct cloud_account_req req;
    make_record(enc);
    cr_assert_eq(GOST_SESPAKE_RECORD_SIZE, 220);
    cr_assert(enc[0] == 1 && enc[1] == 1 && enc[2] == 1 && enc[3] == 32);
    cr_assert_eq(enc[4], 1); /* the salt */
    cr_assert(is_zero(enc + 4 + 32, 32), "salt padding");
    cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_CHANGE_PW, enc, GOST_SESPAKE_RECORD_SIZE, &req),
                 GOST_OK);
    cr_assert_eq(req.type, CLOUD_MSG_CHANGE_PW);
    cr_assert_eq(req.rec.set, 1);
    cr_assert_eq(req.rec.salt_len, 32);
    cr_assert_eq(gost_sespake_record_encode(&req.rec, back), GOST_OK);
    cr_assert_eq(memcmp(back, enc, GOST_SESPAKE_RECORD_SIZE), 0);
    cloud_account_request_wipe(&req);
    cr_assert(is_zero(&req, sizeof req), "request not wiped");

    for (size_t l = 0; l < GOST_SESPAKE_RECORD_SIZE; l++)
        cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_CHANGE_PW, enc, l, &req), GOST_ERR_DECODE,
                     "len %zu", l);
    enc[GOST_SESPAKE_RECORD_SIZE] = 0;
    cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_CHANGE_PW, enc, sizeof enc, &req),
                 GOST_ERR_DECODE);
    /* bad fields: version, parameter set, ind, salt length, a point off the curve */
    static const size_t pos[] = {0, 1, 2, 3, 4 + 64 + 5};
    static const uint8_t val[] = {2, 0, 0, 200, 0x55};
    for (size_t i = 0; i < sizeof pos / sizeof pos[0]; i++) {
        make_record(enc);
        enc[pos[i]] ^= val[i] == 0 ? enc[pos[i]] : val[i];
        cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_CHANGE_PW, enc, GOST_SESPAKE_RECORD_SIZE,
                                                  &req),
                     GOST_ERR_DECODE, "field at %zu", pos[i]);
    }
}

Test(cloud_account, otp_set_request)
{
    uint8_t enc[CLOUD_OTP_SET_MAX];
    size_t n;
    struct cloud_account_req req;
    struct cloud_otp o = otp(CLOUD_OTP_HOTP, 8, 0, 20);
    cr_assert_eq(cloud_otp_set_encode(&o, enc, sizeof enc, &n), GOST_OK);
    cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_OTP_SET, enc, n, &req), GOST_OK);
    cr_assert_eq(req.type, CLOUD_MSG_OTP_SET);
    cr_assert_eq(memcmp(&req.otp, &o, sizeof o), 0);
    for (size_t l = 0; l < n; l++)
        cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_OTP_SET, enc, l, &req), GOST_ERR_DECODE);
    enc[1] = 11;
    cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_OTP_SET, enc, n, &req), GOST_ERR_DECODE);
}

Test(cloud_account, unknown_types_and_arguments)
{
    static const uint8_t others[] = {0x00, CLOUD_MSG_PKCS11, 0x0f, 0x16, 0x20,
                                     CLOUD_MSG_ERROR, CLOUD_MSG_CLOSE, 0x80, 0xff};
    uint8_t b[4] = {0};
    struct cloud_account_req req;
    for (size_t i = 0; i < sizeof others; i++) {
        cr_assert_eq(cloud_account_request_decode(others[i], NULL, 0, &req), GOST_ERR_UNSUPPORTED,
                     "type %#x", others[i]);
        cr_assert_eq(cloud_account_request_decode(others[i], b, sizeof b, &req), GOST_ERR_UNSUPPORTED);
    }
    cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_STATUS, NULL, 1, &req),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_account_request_decode(CLOUD_MSG_STATUS, b, 0, NULL), GOST_ERR_INVALID_ARGUMENT);
    cloud_account_request_wipe(NULL); /* allowed */
}

/* Responses: [rc]_4 two's complement | data. */
Test(cloud_account, reply_known_encodings)
{
    uint8_t out[16];
    size_t len;
    static const uint8_t ok[] = {0, 0, 0, 0, 'o', 'k'};
    static const uint8_t decode_err[] = {0xff, 0xff, 0xff, 0xf4};   /* -12 */
    static const uint8_t internal[] = {0xff, 0xff, 0xff, 0xef, 7}; /* -17 | 07 */
    cr_assert_eq(cloud_account_reply_encode(GOST_OK, "ok", 2, out, sizeof out, &len), GOST_OK);
    cr_assert(len == sizeof ok && memcmp(out, ok, len) == 0);
    cr_assert_eq(cloud_account_reply_encode(GOST_ERR_DECODE, NULL, 0, out, sizeof out, &len), GOST_OK);
    cr_assert(len == 4 && memcmp(out, decode_err, 4) == 0);
    cr_assert_eq(cloud_account_reply_encode(GOST_ERR_INTERNAL, "\x07", 1, out, sizeof out, &len),
                 GOST_OK);
    cr_assert(len == 5 && memcmp(out, internal, 5) == 0);

    int rc;
    const uint8_t *data;
    size_t n;
    cr_assert_eq(cloud_account_reply_decode(ok, sizeof ok, &rc, &data, &n), GOST_OK);
    cr_assert(rc == 0 && n == 2 && data == ok + 4);
    cr_assert_eq(cloud_account_reply_decode(decode_err, 4, &rc, &data, &n), GOST_OK);
    cr_assert(rc == GOST_ERR_DECODE && n == 0);
    cr_assert_eq(cloud_account_reply_decode(internal, 5, &rc, &data, &n), GOST_OK);
    cr_assert(rc == GOST_ERR_INTERNAL && n == 1 && data[0] == 7);
}

Test(cloud_account, reply_round_trips_and_errors)
{
    uint8_t out[64], data[40];
    size_t len, n;
    int rc;
    const uint8_t *d;
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(3 * i + 1);
    for (int code = GOST_OK; code >= GOST_ERR_INTERNAL; code--)
        for (size_t dn = 0; dn <= sizeof data; dn += 13) {
            cr_assert_eq(cloud_account_reply_encode(code, data, dn, out, sizeof out, &len), GOST_OK);
            cr_assert_eq(len, 4 + dn);
            cr_assert_eq(cloud_account_reply_decode(out, len, &rc, &d, &n), GOST_OK);
            cr_assert(rc == code && n == dn && memcmp(d, data, dn) == 0, "rc %d, %zu bytes", code, dn);
        }
    /* in place: the data already after the 4 bytes of rc */
    memcpy(out + 4, "status", 6);
    cr_assert_eq(cloud_account_reply_encode(GOST_OK, out + 4, 6, out, sizeof out, &len), GOST_OK);
    cr_assert(len == 10 && memcmp(out + 4, "status", 6) == 0);

    /* truncated: fewer than 4 bytes */
    for (size_t l = 0; l < 4; l++)
        cr_assert_eq(cloud_account_reply_decode(out, l, &rc, &d, &n), GOST_ERR_DECODE);
    /* codes that are no answer: positive, or below GOST_ERR_INTERNAL */
    static const uint8_t bad[][4] = {{0, 0, 0, 1},       {0x7f, 0xff, 0xff, 0xff},
                                     {0xff, 0xff, 0xff, 0xee}, {0x80, 0, 0, 0}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(cloud_account_reply_decode(bad[i], 4, &rc, &d, &n), GOST_ERR_DECODE, "case %zu", i);
    /* output too small for rc, or for rc and the data */
    for (size_t cap = 0; cap < 4 + 6; cap++)
        cr_assert_eq(cloud_account_reply_encode(GOST_OK, data, 6, out, cap, &len),
                     GOST_ERR_BUFFER_TOO_SMALL, "cap %zu", cap);
    cr_assert_eq(cloud_account_reply_encode(GOST_OK, data, SIZE_MAX, out, sizeof out, &len),
                 GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(cloud_account_reply_encode(GOST_OK, NULL, 1, out, sizeof out, &len),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_account_reply_encode(GOST_OK, data, 1, NULL, sizeof out, &len),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_account_reply_encode(GOST_OK, data, 1, out, sizeof out, NULL),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_account_reply_decode(NULL, 4, &rc, &d, &n), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_account_reply_decode(out, 4, NULL, &d, &n), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_account_reply_decode(out, 4, &rc, NULL, &n), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(cloud_account_reply_decode(out, 4, &rc, &d, NULL), GOST_ERR_INVALID_ARGUMENT);
}
