/* Counter blocks (internal/counter.h). The counter sits in registers as one
 * or two words, one addition per block: re-reading a counter just written
 * byte-wise stalls store forwarding, and a byte-wise carry loop per block
 * cost Magma's CTR a third of its speed. Each counter word passes through
 * gost_opaque64: GCC otherwise ends the loop by comparing the counter with
 * its final value, a branch on a secret (MGM's counters). */
#include <string.h>

#include "internal/counter.h"
#include "internal/util.h"

void gost_counter_blocks(uint8_t *dst, uint8_t *ctr, size_t n, unsigned first, unsigned last, size_t k)
{
    const unsigned width = last + 1 - first;
    if (width == 16) { /* Kuznyechik's CTR: a 128-bit number in two words */
        uint64_t hi = gost_load64_be(ctr), lo = gost_load64_be(ctr + 8);
        for (size_t j = 0; j < k; j++, dst += 16) {
            gost_store64_be(dst, hi);
            gost_store64_be(dst + 8, lo);
            lo = gost_opaque64(lo + 1);
            hi += lo == 0;
        }
        gost_store64_be(ctr, hi);
        gost_store64_be(ctr + 8, lo);
    } else if (width == 8 && n == 8) { /* Magma's CTR */
        uint64_t c = gost_load64_be(ctr);
        for (size_t j = 0; j < k; j++, c = gost_opaque64(c + 1))
            gost_store64_be(dst + 8 * j, c);
        gost_store64_be(ctr, c);
    } else if (width == 8) { /* a half of a Kuznyechik block */
        uint64_t c = gost_load64_be(ctr + first);
        for (size_t j = 0; j < k; j++, dst += n, c = gost_opaque64(c + 1)) {
            memcpy(dst + 8 - first, ctr + 8 - first, 8); /* the other half */
            gost_store64_be(dst + first, c);
        }
        gost_store64_be(ctr + first, c);
    } else if (width == 4) { /* a half of a Magma block */
        uint32_t c = gost_load32_be(ctr + first);
        for (size_t j = 0; j < k; j++, dst += n, c = (uint32_t)gost_opaque64(c + 1)) {
            memcpy(dst + 4 - first, ctr + 4 - first, 4); /* the other half of a Magma block */
            gost_store32_be(dst + first, c);
        }
        gost_store32_be(ctr + first, c);
    } else {
        for (size_t j = 0; j < k; j++, dst += n) {
            memcpy(dst, ctr, n);
            gost_counter_add(ctr, first, last, 1);
        }
    }
}

int gost_counter_encrypt(gost_counter_cipher_fn encrypt, const void *key, size_t n, uint8_t *ctr, unsigned first,
                         unsigned last, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    if (in == NULL) { /* the blocks alone: made in out, no copy */
        gost_counter_blocks(out, ctr, n, first, last, nblocks);
        return encrypt(key, out, out, nblocks);
    }
    _Alignas(32) uint8_t g[512];
    int rc = 0;
    while (nblocks > 0 && rc == 0) {
        size_t k = nblocks < sizeof g / n ? nblocks : sizeof g / n;
        gost_counter_blocks(g, ctr, n, first, last, k);
        rc = encrypt(key, g, g, k);
        gost_xor_bytes(out, in, g, k * n);
        in += k * n;
        out += k * n;
        nblocks -= k;
    }
    gost_wipe(g, sizeof g);
    return rc;
}
