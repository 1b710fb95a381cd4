/* GOST R 34.10-2012 signature algorithm identifiers and values (RFC 9215
 * s.3.1: parameters absent; the BIT STRING holds s || r big-endian). */
#include <string.h>

#include "asn1/keys.h"
#include "asn1/oids.h"
#include "asn1/sig.h"
#include "gost/gost3410.h"

static int read_algorithm(asn1_node node, const char *alg, enum gost_curve *size_curve)
{
    char f[128], oid[GASN1_OID_MAX];
    uint8_t params[8];
    size_t plen;

    if (gasn1_read_oid(node, gasn1_field(f, alg, "algorithm"), oid))
        return GOST_ERR_DECODE;
    if (strcmp(oid, OID_SIGN_256) == 0)
        *size_curve = GOST_CURVE_256_A;
    else if (strcmp(oid, OID_SIGN_512) == 0)
        *size_curve = GOST_CURVE_512_A;
    else
        return GOST_ERR_UNSUPPORTED;
    /* Absent, or the NULL that OpenSSL writes. */
    if (gasn1_present(node, gasn1_field(f, alg, "parameters")) &&
        (gasn1_read(node, f, params, sizeof params, &plen) || plen != 2 || params[0] != 0x05 ||
         params[1] != 0))
        return GOST_ERR_DECODE;
    return 0;
}

int gasn1_read_signature(asn1_node node, const char *inner_alg, const char *alg,
                         const char *value, enum gost_curve *size_curve, uint8_t *sig,
                         size_t *sig_len)
{
    enum gost_curve inner;
    size_t nbits, n;
    int rc = read_algorithm(node, alg, size_curve);

    if (rc)
        return rc;
    if (inner_alg) {
        rc = read_algorithm(node, inner_alg, &inner);
        if (rc)
            return rc;
        if (inner != *size_curve)
            return GOST_ERR_DECODE; /* RFC 5280 s.4.1.1.2: the two must match */
    }
    n = gost_curve_size(*size_curve);
    if (gasn1_read_bits(node, value, sig, 2 * GOST_3410_MAX_SIZE, &nbits) || nbits != 16 * n)
        return GOST_ERR_DECODE;
    *sig_len = 2 * n;
    return 0;
}

int gasn1_write_signature_algorithm(asn1_node node, const char *alg, enum gost_curve curve)
{
    char f[128];
    int rc = gasn1_write_str(node, gasn1_field(f, alg, "algorithm"),
                             gost_asn1_signature_algorithm_oid(curve));

    if (!rc)
        rc = gasn1_write(node, gasn1_field(f, alg, "parameters"), NULL, 0);
    return rc;
}
