/* lib/asn1 PKCS #12 and encrypted PKCS #8: files written by OpenSSL with
 * the GOST engine (fixtures in tests/data/asn1, made by its make.sh, and
 * files made here through OpenSSL's API with the RFC 9337 PRF), read with
 * the right, a wrong and no password; our encrypted keys read by
 * `openssl pkcs8 -engine gost`. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/asn1_cert.h"
#include "gost/asn1_pkcs12.h"
#include "gost/util.h"
#include "ossl.h"
#include "test_asn1_common.h"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

/* Kuznyechik/Magma CTR-ACPKM arrive with the ciphers' header; until then
 * every encrypted container must say GOST_ERR_UNSUPPORTED, nothing else. */
#if __has_include("gost/kuznyechik.h") && __has_include("gost/magma.h")
#define HAVE_CIPHERS 1
#else
#define HAVE_CIPHERS 0
#endif

static const char pw[] = "libgost";

static gost_asn1_private_key fixture_key(const char *name)
{
    size_t n;
    uint8_t *pem = asn1t_read(asn1t_fixture(name), &n);
    gost_asn1_private_key k;
    cr_assert_eq(gost_asn1_private_key_decode(pem, n, NULL, 0, &k), GOST_OK, "%s", name);
    free(pem);
    return k;
}

static uint8_t *fixture_cert_der(const char *name, size_t *len)
{
    size_t n;
    uint8_t *pem = asn1t_read(asn1t_fixture(name), &n);
    uint8_t *der = malloc(n);
    *len = n;
    cr_assert_eq(gost_asn1_pem_decode((char *)pem, n, "CERTIFICATE", der, len), GOST_OK);
    free(pem);
    return der;
}

static void expect_p12(const char *path, const char *key_name, const char *cert_name)
{
    size_t n, cl;
    uint8_t *p12 = asn1t_read(path, &n);
    gost_asn1_pkcs12 out;
    gost_asn1_private_key k = fixture_key(key_name);
    uint8_t *cert = fixture_cert_der(cert_name, &cl);

    cr_assert_eq(gost_asn1_pkcs12_read(p12, n, pw, strlen(pw), &out), GOST_OK, "%s", path);
    cr_assert_eq(out.mac_present, 1);
    cr_assert_eq(out.key_count, 1);
    cr_assert_eq(out.cert_count, 1);
    cr_assert_eq(out.keys[0].key.curve, k.curve);
    cr_assert_eq(memcmp(out.keys[0].key.d, k.d, gost_curve_size(k.curve)), 0);
    cr_assert_eq(out.certs[0].der_len, cl);
    cr_assert_eq(memcmp(out.certs[0].der, cert, cl), 0);
    /* OpenSSL ties them with localKeyId = SHA-1 of the certificate */
    cr_assert_eq(out.keys[0].local_key_id_len, 20);
    cr_assert_eq(out.certs[0].local_key_id_len, 20);
    cr_assert_eq(memcmp(out.keys[0].local_key_id, out.certs[0].local_key_id, 20), 0);
    /* the certificate's key is the key's public part */
    gost_asn1_cert c;
    uint8_t xy[128];
    cr_assert_eq(gost_asn1_cert_parse(out.certs[0].der, out.certs[0].der_len, &c), GOST_OK);
    cr_assert_eq(gost_3410_public_key(k.curve, xy, k.d), GOST_OK);
    cr_assert_eq(memcmp(c.public_key.xy, xy, 2 * gost_curve_size(k.curve)), 0);
    gost_asn1_pkcs12_free(&out);
    cr_assert_eq(out.key_count, 0);

    cr_assert_eq(gost_asn1_pkcs12_read(p12, n, "wrong", 5, &out), GOST_ERR_PASSWORD);
    cr_assert_eq(out.key_count + out.cert_count, 0);
    cr_assert_eq(gost_asn1_pkcs12_read(p12, n, NULL, 0, &out), GOST_ERR_PASSWORD);
    free(p12);
    free(cert);
}

