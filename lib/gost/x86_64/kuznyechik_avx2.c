/* Kuznyechik with AVX2, constant time: batches of 32 blocks byte-sliced in
 * 256-bit vectors, and single blocks held whole in a vector (both halves),
 * for short tails, serial modes and the key schedule. The kernel body and
 * its reasoning are in kuznyechik_simd.h. */
#include <stddef.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "../internal/counter.h"
#include "../internal/kuznyechik.h"
#include "../internal/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

/* The schedule: the round keys as 16-byte rows (bytes 0..159), then every
 * key byte as a 32-bit word holding it four times (bytes 160..799), which
 * the batch kernel broadcasts with a plain load (kz_key), then the keys of
 * the one-block assembly kernel (bytes 800..1119): K_1, alpha(K_2) ..
 * alpha(K_9), K_10, each 16 bytes twice (kuznyechik_one_avx2.S keeps its
 * state as alpha of the block between rounds). */
#define KZ_KEY_DWORDS_AT 160
#define KZ_ONE_KEYS_AT 800
_Static_assert(KZ_KEY_DWORDS_AT + 10 * 16 * 4 <= KZ_ONE_KEYS_AT, "the schedule's parts overlap");
_Static_assert(KZ_ONE_KEYS_AT + 10 * 32 <= 8 * GOST_KUZNYECHIK_SCHED_WORDS, "the schedule is too small");

#if defined(__x86_64__) && defined(__ELF__)
/* kuznyechik_one_avx2.S */
void gost_kuznyechik_encrypt_one_avx2(const uint8_t keys[10][32], const uint8_t *in, uint8_t *out,
                                      size_t nblocks);
void gost_kuznyechik_chain_one_avx2(const uint8_t keys[10][32], uint8_t chain[16], const uint8_t *in, uint8_t *out,
                                    size_t nblocks, int mode);

/* The one-block kernel's key rows in a schedule. */
typedef uint8_t kz_one_key_row[32];
static inline const kz_one_key_row *one_keys(const void *sched)
{
    return (const kz_one_key_row *)(const void *)((const uint8_t *)sched + KZ_ONE_KEYS_AT);
}

#define KZ_ENCRYPT_ONE(sched, in, out, nblocks) gost_kuznyechik_encrypt_one_avx2(one_keys(sched), in, out, nblocks)
#endif

#define KZ_WIDTH 256
#define KZ_BLENDV 1
#define KZ_NAME(x) x##_avx2
#include "kuznyechik_simd.h"

static void fill_sched_avx2(uint64_t *sched, const uint8_t rk[10][16])
{
    gost_kuznyechik_fill_sched_rows(sched, rk);
    uint8_t *dwords = (uint8_t *)sched + KZ_KEY_DWORDS_AT;
    for (int i = 0; i < 10 * 16; i++)
        memset(dwords + 4 * i, rk[i / 16][i % 16], 4);
    /* The one-block kernel's rows; alpha by the kernels' own pi_alpha
     * (pshufb of the secret key's nibbles). */
    uint8_t *one = (uint8_t *)sched + KZ_ONE_KEYS_AT;
    for (int i = 0; i < 10; i++) {
        __m256i k = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)rk[i]));
        if (i > 0 && i < 9)
            k = pi_alpha_avx2(k);
        _mm256_storeu_si256((__m256i *)(void *)(one + 32 * i), k);
    }
    _mm256_zeroall(); /* the key rows were in registers: an entry point clears them */
}

#if defined(__x86_64__) && defined(__ELF__)
/* The serial modes' chaining in the assembly kernel: the chain stays in a
 * register from block to block (kuznyechik_one_avx2.S, which clears the
 * registers). */
static void chain_avx2(const uint64_t *sched, int mode, uint8_t chain[16], const uint8_t *in, uint8_t *out,
                       size_t nblocks)
{
    gost_kuznyechik_chain_one_avx2(one_keys(sched), chain, in, out, nblocks, mode);
}
#endif
/* The assembly's entry above on x86-64 ELF, else kuznyechik_simd.h's in C. */
#define KZ_CHAIN chain_avx2

static const struct gost_kuznyechik_kernel avx2_kernel = {
    "avx2", expand_key_clear_avx2, fill_sched_avx2, encrypt_avx2, decrypt_avx2, ctr_avx2, KZ_CHAIN};

const struct gost_kuznyechik_kernel *gost_kuznyechik_kernel_avx2(void)
{
    return (gost_cpu_features() & GOST_CPU_HAS_AVX2) ? &avx2_kernel : NULL;
}
#else
const struct gost_kuznyechik_kernel *gost_kuznyechik_kernel_avx2(void)
{
    return NULL;
}
#endif
