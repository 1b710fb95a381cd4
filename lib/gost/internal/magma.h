/* Internals of Magma and GOST 28147-89, shared by their kernels, Magma's
 * dispatch point (lib/gost/magma.c) and the 28147 modes (gost28147*.c).
 *
 * Magma (GOST R 34.12-2015 s.5) and GOST 28147-89 are one Feistel network:
 * 32 rounds of N2 ^= f(N1 + K) with the halves swapped, f = 4-bit S-boxes
 * then a rotation by 11, round keys K1..K8 three times then K8..K1. They
 * differ only in the S-boxes (Magma fixes them; 28147 takes a parameter
 * set) and in how bytes map to words (big endian for Magma, little endian
 * for 28147 implementations). The network below works on a 64-bit value
 * N2:N1 (N1 in the low 32 bits, the half that enters f first) and on a
 * "network schedule" of GOST_NET_WORDS words; each cipher only converts
 * bytes to that value. */
#ifndef GOST_INTERNAL_MAGMA_H
#define GOST_INTERNAL_MAGMA_H

#include <stddef.h>
#include <stdint.h>

#include "gost/gost28147.h"
#include "gost/magma.h"

/* The network schedule: words 0..7 hold the round keys K1..K8 (as 32-bit
 * values), words 8..15 the eight S-boxes packed one per word (nibble v of
 * word 8 + i is the image of v under the S-box of input bits 4i..4i+3). */
#define GOST_NET_WORDS 16
#define GOST_NET_SBOX 8

/* Packs S-box rows (rows[i][v] = image of v under the S-box of bits
 * 4i..4i+3) into sched[GOST_NET_SBOX..+7]. The rows are public. */
void gost_net_set_sbox(uint64_t *sched, const uint8_t rows[8][16]);

/* The S-box layer (t of GOST R 34.12-2015 s.5.2) of the packed S-boxes:
 * each nibble is looked up by a register shift, never by a memory index. */
uint32_t gost_net_sbox_layer(const uint64_t *sched, uint32_t a);

/* One block through the 32 rounds (encryption: K1..K8 x3, K8..K1) or their
 * inverse; the 16 rounds of the MAC (K1..K8 x2, halves swapped after each
 * round, GOST 28147-89 s.5). Constant time. */
uint64_t gost_net_encrypt(const uint64_t *sched, uint64_t x);
uint64_t gost_net_decrypt(const uint64_t *sched, uint64_t x);
uint64_t gost_net_mac16(const uint64_t *sched, uint64_t x);

/* Words after the network schedule, filled by gost_net_fill: the byte
 * order of the cipher's blocks (GOST_NET_BIG_ENDIAN for Magma,
 * GOST_NET_LITTLE_ENDIAN for 28147; public), then the byte-sliced kernels'
 * tables (magma_sliced.c) from word GOST_NET_SLICED on. A schedule has at
 * least GOST_NET_SCHED_MIN words. */
#define GOST_NET_ORDER 16
#define GOST_NET_BIG_ENDIAN 0
#define GOST_NET_LITTLE_ENDIAN 1
#define GOST_NET_SLICED 20
#define GOST_NET_SLICED_BYTES 416
/* Then, 32-byte aligned, the round-key bytes of the sliced part broadcast
 * to 32-byte vectors, GOST_NET_KEY_VECTORS per round key (secret). */
#define GOST_NET_KEYVEC (GOST_NET_SLICED + GOST_NET_SLICED_BYTES / 8)
#define GOST_NET_KEY_VECTORS 7
#define GOST_NET_SCHED_MIN (GOST_NET_KEYVEC + 8 * GOST_NET_KEY_VECTORS * 4)

/* Writes the round keys K1..K8, the S-boxes and the byte order into words
 * 0..GOST_NET_ORDER of sched; kern->prepare then completes it. */
void gost_net_fill(uint64_t *sched, const uint32_t k[8], const uint8_t rows[8][16], int order);

