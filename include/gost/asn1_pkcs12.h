/* Reading PKCS #12 (PFX) files with GOST keys: RFC 7292 with the GOST
 * profile of RFC 9548 / R 50.1.112-2016.
 *
 * Integrity: MacData with HMAC-Streebog-512 (or -256) keyed by the last 32
 * bytes of PBKDF2-HMAC-Streebog-512(password, macSalt, iterations, 96)
 * (RFC 9548 s.3; what OpenSSL writes with -macalg md_gost12_512).
 * Privacy: bags and SafeContents in the clear or under PBES2 as in
 * gost/asn1.h (PBKDF2-HMAC-Streebog-512, Kuznyechik/Magma CTR-ACPKM).
 * The password is used as given (UTF-8 bytes), as PBES2 and RFC 9548 say. */
#ifndef GOST_ASN1_PKCS12_H
#define GOST_ASN1_PKCS12_H

#include "gost/asn1.h"

#define GOST_ASN1_PKCS12_MAX_KEYS 4
#define GOST_ASN1_PKCS12_MAX_CERTS 16
#define GOST_ASN1_PKCS12_MAX_ID 64

typedef struct gost_asn1_pkcs12_key {
    gost_asn1_private_key key;
    uint8_t local_key_id[GOST_ASN1_PKCS12_MAX_ID]; /* the localKeyId attribute, if any */
    size_t local_key_id_len;
} gost_asn1_pkcs12_key;

typedef struct gost_asn1_pkcs12_cert {
    uint8_t *der; /* the certificate (malloc'd; gost_asn1_pkcs12_free releases it) */
    size_t der_len;
    uint8_t local_key_id[GOST_ASN1_PKCS12_MAX_ID];
    size_t local_key_id_len;
} gost_asn1_pkcs12_cert;

typedef struct gost_asn1_pkcs12 {
    size_t key_count;
    gost_asn1_pkcs12_key keys[GOST_ASN1_PKCS12_MAX_KEYS];
    size_t cert_count;
    gost_asn1_pkcs12_cert certs[GOST_ASN1_PKCS12_MAX_CERTS];
    int mac_present; /* 1 if MacData was present and verified */
} gost_asn1_pkcs12;

/* Read a PFX (DER, or PEM "PKCS12") into out. A MAC that does not verify
 * gives GOST_ERR_PASSWORD (also for a NULL password when one is needed);
 * GOST_ERR_UNSUPPORTED for a MAC, PBE or bag algorithm libgost lacks;
 * GOST_ERR_LIMIT for more keys or certificates than out holds; unknown bag
 * types (CRLs, secrets) are skipped. On error out is freed and zeroed. */
GOST_API int gost_asn1_pkcs12_read(const void *in, size_t in_len, const void *password,
                                   size_t password_len, gost_asn1_pkcs12 *out);

/* Wipe the keys and free the certificates; out may then be reused. */
GOST_API void gost_asn1_pkcs12_free(gost_asn1_pkcs12 *out);

#endif
