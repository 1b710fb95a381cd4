/* lib/asn1 certificates and requests: certificates made by `openssl req
 * -x509 -engine gost` on every curve parsed and verified; our PKCS #10
 * requests verified by `openssl req -verify`; the engine's requests
 * verified by us; a chain CA -> leaf signed by OpenSSL from our request. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/asn1_cert.h"
#include "gost/util.h"
#include "test_asn1_common.h"

static uint8_t *cert_der(const char *pem_path, size_t *len)
{
    cr_assert_eq(asn1t_sh("openssl x509 -in '%s' -outform DER -out '%s'", pem_path,
                          asn1t_path("c.der")), 0);
    return asn1t_read(asn1t_path("c.der"), len);
}

static void engine_public_key(const char *key_path, gost_asn1_public_key *p)
{
    cr_assert_eq(asn1t_sh("openssl pkey -engine gost -in '%s' -pubout -outform DER -out '%s'",
                          key_path, asn1t_path("pub.der")), 0);
    size_t n;
    uint8_t *der = asn1t_read(asn1t_path("pub.der"), &n);
    cr_assert_eq(gost_asn1_public_key_decode(der, n, p), GOST_OK);
    free(der);
}

/* The hex serial `openssl x509 -serial` prints, as DER INTEGER contents. */
static void expect_serial(const gost_asn1_cert *c, const char *pem_path)
{
    char *out = asn1t_sh_out("openssl x509 -in '%s' -noout -serial", pem_path);
    const char *hex = strchr(out, '=');
    cr_assert_not_null(hex);
    hex++;
    size_t hl = strcspn(hex, "\n");
    uint8_t want[64];
    size_t wl = 0;
    for (size_t i = 0; i + 1 < hl + 1 && i < hl; i += 2) {
        unsigned v;
        cr_assert_eq(sscanf(hex + i, "%2x", &v), 1);
        want[wl++] = (uint8_t)v;
    }
    /* tag 02, length, then the bytes (a 00 in front if the top bit is set) */
    cr_assert_eq(c->serial[0], 0x02);
    size_t off = 2 + (c->serial[2] == 0 && c->serial_len > 3 ? 1 : 0);
    cr_assert_eq(c->serial_len - off, wl);
    cr_assert_eq(memcmp(c->serial + off, want, wl), 0);
    free(out);
}

/* A certificate OpenSSL made with -days N: it reads the clock once for
 * notBefore and once for notAfter, and under load a second can pass between. */
static void assert_validity_days(const gost_asn1_cert *c, long long days)
{
    long long span = (long long)(c->not_after - c->not_before);
    cr_assert(span >= days * 86400 && span <= days * 86400 + 1, "validity %lld s, want %lld days",
              span, days);
}

Test(asn1_cert, engine_self_signed_every_curve)
{
    for (size_t i = 0; i < asn1t_ncurves; i++) {
        const struct asn1t_curve *ec = &asn1t_curves[i];
        const char *kp = asn1t_path("k.pem"), *cp = asn1t_path("c.pem");
        gost_asn1_public_key pub;
        gost_asn1_cert c;
        size_t n;

        asn1t_engine_genkey(ec, kp);
        cr_assert_eq(asn1t_sh("openssl req -engine gost -x509 -new -key '%s' -%s -days 30 "
                              "-subj '/CN=Test %s/O=libgost/C=RU' "
                              "-addext keyUsage=critical,digitalSignature,keyCertSign -out '%s'",
                              kp, ec->md, ec->paramset, cp),
                     0, "openssl req -x509 failed for %s", ec->paramset);
        uint8_t *der = cert_der(cp, &n);
        engine_public_key(kp, &pub);

        cr_assert_eq(gost_asn1_cert_parse(der, n, &c), GOST_OK, "%s %s", ec->algorithm, ec->paramset);
        cr_assert_eq(c.version, 3);
        cr_assert_eq(c.public_key.curve, ec->curve);
        cr_assert_eq(memcmp(c.public_key.xy, pub.xy, 2 * gost_curve_size(ec->curve)), 0);
        cr_assert_eq(c.issuer_len, c.subject_len);
        cr_assert_eq(memcmp(c.issuer, c.subject, c.subject_len), 0);
        assert_validity_days(&c, 30);
        cr_assert_eq(c.has_key_usage, 1);
        cr_assert_eq(c.key_usage, GOST_ASN1_KU_DIGITAL_SIGNATURE | GOST_ASN1_KU_KEY_CERT_SIGN);
        cr_assert_eq(c.tbs, der + 4);
        cr_assert_eq(c.sig_len, 2 * gost_curve_size(ec->curve));
        expect_serial(&c, cp);
        /* our subject from text is the same DER as OpenSSL's -subj */
        char text[64];
        uint8_t name[256];
        size_t nl = sizeof name;
        snprintf(text, sizeof text, "/CN=Test %s/O=libgost/C=RU", ec->paramset);
        cr_assert_eq(gost_asn1_name_from_string(text, name, &nl), GOST_OK);
        cr_assert_eq(nl, c.subject_len);
        cr_assert_eq(memcmp(name, c.subject, nl), 0);

        cr_assert_eq(gost_asn1_cert_verify(&c, &c.public_key), GOST_OK, "%s", ec->paramset);
        /* one flipped bit in the signed part breaks the signature */
        der[c.tbs_len / 2] ^= 0x01;
        gost_asn1_cert c2;
        int rc = gost_asn1_cert_parse(der, n, &c2);
        if (rc == GOST_OK)
            rc = gost_asn1_cert_verify(&c2, &c.public_key);
        cr_assert_neq(rc, GOST_OK);
        free(der);
    }
}

