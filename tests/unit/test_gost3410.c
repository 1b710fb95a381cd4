/* GOST R 34.10-2012 signatures: round trips on every curve, rejection of
 * tampered and malformed input with the documented codes, and
 * cross-checks with OpenSSL's GOST engine in both directions.
 *
 * Byte orders, found by experiment against the engine (and matching the
 * standard's examples in vectors/gost3410.txt): private keys and public
 * coordinates little-endian (BN_bn2lebinpad of the engine's EC_KEY); the
 * digest is read little-endian by both (the engine's hashsum2bn); the
 * engine's EVP_PKEY_sign output is s || r, each big-endian, like ours. */
#include <criterion/criterion.h>
#include <string.h>

#include "gost/gost3410.h"
#include "ossl.h"
#include "testutil.h"

#include <openssl/ec.h>
#include <openssl/obj_mac.h>

static const enum gost_curve all_curves[] = {
    GOST_CURVE_256_TEST, GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_256_C, GOST_CURVE_256_D,
    GOST_CURVE_512_TEST, GOST_CURVE_512_A, GOST_CURVE_512_B, GOST_CURVE_512_C,
};
#define NCURVES (sizeof all_curves / sizeof all_curves[0])

/* ---- engine helpers (also used by test_vko.c) ---------------------------------- */

/* The engine's parameter set name for a curve; NULL if it has none. */
const char *test_engine_paramset(enum gost_curve c, int *nid);
const char *test_engine_paramset(enum gost_curve c, int *nid)
{
    *nid = gost_curve_size(c) == 32 ? NID_id_GostR3410_2012_256 : NID_id_GostR3410_2012_512;
    switch (c) {
    case GOST_CURVE_256_A: return "TCA";
    case GOST_CURVE_256_B: return "A";
    case GOST_CURVE_256_C: return "B";
    case GOST_CURVE_256_D: return "C";
    case GOST_CURVE_512_A: return "A";
    case GOST_CURVE_512_B: return "B";
    case GOST_CURVE_512_C: return "C";
    default: return NULL;
    }
}

/* The engine with its key methods registered (genpkey -engine does the same). */
ENGINE *test_engine(void);
ENGINE *test_engine(void)
{
    ENGINE *e = test_ossl_gost_engine();
    cr_assert_not_null(e, "the GOST engine is not available");
    ENGINE_register_pkey_asn1_meths(e);
    ENGINE_register_pkey_meths(e);
    return e;
}

/* An engine key pair on curve c, with its private key and public key in
 * our byte formats. */
EVP_PKEY *test_engine_keygen(enum gost_curve c, uint8_t *priv, uint8_t *pub);
EVP_PKEY *test_engine_keygen(enum gost_curve c, uint8_t *priv, uint8_t *pub)
{
    ENGINE *e = test_engine();
    int nid;
    const char *ps = test_engine_paramset(c, &nid);
    size_t n = gost_curve_size(c);
    EVP_PKEY *pk = NULL;
    EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_id(nid, e);
    cr_assert_not_null(kc);
    cr_assert_eq(EVP_PKEY_keygen_init(kc), 1);
    cr_assert_gt(EVP_PKEY_CTX_ctrl_str(kc, "paramset", ps), 0);
    cr_assert_eq(EVP_PKEY_keygen(kc, &pk), 1);
    EVP_PKEY_CTX_free(kc);
    const EC_KEY *ec = EVP_PKEY_get0(pk);
    BIGNUM *x = BN_new(), *y = BN_new();
    cr_assert_eq(BN_bn2lebinpad(EC_KEY_get0_private_key(ec), priv, (int)n), (int)n);
    cr_assert_eq(EC_POINT_get_affine_coordinates(EC_KEY_get0_group(ec), EC_KEY_get0_public_key(ec),
                                                 x, y, NULL), 1);
    cr_assert_eq(BN_bn2lebinpad(x, pub, (int)n), (int)n);
    cr_assert_eq(BN_bn2lebinpad(y, pub + n, (int)n), (int)n);
    BN_free(x);
    BN_free(y);
    return pk;
}

/* ---- round trips ------------------------------------------------------------------ */

