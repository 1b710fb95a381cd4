/* Algorithm OIDs and GOST R 34.10-2012 public key parameters. */
#include <string.h>

#include "asn1/der.h"
#include "asn1/oids.h"
#include "gost/asn1.h"

/* RFC 9215 s.3.1, s.4; R 1323565.1.024-2019: the TC 26 algorithm OIDs. */
const char *gost_asn1_key_algorithm_oid(enum gost_curve curve)
{
    size_t n = gost_curve_size(curve);
    return n == 32 ? OID_GOST3410_256 : n == 64 ? OID_GOST3410_512 : NULL;
}

const char *gost_asn1_signature_algorithm_oid(enum gost_curve curve)
{
    size_t n = gost_curve_size(curve);
    return n == 32 ? OID_SIGN_256 : n == 64 ? OID_SIGN_512 : NULL;
}

const char *gost_asn1_digest_oid(enum gost_curve curve)
{
    size_t n = gost_curve_size(curve);
    return n == 32 ? OID_STREEBOG_256 : n == 64 ? OID_STREEBOG_512 : NULL;
}

int gost_asn1_oid_to_der(const char *oid, uint8_t *der, size_t *der_len)
{
    asn1_node defs = NULL, node = NULL;
    int rc;

    if (oid == NULL || der_len == NULL || strlen(oid) >= GOST_ASN1_OID_MAX)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_create(defs, "ObjectIdentifier", &node);
    if (!rc && asn1_write_value(node, "", oid, 1) != ASN1_SUCCESS)
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (!rc)
        rc = gasn1_encode(node, NULL, der, der_len);
    gasn1_free(&node);
    gasn1_free(&defs);
    return rc;
}

int gost_asn1_oid_from_der(const uint8_t *der, size_t der_len, char oid[GOST_ASN1_OID_MAX])
{
    asn1_node defs = NULL, node = NULL;
    int rc;

    if (der == NULL || oid == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    oid[0] = 0;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_decode(defs, "ObjectIdentifier", der, der_len, &node);
    if (!rc)
        rc = gasn1_read_oid(node, "", oid);
    gasn1_free(&node);
    gasn1_free(&defs);
    return rc;
}

/* RFC 9215 s.4.1: digestParamSet is present for the CryptoPro parameter
 * sets (1.2.643.2.2.35.x, .36.x) and the 512-bit sets A and B only. */
static int wants_digest_param(enum gost_curve curve, const char *param_oid)
{
    return strncmp(param_oid, "1.2.643.2.2.", 12) == 0 || curve == GOST_CURVE_512_A ||
           curve == GOST_CURVE_512_B;
}

/* param_oid NULL or "" means the main OID; else it must be an alias of curve. */
int gasn1_param_oid_for(enum gost_curve curve, const char *param_oid, const char **out)
{
    enum gost_curve c;

    if (gost_curve_oid(curve) == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (param_oid == NULL || param_oid[0] == 0) {
        *out = gost_curve_oid(curve);
        return 0;
    }
    if (gost_curve_by_oid(param_oid, &c) != 0 || c != curve)
        return GOST_ERR_INVALID_ARGUMENT;
    *out = param_oid;
    return 0;
}

int gasn1_write_key_params(asn1_node defs, enum gost_curve curve, const char *param_oid,
                           asn1_node *out)
{
    const char *oid;
    int rc = gasn1_param_oid_for(curve, param_oid, &oid);

    if (!rc)
        rc = gasn1_create(defs, "GostR3410-2012-PublicKeyParameters", out);
    if (!rc)
        rc = gasn1_write_str(*out, "publicKeyParamSet", oid);
    if (!rc)
        rc = wants_digest_param(curve, oid)
                 ? gasn1_write_str(*out, "digestParamSet", gost_asn1_digest_oid(curve))
                 : gasn1_write(*out, "digestParamSet", NULL, 0);
    return rc;
}

int gost_asn1_key_params_encode(enum gost_curve curve, const char *param_oid, uint8_t *der,
                                size_t *der_len)
{
    asn1_node defs = NULL, node = NULL;
    int rc;

    if (der_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_write_key_params(defs, curve, param_oid, &node);
    if (!rc)
        rc = gasn1_encode(node, NULL, der, der_len);
    gasn1_free(&node);
    gasn1_free(&defs);
    return rc;
}

int gasn1_read_key_params(asn1_node defs, const uint8_t *der, size_t len, enum gost_curve *curve,
                          char param_oid[GASN1_OID_MAX])
{
    asn1_node node = NULL;
    char oid[GASN1_OID_MAX];
    int rc;

    /* A bare OID (PKCS#11 CKA_GOSTR3410_PARAMS) or the SEQUENCE. */
    if (len > 0 && der[0] == 0x06) {
        rc = gasn1_decode(defs, "ObjectIdentifier", der, len, &node);
        if (!rc)
            rc = gasn1_read_oid(node, "", oid);
    } else {
        rc = gasn1_decode(defs, "GostR3410-2012-PublicKeyParameters", der, len, &node);
        if (!rc)
            rc = gasn1_read_oid(node, "publicKeyParamSet", oid);
    }
    gasn1_free(&node);
    if (rc)
        return rc;
    if (gost_curve_by_oid(oid, curve) != 0)
        return GOST_ERR_UNSUPPORTED;
    if (param_oid) {
        memset(param_oid, 0, GASN1_OID_MAX);
        memcpy(param_oid, oid, strlen(oid));
    }
    return 0;
}

int gost_asn1_key_params_decode(const uint8_t *der, size_t der_len, enum gost_curve *curve,
                                char param_oid[GOST_ASN1_OID_MAX])
{
    asn1_node defs = NULL;
    int rc;

    if (der == NULL || curve == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_read_key_params(defs, der, der_len, curve, param_oid);
    gasn1_free(&defs);
    return rc;
}
