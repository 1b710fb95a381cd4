/* Streebog: the GOST R 34.11-2012 hash function (RFC 6986), 256 and 512 bits.
 *
 * Two implementations behind one streaming core:
 *  - gost_streebog_*: constant time (no branch or memory index depends on the
 *    data). Every keyed use in libgost (HMAC, KDF, PBKDF2, VKO, SESPAKE) uses
 *    it. The kernel is chosen at init and kept in the context: AVX2 or
 *    SSSE3 (vpshufb/pshufb lookups) on x86-64, else portable C (S-box as a
 *    Boolean circuit on bit planes, l as a GF(2^8) matrix); GOST_CPU caps
 *    the choice, see gost/cpu.h. All give the same digests.
 *  - gost_streebog_public_*: table-driven and faster, but its memory accesses
 *    depend on the data: for PUBLIC data only (a message to be signed, a file
 *    checksum). No keyed path of libgost reaches it.
 *
 * Digest byte order: the bytes as every implementation (OpenSSL's
 * md_gost12_256/512 among them) outputs them. The standard prints a digest
 * as a number, most significant byte first, which is the reverse of these
 * bytes; likewise messages in the standard's examples are printed reversed.
 *
 * Errors: GOST_ERR_INVALID_ARGUMENT for a NULL context/output or NULL data
 * with a non-zero length; GOST_ERR_BAD_LENGTH for a digest size other than 32
 * or 64; GOST_ERR_BAD_STATE for a context that was not initialised (or was
 * finalised) — the context is left unchanged by a failing call. */
#ifndef GOST_STREEBOG_H
#define GOST_STREEBOG_H

#include <stdint.h>

#include "gost/api.h"
#include "gost/errors.h"

#define GOST_STREEBOG256_SIZE 32
#define GOST_STREEBOG512_SIZE 64
#define GOST_STREEBOG_BLOCK_SIZE 64

typedef struct gost_streebog_ctx {
    uint64_t h[8];      /* chaining value */
    uint64_t n[8];      /* bits processed, mod 2^512 */
    uint64_t sigma[8];  /* sum of the blocks, mod 2^512 */
    uint8_t buf[GOST_STREEBOG_BLOCK_SIZE];
    uint32_t buflen;
    uint32_t digest_size; /* 32 or 64; 0 when not initialised */
    void (*compress)(uint64_t h[8], const uint64_t n[8], const uint8_t m[64]);
} gost_streebog_ctx;

/* Constant-time streaming interface. final writes digest_size bytes and
 * wipes the context. */
GOST_API int gost_streebog_init(gost_streebog_ctx *ctx, size_t digest_size);
GOST_API int gost_streebog_update(gost_streebog_ctx *ctx, const void *data, size_t len);
GOST_API int gost_streebog_final(gost_streebog_ctx *ctx, uint8_t *digest);

/* Constant-time one-shot digests. */
GOST_API int gost_streebog256(const void *msg, size_t len, uint8_t digest[32]);
GOST_API int gost_streebog512(const void *msg, size_t len, uint8_t digest[64]);

/* Table-driven implementation: PUBLIC DATA ONLY (see above). The same
 * context type; update and final are gost_streebog_update/final. */
GOST_API int gost_streebog_public_init(gost_streebog_ctx *ctx, size_t digest_size);
GOST_API int gost_streebog256_public(const void *msg, size_t len, uint8_t digest[32]);
GOST_API int gost_streebog512_public(const void *msg, size_t len, uint8_t digest[64]);

#endif
