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

/* Points of order 2q, 4q, 4 of the cofactor-4 curves (X || Y little-endian):
 * G + T for T of order 2 or 4, computed on the Edwards form with Python's
 * integers and mapped by x = s (1 + v) / (1 - v) + t, y = s (1 + v) / ((1 - v) u)
 * (RFC 7836 s.A.1; d, s, t as lib/gost/ec_gen_tables.py derives them). */
struct torsion_vector {
    enum gost_curve c;
    const char *name, *hex;
};
static const struct torsion_vector torsion_vectors[] = {
    {GOST_CURVE_256_A, "G+T2",
     "963e464632a6e9b4e215660688076c2b5c3a2a1dc9e480c3cdcee5f21a6b4718"
     "300007e55b375461335cc0ede8d786691396a3ab7fe0779940a1483b2e95fa4c"},
    {GOST_CURVE_256_A, "G+T4",
     "e13a955ad4e8b7328f9c185e898e547e1383a6e5c119ec453190c40c0921b9dd"
     "8a2d347e3deb96b2d966eb4e407139fdb1d1dfd5515cab7372dac4f360086b26"},
    {GOST_CURVE_256_A, "G-T4",
     "c835a627caeeaff30647e0ef2766a81e5e00f7f2a7b9caf22528078e69666ded"
     "63871c4dec06cf05ad5eb15ba197e34ab1e97280c9de1dc6c79d17edb4fb9884"},
    {GOST_CURVE_256_A, "5G+T4",
     "36ed2ef1e94599d0fe0c797a5f4ad62e85ad94fdfff2bb35f15e8ff05fabdfa7"
     "bd9c9e6eaf11b0c9be0b559be419b2bd70e314e288b12377a9b5a1e2218073a3"},
    {GOST_CURVE_256_A, "5G+T2",
     "c3989a330aa6f0b82800273572482931e42f4186827d7ba4d769d740ba60c39f"
     "47ea0be4d9e6bf6ea4f228ac118c8ed32f5dc6bdfa5660d5fee77f6dba1453f4"},
    {GOST_CURVE_256_A, "T4",
     "77592f8c11c5e7acc09d6af3d1805dbc5393c3955d5ab43875003505c6807f7f"
     "cd0e8ea4344fb70642d93fda75821835fbb94ac1180f1daa5f019f0f52827e7e"},
    {GOST_CURVE_512_C, "G+T2",
     "bbc40880a3fd9367eef37ca7366e3d79ce225f27a7a48c00487772d533e339ad"
     "a9f3ac67247663fc4cdb117f7f271231df7505da4b28be18ed4a43118ca071a9"
     "9d74c6e8b3b401356630fe5b0ff776c6e75370c993d7dd8b366b60fe6e85d89d"
     "880f9d08b3ec549cd5d73666d1ce4d5be1952d04e74d8c43c7fa20d90e7fd4a9"},
    {GOST_CURVE_512_C, "G+T4",
     "9e1814374143a9d53f26a95d58d363a244b021aa4945dfd3e07b449b5ba8af06"
     "3c6bf25df9814300c00c613b92505290206bdff86b836c4524bff73a4e50f4ac"
     "3def606166d1ab71198de82bdb378fb226a93228dd2822e9da7faafa86a5faca"
     "ab92461eaba42d4b42bc01c15ca16f8ece843f47cceb5aae658e080a23cd8c15"},
    {GOST_CURVE_512_C, "G-T4",
     "8f7643f001b0c7f01b30775b94430fdae41f9368bc95ce62575db912fd833422"
     "473c92d23ffc6e78ea3b4df2d3afeb1311d2b17226516469fa4cc31924538ff7"
     "ee84d75b195a501ae1e9e96d1366b7c5af724ef8ca1b15475deb888bab73cae0"
     "a1d54abae02d8ffb68101bf65ee9cedba1c252ea07f4f6ab7bc74e6109cf6985"},
    {GOST_CURVE_512_C, "5G+T4",
     "ff1d40dcc10e9ffb229a8aa9f28b27cb665398cb62b3b70d7ad6c3051eb03ea9"
     "85ee7d3ab6e21eeac18691cdcb764b3285d337c547eb8127f9e6feb104e87d94"
     "7bac0b84a16e779a5640f62c103c072c0ad79a6641d075cabe6a83cd37cbbfb1"
     "97c5e016417d19632bea7223c0fbd7c10fa86b322e6034bbaf8205cc81297a5d"},
    {GOST_CURVE_512_C, "5G+T2",
     "64faefd854cc604b4771b6a8312e8c0de159d0d889069e3409bb2af48583b297"
     "df9cf97240b1db7d16490cddced72eabcfa09cee5eac9e9e937dc0edce4b7d76"
     "5794d60bdbfe1925aca7feefebcb2f58a3dd8560d82769ae86ab54759b4531b2"
     "c56fdf1f4b21e785a2413af184d473ab5b863cc16fb12ae6f91ca0697f689087"},
    {GOST_CURVE_512_C, "T4",
     "8f740111dba626ef70d251705a9932c9727b5d577a19ed1471ffe2237f5dc69c"
     "5dfaa37ea2f2d102d77b89a8e3a6ba31240063edba2eb2138889355534b8ceb2"
     "1e62043391f473cd5277f5500fcc975b587218066f4cc73e53fea86b7d1853d6"
     "18efeb7be7d7750885739cf9aaf42f956c0029c8308c163b989ca0ff9c286c18"},
};

