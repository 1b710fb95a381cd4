/* lib/asn1 keys: OIDs and parameters, PEM, SubjectPublicKeyInfo and PKCS #8
 * against OpenSSL's GOST engine in both directions on every curve it has,
 * and the documented errors on bad input. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "gost/asn1.h"
#include "gost/util.h"
#include "test_asn1_common.h"
#include "testutil.h"

static void keygen(enum gost_curve c, gost_asn1_private_key *k, gost_asn1_public_key *p)
{
    memset(k, 0, sizeof *k);
    memset(p, 0, sizeof *p);
    k->curve = p->curve = c;
    cr_assert_eq(gost_3410_keygen(c, k->d, p->xy), GOST_OK);
}

/* ---- OIDs and parameters ------------------------------------------------------- */

Test(asn1_oid, known_encodings)
{
    /* X.690 s.8.19: 1.2 -> 0x2a, 643 -> 0x85 0x03 (base 128). */
    static const uint8_t want[] = { 0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x01 };
    uint8_t der[32];
    size_t len = sizeof der;
    char oid[GOST_ASN1_OID_MAX];

    cr_assert_eq(gost_asn1_oid_to_der("1.2.643.7.1.2.1.1.1", der, &len), GOST_OK);
    cr_assert_eq(len, sizeof want);
    cr_assert_eq(memcmp(der, want, len), 0);
    cr_assert_eq(gost_asn1_oid_from_der(want, sizeof want, oid), GOST_OK);
    cr_assert_str_eq(oid, "1.2.643.7.1.2.1.1.1");
    len = 3;
    cr_assert_eq(gost_asn1_oid_to_der("1.2.643.7.1.2.1.1.1", der, &len), GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(len, sizeof want);
    cr_assert_eq(gost_asn1_oid_from_der(want, sizeof want - 1, oid), GOST_ERR_DECODE);
    cr_assert_eq(gost_asn1_oid_from_der(want + 1, sizeof want - 1, oid), GOST_ERR_DECODE);
    len = sizeof der;
    cr_assert_eq(gost_asn1_oid_to_der("not.an.oid", der, &len), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_str_eq(gost_asn1_key_algorithm_oid(GOST_CURVE_256_A), "1.2.643.7.1.1.1.1");
    cr_assert_str_eq(gost_asn1_key_algorithm_oid(GOST_CURVE_512_C), "1.2.643.7.1.1.1.2");
    cr_assert_str_eq(gost_asn1_signature_algorithm_oid(GOST_CURVE_256_B), "1.2.643.7.1.1.3.2");
    cr_assert_str_eq(gost_asn1_signature_algorithm_oid(GOST_CURVE_512_B), "1.2.643.7.1.1.3.3");
    cr_assert_str_eq(gost_asn1_digest_oid(GOST_CURVE_512_A), "1.2.643.7.1.1.2.3");
    cr_assert_null(gost_asn1_digest_oid(GOST_CURVE_COUNT));
}

Test(asn1_oid, key_params_round_trip_every_curve_and_alias)
{
    static const struct { enum gost_curve c; const char *oid; int digest; } cases[] = {
        { GOST_CURVE_256_A, NULL, 0 },
        { GOST_CURVE_256_B, NULL, 0 },
        { GOST_CURVE_256_B, "1.2.643.2.2.35.1", 1 }, /* CryptoPro-A */
        { GOST_CURVE_256_B, "1.2.643.2.2.36.0", 1 }, /* CryptoPro-XchA */
        { GOST_CURVE_256_C, "1.2.643.2.2.35.2", 1 },
        { GOST_CURVE_256_D, "1.2.643.2.2.35.3", 1 },
        { GOST_CURVE_256_D, "1.2.643.2.2.36.1", 1 },
        { GOST_CURVE_512_A, NULL, 1 },
        { GOST_CURVE_512_B, NULL, 1 },
        { GOST_CURVE_512_C, NULL, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t der[64];
        size_t len = sizeof der;
        enum gost_curve c;
        char oid[GOST_ASN1_OID_MAX];
        cr_assert_eq(gost_asn1_key_params_encode(cases[i].c, cases[i].oid, der, &len), GOST_OK);
        cr_assert_eq(gost_asn1_key_params_decode(der, len, &c, oid), GOST_OK);
        cr_assert_eq(c, cases[i].c);
        cr_assert_str_eq(oid, cases[i].oid ? cases[i].oid : gost_curve_oid(cases[i].c));
        /* digestParamSet (RFC 9215 s.4.1) makes the SEQUENCE 10 bytes longer */
        size_t oid_der = 2 + (cases[i].oid ? 7 : 9);
        cr_assert_eq(len, 2 + oid_der + (cases[i].digest ? 10 : 0), "case %zu len %zu", i, len);
        /* the bare OID form (PKCS#11 CKA_GOSTR3410_PARAMS) */
        cr_assert_eq(gost_asn1_key_params_decode(der + 2, oid_der, &c, NULL), GOST_OK);
        cr_assert_eq(c, cases[i].c);
    }
    uint8_t der[64];
    size_t len = sizeof der;
    /* an alias of another curve is refused */
    cr_assert_eq(gost_asn1_key_params_encode(GOST_CURVE_256_C, "1.2.643.2.2.35.1", der, &len),
                 GOST_ERR_INVALID_ARGUMENT);
    /* an unknown parameter set */
    len = sizeof der;
    cr_assert_eq(gost_asn1_oid_to_der("1.2.643.7.1.2.1.1.9", der, &len), GOST_OK);
    enum gost_curve c;
    cr_assert_eq(gost_asn1_key_params_decode(der, len, &c, NULL), GOST_ERR_UNSUPPORTED);
}

/* ---- PEM ------------------------------------------------------------------------- */

Test(asn1_pem, round_trip_and_errors)
{
    uint64_t seed = test_seed();
    for (size_t n = 1; n < 200; n += 7) {
        uint8_t der[256], back[300];
        char pem[512];
        size_t pl = 0, bl = sizeof back;
        test_rand_bytes(&seed, der, n);
        cr_assert_eq(gost_asn1_pem_encode("TEST DATA", der, n, NULL, &pl), GOST_ERR_BUFFER_TOO_SMALL);
        size_t need = pl;
        pl = need + 1;
        cr_assert_eq(gost_asn1_pem_encode("TEST DATA", der, n, pem, &pl), GOST_OK);
        cr_assert_eq(pl, need);
        cr_assert_eq(strlen(pem), pl);
        cr_assert_eq(gost_asn1_pem_decode(pem, pl, "TEST DATA", back, &bl), GOST_OK);
        cr_assert_eq(bl, n);
        cr_assert_eq(memcmp(back, der, n), 0);
        bl = sizeof back;
        cr_assert_eq(gost_asn1_pem_decode(pem, pl, "OTHER", back, &bl), GOST_ERR_DECODE);
        /* base64 as OpenSSL writes it decodes to the same bytes */
        asn1t_write(asn1t_path("b.bin"), der, n);
        char *b64 = asn1t_sh_out("openssl base64 -in '%s'", asn1t_path("b.bin"));
        cr_assert_not_null(strstr(pem, b64), "our base64 differs from openssl's for n=%zu", n);
        free(b64);
    }
    static const char bad[] = "-----BEGIN X-----\nAB*D\n-----END X-----\n";
    static const char unterminated[] = "-----BEGIN X-----\nABCD\n";
    static const char badpad[] = "-----BEGIN X-----\nA===\n-----END X-----\n";
    uint8_t out[16];
    size_t ol = sizeof out;
    cr_assert_eq(gost_asn1_pem_decode(bad, sizeof bad - 1, "X", out, &ol), GOST_ERR_DECODE);
    ol = sizeof out;
    cr_assert_eq(gost_asn1_pem_decode(unterminated, sizeof unterminated - 1, "X", out, &ol), GOST_ERR_DECODE);
    ol = sizeof out;
    cr_assert_eq(gost_asn1_pem_decode(badpad, sizeof badpad - 1, "X", out, &ol), GOST_ERR_DECODE);
}

/* ---- keys written by the engine, read by us -------------------------------------- */

Test(asn1_keys, engine_keys_every_curve)
{
    for (size_t i = 0; i < asn1t_ncurves; i++) {
        const struct asn1t_curve *ec = &asn1t_curves[i];
        gost_asn1_private_key k;
        gost_asn1_public_key p;
        uint8_t *pem, *der, *pubder, ours[512], xy[128];
        size_t pem_len, der_len, pub_len, ours_len = sizeof ours;
        const char *kp = asn1t_path("k.pem");

        asn1t_engine_genkey(ec, kp);
        cr_assert_eq(asn1t_sh("openssl pkey -engine gost -in '%s' -outform DER -out '%s'", kp,
                              asn1t_path("k.der")), 0);
        cr_assert_eq(asn1t_sh("openssl pkey -engine gost -in '%s' -pubout -outform DER -out '%s'",
                              kp, asn1t_path("p.der")), 0);
        pem = asn1t_read(kp, &pem_len);
        der = asn1t_read(asn1t_path("k.der"), &der_len);
        pubder = asn1t_read(asn1t_path("p.der"), &pub_len);

        cr_assert_eq(gost_asn1_private_key_decode(pem, pem_len, NULL, 0, &k), GOST_OK, "%s %s",
                     ec->algorithm, ec->paramset);
        cr_assert_eq(k.curve, ec->curve, "%s %s", ec->algorithm, ec->paramset);
        cr_assert_eq(gost_asn1_public_key_decode(pubder, pub_len, &p), GOST_OK);
        cr_assert_eq(p.curve, ec->curve);
        cr_assert_str_eq(p.param_oid, k.param_oid);
        /* the engine's public key is d * P for the d we read */
        cr_assert_eq(gost_3410_public_key(k.curve, xy, k.d), GOST_OK);
        cr_assert_eq(memcmp(xy, p.xy, 2 * gost_curve_size(k.curve)), 0);
        /* and we write both back byte for byte */
        cr_assert_eq(gost_asn1_private_key_encode(&k, ours, &ours_len), GOST_OK);
        cr_assert_eq(ours_len, der_len, "%s %s", ec->algorithm, ec->paramset);
        cr_assert_eq(memcmp(ours, der, der_len), 0);
        ours_len = sizeof ours;
        cr_assert_eq(gost_asn1_public_key_encode(&p, ours, &ours_len), GOST_OK);
        cr_assert_eq(ours_len, pub_len);
        cr_assert_eq(memcmp(ours, pubder, pub_len), 0, "%s %s", ec->algorithm, ec->paramset);
        gost_wipe(&k, sizeof k);
        free(pem), free(der), free(pubder);
    }
}

/* ---- keys written by us, read by the engine -------------------------------------- */

Test(asn1_keys, engine_reads_our_keys_every_curve)
{
    static const enum gost_curve curves[] = { GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_256_C,
                                              GOST_CURVE_256_D, GOST_CURVE_512_A, GOST_CURVE_512_B,
                                              GOST_CURVE_512_C };
    for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++) {
        gost_asn1_private_key k;
        gost_asn1_public_key p;
        uint8_t der[512], *back;
        char pem[1024];
        size_t dl = sizeof der, pl = sizeof pem, bl;

        keygen(curves[i], &k, &p);
        cr_assert_eq(gost_asn1_public_key_encode(&p, der, &dl), GOST_OK);
        cr_assert_eq(gost_asn1_pem_encode("PUBLIC KEY", der, dl, pem, &pl), GOST_OK);
        asn1t_write(asn1t_path("ours_pub.pem"), pem, pl);
        /* the engine parses our SPKI and writes the same DER back */
        cr_assert_eq(asn1t_sh("openssl pkey -engine gost -pubin -in '%s' -outform DER -out '%s'",
                              asn1t_path("ours_pub.pem"), asn1t_path("back.der")), 0,
                     "engine refused our public key on %s", gost_curve_name(curves[i]));
        back = asn1t_read(asn1t_path("back.der"), &bl);
        cr_assert_eq(bl, dl);
        cr_assert_eq(memcmp(back, der, dl), 0);
        free(back);

        dl = sizeof der, pl = sizeof pem;
        cr_assert_eq(gost_asn1_private_key_encode(&k, der, &dl), GOST_OK);
        cr_assert_eq(gost_asn1_pem_encode("PRIVATE KEY", der, dl, pem, &pl), GOST_OK);
        asn1t_write(asn1t_path("ours_priv.pem"), pem, pl);
        /* the engine derives from our private key the public key we have */
        cr_assert_eq(asn1t_sh("openssl pkey -engine gost -in '%s' -pubout -outform DER -out '%s'",
                              asn1t_path("ours_priv.pem"), asn1t_path("back.der")), 0);
        back = asn1t_read(asn1t_path("back.der"), &bl);
        dl = sizeof der;
        cr_assert_eq(gost_asn1_public_key_encode(&p, der, &dl), GOST_OK);
        cr_assert_eq(bl, dl);
        cr_assert_eq(memcmp(back, der, dl), 0, "engine read another private key (%s)",
                     gost_curve_name(curves[i]));
        free(back);
        /* and our decoder reads our PEM */
        gost_asn1_private_key k2;
        cr_assert_eq(gost_asn1_private_key_decode(pem, pl, NULL, 0, &k2), GOST_OK);
        cr_assert_eq(k2.curve, k.curve);
        cr_assert_str_eq(k2.param_oid, gost_curve_oid(k.curve));
        cr_assert_eq(memcmp(k2.d, k.d, sizeof k.d), 0);
    }
}

Test(asn1_keys, integer_private_key_form_is_read)
{
    /* The engine also reads d as an INTEGER inside privateKey: so do we. */
    gost_asn1_private_key k, k2;
    gost_asn1_public_key p;
    uint8_t der[256];
    size_t dl = sizeof der;
    keygen(GOST_CURVE_256_B, &k, &p);
    k.d[31] &= 0x3f; /* keep the top byte's high bit clear: no leading zero needed */
    cr_assert_eq(gost_asn1_private_key_encode(&k, der, &dl), GOST_OK);
    /* ... 04 20 <d LE> at the end: rewrite as 04 22 02 20 <d BE> */
    cr_assert_eq(der[dl - 34], 0x04);
    uint8_t alt[256];
    size_t head = dl - 34;
    memcpy(alt, der, head);
    alt[1] = (uint8_t)(der[1] + 2);
    alt[head] = 0x04, alt[head + 1] = 0x22, alt[head + 2] = 0x02, alt[head + 3] = 0x20;
    for (int i = 0; i < 32; i++)
        alt[head + 4 + i] = k.d[31 - i];
    cr_assert_eq(gost_asn1_private_key_decode(alt, dl + 2, NULL, 0, &k2), GOST_OK);
    cr_assert_eq(memcmp(k2.d, k.d, 32), 0);
}

/* ---- bad input ------------------------------------------------------------------- */

Test(asn1_bad, truncated_overlong_retagged_trailing)
{
    gost_asn1_private_key k, k2;
    gost_asn1_public_key p, p2;
    uint8_t spki[256], pk8[256], buf[300];
    size_t sl = sizeof spki, kl = sizeof pk8;
    keygen(GOST_CURVE_512_A, &k, &p);
    cr_assert_eq(gost_asn1_public_key_encode(&p, spki, &sl), GOST_OK);
    cr_assert_eq(gost_asn1_private_key_encode(&k, pk8, &kl), GOST_OK);

    for (size_t n = 1; n < sl; n++) {
        memcpy(buf, spki, n); /* an exact-size copy so ASan sees any over-read */
        uint8_t *exact = malloc(n);
        memcpy(exact, spki, n);
        cr_assert_eq(gost_asn1_public_key_decode(exact, n, &p2), GOST_ERR_DECODE, "prefix %zu", n);
        free(exact);
    }
    for (size_t n = 1; n < kl; n++) {
        uint8_t *exact = malloc(n);
        memcpy(exact, pk8, n);
        cr_assert_eq(gost_asn1_private_key_decode(exact, n, NULL, 0, &k2), GOST_ERR_DECODE, "prefix %zu", n);
        free(exact);
    }
    /* trailing garbage */
    memcpy(buf, spki, sl);
    buf[sl] = 0;
    cr_assert_eq(gost_asn1_public_key_decode(buf, sl + 1, &p2), GOST_ERR_DECODE);
    /* an outer length longer than the data */
    memcpy(buf, spki, sl);
    buf[2]++; /* 30 81 LL: the length byte */
    cr_assert_eq(gost_asn1_public_key_decode(buf, sl, &p2), GOST_ERR_DECODE);
    /* a SET where the SEQUENCE should be */
    memcpy(buf, spki, sl);
    buf[0] = 0x31;
    cr_assert_eq(gost_asn1_public_key_decode(buf, sl, &p2), GOST_ERR_DECODE);
    /* a non-minimal length (BER, not DER) */
    cr_assert_eq(spki[1], 0x81);
    buf[0] = 0x30, buf[1] = 0x82, buf[2] = 0x00;
    memcpy(buf + 3, spki + 2, sl - 2);
    cr_assert_eq(gost_asn1_public_key_decode(buf, sl + 1, &p2), GOST_ERR_DECODE);
}

Test(asn1_bad, deep_nesting)
{
    /* 4000 nested SEQUENCEs, indefinite and definite: refused, no stack blow-up */
    size_t depth = 4000, n = 2 * depth + 2 * depth;
    uint8_t *b = calloc(1, n);
    for (size_t i = 0; i < depth; i++)
        b[2 * i] = 0x30, b[2 * i + 1] = 0x80;
    gost_asn1_public_key p;
    gost_asn1_private_key k;
    cr_assert_eq(gost_asn1_public_key_decode(b, n, &p), GOST_ERR_DECODE);
    cr_assert_eq(gost_asn1_private_key_decode(b, n, NULL, 0, &k), GOST_ERR_DECODE);
    free(b);
}

Test(asn1_bad, invalid_points_and_scalars)
{
    gost_asn1_private_key k;
    gost_asn1_public_key p, p2;
    uint8_t der[256];
    size_t dl = sizeof der;
    keygen(GOST_CURVE_256_A, &k, &p);
    cr_assert_eq(gost_asn1_public_key_encode(&p, der, &dl), GOST_OK);
    der[dl - 1] ^= 1; /* Y's top byte: off the curve */
    cr_assert_eq(gost_asn1_public_key_decode(der, dl, &p2), GOST_ERR_BAD_POINT);
    p.xy[0] ^= 1;
    dl = sizeof der;
    cr_assert_eq(gost_asn1_public_key_encode(&p, der, &dl), GOST_ERR_BAD_POINT);

    memset(k.d, 0, sizeof k.d);
    dl = sizeof der;
    cr_assert_eq(gost_asn1_private_key_encode(&k, der, &dl), GOST_ERR_BAD_KEY);
    /* a zero scalar in a well-formed PrivateKeyInfo */
    keygen(GOST_CURVE_256_A, &k, &p);
    dl = sizeof der;
    cr_assert_eq(gost_asn1_private_key_encode(&k, der, &dl), GOST_OK);
    memset(der + dl - 32, 0, 32);
    gost_asn1_private_key k2;
    cr_assert_eq(gost_asn1_private_key_decode(der, dl, NULL, 0, &k2), GOST_ERR_BAD_KEY);
    memset(der + dl - 32, 0xff, 32); /* >= q */
    cr_assert_eq(gost_asn1_private_key_decode(der, dl, NULL, 0, &k2), GOST_ERR_BAD_KEY);
}

Test(asn1_bad, other_algorithms_are_unsupported)
{
    /* An EC P-256 key from OpenSSL: well-formed, not GOST. */
    cr_assert_eq(asn1t_sh("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out '%s'",
                          asn1t_path("ec.pem")), 0);
    cr_assert_eq(asn1t_sh("openssl pkey -in '%s' -pubout -out '%s'", asn1t_path("ec.pem"),
                          asn1t_path("ecpub.pem")), 0);
    size_t n;
    uint8_t *pem = asn1t_read(asn1t_path("ec.pem"), &n);
    gost_asn1_private_key k;
    gost_asn1_public_key p;
    cr_assert_eq(gost_asn1_private_key_decode(pem, n, NULL, 0, &k), GOST_ERR_UNSUPPORTED);
    free(pem);
    pem = asn1t_read(asn1t_path("ecpub.pem"), &n);
    cr_assert_eq(gost_asn1_public_key_decode(pem, n, &p), GOST_ERR_UNSUPPORTED);
    free(pem);
}

Test(asn1_bad, null_arguments_and_size_queries)
{
    gost_asn1_private_key k;
    gost_asn1_public_key p;
    uint8_t der[256];
    size_t dl = 0;
    keygen(GOST_CURVE_256_B, &k, &p);
    cr_assert_eq(gost_asn1_public_key_encode(NULL, der, &dl), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_asn1_public_key_encode(&p, NULL, &dl), GOST_ERR_BUFFER_TOO_SMALL);
    size_t need = dl;
    dl = need - 1;
    cr_assert_eq(gost_asn1_public_key_encode(&p, der, &dl), GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(dl, need);
    cr_assert_eq(gost_asn1_public_key_encode(&p, der, &dl), GOST_OK);
    cr_assert_eq(gost_asn1_public_key_decode(NULL, 10, &p), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_asn1_private_key_decode(der, dl, NULL, 0, NULL), GOST_ERR_INVALID_ARGUMENT);
    p.curve = GOST_CURVE_COUNT;
    cr_assert_eq(gost_asn1_public_key_encode(&p, der, &dl), GOST_ERR_INVALID_ARGUMENT);
}
