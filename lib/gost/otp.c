/* HOTP / TOTP with HMAC-Streebog (include/gost/otp.h). */
#include "gost/otp.h"

#include "gost/errors.h"
#include "gost/hmac.h"
#include "gost/util.h"

#include "ec_declassify.h"

static const uint32_t k_pow10[GOST_OTP_DIGITS_MAX + 1] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u};

/* All ones when a == b, else 0, without a branch. */
static uint32_t eq_mask(uint32_t a, uint32_t b)
{
    uint32_t x = a ^ b;
    return (uint32_t)(((uint64_t)x - 1) >> 32);
}

/* v mod 10^digits. The divisor is a constant in each case, so the compiler
 * multiplies by its reciprocal: a hardware divide by a table entry takes a
 * time that depends on v, the secret code (the KyberSlash pattern). The
 * switch is on the public digit count. */
static uint32_t mod_pow10(uint32_t v, unsigned digits)
{
    switch (digits) {
    case 6:
        return v % 1000000u;
    case 7:
        return v % 10000000u;
    case 8:
        return v % 100000000u;
    default:
        return v % 1000000000u;
    }
}

int gost_hotp_streebog(size_t digest_size, const void *key, size_t key_len, uint64_t counter,
                       unsigned digits, uint32_t *code)
{
    if (code == NULL || (key == NULL && key_len) || (digest_size != 32 && digest_size != 64) ||
        digits < GOST_OTP_DIGITS_MIN || digits > GOST_OTP_DIGITS_MAX)
        return GOST_ERR_INVALID_ARGUMENT;
    uint8_t msg[8], mac[64];
    for (int i = 7; i >= 0; i--) {
        msg[i] = (uint8_t)counter;
        counter >>= 8;
    }
    int rc = digest_size == 32 ? gost_hmac_streebog256(key, key_len, msg, 8, mac)
                               : gost_hmac_streebog512(key, key_len, msg, 8, mac);
    if (rc != GOST_OK) {
        gost_wipe(mac, sizeof mac);
        return rc;
    }
    /* Dynamic truncation: offset = low nibble of the last byte; the four
     * bytes at the offset are picked by scanning all 16 candidates. */
    uint32_t offset = mac[digest_size - 1] & 0x0f, bin = 0;
    for (uint32_t o = 0; o < 16; o++) {
        uint32_t v = (uint32_t)mac[o] << 24 | (uint32_t)mac[o + 1] << 16 |
                     (uint32_t)mac[o + 2] << 8 | mac[o + 3];
        bin |= v & eq_mask(o, offset);
    }
    *code = mod_pow10(bin & 0x7fffffffu, digits);
    gost_wipe(mac, sizeof mac);
    gost_wipe(&bin, sizeof bin);
    return GOST_OK;
}

int gost_totp_counter(uint64_t t, uint64_t t0, uint64_t step, uint64_t *counter)
{
    if (counter == NULL || step == 0 || t < t0)
        return GOST_ERR_INVALID_ARGUMENT;
    *counter = (t - t0) / step;
    return GOST_OK;
}

int gost_otp_format(uint32_t code, unsigned digits, char out[GOST_OTP_DIGITS_MAX + 1])
{
    if (out == NULL || digits < GOST_OTP_DIGITS_MIN || digits > GOST_OTP_DIGITS_MAX)
        return GOST_ERR_INVALID_ARGUMENT;
    /* Whether the code fits is public (a code from gost_hotp_streebog
     * always does); the digits themselves come from multiplications by
     * constants, not branches. */
    if (ec_declassify_int(code >= k_pow10[digits]))
        return GOST_ERR_INVALID_ARGUMENT;
    for (unsigned i = digits; i-- > 0;) {
        out[i] = (char)('0' + code % 10);
        code /= 10;
    }
    out[digits] = 0;
    return GOST_OK;
}
