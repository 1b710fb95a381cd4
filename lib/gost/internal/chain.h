/* CBC chaining one block at a time through a cipher that knows nothing of
 * it: the fallback of the ciphers and kernels without a chaining entry of
 * their own (Kuznyechik's portable and SSSE3 kernels, Magma). */
#ifndef GOST_INTERNAL_CHAIN_H
#define GOST_INTERNAL_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "counter.h" /* gost_counter_cipher_fn, the "encrypt blocks" call */

/* For j < nblocks: chain = E(chain ^ in[j]), and out[j] = chain when out is
 * not NULL (CBC encryption; OMAC's absorbed blocks when NULL). n-byte
 * blocks; in == out allowed. Returns the cipher's first error. */
int gost_chain_encrypt(gost_counter_cipher_fn encrypt, const void *key, size_t n, uint8_t *chain, const uint8_t *in,
                       uint8_t *out, size_t nblocks);

#endif
