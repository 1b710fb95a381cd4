/* Key parameters (SEQUENCE or bare OID) and OIDs from DER: documented codes
 * only; what decodes re-encodes (the OID to the same bytes). */
#include <string.h>

#include "fuzz.h"
#include "gost/asn1.h"

FUZZ_HARNESS(asn1_params)
{
    enum gost_curve c;
    char oid[GOST_ASN1_OID_MAX];
    uint8_t der[128];
    size_t len = sizeof der;
    int rc = gost_asn1_key_params_decode(data, size, &c, oid);

    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED ||
               rc == GOST_ERR_INVALID_ARGUMENT);
    if (rc == GOST_OK)
        FUZZ_CHECK(gost_asn1_key_params_encode(c, oid, der, &len) == GOST_OK);
    rc = gost_asn1_oid_from_der(data, size, oid);
    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_INVALID_ARGUMENT);
    if (rc == GOST_OK) {
        len = sizeof der;
        rc = gost_asn1_oid_to_der(oid, der, &len);
        FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_INVALID_ARGUMENT);
        if (rc == GOST_OK)
            FUZZ_CHECK(len == size && memcmp(der, data, size) == 0);
    }
}
