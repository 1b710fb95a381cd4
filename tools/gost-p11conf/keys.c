/* --keygen CURVE: a GOST R 34.10-2012 key pair on the token;
 * --export-pub: a token public key as PEM SubjectPublicKeyInfo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "gost/asn1.h"
#include "p11conf.h"

/* "256A".."256D", "512A".."512C" (case-insensitive), or a TC 26 name. */
static int parse_curve(const char *text, enum gost_curve *curve)
{
    static const struct { const char *name; enum gost_curve curve; } short_names[] = {
        {"256A", GOST_CURVE_256_A}, {"256B", GOST_CURVE_256_B}, {"256C", GOST_CURVE_256_C},
        {"256D", GOST_CURVE_256_D}, {"512A", GOST_CURVE_512_A}, {"512B", GOST_CURVE_512_B},
        {"512C", GOST_CURVE_512_C}};
    for (size_t i = 0; i < sizeof short_names / sizeof short_names[0]; i++)
        if (strcasecmp(text, short_names[i].name) == 0) {
            *curve = short_names[i].curve;
            return 0;
        }
    return gost_curve_by_name(text, curve) == GOST_OK ? 0 : -1;
}

int p11c_find_key(p11c *c, CK_OBJECT_CLASS cls, const char *id_hex, CK_OBJECT_HANDLE *h)
{
    unsigned char id[256];
    size_t id_len = 0;
    CK_ATTRIBUTE t[2] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_ID, id, 0}};
    if (id_hex != NULL) {
        if (p11c_hex_decode(id_hex, id, sizeof id, &id_len) != 0) {
            fprintf(stderr, "gost-p11conf: --id wants hex digits\n");
            return P11C_EXIT_USAGE;
        }
        t[1].ulValueLen = id_len;
    }
    CK_RV rv = c->f->C_FindObjectsInit(c->session, t, id_hex != NULL ? 2 : 1);
    if (rv != CKR_OK)
        return p11c_fail("C_FindObjectsInit", rv);
    CK_OBJECT_HANDLE found[2];
    CK_ULONG n = 0;
    rv = c->f->C_FindObjects(c->session, found, 2, &n);
    c->f->C_FindObjectsFinal(c->session);
    if (rv != CKR_OK)
        return p11c_fail("C_FindObjects", rv);
    if (n != 1) {
        fprintf(stderr, "gost-p11conf: %s %s key on the token%s\n", n == 0 ? "no" : "more than one",
                cls == CKO_PRIVATE_KEY ? "private" : "public",
                n == 0 ? "" : "; choose one with --id");
        return P11C_EXIT_USAGE;
    }
    *h = found[0];
    return P11C_EXIT_OK;
}

