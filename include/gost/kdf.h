/* Key derivation on HMAC-Streebog-256 (R 50.1.113-2016 s.4.4-4.5,
 * RFC 7836 s.4.4-4.5). Constant time in the key.
 *
 * KDF_GOSTR3411_2012_256(K, label, seed)
 *     = HMAC256(K, 0x01 | label | 0x00 | seed | 0x01 | 0x00); K is 32 bytes.
 * KDF_TREE_GOSTR3411_2012_256(K, label, seed, R), output of L = 8*out_len bits:
 *     K(i) = HMAC256(K, [i]_b | label | 0x00 | seed | [L]_b), i = 1, 2, ...
 *     [i]_b is i in R bytes big-endian (R = 1..4); [L]_b is L big-endian in
 *     the fewest bytes that hold it (0x0100 for 256 bits, 0x0200 for 512,
 *     as the RFC 7836 examples show).
 *
 * Errors: GOST_ERR_INVALID_ARGUMENT (NULL with non-zero length, R outside
 * 1..4), GOST_ERR_BAD_LENGTH (out_len 0, key_len 0, or more output than
 * 2^(8R) - 1 blocks of 32 bytes can give). On error out is wiped. */
#ifndef GOST_KDF_H
#define GOST_KDF_H

#include "gost/api.h"
#include "gost/errors.h"

GOST_API int gost_kdf_gostr3411_2012_256(const uint8_t key[32], const void *label, size_t label_len,
                                         const void *seed, size_t seed_len, uint8_t out[32]);

GOST_API int gost_kdf_tree_gostr3411_2012_256(const void *key, size_t key_len, const void *label,
                                              size_t label_len, const void *seed, size_t seed_len,
                                              unsigned r, uint8_t *out, size_t out_len);

#endif
