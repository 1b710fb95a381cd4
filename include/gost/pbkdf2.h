/* PBKDF2 with HMAC_GOSTR3411_2012_512 (R 50.1.111-2016 s.4, the PKCS #5
 * PBKDF2 with this PRF). Constant time in the password.
 *
 * Ranges checked (R 50.1.111-2016 s.4): iterations >= 1; 1 <= out_len <=
 * (2^32 - 1) * 64. The recommendation advises at least 1000 iterations
 * and 8..32-byte salts for storage; those are the caller's policy.
 *
 * Errors: GOST_ERR_INVALID_ARGUMENT (NULL with a non-zero length, NULL out),
 * GOST_ERR_BAD_LENGTH (out_len or iterations outside the ranges). On error
 * out is wiped, except when out_len itself is out of range (then out is
 * not touched). */
#ifndef GOST_PBKDF2_H
#define GOST_PBKDF2_H

#include "gost/api.h"
#include "gost/errors.h"

GOST_API int gost_pbkdf2_streebog512(const void *password, size_t password_len, const void *salt,
                                     size_t salt_len, uint64_t iterations, uint8_t *out,
                                     size_t out_len);

#endif
