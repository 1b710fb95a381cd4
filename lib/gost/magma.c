/* Magma (GOST R 34.12-2015 s.5, RFC 8891): the API and its one dispatch
 * point. */
#include "gost/cpu.h"
#include "gost/magma.h"
#include "internal/chain.h"
#include "internal/magma.h"
#include "internal/util.h"

_Static_assert(GOST_MAGMA_SCHED_WORDS >= GOST_NET_SCHED_MIN, "Magma's schedule holds the network's");
_Static_assert(GOST28147_SCHED_WORDS >= GOST_NET_SCHED_MIN, "28147's schedule holds the network's");

/* The widest kernel the CPU path (features capped by GOST_CPU) allows;
 * a build without the AVX2 kernel still has the SSSE3 one. */
const struct gost_magma_kernel *gost_magma_kernel_best(void)
{
    enum gost_cpu_path path = gost_cpu_path();
    const struct gost_magma_kernel *k = NULL;
    if (path == GOST_CPU_AVX2)
        k = gost_magma_kernel_avx2();
    if (k == NULL && (path == GOST_CPU_AVX2 || path == GOST_CPU_SSSE3))
        k = gost_magma_kernel_ssse3();
    return k != NULL ? k : gost_magma_kernel_portable();
}

/* K1..K8 are the key's 32-bit words most significant first (s.5.3). */
int gost_magma_set_key(gost_magma_key *k, const uint8_t key[32])
{
    if (k == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    const struct gost_magma_kernel *kern = gost_magma_kernel_best();
    uint32_t words[8];
    for (int i = 0; i < 8; i++)
        words[i] = gost_load32_be(key + 4 * i);
    gost_net_fill(k->sched, words, gost_magma_sbox_rows, GOST_NET_BIG_ENDIAN);
    kern->prepare(k->sched);
    k->kernel = kern;
    gost_wipe(words, sizeof words);
    return GOST_OK;
}

static int check(const gost_magma_key *k, const uint8_t *in, const uint8_t *out, size_t nblocks)
{
    if (k == NULL || k->kernel == NULL || (nblocks != 0 && (in == NULL || out == NULL)))
        return GOST_ERR_INVALID_ARGUMENT;
    return GOST_OK;
}

int gost_magma_encrypt_blocks(const gost_magma_key *k, const uint8_t *in, uint8_t *out,
                              size_t nblocks)
{
    int rc = check(k, in, out, nblocks);
    if (rc == GOST_OK)
        k->kernel->encrypt(k->sched, in, out, nblocks);
    return rc;
}

int gost_magma_decrypt_blocks(const gost_magma_key *k, const uint8_t *in, uint8_t *out,
                              size_t nblocks)
{
    int rc = check(k, in, out, nblocks);
    if (rc == GOST_OK)
        k->kernel->decrypt(k->sched, in, out, nblocks);
    return rc;
}

/* A kernel and its schedule, as gost_chain_blocks's key. */
struct net_key {
    const struct gost_magma_kernel *kern;
    const uint64_t *sched;
};

static int net_encrypt(const void *key, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const struct net_key *k = key;
    k->kern->encrypt(k->sched, in, out, nblocks);
    return GOST_OK;
}

void gost_net_chain(const struct gost_magma_kernel *kern, const uint64_t *sched, int mode, uint8_t chain[8],
                    const uint8_t *in, uint8_t *out, size_t nblocks)
{
    if (nblocks == 0)
        return;
    if (kern->chain != NULL) {
        kern->chain(sched, mode, chain, in, out, nblocks);
        return;
    }
    const struct net_key k = {kern, sched};
    gost_chain_blocks(net_encrypt, &k, 8, mode, chain, in, out, nblocks);
}

void gost_magma_wipe(gost_magma_key *k)
{
    if (k != NULL)
        gost_wipe(k, sizeof *k);
}

const char *gost_magma_kernel_name(const gost_magma_key *k)
{
    return k != NULL && k->kernel != NULL ? k->kernel->name : NULL;
}
