/* Counter blocks of CTR (GOST R 34.13-2015 s.5.2: the whole block, + 1 mod
 * 2^n) and MGM (RFC 9058 s.4: incr_l, the left half, and incr_r, the right
 * half, + 1 mod 2^(n/2)). A counter is a block whose bytes first..last are
 * a big-endian number; the other bytes stay. */
#ifndef GOST_INTERNAL_COUNTER_H
#define GOST_INTERNAL_COUNTER_H

#include <stddef.h>
#include <stdint.h>

/* Adds n to the big-endian counter in bytes first..last of block (mod
 * 2^(8(last + 1 - first)); the other bytes are kept). The counter may be a
 * secret (MGM's start at E_K(nonce)): no branch and no early stop on its
 * bytes, the loop runs over the public field. */
static inline void gost_counter_add(uint8_t *block, unsigned first, unsigned last, uint64_t n)
{
    uint64_t carry = n;
    for (unsigned i = last + 1; i-- > first;) {
        uint64_t sum = block[i] + carry;
        block[i] = (uint8_t)sum;
        carry = sum >> 8;
    }
}

/* Writes k counter blocks of n bytes, ctr, ctr + 1, ..., into dst and
 * leaves ctr + k in ctr. The field is the whole block or one half; no branch
 * on the counter (MGM's are secret). */
void gost_counter_blocks(uint8_t *dst, uint8_t *ctr, size_t n, unsigned first, unsigned last, size_t k);

/* A cipher's "encrypt nblocks blocks" (in == out allowed), key opaque. */
typedef int (*gost_counter_cipher_fn)(const void *key, const uint8_t *in, uint8_t *out, size_t nblocks);

/* Counter blocks through a cipher that knows nothing of counters, written
 * out and encrypted: out[j] = in[j] ^ E(ctr + j), or E(ctr + j) when in is
 * NULL (then made straight in out), j < nblocks; ctr is left at
 * ctr + nblocks. n-byte blocks; in == out allowed. Returns the cipher's
 * first error. */
int gost_counter_encrypt(gost_counter_cipher_fn encrypt, const void *key, size_t n, uint8_t *ctr, unsigned first,
                         unsigned last, const uint8_t *in, uint8_t *out, size_t nblocks);

#endif
