/* GOST public keys (SubjectPublicKeyInfo) and private keys (PKCS #8). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asn1/keys.h"
#include "asn1/oids.h"
#include "asn1/pem.h"
#include "gost/util.h"

const char *gasn1_field(char out[128], const char *prefix, const char *name)
{
    if (prefix == NULL || prefix[0] == 0)
        snprintf(out, 128, "%s", name);
    else
        snprintf(out, 128, "%s.%s", prefix, name);
    return out;
}

int gasn1_write_spki(asn1_node defs, asn1_node node, const char *prefix,
                     const gost_asn1_public_key *key)
{
    asn1_node params = NULL;
    uint8_t pder[64], bits[3 + 2 * GOST_3410_MAX_SIZE];
    size_t plen = sizeof pder, n = gost_curve_size(key->curve), hdr;
    char f[128];
    int rc;

    if (n == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gost_3410_check_public_key(key->curve, key->xy);
    if (rc)
        return rc;
    rc = gasn1_write_key_params(defs, key->curve, key->param_oid, &params);
    if (!rc)
        rc = gasn1_encode(params, NULL, pder, &plen);
    gasn1_free(&params);
    if (!rc)
        rc = gasn1_write_str(node, gasn1_field(f, prefix, "algorithm.algorithm"),
                             gost_asn1_key_algorithm_oid(key->curve));
    if (!rc)
        rc = gasn1_write(node, gasn1_field(f, prefix, "algorithm.parameters"), pder, plen);
    /* RFC 9215 s.4.3: the BIT STRING holds the DER OCTET STRING of X || Y. */
    /* 64 bytes fit a short length; 128 need the long form 81 80. */
    hdr = 0;
    bits[hdr++] = 0x04;
    if (2 * n >= 0x80)
        bits[hdr++] = 0x81;
    bits[hdr++] = (uint8_t)(2 * n);
    memcpy(bits + hdr, key->xy, 2 * n);
    if (!rc)
        rc = gasn1_write(node, gasn1_field(f, prefix, "subjectPublicKey"), bits, (hdr + 2 * n) * 8);
    return rc;
}

int gasn1_read_key_algorithm(asn1_node defs, asn1_node node, const char *prefix,
                             enum gost_curve *curve, char param_oid[GASN1_OID_MAX])
{
    char oid[GASN1_OID_MAX], f[128];
    uint8_t params[128];
    size_t plen;
    int rc;

    rc = gasn1_read_oid(node, gasn1_field(f, prefix, "algorithm"), oid);
    if (rc)
        return rc;
    if (strcmp(oid, OID_GOST3410_256) != 0 && strcmp(oid, OID_GOST3410_512) != 0)
        return GOST_ERR_UNSUPPORTED;
    rc = gasn1_read(node, gasn1_field(f, prefix, "parameters"), params, sizeof params, &plen);
    if (rc)
        return GOST_ERR_DECODE; /* RFC 9215 s.4.1: the parameters are required */
    rc = gasn1_read_key_params(defs, params, plen, curve, param_oid);
    if (rc)
        return rc;
    /* The algorithm's size must match the curve's. */
    if (strcmp(gost_asn1_key_algorithm_oid(*curve), oid) != 0)
        return GOST_ERR_DECODE;
    return 0;
}

int gasn1_read_spki(asn1_node defs, asn1_node node, const char *prefix, gost_asn1_public_key *key)
{
    uint8_t bits[2 * GOST_3410_MAX_SIZE + 8];
    const uint8_t *xy;
    size_t nbits, xylen, n;
    char f[128];
    int rc;

    memset(key, 0, sizeof *key);
    rc = gasn1_read_key_algorithm(defs, node, gasn1_field(f, prefix, "algorithm"), &key->curve,
                                  key->param_oid);
    if (rc)
        return rc;
    n = gost_curve_size(key->curve);
    rc = gasn1_read_bits(node, gasn1_field(f, prefix, "subjectPublicKey"), bits, sizeof bits,
                         &nbits);
    if (rc || nbits % 8 != 0)
        return GOST_ERR_DECODE;
    rc = gasn1_unwrap(TAG_OCTET_STRING, bits, nbits / 8, &xy, &xylen);
    if (rc || xylen != 2 * n)
        return GOST_ERR_DECODE;
    memcpy(key->xy, xy, 2 * n);
    rc = gost_3410_check_public_key(key->curve, key->xy);
    if (rc)
        memset(key, 0, sizeof *key);
    return rc;
}

