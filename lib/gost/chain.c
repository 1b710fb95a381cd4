/* The serial modes' chaining one block at a time (internal/chain.h). */
#include <string.h>

#include "internal/chain.h"
#include "internal/util.h"

int gost_chain_blocks(gost_counter_cipher_fn encrypt, const void *key, size_t n, int mode, uint8_t *chain,
                      const uint8_t *in, uint8_t *out, size_t nblocks)
{
    int rc = 0;
    for (size_t j = 0; j < nblocks && rc == 0; j++) {
        const uint8_t *x = in + n * j;
        uint8_t *y = out != NULL ? out + n * j : NULL;
        if (mode == GOST_CHAIN_CBC)
            gost_xor_bytes(chain, chain, x, n);
        rc = encrypt(key, chain, chain, 1);
        if (mode == GOST_CHAIN_CFB)
            gost_xor_bytes(chain, chain, x, n);
        if (mode == GOST_CHAIN_OFB)
            gost_xor_bytes(y, x, chain, n); /* x is read before y is written */
        else if (y != NULL)
            memcpy(y, chain, n);
    }
    return rc;
}
