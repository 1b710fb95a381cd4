/* The cloud channel over a connected socket: the clear-text handshake
 * (OPEN + SESPAKE, docs/cloud-protocol.md "Handshake") and sealed frames.
 * cloud_frame.c holds the pure record layer; this is the I/O around it. */
#ifndef GOST_CLOUD_CHANNEL_H
#define GOST_CLOUD_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "cloud/cloud_frame.h"
#include "gost/sespake.h"

#define CLOUD_CLEAR_MAX 512u
#define CLOUD_ID_B "gost-cloudd"

/* The OPEN message (docs/cloud-protocol.md "Handshake"):
 *   'G' 'C' 01 | id_len | ID [| suite [| otp counter (8 bytes)]]
 * Without the suite byte the suite is Kuznyechik-MGM; with the counter the
 * password is the one-time password for that HOTP/TOTP counter. */
struct cloud_open {
    char id[GOST_SESPAKE_ID_MAX + 1]; /* [A-Za-z0-9._-], not starting with '.' */
    uint8_t suite;                     /* enum cloud_suite */
    uint8_t otp;                       /* 1: otp_counter is present */
    uint64_t otp_counter;
};
#define CLOUD_OPEN_MAX (4u + GOST_SESPAKE_ID_MAX + 1u + 8u)

/* Pure codec of OPEN. decode: GOST_ERR_DECODE for anything malformed (bad
 * magic or version, id_len not matching, an ID outside the charset, a
 * trailing length other than 0, 1 or 9, an unknown suite). */
int cloud_open_encode(const struct cloud_open *o, uint8_t *msg, size_t cap, size_t *len);
int cloud_open_decode(const uint8_t *msg, size_t len, struct cloud_open *o);

struct cloud_conn {
    int fd;
    struct cloud_dir tx, rx;
    uint8_t *buf; /* one frame, CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY bytes */
};

/* Client: sends OPEN for id, runs SESPAKE party A with the password, and
 * keys c (client direction 0 out, 1 in). GOST_ERR_AUTH for a wrong password
 * or an unknown user, GOST_ERR_IO when the peer hangs up. */
int cloud_channel_client(int fd, const char *id, const void *pw, size_t pw_len,
                         struct cloud_conn *c);
/* The same with every OPEN field (suite, one-time-password counter). */
int cloud_channel_client_open(int fd, const struct cloud_open *o, const void *pw, size_t pw_len,
                              struct cloud_conn *c);

/* Server, first half: reads OPEN, writes the user ID (validated charset,
 * NUL-terminated) to id (GOST_SESPAKE_ID_MAX + 1 bytes). */
int cloud_channel_server_open(int fd, char *id);
/* The same, keeping every OPEN field. */
int cloud_channel_server_read_open(int fd, struct cloud_open *o);

/* Server, second half: SESPAKE party B on rec; persist(ctx, rec) is called
 * after the session start and after the end (the counters, RFC 8133 s.4);
 * a failing persist aborts. Keys c on success. */
int cloud_channel_server(int fd, const char *id, gost_sespake_record *rec,
                         int (*persist)(void *ctx, const gost_sespake_record *rec), void *ctx,
                         struct cloud_conn *c);
/* The same for a suite (enum cloud_suite) other than the default. */
int cloud_channel_server_suite(int fd, const char *id, uint8_t suite, gost_sespake_record *rec,
                               int (*persist)(void *ctx, const gost_sespake_record *rec),
                               void *ctx, struct cloud_conn *c);

int cloud_conn_send(struct cloud_conn *c, uint8_t type, const uint8_t *payload, size_t len);
int cloud_conn_recv(struct cloud_conn *c, uint8_t *type, uint8_t *out, size_t cap, size_t *len);
/* Wipes the keys, frees the buffer, closes fd. */
void cloud_conn_close(struct cloud_conn *c);

#endif
