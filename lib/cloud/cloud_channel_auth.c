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

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static int suite_ok(uint8_t s)
{
    return s == CLOUD_SUITE_KUZNYECHIK_MGM || s == CLOUD_SUITE_MAGMA_CTR_OMAC;
}

int cloud_open_encode(const struct cloud_open *o, uint8_t *msg, size_t cap, size_t *len)
{
    if (o == NULL || msg == NULL || len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    size_t idn = strnlen(o->id, sizeof o->id);
    if (!id_ok((const uint8_t *)o->id, idn) || !suite_ok(o->suite) || o->otp > 1)
        return GOST_ERR_INVALID_ARGUMENT;
    size_t n = 4 + idn + 1 + (o->otp ? 8 : 0);
    if (cap < n)
        return GOST_ERR_BUFFER_TOO_SMALL;
    msg[0] = 'G';
    msg[1] = 'C';
    msg[2] = 1;
    msg[3] = (uint8_t)idn;
    memcpy(msg + 4, o->id, idn);
    msg[4 + idn] = o->suite;
    if (o->otp)
        put_be64(msg + 5 + idn, o->otp_counter);
    *len = n;
    return GOST_OK;
}

int cloud_open_decode(const uint8_t *msg, size_t n, struct cloud_open *o)
{
    if (msg == NULL || o == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(o, 0, sizeof *o);
    if (n < 5 || msg[0] != 'G' || msg[1] != 'C' || msg[2] != 1 || msg[3] > n - 4 ||
        !id_ok(msg + 4, msg[3]))
        return GOST_ERR_DECODE;
    size_t idn = msg[3], rest = n - 4 - idn;
    const uint8_t *t = msg + 4 + idn;
    if (rest != 0 && rest != 1 && rest != 9)
        return GOST_ERR_DECODE;
    o->suite = rest ? t[0] : CLOUD_SUITE_KUZNYECHIK_MGM;
    if (!suite_ok(o->suite))
        return GOST_ERR_DECODE;
    if (rest == 9) {
        o->otp = 1;
        for (int i = 1; i <= 8; i++)
            o->otp_counter = o->otp_counter << 8 | t[i];
    }
    memcpy(o->id, msg + 4, idn);
    o->id[idn] = 0;
    return GOST_OK;
}

/* Keys c from the SESPAKE key: out_dir is this side's sending direction. */
static int key_conn(struct cloud_conn *c, int fd, const uint8_t key[32], uint8_t out_dir,
                    uint8_t suite)
{
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->buf = malloc(CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY);
    if (c->buf == NULL)
        return GOST_ERR_NO_MEMORY;
    int rc = cloud_dir_init_suite(&c->tx, key, out_dir, suite);
    if (rc == GOST_OK)
        rc = cloud_dir_init_suite(&c->rx, key, (uint8_t)(out_dir ^ 1), suite);
    if (rc != GOST_OK) {
        c->fd = -1; /* the caller owns fd on failure */
        cloud_conn_close(c);
    }
    return rc;
}

int cloud_channel_client(int fd, const char *id, const void *pw, size_t pw_len,
                         struct cloud_conn *c)
{
    struct cloud_open o = {.suite = CLOUD_SUITE_KUZNYECHIK_MGM};
    if (id == NULL || strlen(id) >= sizeof o.id)
        return GOST_ERR_INVALID_ARGUMENT;
    strcpy(o.id, id);
    return cloud_channel_client_open(fd, &o, pw, pw_len, c);
}

int cloud_channel_client_open(int fd, const struct cloud_open *o, const void *pw, size_t pw_len,
                              struct cloud_conn *c)
{
    uint8_t msg[CLOUD_CLEAR_MAX], out[GOST_SESPAKE_MSG_MAX + 64], key[32];
    size_t n, outn;
    if (c == NULL || o == NULL || (pw == NULL && pw_len))
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = cloud_open_encode(o, msg, sizeof msg, &n);
    if (rc == GOST_OK)
        rc = cloud_io_send_clear(fd, msg, n);
    if (rc)
        return rc;
    const char *id = o->id;
    size_t idn = strlen(id);
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
        rc = key_conn(c, fd, key, 0, o->suite);
    gost_wipe(key, sizeof key);
    gost_wipe(&a, sizeof a);
    /* A server that hangs up instead of sending MACB refused the password. */
    return rc == GOST_ERR_IO ? GOST_ERR_AUTH : rc;
}

int cloud_channel_server_read_open(int fd, struct cloud_open *o)
{
    uint8_t msg[CLOUD_CLEAR_MAX];
    size_t n;
    if (o == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = cloud_io_recv_clear(fd, msg, sizeof msg, &n);
    return rc ? rc : cloud_open_decode(msg, n, o);
}

int cloud_channel_server_open(int fd, char *id)
{
    struct cloud_open o;
    if (id == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = cloud_channel_server_read_open(fd, &o);
    if (rc == GOST_OK)
        memcpy(id, o.id, sizeof o.id);
    return rc;
}

int cloud_channel_server(int fd, const char *id, gost_sespake_record *rec,
                         int (*persist)(void *ctx, const gost_sespake_record *rec), void *ctx,
                         struct cloud_conn *c)
{
    return cloud_channel_server_suite(fd, id, CLOUD_SUITE_KUZNYECHIK_MGM, rec, persist, ctx, c);
}

int cloud_channel_server_suite(int fd, const char *id, uint8_t suite, gost_sespake_record *rec,
                               int (*persist)(void *ctx, const gost_sespake_record *rec),
                               void *ctx, struct cloud_conn *c)
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
        rc = key_conn(c, fd, key, 1, suite);
    gost_wipe(key, sizeof key);
    gost_wipe(&b, sizeof b);
    return rc;
}
