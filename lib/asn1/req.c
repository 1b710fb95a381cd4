/* PKCS #10 certification requests for GOST keys (RFC 2986 s.4, RFC 9215). */
#include <stdlib.h>
#include <string.h>

#include "asn1/keys.h"
#include "asn1/pem.h"
#include "asn1/sig.h"
#include "gost/asn1_cert.h"
#include "gost/util.h"

/* The subject must be one DER Name. */
static int check_name(asn1_node defs, const uint8_t *name, size_t len)
{
    asn1_node node = NULL;
    int rc = gasn1_decode(defs, "Name", name, len, &node);

    gasn1_free(&node);
    return rc ? GOST_ERR_INVALID_ARGUMENT : 0;
}

int gost_asn1_request_build(const gost_asn1_public_key *public_key, const uint8_t *subject,
                            size_t subject_len, gost_asn1_signer sign, void *arg, uint8_t *der,
                            size_t *der_len)
{
    asn1_node defs = NULL, info = NULL, req = NULL;
    uint8_t *tbs = NULL, sig[2 * GOST_3410_MAX_SIZE];
    size_t tbs_len = 0, n;
    int rc;

    if (public_key == NULL || subject == NULL || sign == NULL || der_len == NULL ||
        (n = gost_curve_size(public_key->curve)) == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = check_name(defs, subject, subject_len);
    if (!rc)
        rc = gasn1_create(defs, "CertificationRequestInfo", &info);
    if (!rc)
        rc = gasn1_write_str(info, "version", "0");
    if (!rc)
        rc = gasn1_write(info, "subject", subject, subject_len);
    if (!rc)
        rc = gasn1_write_spki(defs, info, "subjectPKInfo", public_key);
    if (!rc)
        rc = gasn1_encode_alloc(info, NULL, &tbs, &tbs_len);
    if (!rc)
        rc = sign(arg, tbs, tbs_len, sig);
    if (!rc)
        rc = gasn1_create(defs, "CertificationRequest", &req);
    if (!rc)
        rc = gasn1_write(req, "certificationRequestInfo", tbs, tbs_len);
    if (!rc)
        rc = gasn1_write_signature_algorithm(req, "signatureAlgorithm", public_key->curve);
    if (!rc)
        rc = gasn1_write(req, "signature", sig, 2 * n * 8);
    if (!rc)
        rc = gasn1_encode(req, NULL, der, der_len);
    free(tbs);
    gasn1_free(&req);
    gasn1_free(&info);
    gasn1_free(&defs);
    return rc;
}

struct key_signer {
    const gost_asn1_private_key *key;
};

static int sign_with_key(void *arg, const uint8_t *msg, size_t msg_len, uint8_t *sig)
{
    const struct key_signer *s = arg;
    return gost_3410_sign_message(s->key->curve, sig, s->key->d, msg, msg_len);
}

int gost_asn1_request_sign(const gost_asn1_private_key *key, const uint8_t *subject,
                           size_t subject_len, uint8_t *der, size_t *der_len)
{
    gost_asn1_public_key pub;
    struct key_signer s = { key };
    int rc;

    if (key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(&pub, 0, sizeof pub);
    pub.curve = key->curve;
    memcpy(pub.param_oid, key->param_oid, sizeof pub.param_oid);
    rc = gost_3410_public_key(key->curve, pub.xy, key->d);
    if (!rc)
        rc = gost_asn1_request_build(&pub, subject, subject_len, sign_with_key, &s, der, der_len);
    return rc;
}

int gost_asn1_request_verify(const void *in, size_t in_len, gost_asn1_public_key *public_key,
                             const uint8_t **subject, size_t *subject_len)
{
    asn1_node defs = NULL, req = NULL, info = NULL;
    uint8_t *der = NULL, *owned = NULL, sig[2 * GOST_3410_MAX_SIZE];
    const uint8_t *tbs = NULL, *name = NULL;
    size_t len = 0, tbs_len = 0, name_len = 0, sig_len;
    enum gost_curve size_curve;
    uint64_t version;
    int rc;

    if (public_key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(public_key, 0, sizeof *public_key);
    rc = gasn1_input(in, in_len, "CERTIFICATE REQUEST", &der, &len, &owned);
    if (rc)
        return rc;
    rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_decode(defs, "CertificationRequest", der, len, &req);
    if (!rc)
        rc = gasn1_span(req, der, len, "certificationRequestInfo", &tbs, &tbs_len);
    if (!rc)
        rc = gasn1_decode(defs, "CertificationRequestInfo", tbs, tbs_len, &info);
    if (!rc)
        rc = gasn1_read_uint(info, "version", &version);
    if (!rc && version != 0)
        rc = GOST_ERR_DECODE;
    if (!rc)
        rc = gasn1_span(info, tbs, tbs_len, "subject", &name, &name_len);
    if (!rc && check_name(defs, name, name_len))
        rc = GOST_ERR_DECODE;
    if (!rc)
        rc = gasn1_read_signature(req, NULL, "signatureAlgorithm", "signature", &size_curve, sig,
                                  &sig_len);
    if (!rc)
        rc = gasn1_read_spki(defs, info, "subjectPKInfo", public_key);
    if (!rc && gost_curve_size(size_curve) != gost_curve_size(public_key->curve))
        rc = GOST_ERR_DECODE;
    if (!rc)
        rc = gost_3410_verify_message(public_key->curve, public_key->xy, tbs, tbs_len, sig);
    if (!rc && subject) {
        *subject = owned ? NULL : name;
        if (subject_len)
            *subject_len = owned ? 0 : name_len;
    }
    if (rc)
        memset(public_key, 0, sizeof *public_key);
    gasn1_free(&info);
    gasn1_free(&req);
    gasn1_free(&defs);
    gasn1_input_free(&owned, len);
    return rc;
}
