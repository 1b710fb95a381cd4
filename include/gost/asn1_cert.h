/* X.509 certificates and PKCS #10 certification requests with GOST R
 * 34.10-2012 keys (RFC 5280, RFC 2986, RFC 9215).
 *
 * Signatures: algorithm id-tc26-signwithdigest-gost3410-12-256 or -512 with
 * no parameters (a NULL is accepted on input, as OpenSSL writes it); the
 * BIT STRING holds s || r, each big-endian (the gost_3410_sign_message
 * format), computed over the DER of the to-be-signed part.
 *
 * Buffers and errors as in gost/asn1.h. */
#ifndef GOST_ASN1_CERT_H
#define GOST_ASN1_CERT_H

#include <stdint.h>

#include "gost/asn1.h"

/* KeyUsage bits (RFC 5280 s.4.2.1.3): bit i of the BIT STRING is 1 << i. */
#define GOST_ASN1_KU_DIGITAL_SIGNATURE 0x001u
#define GOST_ASN1_KU_NON_REPUDIATION 0x002u
#define GOST_ASN1_KU_KEY_ENCIPHERMENT 0x004u
#define GOST_ASN1_KU_DATA_ENCIPHERMENT 0x008u
#define GOST_ASN1_KU_KEY_AGREEMENT 0x010u
#define GOST_ASN1_KU_KEY_CERT_SIGN 0x020u
#define GOST_ASN1_KU_CRL_SIGN 0x040u
#define GOST_ASN1_KU_ENCIPHER_ONLY 0x080u
#define GOST_ASN1_KU_DECIPHER_ONLY 0x100u

/* A parsed certificate. The pointers point into the DER given to
 * gost_asn1_cert_parse, which must outlive this struct. */
typedef struct gost_asn1_cert {
    const uint8_t *der;          size_t der_len;          /* the whole certificate */
    const uint8_t *tbs;          size_t tbs_len;          /* the signed part (DER) */
    const uint8_t *serial;       size_t serial_len;       /* DER INTEGER, tag included (CKA_SERIAL_NUMBER) */
    const uint8_t *issuer;       size_t issuer_len;       /* DER Name (CKA_ISSUER) */
    const uint8_t *subject;      size_t subject_len;      /* DER Name (CKA_SUBJECT) */
    const uint8_t *spki;         size_t spki_len;         /* DER SubjectPublicKeyInfo */
    int version;                 /* 1, 2 or 3 */
    int64_t not_before, not_after; /* seconds since 1970-01-01 UTC */
    gost_asn1_public_key public_key;
    int has_key_usage;           /* 1 if the extension is present */
    unsigned key_usage;          /* GOST_ASN1_KU_* bits */
    enum gost_curve sig_size_curve; /* a curve of the signature's size (256/512) */
    size_t sig_len;              /* 2n: 64 or 128 */
    uint8_t signature[2 * GOST_3410_MAX_SIZE]; /* s || r, big-endian */
} gost_asn1_cert;

/* Parse DER (PEM: decode it first with gost_asn1_pem_decode). A certificate
 * whose subject key or signature is not GOST R 34.10-2012 gives
 * GOST_ERR_UNSUPPORTED; a GOST key off its curve GOST_ERR_BAD_POINT. */
GOST_API int gost_asn1_cert_parse(const uint8_t *der, size_t der_len, gost_asn1_cert *cert);

/* 0 if cert's signature verifies under the issuer's public key, else
 * GOST_ERR_AUTH (or the codes of gost_3410_verify_message). The issuer's
 * curve must have the signature's size (GOST_ERR_INVALID_ARGUMENT). */
GOST_API int gost_asn1_cert_verify(const gost_asn1_cert *cert, const gost_asn1_public_key *issuer);

/* A DER Name from text "CN=Alice,O=Org,C=RU" or the OpenSSL form
 * "/CN=Alice/O=Org/C=RU", in the order given. Attributes (RFC 5280 A.1,
 * RFC 2985 s.5.2.1, and the Russian ones of FSB order No. 795 of 2011):
 * CN, SN, GN, title, serialNumber, C, L, ST, street, O, OU, emailAddress,
 * OGRN, OGRNIP, SNILS, INN, INNLE. Values are UTF8String, except C and
 * serialNumber (PrintableString), emailAddress (IA5String) and the Russian
 * numbers (NumericString). A backslash escapes the next character.
 * GOST_ERR_INVALID_ARGUMENT for an unknown attribute, an empty value or a
 * character the string type does not allow. */
GOST_API int gost_asn1_name_from_string(const char *text, uint8_t *der, size_t *der_len);

/* The signer of a request: sign msg (msg_len bytes, the DER to be signed)
 * with the key whose public part was given, write s || r (2n bytes,
 * big-endian each, as gost_3410_sign_message) to sig; return 0 or an error
 * code, which is passed on. A PKCS#11 token signs here with
 * CKM_GOSTR3410_WITH_GOSTR3411_12_256/512. */
typedef int (*gost_asn1_signer)(void *arg, const uint8_t *msg, size_t msg_len, uint8_t *sig);

/* A signed PKCS #10 CertificationRequest (DER; PEM label "CERTIFICATE
 * REQUEST") for public_key with subject (a DER Name) and no attributes. */
GOST_API int gost_asn1_request_build(const gost_asn1_public_key *public_key,
                                     const uint8_t *subject, size_t subject_len,
                                     gost_asn1_signer sign, void *arg, uint8_t *der,
                                     size_t *der_len);

/* The same signed with a private key (its public key is computed). */
GOST_API int gost_asn1_request_sign(const gost_asn1_private_key *key, const uint8_t *subject,
                                    size_t subject_len, uint8_t *der, size_t *der_len);

/* Check a request (DER or PEM): its structure and its self-signature.
 * On success the public key and, if subject is not NULL, a pointer to the
 * subject Name inside the DER (only when the input is DER: NULL for PEM). */
GOST_API int gost_asn1_request_verify(const void *in, size_t in_len,
                                      gost_asn1_public_key *public_key,
                                      const uint8_t **subject, size_t *subject_len);

#endif
