/* X.509 certificates with GOST keys: parse the fields a token needs and
 * check the signature (RFC 5280 s.4.1, RFC 9215 s.3). */
#include <stdio.h>
#include <string.h>

#include "asn1/keys.h"
#include "asn1/oids.h"
#include "asn1/sig.h"
#include "gost/asn1_cert.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ (RFC 5280
 * s.4.1.2.5: DER, seconds present, Zulu). */
static int read_time(asn1_node node, const char *field, int64_t *t)
{
    char f[128], which[32], s[32];
    size_t len, yl;
    unsigned y, mo, d, h, mi, sec;

    if (gasn1_read(node, field, (uint8_t *)which, sizeof which - 1, &len))
        return GOST_ERR_DECODE;
    which[len] = 0;
    if (strcmp(which, "utcTime") != 0 && strcmp(which, "generalTime") != 0)
        return GOST_ERR_DECODE;
    if (gasn1_read(node, gasn1_field(f, field, which), (uint8_t *)s, sizeof s - 1, &len))
        return GOST_ERR_DECODE;
    /* libtasn1 counts the terminating NUL of time strings. */
    while (len > 0 && s[len - 1] == 0)
        len--;
    yl = which[0] == 'u' ? 2 : 4;
    if (len != yl + 11 || s[len - 1] != 'Z' || digits(s, yl, &y) || digits(s + yl, 2, &mo) ||
        digits(s + yl + 2, 2, &d) || digits(s + yl + 4, 2, &h) || digits(s + yl + 6, 2, &mi) ||
        digits(s + yl + 8, 2, &sec))
        return GOST_ERR_DECODE;
    if (yl == 2)
        y += y < 50 ? 2000 : 1900;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return GOST_ERR_DECODE;
    *t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

static int read_key_usage(asn1_node defs, asn1_node node, gost_asn1_cert *cert)
{
    char f[128], oid[GASN1_OID_MAX];
    uint8_t val[16], bits[4] = { 0 };
    size_t vlen, nbits;
    int count = 0;

    if (!gasn1_present(node, "tbsCertificate.extensions"))
        return 0;
    if (asn1_number_of_elements(node, "tbsCertificate.extensions", &count) != ASN1_SUCCESS)
        return GOST_ERR_DECODE;
    for (int i = 1; i <= count; i++) {
        asn1_node ku = NULL;
        snprintf(f, sizeof f, "tbsCertificate.extensions.?%d.extnID", i);
        if (gasn1_read_oid(node, f, oid))
            return GOST_ERR_DECODE;
        if (strcmp(oid, OID_KEY_USAGE) != 0)
            continue;
        if (cert->has_key_usage)
            return GOST_ERR_DECODE; /* RFC 5280 s.4.2: at most one instance */
        snprintf(f, sizeof f, "tbsCertificate.extensions.?%d.extnValue", i);
        if (gasn1_read(node, f, val, sizeof val, &vlen) ||
            gasn1_decode(defs, "KeyUsage", val, vlen, &ku))
            return GOST_ERR_DECODE;
        if (gasn1_read_bits(ku, "", bits, sizeof bits, &nbits) || nbits > 16) {
            gasn1_free(&ku);
            return GOST_ERR_DECODE;
        }
        gasn1_free(&ku);
        cert->has_key_usage = 1;
        cert->key_usage = 0;
        /* Bit i of the BIT STRING is the i-th most significant bit. */
        for (size_t b = 0; b < nbits; b++)
            if (bits[b / 8] & (0x80 >> (b % 8)))
                cert->key_usage |= 1u << b;
    }
    return 0;
}

int gost_asn1_cert_parse(const uint8_t *der, size_t der_len, gost_asn1_cert *cert)
{
    asn1_node defs = NULL, node = NULL;
    uint64_t version = 0;
    int rc;

    if (der == NULL || cert == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(cert, 0, sizeof *cert);
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_decode(defs, "Certificate", der, der_len, &node);
    /* DEFAULT 0 (v1): no value in the tree when absent. */
    if (!rc && gasn1_read_uint(node, "tbsCertificate.version", &version))
        version = 0;
    if (!rc && version > 2)
        rc = GOST_ERR_DECODE;
    cert->version = (int)version + 1;
    cert->der = der;
    cert->der_len = der_len;
    if (!rc)
        rc = gasn1_span(node, der, der_len, "tbsCertificate", &cert->tbs, &cert->tbs_len);
    if (!rc)
        rc = gasn1_span(node, der, der_len, "tbsCertificate.serialNumber", &cert->serial,
                        &cert->serial_len);
    if (!rc)
        rc = gasn1_span(node, der, der_len, "tbsCertificate.issuer", &cert->issuer,
                        &cert->issuer_len);
    if (!rc)
        rc = gasn1_span(node, der, der_len, "tbsCertificate.subject", &cert->subject,
                        &cert->subject_len);
    if (!rc)
        rc = gasn1_span(node, der, der_len, "tbsCertificate.subjectPublicKeyInfo", &cert->spki,
                        &cert->spki_len);
    if (!rc)
        rc = read_time(node, "tbsCertificate.validity.notBefore", &cert->not_before);
    if (!rc)
        rc = read_time(node, "tbsCertificate.validity.notAfter", &cert->not_after);
    if (!rc)
        rc = gasn1_read_signature(node, "tbsCertificate.signature", "signatureAlgorithm",
                                  "signature", &cert->sig_size_curve, cert->signature,
                                  &cert->sig_len);
    if (!rc)
        rc = gasn1_read_spki(defs, node, "tbsCertificate.subjectPublicKeyInfo",
                             &cert->public_key);
    if (!rc)
        rc = read_key_usage(defs, node, cert);
    gasn1_free(&node);
    gasn1_free(&defs);
    if (rc)
        memset(cert, 0, sizeof *cert);
    return rc;
}

int gost_asn1_cert_verify(const gost_asn1_cert *cert, const gost_asn1_public_key *issuer)
{
    if (cert == NULL || issuer == NULL || cert->tbs == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (gost_curve_size(issuer->curve) != gost_curve_size(cert->sig_size_curve))
        return GOST_ERR_INVALID_ARGUMENT;
    return gost_3410_verify_message(issuer->curve, issuer->xy, cert->tbs, cert->tbs_len,
                                    cert->signature);
}
