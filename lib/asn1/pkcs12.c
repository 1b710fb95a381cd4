/* PKCS #12 reading (RFC 7292 s.4) with the GOST profile of RFC 9548. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asn1/keys.h"
#include "asn1/oids.h"
#include "asn1/pbes2.h"
#include "asn1/pem.h"
#include "asn1/pkcs12_mac.h"
#include "gost/asn1_pkcs12.h"
#include "gost/util.h"

struct reader {
    asn1_node defs;
    const void *password;
    size_t password_len;
    gost_asn1_pkcs12 *out;
};

/* The contents of an OCTET STRING TLV (DER, or BER constructed as some
 * writers emit), copied into a fresh buffer. */
static int octets(const uint8_t *tlv, size_t len, uint8_t **out, size_t *out_len)
{
    const uint8_t *p;
    size_t plen;
    unsigned char *ber = NULL;
    unsigned int blen, consumed;

    *out = NULL;
    if (gasn1_unwrap(TAG_OCTET_STRING, tlv, len, &p, &plen) == 0) {
        *out = malloc(plen ? plen : 1);
        if (*out == NULL)
            return GOST_ERR_NO_MEMORY;
        memcpy(*out, p, plen);
        *out_len = plen;
        return 0;
    }
    if (len > 0x7fffffff || len == 0 || tlv[0] != 0x24 ||
        asn1_decode_simple_ber(ASN1_ETYPE_OCTET_STRING, tlv, (unsigned)len, &ber, &blen,
                               &consumed) != ASN1_SUCCESS)
        return GOST_ERR_DECODE;
    if (consumed != len) {
        free(ber);
        return GOST_ERR_DECODE;
    }
    *out = ber;
    *out_len = blen;
    return 0;
}

static void read_local_key_id(asn1_node bag, const char *prefix, uint8_t *id, size_t *id_len)
{
    char f[128], oid[GASN1_OID_MAX];
    uint8_t tlv[GOST_ASN1_PKCS12_MAX_ID + 4];
    const uint8_t *p;
    size_t len, plen;
    int count = 0;

    *id_len = 0;
    snprintf(f, sizeof f, "%sbagAttributes", prefix);
    if (!gasn1_present(bag, f) || asn1_number_of_elements(bag, f, &count) != ASN1_SUCCESS)
        return;
    for (int i = 1; i <= count; i++) {
        snprintf(f, sizeof f, "%sbagAttributes.?%d.type", prefix, i);
        if (gasn1_read_oid(bag, f, oid) || strcmp(oid, OID_LOCAL_KEY_ID) != 0)
            continue;
        snprintf(f, sizeof f, "%sbagAttributes.?%d.values.?1", prefix, i);
        if (gasn1_read(bag, f, tlv, sizeof tlv, &len) == 0 &&
            gasn1_unwrap(TAG_OCTET_STRING, tlv, len, &p, &plen) == 0 &&
            plen <= GOST_ASN1_PKCS12_MAX_ID) {
            memcpy(id, p, plen);
            *id_len = plen;
        }
        return;
    }
}

static int add_key(struct reader *r, asn1_node bags, const char *prefix, const uint8_t *info,
                   size_t len, int decrypted)
{
    gost_asn1_pkcs12_key *k;
    int rc;

    if (r->out->key_count == GOST_ASN1_PKCS12_MAX_KEYS)
        return GOST_ERR_LIMIT;
    k = &r->out->keys[r->out->key_count];
    rc = gasn1_private_key_from_der(r->defs, info, len, &k->key);
    if (rc == GOST_ERR_DECODE && decrypted)
        rc = GOST_ERR_PASSWORD; /* garbage out of the decryption */
    if (rc)
        return rc;
    read_local_key_id(bags, prefix, k->local_key_id, &k->local_key_id_len);
    r->out->key_count++;
    return 0;
}

