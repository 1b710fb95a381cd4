#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gost/errors.h"
#include "gost/util.h"

Test(util, ct_equal)
{
    uint8_t a[33], b[33];
    for (int i = 0; i < 33; i++)
        a[i] = b[i] = (uint8_t)(i * 7);
    cr_expect_eq(gost_ct_equal(a, b, sizeof a), 1);
    cr_expect_eq(gost_ct_equal(a, b, 0), 1);
    for (int i = 0; i < 33; i++) {
        b[i] ^= 0x80;
        cr_expect_eq(gost_ct_equal(a, b, sizeof a), 0, "difference at %d missed", i);
        b[i] ^= 0x80;
    }
}

Test(util, wipe)
{
    uint8_t a[40];
    memset(a, 0xa5, sizeof a);
    gost_wipe(a + 1, 38);
    cr_expect_eq(a[0], 0xa5);
    cr_expect_eq(a[39], 0xa5);
    for (int i = 1; i < 39; i++)
        cr_expect_eq(a[i], 0);
    gost_wipe(NULL, 0);
}

Test(util, strerror_names_every_code)
{
    for (int c = GOST_OK; c >= GOST_ERR_INTERNAL; c--)
        cr_expect_neq(strcmp(gost_strerror(c), "unknown error"), 0, "code %d has no name", c);
    cr_expect_str_eq(gost_strerror(1), "unknown error");
}

/* Every byte value through both cases of its hex, against snprintf's. */
Test(util, hex_decode_every_byte_both_cases)
{
    char lower[512 + 1], upper[512 + 1];
    uint8_t out[256];
    size_t len = 0;
    for (int i = 0; i < 256; i++) {
        snprintf(lower + 2 * i, 3, "%02x", i);
        snprintf(upper + 2 * i, 3, "%02X", i);
    }
    cr_assert_eq(gost_hex_decode(out, sizeof out, &len, lower, 512), GOST_OK);
    cr_assert_eq(len, 256);
    for (int i = 0; i < 256; i++)
        cr_assert_eq(out[i], i);
    memset(out, 0, sizeof out);
    cr_assert_eq(gost_hex_decode(out, sizeof out, &len, upper, 512), GOST_OK);
    for (int i = 0; i < 256; i++)
        cr_assert_eq(out[i], i);
}

/* Each character that is not a hex digit is refused, wherever it stands,
 * and nothing half-decoded is left in out. */
Test(util, hex_decode_refuses_non_digits)
{
    for (int c = 0; c < 256; c++) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            continue;
        for (int at = 0; at < 4; at++) {
            char hex[4] = {'a', 'b', 'c', 'd'};
            uint8_t out[2] = {0, 0};
            size_t len = 99;
            hex[at] = (char)c;
            cr_assert_eq(gost_hex_decode(out, sizeof out, &len, hex, 4), GOST_ERR_DECODE, "c=%d", c);
            cr_assert(out[0] == 0 && out[1] == 0 && len == 99);
        }
    }
}

Test(util, hex_decode_lengths_and_arguments)
{
    uint8_t out[2];
    size_t len = 0;
    cr_assert_eq(gost_hex_decode(out, sizeof out, &len, "abc", 3), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_hex_decode(out, sizeof out, &len, "abcdef", 6), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_hex_decode(out, sizeof out, &len, "", 0), GOST_OK);
    cr_assert_eq(len, 0);
    cr_assert_eq(gost_hex_decode(out, sizeof out, NULL, "ab", 2), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_hex_decode(out, sizeof out, &len, NULL, 2), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_hex_decode(NULL, 1, &len, "ab", 2), GOST_ERR_INVALID_ARGUMENT);
}
