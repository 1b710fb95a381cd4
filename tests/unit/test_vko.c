/* VKO GOST R 34.10-2012: both parties agree on every curve, bad input gets
 * the documented codes, and OpenSSL's GOST engine derives the same keys.
 *
 * The engine's derive (gost_ec_keyx.c) with an 8-byte UKM is VKO with
 * Streebog-256 of X || Y (little-endian), UKM read little-endian, as ours;
 * with a 32-byte UKM on a 512-bit key it is VKO with Streebog-512 and the
 * first 16 UKM bytes, read big-endian (the reverse of ours). It does not multiply by the cofactor, so it matches
 * R 50.1.113-2016 only on the cofactor-1 curves; those are the ones
 * compared. The RFC 7836 known answers are in vectors/vko.txt. */
#include <criterion/criterion.h>
#include <string.h>

#include "gost/gost3410.h"
#include "gost/internal/ec.h"
#include "gost/vko.h"
#include "ossl.h"
#include "testutil.h"

/* From test_gost3410.c (linked into the same binary). */
ENGINE *test_engine(void);
EVP_PKEY *test_engine_keygen(enum gost_curve c, uint8_t *priv, uint8_t *pub);

/* The shared point itself, through the internal API: (h ukm xa) (xb G) =
 * (h ukm xb) (xa G), on every curve (no hash needed). */
Test(vko, shared_point_symmetric_every_curve)
{
    uint64_t seed = test_seed();
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        uint8_t xa[64], xb[64], pa[128], pb[128], ka[128], kb[128], ub[64] = {0};
        ec_scalar a, b, u, h = {{gost_curve_cofactor(c)}}, ta, tb;
        ec_point pta, ptb, r1, r2;
        cr_assert_eq(gost_3410_keygen(c, xa, pa), GOST_OK);
        cr_assert_eq(gost_3410_keygen(c, xb, pb), GOST_OK);
        test_rand_bytes(&seed, ub, 8);
        ec_scalar_from_bytes(c, &a, xa);
        ec_scalar_from_bytes(c, &b, xb);
        ec_scalar_from_bytes(c, &u, ub);
        cr_assert_eq(ec_point_decode(c, &pta, pa), GOST_OK);
        cr_assert_eq(ec_point_decode(c, &ptb, pb), GOST_OK);
        ec_scalar_mul(c, &ta, &u, &a);
        ec_scalar_mul(c, &ta, &ta, &h);
        ec_scalar_mul(c, &tb, &u, &b);
        ec_scalar_mul(c, &tb, &tb, &h);
        ec_point_mul(c, &r1, &ta, &ptb);
        ec_point_mul(c, &r2, &tb, &pta);
        cr_assert_eq(ec_point_encode(c, ka, &r1), GOST_OK);
        cr_assert_eq(ec_point_encode(c, kb, &r2), GOST_OK);
        cr_assert_eq(memcmp(ka, kb, 2 * gost_curve_size(c)), 0);
    }
}

Test(vko, both_parties_agree_every_curve)
{
    uint64_t seed = test_seed();
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        uint8_t xa[64], xb[64], pa[128], pb[128], ukm[16], k1[64], k2[64];
        cr_assert_eq(gost_3410_keygen(c, xa, pa), GOST_OK);
        cr_assert_eq(gost_3410_keygen(c, xb, pb), GOST_OK);
        test_rand_bytes(&seed, ukm, sizeof ukm);
        cr_assert_eq(gost_vko_derive_256(c, k1, xa, pb, ukm, 8), GOST_OK);
        cr_assert_eq(gost_vko_derive_256(c, k2, xb, pa, ukm, 8), GOST_OK);
        cr_assert_eq(memcmp(k1, k2, 32), 0);
        cr_assert_eq(gost_vko_derive_512(c, k1, xa, pb, ukm, 16), GOST_OK);
        cr_assert_eq(gost_vko_derive_512(c, k2, xb, pa, ukm, 16), GOST_OK);
        cr_assert_eq(memcmp(k1, k2, 64), 0);
        /* another UKM, another key */
        ukm[0] ^= 1;
        cr_assert_eq(gost_vko_derive_512(c, k2, xb, pa, ukm, 16), GOST_OK);
        cr_assert_neq(memcmp(k1, k2, 64), 0);
    }
}

