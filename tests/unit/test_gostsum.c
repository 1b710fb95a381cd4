/* gostsum's digest-line parser (tools/gostsum/sumline.c): the lines
 * sha256sum-style lists hold, and the ones -c must refuse. The tool as a
 * whole is checked against openssl dgst by tests/clients/gostsum.sh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../../tools/gostsum/sumline.c"

static const char h64[] = "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500";

Test(gostsum, parses_text_and_binary_lines)
{
    char line[300];
    size_t size, hl;
    const char *name;
    snprintf(line, sizeof line, "%s  file name.txt", h64);
    cr_assert_eq(sumline_parse(line, &size, &hl, &name), 0);
    cr_expect_eq(size, 32);
    cr_expect_eq(hl, 64);
    cr_expect_str_eq(name, "file name.txt");
    snprintf(line, sizeof line, "%s%s *-", h64, h64);
    cr_assert_eq(sumline_parse(line, &size, &hl, &name), 0);
    cr_expect_eq(size, 64);
    cr_expect_str_eq(name, "-");
}

Test(gostsum, refuses_other_lines)
{
    char line[300];
    size_t size, hl;
    const char *name;
    static const char *const bad[] = {"", "abc  x", "zz", "  name"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(sumline_parse(bad[i], &size, &hl, &name), -1, "accepted '%s'", bad[i]);
    snprintf(line, sizeof line, "%.63s  x", h64); /* 63 digits */
    cr_expect_eq(sumline_parse(line, &size, &hl, &name), -1);
    snprintf(line, sizeof line, "%s0  x", h64); /* 65 digits */
    cr_expect_eq(sumline_parse(line, &size, &hl, &name), -1);
    snprintf(line, sizeof line, "%s  ", h64); /* no name */
    cr_expect_eq(sumline_parse(line, &size, &hl, &name), -1);
    snprintf(line, sizeof line, "%s x", h64); /* one space */
    cr_expect_eq(sumline_parse(line, &size, &hl, &name), -1);
    snprintf(line, sizeof line, "%s\tx", h64);
    cr_expect_eq(sumline_parse(line, &size, &hl, &name), -1);
}
