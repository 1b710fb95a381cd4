/* The cloud client's text parsers on any bytes: the settings file
 * (cloud_conf_parse) and the one-time-password line (cloud_otp_parse). The
 * first byte selects the parser. What parses must be self-consistent, and
 * an OTP line rebuilt from what was parsed must parse to the same thing. */
#include <stdio.h>
#include <string.h>

#include "cloud/cloud_account.h"
#include "cloud/cloud_conf.h"
#include "gost/errors.h"
#include "gost/otp.h"
#include "fuzz.h"

static void check_conf(const uint8_t *data, size_t size)
{
    struct cloud_conf c;
    if (cloud_conf_parse((const char *)data, size, &c) != GOST_OK)
        return;
    FUZZ_CHECK(c.host[0] != 0 && c.user[0] != 0);
    FUZZ_CHECK(memchr(c.host, 0, sizeof c.host) && memchr(c.port, 0, sizeof c.port));
    FUZZ_CHECK(memchr(c.user, 0, sizeof c.user) && memchr(c.password_file, 0, sizeof c.password_file));
    FUZZ_CHECK(memchr(c.otp_file, 0, sizeof c.otp_file) != NULL);
}

static void check_otp(const uint8_t *data, size_t size)
{
    char text[300], again[300];
    struct cloud_otp o, back;
    unsigned long long number, number2;
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = 0;
    if (cloud_otp_parse(text, &o, &number) != GOST_OK)
        return;
    FUZZ_CHECK(o.mode == CLOUD_OTP_HOTP || o.mode == CLOUD_OTP_TOTP);
    FUZZ_CHECK(o.digits >= GOST_OTP_DIGITS_MIN && o.digits <= GOST_OTP_DIGITS_MAX);
    FUZZ_CHECK(o.secret_len >= CLOUD_OTP_SECRET_MIN && o.secret_len <= CLOUD_OTP_SECRET_MAX);
    int k = snprintf(again, sizeof again, "%s %u %llu ", o.mode == CLOUD_OTP_TOTP ? "totp" : "hotp",
                     o.digits, number);
    for (size_t i = 0; i < o.secret_len; i++)
        k += snprintf(again + k, sizeof again - (size_t)k, "%02X", o.secret[i]);
    FUZZ_CHECK(cloud_otp_parse(again, &back, &number2) == GOST_OK);
    FUZZ_CHECK(number2 == number && back.mode == o.mode && back.digits == o.digits &&
               back.period == o.period && back.secret_len == o.secret_len &&
               memcmp(back.secret, o.secret, o.secret_len) == 0);
}

FUZZ_HARNESS(cloud_conf)
{
    if (size == 0)
        return;
    if (data[0] & 1)
        check_otp(data + 1, size - 1);
    else
        check_conf(data + 1, size - 1);
}
