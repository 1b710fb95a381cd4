/* VKO GOST R 34.10-2012: key agreement with user keying material (UKM),
 * R 50.1.113-2016 s.4.3 and RFC 7836 s.4.3.
 *
 *   K   = (m/q * UKM * x mod q) * (y * P)    m/q the cofactor (1 or 4)
 *   KEK = H(X_K || Y_K)                      coordinates little-endian, n bytes each
 *
 * with H = Streebog-256 (gost_vko_derive_256, 32-byte KEK) or Streebog-512
 * (gost_vko_derive_512, 64-byte KEK); both work on every curve.
 *
 * Formats as in gost/gost3410.h: priv is our private key x (n bytes,
 * little-endian), peer_pub the other party's public key y * P (X || Y, 2n
 * bytes, little-endian). ukm is 1 to n bytes read as a little-endian integer
 * (RFC 7836 Appendix A.2 prints the 8-byte UKM in this order); a UKM that is
 * 0 mod q is replaced by 1 (as RFC 4357 s.5.2 does).
 *
 * Constant time in priv. Errors: GOST_ERR_INVALID_ARGUMENT (NULL, unknown
 * curve), GOST_ERR_BAD_LENGTH (ukm_len not in [1, n]), GOST_ERR_BAD_KEY
 * (priv outside [1, q-1]), GOST_ERR_BAD_POINT (peer_pub invalid, including a
 * point outside the order-q subgroup). The output is wiped on error. */
#ifndef GOST_VKO_H
#define GOST_VKO_H

#include <stdint.h>

#include "gost/api.h"
#include "gost/curves.h"
#include "gost/errors.h"

#define GOST_VKO_256_SIZE 32
#define GOST_VKO_512_SIZE 64

/* VKO_GOSTR3410_2012_256: out receives 32 bytes. */
GOST_API int gost_vko_derive_256(enum gost_curve curve, uint8_t *out, const uint8_t *priv,
                                 const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len);

/* VKO_GOSTR3410_2012_512: out receives 64 bytes. */
GOST_API int gost_vko_derive_512(enum gost_curve curve, uint8_t *out, const uint8_t *priv,
                                 const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len);

#endif
