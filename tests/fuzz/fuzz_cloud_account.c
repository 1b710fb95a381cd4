/* The cloud channel's new parsers on any bytes: OPEN (cloud_open_decode),
 * the account requests the server decodes (cloud_account_request_decode,
 * first byte = frame type), the replies the utility decodes and the
 * server's stored OTP state. Whatever decodes must re-encode to the same
 * bytes; nothing may crash or read out of bounds. */
#include <string.h>

#include "cloud/cloud_account.h"
#include "cloud/cloud_channel.h"
#include "cloud/cloud_frame.h"
#include "fuzz.h"
#include "gost/errors.h"

FUZZ_HARNESS(cloud_account)
{
    if (size == 0)
        return;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    uint8_t out[CLOUD_OPEN_MAX + CLOUD_OTP_STORED_MAX + GOST_SESPAKE_RECORD_SIZE];
    size_t on;
    int rc;
    switch (data[0] & 3) {
    case 0: {
        struct cloud_open o;
        rc = cloud_open_decode(p, n, &o);
        FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE);
        if (rc == GOST_OK) {
            FUZZ_CHECK(cloud_open_encode(&o, out, sizeof out, &on) == GOST_OK);
            /* the suite byte is optional on input, always written on output */
            FUZZ_CHECK(on >= n && memcmp(out, p, n) == 0);
        }
        break;
    }
    case 1: {
        static struct cloud_account_req r;
        uint8_t type = n ? p[0] : 0;
        rc = cloud_account_request_decode(type, n ? p + 1 : NULL, n ? n - 1 : 0, &r);
        FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED);
        if (rc == GOST_OK && type == CLOUD_MSG_OTP_SET) {
            FUZZ_CHECK(cloud_otp_set_encode(&r.otp, out, sizeof out, &on) == GOST_OK);
            FUZZ_CHECK(on == n - 1 && memcmp(out, p + 1, on) == 0);
        }
        if (rc == GOST_OK && type == CLOUD_MSG_CHANGE_PW) {
            FUZZ_CHECK(gost_sespake_record_encode(&r.rec, out) == GOST_OK);
            FUZZ_CHECK(memcmp(out, p + 1, GOST_SESPAKE_RECORD_SIZE) == 0);
        }
        cloud_account_request_wipe(&r);
        break;
    }
    case 2: {
        int code;
        const uint8_t *d;
        size_t dn;
        rc = cloud_account_reply_decode(p, n, &code, &d, &dn);
        FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE);
        if (rc == GOST_OK)
            FUZZ_CHECK(code <= 0 && d == p + 4 && dn == n - 4);
        break;
    }
    default: {
        struct cloud_otp o;
        rc = cloud_otp_stored_decode(p, n, &o);
        FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE);
        if (rc == GOST_OK) {
            FUZZ_CHECK(cloud_otp_stored_encode(&o, out, sizeof out, &on) == GOST_OK);
            FUZZ_CHECK(on == n && memcmp(out, p, n) == 0);
            (void)cloud_otp_counter_ok(&o, o.next + (n & 15), o.next);
        }
        break;
    }
    }
}
