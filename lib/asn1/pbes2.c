/* PBES2 (RFC 8018 s.6.2) with PBKDF2-HMAC-Streebog-512 (RFC 9337 s.4) and
 * Kuznyechik or Magma CTR-ACPKM (RFC 9337 s.5, s.7.3), and encrypted PKCS #8
 * keys (RFC 5958 s.3) on top. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asn1/cipher.h"
#include "asn1/keys.h"
#include "asn1/oids.h"
#include "asn1/pbes2.h"
#include "asn1/pbkdf2_sha256.h"
#include "asn1/pem.h"
#include "gost/pbkdf2.h"
#include "gost/rand.h"
#include "gost/util.h"

#define SALT_LEN 16
#define KEY_LEN 32
#define UKM_SEED_LEN 8 /* RFC 9337 s.7.3: ukm = IV (n/2 octets) || 8-octet seed */

static const uint8_t der_null[2] = { 0x05, 0x00 };

static int cipher_by_oid(const char *oid, enum gost_asn1_cipher *cipher)
{
    if (strcmp(oid, OID_KUZNYECHIK_CTR_ACPKM) == 0)
        *cipher = GOST_ASN1_KUZNYECHIK_CTR_ACPKM;
    else if (strcmp(oid, OID_MAGMA_CTR_ACPKM) == 0)
        *cipher = GOST_ASN1_MAGMA_CTR_ACPKM;
    else
        return GOST_ERR_UNSUPPORTED; /* the -omac schemes and others */
    return 0;
}

/* Read a field holding DER (ANY) and decode it as type. */
static int decode_any(asn1_node defs, asn1_node node, const char *field, const char *type,
                      asn1_node *out)
{
    uint8_t buf[512];
    size_t len;

    if (gasn1_read(node, field, buf, sizeof buf, &len))
        return GOST_ERR_DECODE;
    return gasn1_decode(defs, type, buf, len, out);
}

struct pbes2_params {
    uint8_t salt[64];
    size_t salt_len;
    uint64_t iterations;
    enum gost_asn1_cipher cipher;
    uint8_t iv[8];
    int prf_sha256; /* 1: PBKDF2-HMAC-SHA-256 (read only), 0: the Streebog PRF */
};

static int read_params(asn1_node defs, asn1_node node, const char *alg, struct pbes2_params *p)
{
    asn1_node pbes2 = NULL, kdf = NULL, enc = NULL;
    char oid[GASN1_OID_MAX], f[128];
    uint8_t ukm[32];
    uint64_t keylen;
    size_t ukm_len, n;
    int rc;

    p->prf_sha256 = 0;
    rc = gasn1_read_oid(node, gasn1_field(f, alg, "algorithm"), oid);
    if (!rc && strcmp(oid, OID_PBES2) != 0)
        rc = GOST_ERR_UNSUPPORTED;
    if (!rc)
        rc = decode_any(defs, node, gasn1_field(f, alg, "parameters"), "PBES2-params", &pbes2);
    if (!rc)
        rc = gasn1_read_oid(pbes2, "keyDerivationFunc.algorithm", oid);
    if (!rc && strcmp(oid, OID_PBKDF2) != 0)
        rc = GOST_ERR_UNSUPPORTED;
    if (!rc)
        rc = decode_any(defs, pbes2, "keyDerivationFunc.parameters", "PBKDF2-params", &kdf);
    if (!rc)
        rc = gasn1_read(kdf, "salt", p->salt, sizeof p->salt, &p->salt_len);
    if (!rc)
        rc = gasn1_read_uint(kdf, "iterationCount", &p->iterations);
    if (!rc && (p->iterations == 0 || p->iterations > GASN1_PBKDF2_MAX_ITERATIONS))
        rc = GOST_ERR_UNSUPPORTED;
    if (!rc && gasn1_present(kdf, "keyLength") &&
        (gasn1_read_uint(kdf, "keyLength", &keylen) || keylen != KEY_LEN))
        rc = GOST_ERR_DECODE;
    /* RFC 8018's default PRF is HMAC-SHA1: refused. The Streebog PRF is the
     * GOST one (RFC 9337); HMAC-SHA-256 is read because OpenSSL 3.0's
     * `pkcs12 -export` cannot choose another for GOST ciphers. */
    if (!rc && !gasn1_present(kdf, "prf"))
        rc = GOST_ERR_UNSUPPORTED;
    if (!rc)
        rc = gasn1_read_oid(kdf, "prf.algorithm", oid);
    if (!rc && strcmp(oid, OID_HMAC_SHA256) == 0)
        p->prf_sha256 = 1;
    else if (!rc && strcmp(oid, OID_HMAC_STREEBOG_512) != 0)
        rc = GOST_ERR_UNSUPPORTED;
    if (!rc)
        rc = gasn1_read_oid(pbes2, "encryptionScheme.algorithm", oid);
    if (!rc)
        rc = cipher_by_oid(oid, &p->cipher);
    if (!rc)
        rc = decode_any(defs, pbes2, "encryptionScheme.parameters",
                        "Gost3412-15-Encryption-Parameters", &enc);
    if (!rc)
        rc = gasn1_read(enc, "ukm", ukm, sizeof ukm, &ukm_len);
    n = gasn1_cipher_block(p->cipher);
    if (!rc && ukm_len != n / 2 + UKM_SEED_LEN)
        rc = GOST_ERR_DECODE;
    if (!rc)
        memcpy(p->iv, ukm, n / 2);
    gasn1_free(&enc);
    gasn1_free(&kdf);
    gasn1_free(&pbes2);
    return rc;
}

