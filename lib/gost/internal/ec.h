/* INTERNAL elliptic-curve API of libgost (not installed): the layer under
 * GOST R 34.10-2012 signatures, VKO and SESPAKE (lib/sespake).
 *
 * Curves are named by enum gost_curve (gost/curves.h). Sizes: `size` below is
 * gost_curve_size(curve), 32 or 64 bytes; scalars and coordinates travel as
 * little-endian byte strings of that size (the TC 26 / PKCS#11 convention),
 * points as X || Y (2 * size bytes).
 *
 * Points are ec_point values: projective coordinates in Montgomery form,
 * opaque to callers. Every function taking an ec_point expects one produced
 * by this API for the same curve.
 *
 * Constant time: everything is constant time in its secret inputs (scalars
 * and points) unless its name ends in _vartime, which is for public data only
 * (signature verification, public-key validation).
 *
 * Validation: ec_point_decode (variable time) and ec_point_decode_ct
 * (constant time) bring an outside point in, and accept only points on the
 * curve, not the identity, in the subgroup of prime order q (for the
 * cofactor-4 curves too); ec_point_load_unchecked is for callers that then
 * check with ec_point_valid. Arithmetic on valid points never meets an
 * exceptional case of the complete formulas. */
#ifndef GOST_INTERNAL_EC_H
#define GOST_INTERNAL_EC_H

#include <stddef.h>
#include <stdint.h>

#include "gost/curves.h"

typedef struct ec_point {
    uint64_t x[8], y[8], z[8];
} ec_point;

/* A scalar as 64-bit limbs, least significant first (4 or 8 used). */
typedef struct ec_scalar {
    uint64_t v[8];
} ec_scalar;

/* 1 if curve is a known enum gost_curve value. */
int ec_curve_valid(enum gost_curve curve);

/* ---- points ------------------------------------------------------------------ */

/* Decode X || Y little-endian (2 * size bytes) with full validation. Returns
 * 0, or GOST_ERR_BAD_POINT if a coordinate is >= p, the point is not on the
 * curve or is outside the subgroup of order q. Variable time (public data). */
int ec_point_decode(enum gost_curve curve, ec_point *p, const uint8_t *xy);

/* As ec_point_decode, in constant time in xy (for secret points, such as
 * the password point SESPAKE keeps in a stored record): the range, curve and
 * subgroup checks run without a branch on the coordinates (on the cofactor-4
 * curves the subgroup check is q p, constant time). Only the outcome is
 * public. Returns 0 or GOST_ERR_BAD_POINT; p is unspecified on error. */
int ec_point_decode_ct(enum gost_curve curve, ec_point *p, const uint8_t *xy);

/* X || Y as a point with no check at all but 1 if both coordinates are
 * below p, else 0 (constant time). For tests, and for a caller that
 * validates the point with ec_point_valid before using it. */
int ec_point_load_unchecked(enum gost_curve curve, ec_point *p, const uint8_t *xy);

/* 1 if p is a point of the curve (not (0:0:0)), not the identity and in the
 * subgroup of order q, else 0. Constant time in p (the result is computed
 * without branches; the caller decides what is public). */
int ec_point_valid(enum gost_curve curve, const ec_point *p);

/* Encode p as X || Y little-endian (2 * size bytes) of its affine form.
 * Returns 0, or GOST_ERR_BAD_POINT if p is the identity (xy is then zeros).
 * Constant time: the inversion is blinded by random bytes from the
 * generator (Fermat's if it fails). */
int ec_point_encode(enum gost_curve curve, uint8_t *xy, const ec_point *p);

void ec_point_generator(enum gost_curve curve, ec_point *g);
void ec_point_identity(enum gost_curve curve, ec_point *p);

/* r = a + b, r = -a, r = 2a (complete formulas; r may alias a or b). */
void ec_point_add(enum gost_curve curve, ec_point *r, const ec_point *a, const ec_point *b);
void ec_point_neg(enum gost_curve curve, ec_point *r, const ec_point *a);
void ec_point_dbl(enum gost_curve curve, ec_point *r, const ec_point *a);