Test(asn1_cert, chain_from_our_request)
{
    /* CA: a 512-bit engine key; leaf: our 256-bit key and our request,
     * which OpenSSL checks and signs. */
    const struct asn1t_curve *ca = &asn1t_curves[9]; /* 512 A */
    char cak[256], cac[256]; /* asn1t_path's buffers rotate: keep copies */
    snprintf(cak, sizeof cak, "%s", asn1t_path("ca.pem"));
    snprintf(cac, sizeof cac, "%s", asn1t_path("cacert.pem"));
    asn1t_engine_genkey(ca, cak);
    cr_assert_eq(asn1t_sh("openssl req -engine gost -x509 -new -key '%s' -md_gost12_512 -days 9 "
                          "-subj '/CN=CA' -out '%s'", cak, cac), 0);

    gost_asn1_private_key k = { .curve = GOST_CURVE_256_A };
    gost_asn1_public_key p = { .curve = GOST_CURVE_256_A };
    cr_assert_eq(gost_3410_keygen(k.curve, k.d, p.xy), GOST_OK);
    uint8_t name[256], req[1024];
    char pem[2048];
    size_t nl = sizeof name, rl = sizeof req, pl = sizeof pem;
    cr_assert_eq(gost_asn1_name_from_string("CN=Leaf,O=libgost\\, test,C=RU,INN=007712345678",
                                            name, &nl), GOST_OK);
    cr_assert_eq(gost_asn1_request_sign(&k, name, nl, req, &rl), GOST_OK);
    cr_assert_eq(gost_asn1_pem_encode("CERTIFICATE REQUEST", req, rl, pem, &pl), GOST_OK);
    asn1t_write(asn1t_path("req.pem"), pem, pl);
    cr_assert_eq(asn1t_sh("openssl req -engine gost -verify -noout -in '%s'", asn1t_path("req.pem")), 0,
                 "openssl does not verify our request");
    char *subj = asn1t_sh_out("openssl req -engine gost -in '%s' -noout -subject -nameopt RFC2253",
                              asn1t_path("req.pem"));
    cr_assert_not_null(strstr(subj, "CN=Leaf"), "%s", subj);
    cr_assert_not_null(strstr(subj, "O=libgost\\, test"), "%s", subj);
    free(subj);
    cr_assert_eq(asn1t_sh("openssl x509 -engine gost -req -in '%s' -CA '%s' -CAkey '%s' "
                          "-md_gost12_512 -days 5 -set_serial 0x1234 -out '%s'",
                          asn1t_path("req.pem"), cac, cak, asn1t_path("leaf.pem")), 0);

    size_t n, cn;
    uint8_t *leaf = cert_der(asn1t_path("leaf.pem"), &n);
    gost_asn1_cert lc, cc;
    cr_assert_eq(gost_asn1_cert_parse(leaf, n, &lc), GOST_OK);
    uint8_t *cader = cert_der(cac, &cn);
    cr_assert_eq(gost_asn1_cert_parse(cader, cn, &cc), GOST_OK);
    cr_assert_eq(memcmp(lc.public_key.xy, p.xy, 64), 0);
    cr_assert_eq(lc.subject_len, nl);
    cr_assert_eq(memcmp(lc.subject, name, nl), 0);
    cr_assert_eq(lc.issuer_len, cc.subject_len);
    cr_assert_eq(memcmp(lc.issuer, cc.subject, cc.subject_len), 0);
    static const uint8_t serial[] = { 0x02, 0x02, 0x12, 0x34 };
    cr_assert_eq(lc.serial_len, sizeof serial);
    cr_assert_eq(memcmp(lc.serial, serial, sizeof serial), 0);
    cr_assert_eq(lc.sig_len, 128);
    cr_assert_eq(lc.has_key_usage, 0);
    assert_validity_days(&lc, 5);
    cr_assert_eq(gost_asn1_cert_verify(&lc, &cc.public_key), GOST_OK);
    /* the wrong issuer key: a 256-bit key cannot check a 512-bit signature */
    cr_assert_eq(gost_asn1_cert_verify(&lc, &lc.public_key), GOST_ERR_INVALID_ARGUMENT);
    /* another 512-bit key: the signature does not verify */
    gost_asn1_public_key other = { .curve = GOST_CURVE_512_A };
    uint8_t d[64];
    cr_assert_eq(gost_3410_keygen(other.curve, d, other.xy), GOST_OK);
    cr_assert_eq(gost_asn1_cert_verify(&lc, &other), GOST_ERR_AUTH);
    free(leaf);
    free(cader);
}

