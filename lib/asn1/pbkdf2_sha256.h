/* Internal: PBKDF2 with HMAC-SHA-256 (RFC 8018 s.5.2, FIPS 180-4, RFC 2104),
 * only to read PBES2 containers written by tools whose PRF is fixed to it:
 * `openssl pkcs12 -export -keypbe kuznyechik-ctr-acpkm` (OpenSSL 3.0)
 * encrypts GOST bags with a key from PBKDF2-HMAC-SHA-256. libgost writes
 * the Streebog PRF (RFC 9337) only. */
#ifndef GOST_ASN1_PBKDF2_SHA256_H
#define GOST_ASN1_PBKDF2_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256 of msg (FIPS 180-4 s.6.2). */
void gasn1_sha256(const uint8_t *msg, size_t len, uint8_t out[32]);

/* out_len bytes of PBKDF2-HMAC-SHA-256; 0, or GOST_ERR_BAD_LENGTH for
 * iterations 0 or out_len 0 or above 32 * (2^32 - 1). */
int gasn1_pbkdf2_sha256(const void *password, size_t password_len, const uint8_t *salt,
                        size_t salt_len, uint64_t iterations, uint8_t *out, size_t out_len);

#endif
