/* CBC chaining one block at a time (internal/chain.h). */
#include <string.h>

#include "internal/chain.h"
#include "internal/util.h"

int gost_chain_encrypt(gost_counter_cipher_fn encrypt, const void *key, size_t n, uint8_t *chain, const uint8_t *in,
                       uint8_t *out, size_t nblocks)
{
    int rc = 0;
    for (size_t j = 0; j < nblocks && rc == 0; j++) {
        gost_xor_bytes(chain, chain, in + n * j, n);
        rc = encrypt(key, chain, chain, 1);
        if (out != NULL)
            memcpy(out + n * j, chain, n);
    }
    return rc;
}
