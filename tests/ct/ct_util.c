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
