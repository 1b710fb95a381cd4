/* Socket I/O of the cloud channel: exact reads and writes, clear-text
 * handshake messages (u32 length | message) and sealed frames. */
#include <errno.h>
#include <gost/errors.h>
#include <gost/util.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "cloud_channel.h"
#include "cloud_channel_internal.h"

int cloud_io_write(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        /* MSG_NOSIGNAL: a peer that went away is an error, not SIGPIPE. */
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return GOST_ERR_IO;
        p += w;
        n -= (size_t)w;
    }
    return GOST_OK;
}

int cloud_io_read(int fd, uint8_t *p, size_t n)
{
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return GOST_ERR_IO;
        p += r;
        n -= (size_t)r;
    }
    return GOST_OK;
}

int cloud_io_send_clear(int fd, const uint8_t *msg, size_t len)
{
    uint8_t hdr[4] = {0, 0, (uint8_t)(len >> 8), (uint8_t)len};
    if (len == 0 || len > CLOUD_CLEAR_MAX)
        return GOST_ERR_BAD_LENGTH;
    int rc = cloud_io_write(fd, hdr, 4);
    return rc ? rc : cloud_io_write(fd, msg, len);
}

int cloud_io_recv_clear(int fd, uint8_t *msg, size_t cap, size_t *len)
{
    uint8_t hdr[4];
    int rc = cloud_io_read(fd, hdr, 4);
    if (rc)
        return rc;
    uint32_t n = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
    if (n == 0 || n > CLOUD_CLEAR_MAX || n > cap)
        return GOST_ERR_DECODE;
    *len = n;
    return cloud_io_read(fd, msg, n);
}

int cloud_conn_send(struct cloud_conn *c, uint8_t type, const uint8_t *payload, size_t len)
{
    size_t flen;
    if (c == NULL || c->buf == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = cloud_frame_seal(&c->tx, type, payload, len, c->buf,
                              CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY, &flen);
    return rc ? rc : cloud_io_write(c->fd, c->buf, flen);
}

int cloud_conn_recv(struct cloud_conn *c, uint8_t *type, uint8_t *out, size_t cap, size_t *len)
{
    size_t body;
    if (c == NULL || c->buf == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = cloud_io_read(c->fd, c->buf, CLOUD_FRAME_HDR);
    if (rc == GOST_OK)
        rc = cloud_frame_body_len(c->buf, &body);
    if (rc == GOST_OK)
        rc = cloud_io_read(c->fd, c->buf + CLOUD_FRAME_HDR, body);
    if (rc == GOST_OK)
        rc = cloud_frame_open(&c->rx, c->buf, CLOUD_FRAME_HDR + body, type, out, cap, len);
    if (rc != GOST_OK)
        c->rx.dead = 1;
    return rc;
}

void cloud_conn_close(struct cloud_conn *c)
{
    if (c == NULL)
        return;
    cloud_dir_wipe(&c->tx);
    cloud_dir_wipe(&c->rx);
    if (c->buf != NULL) {
        gost_wipe(c->buf, CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY);
        free(c->buf);
        c->buf = NULL;
    }
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}