int gost_asn1_public_key_encode(const gost_asn1_public_key *key, uint8_t *der, size_t *der_len)
{
    asn1_node defs = NULL, node = NULL;
    int rc;

    if (key == NULL || der_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_create(defs, "SubjectPublicKeyInfo", &node);
    if (!rc)
        rc = gasn1_write_spki(defs, node, "", key);
    if (!rc)
        rc = gasn1_encode(node, NULL, der, der_len);
    gasn1_free(&node);
    gasn1_free(&defs);
    return rc;
}

int gost_asn1_public_key_decode(const void *in, size_t in_len, gost_asn1_public_key *key)
{
    asn1_node defs = NULL, node = NULL;
    uint8_t *der, *owned;
    size_t len;
    int rc;

    if (key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(key, 0, sizeof *key);
    rc = gasn1_input(in, in_len, "PUBLIC KEY", &der, &len, &owned);
    if (rc)
        return rc;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_decode(defs, "SubjectPublicKeyInfo", der, len, &node);
    if (!rc)
        rc = gasn1_read_spki(defs, node, "", key);
    gasn1_free(&node);
    gasn1_free(&defs);
    gasn1_input_free(&owned, len);
    return rc;
}

int gost_asn1_private_key_encode(const gost_asn1_private_key *key, uint8_t *der,
                                 size_t *der_len)
{
    asn1_node defs = NULL, node = NULL, params = NULL;
    uint8_t pder[64];
    size_t plen = sizeof pder, n;
    int rc;

    if (key == NULL || der_len == NULL || (n = gost_curve_size(key->curve)) == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gost_3410_check_private_key(key->curve, key->d);
    if (rc)
        return rc;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_write_key_params(defs, key->curve, key->param_oid, &params);
    if (!rc)
        rc = gasn1_encode(params, NULL, pder, &plen);
    if (!rc)
        rc = gasn1_create(defs, "OneAsymmetricKey", &node);
    if (!rc)
        rc = gasn1_write_str(node, "version", "0");
    if (!rc)
        rc = gasn1_write_str(node, "privateKeyAlgorithm.algorithm",
                             gost_asn1_key_algorithm_oid(key->curve));
    if (!rc)
        rc = gasn1_write(node, "privateKeyAlgorithm.parameters", pder, plen);
    /* The GOST engine's form: the OCTET STRING holds d, little-endian. */
    if (!rc)
        rc = gasn1_write(node, "privateKey", key->d, n);
    if (!rc)
        rc = gasn1_write(node, "attributes", NULL, 0);
    if (!rc)
        rc = gasn1_write(node, "publicKey", NULL, 0);
    if (!rc)
        rc = gasn1_encode(node, NULL, der, der_len);
    gasn1_free(&params);
    gasn1_free(&node);
    gasn1_free(&defs);
    return rc;
}

/* d from the privateKey contents: n raw bytes little-endian (what the
 * engine writes), or, as the engine also reads, a DER OCTET STRING of them
 * or a DER INTEGER (big-endian). The lengths tell the forms apart. */
static int read_private_scalar(const uint8_t *p, size_t len, size_t n, uint8_t *d)
{
    const uint8_t *v;
    size_t vlen, i;

    if (len == n) {
        memcpy(d, p, n);
        return 0;
    }
    if (len > 0 && p[0] == 0x04) {
        if (gasn1_unwrap(TAG_OCTET_STRING, p, len, &v, &vlen) || vlen != n)
            return GOST_ERR_DECODE;
        memcpy(d, v, n);
        return 0;
    }
    if (len > 0 && p[0] == 0x02) {
        if (gasn1_unwrap(TAG_INTEGER, p, len, &v, &vlen) || vlen == 0 || (v[0] & 0x80))
            return GOST_ERR_DECODE;
        if (vlen == n + 1 && v[0] == 0)
            v++, vlen--;
        if (vlen > n)
            return GOST_ERR_DECODE;
        memset(d, 0, n);
        for (i = 0; i < vlen; i++)
            d[i] = v[vlen - 1 - i];
        return 0;
    }
    return GOST_ERR_UNSUPPORTED; /* e.g. the CryptoPro masked form */
}

int gasn1_private_key_from_der(asn1_node defs, const uint8_t *der, size_t len,
                               gost_asn1_private_key *key)
{
    asn1_node node = NULL;
    uint8_t inner[2 * GOST_3410_MAX_SIZE + 8];
    size_t ilen = 0;
    uint64_t version;
    int rc;

    memset(key, 0, sizeof *key);
    rc = gasn1_decode(defs, "OneAsymmetricKey", der, len, &node);
    if (!rc)
        rc = gasn1_read_uint(node, "version", &version);
    if (!rc && version > 1)
        rc = GOST_ERR_DECODE;
    if (!rc)
        rc = gasn1_read_key_algorithm(defs, node, "privateKeyAlgorithm", &key->curve,
                                      key->param_oid);
    if (!rc)
        rc = gasn1_read(node, "privateKey", inner, sizeof inner, &ilen);
    if (!rc)
        rc = read_private_scalar(inner, ilen, gost_curve_size(key->curve), key->d);
    if (!rc)
        rc = gost_3410_check_private_key(key->curve, key->d);
    gost_wipe(inner, sizeof inner);
    gasn1_free(&node);
    if (rc)
        gost_wipe(key, sizeof *key);
    return rc;
}

int gost_asn1_private_key_decode(const void *in, size_t in_len, const void *password,
                                 size_t password_len, gost_asn1_private_key *key)
{
    asn1_node defs = NULL;
    uint8_t *der = NULL, *owned = NULL, *plain = NULL;
    size_t len = 0, plain_len = 0;
    int rc, encrypted = 0;

    if (key == NULL || in == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(key, 0, sizeof *key);
    rc = gasn1_input(in, in_len, "PRIVATE KEY", &der, &len, &owned);
    if (rc == GOST_ERR_DECODE) {
        rc = gasn1_input(in, in_len, "ENCRYPTED PRIVATE KEY", &der, &len, &owned);
        encrypted = 1;
    }
    if (rc)
        return rc;
    rc = gasn1_defs_open(&defs);
    if (!rc && !encrypted) {
        /* DER input: PrivateKeyInfo starts with INTEGER, the encrypted form
         * with its AlgorithmIdentifier SEQUENCE. */
        const uint8_t *body;
        size_t blen;
        if (gasn1_unwrap(TAG_SEQUENCE, der, len, &body, &blen) == 0 && blen > 0 &&
            body[0] == 0x30)
            encrypted = 1;
    }
    if (!rc && encrypted) {
        rc = gasn1_pbes2_decrypt_info(defs, der, len, password, password_len, &plain,
                                      &plain_len);
        if (!rc) {
            rc = gasn1_private_key_from_der(defs, plain, plain_len, key);
            /* Garbage out of a decryption means the password was wrong. */
            if (rc == GOST_ERR_DECODE || rc == GOST_ERR_BAD_KEY)
                rc = GOST_ERR_PASSWORD;
        }
        gasn1_input_free(&plain, plain_len);
    } else if (!rc) {
        rc = gasn1_private_key_from_der(defs, der, len, key);
    }
    gasn1_free(&defs);
    gasn1_input_free(&owned, len);
    return rc;
}
