/* Magma (GOST R 34.12-2015 s.5, RFC 8891): the API and its one dispatch
 * point. */
#include "gost/cpu.h"
#include "gost/magma.h"
#include "internal/magma.h"
#include "internal/util.h"

static const struct gost_magma_kernel *choose_kernel(void)
{
    /* Only the portable kernel exists yet; SIMD kernels join here. */
    return gost_magma_kernel_portable();
}

int gost_magma_set_key(gost_magma_key *k, const uint8_t key[32])
{
    if (k == NULL || key == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    const struct gost_magma_kernel *kern = choose_kernel();
    kern->fill_sched(k->sched, key);
    k->kernel = kern;
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

void gost_magma_wipe(gost_magma_key *k)
{
    if (k != NULL)
        gost_wipe(k, sizeof *k);
}

const char *gost_magma_kernel_name(const gost_magma_key *k)
{
    return k != NULL && k->kernel != NULL ? k->kernel->name : NULL;
}
