/* KExp15 / KImp15: the key export and import of R 1323565.1.017-2018,
 * specified in RFC 9189 s.8.2.1 (TLS 1.2) and used by PKCS#11
 * (CKM_*_KEXP_15_WRAP):
 *
 *   KExp15(K; K_mac, K_enc, IV) = CTR(K_enc, IV, K || OMAC(K_mac, IV || K))
 *
 * for Kuznyechik or Magma (both keys of the same cipher): IV is n/2 bytes,
 * the MAC is the full n bytes, so the output is key_len + n bytes.
 * KImp15 decrypts, recomputes the MAC and compares it in constant time;
 * on a mismatch it returns GOST_ERR_AUTH and the key buffer is wiped.
 *
 * key_len may be any length >= 1 (32 for the ciphers' keys). KExp15's out
 * must not overlap key; KImp15 may import in place (key == wrapped). Errors:
 * GOST_ERR_INVALID_ARGUMENT (NULL, unknown cipher, overlapping buffers),
 * GOST_ERR_BAD_LENGTH (IV not n/2 bytes, empty key, wrapped shorter than
 * n + 1), GOST_ERR_BUFFER_TOO_SMALL (nothing written). */
#ifndef GOST_KEXP15_H
#define GOST_KEXP15_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/blockcipher.h"
#include "gost/errors.h"

GOST_API int gost_kexp15(gost_cipher_id id, const uint8_t k_mac[32], const uint8_t k_enc[32],
                         const uint8_t *iv, size_t iv_len, const uint8_t *key, size_t key_len,
                         uint8_t *out, size_t out_size, size_t *out_len);

GOST_API int gost_kimp15(gost_cipher_id id, const uint8_t k_mac[32], const uint8_t k_enc[32],
                         const uint8_t *iv, size_t iv_len, const uint8_t *wrapped, size_t wrapped_len,
                         uint8_t *key, size_t key_size, size_t *key_len);

#endif
