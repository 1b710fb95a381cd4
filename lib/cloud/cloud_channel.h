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

/* Server, first half: reads OPEN, writes the user ID (validated charset,
 * NUL-terminated) to id (GOST_SESPAKE_ID_MAX + 1 bytes). */
int cloud_channel_server_open(int fd, char *id);

/* Server, second half: SESPAKE party B on rec; persist(ctx, rec) is called
 * after the session start and after the end (the counters, RFC 8133 s.4);
 * a failing persist aborts. Keys c on success. */
int cloud_channel_server(int fd, const char *id, gost_sespake_record *rec,
                         int (*persist)(void *ctx, const gost_sespake_record *rec), void *ctx,
                         struct cloud_conn *c);

int cloud_conn_send(struct cloud_conn *c, uint8_t type, const uint8_t *payload, size_t len);
int cloud_conn_recv(struct cloud_conn *c, uint8_t *type, uint8_t *out, size_t cap, size_t *len);
/* Wipes the keys, frees the buffer, closes fd. */
void cloud_conn_close(struct cloud_conn *c);

#endif
