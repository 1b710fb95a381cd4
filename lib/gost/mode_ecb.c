/* ECB (GOST R 34.13-2015 s.5.1): every block on its own, all of them in
 * one call to the cipher. */
#include "gost/modes.h"
#include "internal/modes.h"

int gost_ecb_blocks(gost_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    return ctx->decrypt ? gost_cipher_decrypt_blocks(&ctx->cipher, in, out, nblocks)
                        : gost_cipher_encrypt_blocks(&ctx->cipher, in, out, nblocks);
}
