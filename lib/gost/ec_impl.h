/* Field, scalar and point arithmetic for one limb count, in the manner of
 * libsecp256k1's *_impl.h: ec_256.c and ec_512.c include this file with
 * EC_N (4 or 8 limbs of 64 bits) and EC_FN(name) (the name prefix) defined,
 * so both sizes share one source and the compiler unrolls each.
 *
 * Layers, bottom up (a layer calls only those below it):
 *   limbs   add/sub with carry, masks, conditional moves;
 *   mod     Montgomery arithmetic modulo p or q (CIOS multiplication with
 *           unsigned __int128, Fermat inversion);
 *   point   projective points with the complete formulas of Renes,
 *           Costello and Batina (EUROCRYPT 2016, "Complete addition formulas
 *           for prime order elliptic curves", Algorithms 1-3, any a);
 *   mul     constant-time fixed-window multiplication (variable base,
 *           fixed base with the precomputed table) and a variable-time
 *           double multiplication for verification.
 *
 * Everything here is constant time in its inputs unless its name ends in
 * _vartime. Branches on the curve (a == -3, table present) and on public
 * exponents (p - 2) are allowed. */
#include <stdint.h>
#include <string.h>

#include "ec_curve.h"
#include "internal/ec.h"
#include "internal/util.h"

#ifndef EC_N
#error "define EC_N and EC_FN before including ec_impl.h"
#endif

#define N EC_N

/* GCC (12) expands the many small array copies of the point formulas into
 * 16-byte SSE moves that reload values just written as 8-byte words; the
 * store-forwarding stalls cost about a quarter of the run time. This code
 * is integer-only, so GCC may as well not use SSE here. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#pragma GCC target("no-sse2")
#endif
#define DIGITS (16 * N + 1) /* signed 4-bit digits of an N-limb scalar, with the final carry */
/* signed 5-bit digits for the fixed-base table, with the final carry */
#define BDIGITS ((64 * N + EC_BASE_WINDOW_BITS - 1) / EC_BASE_WINDOW_BITS + 1)

typedef unsigned __int128 u128;

/* Add with carry: *out = a + b + cin, returns the carry. */
#if defined(__x86_64__)
#include <x86intrin.h>
#define EC_CARRY_T unsigned char
#define EC_ADDC(cin, a, b, out) _addcarry_u64((cin), (a), (b), (unsigned long long *)(out))
#define EC_SUBB(bin, a, b, out) _subborrow_u64((bin), (a), (b), (unsigned long long *)(out))
#else
#define EC_CARRY_T uint64_t
static inline uint64_t ec_addc_portable(uint64_t cin, uint64_t a, uint64_t b, uint64_t *out)
{
    u128 s = (u128)a + b + cin;
    *out = (uint64_t)s;
    return (uint64_t)(s >> 64);
}
static inline uint64_t ec_subb_portable(uint64_t bin, uint64_t a, uint64_t b, uint64_t *out)
{
    u128 d = (u128)a - b - bin;
    *out = (uint64_t)d;
    return (uint64_t)(d >> 64) & 1;
}
#define EC_ADDC(cin, a, b, out) ec_addc_portable((cin), (a), (b), (out))
#define EC_SUBB(bin, a, b, out) ec_subb_portable((bin), (a), (b), (out))
#endif

/* Loops over limbs are unrolled: N is a constant, and a loop counter costs
 * as much as the arithmetic at this size. */
#define UNROLL _Pragma("GCC unroll 8")

/* ---- limbs ---------------------------------------------------------------- */

static inline uint64_t EC_FN(add)(uint64_t r[N], const uint64_t a[N], const uint64_t b[N])
{
    u128 c = 0;
    UNROLL
    for (int i = 0; i < N; i++) {
        c = (u128)a[i] + b[i] + (uint64_t)(c >> 64);
        r[i] = (uint64_t)c;
    }
    return (uint64_t)(c >> 64);
}

