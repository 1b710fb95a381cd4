/* Portable constant-time carry-less multiplication for MGM's MAC.
 *
 * clmul32 multiplies with integer multiplications "with holes": each
 * operand is split into four masks of every fourth bit, so that a product
 * of two masks has at most 8 terms in any bit position, a sum below 16 that
 * never carries into the next position of the same residue mod 4; the
 * wanted bits are then masked out. No table, no branch: the time depends
 * on nothing but the number of blocks. 64- and 128-bit products are built
 * with Karatsuba, and the sum of products is reduced once per call (the
 * reduction is linear). */
#include "gost/cpu.h"
#include "internal/mgm.h"
#include "internal/util.h"

static uint64_t clmul32(uint32_t a, uint32_t b)
{
    uint64_t a0 = a & 0x11111111u, a1 = a & 0x22222222u, a2 = a & 0x44444444u, a3 = a & 0x88888888u;
    uint64_t b0 = b & 0x11111111u, b1 = b & 0x22222222u, b2 = b & 0x44444444u, b3 = b & 0x88888888u;
    uint64_t z0 = (a0 * b0) ^ (a1 * b3) ^ (a2 * b2) ^ (a3 * b1);
    uint64_t z1 = (a0 * b1) ^ (a1 * b0) ^ (a2 * b3) ^ (a3 * b2);
    uint64_t z2 = (a0 * b2) ^ (a1 * b1) ^ (a2 * b0) ^ (a3 * b3);
    uint64_t z3 = (a0 * b3) ^ (a1 * b2) ^ (a2 * b1) ^ (a3 * b0);
    return (z0 & 0x1111111111111111ull) | (z1 & 0x2222222222222222ull) |
           (z2 & 0x4444444444444444ull) | (z3 & 0x8888888888888888ull);
}

static void clmul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint32_t a0 = (uint32_t)a, a1 = (uint32_t)(a >> 32), b0 = (uint32_t)b, b1 = (uint32_t)(b >> 32);
    uint64_t l = clmul32(a0, b0), h = clmul32(a1, b1);
    uint64_t m = clmul32(a0 ^ a1, b0 ^ b1) ^ l ^ h;
    *lo = l ^ (m << 32);
    *hi = h ^ (m >> 32);
}

/* x^128 = x^7 + x^2 + x + 1: fold the high 128 bits twice. */
void gost_gf128_reduce(uint64_t acc[2], const uint64_t w[4])
{
    uint64_t w3 = w[3], w2 = w[2];
    uint64_t of = (w3 >> 57) ^ (w3 >> 62) ^ (w3 >> 63);
    uint64_t r1 = w3 ^ (w3 << 7 | w2 >> 57) ^ (w3 << 2 | w2 >> 62) ^ (w3 << 1 | w2 >> 63);
    uint64_t r0 = w2 ^ (w2 << 7) ^ (w2 << 2) ^ (w2 << 1) ^ of ^ (of << 1) ^ (of << 2) ^ (of << 7);
    acc[0] ^= w[1] ^ r1;
    acc[1] ^= w[0] ^ r0;
}

/* x^64 = x^4 + x^3 + x + 1. */
uint64_t gost_gf64_reduce(uint64_t hi, uint64_t lo)
{
    uint64_t of = (hi >> 60) ^ (hi >> 61) ^ (hi >> 63);
    return lo ^ hi ^ (hi << 1) ^ (hi << 3) ^ (hi << 4) ^ of ^ (of << 1) ^ (of << 3) ^ (of << 4);
}

void gost_gf128_mac_portable(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks)
{
    uint64_t w[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < nblocks; i++, h += 16, x += 16) {
        uint64_t a1 = gost_load64_be(h), a0 = gost_load64_be(h + 8);
        uint64_t b1 = gost_load64_be(x), b0 = gost_load64_be(x + 8);
        uint64_t l1, l0, h1, h0, m1, m0;
        clmul64(a0, b0, &l1, &l0);
        clmul64(a1, b1, &h1, &h0);
        clmul64(a0 ^ a1, b0 ^ b1, &m1, &m0);
        m0 ^= l0 ^ h0;
        m1 ^= l1 ^ h1;
        w[0] ^= l0;
        w[1] ^= l1 ^ m0;
        w[2] ^= h0 ^ m1;
        w[3] ^= h1;
    }
    gost_gf128_reduce(acc, w);
}

void gost_gf64_mac_portable(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks)
{
    uint64_t hi = 0, lo = 0;
    for (size_t i = 0; i < nblocks; i++, h += 8, x += 8) {
        uint64_t ph, pl;
        clmul64(gost_load64_be(h), gost_load64_be(x), &ph, &pl);
        hi ^= ph;
        lo ^= pl;
    }
    acc[0] ^= gost_gf64_reduce(hi, lo);
}

gost_gf_mac_fn gost_gf_mac_best(size_t n)
{
    gost_gf_mac_fn f = n == 16 ? gost_gf128_mac_pclmul_get() : gost_gf64_mac_pclmul_get();
    if (f != NULL)
        return f;
    return n == 16 ? gost_gf128_mac_portable : gost_gf64_mac_portable;
}
