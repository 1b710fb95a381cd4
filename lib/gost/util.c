/* Wiping, constant-time comparison and error strings. */
#include <stdint.h>
#include <string.h>

#include "gost/errors.h"
#include "gost/util.h"
#include "ec_declassify.h"

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

/* 0xffffffff if a < b, else 0, for a, b < 2^31: a - b wraps exactly when a < b. */
static uint32_t mask_lt(uint32_t a, uint32_t b)
{
    return (uint32_t)0 - ((a - b) >> 31);
}

/* The value of hex digit c in the low bits, and in *bad all-ones when c is
 * not a hex digit; c's class is found by range masks, never a branch. */
static uint32_t hex_digit_value(uint32_t c, uint32_t *bad)
{
    uint32_t lower = c | 0x20; /* 'A'..'F' -> 'a'..'f'; digits keep their class */
    uint32_t is_num = mask_lt(c, '9' + 1) & ~mask_lt(c, '0');
    uint32_t is_alpha = mask_lt(lower, 'f' + 1) & ~mask_lt(lower, 'a');
    *bad |= ~(is_num | is_alpha);
    return ((c - '0') & is_num) | ((lower - 'a' + 10) & is_alpha);
}

int gost_hex_decode(uint8_t *out, size_t cap, size_t *out_len, const char *hex, size_t hex_len)
{
    uint32_t bad = 0;
    if ((out == NULL && cap != 0) || out_len == NULL || (hex == NULL && hex_len != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (hex_len % 2 != 0 || hex_len / 2 > cap)
        return GOST_ERR_BAD_LENGTH;
    for (size_t i = 0; i < hex_len / 2; i++) {
        uint32_t hi = hex_digit_value((unsigned char)hex[2 * i], &bad);
        uint32_t lo = hex_digit_value((unsigned char)hex[2 * i + 1], &bad);
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    /* The verdict is public (the caller rejects the input), the digits not. */
    if (ec_declassify_int((int)(bad & 1)) != 0) {
        gost_wipe(out, hex_len / 2);
        return GOST_ERR_DECODE;
    }
    *out_len = hex_len / 2;
    return GOST_OK;
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