int gasn1_pbes2_decrypt(asn1_node defs, asn1_node node, const char *alg, const uint8_t *ct,
                        size_t ct_len, const void *password, size_t password_len,
                        uint8_t **plain, size_t *plain_len)
{
    struct pbes2_params p;
    uint8_t key[KEY_LEN];
    int rc;

    *plain = NULL;
    rc = read_params(defs, node, alg, &p);
    if (rc)
        return rc;
    if (password == NULL)
        return GOST_ERR_PASSWORD;
    if (ct_len == 0)
        return GOST_ERR_DECODE;
    *plain = malloc(ct_len);
    if (*plain == NULL)
        return GOST_ERR_NO_MEMORY;
    memcpy(*plain, ct, ct_len);
    *plain_len = ct_len;
    if (p.prf_sha256)
        rc = gasn1_pbkdf2_sha256(password, password_len, p.salt, p.salt_len, p.iterations, key,
                                 sizeof key);
    else
        rc = gost_pbkdf2_streebog512(password, password_len, p.salt, p.salt_len, p.iterations,
                                     key, sizeof key);
    if (!rc)
        rc = gasn1_ctr_acpkm(p.cipher, key, p.iv, *plain, ct_len);
    gost_wipe(key, sizeof key);
    if (rc)
        gasn1_input_free(plain, ct_len);
    return rc;
}

