/* Internal interface between the mode files (mode_*.c, omac.c, acpkm*.c,
 * kexp15.c): the per-mode block processors, inits from an already keyed
 * cipher, and helpers. */
#ifndef GOST_INTERNAL_MODES_H
#define GOST_INTERNAL_MODES_H

#include <stddef.h>
#include <stdint.h>

#include "gost/blockcipher.h"
#include "gost/modes.h"
#include "chain.h" /* GOST_CHAIN_*, the modes of gost_cipher_chain */

enum gost_mode_id {
    GOST_MODE_ECB = 1,
    GOST_MODE_CBC = 2,
    GOST_MODE_CTR = 3,
    GOST_MODE_OFB = 4,
    GOST_MODE_CFB = 5
};

/* Work buffers on the stack hold this many bytes of blocks per call into
 * the cipher (32 Kuznyechik or 64 Magma blocks). */
#define GOST_MODE_CHUNK 512

/* 1 when [a, a+alen) and [b, b+blen) overlap but a != b (in place is
 * a == b, which callers allow or refuse themselves). */
static inline int gost_overlap_partial(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    if (alen == 0 || blen == 0 || x == y)
        return 0;
    return x < y + blen && y < x + alen;
}

/* Counter blocks through the cipher: out[j] = in[j] ^ E_K(X + j), or
 * E_K(X + j) when in is NULL, j < nblocks, X = ctr (one block) with its
 * bytes first..last a big-endian counter (internal/counter.h); ctr is left
 * at X + nblocks. in == out allowed. Constant time in the counter. */
int gost_cipher_ctr_blocks(const gost_cipher *c, uint8_t *ctr, unsigned first, unsigned last, const uint8_t *in,
                           uint8_t *out, size_t nblocks);

/* The serial modes' chaining through the cipher (mode GOST_CHAIN_CBC, CFB
 * or OFB, internal/chain.h): CBC encryption, CFB encryption and OFB with a
 * one-block register, and OMAC's absorbed blocks (CBC with out NULL; the
 * others need out). in == out allowed. A kernel with its own chaining
 * entry (the SSSE3 and AVX2 ones) keeps the chain in a register; the
 * portable ones run one block at a time. */
int gost_cipher_chain(const gost_cipher *c, int mode, uint8_t *chain, const uint8_t *in, uint8_t *out,
                      size_t nblocks);

/* Inits from a keyed cipher (copied into the context). section_blocks is
 * 0 for CTR, the ACPKM section in blocks for CTR-ACPKM. */
int gost_ctr_init_cipher(gost_mode_ctx *ctx, const gost_cipher *c, const uint8_t *iv,
                         size_t iv_len, size_t s, uint64_t section_blocks);
int gost_mac_init_cipher(gost_mac_ctx *ctx, const gost_cipher *c);

/* Block processors of ECB and CBC: nblocks whole blocks, in == out allowed. */
int gost_ecb_blocks(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);
int gost_cbc_blocks(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);

/* Stream processors of CTR, OFB, CFB: len bytes, in == out allowed. The
 * caller has checked the arguments (and, for CTR, gost_ctr_check_limit). */
int gost_ctr_stream(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len);
int gost_ctr_check_limit(const gost_mode_ctx *ctx, size_t len);
int gost_ofb_stream(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len);
int gost_cfb_stream(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len);

/* The ACPKM key transform (R 1323565.1.017-2018 s.4.1, RFC 8645 s.6.2.1)
 * applied to the cipher in place: K' = E_K(D_1) || ... || E_K(D_J),
 * D = 0x80 0x81 ... 0x9f. */
int gost_acpkm_rekey(gost_cipher *c);

/* The input side of OMAC and OMAC-ACPKM: appends data to the held-back
 * block last (lastlen bytes of n), passing every block that more data
 * follows to absorb(arg, block), so that the last block (full or partial)
 * is always held back for final. Stops at the first error absorb returns. */
int gost_omac_feed(uint8_t *last, uint32_t *lastlen, size_t n, const uint8_t *data, size_t len,
                   int (*absorb)(void *arg, const uint8_t *block), void *arg);

/* OMAC's subkey doubling: out = in << 1, xor B_n when in's top bit is set
 * (constant time). */
void gost_omac_double(uint8_t *out, const uint8_t *in, size_t n);

#endif
