/* SubjectPublicKeyInfo (DER or PEM) into gost_asn1_public_key_decode: any
 * bytes give a documented code; a key that decodes re-encodes, and the
 * re-encoding decodes to the same key. */
#include <string.h>

#include "fuzz.h"
#include "gost/asn1.h"

FUZZ_HARNESS(asn1_public_key)
{
    gost_asn1_public_key k, k2;
    uint8_t der[512];
    size_t len = sizeof der;
    int rc = gost_asn1_public_key_decode(data, size, &k);

    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED ||
               rc == GOST_ERR_BAD_POINT || rc == GOST_ERR_INVALID_ARGUMENT ||
               rc == GOST_ERR_NO_MEMORY);
    if (rc != GOST_OK)
        return;
    FUZZ_CHECK(gost_asn1_public_key_encode(&k, der, &len) == GOST_OK);
    FUZZ_CHECK(gost_asn1_public_key_decode(der, len, &k2) == GOST_OK);
    FUZZ_CHECK(k.curve == k2.curve && strcmp(k.param_oid, k2.param_oid) == 0);
    FUZZ_CHECK(memcmp(k.xy, k2.xy, sizeof k.xy) == 0);
}