Test(gost3410, sign_verify_round_trip_every_curve)
{
    uint64_t seed = test_seed();
    for (size_t i = 0; i < NCURVES; i++) {
        enum gost_curve c = all_curves[i];
        size_t n = gost_curve_size(c);
        for (int iter = 0; iter < 8; iter++) {
            uint8_t priv[64], pub[128], dg[64], sig[128], sig2[128];
            cr_assert_eq(gost_3410_keygen(c, priv, pub), GOST_OK);
            cr_assert_eq(gost_3410_check_private_key(c, priv), GOST_OK);
            cr_assert_eq(gost_3410_check_public_key(c, pub), GOST_OK);
            test_rand_bytes(&seed, dg, n);
            cr_assert_eq(gost_3410_sign_digest(c, sig, priv, dg, n), GOST_OK);
            cr_assert_eq(gost_3410_verify_digest(c, pub, dg, n, sig), GOST_OK,
                         "curve %s seed %llu", gost_curve_name(c), (unsigned long long)seed);
            /* a fresh nonce every time */
            cr_assert_eq(gost_3410_sign_digest(c, sig2, priv, dg, n), GOST_OK);
            cr_assert_neq(memcmp(sig, sig2, 2 * n), 0);
            cr_assert_eq(gost_3410_verify_digest(c, pub, dg, n, sig2), GOST_OK);
        }
    }
}

Test(gost3410, public_key_matches_keygen)
{
    for (size_t i = 0; i < NCURVES; i++) {
        enum gost_curve c = all_curves[i];
        uint8_t priv[64], pub[128], pub2[128];
        cr_assert_eq(gost_3410_keygen(c, priv, pub), GOST_OK);
        cr_assert_eq(gost_3410_public_key(c, pub2, priv), GOST_OK);
        cr_assert_eq(memcmp(pub, pub2, 2 * gost_curve_size(c)), 0);
    }
}

