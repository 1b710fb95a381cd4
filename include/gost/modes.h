/* The modes of operation of GOST R 34.13-2015 for Kuznyechik (n = 16 bytes)
 * and Magma (n = 8 bytes): ECB (s.5.1), CTR (s.5.2), OFB (s.5.3), CBC
 * (s.5.4), CFB (s.5.5), the MAC (OMAC, s.5.6) and the three padding
 * procedures (s.4.1.1-4.1.3).
 *
 * Parameters, in bytes (the standard counts bits; libgost works on whole
 * bytes):
 *  - n: the block size, 16 or 8 (gost_cipher_block_size).
 *  - CTR: the IV is n/2 bytes; the first counter is IV || 0^(n/2), added 1
 *    mod 2^n per block; s (1..n) bytes of each gamma block are used. At most
 *    2^(n/2) blocks are produced under one IV (beyond that the counter would
 *    run into the IV half): GOST_ERR_LIMIT, nothing written.
 *  - OFB, CBC: the IV is m = z*n bytes, z >= 1, m <= GOST_MODE_MAX_IV.
 *    OFB uses s (1..n) bytes of each gamma block.
 *  - CFB: the IV is m bytes, n <= m <= GOST_MODE_MAX_IV (any m, as the
 *    standard allows); s (1..n) bytes per segment.
 *  - ECB, CBC: the data must be a multiple of n unless a padding procedure
 *    is chosen. Encryption pads with it; decryption removes procedure 2's
 *    padding (the only one that can be removed unambiguously) and refuses
 *    procedures 1 and 3 (GOST_ERR_INVALID_ARGUMENT): decrypt with
 *    GOST_PAD_NONE and cut the known length instead.
 *
 * Streaming: gost_*_init, gost_mode_update any number of times with any
 * split of the data, gost_mode_final (which wipes the context). CTR, OFB
 * and CFB write exactly as many bytes as they read; ECB and CBC write whole
 * blocks (at most len + n bytes per update, see gost_mode_output_size) and
 * decryption with padding holds the last block back until final.
 * in == out is allowed (in place); other overlaps are refused. For ECB and
 * CBC in place also requires that the context holds no partial block (all
 * earlier updates were whole blocks, and no held-back block): otherwise
 * GOST_ERR_INVALID_ARGUMENT.
 *
 * Errors (nothing is written by a failing call, and the context is left as
 * it was unless said otherwise): GOST_ERR_INVALID_ARGUMENT for NULL
 * pointers (NULL data is allowed with length 0), an unknown cipher, mode,
 * direction or padding, or overlapping buffers; GOST_ERR_BAD_LENGTH for an
 * IV or s the mode does not allow, a tag length outside 1..n, or (final,
 * one-shots) ECB/CBC data that is not a multiple of n without padding;
 * GOST_ERR_BUFFER_TOO_SMALL when out cannot hold the output;
 * GOST_ERR_BAD_STATE for a context that was never initialised or was
 * finalised; GOST_ERR_DECODE for invalid procedure-2 padding on decryption.
 * A failing final wipes the context all the same.
 *
 * Constant time: no branch or index depends on the key or the data
 * (padding removal included); lengths, IVs and parameters are public.
 * Many blocks are passed to the cipher per call wherever the mode allows
 * (ECB, CTR, CBC and CFB decryption, OFB and CBC/CFB encryption z blocks at
 * a time when m > n). */
#ifndef GOST_MODES_H
#define GOST_MODES_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/blockcipher.h"
#include "gost/errors.h"

/* The largest IV (register) of OFB, CBC and CFB: 64 bytes, i.e. z <= 4
 * for Kuznyechik and z <= 8 for Magma. The standard's examples use
 * m = 2n (and m = 3n for Magma CBC). */
#define GOST_MODE_MAX_IV 64

typedef enum gost_padding {
    GOST_PAD_NONE = 0, /* the data must be a multiple of n */
    GOST_PAD_1 = 1,    /* s.4.1.1: zeros up to a multiple of n (none if already one) */
    GOST_PAD_2 = 2,    /* s.4.1.2: one 1 bit, then zeros; always adds 1..n bytes */
    GOST_PAD_3 = 3     /* s.4.1.3: procedure 2 unless already a multiple of n */
} gost_padding;

typedef enum gost_direction {
    GOST_ENCRYPT = 1,
    GOST_DECRYPT = 2
} gost_direction;

/* One context for ECB, CBC, CTR (and CTR-ACPKM, gost/acpkm.h), OFB, CFB.
 * Caller-owned, fixed size, no pointers into itself (it may be copied). */
typedef struct gost_mode_ctx {
    gost_cipher cipher;
    uint8_t reg[GOST_MODE_MAX_IV];           /* R (CBC/OFB/CFB) or the counter (CTR) */
    uint8_t buf[GOST_CIPHER_MAX_BLOCK_SIZE]; /* partial block (ECB/CBC) or gamma (CTR/OFB/CFB) */
    uint8_t seg[GOST_CIPHER_MAX_BLOCK_SIZE]; /* CFB: ciphertext of the current segment */
    uint64_t blocks;                         /* CTR: gamma blocks produced */
    uint64_t section_blocks;                 /* CTR-ACPKM: blocks per section; 0 for CTR */
    uint32_t mode;                           /* 0 when not initialised */
    uint32_t decrypt, padding, n, m, s;
    uint32_t buflen;                         /* bytes in buf (ECB/CBC) or gamma bytes used */
    uint32_t ofb_next;                       /* OFB: next block of reg to use as gamma */
} gost_mode_ctx;

