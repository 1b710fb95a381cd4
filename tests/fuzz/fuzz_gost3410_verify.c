/* Random public keys and signatures into public-key import and
 * verification: every input must be rejected cleanly with a documented
 * code (or accepted, if it is genuinely valid), never crash or read out of
 * bounds. Input: curve selector byte, then X || Y, then s || r, then the
 * digest (missing bytes are zero). A key that imports must re-encode to the
 * same bytes. */
#include <string.h>

#include "fuzz.h"
#include "gost/gost3410.h"
#include "gost/internal/ec.h"

FUZZ_HARNESS(gost3410_verify)
{
    uint8_t buf[1 + 128 + 128 + 64] = {0};
    memcpy(buf, data, size < sizeof buf ? size : sizeof buf);
    enum gost_curve c = (enum gost_curve)(buf[0] % GOST_CURVE_COUNT);
    size_t n = gost_curve_size(c);
    const uint8_t *pub = buf + 1, *sig = pub + 2 * n, *dg = sig + 2 * n;

    int rc = gost_3410_check_public_key(c, pub);
    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_BAD_POINT);
    if (rc == GOST_OK) {
        ec_point p;
        uint8_t again[128];
        FUZZ_CHECK(ec_point_decode(c, &p, pub) == GOST_OK);
        FUZZ_CHECK(ec_point_encode(c, again, &p) == GOST_OK);
        FUZZ_CHECK(memcmp(again, pub, 2 * n) == 0);
    }
    int vr = gost_3410_verify_digest(c, pub, dg, n, sig);
    FUZZ_CHECK(vr == GOST_OK || vr == GOST_ERR_AUTH || vr == GOST_ERR_BAD_POINT ||
               vr == GOST_ERR_BAD_SIGNATURE);
    if (rc != GOST_OK)
        FUZZ_CHECK(vr == GOST_ERR_BAD_POINT || vr == GOST_ERR_BAD_SIGNATURE);
    FUZZ_CHECK(gost_3410_verify_digest(c, pub, dg, n + 1, sig) == GOST_ERR_BAD_LENGTH);
}
