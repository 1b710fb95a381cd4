/* Cases that MUST be reported: they show that the constant-time check sees
 * a secret-indexed table load, so its silence on the real cases means
 * something. make check runs them by name and fails if valgrind is quiet. */
#include <string.h>

#include "ct.h"
#include "gost/streebog.h"

/* The table path of Streebog on a secret: its first LPS loads
 * gost_streebog_T[j][secret byte]. Keyed code must never do this. */
CT_CASE(leak_demo_streebog_public_on_secret)
{
    uint8_t msg[64], d[32];
    memset(msg, 0x77, sizeof msg);
    CT_SECRET(msg, sizeof msg);
    gost_streebog256_public(msg, sizeof msg, d);
    CT_PUBLIC(d, sizeof d);
}