Test(asn1_pkcs12, openssl_plain_bags_mac512)
{
    expect_p12(asn1t_fixture("plain-mac512.p12"), "key256tca.pem", "cert256tca.pem");
}

Test(asn1_pkcs12, openssl_plain_bags_mac256)
{
    expect_p12(asn1t_fixture("plain-mac256.p12"), "key512c.pem", "cert512c.pem");
}

Test(asn1_pkcs12, openssl_live_every_curve_plain_bags)
{
    for (size_t i = 0; i < asn1t_ncurves; i++) {
        const struct asn1t_curve *ec = &asn1t_curves[i];
        char kp[256], cp[256];
        snprintf(kp, sizeof kp, "%s", asn1t_path("k.pem"));
        snprintf(cp, sizeof cp, "%s", asn1t_path("c.pem"));
        asn1t_engine_genkey(ec, kp);
        cr_assert_eq(asn1t_sh("openssl req -engine gost -x509 -new -key '%s' -%s -subj '/CN=P12' -out '%s'",
                              kp, ec->md, cp), 0);
        cr_assert_eq(asn1t_sh("openssl pkcs12 -engine gost -export -inkey '%s' -in '%s' -keypbe NONE "
                              "-certpbe NONE -macalg md_gost12_512 -passout pass:%s -out '%s'",
                              kp, cp, pw, asn1t_path("x.p12")), 0);
        size_t n, kn;
        uint8_t *p12 = asn1t_read(asn1t_path("x.p12"), &n), *kpem = asn1t_read(kp, &kn);
        gost_asn1_private_key k;
        gost_asn1_pkcs12 out;
        cr_assert_eq(gost_asn1_private_key_decode(kpem, kn, NULL, 0, &k), GOST_OK);
        cr_assert_eq(gost_asn1_pkcs12_read(p12, n, pw, strlen(pw), &out), GOST_OK, "%s", ec->paramset);
        cr_assert_eq(out.key_count, 1);
        cr_assert_eq(out.keys[0].key.curve, ec->curve);
        cr_assert_eq(memcmp(out.keys[0].key.d, k.d, gost_curve_size(k.curve)), 0);
        cr_assert_eq(out.cert_count, 1);
        gost_asn1_pkcs12_free(&out);
        free(p12), free(kpem);
    }
}

Test(asn1_pkcs12, openssl_cli_sha256_prf_bags)
{
    /* `openssl pkcs12 -export -keypbe kuznyechik-ctr-acpkm` (3.0) derives the
     * bag keys with PBKDF2-HMAC-SHA256 (the CLI has no PRF option): read. */
    expect_p12(asn1t_fixture("cli-kuznyechik.p12"), "key256a.pem", "cert256a.pem");
    size_t n;
    uint8_t *p12 = asn1t_read(asn1t_fixture("cli-kuznyechik.p12"), &n);
    gost_asn1_pkcs12 out;
    cr_assert_eq(gost_asn1_pkcs12_read(p12, n, "nope", 4, &out), GOST_ERR_PASSWORD);
    free(p12);
}

/* ---- PBES2 with the GOST PRF, written through OpenSSL's API -------------------- */

static EVP_PKEY *load_engine_key(const char *path)
{
    ENGINE *e = test_ossl_gost_engine();
    cr_assert_not_null(e);
    ENGINE_register_pkey_asn1_meths(e);
    ENGINE_register_pkey_meths(e);
    ENGINE_register_ciphers(e);
    ENGINE_register_digests(e);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    cr_assert_not_null(k, "OpenSSL cannot read %s", path);
    return k;
}

/* A PFX: the key in a pkcs8ShroudedKeyBag and the certificate in an
 * EncryptedData, both under PBES2 with PBKDF2-HMAC-Streebog-512 and
 * cipher; MAC HMAC-Streebog-512. */