static int add_cert(struct reader *r, asn1_node bags, const char *prefix, const uint8_t *tlv,
                    size_t len)
{
    asn1_node cb = NULL;
    gost_asn1_pkcs12_cert *c;
    char oid[GASN1_OID_MAX];
    uint8_t *value = NULL;
    size_t vlen = 0;
    int rc;

    rc = gasn1_decode(r->defs, "CertBag", tlv, len, &cb);
    if (!rc)
        rc = gasn1_read_oid(cb, "certId", oid);
    if (!rc && strcmp(oid, OID_X509_CERTIFICATE) != 0)
        rc = 1; /* an SDSI certificate or other: skipped */
    if (!rc)
        rc = gasn1_read_alloc(cb, "certValue", &value, &vlen);
    if (!rc && r->out->cert_count == GOST_ASN1_PKCS12_MAX_CERTS)
        rc = GOST_ERR_LIMIT;
    if (!rc) {
        c = &r->out->certs[r->out->cert_count];
        rc = octets(value, vlen, &c->der, &c->der_len);
        if (!rc) {
            read_local_key_id(bags, prefix, c->local_key_id, &c->local_key_id_len);
            r->out->cert_count++;
        }
    }
    free(value);
    gasn1_free(&cb);
    return rc == 1 ? 0 : rc;
}

/* One SafeBag of a SafeContents node. */
static int read_bag(struct reader *r, asn1_node bags, int i)
{
    char prefix[32], f[128], oid[GASN1_OID_MAX];
    uint8_t *value = NULL, *plain = NULL;
    size_t vlen = 0, plen = 0;
    int rc;

    snprintf(prefix, sizeof prefix, "?%d.", i);
    snprintf(f, sizeof f, "%sbagId", prefix);
    rc = gasn1_read_oid(bags, f, oid);
    if (rc)
        return rc;
    snprintf(f, sizeof f, "%sbagValue", prefix);
    rc = gasn1_read_alloc(bags, f, &value, &vlen);
    if (rc)
        return rc;
    if (strcmp(oid, OID_P12_KEY_BAG) == 0) {
        rc = add_key(r, bags, prefix, value, vlen, 0);
    } else if (strcmp(oid, OID_P12_SHROUDED_KEY_BAG) == 0) {
        rc = gasn1_pbes2_decrypt_info(r->defs, value, vlen, r->password, r->password_len, &plain,
                                      &plen);
        if (!rc)
            rc = add_key(r, bags, prefix, plain, plen, 1);
        gasn1_input_free(&plain, plen);
    } else if (strcmp(oid, OID_P12_CERT_BAG) == 0) {
        rc = add_cert(r, bags, prefix, value, vlen);
    }
    /* CRL, secret and nested bags are not for us: skipped. */
    gost_wipe(value, vlen);
    free(value);
    return rc;
}

static int read_safe_contents(struct reader *r, const uint8_t *der, size_t len, int decrypted)
{
    asn1_node bags = NULL;
    int rc, count = 0;

    rc = gasn1_decode(r->defs, "SafeContents", der, len, &bags);
    if (rc)
        return decrypted ? GOST_ERR_PASSWORD : rc;
    if (asn1_number_of_elements(bags, "", &count) != ASN1_SUCCESS)
        rc = GOST_ERR_DECODE;
    for (int i = 1; !rc && i <= count; i++)
        rc = read_bag(r, bags, i);
    gasn1_free(&bags);
    return rc;
}

/* An EncryptedData content: PBES2-encrypted SafeContents. */
static int read_encrypted(struct reader *r, const uint8_t *der, size_t len)
{
    asn1_node ed = NULL;
    char oid[GASN1_OID_MAX];
    uint8_t *ct = NULL, *plain = NULL;
    size_t ct_len = 0, plen = 0;
    uint64_t version;
    int rc;

    rc = gasn1_decode(r->defs, "EncryptedData", der, len, &ed);
    if (!rc)
        rc = gasn1_read_uint(ed, "version", &version);
    if (!rc)
        rc = gasn1_read_oid(ed, "encryptedContentInfo.contentType", oid);
    if (!rc && strcmp(oid, OID_PKCS7_DATA) != 0)
        rc = GOST_ERR_DECODE;
    if (!rc)
        rc = gasn1_read_alloc(ed, "encryptedContentInfo.encryptedContent", &ct, &ct_len);
    if (!rc)
        rc = gasn1_pbes2_decrypt(r->defs, ed, "encryptedContentInfo.contentEncryptionAlgorithm",
                                 ct, ct_len, r->password, r->password_len, &plain, &plen);
    if (!rc)
        rc = read_safe_contents(r, plain, plen, 1);
    gasn1_input_free(&plain, plen);
    free(ct);
    gasn1_free(&ed);
    return rc;
}

