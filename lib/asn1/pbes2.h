/* Internal: PBES2 with PBKDF2-HMAC-Streebog-512 and CTR-ACPKM (pbes2.c),
 * shared by encrypted PKCS #8 keys and PKCS #12 bags. */
#ifndef GOST_ASN1_PBES2_H
#define GOST_ASN1_PBES2_H

#include "asn1/der.h"
#include "gost/asn1.h"

/* Iteration counts above this are refused (GOST_ERR_UNSUPPORTED): a hostile
 * file must not pin the CPU for hours. */
#define GASN1_PBKDF2_MAX_ITERATIONS 10000000u

/* Decrypt ct with the PBES2 AlgorithmIdentifier at field alg of node. The
 * plaintext is malloc'd (*plain, wipe and free it with gasn1_input_free).
 * GOST_ERR_PASSWORD if password is NULL. */
int gasn1_pbes2_decrypt(asn1_node defs, asn1_node node, const char *alg, const uint8_t *ct,
                        size_t ct_len, const void *password, size_t password_len,
                        uint8_t **plain, size_t *plain_len);

/* Encrypt buf in place and write the PBES2 AlgorithmIdentifier at field alg. */
int gasn1_pbes2_encrypt(asn1_node defs, asn1_node node, const char *alg,
                        enum gost_asn1_cipher cipher, uint32_t iterations, const void *password,
                        size_t password_len, uint8_t *buf, size_t len);

#endif
