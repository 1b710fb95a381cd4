/* --import FILE: a certificate (DER or PEM) or a PKCS#12 file (its keys and
 * certificates) onto the token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "gost/asn1.h"
#include "gost/asn1_cert.h"
#include "gost/asn1_pkcs12.h"
#include "gost/util.h"
#include "p11conf.h"

/* The CKA_ID of the token public key equal to key, if there is one. */
static size_t id_of_matching_key(p11c *c, const gost_asn1_public_key *key, uint8_t id[64])
{
    CK_OBJECT_CLASS cls = CKO_PUBLIC_KEY;
    size_t n = 2 * gost_curve_size(key->curve);
    CK_ATTRIBUTE t[2] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_VALUE, (void *)key->xy, n}};
    CK_OBJECT_HANDLE h;
    CK_ULONG found = 0;
    if (c->f->C_FindObjectsInit(c->session, t, 2) != CKR_OK)
        return 0;
    c->f->C_FindObjects(c->session, &h, 1, &found);
    c->f->C_FindObjectsFinal(c->session);
    CK_ATTRIBUTE a = {CKA_ID, id, 64};
    if (found != 1 || c->f->C_GetAttributeValue(c->session, h, &a, 1) != CKR_OK)
        return 0;
    return a.ulValueLen;
}

static int import_cert(p11c *c, const uint8_t *der, size_t der_len, const uint8_t *id,
                       size_t id_len)
{
    gost_asn1_cert cert;
    int err = gost_asn1_cert_parse(der, der_len, &cert);
    if (err != GOST_OK) {
        fprintf(stderr, "gost-p11conf: not a GOST certificate: %s\n", gost_strerror(err));
        return P11C_EXIT_INPUT;
    }
    uint8_t found_id[64];
    if (id_len == 0) {
        id_len = id_of_matching_key(c, &cert.public_key, found_id);
        id = found_id;
    }
    CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE type = CKC_X_509;
    CK_BBOOL yes = CK_TRUE;
    const char *label = c->label != NULL ? c->label : "";
    CK_ATTRIBUTE t[] = {
        {CKA_CLASS, &cls, sizeof cls}, {CKA_CERTIFICATE_TYPE, &type, sizeof type},
        {CKA_TOKEN, &yes, sizeof yes}, {CKA_VALUE, (void *)der, der_len},
        {CKA_SUBJECT, (void *)cert.subject, cert.subject_len},
        {CKA_ISSUER, (void *)cert.issuer, cert.issuer_len},
        {CKA_SERIAL_NUMBER, (void *)cert.serial, cert.serial_len},
        {CKA_LABEL, (void *)label, strlen(label)}, {CKA_ID, (void *)id, id_len}};
    CK_OBJECT_HANDLE h;
    CK_RV rv = c->f->C_CreateObject(c->session, t, sizeof t / sizeof t[0] - (id_len == 0), &h);
    if (rv != CKR_OK)
        return p11c_fail("C_CreateObject", rv);
    printf("Certificate imported as object %lu\n", (unsigned long)h);
    return P11C_EXIT_OK;
}

static int import_key(p11c *c, const gost_asn1_private_key *key, const uint8_t *id, size_t id_len)
{
    size_t n = gost_curve_size(key->curve);
    uint8_t params[16], xy[2 * GOST_3410_MAX_SIZE];
    size_t params_len = sizeof params;
    if (gost_asn1_oid_to_der(key->param_oid[0] ? key->param_oid : gost_curve_oid(key->curve),
                             params, &params_len) != GOST_OK ||
        gost_3410_public_key(key->curve, xy, key->d) != GOST_OK) {
        fprintf(stderr, "gost-p11conf: the PKCS#12 key is not valid\n");
        return P11C_EXIT_INPUT;
    }
    CK_OBJECT_CLASS pub_class = CKO_PUBLIC_KEY, priv_class = CKO_PRIVATE_KEY;
    CK_KEY_TYPE type = n == 64 ? CKK_GOSTR3410_512 : CKK_GOSTR3410;
    CK_BBOOL yes = CK_TRUE;
    const char *label = c->label != NULL ? c->label : "";
    CK_ATTRIBUTE priv[] = {
        {CKA_CLASS, &priv_class, sizeof priv_class}, {CKA_KEY_TYPE, &type, sizeof type},
        {CKA_TOKEN, &yes, sizeof yes}, {CKA_PRIVATE, &yes, sizeof yes},
        {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_SIGN, &yes, sizeof yes},
        {CKA_GOSTR3410_PARAMS, params, params_len}, {CKA_VALUE, (void *)key->d, n},
        {CKA_LABEL, (void *)label, strlen(label)}, {CKA_ID, (void *)id, id_len}};
    CK_ATTRIBUTE pub[] = {
        {CKA_CLASS, &pub_class, sizeof pub_class}, {CKA_KEY_TYPE, &type, sizeof type},
        {CKA_TOKEN, &yes, sizeof yes}, {CKA_VERIFY, &yes, sizeof yes},
        {CKA_GOSTR3410_PARAMS, params, params_len}, {CKA_VALUE, xy, 2 * n},
        {CKA_LABEL, (void *)label, strlen(label)}, {CKA_ID, (void *)id, id_len}};
    CK_OBJECT_HANDLE h1, h2;
    CK_RV rv = c->f->C_CreateObject(c->session, priv, sizeof priv / sizeof priv[0], &h1);
    if (rv != CKR_OK)
        return p11c_fail("C_CreateObject", rv);
    rv = c->f->C_CreateObject(c->session, pub, sizeof pub / sizeof pub[0], &h2);
    if (rv != CKR_OK)
        return p11c_fail("C_CreateObject", rv);
    printf("Key pair imported as objects %lu and %lu\n", (unsigned long)h1, (unsigned long)h2);
    return P11C_EXIT_OK;
}