static int read_auth_safe(struct reader *r, const uint8_t *der, size_t len)
{
    asn1_node safe = NULL;
    int rc, count = 0;

    rc = gasn1_decode(r->defs, "AuthenticatedSafe", der, len, &safe);
    if (!rc && asn1_number_of_elements(safe, "", &count) != ASN1_SUCCESS)
        rc = GOST_ERR_DECODE;
    for (int i = 1; !rc && i <= count; i++) {
        char f[64], oid[GASN1_OID_MAX];
        uint8_t *content = NULL, *data = NULL;
        size_t clen = 0, dlen = 0;

        snprintf(f, sizeof f, "?%d.contentType", i);
        rc = gasn1_read_oid(safe, f, oid);
        snprintf(f, sizeof f, "?%d.content", i);
        if (!rc)
            rc = gasn1_read_alloc(safe, f, &content, &clen);
        if (!rc && strcmp(oid, OID_PKCS7_DATA) == 0) {
            rc = octets(content, clen, &data, &dlen);
            if (!rc)
                rc = read_safe_contents(r, data, dlen, 0);
        } else if (!rc && strcmp(oid, OID_PKCS7_ENCRYPTED) == 0) {
            rc = read_encrypted(r, content, clen);
        } else if (!rc) {
            rc = GOST_ERR_UNSUPPORTED; /* enveloped (public-key privacy) */
        }
        gasn1_input_free(&data, dlen);
        free(content);
    }
    gasn1_free(&safe);
    return rc;
}

int gost_asn1_pkcs12_read(const void *in, size_t in_len, const void *password,
                          size_t password_len, gost_asn1_pkcs12 *out)
{
    struct reader r = { NULL, password, password_len, out };
    asn1_node pfx = NULL;
    uint8_t *der = NULL, *owned = NULL, *content = NULL, *data = NULL;
    size_t len = 0, clen = 0, dlen = 0;
    char oid[GASN1_OID_MAX];
    uint64_t version;
    int rc;

    if (out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    rc = gasn1_input(in, in_len, "PKCS12", &der, &len, &owned);
    if (rc)
        return rc;
    rc = gasn1_defs_open(&r.defs);
    if (!rc)
        rc = gasn1_decode(r.defs, "PFX", der, len, &pfx);
    if (!rc)
        rc = gasn1_read_uint(pfx, "version", &version);
    if (!rc && version != 3)
        rc = GOST_ERR_DECODE;
    if (!rc)
        rc = gasn1_read_oid(pfx, "authSafe.contentType", oid);
    if (!rc && strcmp(oid, OID_PKCS7_DATA) != 0)
        rc = GOST_ERR_UNSUPPORTED; /* public-key integrity (signedData) */
    if (!rc)
        rc = gasn1_read_alloc(pfx, "authSafe.content", &content, &clen);
    if (!rc)
        rc = octets(content, clen, &data, &dlen);
    if (!rc && gasn1_present(pfx, "macData")) {
        rc = gasn1_pkcs12_check_mac(pfx, r.password, r.password_len, data, dlen);
        out->mac_present = rc == 0;
    }
    if (!rc)
        rc = read_auth_safe(&r, data, dlen);
    free(content);
    free(data);
    gasn1_free(&pfx);
    gasn1_free(&r.defs);
    gasn1_input_free(&owned, len);
    if (rc)
        gost_asn1_pkcs12_free(out);
    return rc;
}

void gost_asn1_pkcs12_free(gost_asn1_pkcs12 *out)
{
    if (out == NULL)
        return;
    for (size_t i = 0; i < out->cert_count && i < GOST_ASN1_PKCS12_MAX_CERTS; i++)
        free(out->certs[i].der);
    gost_wipe(out, sizeof *out);
}
