/* Streebog on arbitrary input split at arbitrary points: the constant-time
 * and table paths and the one-shot functions all agree. The first two bytes
 * choose the split points. */
#include <string.h>

#include "fuzz.h"
#include "gost/streebog.h"

FUZZ_HARNESS(streebog_stream)
{
    if (size < 2)
        return;
    size_t size_sel = data[0] & 1 ? 64 : 32;
    size_t len = size - 2;
    const uint8_t *msg = data + 2;
    size_t a = len ? data[0] % (len + 1) : 0, b = len ? data[1] % (len + 1) : 0;
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    uint8_t one[64], ct[64], pub[64];
    FUZZ_CHECK((size_sel == 32 ? gost_streebog256(msg, len, one) : gost_streebog512(msg, len, one)) == 0);
    for (int p = 0; p < 2; p++) {
        gost_streebog_ctx c;
        FUZZ_CHECK((p ? gost_streebog_public_init(&c, size_sel) : gost_streebog_init(&c, size_sel)) == 0);
        FUZZ_CHECK(gost_streebog_update(&c, msg, a) == 0);
        FUZZ_CHECK(gost_streebog_update(&c, msg + a, b - a) == 0);
        FUZZ_CHECK(gost_streebog_update(&c, msg + b, len - b) == 0);
        FUZZ_CHECK(gost_streebog_final(&c, p ? pub : ct) == 0);
    }
    FUZZ_CHECK(memcmp(one, ct, size_sel) == 0);
    FUZZ_CHECK(memcmp(one, pub, size_sel) == 0);
}
