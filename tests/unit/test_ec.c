/* The internal EC layer (lib/gost/internal/ec.h): group laws, the
 * constant-time multiplications against the variable-time ones and against
 * repeated addition, encoding, and the scalar arithmetic modulo q. */
#include <criterion/criterion.h>
#include <string.h>

#include "gost/gost3410.h"
#include "gost/internal/ec.h"
#include "testutil.h"

static void rand_scalar(enum gost_curve c, uint64_t *seed, ec_scalar *k)
{
    uint8_t b[64];
    ec_scalar t;
    test_rand_bytes(seed, b, gost_curve_size(c));
    ec_scalar_from_bytes(c, &t, b);
    ec_scalar_reduce(c, k, &t);
}

static void assert_same_point(enum gost_curve c, const ec_point *a, const ec_point *b)
{
    uint8_t ea[128], eb[128];
    int ra = ec_point_encode(c, ea, a), rb = ec_point_encode(c, eb, b);
    cr_assert_eq(ra, rb);
    cr_assert_eq(memcmp(ea, eb, 2 * gost_curve_size(c)), 0, "points differ on %s",
                 gost_curve_name(c));
    cr_assert(ec_point_equal_vartime(c, a, b));
}

Test(ec, group_laws_every_curve)
{
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        ec_point g, g2, t, o, ng;
        ec_point_generator(c, &g);
        ec_point_identity(c, &o);
        ec_point_dbl(c, &g2, &g);
        ec_point_add(c, &t, &g, &g);
        assert_same_point(c, &g2, &t);
        ec_point_add(c, &t, &g, &o); /* G + O = G */
        assert_same_point(c, &t, &g);
        ec_point_neg(c, &ng, &g);
        ec_point_add(c, &t, &g, &ng); /* G - G = O */
        cr_assert(ec_point_is_identity(c, &t));
        uint8_t xy[128];
        cr_assert_eq(ec_point_encode(c, xy, &t), GOST_ERR_BAD_POINT);
        cr_assert(ec_point_in_subgroup_vartime(c, &g));
    }
}

Test(ec, small_multiples_match_repeated_addition)
{
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        ec_point g, acc, r;
        ec_point_generator(c, &g);
        ec_point_identity(c, &acc);
        for (uint64_t k = 1; k <= 40; k++) {
            ec_scalar ks = {{k}};
            ec_point_add(c, &acc, &acc, &g);
            ec_point_mul(c, &r, &ks, &g);
            assert_same_point(c, &r, &acc);
            ec_point_mul_base(c, &r, &ks);
            assert_same_point(c, &r, &acc);
        }
    }
}

Test(ec, fixed_base_matches_variable_base_and_vartime)
{
    uint64_t seed = test_seed();
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        for (int iter = 0; iter < 6; iter++) {
            ec_scalar k1, k2, zero = {{0}};
            ec_point g, a, b, p, r1, r2;
            rand_scalar(c, &seed, &k1);
            rand_scalar(c, &seed, &k2);
            ec_point_generator(c, &g);
            ec_point_mul_base(c, &a, &k1);
            ec_point_mul(c, &b, &k1, &g);
            assert_same_point(c, &a, &b);
            /* k1 G + k2 P with P = k2' G, against the constant-time path */
            ec_point_mul_base(c, &p, &k2);
            ec_point_mul2_vartime(c, &r1, &k1, &k2, &p);
            ec_point_mul(c, &b, &k2, &p);
            ec_point_add(c, &r2, &a, &b);
            assert_same_point(c, &r1, &r2);
            ec_point_mul2_vartime(c, &r1, &k1, &zero, &p);
            assert_same_point(c, &r1, &a);
        }
    }
}