static int import_pkcs12(p11c *c, const p11c_key_opts *o, const uint8_t *data, size_t len,
                         const uint8_t *id, size_t id_len)
{
    char *pass = p11c_get_pin(o->password, "PKCS#12 password: ");
    if (pass == NULL)
        return P11C_EXIT_CANCEL;
    static gost_asn1_pkcs12 p12;
    int err = gost_asn1_pkcs12_read(data, len, pass, strlen(pass), &p12);
    p11c_pin_free(pass);
    if (err != GOST_OK) {
        fprintf(stderr, "gost-p11conf: %s is neither a GOST certificate nor a readable PKCS#12 "
                        "file: %s\n", o->in, gost_strerror(err));
        return P11C_EXIT_INPUT;
    }
    int rc = P11C_EXIT_OK;
    for (size_t i = 0; i < p12.key_count && rc == P11C_EXIT_OK; i++) {
        const gost_asn1_pkcs12_key *k = &p12.keys[i];
        rc = import_key(c, &k->key, k->local_key_id_len ? k->local_key_id : id,
                        k->local_key_id_len ? k->local_key_id_len : id_len);
    }
    for (size_t i = 0; i < p12.cert_count && rc == P11C_EXIT_OK; i++) {
        const gost_asn1_pkcs12_cert *ct = &p12.certs[i];
        rc = import_cert(c, ct->der, ct->der_len, ct->local_key_id_len ? ct->local_key_id : id,
                         ct->local_key_id_len ? ct->local_key_id_len : id_len);
    }
    gost_asn1_pkcs12_free(&p12);
    return rc;
}

int p11c_cmd_import(p11c *c, const p11c_key_opts *o)
{
    uint8_t id[64];
    size_t id_len = 0;
    if (o->id_hex != NULL && p11c_hex_decode(o->id_hex, id, sizeof id, &id_len) != 0) {
        fprintf(stderr, "gost-p11conf: --id wants at most 64 bytes in hex\n");
        return P11C_EXIT_USAGE;
    }
    unsigned char *data;
    size_t len;
    int rc = p11c_read_file(o->in, &data, &len);
    if (rc != P11C_EXIT_OK)
        return rc;
    if (rc == P11C_EXIT_OK)
        rc = p11c_pick_slot(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_open(c, true);
    if (rc == P11C_EXIT_OK)
        rc = p11c_login(c, CKU_USER);
    if (rc == P11C_EXIT_OK) {
        /* A certificate is DER, or PEM "CERTIFICATE"; anything else is
         * tried as PKCS#12. */
        uint8_t *der = NULL;
        size_t der_len = 0;
        gost_asn1_cert probe;
        if (gost_asn1_cert_parse(data, len, &probe) == GOST_OK) {
            rc = import_cert(c, data, len, id, id_len);
        } else if (gost_asn1_pem_decode((const char *)data, len, "CERTIFICATE", NULL, &der_len) !=
                       GOST_ERR_DECODE &&
                   (der = malloc(der_len)) != NULL &&
                   gost_asn1_pem_decode((const char *)data, len, "CERTIFICATE", der, &der_len) ==
                       GOST_OK) {
            rc = import_cert(c, der, der_len, id, id_len);
        } else {
            rc = import_pkcs12(c, o, data, len, id, id_len);
        }
        free(der);
    }
    gost_wipe(data, len);
    free(data);
    return rc;
}
