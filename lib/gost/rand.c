/* gost_random_bytes: getrandom(2), retried on EINTR and short reads. */
#include <errno.h>
#include <sys/random.h>

#include "gost/errors.h"
#include "gost/rand.h"
#include "gost/util.h"

int gost_random_bytes(void *out, size_t n)
{
    unsigned char *p = out;
    size_t done = 0;
    if (out == NULL && n > 0)
        return GOST_ERR_INVALID_ARGUMENT;
    while (done < n) {
        /* getrandom returns at most 32 MiB per call; ask in pieces */
        size_t want = n - done > 65536 ? 65536 : n - done;
        ssize_t got = getrandom(p + done, want, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            gost_wipe(out, n);
            return GOST_ERR_RNG;
        }
        done += (size_t)got;
    }
    return GOST_OK;
}