/* 1 if p is the identity, else 0 (computed without branches). */
int ec_point_is_identity(enum gost_curve curve, const ec_point *p);

/* 1 if a and b are the same point (public data). */
int ec_point_equal_vartime(enum gost_curve curve, const ec_point *a, const ec_point *b);

/* r = k p, constant time in k and p; k any value below 2^(8 size). */
void ec_point_mul(enum gost_curve curve, ec_point *r, const ec_scalar *k, const ec_point *p);

/* r = k G with the fixed-base table, constant time in k. */
void ec_point_mul_base(enum gost_curve curve, ec_point *r, const ec_scalar *k);

/* r = k1 G + k2 p for public k1, k2, p. */
void ec_point_mul2_vartime(enum gost_curve curve, ec_point *r, const ec_scalar *k1,
                           const ec_scalar *k2, const ec_point *p);

/* 1 if q p is the identity (p public; on the cofactor-4 curves by the
 * Legendre-symbol test of ec_impl.h, which costs a square root instead of a
 * multiplication by q). */
int ec_point_in_subgroup_vartime(enum gost_curve curve, const ec_point *p);

/* r = x(p) mod q (constant time); returns GOST_ERR_BAD_POINT for the identity.
 * blind: size fresh secret random bytes for the blinded inversion (used
 * once, then wiped by the caller), or NULL to draw them from the generator. */
int ec_point_x_mod_q(enum gost_curve curve, ec_scalar *r, const ec_point *p, const uint8_t *blind);

/* 1 if x(p) mod q == r for public p and r < q, without an inversion. */
int ec_point_x_mod_q_eq_vartime(enum gost_curve curve, const ec_point *p, const ec_scalar *r);

/* ---- scalars modulo q (constant time) ------------------------------------------ */

/* Little-endian bytes (size of them) to limbs and back; no reduction. */
void ec_scalar_from_bytes(enum gost_curve curve, ec_scalar *k, const uint8_t *le);
void ec_scalar_to_bytes(enum gost_curve curve, uint8_t *le, const ec_scalar *k);
/* Big-endian bytes (size of them), as the standard prints e, r and s. */
void ec_scalar_from_bytes_be(enum gost_curve curve, ec_scalar *k, const uint8_t *be);
void ec_scalar_to_bytes_be(enum gost_curve curve, uint8_t *be, const ec_scalar *k);

/* 1 if 0 < k < q, else 0. */
int ec_scalar_in_range(enum gost_curve curve, const ec_scalar *k);
/* 1 if k == 0. */
int ec_scalar_is_zero(enum gost_curve curve, const ec_scalar *k);

/* r = a mod q for any a below 2^(8 size). */
void ec_scalar_reduce(enum gost_curve curve, ec_scalar *r, const ec_scalar *a);
/* r = w mod q for a little-endian w of 2 * size bytes. */
void ec_scalar_reduce_wide(enum gost_curve curve, ec_scalar *r, const uint8_t *w);
/* For a, b, d, e below q: r = a b + d e, r = a b, r = -a, r = a^-1 (0 -> 0). */
void ec_scalar_muladd(enum gost_curve curve, ec_scalar *r, const ec_scalar *a, const ec_scalar *b,
                      const ec_scalar *d, const ec_scalar *e);
void ec_scalar_mul(enum gost_curve curve, ec_scalar *r, const ec_scalar *a, const ec_scalar *b);
void ec_scalar_neg(enum gost_curve curve, ec_scalar *r, const ec_scalar *a);
void ec_scalar_inv(enum gost_curve curve, ec_scalar *r, const ec_scalar *a);
/* r = a^-1 mod q for public a below q (extended Euclid, variable time).
 * GOST_ERR_INVALID_ARGUMENT if a is 0. */
int ec_scalar_inv_vartime(enum gost_curve curve, ec_scalar *r, const ec_scalar *a);
/* k = mask ? a : k, mask 0 or 1 (no branch). */
void ec_scalar_cmov(ec_scalar *k, const ec_scalar *a, int mask);

#endif
