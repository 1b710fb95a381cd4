/* KEG: the export-key generation of R 1323565.1.020-2018 s.6.4.5.1, the
 * key agreement under the KExp15 key transport of TLS 1.2 (RFC 9189
 * s.8.3.1, which prints it) and of CMS:
 *
 *   r = INT(UKM[0..15])   the first 16 bytes read big-endian; 0 becomes 1
 *   512-bit keys: out = VKO_GOSTR3410_2012_512(priv, peer_pub, r)
 *   256-bit keys: out = KDF_TREE_GOSTR3411_2012_256(
 *                         VKO_GOSTR3410_2012_256(priv, peer_pub, r),
 *                         label "kdf tree" (8 ASCII bytes), seed UKM[16..23], R 1)
 *
 * out is 64 bytes, K_mac || K_enc, the order KExp15 and the PKCS#11 twin
 * keys take them in (gost/kexp15.h: k_mac = out, k_enc = out + 32).
 *
 * VKO as in gost/vko.h (formats, cofactor, the UKM as an integer); note
 * that KEG reads its UKM big-endian where VKO's own UKM is little-endian.
 * ukm_len must be at least 24 for 256-bit keys and 16 for 512-bit keys;
 * bytes beyond those are not used (TLS and OpenSSL pass 32, whose tail is
 * KExp15's IV).
 *
 * Constant time in priv and in the output. Errors: GOST_ERR_INVALID_ARGUMENT
 * (NULL, unknown curve), GOST_ERR_BAD_LENGTH (ukm_len too short),
 * GOST_ERR_BAD_KEY (priv outside [1, q-1]), GOST_ERR_BAD_POINT (peer_pub
 * invalid). The output is wiped on error. */
#ifndef GOST_KEG_H
#define GOST_KEG_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/curves.h"
#include "gost/errors.h"

#define GOST_KEG_SIZE 64
#define GOST_KEG_UKM_MIN_256 24
#define GOST_KEG_UKM_MIN_512 16

GOST_API int gost_keg(enum gost_curve curve, uint8_t out[64], const uint8_t *priv,
                      const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len);

#endif
