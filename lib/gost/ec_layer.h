/* Internal: the per-size entry points of ec_impl.h (ec4_* for 256-bit
 * curves from ec_256.c, ec8_* for 512-bit curves from ec_512.c, and ec4x_*,
 * ec8x_* from x86_64/ec_*_bmi2.c). Only ec.c
 * calls them; everything else uses internal/ec.h. Arrays are `limbs` words,
 * coordinates of ec_point in Montgomery form. */
#ifndef GOST_EC_LAYER_H
#define GOST_EC_LAYER_H

#include "ec_curve.h"
#include "internal/ec.h"

#define EC_LAYER_DECLARE(P)                                                                        \
    void P##point_add(const ec_curve *c, ec_point *r, const ec_point *a, const ec_point *b);      \
    void P##point_dbl(const ec_curve *c, ec_point *r, const ec_point *a);                         \
    void P##point_neg(const ec_curve *c, ec_point *r, const ec_point *a);                         \
    void P##point_mul(const ec_curve *c, ec_point *r, const uint64_t *k, const ec_point *p);      \
    void P##point_mul_base(const ec_curve *c, ec_point *r, const uint64_t *k);                    \
    void P##point_mul_vartime(const ec_curve *c, ec_point *r, const uint64_t *k,                  \
                              const ec_point *p);                                                 \
    void P##point_mul2_vartime(const ec_curve *c, ec_point *r, const uint64_t *k1,                \
                               const uint64_t *k2, const ec_point *p);                            \
    uint64_t P##point_to_affine(const ec_curve *c, uint64_t *x, uint64_t *y, const ec_point *p);  \
    uint64_t P##point_to_affine_blinded(const ec_curve *c, uint64_t *x, uint64_t *y,              \
                                        const ec_point *p, const uint64_t *blind);                \
    void P##point_from_affine(const ec_curve *c, ec_point *r, const uint64_t *x,                  \
                              const uint64_t *y);                                                 \
    uint64_t P##point_on_curve(const ec_curve *c, const ec_point *p);                             \
    uint64_t P##point_is_identity(const ec_curve *c, const ec_point *p);                          \
    uint64_t P##point_valid(const ec_curve *c, const ec_point *p);                                \
    uint64_t P##point_valid_ct(const ec_curve *c, const ec_point *p);                             \
    int P##affine_in_subgroup_vartime(const ec_curve *c, const uint64_t *x, const uint64_t *y);   \
    uint64_t P##point_x_mod_q_eq_vartime(const ec_curve *c, const ec_point *p, const uint64_t *r); \
    void P##scalar_reduce(const ec_curve *c, uint64_t *r, const uint64_t *a);                     \
    void P##scalar_reduce_wide(const ec_curve *c, uint64_t *r, const uint64_t *a);                \
    void P##scalar_muladd(const ec_curve *c, uint64_t *r, const uint64_t *a, const uint64_t *b,   \
                          const uint64_t *d, const uint64_t *e);                                  \
    void P##scalar_mul(const ec_curve *c, uint64_t *r, const uint64_t *a, const uint64_t *b);     \
    void P##scalar_neg(const ec_curve *c, uint64_t *r, const uint64_t *a);                        \
    void P##scalar_inv(const ec_curve *c, uint64_t *r, const uint64_t *a);                        \
    uint64_t P##scalar_in_range(const ec_curve *c, const uint64_t *a);                            \
    uint64_t P##field_in_range(const ec_curve *c, const uint64_t *a);

EC_LAYER_DECLARE(ec4_)
EC_LAYER_DECLARE(ec8_)
#if defined(__x86_64__)
/* The same with MULX/ADX field arithmetic (x86_64/ec_*_bmi2.c). */
EC_LAYER_DECLARE(ec4x_)
EC_LAYER_DECLARE(ec8x_)
#endif

#endif