/* q p is the identity: (q - 1) p by the variable-time double multiplication
 * (scalars stay below q), plus p. */
static int order_divides_q(enum gost_curve c, const ec_point *p)
{
    ec_scalar zero = {{0}}, one = {{1}}, qm1;
    ec_point t;
    ec_scalar_neg(c, &qm1, &one);
    ec_point_mul2_vartime(c, &t, &zero, &qm1, p);
    ec_point_add(c, &t, &t, p);
    return ec_point_is_identity(c, &t);
}

Test(ec, subgroup_test_of_the_cofactor4_curves)
{
    for (size_t i = 0; i < sizeof torsion_vectors / sizeof torsion_vectors[0]; i++) {
        const struct torsion_vector *v = &torsion_vectors[i];
        uint8_t xy[128];
        ec_point p;
        size_t n = gost_curve_size(v->c);
        cr_assert_eq(test_unhex(v->hex, xy, sizeof xy), (long)(2 * n));
        cr_assert_eq(ec_point_load_unchecked(v->c, &p, xy), 1);
        cr_assert_eq(ec_point_in_subgroup_vartime(v->c, &p), 0, "%s accepted", v->name);
        cr_assert_eq(ec_point_valid(v->c, &p), 0, "%s valid", v->name);
        cr_assert_eq(ec_point_decode(v->c, &p, xy), GOST_ERR_BAD_POINT, "%s decoded", v->name);
        cr_assert_eq(ec_point_decode_ct(v->c, &p, xy), GOST_ERR_BAD_POINT);
        ec_point_load_unchecked(v->c, &p, xy);
        cr_assert_eq(order_divides_q(v->c, &p), 0, "q %s is the identity", v->name);
    }
    /* points of the subgroup pass every test, and agree with q p = O */
    uint64_t seed = test_seed();
    enum gost_curve cof4[] = {GOST_CURVE_256_A, GOST_CURVE_512_C};
    for (size_t ci = 0; ci < 2; ci++) {
        enum gost_curve c = cof4[ci];
        for (int iter = 0; iter < 8; iter++) {
            ec_scalar k;
            ec_point p, d;
            uint8_t xy[128];
            rand_scalar(c, &seed, &k);
            ec_point_mul_base(c, &p, &k);
            cr_assert_eq(ec_point_encode(c, xy, &p), GOST_OK);
            cr_assert(order_divides_q(c, &p));
            cr_assert(ec_point_in_subgroup_vartime(c, &p));
            cr_assert_eq(ec_point_valid(c, &p), 1);
            cr_assert_eq(ec_point_decode(c, &d, xy), GOST_OK);
            cr_assert_eq(ec_point_decode_ct(c, &d, xy), GOST_OK);
            assert_same_point(c, &p, &d);
        }
    }
}

Test(ec, point_valid_every_curve)
{
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        size_t n = gost_curve_size(c);
        ec_point g, o, z;
        uint8_t xy[128];
        ec_point_generator(c, &g);
        ec_point_identity(c, &o);
        cr_assert_eq(ec_point_valid(c, &g), 1);
        cr_assert_eq(ec_point_valid(c, &o), 0);
        memset(&z, 0, sizeof z);
        cr_assert_eq(ec_point_valid(c, &z), 0);
        cr_assert_eq(ec_point_encode(c, xy, &g), GOST_OK);
        cr_assert_eq(ec_point_decode_ct(c, &z, xy), GOST_OK);
        assert_same_point(c, &z, &g);
        xy[1] ^= 1; /* off the curve */
        cr_assert_eq(ec_point_decode_ct(c, &z, xy), GOST_ERR_BAD_POINT);
        cr_assert_eq(ec_point_load_unchecked(c, &z, xy), 1);
        cr_assert_eq(ec_point_valid(c, &z), 0);
        memset(xy, 0xff, 2 * n); /* coordinates >= p */
        cr_assert_eq(ec_point_decode_ct(c, &z, xy), GOST_ERR_BAD_POINT);
        cr_assert_eq(ec_point_load_unchecked(c, &z, xy), 0);
    }
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
