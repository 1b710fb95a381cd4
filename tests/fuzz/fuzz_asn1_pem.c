/* PEM text into gost_asn1_pem_decode (any label): documented codes only;
 * what decodes re-encodes to PEM that decodes to the same bytes. Also text
 * names into gost_asn1_name_from_string. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "gost/asn1.h"
#include "gost/asn1_cert.h"

FUZZ_HARNESS(asn1_pem)
{
    size_t len = size + 8, plen = 0, blen;
    uint8_t *der = malloc(len), *back;
    char *pem, *text;
    int rc = gost_asn1_pem_decode((const char *)data, size, NULL, der, &len);

    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_BUFFER_TOO_SMALL);
    if (rc == GOST_OK && len > 0) {
        FUZZ_CHECK(gost_asn1_pem_encode("X", der, len, NULL, &plen) == GOST_ERR_BUFFER_TOO_SMALL);
        pem = malloc(plen + 1);
        plen++;
        FUZZ_CHECK(gost_asn1_pem_encode("X", der, len, pem, &plen) == GOST_OK);
        blen = len;
        back = malloc(len + 8);
        blen = len + 8;
        FUZZ_CHECK(gost_asn1_pem_decode(pem, plen, "X", back, &blen) == GOST_OK);
        FUZZ_CHECK(blen == len && memcmp(back, der, len) == 0);
        free(back);
        free(pem);
    }
    free(der);

    text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    uint8_t name[8192];
    len = sizeof name;
    rc = gost_asn1_name_from_string(text, name, &len);
    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_INVALID_ARGUMENT || rc == GOST_ERR_BUFFER_TOO_SMALL);
    free(text);
}
