/* Internal helpers for the core: byte-order loads and stores and
 * constant-time mask arithmetic. Header-only; no state. */
#ifndef GOST_INTERNAL_UTIL_H
#define GOST_INTERNAL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gost/errors.h"
#include "gost/util.h"

static inline uint32_t gost_load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint32_t gost_load32_be(const uint8_t *p)
{
    return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static inline uint64_t gost_load64_le(const uint8_t *p)
{
    return (uint64_t)gost_load32_le(p) | (uint64_t)gost_load32_le(p + 4) << 32;
}

static inline uint64_t gost_load64_be(const uint8_t *p)
{
    return (uint64_t)gost_load32_be(p) << 32 | (uint64_t)gost_load32_be(p + 4);
}

static inline void gost_store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

/* The big-endian stores as one byte swap and one store where the compiler
 * has the builtin: GCC 12 turns the byte-wise form inside loops into shifts
 * and ORs (MGM's counters spent 13% of its time there). */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define GOST_HAVE_BSWAP_STORE 1
#endif

static inline void gost_store32_be(uint8_t *p, uint32_t v)
{
#ifdef GOST_HAVE_BSWAP_STORE
    v = __builtin_bswap32(v);
    memcpy(p, &v, 4);
#else
    p[3] = (uint8_t)v; p[2] = (uint8_t)(v >> 8); p[1] = (uint8_t)(v >> 16); p[0] = (uint8_t)(v >> 24);
#endif
}

static inline void gost_store64_le(uint8_t *p, uint64_t v)
{
    gost_store32_le(p, (uint32_t)v);
    gost_store32_le(p + 4, (uint32_t)(v >> 32));
}

static inline void gost_store64_be(uint8_t *p, uint64_t v)
{
#ifdef GOST_HAVE_BSWAP_STORE
    v = __builtin_bswap64(v);
    memcpy(p, &v, 8);
#else
    gost_store32_be(p, (uint32_t)(v >> 32));
    gost_store32_be(p + 4, (uint32_t)v);
#endif
}

/* All-ones if x != 0, else 0; no branch. */
static inline uint64_t gost_mask_nonzero64(uint64_t x)
{
    return (uint64_t)0 - ((x | ((uint64_t)0 - x)) >> 63);
}

/* All-ones if a == b, else 0; no branch. */
static inline uint64_t gost_mask_eq64(uint64_t a, uint64_t b)
{
    return ~gost_mask_nonzero64(a ^ b);
}

/* v, unknown to the optimiser from here on: it cannot derive a loop's end
 * test from a secret that the loop steps (see counter.c). */
static inline uint64_t gost_opaque64(uint64_t v)
{
    __asm__("" : "+r"(v));
    return v;
}

/* dst = a XOR b, n bytes; dst may be a or b (not another overlap). Eight
 * bytes at a time: the byte loop (GCC 12 does not vectorise it at -O2) cost
 * CTR and MGM about 1.5 cycles per byte. */
static inline void gost_xor_bytes(uint8_t *dst, const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        x ^= y;
        memcpy(dst + i, &x, 8);
    }
    for (; i < n; i++)
        dst[i] = a[i] ^ b[i];
}

#if defined(__x86_64__)
/* Zeroes xmm0..xmm15 when an SSE kernel returns: its state and key bytes
 * must not outlive the call in registers (the AVX2 kernels end with
 * vzeroall). Legacy SSE encodings, as in the kernels themselves, so an
 * SSE-only build needs no AVX and no AVX-SSE transition is added. */
static inline void gost_clear_xmm(void)
{
    __asm__ __volatile__("pxor %%xmm0, %%xmm0\n\tpxor %%xmm1, %%xmm1\n\t"
                         "pxor %%xmm2, %%xmm2\n\tpxor %%xmm3, %%xmm3\n\t"
                         "pxor %%xmm4, %%xmm4\n\tpxor %%xmm5, %%xmm5\n\t"
                         "pxor %%xmm6, %%xmm6\n\tpxor %%xmm7, %%xmm7\n\t"
                         "pxor %%xmm8, %%xmm8\n\tpxor %%xmm9, %%xmm9\n\t"
                         "pxor %%xmm10, %%xmm10\n\tpxor %%xmm11, %%xmm11\n\t"
                         "pxor %%xmm12, %%xmm12\n\tpxor %%xmm13, %%xmm13\n\t"
                         "pxor %%xmm14, %%xmm14\n\tpxor %%xmm15, %%xmm15"
                         :
                         :
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                           "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
}
#endif

#endif
