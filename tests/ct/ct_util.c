#include <stdint.h>
#include <string.h>

#include "ct.h"
#include "gost/util.h"

CT_CASE(util_ct_equal)
{
    unsigned char a[32], b[32];
    memset(a, 1, sizeof a);
    memset(b, 1, sizeof b);
    CT_SECRET(a, sizeof a);
    CT_SECRET(b, sizeof b);
    int eq = gost_ct_equal(a, b, sizeof a);
    CT_PUBLIC(&eq, sizeof eq);
    CT_CHECK(eq == 1);
}

/* A 32-byte secret in hex, both cases: no branch or index on the digits. */
CT_CASE(util_hex_decode)
{
    char hex[64];
    uint8_t out[32];
    size_t len = 0;
    for (size_t i = 0; i < sizeof hex; i++)
        hex[i] = "0123456789abcdefABCDEF"[(i * 7) % 22];
    CT_SECRET(hex, sizeof hex);
    int rc = gost_hex_decode(out, sizeof out, &len, hex, sizeof hex);
    CT_PUBLIC(&rc, sizeof rc);
    CT_PUBLIC(out, sizeof out);
    CT_CHECK(rc == 0 && len == 32);
}