static int counting_signer(void *arg, const uint8_t *msg, size_t len, uint8_t *sig)
{
    const gost_asn1_private_key *k = ((void **)arg)[0];
    int *calls = ((void **)arg)[1];
    (*calls)++;
    return gost_3410_sign_message(k->curve, sig, k->d, msg, len);
}

static int failing_signer(void *arg, const uint8_t *msg, size_t len, uint8_t *sig)
{
    (void)arg, (void)msg, (void)len, (void)sig;
    return GOST_ERR_LOCKED;
}

Test(asn1_req, our_requests_every_curve_and_callback)
{
    static const enum gost_curve curves[] = { GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_256_C,
                                              GOST_CURVE_256_D, GOST_CURVE_512_A, GOST_CURVE_512_B,
                                              GOST_CURVE_512_C };
    uint8_t name[128];
    size_t nl = sizeof name;
    cr_assert_eq(gost_asn1_name_from_string("CN=Token user,emailAddress=u@example.ru,C=RU", name, &nl), GOST_OK);
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++) {
        gost_asn1_private_key k = { .curve = curves[i] };
        gost_asn1_public_key p = { .curve = curves[i] }, back;
        int calls = 0;
        void *arg[2] = { &k, &calls };
        uint8_t req[1024];
        size_t rl = sizeof req;
        cr_assert_eq(gost_3410_keygen(k.curve, k.d, p.xy), GOST_OK);
        cr_assert_eq(gost_asn1_request_build(&p, name, nl, counting_signer, arg, req, &rl), GOST_OK);
        cr_assert_eq(calls, 1);
        const uint8_t *subj;
        size_t sl;
        cr_assert_eq(gost_asn1_request_verify(req, rl, &back, &subj, &sl), GOST_OK);
        cr_assert_eq(back.curve, p.curve);
        cr_assert_eq(memcmp(back.xy, p.xy, 2 * gost_curve_size(p.curve)), 0);
        cr_assert_eq(sl, nl);
        cr_assert_eq(memcmp(subj, name, nl), 0);
        asn1t_write(asn1t_path("r.der"), req, rl);
        cr_assert_eq(asn1t_sh("openssl req -engine gost -verify -noout -inform DER -in '%s'",
                              asn1t_path("r.der")), 0, "openssl rejects our %s request",
                     gost_curve_name(curves[i]));
        /* a flipped bit anywhere in the signature breaks it */
        req[rl - 5] ^= 0x10;
        cr_assert_eq(gost_asn1_request_verify(req, rl, &back, NULL, NULL), GOST_ERR_AUTH);
        /* the signer's error is passed on, nothing written */
        rl = sizeof req;
        cr_assert_eq(gost_asn1_request_build(&p, name, nl, failing_signer, NULL, req, &rl),
                     GOST_ERR_LOCKED);
    }
    /* a subject that is not a Name */
    gost_asn1_public_key p = { .curve = GOST_CURVE_256_A };
    uint8_t d[32], req[512];
    size_t rl = sizeof req;
    cr_assert_eq(gost_3410_keygen(p.curve, d, p.xy), GOST_OK);
    static const uint8_t not_a_name[] = { 0x04, 0x01, 0x00 };
    cr_assert_eq(gost_asn1_request_build(&p, not_a_name, sizeof not_a_name, failing_signer, NULL,
                                         req, &rl), GOST_ERR_INVALID_ARGUMENT);
}

