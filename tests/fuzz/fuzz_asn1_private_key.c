/* PrivateKeyInfo / EncryptedPrivateKeyInfo (DER or PEM) into
 * gost_asn1_private_key_decode without a password (so no PBKDF2 runs on
 * hostile iteration counts): documented codes only; a key that decodes
 * round-trips through our encoder. */
#include <string.h>

#include "fuzz.h"
#include "gost/asn1.h"

FUZZ_HARNESS(asn1_private_key)
{
    gost_asn1_private_key k, k2;
    uint8_t der[512];
    size_t len = sizeof der;
    int rc = gost_asn1_private_key_decode(data, size, NULL, 0, &k);

    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED ||
               rc == GOST_ERR_BAD_KEY || rc == GOST_ERR_PASSWORD ||
               rc == GOST_ERR_INVALID_ARGUMENT || rc == GOST_ERR_NO_MEMORY);
    if (rc != GOST_OK)
        return;
    FUZZ_CHECK(gost_asn1_private_key_encode(&k, der, &len) == GOST_OK);
    FUZZ_CHECK(gost_asn1_private_key_decode(der, len, NULL, 0, &k2) == GOST_OK);
    FUZZ_CHECK(k2.curve == k.curve && memcmp(k2.d, k.d, sizeof k.d) == 0);
}