GOST_API int gost_ecb_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                           gost_direction dir, gost_padding pad);
GOST_API int gost_cbc_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                           gost_direction dir, const uint8_t *iv, size_t iv_len, gost_padding pad);
GOST_API int gost_ctr_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                           const uint8_t *iv, size_t iv_len, size_t s);
GOST_API int gost_ofb_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                           const uint8_t *iv, size_t iv_len, size_t s);
GOST_API int gost_cfb_init(gost_mode_ctx *ctx, gost_cipher_id id, const uint8_t key[32],
                           gost_direction dir, const uint8_t *iv, size_t iv_len, size_t s);

/* The most bytes the next gost_mode_update of len bytes may write (len for
 * CTR/OFB/CFB, whole blocks for ECB/CBC); 0 for an unusable context. */
GOST_API size_t gost_mode_output_size(const gost_mode_ctx *ctx, size_t len);

/* Processes len bytes of in, writes *out_len bytes to out (out_size is its
 * capacity). */
GOST_API int gost_mode_update(gost_mode_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out,
                              size_t out_size, size_t *out_len);

/* Writes what is left (ECB/CBC: the padded last block on encryption, the
 * unpadded last block on decryption; nothing for CTR/OFB/CFB, whose out may
 * be NULL) and wipes the context. At most n bytes. */
GOST_API int gost_mode_final(gost_mode_ctx *ctx, uint8_t *out, size_t out_size, size_t *out_len);

/* Wipes a context without finishing it. */
GOST_API void gost_mode_wipe(gost_mode_ctx *ctx);

/* One-shot helpers (in == out allowed). ECB/CBC write *out_len bytes
 * (encryption: len rounded up by the padding; decryption with GOST_PAD_2
 * needs out_size >= len - 1); the others write len bytes. Argument errors
 * are found before anything is written; a padding error on decryption
 * (GOST_ERR_DECODE) wipes what was written (in place: the input). */
GOST_API int gost_ecb_encrypt(gost_cipher_id id, const uint8_t key[32], gost_padding pad,
                              const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
                              size_t *out_len);
GOST_API int gost_ecb_decrypt(gost_cipher_id id, const uint8_t key[32], gost_padding pad,
                              const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
                              size_t *out_len);
GOST_API int gost_cbc_encrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                              size_t iv_len, gost_padding pad, const uint8_t *in, size_t len,
                              uint8_t *out, size_t out_size, size_t *out_len);
GOST_API int gost_cbc_decrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                              size_t iv_len, gost_padding pad, const uint8_t *in, size_t len,
                              uint8_t *out, size_t out_size, size_t *out_len);
/* CTR and OFB are their own inverse. */
GOST_API int gost_ctr_crypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                            size_t iv_len, size_t s, const uint8_t *in, size_t len, uint8_t *out);
GOST_API int gost_ofb_crypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                            size_t iv_len, size_t s, const uint8_t *in, size_t len, uint8_t *out);
GOST_API int gost_cfb_encrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                              size_t iv_len, size_t s, const uint8_t *in, size_t len, uint8_t *out);
GOST_API int gost_cfb_decrypt(gost_cipher_id id, const uint8_t key[32], const uint8_t *iv,
                              size_t iv_len, size_t s, const uint8_t *in, size_t len, uint8_t *out);

/* Padding (s.4.1). gost_pad writes in || padding to out (in == out
 * allowed) and its length to *out_len; gost_pad_length is that length
 * without writing. gost_unpad2 finds procedure 2's padding in the last
 * block of a (len a non-zero multiple of n) in constant time and sets
 * *unpadded_len; GOST_ERR_DECODE if there is none. */
GOST_API int gost_pad_length(gost_padding pad, size_t n, size_t len, size_t *out_len);
GOST_API int gost_pad(gost_padding pad, size_t n, const uint8_t *in, size_t len, uint8_t *out,
                      size_t out_size, size_t *out_len);
GOST_API int gost_unpad2(size_t n, const uint8_t *data, size_t len, size_t *unpadded_len);

/* MAC (OMAC, s.5.6): K1 = R << 1 (xor B_n if R's top bit is set),
 * K2 = K1 << 1 likewise, R = E_K(0^n), B_128 = 0^120 || 10000111,
 * B_64 = 0^59 || 11011. The tag is the first tag_len (1..n) bytes. */
typedef struct gost_mac_ctx {
    gost_cipher cipher;
    uint8_t chain[GOST_CIPHER_MAX_BLOCK_SIZE]; /* C_i */
    uint8_t last[GOST_CIPHER_MAX_BLOCK_SIZE];  /* the last block, held back until final */
    uint32_t n;                                /* 0 when not initialised */
    uint32_t lastlen;
} gost_mac_ctx;

GOST_API int gost_mac_init(gost_mac_ctx *ctx, gost_cipher_id id, const uint8_t key[32]);
GOST_API int gost_mac_update(gost_mac_ctx *ctx, const uint8_t *data, size_t len);
/* Writes tag_len bytes and wipes the context. GOST_ERR_BAD_LENGTH (context
 * unchanged) for tag_len outside 1..n. */
GOST_API int gost_mac_final(gost_mac_ctx *ctx, uint8_t *tag, size_t tag_len);
GOST_API void gost_mac_wipe(gost_mac_ctx *ctx);
GOST_API int gost_mac(gost_cipher_id id, const uint8_t key[32], const uint8_t *data, size_t len,
                      uint8_t *tag, size_t tag_len);

#endif
