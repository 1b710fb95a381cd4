/* GOST R 34.10-2012 signature verification (s.6.2). Public data only:
 * variable time. */
#include "gost/gost3410.h"
#include "internal/ec.h"

int gost_3410_verify_digest(enum gost_curve curve, const uint8_t *pub, const uint8_t *digest,
                            size_t digest_len, const uint8_t *sig)
{
    static const ec_scalar one = {{1}};
    ec_point q, c;
    ec_scalar r, s, alpha, e, v, z1, z2;
    if (!ec_curve_valid(curve) || pub == NULL || digest == NULL || sig == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    size_t n = gost_curve_size(curve);
    if (digest_len != n)
        return GOST_ERR_BAD_LENGTH;
    /* step 1: 0 < r < q, 0 < s < q */
    ec_scalar_from_bytes_be(curve, &s, sig);
    ec_scalar_from_bytes_be(curve, &r, sig + n);
    if (!ec_scalar_in_range(curve, &r) || !ec_scalar_in_range(curve, &s))
        return GOST_ERR_BAD_SIGNATURE;
    int rc = ec_point_decode(curve, &q, pub);
    if (rc != GOST_OK)
        return rc;
    /* steps 2-3: e = alpha mod q, 1 if 0 */
    ec_scalar_from_bytes(curve, &alpha, digest);
    ec_scalar_reduce(curve, &e, &alpha);
    if (ec_scalar_is_zero(curve, &e))
        e = one;
    /* steps 4-5: v = e^-1, z1 = s v, z2 = -r v */
    if (ec_scalar_inv_vartime(curve, &v, &e) != GOST_OK)
        return GOST_ERR_INTERNAL; /* e is in [1, q-1] */
    ec_scalar_mul(curve, &z1, &s, &v);
    ec_scalar_mul(curve, &z2, &r, &v);
    ec_scalar_neg(curve, &z2, &z2);
    /* steps 6-7: C = z1 P + z2 Q, accept if x(C) mod q == r */
    ec_point_mul2_vartime(curve, &c, &z1, &z2, &q);
    return ec_point_x_mod_q_eq_vartime(curve, &c, &r) ? GOST_OK : GOST_ERR_AUTH;
}
