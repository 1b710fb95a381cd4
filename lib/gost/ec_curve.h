/* Internal: the run-time form of a curve (limbs, Montgomery constants and the
 * fixed-base table), as written by ec_gen_tables.py into ec_tables.c from
 * the facts in curves.c. Read only by the ec_* layer. */
#ifndef GOST_EC_CURVE_H
#define GOST_EC_CURVE_H

#include <stdint.h>

#include "gost/curves.h"

#define EC_MAX_LIMBS 8

/* A modulus m for Montgomery arithmetic with R = 2^(64*limbs) (see c). Only the
 * first `limbs` words of each array are used. */
typedef struct ec_mod {
    uint64_t m[EC_MAX_LIMBS];
    uint64_t r2[EC_MAX_LIMBS];  /* R^2 mod m */
    uint64_t one[EC_MAX_LIMBS]; /* R mod m: 1 in Montgomery form */
    uint64_t m0inv;             /* -m^-1 mod 2^64 */
    /* Nonzero for a special prime m = 2^(64 limbs) - c, c < 2^32: products are
     * reduced by folding (T = H 2^(64 limbs) + L = L + c H mod m) and elements
     * are kept in normal form (R = 1: r2 = one = 1), which is faster than
     * Montgomery reduction for these primes (256 paramSetA/B, 512 A/C). */
    uint64_t c;
} ec_mod;

/* Fixed-base table: for window i in [0, base_windows) and j in [0, 16),
 * the affine point (j+1) * 32^i * G, x then y, each `limbs` words in
 * Montgomery form: base_table[((i * 16 + j) * 2 + c) * limbs ...].
 * (5-bit signed windows: 53 mixed additions for 256 bits instead of 65 with
 * 4 bits; the constant-time scan of 16 entries costs less than the 12
 * additions saved.) */
#define EC_BASE_WINDOW_BITS 5
#define EC_BASE_WINDOW_POINTS 16

typedef struct ec_curve {
    unsigned limbs;    /* 4 or 8 */
    unsigned cofactor; /* 1 or 4 */
    int a_is_minus3;   /* a == p - 3: the doubling and addition save multiplications */
    ec_mod p, q;
    uint64_t a[EC_MAX_LIMBS], b3[EC_MAX_LIMBS]; /* a and 3b, Montgomery form */
    uint64_t b[EC_MAX_LIMBS];
    uint64_t b_small; /* b if p is special and b < 2^32 (then multiplying by b is cheap), else 0 */
    uint64_t gx[EC_MAX_LIMBS], gy[EC_MAX_LIMBS];
    const uint64_t *base_table; /* NULL for the test curves: they use the variable-base path */
    unsigned base_windows;      /* windows of base_table, or of ed_table */
    /* The twisted Edwards form u^2 + v^2 = 1 + d u^2 v^2 (e = 1) of the
     * cofactor-4 curves (256 paramSetA, 512 paramSetC), Montgomery form:
     * x = s (1 + v) / (1 - v) + t, y = s (1 + v) / ((1 - v) u) (RFC 7836
     * s.A.1). d is not a square, so the Edwards addition law is complete.
     * ed_table replaces base_table for them: (u, v, d u v) of the same
     * multiples of G, EC_BASE_WINDOW_POINTS entries of 3 * limbs words per
     * window. */
    int edwards;
    uint64_t ed_d[EC_MAX_LIMBS], ed_s[EC_MAX_LIMBS], ed_t[EC_MAX_LIMBS];
    const uint64_t *ed_table;
} ec_curve;

extern const ec_curve gost_ec_curves[GOST_CURVE_COUNT];

#endif
