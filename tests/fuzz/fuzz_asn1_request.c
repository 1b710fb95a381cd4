/* PKCS #10 requests (DER or PEM) into gost_asn1_request_verify:
 * documented codes only; an accepted request's subject lies in the input. */
#include "fuzz.h"
#include "gost/asn1_cert.h"

FUZZ_HARNESS(asn1_request)
{
    gost_asn1_public_key k;
    const uint8_t *subject = NULL;
    size_t subject_len = 0;
    int rc = gost_asn1_request_verify(data, size, &k, &subject, &subject_len);

    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED ||
               rc == GOST_ERR_BAD_POINT || rc == GOST_ERR_AUTH || rc == GOST_ERR_BAD_SIGNATURE ||
               rc == GOST_ERR_INVALID_ARGUMENT || rc == GOST_ERR_NO_MEMORY);
    if (rc == GOST_OK && subject != NULL)
        FUZZ_CHECK(subject >= data && subject_len <= size &&
                   (size_t)(subject - data) <= size - subject_len);
}
