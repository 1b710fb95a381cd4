/* GOST keys, parameters and PEM in ASN.1 (libtasn1 underneath).
 *
 * Formats (RFC 9215, and what OpenSSL's GOST engine reads and writes):
 *   public key   SubjectPublicKeyInfo, algorithm id-tc26-gost3410-12-256 or
 *                -512 with GostR3410-2012-PublicKeyParameters; the BIT STRING
 *                holds an OCTET STRING of X || Y, each little-endian.
 *   private key  PKCS #8 PrivateKeyInfo (version 0) with the same algorithm
 *                identifier; the privateKey OCTET STRING holds d,
 *                little-endian, n bytes (on input a DER OCTET STRING or
 *                INTEGER inside it is accepted too, as the engine does).
 *   encrypted    PKCS #8 EncryptedPrivateKeyInfo, PBES2 (RFC 8018) with
 *                PBKDF2-HMAC-Streebog-512 and Kuznyechik or Magma CTR-ACPKM
 *                (RFC 9337), as `openssl pkcs8 -topk8 -engine gost -v2
 *                kuznyechik-ctr-acpkm -v2prf id-tc26-hmac-gost-3411-2012-512`.
 *                Decoding also takes the PRF HMAC-SHA-256, which OpenSSL
 *                uses when no -v2prf is given (and always in `openssl
 *                pkcs12 -export`); encoding writes the Streebog PRF only.
 *
 * Buffers: every encoder writes into the caller's buffer. *len holds its
 * capacity on entry and the length written on return; if the buffer is NULL
 * or too small, *len is set to the length needed and GOST_ERR_BUFFER_TOO_SMALL
 * is returned with nothing written. Decoders take DER or PEM (DER starts
 * with a SEQUENCE tag 0x30; anything else is searched for a PEM block).
 * Decoding is strict DER: minimal definite lengths, nesting at most 32 deep,
 * no bytes after the value.
 *
 * Errors: GOST_ERR_INVALID_ARGUMENT (NULL pointer, unknown curve or OID
 * string), GOST_ERR_DECODE (truncated, over-long, wrongly tagged or trailing
 * bytes, wrong PEM label or base64), GOST_ERR_UNSUPPORTED (a well-formed key
 * of another algorithm, an unknown parameter set, cipher or PRF),
 * GOST_ERR_BAD_POINT / GOST_ERR_BAD_KEY (a key that fails validation),
 * GOST_ERR_PASSWORD (no password or a wrong one for an encrypted key),
 * GOST_ERR_NO_MEMORY. Outputs are wiped on error. This layer allocates
 * (libtasn1) and frees everything before returning. */
#ifndef GOST_ASN1_H
#define GOST_ASN1_H

#include <stdint.h>

#include "gost/api.h"
#include "gost/curves.h"
#include "gost/errors.h"
#include "gost/gost3410.h"

/* Room for every dotted OID this layer handles, with the NUL. */
#define GOST_ASN1_OID_MAX 64

/* RFC 9215 s.3, s.4 and RFC 7836 s.A: the algorithm OIDs for a curve's size
 * (256 or 512 bits); NULL for an unknown curve. */
GOST_API const char *gost_asn1_key_algorithm_oid(enum gost_curve curve);       /* id-tc26-gost3410-12-256/512 */
GOST_API const char *gost_asn1_signature_algorithm_oid(enum gost_curve curve); /* id-tc26-signwithdigest-gost3410-12-256/512 */
GOST_API const char *gost_asn1_digest_oid(enum gost_curve curve);              /* id-tc26-gost3411-12-256/512 */

/* A dotted OID <-> its DER encoding (tag 06, as PKCS#11 CKA_GOSTR3410_PARAMS
 * holds it). from_der: GOST_ERR_DECODE unless der is exactly one OID. */
GOST_API int gost_asn1_oid_to_der(const char *oid, uint8_t *der, size_t *der_len);
GOST_API int gost_asn1_oid_from_der(const uint8_t *der, size_t der_len,
                                    char oid[GOST_ASN1_OID_MAX]);

/* GostR3410-2012-PublicKeyParameters (RFC 9215 s.4.1) for a curve. param_oid
 * NULL means the curve's main OID (gost_curve_oid); otherwise any alias of
 * that curve (GOST_ERR_INVALID_ARGUMENT if it names another curve).
 * digestParamSet is written for the CryptoPro OIDs and 512-bit sets A and B
 * and omitted otherwise, as RFC 9215 and the GOST engine do. */
