/* One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) built on
 * HMAC-Streebog (GOST R 34.11-2012) instead of HMAC-SHA-1/SHA-2.
 *
 * HOTP(K, C) = Truncate(HMAC(K, [C]_8)) mod 10^digits, where Truncate takes
 * the offset from the low 4 bits of the last MAC byte (RFC 4226 s.5.3, as
 * RFC 6238's reference code does for its longer MACs) and the 31-bit
 * big-endian number at that offset. TOTP is HOTP with C = floor((t - t0) /
 * step) (RFC 6238 s.4). There are no official Streebog OTP vectors; the
 * unit tests check values computed independently with OpenSSL's GOST
 * provider (tests/unit/test_otp.c says how).
 *
 * Constant time: the MAC and the code never decide a branch or an address
 * (the truncation offset selects bytes with masks). The counter, digits
 * and step are public. */
#ifndef GOST_OTP_H
#define GOST_OTP_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"

#define GOST_OTP_DIGITS_MIN 6
#define GOST_OTP_DIGITS_MAX 9

/* *code = HOTP with HMAC-Streebog-256 (digest_size 32) or -512 (64).
 * GOST_ERR_INVALID_ARGUMENT for NULL (key may be NULL with key_len 0), a
 * digest size other than 32 or 64, or digits outside 6..9. */
GOST_API int gost_hotp_streebog(size_t digest_size, const void *key, size_t key_len,
                                uint64_t counter, unsigned digits, uint32_t *code);

/* The TOTP counter of time t (seconds since the epoch): (t - t0) / step.
 * GOST_ERR_INVALID_ARGUMENT for NULL, step 0 or t < t0. */
GOST_API int gost_totp_counter(uint64_t t, uint64_t t0, uint64_t step, uint64_t *counter);

/* code as exactly `digits` decimal characters with leading zeros and a NUL
 * (out holds GOST_OTP_DIGITS_MAX + 1 bytes). */
GOST_API int gost_otp_format(uint32_t code, unsigned digits, char out[GOST_OTP_DIGITS_MAX + 1]);

#endif