Test(ec, order_and_negation)
{
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        ec_scalar one = {{1}}, qm1, zero = {{0}};
        ec_point g, r, ng;
        ec_scalar_neg(c, &qm1, &one); /* q - 1 */
        cr_assert(ec_scalar_in_range(c, &qm1));
        ec_point_generator(c, &g);
        ec_point_neg(c, &ng, &g);
        ec_point_mul_base(c, &r, &qm1);
        assert_same_point(c, &r, &ng);
        ec_point_mul(c, &r, &qm1, &g);
        assert_same_point(c, &r, &ng);
        ec_point_mul_base(c, &r, &zero);
        cr_assert(ec_point_is_identity(c, &r));
        cr_assert_not(ec_scalar_in_range(c, &zero));
    }
}

Test(ec, encode_decode_round_trip)
{
    uint64_t seed = test_seed();
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        ec_scalar k;
        ec_point p, q;
        uint8_t xy[128], xy2[128];
        rand_scalar(c, &seed, &k);
        ec_point_mul_base(c, &p, &k);
        cr_assert_eq(ec_point_encode(c, xy, &p), GOST_OK);
        cr_assert_eq(ec_point_decode(c, &q, xy), GOST_OK);
        cr_assert_eq(ec_point_encode(c, xy2, &q), GOST_OK);
        cr_assert_eq(memcmp(xy, xy2, 2 * gost_curve_size(c)), 0);
        xy[0] ^= 1;
        cr_assert_eq(ec_point_decode(c, &q, xy), GOST_ERR_BAD_POINT);
    }
}

Test(ec, scalar_arithmetic)
{
    uint64_t seed = test_seed();
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        for (int iter = 0; iter < 20; iter++) {
            ec_scalar a, b, d, e, t1, t2, r, inv, one = {{1}};
            rand_scalar(c, &seed, &a);
            rand_scalar(c, &seed, &b);
            rand_scalar(c, &seed, &d);
            rand_scalar(c, &seed, &e);
            /* a b + d e = (a b) + (d e), checked through the group: (a b) G */
            ec_scalar_muladd(c, &r, &a, &b, &d, &e);
            ec_scalar_mul(c, &t1, &a, &b);
            ec_scalar_mul(c, &t2, &d, &e);
            ec_point p1, p2, p3, s;
            ec_point_mul_base(c, &p1, &t1);
            ec_point_mul_base(c, &p2, &t2);
            ec_point_add(c, &s, &p1, &p2);
            ec_point_mul_base(c, &p3, &r);
            assert_same_point(c, &s, &p3);
            /* (a G) * b == (a b) G */
            ec_point_mul_base(c, &p1, &a);
            ec_point_mul(c, &p2, &b, &p1);
            ec_point_mul_base(c, &p3, &t1);
            assert_same_point(c, &p2, &p3);
            /* a a^-1 = 1 */
            ec_scalar_inv(c, &inv, &a);
            ec_scalar_mul(c, &t1, &a, &inv);
            cr_assert_eq(memcmp(&t1, &one, sizeof one), 0);
        }
        /* a wide value: (2^(8n) + 5) mod q through the group */
        uint8_t w[128] = {0};
        size_t n = gost_curve_size(c);
        w[0] = 5;
        w[n] = 1;
        ec_scalar r, five = {{5}}, qm1;
        ec_scalar_reduce_wide(c, &r, w);
        ec_point p1, p2, p3, g;
        ec_point_mul_base(c, &p1, &r);
        /* 2^(8n) G computed as 2^(8n-1) G doubled from a scalar built in bytes */
        uint8_t half[64] = {0};
        half[n - 1] = 0x80;
        ec_scalar hs;
        ec_scalar_from_bytes(c, &hs, half);
        ec_point_generator(c, &g);
        ec_point_mul(c, &p2, &hs, &g);
        ec_point_dbl(c, &p2, &p2);
        ec_point_mul_base(c, &p3, &five);
        ec_point_add(c, &p2, &p2, &p3);
        assert_same_point(c, &p1, &p2);
        (void)qm1;
    }
}