Test(gost3410, tampering_is_rejected)
{
    uint64_t seed = test_seed();
    for (size_t i = 0; i < NCURVES; i++) {
        enum gost_curve c = all_curves[i];
        size_t n = gost_curve_size(c);
        uint8_t priv[64], pub[128], other_priv[64], other_pub[128], dg[64], sig[128];
        cr_assert_eq(gost_3410_keygen(c, priv, pub), GOST_OK);
        cr_assert_eq(gost_3410_keygen(c, other_priv, other_pub), GOST_OK);
        test_rand_bytes(&seed, dg, n);
        cr_assert_eq(gost_3410_sign_digest(c, sig, priv, dg, n), GOST_OK);
        for (size_t bit = 0; bit < 8 * n; bit += 13) {
            dg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            cr_assert_eq(gost_3410_verify_digest(c, pub, dg, n, sig), GOST_ERR_AUTH);
            dg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        for (size_t bit = 0; bit < 16 * n; bit += 11) {
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            int rc = gost_3410_verify_digest(c, pub, dg, n, sig);
            cr_assert(rc == GOST_ERR_AUTH || rc == GOST_ERR_BAD_SIGNATURE, "rc %d", rc);
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        cr_assert_eq(gost_3410_verify_digest(c, other_pub, dg, n, sig), GOST_ERR_AUTH);
        cr_assert_eq(gost_3410_verify_digest(c, pub, dg, n, sig), GOST_OK);
    }
}

/* ---- bad input -------------------------------------------------------------------- */

/* The subgroup order q of a few curves, big-endian (as in lib/gost/curves.c):
 * q is the smallest invalid private key, r or s. */
static const char *q_be(enum gost_curve c)
{
    switch (c) {
    case GOST_CURVE_256_A: return "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67";
    case GOST_CURVE_256_B: return "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893";
    case GOST_CURVE_512_C:
        return "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
               "C98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED";
    default: return NULL;
    }
}

Test(gost3410, private_key_range)
{
    const enum gost_curve cs[] = {GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_512_C};
    for (size_t i = 0; i < 3; i++) {
        enum gost_curve c = cs[i];
        size_t n = gost_curve_size(c);
        uint8_t qb[64], d[64], pub[128], sig[128], dg[64] = {1};
        cr_assert_eq(test_unhex(q_be(c), qb, sizeof qb), (long)n);
        for (size_t j = 0; j < n; j++)
            d[j] = qb[n - 1 - j]; /* q little-endian */
        cr_assert_eq(gost_3410_check_private_key(c, d), GOST_ERR_BAD_KEY);
        cr_assert_eq(gost_3410_public_key(c, pub, d), GOST_ERR_BAD_KEY);
        cr_assert_eq(gost_3410_sign_digest(c, sig, d, dg, n), GOST_ERR_BAD_KEY);
        d[0]--; /* q - 1: the largest valid key */
        cr_assert_eq(gost_3410_check_private_key(c, d), GOST_OK);
        cr_assert_eq(gost_3410_public_key(c, pub, d), GOST_OK);
        cr_assert_eq(gost_3410_sign_digest(c, sig, d, dg, n), GOST_OK);
        cr_assert_eq(gost_3410_verify_digest(c, pub, dg, n, sig), GOST_OK);
        memset(d, 0, n);
        cr_assert_eq(gost_3410_check_private_key(c, d), GOST_ERR_BAD_KEY);
        memset(d, 0xff, n);
        cr_assert_eq(gost_3410_check_private_key(c, d), GOST_ERR_BAD_KEY);
        memset(d, 0, n);
        d[0] = 1;
        cr_assert_eq(gost_3410_check_private_key(c, d), GOST_OK);
    }
}

Test(gost3410, signature_range)
{
    enum gost_curve c = GOST_CURVE_256_B;
    uint8_t priv[32], pub[64], dg[32] = {7}, sig[64], bad[64];
    cr_assert_eq(gost_3410_keygen(c, priv, pub), GOST_OK);
    cr_assert_eq(gost_3410_sign_digest(c, sig, priv, dg, 32), GOST_OK);
    /* s = 0, r = 0, s = q, r = q, s = 2^256 - 1 */
    memcpy(bad, sig, 64);
    memset(bad, 0, 32);
    cr_assert_eq(gost_3410_verify_digest(c, pub, dg, 32, bad), GOST_ERR_BAD_SIGNATURE);
    memcpy(bad, sig, 64);
    memset(bad + 32, 0, 32);
    cr_assert_eq(gost_3410_verify_digest(c, pub, dg, 32, bad), GOST_ERR_BAD_SIGNATURE);
    memcpy(bad, sig, 64);
    cr_assert_eq(test_unhex(q_be(c), bad, 32), 32);
    cr_assert_eq(gost_3410_verify_digest(c, pub, dg, 32, bad), GOST_ERR_BAD_SIGNATURE);
    memcpy(bad, sig, 64);
    cr_assert_eq(test_unhex(q_be(c), bad + 32, 32), 32);
    cr_assert_eq(gost_3410_verify_digest(c, pub, dg, 32, bad), GOST_ERR_BAD_SIGNATURE);
    memcpy(bad, sig, 64);
    memset(bad, 0xff, 32);
    cr_assert_eq(gost_3410_verify_digest(c, pub, dg, 32, bad), GOST_ERR_BAD_SIGNATURE);
}

/* Points on the Weierstrass form of the cofactor-4 curves that are not in
 * the subgroup of order q: a random point (order 4q) and a point of order
 * 4 (q times the former). Computed with Python from the curve data. */
static const char *outside_256a =
    "ccdaebf990d19838b0d7ec0b3e97818ecb96c4dbadbe172296d5234a42b24c6b"
    "5577be389b9d5e510ca0caa0afbec3572592c1cf3d2e4929979a343c7d0c18ff";
static const char *order4_256a =
    "77592f8c11c5e7acc09d6af3d1805dbc5393c3955d5ab43875003505c6807f7f"
    "caee715bcbb048f9bd26c0258a7de7ca0446b53ee7f0e255a0fe60f0ad7d8181";
static const char *outside_512c =
    "a4e6ed24ec636a8ac0a1271e5866279238aaf84e58056d8f2fa8edd094ba97ae"
    "8b15442ee2db611a91bfe39469733a9247d58fa3c55018300372555fd235f118"
    "20ee2422a553ff004a2df01813e4286d2a2b124d31dc726defe1d3ce5ca61690"
    "7f5129e3be2649f089ffa188301c15aefab44eb06b07841968073005458b3794";
static const char *order4_512c =
    "8f740111dba626ef70d251705a9932c9727b5d577a19ed1471ffe2237f5dc69c"
    "5dfaa37ea2f2d102d77b89a8e3a6ba31240063edba2eb2138889355534b8ceb2"
    "1e62043391f473cd5277f5500fcc975b587218066f4cc73e53fea86b7d1853d6"
    "18efeb7be7d7750885739cf9aaf42f956c0029c8308c163b989ca0ff9c286c18";

Test(gost3410, public_key_validation)
{
    struct {
        enum gost_curve c;
        const char *hex;
    } outside[] = {{GOST_CURVE_256_A, outside_256a}, {GOST_CURVE_256_A, order4_256a},
                   {GOST_CURVE_512_C, outside_512c}, {GOST_CURVE_512_C, order4_512c}};
    for (size_t i = 0; i < 4; i++) {
        uint8_t pt[128], dg[64] = {3}, sig[128];
        size_t n = gost_curve_size(outside[i].c);
        cr_assert_eq(test_unhex(outside[i].hex, pt, sizeof pt), (long)(2 * n));
        cr_assert_eq(gost_3410_check_public_key(outside[i].c, pt), GOST_ERR_BAD_POINT);
        memset(sig, 0x11, sizeof sig);
        cr_assert_eq(gost_3410_verify_digest(outside[i].c, pt, dg, n, sig), GOST_ERR_BAD_POINT);
    }
    for (size_t i = 0; i < NCURVES; i++) {
        enum gost_curve c = all_curves[i];
        size_t n = gost_curve_size(c);
        uint8_t priv[64], pub[128];
        cr_assert_eq(gost_3410_keygen(c, priv, pub), GOST_OK);
        pub[3] ^= 4; /* off the curve */
        cr_assert_eq(gost_3410_check_public_key(c, pub), GOST_ERR_BAD_POINT);
        memset(pub, 0, 2 * n); /* (0, 0) */
        cr_assert_eq(gost_3410_check_public_key(c, pub), GOST_ERR_BAD_POINT);
        memset(pub, 0xff, 2 * n); /* coordinates >= p */
        cr_assert_eq(gost_3410_check_public_key(c, pub), GOST_ERR_BAD_POINT);
    }
}

Test(gost3410, argument_errors)
{
    uint8_t priv[32], pub[64], dg[32] = {0}, sig[64];
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_256_A, priv, pub), GOST_OK);
    cr_assert_eq(gost_3410_sign_digest(GOST_CURVE_256_A, sig, priv, dg, 31), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_3410_verify_digest(GOST_CURVE_256_A, pub, dg, 64, sig), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_3410_sign_digest(GOST_CURVE_COUNT, sig, priv, dg, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_3410_sign_digest(GOST_CURVE_256_A, NULL, priv, dg, 32),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_3410_verify_digest(GOST_CURVE_256_A, NULL, dg, 32, sig),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_3410_keygen((enum gost_curve)-1, priv, pub), GOST_ERR_INVALID_ARGUMENT);
    /* a zero digest is signed with e = 1 (s.6.1 step 3) and verifies */
    cr_assert_eq(gost_3410_sign_digest(GOST_CURVE_256_A, sig, priv, dg, 32), GOST_OK);
    cr_assert_eq(gost_3410_verify_digest(GOST_CURVE_256_A, pub, dg, 32, sig), GOST_OK);
}

Test(gost3410, deterministic_k)
{
    enum gost_curve c = GOST_CURVE_512_A;
    uint8_t priv[64], pub[128], dg[64], k[64] = {0}, s1[128], s2[128];
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, dg, 64);
    cr_assert_eq(gost_3410_keygen(c, priv, pub), GOST_OK);
    k[0] = 5;
    cr_assert_eq(gost_3410_sign_digest_with_k(c, s1, priv, dg, 64, k), GOST_OK);
    cr_assert_eq(gost_3410_sign_digest_with_k(c, s2, priv, dg, 64, k), GOST_OK);
    cr_assert_eq(memcmp(s1, s2, 128), 0);
    cr_assert_eq(gost_3410_verify_digest(c, pub, dg, 64, s1), GOST_OK);
    memset(k, 0, sizeof k);
    cr_assert_eq(gost_3410_sign_digest_with_k(c, s1, priv, dg, 64, k), GOST_ERR_BAD_KEY);
    for (size_t i = 0; i < 128; i++)
        cr_assert_eq(s1[i], 0, "output not wiped on error");
}

