/* Constant-time checks for GOST R 34.10-2012 and VKO: the private key and
 * the nonce are marked secret; key derivation, signing and VKO must not
 * branch on them or index memory with them. KEG likewise. */
#include <string.h>

#include "ct.h"
#include "gost/gost3410.h"
#include "gost/internal/ec.h"
#include "gost/keg.h"
#include "gost/vko.h"

static const enum gost_curve curves[] = {GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_512_A,
                                         GOST_CURVE_512_C, GOST_CURVE_256_TEST};
#define NC (sizeof curves / sizeof curves[0])

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + 29 * i);
    p[n - 1] = 0x1f; /* below every q */
}

CT_CASE(gost3410_public_key)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        size_t n = gost_curve_size(c);
        uint8_t priv[64], pub[128];
        fill(priv, n, 3);
        CT_SECRET(priv, n);
        int rc = gost_3410_public_key(c, pub, priv);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(pub, 2 * n);
        CT_CHECK(rc == GOST_OK);
        CT_CHECK(gost_3410_check_public_key(c, pub) == GOST_OK);
    }
}

CT_CASE(gost3410_keygen)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        uint8_t priv[64], pub[128];
        int rc = gost_3410_keygen(c, priv, pub);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
        CT_PUBLIC(pub, sizeof pub);
        CT_CHECK(gost_3410_check_public_key(c, pub) == GOST_OK);
    }
}

CT_CASE(gost3410_sign)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        size_t n = gost_curve_size(c);
        uint8_t priv[64], pub[128], dg[64], sig[128];
        fill(priv, n, 11);
        fill(dg, n, 5);
        CT_CHECK(gost_3410_public_key(c, pub, priv) == GOST_OK);
        CT_SECRET(priv, n);
        int rc = gost_3410_sign_digest(c, sig, priv, dg, n);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(sig, 2 * n);
        CT_CHECK(rc == GOST_OK);
        CT_CHECK(gost_3410_verify_digest(c, pub, dg, n, sig) == GOST_OK);
    }
}

CT_CASE(gost3410_sign_with_secret_k)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        size_t n = gost_curve_size(c);
        uint8_t priv[64], pub[128], dg[64], k[64], sig[128];
        fill(priv, n, 17);
        fill(k, n, 91);
        fill(dg, n, 2);
        CT_CHECK(gost_3410_public_key(c, pub, priv) == GOST_OK);
        CT_SECRET(priv, n);
        CT_SECRET(k, n);
        int rc = gost_3410_sign_digest_with_k(c, sig, priv, dg, n, k);
        CT_PUBLIC(&rc, sizeof rc);
        CT_PUBLIC(sig, 2 * n);
        CT_CHECK(rc == GOST_OK);
        CT_CHECK(gost_3410_verify_digest(c, pub, dg, n, sig) == GOST_OK);
    }
}

/* The variable-base multiplication of VKO and SESPAKE, through the
 * internal API. */
CT_CASE(ec_point_mul_secret_scalar)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        size_t n = gost_curve_size(c);
        uint8_t kb[64], xy[128];
        ec_scalar k;
        ec_point g, r;
        fill(kb, n, 41);
        CT_SECRET(kb, n);
        ec_scalar_from_bytes(c, &k, kb);
        ec_point_generator(c, &g);
        ec_point_mul(c, &r, &k, &g);
        int rc = ec_point_encode(c, xy, &r);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
    }
}

/* VKO, and KEG (VKO, then KDF_TREE for 256-bit keys): both parties' output
 * stays secret until declared public. */
CT_CASE(vko)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        size_t n = gost_curve_size(c);
        uint8_t xa[64], xb[64], pa[128], pb[128], ka[64], kb[64];
        uint8_t ukm[32] = {1, 2, 3, 4, 5, 6, 7, 8};
        fill(xa, n, 23);
        fill(xb, n, 77);
        CT_CHECK(gost_3410_public_key(c, pa, xa) == GOST_OK);
        CT_CHECK(gost_3410_public_key(c, pb, xb) == GOST_OK);
        CT_SECRET(xa, n);
        CT_SECRET(xb, n);
        int ra = gost_vko_derive_256(c, ka, xa, pb, ukm, 8);
        int rb = gost_vko_derive_512(c, kb, xb, pa, ukm, 8);
        CT_PUBLIC(&ra, sizeof ra);
        CT_PUBLIC(&rb, sizeof rb);
        CT_PUBLIC(ka, sizeof ka);
        CT_PUBLIC(kb, sizeof kb);
        CT_CHECK(ra == GOST_OK && rb == GOST_OK);
        ra = gost_keg(c, ka, xa, pb, ukm, sizeof ukm);
        rb = gost_keg(c, kb, xb, pa, ukm, sizeof ukm);
        CT_PUBLIC(&ra, sizeof ra);
        CT_PUBLIC(&rb, sizeof rb);
        CT_PUBLIC(ka, sizeof ka);
        CT_PUBLIC(kb, sizeof kb);
        CT_CHECK(ra == GOST_OK && rb == GOST_OK && memcmp(ka, kb, sizeof ka) == 0);
    }
}

/* Validation of a secret point (SESPAKE's stored password point) and a
 * multiplication by it: ec_point_decode_ct, ec_point_valid, ec_point_mul. */
CT_CASE(ec_point_validate_secret_point)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        size_t n = gost_curve_size(c);
        uint8_t kb[64], xy[128], out[128];
        ec_scalar k;
        ec_point p, r;
        fill(kb, n, 57);
        ec_scalar_from_bytes(c, &k, kb);
        ec_point_mul_base(c, &p, &k);
        CT_CHECK(ec_point_encode(c, xy, &p) == GOST_OK);
        CT_SECRET(xy, 2 * n);
        int rc = ec_point_decode_ct(c, &p, xy);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
        int ok = ec_point_valid(c, &p);
        CT_PUBLIC(&ok, sizeof ok);
        CT_CHECK(ok == 1);
        CT_SECRET(kb, n);
        ec_scalar_from_bytes(c, &k, kb);
        ec_point_mul(c, &r, &k, &p);
        rc = ec_point_encode(c, out, &r);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
        CT_PUBLIC(xy, 2 * n);
        xy[n] ^= 1; /* off the curve, as a secret */
        CT_SECRET(xy, 2 * n);
        rc = ec_point_decode_ct(c, &p, xy);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_ERR_BAD_POINT);
    }
}