/* A kernel of the network (Magma and 28147 alike): prepare derives its own
 * form of the schedule from the words gost_net_fill wrote (again after each
 * change of the round keys, e.g. 28147's key meshing); encrypt and decrypt
 * run any number of blocks in the schedule's byte order, in constant time,
 * in == out allowed; mac16 is the 28147 MAC's 16 rounds on one value. */
struct gost_magma_kernel {
    const char *name;
    void (*prepare)(uint64_t *sched);
    void (*encrypt)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks);
    void (*decrypt)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks);
    uint64_t (*mac16)(const uint64_t *sched, uint64_t x); /* as gost_net_mac16 */
    /* The serial modes' chaining, or NULL (then gost_net_chain runs one
     * block at a time through encrypt): CBC, CFB or OFB as mode
     * (GOST_CHAIN_*, internal/chain.h) says, 8-byte blocks in the
     * schedule's byte order, nblocks >= 1, out NULL for CBC only. in == out
     * allowed. */
    void (*chain)(const uint64_t *sched, int mode, uint8_t chain[8], const uint8_t *in, uint8_t *out,
                  size_t nblocks);
};

/* The kernels; the SIMD ones are NULL when the build or the CPU lacks them.
 * gost_magma_kernel_best is the one dispatch point (gost_cpu_path()). */
const struct gost_magma_kernel *gost_magma_kernel_portable(void);
const struct gost_magma_kernel *gost_magma_kernel_ssse3(void);
const struct gost_magma_kernel *gost_magma_kernel_avx2(void);
const struct gost_magma_kernel *gost_magma_kernel_best(void);

/* The serial modes' chaining through a network schedule (a Magma or a
 * 28147 key's) by whichever way its kernel has: the kernel's chain entry,
 * else one block at a time (mode, chain, in, out as for that entry). */
void gost_net_chain(const struct gost_magma_kernel *kern, const uint64_t *sched, int mode, uint8_t chain[8],
                    const uint8_t *in, uint8_t *out, size_t nblocks);

/* The byte-sliced kernels' part of the schedule (layout in
 * magma_sliced.c), from the network words: shared by SSSE3 and AVX2. */
void gost_net_prepare_sliced(uint64_t *sched);

/* Byte offsets in that part (from word GOST_NET_SLICED): the nibble tables
 * A, B, C (4 x 16 bytes each), 8 key bytes per round key, the load and
 * store shuffles (16 bytes each), and the plain S-boxes of byte j's low
 * and high nibble (SL_j[v] = S_2j(v), SH_j[v] = S_2j+1(v) << 4) for the
 * path that keeps whole 32-bit halves in lanes. */
enum {
    GOST_SL_A = 0,
    GOST_SL_B = 64,
    GOST_SL_C = 128,
    GOST_SL_KEYS = 192,
    GOST_SL_LOAD = 256,
    GOST_SL_STORE = 272,
    GOST_SL_SL = 288,
    GOST_SL_SH = 352
};

/* The S-boxes pi'_0..pi'_7 of GOST R 34.12-2015 s.5.1.1 (RFC 8891 s.4.1),
 * which are also GOST 28147-89's id-tc26-gost-28147-param-Z. */
extern const uint8_t gost_magma_sbox_rows[8][16];

/* GOST 28147-89: the rows K1..K8 of an S-box set (NULL if unknown), and
 * one block through a 28147 key in its byte order (little endian). */
const uint8_t (*gost28147_sbox_rows(gost28147_sbox id))[16];
void gost28147_encrypt_block(const gost28147_key *k, const uint8_t in[8], uint8_t out[8]);
void gost28147_decrypt_block(const gost28147_key *k, const uint8_t in[8], uint8_t out[8]);

/* The pieces of GOST R 34.12-2015 s.5.2-5.3, exposed for the known answers
 * of RFC 8891 s.A.2-A.4: the S-box layer t, the round function g[k] and the
 * 32 round keys K_1..K_32. */
uint32_t gost_magma_t(uint32_t a);
uint32_t gost_magma_g(uint32_t k, uint32_t a);
void gost_magma_round_keys(uint32_t rk[32], const uint8_t key[32]);

#endif
