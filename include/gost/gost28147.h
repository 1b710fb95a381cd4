/* GOST 28147-89 (RFC 5830): the block cipher with a selectable S-box set,
 * its modes (ECB, CNT, CFB, CBC, IMIT), and CryptoPro key meshing
 * (RFC 4357 s.2.3.2).
 *
 * Byte order: that of RFC 5830/4357 implementations (CryptoPro CSP,
 * OpenSSL's GOST engine and provider gost89*): a block's first four bytes
 * are N1 read little endian, the next four N2; the key's bytes 4i..4i+3 are
 * K_i little endian. (Magma, gost/magma.h, is the same network with fixed
 * S-boxes and big-endian bytes: Magma(K, P) = rev(E_Z(rev(K words), rev(P))).)
 *
 * Everything here is constant time in the key and the data; the S-box set
 * is public. Contexts are caller-owned and fixed-size; *_final and the
 * one-shot functions wipe them. Errors: GOST_ERR_INVALID_ARGUMENT for a NULL
 * pointer (NULL data is allowed with length 0), an unknown S-box set or
 * direction; GOST_ERR_BAD_LENGTH for a length the mode does not allow;
 * GOST_ERR_BAD_STATE for a context that is not initialised (or already
 * finished). */
#ifndef GOST_GOST28147_H
#define GOST_GOST28147_H

#include <stddef.h>
#include <stdint.h>

#include "gost/api.h"
#include "gost/errors.h"

#define GOST28147_BLOCK_SIZE 8
#define GOST28147_KEY_SIZE 32
#define GOST28147_IV_SIZE 8
#define GOST28147_IMIT_MAX 4 /* tag bytes: 1..4 (RFC 5830 s.8: l <= 32 bits) */
#define GOST28147_MESH_BYTES 1024 /* RFC 4357 s.2.3.2 */

/* The S-box (substitution block) parameter sets. */
typedef enum gost28147_sbox {
    GOST28147_SBOX_TC26_Z = 1,      /* id-tc26-gost-28147-param-Z 1.2.643.7.1.2.5.1.1 (Magma's) */
    GOST28147_SBOX_CRYPTOPRO_A = 2, /* id-Gost28147-89-CryptoPro-A-ParamSet 1.2.643.2.2.31.1 */
    GOST28147_SBOX_CRYPTOPRO_B = 3, /* id-Gost28147-89-CryptoPro-B-ParamSet 1.2.643.2.2.31.2 */
    GOST28147_SBOX_CRYPTOPRO_C = 4, /* id-Gost28147-89-CryptoPro-C-ParamSet 1.2.643.2.2.31.3 */
    GOST28147_SBOX_CRYPTOPRO_D = 5, /* id-Gost28147-89-CryptoPro-D-ParamSet 1.2.643.2.2.31.4 */
    GOST28147_SBOX_GOSTR3411_94_TEST = 6, /* id-GostR3411-94-TestParamSet 1.2.643.2.2.30.0:
                                             the S-boxes of GOST R 34.11-94's examples */
    GOST28147_SBOX_TEST = 7               /* id-Gost28147-89-TestParamSet 1.2.643.2.2.31.0 */
} gost28147_sbox;

/* The S-box set named by an OID given as DER contents (the bytes after the
 * 06 tag and length, e.g. 2a 85 03 02 02 1f 01 for CryptoPro-A), or by its
 * dotted form ("1.2.643.2.2.31.1"). GOST_ERR_UNSUPPORTED for an OID that names no S-box set here. */
GOST_API int gost28147_sbox_by_oid(const uint8_t *der, size_t len, gost28147_sbox *out);
GOST_API int gost28147_sbox_by_dotted(const char *oid, gost28147_sbox *out);

/* The DER contents of the set's OID and
 * its name ("id-Gost28147-89-CryptoPro-A-ParamSet"); NULL / 0 if unknown. */
GOST_API const uint8_t *gost28147_sbox_oid(gost28147_sbox s, size_t *len);
GOST_API const char *gost28147_sbox_name(gost28147_sbox s);

/* ---- the block cipher ------------------------------------------------------ */

/* Words of the schedule: round keys, S-boxes and the SIMD kernels'
 * tables derived from them (layout private). */
#define GOST28147_SCHED_WORDS 320

struct gost_magma_kernel;

typedef struct gost28147_key {
    _Alignas(32) uint64_t sched[GOST28147_SCHED_WORDS];
    const struct gost_magma_kernel *kernel; /* chosen by gost28147_set_key */
    uint32_t sbox; /* gost28147_sbox; 0 when not set */
} gost28147_key;