GOST_API int gost_asn1_key_params_encode(enum gost_curve curve, const char *param_oid,
                                         uint8_t *der, size_t *der_len);
/* The curve and publicKeyParamSet of a parameters SEQUENCE, or of a bare OID
 * (the PKCS#11 form). param_oid may be NULL. */
GOST_API int gost_asn1_key_params_decode(const uint8_t *der, size_t der_len,
                                         enum gost_curve *curve,
                                         char param_oid[GOST_ASN1_OID_MAX]);

/* PEM (RFC 7468): "-----BEGIN label-----", base64 in 64-column lines,
 * "-----END label-----\n"; pem_len counts no terminating NUL (one is written
 * when there is room: the capacity needed is *pem_len + 1). */
GOST_API int gost_asn1_pem_encode(const char *label, const uint8_t *der, size_t der_len,
                                  char *pem, size_t *pem_len);
/* The DER of the first block labelled label (NULL: the first block of any
 * label) in pem; text around the block is ignored. A NULL or short der
 * gets the exact length in *der_len. GOST_ERR_DECODE if there is no such
 * block or its base64 is bad. */
GOST_API int gost_asn1_pem_decode(const char *pem, size_t pem_len, const char *label,
                                  uint8_t *der, size_t *der_len);

typedef struct gost_asn1_public_key {
    enum gost_curve curve;
    char param_oid[GOST_ASN1_OID_MAX];        /* as found; "" = the curve's main OID */
    uint8_t xy[2 * GOST_3410_MAX_SIZE];       /* X || Y little-endian, 2 * gost_curve_size */
} gost_asn1_public_key;

typedef struct gost_asn1_private_key {
    enum gost_curve curve;
    char param_oid[GOST_ASN1_OID_MAX];        /* as found; "" = the curve's main OID */
    uint8_t d[GOST_3410_MAX_SIZE];            /* little-endian, gost_curve_size bytes */
} gost_asn1_private_key;

/* SubjectPublicKeyInfo DER; the point is validated (GOST_ERR_BAD_POINT). */
GOST_API int gost_asn1_public_key_encode(const gost_asn1_public_key *key, uint8_t *der,
                                         size_t *der_len);
/* From SubjectPublicKeyInfo DER or PEM "PUBLIC KEY"; the point is validated. */
GOST_API int gost_asn1_public_key_decode(const void *in, size_t in_len,
                                         gost_asn1_public_key *key);

/* PKCS #8 PrivateKeyInfo DER (PEM label "PRIVATE KEY"); d is validated. */
GOST_API int gost_asn1_private_key_encode(const gost_asn1_private_key *key, uint8_t *der,
                                          size_t *der_len);

/* The PBES2 choices for encrypted keys (RFC 9337 s.4-5). */
enum gost_asn1_cipher {
    GOST_ASN1_KUZNYECHIK_CTR_ACPKM = 0, /* id-gostr3412-2015-kuznyechik-ctracpkm */
    GOST_ASN1_MAGMA_CTR_ACPKM = 1       /* id-gostr3412-2015-magma-ctracpkm */
};
#define GOST_ASN1_PBKDF2_DEFAULT_ITERATIONS 2048

/* EncryptedPrivateKeyInfo DER (PEM label "ENCRYPTED PRIVATE KEY") with a
 * random salt and IV, PBKDF2-HMAC-Streebog-512 over iterations rounds
 * (0 means the default; at most 10^7). CTR-ACPKM re-keys every 4096
 * (Kuznyechik) or 1024 (Magma) bytes, as OpenSSL's GOST engine does. */
GOST_API int gost_asn1_private_key_encrypt(const gost_asn1_private_key *key,
                                           const void *password, size_t password_len,
                                           enum gost_asn1_cipher cipher, uint32_t iterations,
                                           uint8_t *der, size_t *der_len);

/* A private key from PrivateKeyInfo or EncryptedPrivateKeyInfo, DER or PEM.
 * The password is used only for the encrypted form; NULL with an encrypted
 * key gives GOST_ERR_PASSWORD, as does a wrong one (GOST_ERR_PASSWORD is
 * returned whenever the decrypted bytes are not a valid key). */
GOST_API int gost_asn1_private_key_decode(const void *in, size_t in_len, const void *password,
                                          size_t password_len, gost_asn1_private_key *key);

#endif
