/* The padding procedures of GOST R 34.13-2015 s.4.1. */
#include <string.h>

#include "ec_declassify.h"
#include "gost/modes.h"
#include "internal/util.h"

int gost_pad_length(gost_padding pad, size_t n, size_t len, size_t *out_len)
{
    if (out_len == NULL || (n != 8 && n != 16))
        return GOST_ERR_INVALID_ARGUMENT;
    size_t r = len % n;
    switch (pad) {
    case GOST_PAD_NONE:
        if (r != 0)
            return GOST_ERR_BAD_LENGTH;
        *out_len = len;
        return GOST_OK;
    case GOST_PAD_1: /* s.4.1.1: P || 0^(n-r); nothing when r = 0 */
    case GOST_PAD_3: /* s.4.1.3: nothing when r = 0, else procedure 2 */
        *out_len = r == 0 ? len : len + (n - r);
        return GOST_OK;
    case GOST_PAD_2: /* s.4.1.2: P || 1 || 0^(n-r-1), a whole block when r = 0 */
        *out_len = len + (n - r);
        return GOST_OK;
    default:
        return GOST_ERR_INVALID_ARGUMENT;
    }
}

int gost_pad(gost_padding pad, size_t n, const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
             size_t *out_len)
{
    size_t total;
    int rc = gost_pad_length(pad, n, len, &total);
    if (rc != GOST_OK)
        return rc;
    if ((in == NULL && len != 0) || (out == NULL && total != 0))
        return GOST_ERR_INVALID_ARGUMENT;
    if (total > out_size)
        return GOST_ERR_BUFFER_TOO_SMALL;
    if (len != 0 && in != out)
        memmove(out, in, len);
    if (total > len) {
        memset(out + len, 0, total - len);
        if (pad != GOST_PAD_1)
            out[len] = 0x80; /* the single 1 bit, most significant first */
    }
    *out_len = total;
    return GOST_OK;
}

/* Scans the whole last block from its end: the padding is the last 0x80
 * byte followed only by zeros. Every byte is read the same way whatever its
 * value; only the validity and the resulting length leave the function. */
int gost_unpad2(size_t n, const uint8_t *data, size_t len, size_t *unpadded_len)
{
    if (data == NULL || unpadded_len == NULL || (n != 8 && n != 16))
        return GOST_ERR_INVALID_ARGUMENT;
    if (len == 0 || len % n != 0)
        return GOST_ERR_BAD_LENGTH;
    const uint8_t *last = data + len - n;
    uint64_t searching = ~(uint64_t)0; /* all-ones while only zeros were seen */
    uint64_t found = 0, pos = 0;
    for (size_t i = n; i-- > 0;) {
        uint64_t b = last[i];
        uint64_t is80 = gost_mask_eq64(b, 0x80) & searching;
        pos |= is80 & (uint64_t)i;
        found |= is80;
        /* a non-zero byte ends the search (the 0x80 itself or garbage) */
        searching &= gost_mask_eq64(b, 0);
    }
    /* Validity and length are the public outcome of unpadding. */
    EC_DECLASSIFY(&found, sizeof found);
    EC_DECLASSIFY(&pos, sizeof pos);
    if (found == 0)
        return GOST_ERR_DECODE;
    *unpadded_len = len - n + (size_t)pos;
    return GOST_OK;
}
