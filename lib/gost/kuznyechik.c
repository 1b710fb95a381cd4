/* Kuznyechik's public API and its one dispatch point: gost_kuznyechik_set_key
 * asks gost_cpu_path() (the CPU's features capped by GOST_CPU) for the
 * widest kernel allowed; that kernel expands the key in constant time and
 * writes its own form of the round keys into the caller's schedule, which
 * keeps the kernel's address: no global state. */
#include <string.h>

#include "gost/cpu.h"
#include "gost/util.h"
#include "internal/chain.h"
#include "internal/counter.h"
#include "internal/kuznyechik.h"

_Static_assert(GOST_KUZNYECHIK_SCHED_WORDS >= 160, "the portable schedule is 10 x 16 words");

void gost_kuznyechik_fill_sched_rows(uint64_t *sched, const uint8_t rk[10][16])
{
    memcpy(sched, rk, 10 * 16);
}

static const struct gost_kuznyechik_kernel *best_kernel(void)
{
    enum gost_cpu_path path = gost_cpu_path();
    const struct gost_kuznyechik_kernel *k = NULL;
    if (path == GOST_CPU_AVX2)
        k = gost_kuznyechik_kernel_avx2();
    /* A build without the AVX2 kernel still has the SSSE3 one. */
    if (k == NULL && (path == GOST_CPU_AVX2 || path == GOST_CPU_SSSE3))
        k = gost_kuznyechik_kernel_ssse3();
    return k != NULL ? k : gost_kuznyechik_kernel_portable();
}

int gost_kuznyechik_set_key(gost_kuznyechik_key *k, const uint8_t key[32])
{
    if (k == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (key == NULL) {
        gost_kuznyechik_wipe(k);
        return GOST_ERR_INVALID_ARGUMENT;
    }
    uint8_t rk[10][16];
    const struct gost_kuznyechik_kernel *kernel = best_kernel();
    kernel->expand_key(rk, key);
    memset(k->sched, 0, sizeof k->sched);
    kernel->fill_sched(k->sched, (const uint8_t(*)[16])rk);
    k->kernel = kernel;
    gost_wipe(rk, sizeof rk);
    return GOST_OK;
}

static int check(const gost_kuznyechik_key *k, const uint8_t *in, const uint8_t *out, size_t nblocks)
{
    if (k == NULL || k->kernel == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (nblocks != 0 && (in == NULL || out == NULL))
        return GOST_ERR_INVALID_ARGUMENT;
    return GOST_OK;
}

int gost_kuznyechik_encrypt_blocks(const gost_kuznyechik_key *k, const uint8_t *in, uint8_t *out,
                                   size_t nblocks)
{
    int rc = check(k, in, out, nblocks);
    if (rc == GOST_OK && nblocks != 0)
        k->kernel->encrypt(k->sched, in, out, nblocks);
    return rc;
}

int gost_kuznyechik_decrypt_blocks(const gost_kuznyechik_key *k, const uint8_t *in, uint8_t *out,
                                   size_t nblocks)
{
    int rc = check(k, in, out, nblocks);
    if (rc == GOST_OK && nblocks != 0)
        k->kernel->decrypt(k->sched, in, out, nblocks);
    return rc;
}

static int kernel_encrypt(const void *key, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const gost_kuznyechik_key *k = key;
    k->kernel->encrypt(k->sched, in, out, nblocks);
    return GOST_OK;
}

void gost_kuznyechik_ctr_blocks(const gost_kuznyechik_key *k, uint8_t ctr[16], unsigned first, unsigned last,
                                const uint8_t *in, uint8_t *out, size_t nblocks)
{
    if (nblocks == 0)
        return;
    if (k->kernel->ctr != NULL) {
        k->kernel->ctr(k->sched, ctr, first, last, in, out, nblocks);
        return;
    }
    gost_counter_encrypt(kernel_encrypt, k, 16, ctr, first, last, in, out, nblocks);
}

void gost_kuznyechik_chain(const gost_kuznyechik_key *k, int mode, uint8_t chain[16], const uint8_t *in,
                           uint8_t *out, size_t nblocks)
{
    if (nblocks == 0)
        return;
    if (k->kernel->chain != NULL) {
        k->kernel->chain(k->sched, mode, chain, in, out, nblocks);
        return;
    }
    gost_chain_blocks(kernel_encrypt, k, 16, mode, chain, in, out, nblocks);
}

void gost_kuznyechik_wipe(gost_kuznyechik_key *k)
{
    if (k != NULL)
        gost_wipe(k, sizeof *k);
}

const char *gost_kuznyechik_kernel_name(const gost_kuznyechik_key *k)
{
    return k != NULL && k->kernel != NULL ? k->kernel->name : NULL;
}
