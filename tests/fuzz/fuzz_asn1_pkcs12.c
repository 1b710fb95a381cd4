/* PFX files (DER or PEM) into gost_asn1_pkcs12_read without a password
 * (no PBKDF2 on hostile iteration counts; bags without privacy are still
 * read when there is no MAC): documented codes only, nothing leaked (ASan
 * checks the frees), and a failed read leaves an empty result. */
#include "fuzz.h"
#include "gost/asn1_pkcs12.h"

FUZZ_HARNESS(asn1_pkcs12)
{
    gost_asn1_pkcs12 p;
    int rc = gost_asn1_pkcs12_read(data, size, NULL, 0, &p);

    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED ||
               rc == GOST_ERR_PASSWORD || rc == GOST_ERR_BAD_KEY || rc == GOST_ERR_LIMIT ||
               rc == GOST_ERR_INVALID_ARGUMENT || rc == GOST_ERR_NO_MEMORY);
    if (rc != GOST_OK) {
        FUZZ_CHECK(p.key_count == 0 && p.cert_count == 0);
        return;
    }
    FUZZ_CHECK(p.key_count <= GOST_ASN1_PKCS12_MAX_KEYS);
    FUZZ_CHECK(p.cert_count <= GOST_ASN1_PKCS12_MAX_CERTS);
    gost_asn1_pkcs12_free(&p);
}
