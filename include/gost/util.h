/* Memory helpers for secrets: wiping, constant-time comparison and hex decoding. */
#ifndef GOST_UTIL_H
#define GOST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"

/* Overwrite n bytes at p with zeros in a way the compiler cannot elide.
 * p may be NULL when n is 0. */
GOST_API void gost_wipe(void *p, size_t n);

/* 1 if the n bytes at a and b are equal, 0 otherwise, in time that depends
 * on n only (never on the contents). */
GOST_API int gost_ct_equal(const void *a, const void *b, size_t n);

/* Decodes the hex_len hex digits (either case) at hex into hex_len / 2
 * bytes at out, *out_len set to that count. What is decoded may be a key or
 * an OTP secret read from a file, so the time depends on hex_len only: no
 * branch or index on the digits. GOST_ERR_BAD_LENGTH for an odd hex_len or
 * more than cap bytes; GOST_ERR_DECODE when a character is not a hex digit
 * (out is wiped: a half-decoded secret is not left behind);
 * GOST_ERR_INVALID_ARGUMENT for NULL pointers. */
GOST_API int gost_hex_decode(uint8_t *out, size_t cap, size_t *out_len, const char *hex,
                             size_t hex_len);

#endif
