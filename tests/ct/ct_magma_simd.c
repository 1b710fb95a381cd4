/* Constant-time cases for the byte-sliced Magma / GOST 28147-89 kernels
 * (SSSE3 and AVX2, whichever the CPU has, whatever GOST_CPU says): the
 * schedule's preparation from a secret key, and whole batches, a padded
 * tail and both together, both ways, in both byte orders, the 28147 MAC's
 * rounds and the serial modes' chaining, with the key and the data
 * secret. The S-boxes are public. */
#include <string.h>

#include "ct.h"
#include "../../lib/gost/internal/chain.h"
#include "../../lib/gost/internal/magma.h"

#define BLOCKS 77 /* two AVX2 batches (four SSSE3 ones) and a tail */

static void run_kernel(const struct gost_magma_kernel *kern, int order, const uint8_t rows[8][16])
{
    static const size_t counts[] = {1, 16, 32, BLOCKS};
    uint32_t k[8];
    uint8_t pt[8 * BLOCKS], ct[8 * BLOCKS], back[8 * BLOCKS];
    uint64_t sched[GOST_NET_SCHED_MIN];
    for (int i = 0; i < 8; i++)
        k[i] = 0x9e3779b9u * (uint32_t)(i + 1) ^ (uint32_t)order;
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(37 * i + 11);
    CT_SECRET(k, sizeof k);
    CT_SECRET(pt, sizeof pt);
    gost_net_fill(sched, k, rows, order);
    kern->prepare(sched);
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        size_t n = counts[c];
        kern->encrypt(sched, pt, ct, n);
        kern->decrypt(sched, ct, back, n);
        memcpy(ct, pt, 8 * n);
        kern->encrypt(sched, ct, ct, n); /* in place */
        CT_PUBLIC(back, 8 * n);
        CT_PUBLIC(pt, 8 * n);
        CT_CHECK(memcmp(back, pt, 8 * n) == 0);
        CT_SECRET(pt, sizeof pt);
    }
    uint64_t mac = kern->mac16(sched, 0x0123456789abcdefu ^ k[0]);
    CT_PUBLIC(&mac, sizeof mac);
    /* The serial modes' chaining entry (AVX2: the one-block assembly;
     * SSSE3: magma_simd.h's in C), the chain secret too. */
    if (kern->chain != NULL) {
        static const int modes[] = {GOST_CHAIN_CBC, GOST_CHAIN_CFB, GOST_CHAIN_OFB};
        for (size_t m = 0; m < 3; m++) {
            uint8_t chain[8];
            memcpy(chain, pt + 8, 8);
            kern->chain(sched, modes[m], chain, pt, ct, 5);
            kern->chain(sched, modes[m], chain, ct, ct, 3); /* in place */
            CT_PUBLIC(chain, sizeof chain);
        }
        kern->chain(sched, GOST_CHAIN_CBC, back, pt, NULL, 4);
        CT_PUBLIC(back, 8);
    }
}

CT_CASE(magma_simd_kernels_secret_key_and_data)
{
    const struct gost_magma_kernel *ks[] = {gost_magma_kernel_ssse3(), gost_magma_kernel_avx2()};
    for (size_t i = 0; i < 2; i++) {
        if (ks[i] == NULL)
            continue;
        run_kernel(ks[i], GOST_NET_BIG_ENDIAN, gost_magma_sbox_rows);
        run_kernel(ks[i], GOST_NET_LITTLE_ENDIAN, gost28147_sbox_rows(GOST28147_SBOX_CRYPTOPRO_A));
    }
}
