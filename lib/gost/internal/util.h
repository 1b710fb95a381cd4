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

static inline void gost_store32_be(uint8_t *p, uint32_t v)
{
    p[3] = (uint8_t)v; p[2] = (uint8_t)(v >> 8); p[1] = (uint8_t)(v >> 16); p[0] = (uint8_t)(v >> 24);
}

static inline void gost_store64_le(uint8_t *p, uint64_t v)
{
    gost_store32_le(p, (uint32_t)v);
    gost_store32_le(p + 4, (uint32_t)(v >> 32));
}

static inline void gost_store64_be(uint8_t *p, uint64_t v)
{
    gost_store32_be(p, (uint32_t)(v >> 32));
    gost_store32_be(p + 4, (uint32_t)v);
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

/* XOR n bytes of b into a. Eight bytes at a time (memcpy keeps the loads
 * alias- and alignment-safe; compilers emit plain moves): this is the hot
 * loop of every stream mode once the cipher runs many blocks per call. */
static inline void gost_xor_bytes(uint8_t *dst, const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        x ^= y;
        memcpy(dst + i, &x, 8);
    }
    for (; i < n; i++)
        dst[i] = a[i] ^ b[i];
}

#endif
