/* The client's OTP secret file (lib/cloud/cloud_conf.c): what
 * cloud_otp_file_write puts there reads back, HOTP spends its counter, and
 * malformed secrets (odd digits, non-hex characters, too short, too long,
 * trailing text) are refused with GOST_ERR_DECODE. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cloud/cloud_account.h"
#include "cloud/cloud_conf.h"
#include "gost/errors.h"

static char path[64];

static void make_path(void)
{
    char dir[] = "/tmp/gost-otp-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/otp", dir);
}

static void remove_path(void)
{
    unlink(path);
    *strrchr(path, '/') = 0;
    rmdir(path);
}

static void write_text(const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

Test(cloud_otp_file, hotp_round_trip_spends_the_counter, .init = make_path, .fini = remove_path)
{
    struct cloud_otp o, back;
    unsigned long long counter = 0;
    memset(&o, 0, sizeof o);
    o.mode = CLOUD_OTP_HOTP, o.digits = 8, o.secret_len = 20;
    for (unsigned i = 0; i < o.secret_len; i++)
        o.secret[i] = (uint8_t)(0x9c + 13 * i);
    cr_assert_eq(cloud_otp_file_write(path, &o, 41), GOST_OK);
    cr_assert_eq(cloud_otp_file_read(path, &back, &counter), GOST_OK);
    cr_assert_eq(counter, 41);
    cr_assert_eq(back.mode, CLOUD_OTP_HOTP);
    cr_assert_eq(back.digits, 8);
    cr_assert_eq(back.secret_len, 20);
    cr_assert_arr_eq(back.secret, o.secret, 20);
    cr_assert_eq(cloud_otp_file_read(path, &back, &counter), GOST_OK);
    cr_assert_eq(counter, 42, "the file holds the next counter");
}

Test(cloud_otp_file, upper_case_totp_secret, .init = make_path, .fini = remove_path)
{
    struct cloud_otp o;
    unsigned long long counter = 0;
    write_text("totp 6 30 00112233445566778899AABBCCDDEEFF\n");
    cr_assert_eq(cloud_otp_file_read(path, &o, &counter), GOST_OK);
    cr_assert_eq(o.period, 30);
    cr_assert_eq(o.secret_len, 16);
    cr_assert_eq(o.secret[10], 0xaa);
    cr_assert_eq(o.secret[15], 0xff);
}

Test(cloud_otp_file, malformed_secrets_are_refused, .init = make_path, .fini = remove_path)
{
    static const char *const bad[] = {
        "hotp 6 1 00112233445566778899aabbccddeef\n",   /* odd digit count */
        "hotp 6 1 00112233445566778899aabbccddeeg0\n",  /* not hex */
        "hotp 6 1 00112233445566778899aabbccddee\n",    /* 15 bytes: too short */
        "hotp 6 1 00112233445566778899aabbccddeeff xx\n", /* trailing text */
        "hotp 6 1 \n",                                  /* no secret */
        "hotp 5 1 00112233445566778899aabbccddeeff\n",  /* 5 digits */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct cloud_otp o;
        unsigned long long counter = 0;
        write_text(bad[i]);
        cr_assert_eq(cloud_otp_file_read(path, &o, &counter), GOST_ERR_DECODE, "%s", bad[i]);
    }
    char big[256];
    int n = snprintf(big, sizeof big, "hotp 6 1 ");
    for (int i = 0; i < 65; i++)
        n += snprintf(big + n, sizeof big - (size_t)n, "ab");
    snprintf(big + n, sizeof big - (size_t)n, "\n");
    write_text(big);
    struct cloud_otp o;
    unsigned long long counter = 0;
    cr_assert_eq(cloud_otp_file_read(path, &o, &counter), GOST_ERR_DECODE, "65 bytes: too long");
}
