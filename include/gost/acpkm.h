/* ACPKM re-keying (R 1323565.1.017-2018, RFC 8645 s.6.2-6.4) for
 * Kuznyechik and Magma: the key transform, CTR-ACPKM and OMAC-ACPKM.
 *
 * ACPKM(K) = MSB_256(E_K(D_1) || ... || E_K(D_J)), D = 0x80 0x81 ... 0x9f
 * cut into n-byte blocks (R 1323565.1.017-2018 s.4.1, RFC 8645 s.6.2.1).
 *
 * CTR-ACPKM (s.4.4, RFC 8645 s.6.2.2): CTR of GOST R 34.13-2015 (IV of n/2
 * bytes, whole gamma blocks, s = n) whose key is transformed with ACPKM at
 * the start of every section of section_size bytes after the first; the
 * counter is not reset. section_size must be a non-zero multiple of n.
 * Streaming uses gost_mode_ctx (gost/modes.h) with gost_mode_update and
 * gost_mode_final.
 *
 * OMAC-ACPKM (s.4.6, RFC 8645 s.6.4.2): the message is cut into sections
 * of section_size (N) bytes; section i is MACed (CBC-MAC chaining across
 * sections) under K^i, and the last block uses K^l_1 (complete) or
 * K^l_1 << 1 (padded by procedure 2), where K^1 || K^1_1 || K^2 || K^2_1
 * ... (32 + n bytes per section) = ACPKM-Master(T*, K) =
 * CTR-ACPKM(K, section T* = master_section, IV = 1^(n/2), zeros).
 * N and T* must be non-zero multiples of n.
 *
 * Errors as in gost/modes.h; GOST_ERR_BAD_LENGTH for a section size that
 * is not a non-zero multiple of n. */
#ifndef GOST_ACPKM_H
#define GOST_ACPKM_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/blockcipher.h"
#include "gost/errors.h"
#include "gost/modes.h"

/* Section sizes in bytes. The first two are the defaults of OpenSSL's GOST
 * provider for kuznyechik-ctr-acpkm and magma-ctr-acpkm (and what PBES2
 * content encryption with them uses: lib/asn1 checks this); CMS content
 * encrypted with kuznyechik-ctr-acpkm uses 256 KiB sections (gost-engine's
 * CMS parameters). The examples of R 1323565.1.017-2018 Appendix A use
 * N = 16 (Magma) and 32 (Kuznyechik) bytes, T* = 80 and 96 bytes. */
#define GOST_ACPKM_SECTION_KUZNYECHIK 4096
#define GOST_ACPKM_SECTION_MAGMA 1024
#define GOST_ACPKM_SECTION_CMS 262144

/* next = ACPKM(key). next may equal key. */
GOST_API int gost_acpkm_transform(gost_cipher_id id, const uint8_t key[32], uint8_t next[32]);

/* CTR-ACPKM, streaming (then gost_mode_update / gost_mode_final). */
GOST_API int gost_ctr_acpkm_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                                 size_t section_size, const uint8_t *iv, size_t iv_len);

/* CTR-ACPKM, one-shot, its own inverse; in == out allowed. */
GOST_API int gost_ctr_acpkm(gost_cipher_id id, const uint8_t key[32], size_t section_size,
                            const uint8_t *iv, size_t iv_len, const uint8_t *in, size_t len,
                            uint8_t *out);

typedef struct gost_omac_acpkm_ctx {
    gost_mode_ctx master;                      /* CTR-ACPKM making K^i || K^i_1 */
    gost_cipher cipher;                        /* K^i */
    uint8_t k1[GOST_CIPHER_MAX_BLOCK_SIZE];    /* K^i_1 */
    uint8_t chain[GOST_CIPHER_MAX_BLOCK_SIZE];
    uint8_t last[GOST_CIPHER_MAX_BLOCK_SIZE];  /* held back until final */
    uint64_t section;                          /* N in bytes */
    uint64_t done;                             /* bytes MACed in the current section */
    uint32_t n;                                /* 0 when not initialised */
    uint32_t lastlen;
} gost_omac_acpkm_ctx;

GOST_API int gost_omac_acpkm_init(gost_omac_acpkm_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                                  size_t section_size, size_t master_section);
GOST_API int gost_omac_acpkm_update(gost_omac_acpkm_ctx *ctx, const uint8_t *data, size_t len);
/* tag_len 1..n; wipes the context. */
GOST_API int gost_omac_acpkm_final(gost_omac_acpkm_ctx *ctx, uint8_t *tag, size_t tag_len);
GOST_API void gost_omac_acpkm_wipe(gost_omac_acpkm_ctx *ctx);
GOST_API int gost_omac_acpkm(gost_cipher_id id, const uint8_t key[32], size_t section_size,
                             size_t master_section, const uint8_t *data, size_t len, uint8_t *tag,
                             size_t tag_len);

#endif
