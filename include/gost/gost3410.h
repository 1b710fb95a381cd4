/* GOST R 34.10-2012 digital signatures (RFC 7091) on the TC 26 curves.
 *
 * Sizes: n = gost_curve_size(curve) is 32 for the 256-bit curves and 64 for
 * the 512-bit ones (GOST_3410_256_SIZE, GOST_3410_512_SIZE).
 *
 * Byte formats (the TC 26 / PKCS#11 conventions, also OpenSSL's GOST engine):
 *   private key  n bytes, the integer d little-endian, 1 <= d <= q-1;
 *   public key   2n bytes, X || Y, each coordinate little-endian;
 *   digest       n bytes as the hash function outputs them (gost_streebog256
 *                or 512); the standard's integer alpha is the digest read
 *                little-endian, and e = alpha mod q (e = 1 if that is 0);
 *   signature    2n bytes, s || r, each big-endian: the standard's
 *                concatenation (GOST R 34.10-2012 s.6.1 step 6) and the
 *                PKCS#11 CKM_GOSTR3410 format.
 *
 * Signing is constant time in the private key and the nonce; verification
 * handles public data only and is variable time. The nonce k comes from
 * gost_random_bytes mixed (Streebog-512) with the private key and the digest,
 * so a failing or predictable generator does not reveal the key.
 *
 * Errors: GOST_ERR_INVALID_ARGUMENT (NULL pointer, unknown curve),
 * GOST_ERR_BAD_LENGTH (digest length not n), GOST_ERR_BAD_KEY (private key
 * outside [1, q-1]), GOST_ERR_BAD_POINT (public key off the curve, the
 * identity, outside the order-q subgroup, or a coordinate >= p),
 * GOST_ERR_BAD_SIGNATURE (r or s outside [1, q-1]), GOST_ERR_AUTH (a well
 * formed signature that does not verify), GOST_ERR_RNG. On any error the
 * output buffers are wiped. */
#ifndef GOST_GOST3410_H
#define GOST_GOST3410_H

#include <stdint.h>

#include "gost/api.h"
#include "gost/curves.h"
#include "gost/errors.h"

#define GOST_3410_256_SIZE 32
#define GOST_3410_512_SIZE 64
#define GOST_3410_MAX_SIZE 64

/* A new key pair: priv (n bytes) uniformly in [1, q-1], pub (2n bytes). */
GOST_API int gost_3410_keygen(enum gost_curve curve, uint8_t *priv, uint8_t *pub);

/* pub (2n bytes) = d * P for the private key priv (n bytes). */
GOST_API int gost_3410_public_key(enum gost_curve curve, uint8_t *pub, const uint8_t *priv);

/* 0 if priv is in [1, q-1], else GOST_ERR_BAD_KEY (constant time). */
GOST_API int gost_3410_check_private_key(enum gost_curve curve, const uint8_t *priv);

/* 0 if pub (2n bytes) is a valid public key, else GOST_ERR_BAD_POINT. */
GOST_API int gost_3410_check_public_key(enum gost_curve curve, const uint8_t *pub);

/* sig (2n bytes, s || r) over a digest of n bytes. */
GOST_API int gost_3410_sign_digest(enum gost_curve curve, uint8_t *sig, const uint8_t *priv,
                                   const uint8_t *digest, size_t digest_len);

/* As gost_3410_sign_digest with the caller's nonce k (n bytes, little-endian,
 * in [1, q-1]): for known-answer tests only; a repeated or biased k reveals
 * the private key. GOST_ERR_BAD_KEY if k is out of range,
 * GOST_ERR_INVALID_ARGUMENT if this k gives r = 0 or s = 0. */
GOST_API int gost_3410_sign_digest_with_k(enum gost_curve curve, uint8_t *sig,
                                          const uint8_t *priv, const uint8_t *digest,
                                          size_t digest_len, const uint8_t *k);

/* 0 if sig (2n bytes, s || r) is valid for the digest (n bytes) and pub. */
GOST_API int gost_3410_verify_digest(enum gost_curve curve, const uint8_t *pub,
                                     const uint8_t *digest, size_t digest_len,
                                     const uint8_t *sig);

/* The same over a message hashed with Streebog of the curve's size
 * (Streebog-256 for the 256-bit curves, Streebog-512 for the 512-bit ones;
 * the message is public, so its table-driven fast path hashes it). */
GOST_API int gost_3410_sign_message(enum gost_curve curve, uint8_t *sig, const uint8_t *priv,
                                    const void *msg, size_t len);
GOST_API int gost_3410_verify_message(enum gost_curve curve, const uint8_t *pub, const void *msg,
                                      size_t len, const uint8_t *sig);

#endif