int p11c_cmd_keygen(p11c *c, const p11c_key_opts *o)
{
    enum gost_curve curve;
    if (parse_curve(o->curve, &curve) != 0) {
        fprintf(stderr, "gost-p11conf: unknown curve %s (256A..256D, 512A..512C)\n", o->curve);
        return P11C_EXIT_USAGE;
    }
    int rc = p11c_pick_slot(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_open(c, true);
    if (rc == P11C_EXIT_OK)
        rc = p11c_login(c, CKU_USER);
    if (rc != P11C_EXIT_OK)
        return rc;

    bool big = gost_curve_size(curve) == 64;
    uint8_t params[16], digest[16], id[64];
    size_t params_len = sizeof params, digest_len = sizeof digest, id_len = 8;
    if (gost_asn1_oid_to_der(gost_curve_oid(curve), params, &params_len) != GOST_OK ||
        gost_asn1_oid_to_der(gost_asn1_digest_oid(curve), digest, &digest_len) != GOST_OK)
        return P11C_EXIT_INPUT;
    if (o->id_hex != NULL) {
        if (p11c_hex_decode(o->id_hex, id, sizeof id, &id_len) != 0) {
            fprintf(stderr, "gost-p11conf: --id wants at most 64 bytes in hex\n");
            return P11C_EXIT_USAGE;
        }
    } else {
        CK_RV rv = c->f->C_GenerateRandom(c->session, id, id_len);
        if (rv != CKR_OK)
            return p11c_fail("C_GenerateRandom", rv);
    }
    CK_OBJECT_CLASS pub_class = CKO_PUBLIC_KEY, priv_class = CKO_PRIVATE_KEY;
    CK_KEY_TYPE type = big ? CKK_GOSTR3410_512 : CKK_GOSTR3410;
    CK_BBOOL yes = CK_TRUE;
    const char *label = c->label != NULL ? c->label : "";
    CK_ATTRIBUTE pub[] = {
        {CKA_CLASS, &pub_class, sizeof pub_class}, {CKA_KEY_TYPE, &type, sizeof type},
        {CKA_TOKEN, &yes, sizeof yes}, {CKA_VERIFY, &yes, sizeof yes},
        {CKA_GOSTR3410_PARAMS, params, params_len}, {CKA_GOSTR3411_PARAMS, digest, digest_len},
        {CKA_ID, id, id_len}, {CKA_LABEL, (void *)label, strlen(label)}};
    CK_ATTRIBUTE priv[] = {
        {CKA_CLASS, &priv_class, sizeof priv_class}, {CKA_KEY_TYPE, &type, sizeof type},
        {CKA_TOKEN, &yes, sizeof yes}, {CKA_PRIVATE, &yes, sizeof yes},
        {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_SIGN, &yes, sizeof yes},
        {CKA_DERIVE, &yes, sizeof yes}, {CKA_GOSTR3410_PARAMS, params, params_len},
        {CKA_GOSTR3411_PARAMS, digest, digest_len}, {CKA_ID, id, id_len},
        {CKA_LABEL, (void *)label, strlen(label)}};
    CK_MECHANISM mech = {big ? CKM_GOSTR3410_512_KEY_PAIR_GEN : CKM_GOSTR3410_KEY_PAIR_GEN, NULL,
                         0};
    CK_OBJECT_HANDLE hpub, hpriv;
    CK_RV rv = c->f->C_GenerateKeyPair(c->session, &mech, pub, sizeof pub / sizeof pub[0], priv,
                                       sizeof priv / sizeof priv[0], &hpub, &hpriv);
    if (rv != CKR_OK)
        return p11c_fail("C_GenerateKeyPair", rv);
    printf("Key pair generated on %s, CKA_ID ", gost_curve_name(curve));
    for (size_t i = 0; i < id_len; i++)
        printf("%02x", id[i]);
    printf("\n");
    return P11C_EXIT_OK;
}

/* Reads a token public key into key (CKA_VALUE: X || Y little-endian, or
 * that inside a DER OCTET STRING as some modules store it). */
static int read_public(p11c *c, CK_OBJECT_HANDLE h, gost_asn1_public_key *key)
{
    uint8_t params[64], value[2 * GOST_3410_MAX_SIZE + 4];
    CK_ATTRIBUTE t[2] = {{CKA_GOSTR3410_PARAMS, params, sizeof params},
                         {CKA_VALUE, value, sizeof value}};
    CK_RV rv = c->f->C_GetAttributeValue(c->session, h, t, 2);
    if (rv != CKR_OK)
        return p11c_fail("C_GetAttributeValue", rv);
    memset(key, 0, sizeof *key);
    if (gost_asn1_key_params_decode(params, t[0].ulValueLen, &key->curve, key->param_oid) !=
        GOST_OK) {
        fprintf(stderr, "gost-p11conf: the key's CKA_GOSTR3410_PARAMS names no known curve\n");
        return P11C_EXIT_INPUT;
    }
    size_t n = 2 * gost_curve_size(key->curve), len = t[1].ulValueLen;
    const uint8_t *xy = value;
    if (len == n + 2 && value[0] == 0x04 && value[1] == n)
        xy += 2, len -= 2;
    else if (len == n + 3 && value[0] == 0x04 && value[1] == 0x81 && value[2] == n)
        xy += 3, len -= 3;
    if (len != n) {
        fprintf(stderr, "gost-p11conf: the public key's CKA_VALUE has %zu bytes, not %zu\n", len, n);
        return P11C_EXIT_INPUT;
    }
    memcpy(key->xy, xy, n);
    return P11C_EXIT_OK;
}

int p11c_token_public_key(p11c *c, const char *id_hex, gost_asn1_public_key *key)
{
    CK_OBJECT_HANDLE h;
    int rc = p11c_find_key(c, CKO_PUBLIC_KEY, id_hex, &h);
    return rc == P11C_EXIT_OK ? read_public(c, h, key) : rc;
}

/* Writes der as PEM with label to path (stdout for NULL). */
int p11c_write_pem(const char *path, const char *label, const uint8_t *der, size_t der_len)
{
    size_t pem_len = 0;
    gost_asn1_pem_encode(label, der, der_len, NULL, &pem_len);
    size_t cap = pem_len + 1; /* the encoder writes a NUL too */
    char *pem = malloc(cap);
    int rc = P11C_EXIT_INPUT;
    if (pem != NULL && gost_asn1_pem_encode(label, der, der_len, pem, &cap) == GOST_OK)
        rc = p11c_write_file(path, pem, cap);
    free(pem);
    return rc;
}

int p11c_cmd_export_public(p11c *c, const p11c_key_opts *o)
{
    int rc = p11c_pick_slot(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_open(c, false);
    if (rc == P11C_EXIT_OK && c->user_pin != NULL)
        rc = p11c_login(c, CKU_USER);
    gost_asn1_public_key key;
    if (rc == P11C_EXIT_OK)
        rc = p11c_token_public_key(c, o->id_hex, &key);
    if (rc != P11C_EXIT_OK)
        return rc;
    uint8_t der[512];
    size_t der_len = sizeof der;
    int err = gost_asn1_public_key_encode(&key, der, &der_len);
    if (err != GOST_OK) {
        fprintf(stderr, "gost-p11conf: the token's public key does not encode: %s\n",
                gost_strerror(err));
        return P11C_EXIT_INPUT;
    }
    return p11c_write_pem(o->out, "PUBLIC KEY", der, der_len);
}
