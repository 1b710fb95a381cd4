/* Magma and GOST 28147-89 with AVX2, constant time: batches of 32 blocks
 * byte-sliced in 256-bit vectors (the kernel body is magma_simd.h, the
 * schedule magma_sliced.c), and single blocks in assembly
 * (magma_one_avx2.S) for a lone block and the serial modes' chaining. */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/magma.h"
#include "../internal/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#if defined(__x86_64__) && defined(__ELF__)
/* magma_one_avx2.S, which reads the schedule at these bytes. */
void gost_magma_encrypt_one_avx2(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks);
void gost_magma_chain_one_avx2(const uint64_t *sched, uint8_t chain[8], const uint8_t *in, uint8_t *out,
                               size_t nblocks, int mode);
uint64_t gost_magma_mac16_avx2(const uint64_t *sched, uint64_t x);
_Static_assert(8 * GOST_NET_SLICED + GOST_SL_SL == 448, "magma_one_avx2.S's SL");
_Static_assert(8 * GOST_NET_SLICED + GOST_SL_SH == 512, "magma_one_avx2.S's SH");
_Static_assert(8 * GOST_NET_ORDER == 128 && GOST_NET_BIG_ENDIAN == 0, "magma_one_avx2.S's byte order");

/* A lone block's encryption (magma_simd.h's mg_run). */
#define MG_ENCRYPT_ONE(sched, in, out) gost_magma_encrypt_one_avx2(sched, in, out, 1)

/* The chain stays in a register from block to block; the assembly clears
 * the registers. */
static void chain_avx2(const uint64_t *sched, int mode, uint8_t chain[8], const uint8_t *in, uint8_t *out,
                       size_t nblocks)
{
    gost_magma_chain_one_avx2(sched, chain, in, out, nblocks, mode);
}
#define MG_CHAIN chain_avx2
/* The 28147 MAC's rounds (magma_simd.h's mg_mac16_clear). */
#define MG_MAC16_ONE gost_magma_mac16_avx2
#define MG_HAS_CHAIN 1 /* gost_magma_chain_one_avx2 */
#else
#define MG_CHAIN mg_chain_avx2 /* magma_simd.h's, in C */
#endif

#define MG_WIDTH 256
#define MG_NAME(x) x##_avx2
#include "magma_simd.h"

static const struct gost_magma_kernel avx2_kernel = {"avx2", gost_net_prepare_sliced, mg_encrypt_avx2,
                                                     mg_decrypt_avx2, mg_mac16_clear_avx2, MG_CHAIN};

const struct gost_magma_kernel *gost_magma_kernel_avx2(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_AVX2) ? &avx2_kernel : NULL;
}
#else
const struct gost_magma_kernel *gost_magma_kernel_avx2(void)
{
    return NULL;
}
#endif