static void openssl_write_gost_p12(const char *key_path, const char *cert_path, const char *cipher,
                                   const char *out_path)
{
    EVP_PKEY *pkey = load_engine_key(key_path);
    FILE *f = fopen(cert_path, "r");
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    cr_assert_not_null(x);
    const EVP_CIPHER *ciph = EVP_get_cipherbyname(cipher);
    cr_assert_not_null(ciph, "no cipher %s", cipher);
    X509_ALGOR *alg = PKCS5_pbe2_set_iv(ciph, 2048, NULL, 0, NULL,
                                        NID_id_tc26_hmac_gost_3411_2012_512);
    cr_assert_not_null(alg);
    PKCS8_PRIV_KEY_INFO *p8 = EVP_PKEY2PKCS8(pkey);
    X509_SIG *sig = PKCS8_set0_pbe(pw, (int)strlen(pw), p8, X509_ALGOR_dup(alg));
    cr_assert_not_null(sig);
    PKCS12_SAFEBAG *kbag = PKCS12_SAFEBAG_create0_pkcs8(sig);
    PKCS12_SAFEBAG *cbag = PKCS12_SAFEBAG_create_cert(x);
    unsigned char id[20];
    unsigned int idl = sizeof id;
    cr_assert_eq(X509_digest(x, EVP_sha1(), id, &idl), 1);
    PKCS12_add_localkeyid(kbag, id, (int)idl);
    PKCS12_add_localkeyid(cbag, id, (int)idl);
    STACK_OF(PKCS12_SAFEBAG) *kbags = sk_PKCS12_SAFEBAG_new_null(), *cbags = sk_PKCS12_SAFEBAG_new_null();
    sk_PKCS12_SAFEBAG_push(kbags, kbag);
    sk_PKCS12_SAFEBAG_push(cbags, cbag);
    /* the certificates in an EncryptedData under the same GOST PBES2
     * (what PKCS12_pack_p7encdata does, with our algorithm identifier) */
    PKCS7 *enc = PKCS7_new();
    cr_assert_eq(PKCS7_set_type(enc, NID_pkcs7_encrypted), 1);
    X509_ALGOR_free(enc->d.encrypted->enc_data->algorithm);
    enc->d.encrypted->enc_data->algorithm = X509_ALGOR_dup(alg);
    enc->d.encrypted->enc_data->enc_data =
        PKCS12_item_i2d_encrypt(alg, ASN1_ITEM_rptr(PKCS12_SAFEBAGS), pw, (int)strlen(pw), cbags, 1);
    cr_assert_not_null(enc->d.encrypted->enc_data->enc_data);
    STACK_OF(PKCS7) *safes = sk_PKCS7_new_null();
    sk_PKCS7_push(safes, enc);
    sk_PKCS7_push(safes, PKCS12_pack_p7data(kbags));
    PKCS12 *p12 = PKCS12_add_safes(safes, 0);
    cr_assert_not_null(p12);
    cr_assert_eq(PKCS12_set_mac(p12, pw, -1, NULL, 0, 2048, EVP_get_digestbyname("md_gost12_512")), 1);
    f = fopen(out_path, "wb");
    cr_assert_eq(i2d_PKCS12_fp(f, p12), 1);
    fclose(f);
    PKCS12_free(p12);
    X509_ALGOR_free(alg);
    sk_PKCS7_pop_free(safes, PKCS7_free);
    sk_PKCS12_SAFEBAG_pop_free(kbags, PKCS12_SAFEBAG_free);
    sk_PKCS12_SAFEBAG_pop_free(cbags, PKCS12_SAFEBAG_free);
    PKCS8_PRIV_KEY_INFO_free(p8);
    X509_free(x);
    EVP_PKEY_free(pkey);
}

