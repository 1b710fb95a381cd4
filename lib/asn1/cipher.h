/* Internal: the content ciphers of PBES2 (RFC 9337 s.5): Kuznyechik and
 * Magma in CTR-ACPKM with a 256-bit key (cipher.c). */
#ifndef GOST_ASN1_CIPHER_H
#define GOST_ASN1_CIPHER_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "gost/asn1.h"

/* The block size n in bytes: 16 (Kuznyechik) or 8 (Magma); 0 if unknown. */
size_t gasn1_cipher_block(enum gost_asn1_cipher cipher);

/* XOR buf (len bytes) with the CTR-ACPKM key stream for key and iv (n/2
 * bytes): encryption and decryption alike. */
int gasn1_ctr_acpkm(enum gost_asn1_cipher cipher, const uint8_t key[32], const uint8_t *iv,
                    uint8_t *buf, size_t len);

#endif
