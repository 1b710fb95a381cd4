/* Wiping, constant-time comparison and error strings. */
#include <string.h>

#include "gost/errors.h"
#include "gost/util.h"

void gost_wipe(void *p, size_t n)
{
    if (n == 0)
        return;
    /* explicit_bzero is glibc's and the BSDs'; the barrier keeps other
     * compilers/libcs from treating the store as dead as well. */
    explicit_bzero(p, n);
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

int gost_ct_equal(const void *a, const void *b, size_t n)
{
    const volatile unsigned char *x = a, *y = b;
    unsigned int d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (unsigned int)(x[i] ^ y[i]);
    /* (d - 1) >> 8 is 1 exactly when d == 0, since d < 256. */
    return (int)(((d - 1u) >> 8) & 1u);
}

const char *gost_strerror(int code)
{
    switch (code) {
    case GOST_OK: return "success";
    case GOST_ERR_INVALID_ARGUMENT: return "invalid argument";
    case GOST_ERR_BAD_LENGTH: return "length not allowed";
    case GOST_ERR_BAD_STATE: return "call not allowed in this state";
    case GOST_ERR_AUTH: return "authentication failed";
    case GOST_ERR_BAD_KEY: return "invalid key";
    case GOST_ERR_BAD_POINT: return "invalid public point";
    case GOST_ERR_BAD_SIGNATURE: return "malformed signature";
    case GOST_ERR_RNG: return "random generator failed";
    case GOST_ERR_UNSUPPORTED: return "not supported";
    case GOST_ERR_BUFFER_TOO_SMALL: return "buffer too small";
    case GOST_ERR_LIMIT: return "usage limit reached";
    case GOST_ERR_DECODE: return "malformed encoding";
    case GOST_ERR_PASSWORD: return "wrong password";
    case GOST_ERR_LOCKED: return "locked after too many failures";
    case GOST_ERR_NO_MEMORY: return "out of memory";
    case GOST_ERR_IO: return "input/output error";
    case GOST_ERR_INTERNAL: return "internal error";
    default: return "unknown error";
    }
}