Test(gost3410, curve_lookup)
{
    enum gost_curve c;
    cr_assert_eq(gost_curve_by_oid("1.2.643.2.2.35.1", &c), GOST_OK);
    cr_assert_eq(c, GOST_CURVE_256_B);
    cr_assert_eq(gost_curve_by_oid("1.2.643.2.2.36.1", &c), GOST_OK);
    cr_assert_eq(c, GOST_CURVE_256_D);
    cr_assert_eq(gost_curve_by_oid("1.2.643.7.1.2.1.2.3", &c), GOST_OK);
    cr_assert_eq(c, GOST_CURVE_512_C);
    cr_assert_eq(gost_curve_by_oid("1.2.643.7.1.2.1.1.1", &c), GOST_OK);
    cr_assert_eq(c, GOST_CURVE_256_A);
    cr_assert_eq(gost_curve_by_oid("1.2.3", &c), GOST_ERR_UNSUPPORTED);
    cr_assert_eq(gost_curve_by_name("id-GostR3410-2001-CryptoPro-XchA-ParamSet", &c), GOST_OK);
    cr_assert_eq(c, GOST_CURVE_256_B);
    for (size_t i = 0; i < NCURVES; i++) {
        cr_assert_eq(gost_curve_by_oid(gost_curve_oid(all_curves[i]), &c), GOST_OK);
        cr_assert_eq(c, all_curves[i]);
        cr_assert_eq(gost_curve_by_name(gost_curve_name(all_curves[i]), &c), GOST_OK);
        cr_assert_eq(c, all_curves[i]);
    }
    cr_assert_eq(gost_curve_cofactor(GOST_CURVE_256_A), 4);
    cr_assert_eq(gost_curve_cofactor(GOST_CURVE_512_C), 4);
    cr_assert_eq(gost_curve_cofactor(GOST_CURVE_512_B), 1);
    cr_assert_null(gost_curve_name(GOST_CURVE_COUNT));
}

