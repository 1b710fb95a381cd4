#include <criterion/criterion.h>
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
