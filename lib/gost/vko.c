/* VKO GOST R 34.10-2012 (R 50.1.113-2016 s.4.3, RFC 7836 s.4.3). */
#include <string.h>

#include "ec_declassify.h"
#include "gost/gost3410.h"
#include "gost/vko.h"
#include "gost/streebog.h"
#include "internal/ec.h"
#include "internal/util.h"

/* The shared point K = (h UKM x mod q) Y, encoded X || Y little-endian. */
static int vko_point(enum gost_curve curve, uint8_t *kxy, const uint8_t *priv,
                     const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len)
{
    static const ec_scalar one = {{1}};
    size_t n = gost_curve_size(curve);
    uint8_t ub[GOST_3410_MAX_SIZE] = {0};
    ec_scalar x, u, t, h = {{0}};
    ec_point y, k;
    if (ukm_len == 0 || ukm_len > n)
        return GOST_ERR_BAD_LENGTH;
    int rc = gost_3410_check_private_key(curve, priv);
    if (rc != GOST_OK)
        return rc;
    rc = ec_point_decode(curve, &y, peer_pub);
    if (rc != GOST_OK)
        return rc;
    memcpy(ub, ukm, ukm_len);
    ec_scalar_from_bytes(curve, &t, ub);
    ec_scalar_reduce(curve, &u, &t);
    ec_scalar_cmov(&u, &one, ec_scalar_is_zero(curve, &u));
    ec_scalar_from_bytes(curve, &x, priv);
    ec_scalar_mul(curve, &t, &u, &x);
    h.v[0] = (uint64_t)gost_curve_cofactor(curve);
    ec_scalar_mul(curve, &t, &t, &h);
    ec_point_mul(curve, &k, &t, &y);
    rc = ec_point_encode(curve, kxy, &k); /* t != 0 and Y of order q: never the identity */
    gost_wipe(&x, sizeof x);
    gost_wipe(&t, sizeof t);
    gost_wipe(&k, sizeof k);
    return rc == GOST_OK ? GOST_OK : GOST_ERR_INTERNAL;
}

static int vko(enum gost_curve curve, uint8_t *out, size_t outlen, const uint8_t *priv,
               const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len)
{
    uint8_t kxy[2 * GOST_3410_MAX_SIZE];
    if (out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (!ec_curve_valid(curve) || priv == NULL || peer_pub == NULL || ukm == NULL) {
        gost_wipe(out, outlen);
        return GOST_ERR_INVALID_ARGUMENT;
    }
    int rc = vko_point(curve, kxy, priv, peer_pub, ukm, ukm_len);
    if (rc == GOST_OK) {
        size_t n = gost_curve_size(curve);
        rc = outlen == GOST_VKO_256_SIZE ? gost_streebog256(kxy, 2 * n, out)
                                         : gost_streebog512(kxy, 2 * n, out);
        if (rc != GOST_OK) {
            gost_wipe(out, outlen);
            rc = GOST_ERR_INTERNAL;
        }
    } else {
        gost_wipe(out, outlen);
    }
    gost_wipe(kxy, sizeof kxy);
    return rc;
}

int gost_vko_derive_256(enum gost_curve curve, uint8_t *out, const uint8_t *priv,
                        const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len)
{
    return vko(curve, out, GOST_VKO_256_SIZE, priv, peer_pub, ukm, ukm_len);
}

int gost_vko_derive_512(enum gost_curve curve, uint8_t *out, const uint8_t *priv,
                        const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len)
{
    return vko(curve, out, GOST_VKO_512_SIZE, priv, peer_pub, ukm, ukm_len);
}
