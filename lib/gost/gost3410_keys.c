/* GOST R 34.10-2012 keys: generation, public from private, validation. */
#include <string.h>

#include "ec_declassify.h"
#include "gost/gost3410.h"
#include "gost/rand.h"
#include "internal/ec.h"
#include "internal/util.h"

static int curve_ok(enum gost_curve curve)
{
    return ec_curve_valid(curve);
}

int gost_3410_check_private_key(enum gost_curve curve, const uint8_t *priv)
{
    ec_scalar d;
    if (!curve_ok(curve) || priv == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    ec_scalar_from_bytes(curve, &d, priv);
    int ok = ec_declassify_int(ec_scalar_in_range(curve, &d)); /* validity is public */
    gost_wipe(&d, sizeof d);
    return ok ? GOST_OK : GOST_ERR_BAD_KEY;
}

int gost_3410_check_public_key(enum gost_curve curve, const uint8_t *pub)
{
    ec_point q;
    if (!curve_ok(curve) || pub == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    return ec_point_decode(curve, &q, pub);
}

int gost_3410_public_key(enum gost_curve curve, uint8_t *pub, const uint8_t *priv)
{
    ec_scalar d;
    ec_point q;
    if (!curve_ok(curve) || pub == NULL || priv == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_3410_check_private_key(curve, priv);
    if (rc != GOST_OK) {
        gost_wipe(pub, 2 * gost_curve_size(curve));
        return rc;
    }
    ec_scalar_from_bytes(curve, &d, priv);
    ec_point_mul_base(curve, &q, &d);
    rc = ec_point_encode(curve, pub, &q); /* d in [1, q-1]: never the identity */
    gost_wipe(&d, sizeof d);
    gost_wipe(&q, sizeof q);
    return rc == GOST_OK ? GOST_OK : GOST_ERR_INTERNAL;
}

int gost_3410_keygen(enum gost_curve curve, uint8_t *priv, uint8_t *pub)
{
    uint8_t wide[2 * GOST_3410_MAX_SIZE];
    ec_scalar d;
    if (!curve_ok(curve) || priv == NULL || pub == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    size_t n = gost_curve_size(curve);
    int rc;
    do {
        /* 2n random bytes reduced mod q: the bias is below 2^-(8n - 2) */
        rc = gost_random_bytes(wide, 2 * n);
        if (rc != GOST_OK)
            goto fail;
        ec_scalar_reduce_wide(curve, &d, wide);
    } while (ec_declassify_int(ec_scalar_is_zero(curve, &d))); /* probability 2^-250: draw again */
    ec_scalar_to_bytes(curve, priv, &d);
    rc = gost_3410_public_key(curve, pub, priv);
    if (rc != GOST_OK)
        goto fail;
    gost_wipe(wide, sizeof wide);
    gost_wipe(&d, sizeof d);
    return GOST_OK;
fail:
    gost_wipe(wide, sizeof wide);
    gost_wipe(&d, sizeof d);
    gost_wipe(priv, n);
    gost_wipe(pub, 2 * n);
    return rc;
}
