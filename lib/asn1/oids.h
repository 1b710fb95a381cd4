/* The OIDs lib/asn1 writes and recognises, each with its source. */
#ifndef GOST_ASN1_OIDS_H
#define GOST_ASN1_OIDS_H

#include "asn1/der.h"
#include "gost/curves.h"

/* RFC 9215 s.3, s.4 (id-tc26-gost3410-12-256/512, signwithdigest, gost3411-12) */
#define OID_GOST3410_256 "1.2.643.7.1.1.1.1"
#define OID_GOST3410_512 "1.2.643.7.1.1.1.2"
#define OID_STREEBOG_256 "1.2.643.7.1.1.2.2"
#define OID_STREEBOG_512 "1.2.643.7.1.1.2.3"
#define OID_SIGN_256 "1.2.643.7.1.1.3.2"
#define OID_SIGN_512 "1.2.643.7.1.1.3.3"
/* RFC 9337 s.4, s.5 (id-tc26-hmac-gost-3411-12-512, the CTR-ACPKM schemes) */
#define OID_HMAC_STREEBOG_512 "1.2.643.7.1.1.4.2"
/* hmacWithSHA256, RFC 8018 s.B.1.2: read only (OpenSSL 3.0 CLI PKCS #12). */
#define OID_HMAC_SHA256 "1.2.840.113549.2.9"
#define OID_MAGMA_CTR_ACPKM "1.2.643.7.1.1.5.1.1"
#define OID_MAGMA_CTR_ACPKM_OMAC "1.2.643.7.1.1.5.1.2"
#define OID_KUZNYECHIK_CTR_ACPKM "1.2.643.7.1.1.5.2.1"
#define OID_KUZNYECHIK_CTR_ACPKM_OMAC "1.2.643.7.1.1.5.2.2"
/* RFC 8018 A.2, A.4 */
#define OID_PBKDF2 "1.2.840.113549.1.5.12"
#define OID_PBES2 "1.2.840.113549.1.5.13"
/* RFC 5652 s.4, s.8; RFC 7292 s.4.2, D */
#define OID_PKCS7_DATA "1.2.840.113549.1.7.1"
#define OID_PKCS7_ENCRYPTED "1.2.840.113549.1.7.6"
#define OID_P12_KEY_BAG "1.2.840.113549.1.12.10.1.1"
#define OID_P12_SHROUDED_KEY_BAG "1.2.840.113549.1.12.10.1.2"
#define OID_P12_CERT_BAG "1.2.840.113549.1.12.10.1.3"
#define OID_X509_CERTIFICATE "1.2.840.113549.1.9.22.1"
#define OID_FRIENDLY_NAME "1.2.840.113549.1.9.20"
#define OID_LOCAL_KEY_ID "1.2.840.113549.1.9.21"
/* RFC 5280 s.4.2.1.3 */
#define OID_KEY_USAGE "2.5.29.15"

/* Shared by the key, certificate and request code (oid.c). */
int gasn1_param_oid_for(enum gost_curve curve, const char *param_oid, const char **out);
int gasn1_write_key_params(asn1_node defs, enum gost_curve curve, const char *param_oid,
                           asn1_node *out);
int gasn1_read_key_params(asn1_node defs, const uint8_t *der, size_t len, enum gost_curve *curve,
                          char param_oid[GASN1_OID_MAX]);

#endif
