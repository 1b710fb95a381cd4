/* Internal: SubjectPublicKeyInfo and PKCS #8 pieces shared by the key,
 * certificate, request and PKCS #12 code (keys.c). */
#ifndef GOST_ASN1_KEYS_H
#define GOST_ASN1_KEYS_H

#include "asn1/der.h"
#include "gost/asn1.h"

/* Fill the SubjectPublicKeyInfo at field prefix ("" for the root). */
int gasn1_write_spki(asn1_node defs, asn1_node node, const char *prefix,
                     const gost_asn1_public_key *key);
/* Read and validate the SubjectPublicKeyInfo at field prefix. */
int gasn1_read_spki(asn1_node defs, asn1_node node, const char *prefix,
                    gost_asn1_public_key *key);
/* The algorithm identifier at prefix: curve and parameter OID. */
int gasn1_read_key_algorithm(asn1_node defs, asn1_node node, const char *prefix,
                             enum gost_curve *curve, char param_oid[GASN1_OID_MAX]);
/* A PrivateKeyInfo DER into key (validated); GOST_ERR_DECODE if malformed. */
int gasn1_private_key_from_der(asn1_node defs, const uint8_t *der, size_t len,
                               gost_asn1_private_key *key);
/* Build a field name prefix + "." + name into out. */
const char *gasn1_field(char out[128], const char *prefix, const char *name);

/* pbes2.c: EncryptedPrivateKeyInfo decryption into a PrivateKeyInfo. */
int gasn1_pbes2_decrypt_info(asn1_node defs, const uint8_t *der, size_t len,
                             const void *password, size_t password_len, uint8_t **plain,
                             size_t *plain_len);
#endif