Test(asn1_req, engine_requests_every_curve)
{
    for (size_t i = 0; i < asn1t_ncurves; i++) {
        const struct asn1t_curve *ec = &asn1t_curves[i];
        const char *kp = asn1t_path("k.pem");
        asn1t_engine_genkey(ec, kp);
        cr_assert_eq(asn1t_sh("openssl req -engine gost -new -key '%s' -%s -subj '/CN=R %s' -out '%s'",
                              kp, ec->md, ec->paramset, asn1t_path("r.pem")), 0);
        size_t n;
        uint8_t *pem = asn1t_read(asn1t_path("r.pem"), &n);
        gost_asn1_public_key p, want;
        engine_public_key(kp, &want);
        cr_assert_eq(gost_asn1_request_verify(pem, n, &p, NULL, NULL), GOST_OK, "%s", ec->paramset);
        cr_assert_eq(p.curve, ec->curve);
        cr_assert_eq(memcmp(p.xy, want.xy, 2 * gost_curve_size(p.curve)), 0);
        free(pem);
    }
}

Test(asn1_name, text_forms_and_errors)
{
    uint8_t a[256], b[256];
    size_t al = sizeof a, bl = sizeof b;
    cr_assert_eq(gost_asn1_name_from_string("CN=A B,O=Org,C=RU", a, &al), GOST_OK);
    cr_assert_eq(gost_asn1_name_from_string("/CN=A B/O=Org/C=RU", b, &bl), GOST_OK);
    cr_assert_eq(al, bl);
    cr_assert_eq(memcmp(a, b, al), 0);
    /* 30 LL 31 0c 30 0a 06 03 55 04 03 0c 03 'A' ' ' 'B' ... */
    static const uint8_t cn[] = { 0x31, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x03, 'A', ' ', 'B' };
    cr_assert_eq(memcmp(a + 2, cn, sizeof cn), 0);
    al = sizeof a;
    cr_assert_eq(gost_asn1_name_from_string("XX=1", a, &al), GOST_ERR_INVALID_ARGUMENT);
    al = sizeof a;
    cr_assert_eq(gost_asn1_name_from_string("CN=", a, &al), GOST_ERR_INVALID_ARGUMENT);
    al = sizeof a;
    cr_assert_eq(gost_asn1_name_from_string("C=RUS", a, &al), GOST_ERR_INVALID_ARGUMENT);
    al = sizeof a;
    cr_assert_eq(gost_asn1_name_from_string("SNILS=12a", a, &al), GOST_ERR_INVALID_ARGUMENT);
    al = sizeof a;
    cr_assert_eq(gost_asn1_name_from_string("", a, &al), GOST_ERR_INVALID_ARGUMENT);
    al = 4;
    cr_assert_eq(gost_asn1_name_from_string("CN=A B", a, &al), GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(al, 2 + 14 - 0);
}

Test(asn1_bad, certificate_prefixes_and_garbage)
{
    const struct asn1t_curve *ec = &asn1t_curves[0];
    const char *kp = asn1t_path("k.pem"), *cp = asn1t_path("c.pem");
    asn1t_engine_genkey(ec, kp);
    cr_assert_eq(asn1t_sh("openssl req -engine gost -x509 -new -key '%s' -md_gost12_256 -subj '/CN=X' -out '%s'",
                          kp, cp), 0);
    size_t n;
    uint8_t *der = cert_der(cp, &n);
    gost_asn1_cert c;
    for (size_t len = 0; len < n; len++) {
        uint8_t *exact = malloc(len ? len : 1);
        memcpy(exact, der, len);
        cr_assert_eq(gost_asn1_cert_parse(exact, len, &c), GOST_ERR_DECODE, "prefix %zu", len);
        free(exact);
    }
    /* every single-byte change: an error code or a parse, never a crash */
    for (size_t i = 0; i < n; i++) {
        uint8_t *m = malloc(n);
        memcpy(m, der, n);
        m[i] ^= 0x5a;
        int rc = gost_asn1_cert_parse(m, n, &c);
        cr_assert(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_UNSUPPORTED ||
                  rc == GOST_ERR_BAD_POINT, "byte %zu rc %d", i, rc);
        free(m);
    }
    free(der);
}