static inline uint64_t EC_FN(sub)(uint64_t r[N], const uint64_t a[N], const uint64_t b[N])
{
    uint64_t borrow = 0;
    UNROLL
    for (int i = 0; i < N; i++) {
        u128 d = (u128)a[i] - b[i] - borrow;
        r[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    return borrow;
}

/* r = mask ? a : r, mask all-ones or zero. */
static inline void EC_FN(cmov)(uint64_t r[N], const uint64_t a[N], uint64_t mask)
{
    UNROLL
    for (int i = 0; i < N; i++)
        r[i] ^= mask & (r[i] ^ a[i]);
}

static inline uint64_t EC_FN(is_zero_mask)(const uint64_t a[N])
{
    uint64_t acc = 0;
    UNROLL
    for (int i = 0; i < N; i++)
        acc |= a[i];
    return ~gost_mask_nonzero64(acc);
}

static inline uint64_t EC_FN(eq_mask)(const uint64_t a[N], const uint64_t b[N])
{
    uint64_t acc = 0;
    UNROLL
    for (int i = 0; i < N; i++)
        acc |= a[i] ^ b[i];
    return ~gost_mask_nonzero64(acc);
}

/* All-ones if a < b (as N-limb numbers). */
static inline uint64_t EC_FN(lt_mask)(const uint64_t a[N], const uint64_t b[N])
{
    uint64_t t[N];
    return 0 - EC_FN(sub)(t, a, b);
}

/* ---- mod: Montgomery arithmetic, R = 2^(64N) -------------------------------- */

/* Modular addition and subtraction as straight carry chains (GCC compiles
 * these well; array temporaries and memcpy it does not). a, b below m. */
static inline void EC_FN(mod_add)(uint64_t r[N], const uint64_t a[N], const uint64_t b[N],
                                  const ec_mod *md)
{
    uint64_t s[N], t[N];
    EC_CARRY_T c = 0, br = 0;
    UNROLL
    for (int i = 0; i < N; i++)
        c = EC_ADDC(c, a[i], b[i], &s[i]);
    UNROLL
    for (int i = 0; i < N; i++)
        br = EC_SUBB(br, s[i], md->m[i], &t[i]);
    /* a + b < 2m: take s - m when the sum overflowed or s >= m */
    uint64_t mask = 0 - (uint64_t)((c | (br ^ 1)) & 1);
    UNROLL
    for (int i = 0; i < N; i++)
        r[i] = (t[i] & mask) | (s[i] & ~mask);
}

static inline void EC_FN(mod_sub)(uint64_t r[N], const uint64_t a[N], const uint64_t b[N],
                                  const ec_mod *md)
{
    uint64_t s[N];
    EC_CARRY_T br = 0, c = 0;
    UNROLL
    for (int i = 0; i < N; i++)
        br = EC_SUBB(br, a[i], b[i], &s[i]);
    uint64_t mask = 0 - (uint64_t)br; /* add m back after a borrow */
    UNROLL
    for (int i = 0; i < N; i++)
        c = EC_ADDC(c, s[i], md->m[i] & mask, &r[i]);
    (void)c;
}

static inline void EC_FN(mod_neg)(uint64_t r[N], const uint64_t a[N], const ec_mod *md)
{
    static const uint64_t zero[N];
    EC_FN(mod_sub)(r, zero, a, md);
}

#if defined(__x86_64__) && !defined(EC_NO_ASM)
#define EC_HAVE_MUL_ASM 1
/* t = a b (N x N limbs) by columns with a three-word accumulator, in
 * baseline x86-64 (mulq, adc; no CPU feature needed): faster than GCC's
 * code for the same product in C. The column sequences are written out by
 * hand-run generation (one EC_MAC per partial product a[i] b[j]). */
#define EC_MAC(i, j)                                                                               \
    "movq " #i "*8(%[a]), %%rax\n\t"                                                                \
    "mulq " #j "*8(%[b])\n\t"                                                                      \
    "addq %%rax, %%r8\n\t"                                                                         \
    "adcq %%rdx, %%r9\n\t"                                                                         \
    "adcq $0, %%r10\n\t"
#define EC_COL_END(k)                                                                              \
    "movq %%r8, " #k "*8(%[t])\n\t"                                                                \
    "movq %%r9, %%r8\n\t"                                                                          \
    "movq %%r10, %%r9\n\t"                                                                         \
    "xorl %%r10d, %%r10d\n\t"
static inline void EC_FN(mul_asm)(uint64_t t[2 * N], const uint64_t a[N], const uint64_t b[N])
{
#if EC_N == 4
    __asm__("xorl %%r8d, %%r8d\n\t"
            "xorl %%r9d, %%r9d\n\t"
            "xorl %%r10d, %%r10d\n\t"
            EC_MAC(0, 0) EC_COL_END(0)
            EC_MAC(0, 1) EC_MAC(1, 0) EC_COL_END(1)
            EC_MAC(0, 2) EC_MAC(1, 1) EC_MAC(2, 0) EC_COL_END(2)
            EC_MAC(0, 3) EC_MAC(1, 2) EC_MAC(2, 1) EC_MAC(3, 0) EC_COL_END(3)
            EC_MAC(1, 3) EC_MAC(2, 2) EC_MAC(3, 1) EC_COL_END(4)
            EC_MAC(2, 3) EC_MAC(3, 2) EC_COL_END(5)
            EC_MAC(3, 3)
            "movq %%r8, 6*8(%[t])\n\t"
            "movq %%r9, 7*8(%[t])\n\t"
            :
            : [t] "r"(t), [a] "r"(a), [b] "r"(b)
            : "rax", "rdx", "r8", "r9", "r10", "cc", "memory");
#else
    __asm__("xorl %%r8d, %%r8d\n\t"
            "xorl %%r9d, %%r9d\n\t"
            "xorl %%r10d, %%r10d\n\t"
            EC_MAC(0, 0) EC_COL_END(0)
            EC_MAC(0, 1) EC_MAC(1, 0) EC_COL_END(1)
            EC_MAC(0, 2) EC_MAC(1, 1) EC_MAC(2, 0) EC_COL_END(2)
            EC_MAC(0, 3) EC_MAC(1, 2) EC_MAC(2, 1) EC_MAC(3, 0) EC_COL_END(3)
            EC_MAC(0, 4) EC_MAC(1, 3) EC_MAC(2, 2) EC_MAC(3, 1) EC_MAC(4, 0) EC_COL_END(4)
            EC_MAC(0, 5) EC_MAC(1, 4) EC_MAC(2, 3) EC_MAC(3, 2) EC_MAC(4, 1) EC_MAC(5, 0) EC_COL_END(5)
            EC_MAC(0, 6) EC_MAC(1, 5) EC_MAC(2, 4) EC_MAC(3, 3) EC_MAC(4, 2) EC_MAC(5, 1) EC_MAC(6, 0) EC_COL_END(6)
            EC_MAC(0, 7) EC_MAC(1, 6) EC_MAC(2, 5) EC_MAC(3, 4) EC_MAC(4, 3) EC_MAC(5, 2) EC_MAC(6, 1) EC_MAC(7, 0) EC_COL_END(7)
            EC_MAC(1, 7) EC_MAC(2, 6) EC_MAC(3, 5) EC_MAC(4, 4) EC_MAC(5, 3) EC_MAC(6, 2) EC_MAC(7, 1) EC_COL_END(8)
            EC_MAC(2, 7) EC_MAC(3, 6) EC_MAC(4, 5) EC_MAC(5, 4) EC_MAC(6, 3) EC_MAC(7, 2) EC_COL_END(9)
            EC_MAC(3, 7) EC_MAC(4, 6) EC_MAC(5, 5) EC_MAC(6, 4) EC_MAC(7, 3) EC_COL_END(10)
            EC_MAC(4, 7) EC_MAC(5, 6) EC_MAC(6, 5) EC_MAC(7, 4) EC_COL_END(11)
            EC_MAC(5, 7) EC_MAC(6, 6) EC_MAC(7, 5) EC_COL_END(12)
            EC_MAC(6, 7) EC_MAC(7, 6) EC_COL_END(13)
            EC_MAC(7, 7)
            "movq %%r8, 14*8(%[t])\n\t"
            "movq %%r9, 15*8(%[t])\n\t"
            :
            : [t] "r"(t), [a] "r"(a), [b] "r"(b)
            : "rax", "rdx", "r8", "r9", "r10", "cc", "memory");
#endif
}
#undef EC_MAC
#undef EC_COL_END
#endif

/* r = a * b mod m for a special m = 2^(64N) - c: the schoolbook product,
 * then two folds of the high half (2^(64N) = c mod m) and one conditional
 * subtraction. Any a, b below 2^(64N); the result is below m. */
static inline __attribute__((always_inline)) void EC_FN(fold_mul_inl)(uint64_t r[N], const uint64_t a[N],
                                                                     const uint64_t b[N], const ec_mod *md)
{
    uint64_t t[2 * N], s[N], u[N];
    const uint64_t c = md->c;
    UNROLL
    for (int j = 0; j < N; j++)
        t[j] = 0;
#if defined(EC_HAVE_MUL_ASM)
    EC_FN(mul_asm)(t, a, b);
#else
    /* Row by row: the low halves of a[j] b[i] in one carry chain, the high
     * halves in another (GCC compiles _addcarry_u64 chains to adc; it does
     * poorly with the equivalent unsigned __int128 sums). */
    UNROLL
    for (int i = 0; i < N; i++) {
        uint64_t lo[N], hi[N];
        UNROLL
        for (int j = 0; j < N; j++) {
            u128 p = (u128)a[j] * b[i];
            lo[j] = (uint64_t)p;
            hi[j] = (uint64_t)(p >> 64);
        }
        EC_CARRY_T cy = 0;
        UNROLL
        for (int j = 0; j < N; j++)
            cy = EC_ADDC(cy, t[i + j], lo[j], &t[i + j]);
        t[i + N] = cy;
        cy = 0;
        UNROLL
        for (int j = 0; j < N; j++)
            cy = EC_ADDC(cy, t[i + j + 1], hi[j], &t[i + j + 1]);
    }
#endif
    uint64_t carry = 0;
    UNROLL
    for (int i = 0; i < N; i++) {
        u128 p = (u128)t[N + i] * c + t[i] + carry;
        s[i] = (uint64_t)p;
        carry = (uint64_t)(p >> 64);
    }
    /* carry <= c: fold it once more; a wrap past 2^(64N) is worth c again */
    u128 p = (u128)carry * c + s[0];
    s[0] = (uint64_t)p;
    uint64_t k = (uint64_t)(p >> 64);
    UNROLL
    for (int i = 1; i < N; i++) {
        p = (u128)s[i] + k;
        s[i] = (uint64_t)p;
        k = (uint64_t)(p >> 64);
    }
    s[0] += k * c; /* after a wrap s is below c * 2^32: no carry */
    /* s >= m exactly when s + c overflows; then s - m = s + c - 2^(64N) */
    p = (u128)s[0] + c;
    u[0] = (uint64_t)p;
    k = (uint64_t)(p >> 64);
    UNROLL
    for (int i = 1; i < N; i++) {
        p = (u128)s[i] + k;
        u[i] = (uint64_t)p;
        k = (uint64_t)(p >> 64);
    }
    EC_FN(cmov)(s, u, 0 - k);
    memcpy(r, s, sizeof s);
}

/* r = a * b / R mod m (CIOS). Requires b < m and a < R; then the result is
 * below m (before the final subtraction it is below 2m). r may alias a, b. */
static inline __attribute__((always_inline)) void EC_FN(mont_mul_inl)(uint64_t r[N], const uint64_t a[N], const uint64_t b[N],
                                   const ec_mod *md)
{
    uint64_t t[N + 2] = {0};
    UNROLL
    for (int i = 0; i < N; i++) {
        uint64_t carry = 0;
        UNROLL
        for (int j = 0; j < N; j++) {
            u128 c = (u128)a[j] * b[i] + t[j] + carry;
            t[j] = (uint64_t)c;
            carry = (uint64_t)(c >> 64);
        }
        u128 c = (u128)t[N] + carry;
        t[N] = (uint64_t)c;
        t[N + 1] = (uint64_t)(c >> 64);
        uint64_t mq = t[0] * md->m0inv;
        c = (u128)mq * md->m[0] + t[0];
        carry = (uint64_t)(c >> 64);
        UNROLL
        for (int j = 1; j < N; j++) {
            c = (u128)mq * md->m[j] + t[j] + carry;
            t[j - 1] = (uint64_t)c;
            carry = (uint64_t)(c >> 64);
        }
        c = (u128)t[N] + carry;
        t[N - 1] = (uint64_t)c;
        t[N] = t[N + 1] + (uint64_t)(c >> 64);
    }
    uint64_t s[N];
    uint64_t br = EC_FN(sub)(s, t, md->m);
    EC_FN(cmov)(t, s, 0 - ((t[N] | (br ^ 1)) & 1));
    memcpy(r, t, N * sizeof(uint64_t));
}

/* The field and scalar product: a b / R mod m, where R = 1 for special m
 * (the branch is on the public modulus). */
static void EC_FN(mont_mul)(uint64_t r[N], const uint64_t a[N], const uint64_t b[N], const ec_mod *md)
{
    if (md->c != 0)
        EC_FN(fold_mul_inl)(r, a, b, md);
    else
        EC_FN(mont_mul_inl)(r, a, b, md);
}

static inline void EC_FN(mont_sqr)(uint64_t r[N], const uint64_t a[N], const ec_mod *md)
{
    EC_FN(mont_mul)(r, a, a, md);
}

/* Any N-limb value to Montgomery form, fully reduced: a * R mod m. */
static inline void EC_FN(to_mont)(uint64_t r[N], const uint64_t a[N], const ec_mod *md)
{
    EC_FN(mont_mul)(r, a, md->r2, md);
}

/* From Montgomery form (or: any N-limb value times R^-1). */
static inline void EC_FN(from_mont)(uint64_t r[N], const uint64_t a[N], const ec_mod *md)
{
    uint64_t one[N] = {1};
    EC_FN(mont_mul)(r, one, a, md);
}

/* r = a^(m-2) = a^-1 (Montgomery form in and out; 0 maps to 0). Fixed 4-bit
 * windows over the public exponent: the sequence of operations depends on m
 * only, never on a. */
static void EC_FN(mod_inv)(uint64_t r[N], const uint64_t a[N], const ec_mod *md)
{
    uint64_t e[N], two[N] = {2};
    uint64_t pw[16][N], acc[N];
    EC_FN(sub)(e, md->m, two);
    memcpy(pw[0], md->one, sizeof pw[0]);
    memcpy(pw[1], a, sizeof pw[1]);
    for (int i = 2; i < 16; i++)
        EC_FN(mont_mul)(pw[i], pw[i - 1], a, md);
    memcpy(acc, md->one, sizeof acc);
    for (int i = 16 * N - 1; i >= 0; i--) {
        for (int k = 0; k < 4; k++)
            EC_FN(mont_sqr)(acc, acc, md);
        unsigned w = (unsigned)(e[i / 16] >> (4 * (i % 16))) & 15;
        if (w != 0) /* public exponent digit */
            EC_FN(mont_mul)(acc, acc, pw[w], md);
    }
    memcpy(r, acc, sizeof acc);
    gost_wipe(pw, sizeof pw);
    gost_wipe(acc, sizeof acc);
}

/* ---- point: projective (X:Y:Z), y = Y/Z, identity (0:1:0) ------------------ */

typedef struct {
    uint64_t x[N], y[N], z[N];
} EC_FN(pt);

#define FP (&c->p)

static inline void EC_FN(mul_a)(uint64_t r[N], const uint64_t v[N], const ec_curve *c)
{
    if (c->a_is_minus3) { /* a v = -(3 v): three additions instead of a product */
        uint64_t t[N];
        EC_FN(mod_add)(t, v, v, FP);
        EC_FN(mod_add)(t, t, v, FP);
        EC_FN(mod_neg)(r, t, FP);
    } else {
        EC_FN(mont_mul)(r, v, c->a, FP);
    }
}

static inline void EC_FN(pt_identity)(EC_FN(pt) *r, const ec_curve *c)
{
    memset(r, 0, sizeof *r);
    memcpy(r->y, c->p.one, sizeof r->y);
}

/* RCB Algorithm 1: complete addition, any a. r may alias p or q. */
static void EC_FN(pt_add)(EC_FN(pt) *r, const EC_FN(pt) *p, const EC_FN(pt) *q, const ec_curve *c)
{
    uint64_t t0[N], t1[N], t2[N], t3[N], t4[N], t5[N], x3[N], y3[N], z3[N];
    EC_FN(mont_mul)(t0, p->x, q->x, FP);
    EC_FN(mont_mul)(t1, p->y, q->y, FP);
    EC_FN(mont_mul)(t2, p->z, q->z, FP);
    EC_FN(mod_add)(t3, p->x, p->y, FP);
    EC_FN(mod_add)(t4, q->x, q->y, FP);
    EC_FN(mont_mul)(t3, t3, t4, FP);
    EC_FN(mod_add)(t4, t0, t1, FP);
    EC_FN(mod_sub)(t3, t3, t4, FP);
    EC_FN(mod_add)(t4, p->x, p->z, FP);
    EC_FN(mod_add)(t5, q->x, q->z, FP);
    EC_FN(mont_mul)(t4, t4, t5, FP);
    EC_FN(mod_add)(t5, t0, t2, FP);
    EC_FN(mod_sub)(t4, t4, t5, FP);
    EC_FN(mod_add)(t5, p->y, p->z, FP);
    EC_FN(mod_add)(x3, q->y, q->z, FP);
    EC_FN(mont_mul)(t5, t5, x3, FP);
    EC_FN(mod_add)(x3, t1, t2, FP);
    EC_FN(mod_sub)(t5, t5, x3, FP);
    EC_FN(mul_a)(z3, t4, c);
    EC_FN(mont_mul)(x3, c->b3, t2, FP);
    EC_FN(mod_add)(z3, x3, z3, FP);
    EC_FN(mod_sub)(x3, t1, z3, FP);
    EC_FN(mod_add)(z3, t1, z3, FP);
    EC_FN(mont_mul)(y3, x3, z3, FP);
    EC_FN(mod_add)(t1, t0, t0, FP);
    EC_FN(mod_add)(t1, t1, t0, FP);
    EC_FN(mul_a)(t2, t2, c);
    EC_FN(mont_mul)(t4, c->b3, t4, FP);
    EC_FN(mod_add)(t1, t1, t2, FP);
    EC_FN(mod_sub)(t2, t0, t2, FP);
    EC_FN(mul_a)(t2, t2, c);
    EC_FN(mod_add)(t4, t4, t2, FP);
    EC_FN(mont_mul)(t0, t1, t4, FP);
    EC_FN(mod_add)(y3, y3, t0, FP);
    EC_FN(mont_mul)(t0, t5, t4, FP);
    EC_FN(mont_mul)(x3, t3, x3, FP);
    EC_FN(mod_sub)(x3, x3, t0, FP);
    EC_FN(mont_mul)(t0, t3, t1, FP);
    EC_FN(mont_mul)(z3, t5, z3, FP);
    EC_FN(mod_add)(z3, z3, t0, FP);
    memcpy(r->x, x3, sizeof x3);
    memcpy(r->y, y3, sizeof y3);
    memcpy(r->z, z3, sizeof z3);
}

/* RCB Algorithm 2: mixed addition, q = (qx, qy) affine (never the identity). */
static void EC_FN(pt_add_affine)(EC_FN(pt) *r, const EC_FN(pt) *p, const uint64_t qx[N],
                                 const uint64_t qy[N], const ec_curve *c)
{
    uint64_t t0[N], t1[N], t2[N], t3[N], t4[N], t5[N], x3[N], y3[N], z3[N];
    EC_FN(mont_mul)(t0, p->x, qx, FP);
    EC_FN(mont_mul)(t1, p->y, qy, FP);
    EC_FN(mod_add)(t3, qx, qy, FP);
    EC_FN(mod_add)(t4, p->x, p->y, FP);
    EC_FN(mont_mul)(t3, t3, t4, FP);
    EC_FN(mod_add)(t4, t0, t1, FP);
    EC_FN(mod_sub)(t3, t3, t4, FP);
    EC_FN(mont_mul)(t4, qx, p->z, FP);
    EC_FN(mod_add)(t4, t4, p->x, FP);
    EC_FN(mont_mul)(t5, qy, p->z, FP);
    EC_FN(mod_add)(t5, t5, p->y, FP);
    EC_FN(mul_a)(z3, t4, c);
    EC_FN(mont_mul)(x3, c->b3, p->z, FP);
    EC_FN(mod_add)(z3, x3, z3, FP);
    EC_FN(mod_sub)(x3, t1, z3, FP);
    EC_FN(mod_add)(z3, t1, z3, FP);
    EC_FN(mont_mul)(y3, x3, z3, FP);
    EC_FN(mod_add)(t1, t0, t0, FP);
    EC_FN(mod_add)(t1, t1, t0, FP);
    EC_FN(mul_a)(t2, p->z, c);
    EC_FN(mont_mul)(t4, c->b3, t4, FP);
    EC_FN(mod_add)(t1, t1, t2, FP);
    EC_FN(mod_sub)(t2, t0, t2, FP);
    EC_FN(mul_a)(t2, t2, c);
    EC_FN(mod_add)(t4, t4, t2, FP);
    EC_FN(mont_mul)(t0, t1, t4, FP);
    EC_FN(mod_add)(y3, y3, t0, FP);
    EC_FN(mont_mul)(t0, t5, t4, FP);
    EC_FN(mont_mul)(x3, t3, x3, FP);
    EC_FN(mod_sub)(x3, x3, t0, FP);
    EC_FN(mont_mul)(t0, t3, t1, FP);
    EC_FN(mont_mul)(z3, t5, z3, FP);
    EC_FN(mod_add)(z3, z3, t0, FP);
    memcpy(r->x, x3, sizeof x3);
    memcpy(r->y, y3, sizeof y3);
    memcpy(r->z, z3, sizeof z3);
}

/* RCB Algorithm 3: doubling, any a. */
static void EC_FN(pt_dbl)(EC_FN(pt) *r, const EC_FN(pt) *p, const ec_curve *c)
{
    uint64_t t0[N], t1[N], t2[N], t3[N], x3[N], y3[N], z3[N];
    EC_FN(mont_sqr)(t0, p->x, FP);
    EC_FN(mont_sqr)(t1, p->y, FP);
    EC_FN(mont_sqr)(t2, p->z, FP);
    EC_FN(mont_mul)(t3, p->x, p->y, FP);
    EC_FN(mod_add)(t3, t3, t3, FP);
    EC_FN(mont_mul)(z3, p->x, p->z, FP);
    EC_FN(mod_add)(z3, z3, z3, FP);
    EC_FN(mul_a)(x3, z3, c);
    EC_FN(mont_mul)(y3, c->b3, t2, FP);
    EC_FN(mod_add)(y3, x3, y3, FP);
    EC_FN(mod_sub)(x3, t1, y3, FP);
    EC_FN(mod_add)(y3, t1, y3, FP);
    EC_FN(mont_mul)(y3, x3, y3, FP);
    EC_FN(mont_mul)(x3, t3, x3, FP);
    EC_FN(mont_mul)(z3, c->b3, z3, FP);
    EC_FN(mul_a)(t2, t2, c);
    EC_FN(mod_sub)(t3, t0, t2, FP);
    EC_FN(mul_a)(t3, t3, c);
    EC_FN(mod_add)(t3, t3, z3, FP);
    EC_FN(mod_add)(z3, t0, t0, FP);
    EC_FN(mod_add)(t0, z3, t0, FP);
    EC_FN(mod_add)(t0, t0, t2, FP);
    EC_FN(mont_mul)(t0, t0, t3, FP);
    EC_FN(mod_add)(y3, y3, t0, FP);
    EC_FN(mont_mul)(t2, p->y, p->z, FP);
    EC_FN(mod_add)(t2, t2, t2, FP);
    EC_FN(mont_mul)(t0, t2, t3, FP);
    EC_FN(mod_sub)(x3, x3, t0, FP);
    EC_FN(mont_mul)(z3, t2, t1, FP);
    EC_FN(mod_add)(z3, z3, z3, FP);
    EC_FN(mod_add)(z3, z3, z3, FP);
    memcpy(r->x, x3, sizeof x3);
    memcpy(r->y, y3, sizeof y3);
    memcpy(r->z, z3, sizeof z3);
}

static inline void EC_FN(pt_cmov)(EC_FN(pt) *r, const EC_FN(pt) *a, uint64_t mask)
{
    EC_FN(cmov)(r->x, a->x, mask);
    EC_FN(cmov)(r->y, a->y, mask);
    EC_FN(cmov)(r->z, a->z, mask);
}

/* Negate y when mask is all-ones. */
static inline void EC_FN(cneg_y)(uint64_t y[N], uint64_t mask, const ec_curve *c)
{
    uint64_t ny[N];
    EC_FN(mod_neg)(ny, y, FP);
    EC_FN(cmov)(y, ny, mask);
}

/* ---- mul ---------------------------------------------------------------------- */

/* Signed base-16 digits d[i] in [-8, 8], k = sum d[i] 16^i, without branches. */
static void EC_FN(recode)(int32_t d[DIGITS], const uint64_t k[N])
{
    uint32_t carry = 0;
    for (int i = 0; i < 16 * N; i++) {
        uint32_t v = (uint32_t)(k[i / 16] >> (4 * (i % 16))) & 15;
        v += carry;
        carry = (v + 8) >> 4;
        d[i] = (int32_t)v - (int32_t)(carry << 4);
    }
    d[16 * N] = (int32_t)carry;
}

/* Signed digits of EC_BASE_WINDOW_BITS bits, d[i] in [-2^(w-1), 2^(w-1)],
 * k = sum d[i] 2^(w i), without branches (bit positions are public). */
static void EC_FN(recode_base)(int32_t d[BDIGITS], const uint64_t k[N])
{
    const unsigned w = EC_BASE_WINDOW_BITS;
    uint32_t carry = 0;
    for (unsigned i = 0; i + 1 < BDIGITS; i++) {
        unsigned bit = i * w, word = bit / 64, sh = bit % 64;
        uint64_t v64 = k[word] >> sh;
        if (sh + w > 64 && word + 1 < N)
            v64 |= k[word + 1] << (64 - sh);
        uint32_t v = (uint32_t)(v64 & ((1u << w) - 1)) + carry;
        carry = (v + (1u << (w - 1))) >> w;
        d[i] = (int32_t)v - (int32_t)(carry << w);
    }
    d[BDIGITS - 1] = (int32_t)carry;
}

/* |d| and an all-ones mask if d < 0, without branches. */
static inline uint32_t EC_FN(digit_abs)(int32_t d, uint64_t *neg)
{
    uint32_t s = (uint32_t)d >> 31;
    *neg = 0 - (uint64_t)s;
    return ((uint32_t)d ^ (0u - s)) + s;
}

/* r = k * p, constant time in k and p (p in the prime-order subgroup or any
 * point of a prime-order curve). k is any N-limb number. */
static void EC_FN(mul_ct)(EC_FN(pt) *r, const uint64_t k[N], const EC_FN(pt) *p, const ec_curve *c)
{
    EC_FN(pt) tab[9], acc, sel;
    int32_t d[DIGITS];
    EC_FN(pt_identity)(&tab[0], c);
    tab[1] = *p;
    for (int i = 2; i <= 8; i++) {
        if (i % 2 == 0)
            EC_FN(pt_dbl)(&tab[i], &tab[i / 2], c);
        else
            EC_FN(pt_add)(&tab[i], &tab[i - 1], p, c);
    }
    EC_FN(recode)(d, k);
    EC_FN(pt_identity)(&acc, c);
    for (int i = DIGITS - 1; i >= 0; i--) {
        for (int j = 0; j < 4; j++)
            EC_FN(pt_dbl)(&acc, &acc, c);
        uint64_t neg;
        uint32_t a = EC_FN(digit_abs)(d[i], &neg);
        sel = tab[0];
        for (uint32_t j = 1; j <= 8; j++)
            EC_FN(pt_cmov)(&sel, &tab[j], gost_mask_eq64(a, j));
        EC_FN(cneg_y)(sel.y, neg, c);
        EC_FN(pt_add)(&acc, &acc, &sel, c);
    }
    *r = acc;
    gost_wipe(tab, sizeof tab);
    gost_wipe(d, sizeof d);
    gost_wipe(&sel, sizeof sel);
    gost_wipe(&acc, sizeof acc);
}

static inline const uint64_t *EC_FN(base_entry)(const ec_curve *c, unsigned window, unsigned j)
{
    return c->base_table + ((size_t)window * EC_BASE_WINDOW_POINTS + j) * 2 * N;
}

/* r = k * G, constant time in k: one mixed addition per 4-bit window with
 * the table entry chosen by a full scan. */
static void EC_FN(mul_base_ct)(EC_FN(pt) *r, const uint64_t k[N], const ec_curve *c)
{
    if (c->base_table == NULL) {
        EC_FN(pt) g;
        memcpy(g.x, c->gx, sizeof g.x);
        memcpy(g.y, c->gy, sizeof g.y);
        memcpy(g.z, c->p.one, sizeof g.z);
        EC_FN(mul_ct)(r, k, &g, c);
        return;
    }
    int32_t d[BDIGITS];
    uint64_t x[N], y[N];
    EC_FN(pt) acc, t;
    EC_FN(recode_base)(d, k);
    EC_FN(pt_identity)(&acc, c);
    for (unsigned i = 0; i < BDIGITS; i++) {
        uint64_t neg;
        uint32_t a = EC_FN(digit_abs)(d[i], &neg);
        memset(x, 0, sizeof x);
        memset(y, 0, sizeof y);
        for (uint32_t j = 0; j < EC_BASE_WINDOW_POINTS; j++) {
            const uint64_t *e = EC_FN(base_entry)(c, i, j);
            uint64_t m = gost_mask_eq64(a, j + 1);
            EC_FN(cmov)(x, e, m);
            EC_FN(cmov)(y, e + N, m);
        }
        EC_FN(cneg_y)(y, neg, c);
        EC_FN(pt_add_affine)(&t, &acc, x, y, c);
        EC_FN(pt_cmov)(&acc, &t, ~gost_mask_eq64(a, 0));
    }
    *r = acc;
    gost_wipe(d, sizeof d);
    gost_wipe(x, sizeof x);
    gost_wipe(y, sizeof y);
    gost_wipe(&acc, sizeof acc);
    gost_wipe(&t, sizeof t);
}

/* ---- variable time (public data): Jacobian coordinates and wNAF ------------
 * (X:Y:Z) is the affine point (X/Z^2, Y/Z^3), Z = 0 the identity. The
 * formulas are those of the Explicit-Formulas Database (dbl-2001-b for
 * a = -3, dbl-2007-bl otherwise, add-2007-bl, madd-2007-bl); their
 * exceptional cases (equal or opposite inputs) are handled by branches,
 * which is fine for public inputs only. */

typedef EC_FN(pt) EC_FN(jac);

static int EC_FN(is_zero_vt)(const uint64_t a[N])
{
    uint64_t acc = 0;
    for (int i = 0; i < N; i++)
        acc |= a[i];
    return acc == 0;
}

static void EC_FN(jac_dbl)(EC_FN(jac) *r, const EC_FN(jac) *p, const ec_curve *c)
{
    uint64_t t0[N], t1[N], t2[N], t3[N], m[N];
    if (EC_FN(is_zero_vt)(p->z) || EC_FN(is_zero_vt)(p->y)) {
        memset(r, 0, sizeof *r); /* 2 O = O; 2 (x, 0) = O */
        memcpy(r->x, c->p.one, sizeof r->x);
        memcpy(r->y, c->p.one, sizeof r->y);
        return;
    }
    if (c->a_is_minus3) {
        /* dbl-2001-b: 3M + 5S */
        uint64_t delta[N], gamma[N], beta[N];
        EC_FN(mont_sqr)(delta, p->z, FP);
        EC_FN(mont_sqr)(gamma, p->y, FP);
        EC_FN(mont_mul)(beta, p->x, gamma, FP);
        EC_FN(mod_sub)(t0, p->x, delta, FP);
        EC_FN(mod_add)(t1, p->x, delta, FP);
        EC_FN(mont_mul)(t0, t0, t1, FP);
        EC_FN(mod_add)(m, t0, t0, FP);
        EC_FN(mod_add)(m, m, t0, FP); /* alpha */
        EC_FN(mod_add)(t2, p->y, p->z, FP);
        EC_FN(mont_sqr)(t2, t2, FP);
        EC_FN(mod_sub)(t2, t2, gamma, FP);
        EC_FN(mod_sub)(r->z, t2, delta, FP);
        EC_FN(mod_add)(t3, beta, beta, FP);
        EC_FN(mod_add)(t3, t3, t3, FP); /* 4 beta */
        EC_FN(mont_sqr)(t0, m, FP);
        EC_FN(mod_sub)(t0, t0, t3, FP);
        EC_FN(mod_sub)(t0, t0, t3, FP); /* X3 = alpha^2 - 8 beta */
        EC_FN(mod_sub)(t3, t3, t0, FP);
        EC_FN(mont_mul)(t3, m, t3, FP);
        EC_FN(mont_sqr)(t1, gamma, FP);
        EC_FN(mod_add)(t1, t1, t1, FP);
        EC_FN(mod_add)(t1, t1, t1, FP);
        EC_FN(mod_add)(t1, t1, t1, FP);
        EC_FN(mod_sub)(r->y, t3, t1, FP);
        memcpy(r->x, t0, sizeof t0);
        return;
    }
    /* dbl-2007-bl: 1M + 8S + 1*a */
    uint64_t xx[N], yy[N], yyyy[N], zz[N], sv[N];
    EC_FN(mont_sqr)(xx, p->x, FP);
    EC_FN(mont_sqr)(yy, p->y, FP);
    EC_FN(mont_sqr)(yyyy, yy, FP);
    EC_FN(mont_sqr)(zz, p->z, FP);
    EC_FN(mod_add)(t0, p->x, yy, FP);
    EC_FN(mont_sqr)(t0, t0, FP);
    EC_FN(mod_sub)(t0, t0, xx, FP);
    EC_FN(mod_sub)(t0, t0, yyyy, FP);
    EC_FN(mod_add)(sv, t0, t0, FP); /* S */
    EC_FN(mont_sqr)(t1, zz, FP);
    EC_FN(mont_mul)(t1, t1, c->a, FP);
    EC_FN(mod_add)(m, xx, xx, FP);
    EC_FN(mod_add)(m, m, xx, FP);
    EC_FN(mod_add)(m, m, t1, FP); /* M */
    EC_FN(mod_add)(t2, p->y, p->z, FP);
    EC_FN(mont_sqr)(t2, t2, FP);
    EC_FN(mod_sub)(t2, t2, yy, FP);
    EC_FN(mod_sub)(r->z, t2, zz, FP);
    EC_FN(mont_sqr)(t0, m, FP);
    EC_FN(mod_sub)(t0, t0, sv, FP);
    EC_FN(mod_sub)(t0, t0, sv, FP); /* T = X3 */
    EC_FN(mod_sub)(t3, sv, t0, FP);
    EC_FN(mont_mul)(t3, m, t3, FP);
    EC_FN(mod_add)(yyyy, yyyy, yyyy, FP);
    EC_FN(mod_add)(yyyy, yyyy, yyyy, FP);
    EC_FN(mod_add)(yyyy, yyyy, yyyy, FP);
    EC_FN(mod_sub)(r->y, t3, yyyy, FP);
    memcpy(r->x, t0, sizeof t0);
}

/* r = p + (qx, qy, qz); qz == NULL means an affine q (madd-2007-bl). */
static void EC_FN(jac_add)(EC_FN(jac) *r, const EC_FN(jac) *p, const uint64_t qx[N],
                           const uint64_t qy[N], const uint64_t *qz, const ec_curve *c)
{
    uint64_t z1z1[N], z2z2[N], u1[N], u2[N], s1[N], s2[N], h[N], i_[N], j[N], rr[N], v[N], t[N];
    if (qz != NULL && EC_FN(is_zero_vt)(qz))
        return (void)(r != p ? (void)(*r = *p) : (void)0);
    if (EC_FN(is_zero_vt)(p->z)) {
        memcpy(r->x, qx, sizeof r->x);
        memcpy(r->y, qy, sizeof r->y);
        if (qz != NULL)
            memcpy(r->z, qz, sizeof r->z);
        else
            memcpy(r->z, c->p.one, sizeof r->z);
        return;
    }
    EC_FN(mont_sqr)(z1z1, p->z, FP);
    if (qz != NULL) {
        EC_FN(mont_sqr)(z2z2, qz, FP);
        EC_FN(mont_mul)(u1, p->x, z2z2, FP);
        EC_FN(mont_mul)(s1, p->y, qz, FP);
        EC_FN(mont_mul)(s1, s1, z2z2, FP);
    } else {
        memcpy(u1, p->x, sizeof u1);
        memcpy(s1, p->y, sizeof s1);
    }
    EC_FN(mont_mul)(u2, qx, z1z1, FP);
    EC_FN(mont_mul)(s2, qy, p->z, FP);
    EC_FN(mont_mul)(s2, s2, z1z1, FP);
    EC_FN(mod_sub)(h, u2, u1, FP);
    EC_FN(mod_sub)(rr, s2, s1, FP);
    if (EC_FN(is_zero_vt)(h)) {
        if (EC_FN(is_zero_vt)(rr)) {
            EC_FN(jac_dbl)(r, p, c); /* p == q */
        } else {
            memset(r, 0, sizeof *r); /* p == -q */
            memcpy(r->x, c->p.one, sizeof r->x);
            memcpy(r->y, c->p.one, sizeof r->y);
        }
        return;
    }
    EC_FN(mod_add)(rr, rr, rr, FP);
    EC_FN(mod_add)(i_, h, h, FP);
    EC_FN(mont_sqr)(i_, i_, FP);
    EC_FN(mont_mul)(j, h, i_, FP);
    EC_FN(mont_mul)(v, u1, i_, FP);
    /* Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H, or 2 Z1 H for affine q */
    if (qz != NULL) {
        EC_FN(mod_add)(t, p->z, qz, FP);
        EC_FN(mont_sqr)(t, t, FP);
        EC_FN(mod_sub)(t, t, z1z1, FP);
        EC_FN(mod_sub)(t, t, z2z2, FP);
    } else {
        EC_FN(mod_add)(t, p->z, p->z, FP);
    }
    EC_FN(mont_mul)(r->z, t, h, FP);
    EC_FN(mont_sqr)(t, rr, FP);
    EC_FN(mod_sub)(t, t, j, FP);
    EC_FN(mod_sub)(t, t, v, FP);
    EC_FN(mod_sub)(t, t, v, FP); /* X3 */
    EC_FN(mod_sub)(v, v, t, FP);
    EC_FN(mont_mul)(v, rr, v, FP);
    EC_FN(mont_mul)(s1, s1, j, FP);
    EC_FN(mod_add)(s1, s1, s1, FP);
    EC_FN(mod_sub)(r->y, v, s1, FP);
    memcpy(r->x, t, sizeof t);
}

static void EC_FN(jac_from_proj)(EC_FN(jac) *r, const EC_FN(pt) *p, const ec_curve *c)
{
    uint64_t z2[N];
    EC_FN(mont_sqr)(z2, p->z, FP);
    EC_FN(mont_mul)(r->x, p->x, p->z, FP);
    EC_FN(mont_mul)(r->y, p->y, z2, FP);
    memcpy(r->z, p->z, sizeof r->z);
}

static void EC_FN(proj_from_jac)(EC_FN(pt) *r, const EC_FN(jac) *p, const ec_curve *c)
{
    if (EC_FN(is_zero_vt)(p->z)) {
        EC_FN(pt_identity)(r, c);
        return;
    }
    uint64_t z3[N];
    EC_FN(mont_sqr)(z3, p->z, FP);
    EC_FN(mont_mul)(z3, z3, p->z, FP);
    EC_FN(mont_mul)(r->x, p->x, p->z, FP);
    memcpy(r->y, p->y, sizeof r->y);
    memcpy(r->z, z3, sizeof z3);
}

#define WNAF_W 5
/* Width-5 NAF of k (public): odd digits in [-15, 15] with at least four
 * zeros after each nonzero one. Returns the number of digits. */
static int EC_FN(wnaf)(int8_t d[64 * N + 2], const uint64_t k[N])
{
    uint64_t v[N + 1];
    memcpy(v, k, N * sizeof(uint64_t));
    v[N] = 0;
    int len = 0;
    for (;;) {
        uint64_t any = 0;
        for (int i = 0; i <= N; i++)
            any |= v[i];
        if (any == 0)
            break;
        int digit = 0;
        if (v[0] & 1) {
            digit = (int)(v[0] & ((1u << WNAF_W) - 1));
            if (digit >= 1 << (WNAF_W - 1))
                digit -= 1 << WNAF_W;
            /* v -= digit */
            if (digit > 0) {
                uint64_t b = (uint64_t)digit;
                for (int i = 0; i <= N && b; i++) {
                    uint64_t o = v[i];
                    v[i] = o - b;
                    b = o < b;
                }
            } else {
                uint64_t cy = (uint64_t)-digit;
                for (int i = 0; i <= N && cy; i++) {
                    v[i] += cy;
                    cy = v[i] < cy;
                }
            }
        }
        d[len++] = (int8_t)digit;
        for (int i = 0; i < N; i++)
            v[i] = v[i] >> 1 | v[i + 1] << 63;
        v[N] >>= 1;
    }
    return len;
}

/* r = k1 G + k2 p for public k1, k2, p (Jacobian result); p may be NULL
 * (then k2 is ignored). G's part uses the affine fixed-base table. */
static void EC_FN(mul2_vartime_jac)(EC_FN(jac) *r, const uint64_t *k1, const uint64_t *k2,
                                    const EC_FN(pt) *p, const ec_curve *c)
{
    memset(r, 0, sizeof *r);
    memcpy(r->x, c->p.one, sizeof r->x);
    memcpy(r->y, c->p.one, sizeof r->y);
    if (p != NULL) {
        EC_FN(jac) tab[1 << (WNAF_W - 2)], p2;
        int8_t d[64 * N + 2];
        EC_FN(jac_from_proj)(&tab[0], p, c);
        EC_FN(jac_dbl)(&p2, &tab[0], c);
        for (int i = 1; i < 1 << (WNAF_W - 2); i++)
            EC_FN(jac_add)(&tab[i], &tab[i - 1], p2.x, p2.y, p2.z, c);
        int len = EC_FN(wnaf)(d, k2);
        for (int i = len - 1; i >= 0; i--) {
            EC_FN(jac_dbl)(r, r, c);
            if (d[i] > 0) {
                const EC_FN(jac) *e = &tab[d[i] / 2];
                EC_FN(jac_add)(r, r, e->x, e->y, e->z, c);
            } else if (d[i] < 0) {
                const EC_FN(jac) *e = &tab[-d[i] / 2];
                uint64_t ny[N];
                EC_FN(mod_neg)(ny, e->y, FP);
                EC_FN(jac_add)(r, r, e->x, ny, e->z, c);
            }
        }
    }
    if (k1 == NULL)
        return;
    if (c->base_table == NULL) {
        EC_FN(pt) g;
        EC_FN(jac) a;
        memcpy(g.x, c->gx, sizeof g.x);
        memcpy(g.y, c->gy, sizeof g.y);
        memcpy(g.z, c->p.one, sizeof g.z);
        EC_FN(mul2_vartime_jac)(&a, NULL, k1, &g, c);
        EC_FN(jac_add)(r, r, a.x, a.y, a.z, c);
        return;
    }
    int32_t d[BDIGITS];
    uint64_t y[N];
    EC_FN(recode_base)(d, k1);
    for (unsigned i = 0; i < BDIGITS; i++) {
        if (d[i] == 0)
            continue;
        const uint64_t *e = EC_FN(base_entry)(c, i, (unsigned)(d[i] < 0 ? -d[i] : d[i]) - 1);
        memcpy(y, e + N, sizeof y);
        if (d[i] < 0)
            EC_FN(mod_neg)(y, y, FP);
        EC_FN(jac_add)(r, r, e, y, NULL, c);
    }
}

/* ---- the per-size entry points declared in ec_layer.h -------------------------- */

static void EC_FN(load)(EC_FN(pt) *r, const ec_point *p)
{
    memcpy(r->x, p->x, sizeof r->x);
    memcpy(r->y, p->y, sizeof r->y);
    memcpy(r->z, p->z, sizeof r->z);
}

static void EC_FN(store)(ec_point *r, const EC_FN(pt) *p)
{
    memset(r, 0, sizeof *r);
    memcpy(r->x, p->x, sizeof p->x);
    memcpy(r->y, p->y, sizeof p->y);
    memcpy(r->z, p->z, sizeof p->z);
}

void EC_FN(point_add)(const ec_curve *c, ec_point *r, const ec_point *a, const ec_point *b)
{
    EC_FN(pt) pa, pb;
    EC_FN(load)(&pa, a);
    EC_FN(load)(&pb, b);
    EC_FN(pt_add)(&pa, &pa, &pb, c);
    EC_FN(store)(r, &pa);
}

void EC_FN(point_dbl)(const ec_curve *c, ec_point *r, const ec_point *a)
{
    EC_FN(pt) pa;
    EC_FN(load)(&pa, a);
    EC_FN(pt_dbl)(&pa, &pa, c);
    EC_FN(store)(r, &pa);
}

void EC_FN(point_neg)(const ec_curve *c, ec_point *r, const ec_point *a)
{
    EC_FN(pt) pa;
    EC_FN(load)(&pa, a);
    EC_FN(mod_neg)(pa.y, pa.y, FP);
    EC_FN(store)(r, &pa);
}

void EC_FN(point_mul)(const ec_curve *c, ec_point *r, const uint64_t *k, const ec_point *p)
{
    EC_FN(pt) pp;
    EC_FN(load)(&pp, p);
    EC_FN(mul_ct)(&pp, k, &pp, c);
    EC_FN(store)(r, &pp);
    gost_wipe(&pp, sizeof pp);
}

void EC_FN(point_mul_base)(const ec_curve *c, ec_point *r, const uint64_t *k)
{
    EC_FN(pt) pp;
    EC_FN(mul_base_ct)(&pp, k, c);
    EC_FN(store)(r, &pp);
    gost_wipe(&pp, sizeof pp);
}

void EC_FN(point_mul2_vartime)(const ec_curve *c, ec_point *r, const uint64_t *k1,
                               const uint64_t *k2, const ec_point *p)
{
    EC_FN(pt) pp;
    EC_FN(jac) j;
    EC_FN(load)(&pp, p);
    EC_FN(mul2_vartime_jac)(&j, k1, k2, &pp, c);
    EC_FN(proj_from_jac)(&pp, &j, c);
    EC_FN(store)(r, &pp);
}

void EC_FN(point_mul_vartime)(const ec_curve *c, ec_point *r, const uint64_t *k, const ec_point *p)
{
    EC_FN(pt) pp;
    EC_FN(jac) j;
    EC_FN(load)(&pp, p);
    EC_FN(mul2_vartime_jac)(&j, NULL, k, &pp, c);
    EC_FN(proj_from_jac)(&pp, &j, c);
    EC_FN(store)(r, &pp);
}

/* Affine x, y (normal form, not Montgomery); returns all-ones if p is the
 * identity (then x = y = 0). Constant time. */
uint64_t EC_FN(point_to_affine)(const ec_curve *c, uint64_t *x, uint64_t *y, const ec_point *p)
{
    uint64_t zi[N], t[N];
    uint64_t inf = EC_FN(is_zero_mask)(p->z);
    EC_FN(mod_inv)(zi, p->z, FP);
    EC_FN(mont_mul)(t, p->x, zi, FP);
    EC_FN(from_mont)(x, t, FP);
    EC_FN(mont_mul)(t, p->y, zi, FP);
    EC_FN(from_mont)(y, t, FP);
    gost_wipe(zi, sizeof zi);
    gost_wipe(t, sizeof t);
    return inf;
}

/* From affine normal-form coordinates (x, y < p checked by the caller). */
void EC_FN(point_from_affine)(const ec_curve *c, ec_point *r, const uint64_t *x, const uint64_t *y)
{
    memset(r, 0, sizeof *r);
    EC_FN(to_mont)(r->x, x, FP);
    EC_FN(to_mont)(r->y, y, FP);
    memcpy(r->z, c->p.one, N * sizeof(uint64_t));
}

/* All-ones if (X:Y:Z) satisfies Y^2 Z = X^3 + a X Z^2 + b Z^3 (the identity
 * does; (0:0:0) does too and is rejected separately). */
uint64_t EC_FN(point_on_curve)(const ec_curve *c, const ec_point *p)
{
    uint64_t l[N], r[N], t[N], z2[N];
    EC_FN(mont_sqr)(l, p->y, FP);
    EC_FN(mont_mul)(l, l, p->z, FP);
    EC_FN(mont_sqr)(z2, p->z, FP);
    EC_FN(mont_sqr)(r, p->x, FP);
    EC_FN(mul_a)(t, z2, c);
    EC_FN(mod_add)(r, r, t, FP);
    EC_FN(mont_mul)(r, r, p->x, FP);
    EC_FN(mont_mul)(t, z2, p->z, FP);
    EC_FN(mont_mul)(t, t, c->b, FP);
    EC_FN(mod_add)(r, r, t, FP);
    return EC_FN(eq_mask)(l, r);
}

uint64_t EC_FN(point_is_identity)(const ec_curve *c, const ec_point *p)
{
    return EC_FN(is_zero_mask)(p->z) & ~EC_FN(is_zero_mask)(p->y);
}

/* All-ones if p is a valid point: (X, Y, Z) not all zero. */
uint64_t EC_FN(point_valid)(const ec_curve *c, const ec_point *p)
{
    return ~(EC_FN(is_zero_mask)(p->x) & EC_FN(is_zero_mask)(p->y) & EC_FN(is_zero_mask)(p->z));
}

/* All-ones if x(p) mod q == r (r < q, normal form), p not the identity:
 * compares X with (r + i q) Z for every r + i q < p, without inverting Z. */
uint64_t EC_FN(point_x_mod_q_eq_vartime)(const ec_curve *c, const ec_point *p, const uint64_t *r)
{
    uint64_t cand[N], cm[N], rhs[N];
    memcpy(cand, r, sizeof cand);
    if (EC_FN(is_zero_mask)(p->z))
        return 0;
    for (;;) {
        if (!EC_FN(lt_mask)(cand, c->p.m))
            return 0;
        EC_FN(to_mont)(cm, cand, FP);
        EC_FN(mont_mul)(rhs, cm, p->z, FP);
        if (EC_FN(eq_mask)(rhs, p->x))
            return ~(uint64_t)0;
        if (EC_FN(add)(cand, cand, c->q.m))
            return 0;
    }
}

/* ---- scalars modulo q, normal form ------------------------------------------- */

/* r = a mod q for any N-limb a. */
void EC_FN(scalar_reduce)(const ec_curve *c, uint64_t *r, const uint64_t *a)
{
    uint64_t t[N];
    EC_FN(mont_mul)(t, a, c->q.r2, &c->q); /* a R mod q, below q */
    EC_FN(from_mont)(r, t, &c->q);
    gost_wipe(t, sizeof t);
}

/* r = a mod q for a 2N-limb a (lo words first). */
void EC_FN(scalar_reduce_wide)(const ec_curve *c, uint64_t *r, const uint64_t *a)
{
    uint64_t lo[N], hi[N];
    EC_FN(scalar_reduce)(c, lo, a);
    EC_FN(mont_mul)(hi, a + N, c->q.r2, &c->q); /* a_hi R mod q */
    EC_FN(mod_add)(r, lo, hi, &c->q);
    gost_wipe(lo, sizeof lo);
    gost_wipe(hi, sizeof hi);
}

/* r = a b + d e mod q, inputs below q. */
void EC_FN(scalar_muladd)(const ec_curve *c, uint64_t *r, const uint64_t *a, const uint64_t *b,
                          const uint64_t *d, const uint64_t *e)
{
    uint64_t t1[N], t2[N];
    EC_FN(mont_mul)(t1, a, b, &c->q); /* a b / R */
    EC_FN(mont_mul)(t2, d, e, &c->q); /* d e / R */
    EC_FN(mod_add)(t1, t1, t2, &c->q);
    EC_FN(mont_mul)(r, t1, c->q.r2, &c->q);
    gost_wipe(t1, sizeof t1);
    gost_wipe(t2, sizeof t2);
}

/* r = a b mod q, inputs below q. */
void EC_FN(scalar_mul)(const ec_curve *c, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    uint64_t t[N];
    EC_FN(mont_mul)(t, a, b, &c->q);
    EC_FN(mont_mul)(r, t, c->q.r2, &c->q);
    gost_wipe(t, sizeof t);
}

/* r = -a mod q. */
void EC_FN(scalar_neg)(const ec_curve *c, uint64_t *r, const uint64_t *a)
{
    EC_FN(mod_neg)(r, a, &c->q);
}

/* r = a^-1 mod q (a below q; 0 gives 0). Constant time. */
void EC_FN(scalar_inv)(const ec_curve *c, uint64_t *r, const uint64_t *a)
{
    uint64_t t[N];
    EC_FN(to_mont)(t, a, &c->q);
    EC_FN(mod_inv)(t, t, &c->q);
    EC_FN(from_mont)(r, t, &c->q);
    gost_wipe(t, sizeof t);
}

/* All-ones if 0 < a < q. */
uint64_t EC_FN(scalar_in_range)(const ec_curve *c, const uint64_t *a)
{
    return EC_FN(lt_mask)(a, c->q.m) & ~EC_FN(is_zero_mask)(a);
}

/* All-ones if a < p. */
uint64_t EC_FN(field_in_range)(const ec_curve *c, const uint64_t *a)
{
    return EC_FN(lt_mask)(a, c->p.m);
}

#undef FP
#undef N
#undef DIGITS
#undef BDIGITS
#undef UNROLL
#undef EC_HAVE_MUL_ASM
#undef WNAF_W
