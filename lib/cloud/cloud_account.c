/* Codec of the account messages (cloud_account.h, docs/cloud-protocol.md
 * "Account messages") and the server's one-time-password rules. */
#include <gost/errors.h>
#include <gost/otp.h>
#include <gost/util.h>
#include <string.h>
#include "cloud_account.h"
#include "cloud_frame.h"

static int otp_fields_ok(const struct cloud_otp *o)
{
    int mode_ok = (o->mode == CLOUD_OTP_HOTP && o->period == 0) ||
                  (o->mode == CLOUD_OTP_TOTP && o->period >= 1 && o->period <= 3600);
    return mode_ok && o->digits >= GOST_OTP_DIGITS_MIN && o->digits <= GOST_OTP_DIGITS_MAX &&
           o->secret_len >= CLOUD_OTP_SECRET_MIN && o->secret_len <= CLOUD_OTP_SECRET_MAX;
}

int cloud_otp_set_encode(const struct cloud_otp *o, uint8_t *out, size_t cap, size_t *len)
{
    if (o == NULL || out == NULL || len == NULL || !otp_fields_ok(o))
        return GOST_ERR_INVALID_ARGUMENT;
    size_t n = 5u + o->secret_len;
    if (cap < n)
        return GOST_ERR_BUFFER_TOO_SMALL;
    out[0] = o->mode;
    out[1] = o->digits;
    out[2] = (uint8_t)(o->period >> 8);
    out[3] = (uint8_t)o->period;
    out[4] = o->secret_len;
    memcpy(out + 5, o->secret, o->secret_len);
    *len = n;
    return GOST_OK;
}

int cloud_otp_set_decode(const uint8_t *in, size_t len, struct cloud_otp *o)
{
    if (in == NULL || o == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(o, 0, sizeof *o);
    if (len < 5 || len != 5u + in[4])
        return GOST_ERR_DECODE;
    o->mode = in[0];
    o->digits = in[1];
    o->period = (uint16_t)(in[2] << 8 | in[3]);
    o->secret_len = in[4];
    if (!otp_fields_ok(o)) {
        memset(o, 0, sizeof *o);
        return GOST_ERR_DECODE;
    }
    memcpy(o->secret, in + 5, o->secret_len);
    return GOST_OK;
}

int cloud_otp_stored_encode(const struct cloud_otp *o, uint8_t *out, size_t cap, size_t *len)
{
    size_t n;
    int rc = cloud_otp_set_encode(o, out, cap, &n);
    if (rc != GOST_OK)
        return rc;
    if (cap < n + 8)
        return GOST_ERR_BUFFER_TOO_SMALL;
    for (int i = 7; i >= 0; i--)
        out[n + (size_t)(7 - i)] = (uint8_t)(o->next >> (8 * i));
    *len = n + 8;
    return GOST_OK;
}

int cloud_otp_stored_decode(const uint8_t *in, size_t len, struct cloud_otp *o)
{
    if (in == NULL || o == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (len < 8)
        return GOST_ERR_DECODE;
    int rc = cloud_otp_set_decode(in, len - 8, o);
    if (rc != GOST_OK)
        return rc;
    for (size_t i = len - 8; i < len; i++)
        o->next = o->next << 8 | in[i];
    return GOST_OK;
}

int cloud_otp_counter_ok(const struct cloud_otp *o, uint64_t counter, uint64_t now_step)
{
    if (o == NULL || counter < o->next)
        return 0; /* a counter already used (or skipped) never comes back */
    if (o->mode == CLOUD_OTP_TOTP)
        return counter + CLOUD_OTP_TOTP_SKEW >= now_step && counter <= now_step + CLOUD_OTP_TOTP_SKEW;
    return counter - o->next < CLOUD_OTP_HOTP_WINDOW;
}

int cloud_otp_password(const struct cloud_otp *o, uint64_t counter, char pw[10])
{
    uint32_t code;
    if (o == NULL || pw == NULL || !otp_fields_ok(o))
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_hotp_streebog(32, o->secret, o->secret_len, counter, o->digits, &code);
    if (rc == GOST_OK)
        rc = gost_otp_format(code, o->digits, pw);
    gost_wipe(&code, sizeof code);
    return rc;
}

int cloud_account_request_decode(uint8_t type, const uint8_t *in, size_t len,
                                 struct cloud_account_req *req)
{
    if (req == NULL || (in == NULL && len))
        return GOST_ERR_INVALID_ARGUMENT;
    memset(req, 0, sizeof *req);
    req->type = type;
    switch (type) {
    case CLOUD_MSG_STATUS:
    case CLOUD_MSG_LOG:
    case CLOUD_MSG_RECREATE:
    case CLOUD_MSG_UNREGISTER:
        return len == 0 ? GOST_OK : GOST_ERR_DECODE;
    case CLOUD_MSG_CHANGE_PW:
        if (len != GOST_SESPAKE_RECORD_SIZE)
            return GOST_ERR_DECODE;
        return gost_sespake_record_decode(&req->rec, in, len) == GOST_OK ? GOST_OK : GOST_ERR_DECODE;
    case CLOUD_MSG_OTP_SET:
        return cloud_otp_set_decode(in, len, &req->otp);
    default:
        return GOST_ERR_UNSUPPORTED;
    }
}

void cloud_account_request_wipe(struct cloud_account_req *req)
{
    if (req != NULL)
        gost_wipe(req, sizeof *req);
}

int cloud_account_reply_encode(int rc, const void *data, size_t n, uint8_t *out, size_t cap,
                               size_t *len)
{
    if (out == NULL || len == NULL || (data == NULL && n))
        return GOST_ERR_INVALID_ARGUMENT;
    if (cap < 4 || n > cap - 4)
        return GOST_ERR_BUFFER_TOO_SMALL;
    uint32_t u = (uint32_t)rc;
    out[0] = (uint8_t)(u >> 24);
    out[1] = (uint8_t)(u >> 16);
    out[2] = (uint8_t)(u >> 8);
    out[3] = (uint8_t)u;
    if (n)
        memmove(out + 4, data, n);
    *len = 4 + n;
    return GOST_OK;
}

int cloud_account_reply_decode(const uint8_t *in, size_t len, int *rc, const uint8_t **data,
                               size_t *n)
{
    if (in == NULL || rc == NULL || data == NULL || n == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (len < 4)
        return GOST_ERR_DECODE;
    uint32_t u = (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 | (uint32_t)in[2] << 8 | in[3];
    int32_t v = (int32_t)u;
    /* Only 0 and the library's codes are meaningful answers. */
    if (v > 0 || v < GOST_ERR_INTERNAL)
        return GOST_ERR_DECODE;
    *rc = (int)v;
    *data = in + 4;
    *n = len - 4;
    return GOST_OK;
}
