/* The internal EC API (internal/ec.h): byte conversion, validation and the
 * choice between the 4-limb and 8-limb implementations. */
#include <gmp.h>
#include <string.h>

#include "ec_declassify.h"
#include "ec_layer.h"
#include "gost/rand.h"
#include "internal/ec.h"
#include "internal/util.h"

/* Call the 4-limb or 8-limb version of an ec_impl.h function, with the
 * MULX/ADX field kernels (and AVX2 table scans) when the CPU (and GOST_CPU)
 * allows them. The choice is made on every call (gost_cpu_features() is a
 * cached word), so nothing is stored. */
#if defined(__x86_64__)
#include "gost/cpu.h"
static int use_mulx(void)
{
    const unsigned need = GOST_CPU_HAS_BMI2 | GOST_CPU_HAS_ADX | GOST_CPU_HAS_AVX2;
    return (gost_cpu_features() & need) == need;
}
#define EC_CALL(c, fn, ...)                                                                        \
    (use_mulx() ? ((c)->limbs == 4 ? ec4x_##fn(c, __VA_ARGS__) : ec8x_##fn(c, __VA_ARGS__))       \
                : ((c)->limbs == 4 ? ec4_##fn(c, __VA_ARGS__) : ec8_##fn(c, __VA_ARGS__)))
#else
#define EC_CALL(c, fn, ...) ((c)->limbs == 4 ? ec4_##fn(c, __VA_ARGS__) : ec8_##fn(c, __VA_ARGS__))
#endif

static const ec_curve *curve_of(enum gost_curve curve)
{
    return &gost_ec_curves[curve];
}

static size_t size_of(const ec_curve *c)
{
    return (size_t)c->limbs * 8;
}

int ec_curve_valid(enum gost_curve curve)
{
    return (unsigned)curve < GOST_CURVE_COUNT;
}

static void limbs_from_le(uint64_t *v, const uint8_t *le, unsigned limbs)
{
    memset(v, 0, 8 * sizeof(uint64_t));
    for (unsigned i = 0; i < limbs; i++)
        v[i] = gost_load64_le(le + 8 * i);
}

static void limbs_to_le(uint8_t *le, const uint64_t *v, unsigned limbs)
{
    for (unsigned i = 0; i < limbs; i++)
        gost_store64_le(le + 8 * i, v[i]);
}

/* ---- points ------------------------------------------------------------------ */

int ec_point_decode(enum gost_curve curve, ec_point *p, const uint8_t *xy)
{
    const ec_curve *c = curve_of(curve);
    uint64_t x[8], y[8];
    limbs_from_le(x, xy, c->limbs);
    limbs_from_le(y, xy + size_of(c), c->limbs);
    if (!EC_CALL(c, field_in_range, x) || !EC_CALL(c, field_in_range, y))
        return GOST_ERR_BAD_POINT;
    EC_CALL(c, point_from_affine, p, x, y);
    if (!EC_CALL(c, point_on_curve, p))
        return GOST_ERR_BAD_POINT;
    /* Affine points are never the identity; on a prime-order curve every
     * point on it is in the subgroup. */
    if (c->cofactor != 1 && !EC_CALL(c, affine_in_subgroup_vartime, x, y))
        return GOST_ERR_BAD_POINT;
    return GOST_OK;
}

/* Loads X || Y with no check but the range; returns the all-ones mask if
 * both coordinates are below p. Constant time. */
static uint64_t point_load(const ec_curve *c, ec_point *p, const uint8_t *xy)
{
    uint64_t x[8], y[8];
    limbs_from_le(x, xy, c->limbs);
    limbs_from_le(y, xy + size_of(c), c->limbs);
    uint64_t ok = EC_CALL(c, field_in_range, x) & EC_CALL(c, field_in_range, y);
    EC_CALL(c, point_from_affine, p, x, y);
    gost_wipe(x, sizeof x);
    gost_wipe(y, sizeof y);
    return ok;
}

int ec_point_decode_ct(enum gost_curve curve, ec_point *p, const uint8_t *xy)
{
    const ec_curve *c = curve_of(curve);
    uint64_t ok = point_load(c, p, xy);
    ok &= EC_CALL(c, point_valid_ct, p);
    /* whether a stored point is valid is public (the record is corrupt or not) */
    return ec_declassify_int((int)(~ok & (uint64_t)GOST_ERR_BAD_POINT));
}

int ec_point_load_unchecked(enum gost_curve curve, ec_point *p, const uint8_t *xy)
{
    const ec_curve *c = curve_of(curve);
    return (int)(point_load(c, p, xy) & 1);
}

int ec_point_valid(enum gost_curve curve, const ec_point *p)
{
    const ec_curve *c = curve_of(curve);
    return (int)(EC_CALL(c, point_valid_ct, p) & 1);
}

/* The affine form of p with a blinded inversion (ec_impl.h): the blinding
 * factor from blind_le (size bytes, fresh and secret) or, if NULL, from the
 * generator; Fermat's inversion if the generator fails (the same result,
 * only slower). */
static uint64_t to_affine(const ec_curve *c, uint64_t *x, uint64_t *y, const ec_point *p,
                          const uint8_t *blind_le)
{
    uint64_t blind[8] = {0};
    int have = 1;
    if (blind_le != NULL)
        limbs_from_le(blind, blind_le, c->limbs);
    else
        have = gost_random_bytes(blind, 8 * c->limbs) == GOST_OK;
    uint64_t inf = EC_CALL(c, point_to_affine_blinded, x, y, p, have ? blind : NULL);
    gost_wipe(blind, sizeof blind);
    return inf;
}

int ec_point_encode(enum gost_curve curve, uint8_t *xy, const ec_point *p)
{
    const ec_curve *c = curve_of(curve);
    uint64_t x[8] = {0}, y[8] = {0};
    uint64_t inf = to_affine(c, x, y, p, NULL);
    limbs_to_le(xy, x, c->limbs);
    limbs_to_le(xy + size_of(c), y, c->limbs);
    /* whether a point is the identity is public (callers branch on it) */
    return ec_declassify_int((int)(inf & (uint64_t)GOST_ERR_BAD_POINT));
}

void ec_point_generator(enum gost_curve curve, ec_point *g)
{
    const ec_curve *c = curve_of(curve);
    memset(g, 0, sizeof *g);
    memcpy(g->x, c->gx, sizeof g->x);
    memcpy(g->y, c->gy, sizeof g->y);
    memcpy(g->z, c->p.one, sizeof g->z);
}

void ec_point_identity(enum gost_curve curve, ec_point *p)
{
    memset(p, 0, sizeof *p);
    memcpy(p->y, curve_of(curve)->p.one, sizeof p->y);
}

void ec_point_add(enum gost_curve curve, ec_point *r, const ec_point *a, const ec_point *b)
{
    const ec_curve *c = curve_of(curve);
    EC_CALL(c, point_add, r, a, b);
}

void ec_point_neg(enum gost_curve curve, ec_point *r, const ec_point *a)
{
    const ec_curve *c = curve_of(curve);
    EC_CALL(c, point_neg, r, a);
}

void ec_point_dbl(enum gost_curve curve, ec_point *r, const ec_point *a)
{
    const ec_curve *c = curve_of(curve);
    EC_CALL(c, point_dbl, r, a);
}

int ec_point_is_identity(enum gost_curve curve, const ec_point *p)
{
    const ec_curve *c = curve_of(curve);
    return (int)(EC_CALL(c, point_is_identity, p) & 1);
}

int ec_point_equal_vartime(enum gost_curve curve, const ec_point *a, const ec_point *b)
{
    ec_point nb, d;
    ec_point_neg(curve, &nb, b);
    ec_point_add(curve, &d, a, &nb);
    return ec_point_is_identity(curve, &d);
}

void ec_point_mul(enum gost_curve curve, ec_point *r, const ec_scalar *k, const ec_point *p)
{
    const ec_curve *c = curve_of(curve);
    EC_CALL(c, point_mul, r, k->v, p);
}

void ec_point_mul_base(enum gost_curve curve, ec_point *r, const ec_scalar *k)
{
    const ec_curve *c = curve_of(curve);
    EC_CALL(c, point_mul_base, r, k->v);
}

void ec_point_mul2_vartime(enum gost_curve curve, ec_point *r, const ec_scalar *k1,
                           const ec_scalar *k2, const ec_point *p)
{
    const ec_curve *c = curve_of(curve);
    EC_CALL(c, point_mul2_vartime, r, k1->v, k2->v, p);
}

int ec_point_in_subgroup_vartime(enum gost_curve curve, const ec_point *p)
{
    const ec_curve *c = curve_of(curve);
    ec_point t;
    if (c->edwards) { /* the cheap test of ec_impl.h on the affine form */
        uint64_t x[8] = {0}, y[8] = {0};
        if (EC_CALL(c, point_to_affine, x, y, p))
            return 1; /* the identity: q O = O */
        return EC_CALL(c, affine_in_subgroup_vartime, x, y);
    }
    /* An exceptional case of the complete formulas (possible only for a
     * point outside the subgroup) yields (0:0:0), which is not the identity. */
    EC_CALL(c, point_mul_vartime, &t, c->q.m, p);
    return EC_CALL(c, point_valid, &t) && EC_CALL(c, point_is_identity, &t);
}

int ec_point_x_mod_q(enum gost_curve curve, ec_scalar *r, const ec_point *p, const uint8_t *blind)
{
    const ec_curve *c = curve_of(curve);
    uint64_t x[8] = {0}, y[8] = {0};
    uint64_t inf = to_affine(c, x, y, p, blind);
    memset(r, 0, sizeof *r);
    EC_CALL(c, scalar_reduce, r->v, x);
    gost_wipe(x, sizeof x);
    gost_wipe(y, sizeof y);
    return ec_declassify_int((int)(inf & (uint64_t)GOST_ERR_BAD_POINT));
}

int ec_point_x_mod_q_eq_vartime(enum gost_curve curve, const ec_point *p, const ec_scalar *r)
{
    const ec_curve *c = curve_of(curve);
    return EC_CALL(c, point_x_mod_q_eq_vartime, p, r->v) != 0;
}

/* ---- scalars --------------------------------------------------------------------- */

void ec_scalar_from_bytes(enum gost_curve curve, ec_scalar *k, const uint8_t *le)
{
    limbs_from_le(k->v, le, curve_of(curve)->limbs);
}

void ec_scalar_to_bytes(enum gost_curve curve, uint8_t *le, const ec_scalar *k)
{
    limbs_to_le(le, k->v, curve_of(curve)->limbs);
}

void ec_scalar_from_bytes_be(enum gost_curve curve, ec_scalar *k, const uint8_t *be)
{
    unsigned limbs = curve_of(curve)->limbs;
    memset(k, 0, sizeof *k);
    for (unsigned i = 0; i < limbs; i++)
        k->v[i] = gost_load64_be(be + 8 * (limbs - 1 - i));
}

void ec_scalar_to_bytes_be(enum gost_curve curve, uint8_t *be, const ec_scalar *k)
{
    unsigned limbs = curve_of(curve)->limbs;
    for (unsigned i = 0; i < limbs; i++)
        gost_store64_be(be + 8 * (limbs - 1 - i), k->v[i]);
}

int ec_scalar_in_range(enum gost_curve curve, const ec_scalar *k)
{
    const ec_curve *c = curve_of(curve);
    return (int)(EC_CALL(c, scalar_in_range, k->v) & 1);
}

int ec_scalar_is_zero(enum gost_curve curve, const ec_scalar *k)
{
    uint64_t acc = 0;
    for (unsigned i = 0; i < curve_of(curve)->limbs; i++)
        acc |= k->v[i];
    return (int)(~gost_mask_nonzero64(acc) & 1);
}

void ec_scalar_reduce(enum gost_curve curve, ec_scalar *r, const ec_scalar *a)
{
    const ec_curve *c = curve_of(curve);
    ec_scalar t = {{0}};
    EC_CALL(c, scalar_reduce, t.v, a->v);
    *r = t;
}

void ec_scalar_reduce_wide(enum gost_curve curve, ec_scalar *r, const uint8_t *w)
{
    const ec_curve *c = curve_of(curve);
    uint64_t v[16];
    for (unsigned i = 0; i < 2 * c->limbs; i++)
        v[i] = gost_load64_le(w + 8 * i);
    memset(r, 0, sizeof *r);
    EC_CALL(c, scalar_reduce_wide, r->v, v);
    gost_wipe(v, sizeof v);
}

void ec_scalar_muladd(enum gost_curve curve, ec_scalar *r, const ec_scalar *a, const ec_scalar *b,
                      const ec_scalar *d, const ec_scalar *e)
{
    const ec_curve *c = curve_of(curve);
    ec_scalar t = {{0}}; /* the unused high limbs stay zero */
    EC_CALL(c, scalar_muladd, t.v, a->v, b->v, d->v, e->v);
    *r = t;
    gost_wipe(&t, sizeof t);
}

void ec_scalar_mul(enum gost_curve curve, ec_scalar *r, const ec_scalar *a, const ec_scalar *b)
{
    const ec_curve *c = curve_of(curve);
    ec_scalar t = {{0}}; /* the unused high limbs stay zero */
    EC_CALL(c, scalar_mul, t.v, a->v, b->v);
    *r = t;
    gost_wipe(&t, sizeof t);
}

void ec_scalar_neg(enum gost_curve curve, ec_scalar *r, const ec_scalar *a)
{
    const ec_curve *c = curve_of(curve);
    ec_scalar t = {{0}}; /* the unused high limbs stay zero */
    EC_CALL(c, scalar_neg, t.v, a->v);
    *r = t;
    gost_wipe(&t, sizeof t);
}

void ec_scalar_inv(enum gost_curve curve, ec_scalar *r, const ec_scalar *a)
{
    const ec_curve *c = curve_of(curve);
    ec_scalar t = {{0}}; /* the unused high limbs stay zero */
    EC_CALL(c, scalar_inv, t.v, a->v);
    *r = t;
    gost_wipe(&t, sizeof t);
}

int ec_scalar_inv_vartime(enum gost_curve curve, ec_scalar *r, const ec_scalar *a)
{
    /* mpn_gcdext wants U >= V: U = a + q, V = q; then S (a + q) = 1 mod q. */
    const ec_curve *c = curve_of(curve);
    mp_size_t n = (mp_size_t)c->limbs, sn, un;
    mp_limb_t u[9], v[9], g[9], sc[10];
    for (mp_size_t i = 0; i < n; i++)
        v[i] = c->q.m[i];
    u[n] = mpn_add_n(u, (const mp_limb_t *)a->v, v, n);
    un = u[n] ? n + 1 : n;
    mp_size_t gn = mpn_gcdext(g, sc, &sn, u, un, v, n);
    if (gn != 1 || g[0] != 1)
        return GOST_ERR_INVALID_ARGUMENT; /* a = 0 mod q */
    memset(r, 0, sizeof *r);
    mp_size_t an = sn < 0 ? -sn : sn;
    for (mp_size_t i = 0; i < an && i < n; i++)
        r->v[i] = sc[i];
    if (sn < 0) /* S is negative: q - |S| */
        ec_scalar_neg(curve, r, r);
    return GOST_OK;
}

void ec_scalar_cmov(ec_scalar *k, const ec_scalar *a, int mask)
{
    uint64_t m = 0 - (uint64_t)(mask & 1);
    for (int i = 0; i < 8; i++)
        k->v[i] ^= m & (k->v[i] ^ a->v[i]);
}