/* ---- OpenSSL GOST engine ---------------------------------------------------------- */

static const enum gost_curve engine_curves[] = {
    GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_256_C, GOST_CURVE_256_D,
    GOST_CURVE_512_A, GOST_CURVE_512_B, GOST_CURVE_512_C,
};

Test(gost3410, engine_keys_match_ours)
{
    for (size_t i = 0; i < 7; i++) {
        enum gost_curve c = engine_curves[i];
        uint8_t priv[64], pub[128], mine[128];
        EVP_PKEY *pk = test_engine_keygen(c, priv, pub);
        cr_assert_eq(gost_3410_public_key(c, mine, priv), GOST_OK);
        cr_assert_eq(memcmp(pub, mine, 2 * gost_curve_size(c)), 0, "curve %s",
                     gost_curve_name(c));
        EVP_PKEY_free(pk);
    }
}

Test(gost3410, engine_signs_we_verify)
{
    uint64_t seed = test_seed();
    for (size_t i = 0; i < 7; i++) {
        enum gost_curve c = engine_curves[i];
        size_t n = gost_curve_size(c), siglen;
        uint8_t priv[64], pub[128], dg[64], sig[128];
        EVP_PKEY *pk = test_engine_keygen(c, priv, pub);
        for (int iter = 0; iter < 4; iter++) {
            test_rand_bytes(&seed, dg, n);
            EVP_PKEY_CTX *sc = EVP_PKEY_CTX_new(pk, test_engine());
            siglen = sizeof sig;
            cr_assert_eq(EVP_PKEY_sign_init(sc), 1);
            cr_assert_eq(EVP_PKEY_sign(sc, sig, &siglen, dg, n), 1);
            cr_assert_eq(siglen, 2 * n);
            cr_assert_eq(gost_3410_verify_digest(c, pub, dg, n, sig), GOST_OK, "curve %s",
                         gost_curve_name(c));
            dg[0] ^= 0x80;
            cr_assert_eq(gost_3410_verify_digest(c, pub, dg, n, sig), GOST_ERR_AUTH);
            EVP_PKEY_CTX_free(sc);
        }
        EVP_PKEY_free(pk);
    }
}

Test(gost3410, we_sign_engine_verifies)
{
    uint64_t seed = test_seed();
    for (size_t i = 0; i < 7; i++) {
        enum gost_curve c = engine_curves[i];
        size_t n = gost_curve_size(c);
        uint8_t priv[64], pub[128], dg[64], sig[128];
        EVP_PKEY *pk = test_engine_keygen(c, priv, pub);
        for (int iter = 0; iter < 4; iter++) {
            test_rand_bytes(&seed, dg, n);
            cr_assert_eq(gost_3410_sign_digest(c, sig, priv, dg, n), GOST_OK);
            EVP_PKEY_CTX *vc = EVP_PKEY_CTX_new(pk, test_engine());
            cr_assert_eq(EVP_PKEY_verify_init(vc), 1);
            cr_assert_eq(EVP_PKEY_verify(vc, sig, 2 * n, dg, n), 1, "curve %s",
                         gost_curve_name(c));
            sig[n + 5] ^= 1;
            cr_assert_neq(EVP_PKEY_verify(vc, sig, 2 * n, dg, n), 1);
            EVP_PKEY_CTX_free(vc);
        }
        EVP_PKEY_free(pk);
    }
}
