/* DER certificates into gost_asn1_cert_parse: documented codes only; the
 * blobs of a parsed certificate lie inside the input; verification of a
 * parsed certificate under its own key gives a documented code. */
#include "fuzz.h"
#include "gost/asn1_cert.h"

static int inside(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
    return p >= data && n <= size && (size_t)(p - data) <= size - n;
}

FUZZ_HARNESS(asn1_cert)
{
    gost_asn1_cert c;
    int rc = gost_asn1_cert_parse(data, size, &c);

    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED ||
               rc == GOST_ERR_BAD_POINT || rc == GOST_ERR_INVALID_ARGUMENT);
    if (rc != GOST_OK)
        return;
    FUZZ_CHECK(inside(c.tbs, c.tbs_len, data, size));
    FUZZ_CHECK(inside(c.serial, c.serial_len, data, size));
    FUZZ_CHECK(inside(c.issuer, c.issuer_len, data, size));
    FUZZ_CHECK(inside(c.subject, c.subject_len, data, size));
    FUZZ_CHECK(inside(c.spki, c.spki_len, data, size));
    FUZZ_CHECK(c.not_before <= (int64_t)253402300800 && c.version >= 1 && c.version <= 3);
    rc = gost_asn1_cert_verify(&c, &c.public_key);
    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_AUTH || rc == GOST_ERR_BAD_SIGNATURE ||
               rc == GOST_ERR_INVALID_ARGUMENT);
}