Test(vko, bad_input)
{
    enum gost_curve c = GOST_CURVE_256_A;
    uint8_t x[32], p[64], out[32], ukm[40] = {1};
    cr_assert_eq(gost_3410_keygen(c, x, p), GOST_OK);
    cr_assert_eq(gost_vko_derive_256(c, out, x, p, ukm, 0), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_vko_derive_256(c, out, x, p, ukm, 33), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_vko_derive_256(c, out, x, p, NULL, 8), GOST_ERR_INVALID_ARGUMENT);
    uint8_t bad[64];
    memcpy(bad, p, 64);
    bad[7] ^= 1;
    cr_assert_eq(gost_vko_derive_256(c, out, x, bad, ukm, 8), GOST_ERR_BAD_POINT);
    uint8_t zero[32] = {0};
    cr_assert_eq(gost_vko_derive_256(c, out, zero, p, ukm, 8), GOST_ERR_BAD_KEY);
    /* a point of order 4 on the cofactor-4 curve is refused */
    static const char *order4 = "77592f8c11c5e7acc09d6af3d1805dbc5393c3955d5ab43875003505c6807f7f"
                                "caee715bcbb048f9bd26c0258a7de7ca0446b53ee7f0e255a0fe60f0ad7d8181";
    cr_assert_eq(test_unhex(order4, bad, sizeof bad), 64);
    cr_assert_eq(gost_vko_derive_256(c, out, x, bad, ukm, 8), GOST_ERR_BAD_POINT);
    /* UKM = 0 is taken as 1 */
    uint8_t k0[32], k1[32], u0[8] = {0}, u1[8] = {1};
    cr_assert_eq(gost_vko_derive_256(c, k0, x, p, u0, 8), GOST_OK);
    cr_assert_eq(gost_vko_derive_256(c, k1, x, p, u1, 8), GOST_OK);
    cr_assert_eq(memcmp(k0, k1, 32), 0);
}

static void engine_derive(EVP_PKEY *mine, EVP_PKEY *peer, const uint8_t *ukm, size_t ukm_len,
                          uint8_t *out, size_t *outlen)
{
    EVP_PKEY_CTX *dc = EVP_PKEY_CTX_new(mine, test_engine());
    cr_assert_not_null(dc);
    cr_assert_eq(EVP_PKEY_derive_init(dc), 1);
    cr_assert_eq(EVP_PKEY_derive_set_peer(dc, peer), 1);
    cr_assert_gt(EVP_PKEY_CTX_ctrl(dc, -1, -1, EVP_PKEY_CTRL_SET_IV, (int)ukm_len, (void *)ukm), 0);
    cr_assert_eq(EVP_PKEY_derive(dc, out, outlen), 1);
    EVP_PKEY_CTX_free(dc);
}

Test(vko, engine_agrees_both_ways)
{
    static const enum gost_curve cs[] = {GOST_CURVE_256_B, GOST_CURVE_256_C, GOST_CURVE_256_D,
                                         GOST_CURVE_512_A, GOST_CURVE_512_B};
    uint64_t seed = test_seed();
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        enum gost_curve c = cs[i];
        size_t n = gost_curve_size(c), len;
        uint8_t xa[64], xb[64], pa[128], pb[128], ukm[32], theirs[64], ours[64];
        EVP_PKEY *ka = test_engine_keygen(c, xa, pa), *kb = test_engine_keygen(c, xb, pb);
        test_rand_bytes(&seed, ukm, sizeof ukm);
        /* 8-byte UKM: VKO_GOSTR3410_2012_256, engine as A, us as B and A */
        len = sizeof theirs;
        engine_derive(ka, kb, ukm, 8, theirs, &len);
        cr_assert_eq(len, 32);
        cr_assert_eq(gost_vko_derive_256(c, ours, xb, pa, ukm, 8), GOST_OK);
        cr_assert_eq(memcmp(ours, theirs, 32), 0, "VKO-256 on %s", gost_curve_name(c));
        cr_assert_eq(gost_vko_derive_256(c, ours, xa, pb, ukm, 8), GOST_OK);
        cr_assert_eq(memcmp(ours, theirs, 32), 0);
        if (n == 64) {
            /* 32-byte UKM on a 512-bit key: VKO_GOSTR3410_2012_512 with UKM[0..16) */
            len = sizeof theirs;
            engine_derive(kb, ka, ukm, 32, theirs, &len);
            cr_assert_eq(len, 64);
            /* found by experiment: this path (the KEG of R 1323565.1.020)
             * reads its 16 UKM bytes big-endian, so ours gets them reversed */
            uint8_t rev[16];
            for (int b = 0; b < 16; b++)
                rev[b] = ukm[15 - b];
            cr_assert_eq(gost_vko_derive_512(c, ours, xa, pb, rev, 16), GOST_OK);
            cr_assert_eq(memcmp(ours, theirs, 64), 0, "VKO-512 on %s", gost_curve_name(c));
            cr_assert_eq(gost_vko_derive_512(c, ours, xb, pa, rev, 16), GOST_OK);
            cr_assert_eq(memcmp(ours, theirs, 64), 0);
        }
        EVP_PKEY_free(ka);
        EVP_PKEY_free(kb);
    }
}
