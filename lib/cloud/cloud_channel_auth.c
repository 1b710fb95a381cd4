/* The cloud channel's handshake: OPEN, then SESPAKE (RFC 8133) with the
 * client as party A and the server as party B, then both directions keyed
 * from the SESPAKE key (docs/cloud-protocol.md "Handshake"). */
#include <gost/errors.h>
#include <gost/util.h>
#include <stdlib.h>
#include <string.h>
#include "cloud_channel.h"
#include "cloud_channel_internal.h"

static int id_ok(const uint8_t *id, size_t n)
{
    if (n == 0 || n > GOST_SESPAKE_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = id[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '.' || ch == '_' || ch == '-';
        if (!ok || (i == 0 && ch == '.'))
            return 0; /* no "..", no hidden names: the ID is a directory name */
    }
    return 1;
}

/* Keys c from the SESPAKE key: out_dir is this side's sending direction. */
static int key_conn(struct cloud_conn *c, int fd, const uint8_t key[32], uint8_t out_dir)
{
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->buf = malloc(CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY);
    if (c->buf == NULL)
        return GOST_ERR_NO_MEMORY;
    int rc = cloud_dir_init(&c->tx, key, out_dir);
    if (rc == GOST_OK)
        rc = cloud_dir_init(&c->rx, key, (uint8_t)(out_dir ^ 1));
    if (rc != GOST_OK) {
        c->fd = -1; /* the caller owns fd on failure */
        cloud_conn_close(c);
    }
    return rc;
}

int cloud_channel_client(int fd, const char *id, const void *pw, size_t pw_len,
                         struct cloud_conn *c)
{
    uint8_t msg[CLOUD_CLEAR_MAX], out[GOST_SESPAKE_MSG_MAX + 64], key[32];
    size_t n, idn = id ? strlen(id) : 0, outn;
    if (c == NULL || !id_ok((const uint8_t *)id, idn) || (pw == NULL && pw_len))
        return GOST_ERR_INVALID_ARGUMENT;
    msg[0] = 'G';
    msg[1] = 'C';
    msg[2] = 1;
    msg[3] = (uint8_t)idn;
    memcpy(msg + 4, id, idn);
    int rc = cloud_io_send_clear(fd, msg, 4 + idn);
    if (rc)
        return rc;
    gost_sespake_a a;
    rc = gost_sespake_a_init(&a, GOST_CURVE_256_A, pw, pw_len, (const uint8_t *)id, idn,
                             (const uint8_t *)CLOUD_ID_B, strlen(CLOUD_ID_B), NULL);
    if (rc)
        return rc;
    /* HELLO -> U1, U2 -> MACA, MACB -> done. */
    for (int step = 0; step < 3 && rc == GOST_OK; step++) {
        rc = cloud_io_recv_clear(fd, msg, sizeof msg, &n);
        if (rc == GOST_OK)
            rc = gost_sespake_a_step(&a, msg, n, out, sizeof out, &outn);
        if (rc == GOST_OK && step < 2)
            rc = cloud_io_send_clear(fd, out, outn);
    }
    if (rc == GOST_OK)
        rc = gost_sespake_a_key(&a, key);
    else
        gost_sespake_a_abort(&a);
    if (rc == GOST_OK)
        rc = key_conn(c, fd, key, 0);
    gost_wipe(key, sizeof key);
    gost_wipe(&a, sizeof a);
    /* A server that hangs up instead of sending MACB refused the password. */
    return rc == GOST_ERR_IO ? GOST_ERR_AUTH : rc;
}

int cloud_channel_server_open(int fd, char *id)
{
    uint8_t msg[CLOUD_CLEAR_MAX];
    size_t n;
    if (id == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = cloud_io_recv_clear(fd, msg, sizeof msg, &n);
    if (rc)
        return rc;
    if (n < 5 || msg[0] != 'G' || msg[1] != 'C' || msg[2] != 1 || msg[3] != n - 4 ||
        !id_ok(msg + 4, n - 4))
        return GOST_ERR_DECODE;
    memcpy(id, msg + 4, n - 4);
    id[n - 4] = 0;
    return GOST_OK;
}

int cloud_channel_server(int fd, const char *id, gost_sespake_record *rec,
                         int (*persist)(void *ctx, const gost_sespake_record *rec), void *ctx,
                         struct cloud_conn *c)
{
    uint8_t msg[CLOUD_CLEAR_MAX], out[GOST_SESPAKE_MSG_MAX + 64], key[32];
    size_t n, outn;
    gost_sespake_b b;
    if (id == NULL || rec == NULL || persist == NULL || c == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = gost_sespake_b_init(&b, rec, (const uint8_t *)id, strlen(id),
                                 (const uint8_t *)CLOUD_ID_B, strlen(CLOUD_ID_B));
    if (rc == GOST_OK)
        rc = gost_sespake_b_start(&b, out, sizeof out, &outn);
    /* The decremented counters reach the disk before any answer is sent. */
    if (rc == GOST_OK && persist(ctx, rec) != 0)
        rc = GOST_ERR_IO;
    if (rc == GOST_OK)
        rc = cloud_io_send_clear(fd, out, outn);
    /* U1 -> U2, MACA -> MACB. */
    for (int step = 0; step < 2 && rc == GOST_OK; step++) {
        rc = cloud_io_recv_clear(fd, msg, sizeof msg, &n);
        if (rc == GOST_OK)
            rc = gost_sespake_b_step(&b, msg, n, out, sizeof out, &outn);
        if (rc == GOST_OK && step == 1 && persist(ctx, rec) != 0)
            rc = GOST_ERR_IO;
        if (rc == GOST_OK)
            rc = cloud_io_send_clear(fd, out, outn);
    }
    if (rc == GOST_OK)
        rc = gost_sespake_b_key(&b, key);
    else {
        gost_sespake_b_abort(&b);
        persist(ctx, rec); /* a failed MACA changed the counters */
    }
    if (rc == GOST_OK)
        rc = key_conn(c, fd, key, 1);
    gost_wipe(key, sizeof key);
    gost_wipe(&b, sizeof b);
    return rc;
}