GOST_API int gost28147_set_key(gost28147_key *k, gost28147_sbox sbox, const uint8_t key[32]);
/* ECB (RFC 5830 s.5) on nblocks whole blocks; in == out allowed. */
GOST_API int gost28147_encrypt_blocks(const gost28147_key *k, const uint8_t *in, uint8_t *out,
                                      size_t nblocks);
GOST_API int gost28147_decrypt_blocks(const gost28147_key *k, const uint8_t *in, uint8_t *out,
                                      size_t nblocks);
GOST_API void gost28147_wipe_key(gost28147_key *k);

/* CryptoPro key meshing (RFC 4357 s.2.3.2) applied once: K' = D_K(C) with
 * the constant C of s.2.3.2, then, if iv is not NULL, iv = E_K'(iv). */
GOST_API int gost28147_key_mesh(gost28147_key *k, uint8_t iv[8]);

/* ---- modes, streaming ------------------------------------------------------ */

typedef enum gost28147_mode {
    GOST28147_MODE_CNT = 1, /* RFC 5830 s.6 (gamma), C1/C2 counters */
    GOST28147_MODE_CFB = 2, /* RFC 5830 s.7 (gamma with feedback) */
    GOST28147_MODE_CBC = 3  /* RFC 4357 s.2.1, no padding: whole blocks */
} gost28147_mode;

enum { GOST28147_DECRYPT = 0, GOST28147_ENCRYPT = 1 };

/* With meshing = 1 the key is meshed (and the CFB feedback or CNT counter
 * register re-encrypted) before every 1024 bytes after the first, as in
 * RFC 4357 s.2.3.2 and OpenSSL's gost89 (CFB) / gost89-cnt / gost89-cnt-12;
 * meshing = 0 is plain RFC 5830. CBC takes no meshing (as gost89-cbc). */
typedef struct gost28147_ctx {
    gost28147_key key;
    uint8_t reg[8];   /* CNT: N3||N4 counters; CFB: the feedback; CBC: the chain */
    uint8_t gamma[8]; /* CNT/CFB: gamma of the current block; CBC: pending input */
    uint32_t mode, encrypt, meshing;
    uint32_t used;    /* bytes of gamma used (CNT/CFB) or pending (CBC), 0..8 */
    uint32_t mesh_count; /* bytes since the last meshing, 0..1024, multiple of 8 */
    uint32_t started; /* CNT: the counter register holds E(IV) */
} gost28147_ctx;

GOST_API int gost28147_init(gost28147_ctx *c, gost28147_mode mode, int encrypt,
                            gost28147_sbox sbox, const uint8_t key[32], const uint8_t iv[8],
                            int meshing);
/* CNT and CFB: len bytes in, len bytes out, any split. CBC: whole blocks
 * out as they complete; *out_len (may be NULL for CNT/CFB) receives how many;
 * out must hold len + 7 bytes. in == out allowed. */
GOST_API int gost28147_update(gost28147_ctx *c, const uint8_t *in, size_t len, uint8_t *out,
                              size_t *out_len);
/* Wipes the context. GOST_ERR_BAD_LENGTH for CBC with a partial block left
 * (the context is wiped all the same). */
GOST_API int gost28147_final(gost28147_ctx *c);

/* ---- IMIT: the MAC of RFC 5830 s.8 ----------------------------------------- */

/* The state starts as iv (zero when iv is NULL; RFC 4357's key wraps pass the
 * UKM); the last partial block is padded with zeros. As CryptoPro CSP and
 * OpenSSL's gost-mac do, a message of one block (1..8 bytes) is followed by
 * a zero block (the MAC needs two), and the empty message's tag is the
 * first bytes of iv. With meshing = 1 the key is meshed (register kept)
 * before every 1024 bytes after the first, as gost-mac / gost-mac-12. */
typedef struct gost28147_imit_ctx {
    gost28147_key key;
    uint8_t state[8];
    uint8_t buf[8];
    uint32_t buffered; /* 0..8 (a full block is held back until more data comes) */
    uint32_t meshing;
    uint32_t mesh_count;
    uint32_t blocks;   /* 0, 1, or 2 meaning "two or more" */
} gost28147_imit_ctx;

GOST_API int gost28147_imit_init(gost28147_imit_ctx *c, gost28147_sbox sbox,
                                 const uint8_t key[32], const uint8_t iv[8], int meshing);
GOST_API int gost28147_imit_update(gost28147_imit_ctx *c, const void *data, size_t len);
/* tag_len 1..4 (GOST_ERR_BAD_LENGTH otherwise; the context is wiped either way). */
GOST_API int gost28147_imit_final(gost28147_imit_ctx *c, uint8_t *tag, size_t tag_len);
GOST_API int gost28147_imit(gost28147_sbox sbox, const uint8_t key[32], const uint8_t iv[8],
                            int meshing, const void *data, size_t len, uint8_t *tag,
                            size_t tag_len);

#endif
