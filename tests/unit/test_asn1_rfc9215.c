/* The worked examples of RFC 9215 Appendix A (draft-deremin-rfc4491-bis):
 * for the 256-bit test set, 256-bit paramSetA and the 512-bit test set, a
 * private key, a certification request and a self-signed certificate with
 * known signatures. The requests and certificates are kept as PEM in
 * tests/data/asn1/rfc9215-*.pem; the keys and signatures are below.
 * Checked: our public key from the private key is the one in both files;
 * both signatures verify; and a request we build with the example's
 * subject, key and signature (fed through the signer callback) is the
 * example's request byte for byte. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/asn1_cert.h"
#include "test_asn1_common.h"
#include "testutil.h"

static const struct example {
    const char *name;
    enum gost_curve curve;
    const char *priv_be;  /* the private key, big-endian hex */
    const char *req_sig;  /* the request's signature value, hex */
    const char *cert_sig; /* the certificate's signature value, hex */
    int serial;
} examples[] = {
    { "a1-256test", GOST_CURVE_256_TEST,
      "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28",
      "6AAAB38E35D4AAA517940301799122D855484F579F4CBB96D63CDFDF3ACC432A"
      "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493",
      "4D53F012FE081776507D4D9BB81F00EFDB4EEFD4AB83BAC4BACF735173CFA81C"
      "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493", 10 },
    { "a2-256a", GOST_CURVE_256_A,
      "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28",
      "1BDC2A1317679B66232F63EA16FF7C64CCAAB9AD855FC6E18091661DB79D4812"
      "1D0E1DA5BE347C6F1B5256C7AEAC200AD64AC77A6F5B3A0E097318E7AE6EE769",
      "140B4DA9124B09CB0D5CE928EE874273A310129492EC0E29369E3B791248578C"
      "1D0E1DA5BE347C6F1B5256C7AEAC200AD64AC77A6F5B3A0E097318E7AE6EE769", 10 },
    { "a3-512test", GOST_CURVE_512_TEST,
      "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020"
      "72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
      "433B1D6CE40A51F1E5737EB16AA2C683829A405B9D9127E21260FC9D6AC05D87"
      "BF24E26C45278A5C2192A75BA94993ABD6074E7FF1BF03FD2F5397AFA1D94558"
      "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD3"
      "5492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36",
      "415703D892F1A5F3F68C4353189A7EE207B80B5631EF9D49529A4D6B542C2CFA"
      "15AA2EACF11F470FDE7D954856903C35FD8F955EF300D95C77534A724A0EEE70"
      "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD3"
      "5492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36", 11 },
};

static uint8_t *fixture_der(const char *name, const char *kind, const char *label, size_t *len)
{
    char file[64];
    size_t n;
    snprintf(file, sizeof file, "rfc9215-%s-%s.pem", name, kind);
    char *pem = (char *)asn1t_read(asn1t_fixture(file), &n);
    uint8_t *der = malloc(n);
    *len = n;
    cr_assert_eq(gost_asn1_pem_decode(pem, n, label, der, len), GOST_OK, "%s", file);
    free(pem);
    return der;
}

/* A signer that returns the example's signature. */
static int fixed_signer(void *arg, const uint8_t *msg, size_t len, uint8_t *sig)
{
    const uint8_t *want = arg;
    (void)msg;
    (void)len;
    memcpy(sig, want, 128);
    return 0;
}

Test(asn1_rfc9215, appendix_a_examples)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        const struct example *ex = &examples[i];
        size_t n = gost_curve_size(ex->curve), rl, cl;
        uint8_t be[64], req_sig[128], cert_sig[128];
        gost_asn1_private_key k = { .curve = ex->curve };
        gost_asn1_public_key pub = { .curve = ex->curve }, got;

        cr_assert_eq(test_unhex(ex->priv_be, be, sizeof be), (long)n);
        if (ex->curve == GOST_CURVE_256_A) {
            /* The example reuses the 256-bit test key, which exceeds this
             * curve's q (about 2^254): the key in effect is d - q. q from
             * R 1323565.1.024-2019 (id-tc26-gost-3410-2012-256-paramSetA). */
            uint8_t q[32];
            cr_assert_eq(test_unhex("400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67",
                                    q, sizeof q), 32);
            unsigned borrow = 0;
            for (size_t j = 32; j-- > 0;) {
                unsigned v = (unsigned)be[j] - q[j] - borrow;
                be[j] = (uint8_t)v;
                borrow = (v >> 8) & 1;
            }
            cr_assert_eq(borrow, 0);
        }
        for (size_t j = 0; j < n; j++)
            k.d[j] = be[n - 1 - j];
        cr_assert_eq(gost_3410_public_key(ex->curve, pub.xy, k.d), GOST_OK);
        cr_assert_eq(test_unhex(ex->req_sig, req_sig, sizeof req_sig), (long)(2 * n));
        cr_assert_eq(test_unhex(ex->cert_sig, cert_sig, sizeof cert_sig), (long)(2 * n));

        /* the request */
        uint8_t *req = fixture_der(ex->name, "req", "CERTIFICATE REQUEST", &rl);
        const uint8_t *subject;
        size_t subject_len;
        cr_assert_eq(gost_asn1_request_verify(req, rl, &got, &subject, &subject_len), GOST_OK,
                     "%s", ex->name);
        cr_assert_eq(got.curve, ex->curve);
        cr_assert_eq(memcmp(got.xy, pub.xy, 2 * n), 0, "%s: public key", ex->name);
        /* rebuilt through our encoder with the same signature: identical */
        uint8_t ours[1024];
        size_t ol = sizeof ours;
        cr_assert_eq(gost_asn1_request_build(&pub, subject, subject_len, fixed_signer, req_sig,
                                             ours, &ol), GOST_OK);
        cr_assert_eq(ol, rl, "%s: length %zu, want %zu", ex->name, ol, rl);
        cr_assert_eq(memcmp(ours, req, rl), 0, "%s: request bytes differ", ex->name);

        /* the certificate */
        uint8_t *cert = fixture_der(ex->name, "cert", "CERTIFICATE", &cl);
        gost_asn1_cert c;
        cr_assert_eq(gost_asn1_cert_parse(cert, cl, &c), GOST_OK, "%s", ex->name);
        cr_assert_eq(c.version, 3);
        cr_assert_eq(c.serial_len, 3);
        cr_assert_eq(c.serial[2], ex->serial);
        cr_assert_eq(c.not_before, 978307200);  /* UTCTime 010101000000Z */
        cr_assert_eq(c.not_after, 2556057600);  /* GeneralizedTime 20501231000000Z */
        cr_assert_eq(c.has_key_usage, 0);
        cr_assert_eq(c.subject_len, subject_len);
        cr_assert_eq(memcmp(c.subject, subject, subject_len), 0);
        cr_assert_eq(memcmp(c.public_key.xy, pub.xy, 2 * n), 0);
        cr_assert_eq(c.sig_len, 2 * n);
        cr_assert_eq(memcmp(c.signature, cert_sig, 2 * n), 0);
        cr_assert_eq(gost_asn1_cert_verify(&c, &pub), GOST_OK, "%s", ex->name);
        free(req);
        free(cert);
    }
}