Test(asn1_pkcs12, openssl_api_gost_pbes2_shrouded_key)
{
    static const struct { const char *key, *cert, *cipher; } cases[] = {
        { "key256a.pem", "cert256a.pem", "kuznyechik-ctr-acpkm" },
        { "key512a.pem", "cert512a.pem", "magma-ctr-acpkm" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char kp[512], cp[512], out[256];
        snprintf(kp, sizeof kp, "%s", asn1t_fixture(cases[i].key));
        snprintf(cp, sizeof cp, "%s", asn1t_fixture(cases[i].cert));
        snprintf(out, sizeof out, "%s", asn1t_path("gost.p12"));
        openssl_write_gost_p12(kp, cp, cases[i].cipher, out);
        /* OpenSSL itself reads it back */
        cr_assert_eq(asn1t_sh("openssl pkcs12 -engine gost -in '%s' -passin pass:%s -nodes -noout",
                              out, pw), 0);
        size_t n;
        uint8_t *p12 = asn1t_read(out, &n);
        gost_asn1_pkcs12 res;
        int rc = gost_asn1_pkcs12_read(p12, n, pw, strlen(pw), &res);
        if (!HAVE_CIPHERS) {
            cr_assert_eq(rc, GOST_ERR_UNSUPPORTED, "no ciphers yet: must be UNSUPPORTED, got %d", rc);
        } else {
            gost_asn1_private_key k = fixture_key(cases[i].key);
            cr_assert_eq(rc, GOST_OK, "%s: %d", cases[i].cipher, rc);
            cr_assert_eq(res.key_count, 1);
            cr_assert_eq(memcmp(res.keys[0].key.d, k.d, gost_curve_size(k.curve)), 0);
            cr_assert_eq(res.cert_count, 1);
            gost_asn1_pkcs12_free(&res);
        }
        cr_assert_eq(gost_asn1_pkcs12_read(p12, n, "bad", 3, &res), GOST_ERR_PASSWORD);
        free(p12);
    }
}

/* ---- encrypted PKCS #8 ---------------------------------------------------------- */

Test(asn1_pbes2, openssl_encrypted_keys)
{
    static const struct { const char *enc, *plain; } cases[] = {
        { "key256a.kuznyechik.p8.pem", "key256a.pem" },
        { "key512a.magma.p8.pem", "key512a.pem" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n;
        uint8_t *pem = asn1t_read(asn1t_fixture(cases[i].enc), &n);
        gost_asn1_private_key k, want = fixture_key(cases[i].plain);
        int rc = gost_asn1_private_key_decode(pem, n, pw, strlen(pw), &k);
        if (!HAVE_CIPHERS) {
            cr_assert_eq(rc, GOST_ERR_UNSUPPORTED, "%s: %d", cases[i].enc, rc);
        } else {
            cr_assert_eq(rc, GOST_OK, "%s: %d", cases[i].enc, rc);
            cr_assert_eq(k.curve, want.curve);
            cr_assert_eq(memcmp(k.d, want.d, sizeof k.d), 0);
            cr_assert_eq(gost_asn1_private_key_decode(pem, n, "libgosT", 7, &k), GOST_ERR_PASSWORD);
        }
        cr_assert_eq(gost_asn1_private_key_decode(pem, n, NULL, 0, &k), GOST_ERR_PASSWORD);
        free(pem);
    }
    size_t n;
    uint8_t *pem = asn1t_read(asn1t_fixture("key256a.sha256prf.p8.pem"), &n);
    gost_asn1_private_key k, want = fixture_key("key256a.pem");
    /* `openssl pkcs8 -v2 kuznyechik-ctr-acpkm`: PBKDF2-HMAC-SHA256, read */
    cr_assert_eq(gost_asn1_private_key_decode(pem, n, pw, strlen(pw), &k), GOST_OK);
    cr_assert_eq(k.curve, want.curve);
    cr_assert_eq(memcmp(k.d, want.d, sizeof k.d), 0);
    cr_assert_eq(gost_asn1_private_key_decode(pem, n, "libgosT", 7, &k), GOST_ERR_PASSWORD);
    free(pem);
}

Test(asn1_pbes2, openssl_reads_our_encrypted_keys)
{
    static const enum gost_asn1_cipher ciphers[] = { GOST_ASN1_KUZNYECHIK_CTR_ACPKM,
                                                     GOST_ASN1_MAGMA_CTR_ACPKM };
    for (size_t i = 0; i < 2; i++) {
        gost_asn1_private_key k = { .curve = i ? GOST_CURVE_512_B : GOST_CURVE_256_D }, back;
        uint8_t pub[128], der[1024];
        size_t dl = sizeof der;
        cr_assert_eq(gost_3410_keygen(k.curve, k.d, pub), GOST_OK);
        int rc = gost_asn1_private_key_encrypt(&k, pw, strlen(pw), ciphers[i], 1000, der, &dl);
        if (!HAVE_CIPHERS) {
            cr_assert_eq(rc, GOST_ERR_UNSUPPORTED);
            continue;
        }
        cr_assert_eq(rc, GOST_OK);
        cr_assert_eq(gost_asn1_private_key_decode(der, dl, pw, strlen(pw), &back), GOST_OK);
        cr_assert_eq(memcmp(back.d, k.d, sizeof k.d), 0);
        cr_assert_eq(gost_asn1_private_key_decode(der, dl, "x", 1, &back), GOST_ERR_PASSWORD);
        char pem[2048];
        size_t pl = sizeof pem;
        cr_assert_eq(gost_asn1_pem_encode("ENCRYPTED PRIVATE KEY", der, dl, pem, &pl), GOST_OK);
        asn1t_write(asn1t_path("enc.pem"), pem, pl);
        cr_assert_eq(asn1t_sh("openssl pkcs8 -engine gost -in '%s' -passin pass:%s -out '%s'",
                              asn1t_path("enc.pem"), pw, asn1t_path("dec.pem")), 0,
                     "openssl cannot decrypt our key (%d)", (int)i);
        size_t n;
        uint8_t *dec = asn1t_read(asn1t_path("dec.pem"), &n);
        cr_assert_eq(gost_asn1_private_key_decode(dec, n, NULL, 0, &back), GOST_OK);
        cr_assert_eq(memcmp(back.d, k.d, sizeof k.d), 0);
        free(dec);
    }
}

Test(asn1_pkcs12, bad_input)
{
    size_t n;
    uint8_t *p12 = asn1t_read(asn1t_fixture("plain-mac512.p12"), &n);
    gost_asn1_pkcs12 out;
    for (size_t len = 1; len < n; len += (len < 64 ? 1 : 37)) {
        uint8_t *exact = malloc(len);
        memcpy(exact, p12, len);
        cr_assert_eq(gost_asn1_pkcs12_read(exact, len, pw, strlen(pw), &out), GOST_ERR_DECODE,
                     "prefix %zu", len);
        free(exact);
    }
    /* the MAC covers the contents: a flipped byte inside is a bad password */
    p12[n / 2] ^= 0x01;
    int rc = gost_asn1_pkcs12_read(p12, n, pw, strlen(pw), &out);
    cr_assert(rc == GOST_ERR_PASSWORD || rc == GOST_ERR_DECODE, "rc %d", rc);
    free(p12);

    /* a SHA-256 MAC (OpenSSL's default) is not GOST */
    char kp[512], cp[512];
    snprintf(kp, sizeof kp, "%s", asn1t_fixture("key256tca.pem"));
    snprintf(cp, sizeof cp, "%s", asn1t_fixture("cert256tca.pem"));
    cr_assert_eq(asn1t_sh("openssl pkcs12 -engine gost -export -inkey '%s' -in '%s' -keypbe NONE "
                          "-certpbe NONE -macalg sha256 -passout pass:%s -out '%s'",
                          kp, cp, pw, asn1t_path("sha.p12")), 0);
    p12 = asn1t_read(asn1t_path("sha.p12"), &n);
    cr_assert_eq(gost_asn1_pkcs12_read(p12, n, pw, strlen(pw), &out), GOST_ERR_UNSUPPORTED);
    free(p12);
    cr_assert_eq(gost_asn1_pkcs12_read(NULL, 0, pw, 2, &out), GOST_ERR_INVALID_ARGUMENT);
}
