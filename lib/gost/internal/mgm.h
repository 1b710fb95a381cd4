/* Internal: the multiply-accumulate of MGM's MAC (R 1323565.1.026-2019,
 * RFC 9058 s.4) in GF(2^128) = GF(2)[x]/(x^128 + x^7 + x^2 + x + 1) and
 * GF(2^64) = GF(2)[x]/(x^64 + x^4 + x^3 + x + 1). A block is the big-endian
 * number whose bit i is the coefficient of x^i. */
#ifndef GOST_INTERNAL_MGM_H
#define GOST_INTERNAL_MGM_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of H blocks made per run into a stack buffer (64 Kuznyechik blocks:
 * two batches of the AVX2 kernel; each run of counter blocks also costs the
 * kernel two single blocks, see kuznyechik_simd.h). */
#define GOST_MGM_CHUNK 1024

/* acc ^= sum over i < nblocks of h_i * x_i, where h_i and x_i are the i-th
 * n-byte blocks of h and x. acc is {high word, low word} for n = 16 and
 * {value, 0} for n = 8. Constant time. */
typedef void (*gost_gf_mac_fn)(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks);

void gost_gf128_mac_portable(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks);
void gost_gf64_mac_portable(uint64_t acc[2], const uint8_t *h, const uint8_t *x, size_t nblocks);

/* The reductions, shared with the PCLMULQDQ kernel: w = {w0 (lowest) .. w3}. */
void gost_gf128_reduce(uint64_t acc[2], const uint64_t w[4]);
uint64_t gost_gf64_reduce(uint64_t hi, uint64_t lo);

/* PCLMULQDQ kernels (lib/gost/x86_64/mgm_pclmul.c); NULL getters when the
 * CPU (or GOST_CPU) does not allow them. */
gost_gf_mac_fn gost_gf128_mac_pclmul_get(void);
gost_gf_mac_fn gost_gf64_mac_pclmul_get(void);

/* The best kernel for the block size n (16 or 8). */
gost_gf_mac_fn gost_gf_mac_best(size_t n);

#endif