int gasn1_pbes2_encrypt(asn1_node defs, asn1_node node, const char *alg,
                        enum gost_asn1_cipher cipher, uint32_t iterations, const void *password,
                        size_t password_len, uint8_t *buf, size_t len)
{
    asn1_node pbes2 = NULL, kdf = NULL, enc = NULL;
    uint8_t salt[SALT_LEN], ukm[16 / 2 + UKM_SEED_LEN], key[KEY_LEN], *der = NULL;
    size_t n = gasn1_cipher_block(cipher), dlen;
    char f[128], iter[24];
    int rc;

    if (n == 0 || password == NULL || iterations > GASN1_PBKDF2_MAX_ITERATIONS)
        return GOST_ERR_INVALID_ARGUMENT;
    if (iterations == 0)
        iterations = GOST_ASN1_PBKDF2_DEFAULT_ITERATIONS;
    rc = gost_random_bytes(salt, sizeof salt);
    if (!rc)
        rc = gost_random_bytes(ukm, n / 2 + UKM_SEED_LEN);
    if (!rc)
        rc = gost_pbkdf2_streebog512(password, password_len, salt, sizeof salt, iterations, key,
                                     sizeof key);
    if (!rc)
        rc = gasn1_ctr_acpkm(cipher, key, ukm, buf, len);
    gost_wipe(key, sizeof key);
    /* PBKDF2-params with the Streebog PRF (RFC 9337 s.4). */
    if (!rc)
        rc = gasn1_create(defs, "PBKDF2-params", &kdf);
    if (!rc)
        rc = gasn1_write(kdf, "salt", salt, sizeof salt);
    snprintf(iter, sizeof iter, "%u", (unsigned)iterations);
    if (!rc)
        rc = gasn1_write_str(kdf, "iterationCount", iter);
    if (!rc)
        rc = gasn1_write(kdf, "keyLength", NULL, 0);
    if (!rc)
        rc = gasn1_write_str(kdf, "prf.algorithm", OID_HMAC_STREEBOG_512);
    if (!rc)
        rc = gasn1_write(kdf, "prf.parameters", der_null, sizeof der_null);
    /* Gost3412-15-Encryption-Parameters (RFC 9337 s.7.3). */
    if (!rc)
        rc = gasn1_create(defs, "Gost3412-15-Encryption-Parameters", &enc);
    if (!rc)
        rc = gasn1_write(enc, "ukm", ukm, n / 2 + UKM_SEED_LEN);
    if (!rc)
        rc = gasn1_create(defs, "PBES2-params", &pbes2);
    if (!rc)
        rc = gasn1_write_str(pbes2, "keyDerivationFunc.algorithm", OID_PBKDF2);
    if (!rc && !(rc = gasn1_encode_alloc(kdf, NULL, &der, &dlen))) {
        rc = gasn1_write(pbes2, "keyDerivationFunc.parameters", der, dlen);
        free(der);
    }
    if (!rc)
        rc = gasn1_write_str(pbes2, "encryptionScheme.algorithm",
                             cipher == GOST_ASN1_KUZNYECHIK_CTR_ACPKM ? OID_KUZNYECHIK_CTR_ACPKM
                                                                      : OID_MAGMA_CTR_ACPKM);
    if (!rc && !(rc = gasn1_encode_alloc(enc, NULL, &der, &dlen))) {
        rc = gasn1_write(pbes2, "encryptionScheme.parameters", der, dlen);
        free(der);
    }
    if (!rc)
        rc = gasn1_write_str(node, gasn1_field(f, alg, "algorithm"), OID_PBES2);
    if (!rc && !(rc = gasn1_encode_alloc(pbes2, NULL, &der, &dlen))) {
        rc = gasn1_write(node, gasn1_field(f, alg, "parameters"), der, dlen);
        free(der);
    }
    gasn1_free(&enc);
    gasn1_free(&kdf);
    gasn1_free(&pbes2);
    return rc;
}

int gasn1_pbes2_decrypt_info(asn1_node defs, const uint8_t *der, size_t len,
                             const void *password, size_t password_len, uint8_t **plain,
                             size_t *plain_len)
{
    asn1_node node = NULL;
    uint8_t *ct = NULL;
    size_t ct_len = len;
    int rc;

    *plain = NULL;
    rc = gasn1_decode(defs, "EncryptedPrivateKeyInfo", der, len, &node);
    if (!rc) {
        ct = malloc(len);
        rc = ct ? gasn1_read(node, "encryptedData", ct, len, &ct_len) : GOST_ERR_NO_MEMORY;
    }
    if (!rc)
        rc = gasn1_pbes2_decrypt(defs, node, "encryptionAlgorithm", ct, ct_len, password,
                                 password_len, plain, plain_len);
    free(ct);
    gasn1_free(&node);
    return rc;
}

int gost_asn1_private_key_encrypt(const gost_asn1_private_key *key, const void *password,
                                  size_t password_len, enum gost_asn1_cipher cipher,
                                  uint32_t iterations, uint8_t *der, size_t *der_len)
{
    asn1_node defs = NULL, node = NULL;
    uint8_t info[256];
    size_t info_len = sizeof info;
    int rc;

    if (key == NULL || password == NULL || der_len == NULL || gasn1_cipher_block(cipher) == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gost_asn1_private_key_encode(key, info, &info_len);
    if (!rc)
        rc = gasn1_defs_open(&defs);
    if (!rc)
        rc = gasn1_create(defs, "EncryptedPrivateKeyInfo", &node);
    if (!rc)
        rc = gasn1_pbes2_encrypt(defs, node, "encryptionAlgorithm", cipher, iterations, password,
                                 password_len, info, info_len);
    if (!rc)
        rc = gasn1_write(node, "encryptedData", info, info_len);
    if (!rc)
        rc = gasn1_encode(node, NULL, der, der_len);
    gost_wipe(info, sizeof info);
    gasn1_free(&node);
    gasn1_free(&defs);
    return rc;
}
