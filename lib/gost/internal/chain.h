/* The serial modes' chaining, one block after the other: CBC encryption
 * (and OMAC's absorbed blocks), CFB encryption and OFB with a one-block
 * register. gost_chain_blocks is the fallback of the kernels without a
 * chaining entry of their own (the portable kernels of both ciphers); the
 * AVX2 kernels have one in assembly (x86_64/kuznyechik_one_avx2.S,
 * magma_one_avx2.S, which include this file for the mode numbers), the
 * SSSE3 kernels one in C (x86_64/kuznyechik_simd.h, magma_simd.h). */
#ifndef GOST_INTERNAL_CHAIN_H
#define GOST_INTERNAL_CHAIN_H

/* The modes, for j < nblocks:
 *   CBC: chain = E(chain ^ in[j]), out[j] = chain when out is not NULL;
 *   CFB: chain = E(chain) ^ in[j], out[j] = chain;
 *   OFB: chain = E(chain), out[j] = in[j] ^ chain.
 * Plain numbers, as the assembly reads them too. */
#define GOST_CHAIN_CBC 0
#define GOST_CHAIN_CFB 1
#define GOST_CHAIN_OFB 2

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include "counter.h" /* gost_counter_cipher_fn, the "encrypt blocks" call */

/* The chaining of mode (GOST_CHAIN_*) through encrypt, n-byte blocks; out
 * may be NULL for CBC only. in == out allowed. Returns the cipher's first
 * error. */
int gost_chain_blocks(gost_counter_cipher_fn encrypt, const void *key, size_t n, int mode, uint8_t *chain,
                      const uint8_t *in, uint8_t *out, size_t nblocks);
#endif

#endif
