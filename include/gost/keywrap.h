/* The GOST 28147-89 key wraps of RFC 4357 s.6: a 32-byte content-encryption
 * key (CEK) wrapped under a 32-byte key-encryption key (KEK) with an 8-byte
 * UKM into UKM || CEK_ENC || CEK_MAC (8 + 32 + 4 = 44 bytes), where CEK_ENC
 * is the CEK in 28147 ECB and CEK_MAC its 28147 IMIT (4 bytes, state
 * started from the UKM), both under the KEK:
 *  - GOST 28147-89 key wrap (s.6.1, s.6.2): under the KEK itself;
 *  - CryptoPro key wrap (s.6.3, s.6.4): under KEK(UKM), the KEK diversified
 *    with the UKM by the CryptoPro algorithm of s.6.5. This is the wrap of
 *    GOST R 34.10-2001/2012 key transport (RFC 4490 s.4.2, OpenSSL's GOST
 *    engine) and of CKM_GOST28147_KEY_WRAP.
 * The S-box set is that of the key's 28147 parameters (gost/gost28147.h);
 * byte order as there.
 *
 * Constant time in the KEK and the CEK (the UKM is public). Unwrapping
 * checks the MAC in constant time and, when it does not match, wipes the
 * output and returns GOST_ERR_AUTH. GOST_ERR_BAD_LENGTH for a wrapped key
 * that is not 44 bytes; GOST_ERR_INVALID_ARGUMENT for NULL pointers or an
 * unknown S-box set. */
#ifndef GOST_KEYWRAP_H
#define GOST_KEYWRAP_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/errors.h"
#include "gost/gost28147.h"

#define GOST_KEYWRAP_UKM_SIZE 8
#define GOST_KEYWRAP_KEY_SIZE 32
#define GOST_KEYWRAP_MAC_SIZE 4
#define GOST_KEYWRAP_WRAPPED_SIZE 44

GOST_API int gost_keywrap_gost28147(gost28147_sbox sbox, const uint8_t kek[32],
                                    const uint8_t ukm[8], const uint8_t cek[32],
                                    uint8_t wrapped[44]);
GOST_API int gost_keyunwrap_gost28147(gost28147_sbox sbox, const uint8_t kek[32],
                                      const uint8_t *wrapped, size_t wrapped_len,
                                      uint8_t cek[32]);

GOST_API int gost_keywrap_cryptopro(gost28147_sbox sbox, const uint8_t kek[32],
                                    const uint8_t ukm[8], const uint8_t cek[32],
                                    uint8_t wrapped[44]);
GOST_API int gost_keyunwrap_cryptopro(gost28147_sbox sbox, const uint8_t kek[32],
                                      const uint8_t *wrapped, size_t wrapped_len,
                                      uint8_t cek[32]);

/* KEK(UKM) of RFC 4357 s.6.5; out may equal kek. */
GOST_API int gost_kek_diversify_cryptopro(gost28147_sbox sbox, const uint8_t kek[32],
                                          const uint8_t ukm[8], uint8_t out[32]);

#endif
