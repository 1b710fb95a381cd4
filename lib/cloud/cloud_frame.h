/* The cloud channel's record layer: pure functions over buffers (no I/O, no
 * allocation), so the fuzzer and the tests drive them directly. The format is
 * specified in docs/cloud-protocol.md ("Frames"). */
#ifndef GOST_CLOUD_FRAME_H
#define GOST_CLOUD_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "gost/blockcipher.h"

/* Message type byte: the first plaintext byte of every frame. */
enum cloud_msg_type {
    CLOUD_MSG_PKCS11 = 0x01,      /* a PKCS#11 RPC request/response (opaque) */
    CLOUD_MSG_STATUS = 0x10,      /* account management, see the doc */
    CLOUD_MSG_LOG = 0x11,
    CLOUD_MSG_CHANGE_PW = 0x12,
    CLOUD_MSG_RECREATE = 0x13,
    CLOUD_MSG_UNREGISTER = 0x14,
    CLOUD_MSG_ERROR = 0x7e,       /* server refused: payload u32 GOST_ERR_* */
    CLOUD_MSG_CLOSE = 0x7f        /* orderly end (its absence = truncation) */
};

/* Cipher suites (docs/cloud-protocol.md "Frames"), chosen by the client's
 * OPEN: Kuznyechik-MGM (the default) or Magma-CTR + OMAC, encrypt-then-MAC. */
enum cloud_suite {
    CLOUD_SUITE_KUZNYECHIK_MGM = 1,
    CLOUD_SUITE_MAGMA_CTR_OMAC = 2
};

#define CLOUD_FRAME_HDR 4u        /* u32 big-endian length of body */
#define CLOUD_FRAME_TAG 16u       /* the longest tag: MGM of Kuznyechik, full block */
#define CLOUD_FRAME_TAG_MIN 8u    /* the shortest: OMAC of Magma, full block */
/* Largest plaintext: the type byte and one transport message. */
#define CLOUD_FRAME_MAX_PLAIN (1u + (1u << 20))
#define CLOUD_FRAME_MAX_BODY (CLOUD_FRAME_MAX_PLAIN + CLOUD_FRAME_TAG)
/* Keys are renewed every 2^shift frames of one direction: 2^16 frames (at
 * most 64 GiB) under one Kuznyechik key, 2^10 (at most 1 GiB, 2^27 blocks)
 * under one Magma key pair, whose 64-bit block wears out sooner. */
#define CLOUD_REKEY_SHIFT 16u
#define CLOUD_REKEY_SHIFT_MAGMA 10u

/* One direction of a connection. */
struct cloud_dir {
    uint8_t base[32];   /* from the SESPAKE shared key; never used directly */
    uint8_t key[64];    /* KDF_TREE(base, label, epoch) for the current epoch:
                           MGM uses 32 bytes; Magma: encryption key, then MAC key */
    uint64_t seq;       /* next frame's sequence number (implicit, never sent) */
    uint64_t epoch;     /* seq >> CLOUD_REKEY_SHIFT that key belongs to */
    uint8_t dir;        /* 0 client->server, 1 server->client */
    uint8_t suite;      /* enum cloud_suite */
    uint8_t tag_len;    /* 16 (MGM) or 8 (OMAC) */
    uint8_t dead;       /* set after any failure: the direction is unusable */
};

/* Derives one direction from the 32-byte SESPAKE key for a suite
 * (GOST_ERR_UNSUPPORTED for another value); cloud_dir_init is the default
 * suite. */
int cloud_dir_init_suite(struct cloud_dir *d, const uint8_t shared[32], uint8_t dir, uint8_t suite);
int cloud_dir_init(struct cloud_dir *d, const uint8_t shared[32], uint8_t dir);
void cloud_dir_wipe(struct cloud_dir *d);

/* Seals type||payload into out (cap bytes): header, ciphertext, tag.
 * *out_len = CLOUD_FRAME_HDR + 1 + len + d->tag_len. */
int cloud_frame_seal(struct cloud_dir *d, uint8_t type, const uint8_t *payload, size_t len,
                     uint8_t *out, size_t cap, size_t *out_len);

/* Reads a frame's header: the body length that follows, or an error for a
 * length outside [1 + CLOUD_FRAME_TAG_MIN, CLOUD_FRAME_MAX_BODY] (open then
 * checks it against the suite's tag). */
int cloud_frame_body_len(const uint8_t hdr[CLOUD_FRAME_HDR], size_t *body_len);

/* Opens header||body (frame_len bytes; out needs room for the payload plus
 * one byte): checks the length, the tag under the
 * expected sequence number, and writes the payload (without the type) to out.
 * Any failure marks the direction dead (replay, reorder, loss, alteration);
 * a dead direction answers GOST_ERR_BAD_STATE. */
int cloud_frame_open(struct cloud_dir *d, const uint8_t *frame, size_t frame_len, uint8_t *type,
                     uint8_t *out, size_t cap, size_t *out_len);

#endif
