/* gost_cloud_client_connect (lib/cloud/cloud_transport.h): the module's side
 * of the channel. Reads the settings, connects over TCP, authenticates, and
 * carries PKCS#11 RPC messages as type 0x01 frames. */
#include <gost/errors.h>
#include <gost/util.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "cloud_account.h"
#include "cloud_channel.h"
#include "cloud_client.h"
#include "cloud_conf.h"
#include "cloud_transport.h"

int cloud_tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return -1;
    int fd = -1;
    for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd >= 0) {
        int one = 1; /* request/response: do not wait for Nagle */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return fd;
}

static int call(void *ctx, const uint8_t *req, size_t req_len, uint8_t *resp, size_t cap,
                size_t *resp_len)
{
    struct cloud_conn *c = ctx;
    uint8_t type;
    int rc = cloud_conn_send(c, CLOUD_MSG_PKCS11, req, req_len);
    if (rc == GOST_OK)
        rc = cloud_conn_recv(c, &type, resp, cap, resp_len);
    if (rc == GOST_OK && type != CLOUD_MSG_PKCS11)
        rc = GOST_ERR_DECODE;
    return rc;
}

static void close_conn(void *ctx)
{
    struct cloud_conn *c = ctx;
    if (c == NULL)
        return;
    if (c->buf != NULL)
        cloud_conn_send(c, CLOUD_MSG_CLOSE, NULL, 0);
    cloud_conn_close(c);
    free(c);
}

int cloud_client_connect_conf(const struct cloud_conf *conf, const char *pw, size_t pw_len,
                              struct cloud_conn *c)
{
    char buf[GOST_SESPAKE_PASSWORD_MAX + 2] = {0};
    struct cloud_open o = {.suite = conf ? conf->suite : 0};
    struct cloud_otp otp;
    unsigned long long counter = 0;
    int rc = GOST_OK;
    if (conf == NULL || c == NULL || (pw == NULL && pw_len) || strlen(conf->user) >= sizeof o.id)
        return GOST_ERR_INVALID_ARGUMENT;
    strcpy(o.id, conf->user);
    if (pw == NULL && conf->otp_file[0]) {
        rc = cloud_otp_file_read(conf->otp_file, &otp, &counter);
        if (rc == GOST_OK)
            rc = cloud_otp_password(&otp, counter, buf);
        gost_wipe(&otp, sizeof otp);
        if (rc == GOST_OK) { /* buf holds the code only when both steps succeeded */
            o.otp = 1;
            o.otp_counter = counter;
            pw_len = strlen(buf);
            pw = buf;
        }
    } else if (pw == NULL) {
        rc = cloud_conf_password(conf, buf, sizeof buf, &pw_len);
        pw = buf;
    }
    int fd = rc == GOST_OK ? cloud_tcp_connect(conf->host, conf->port) : -1;
    if (rc == GOST_OK && fd < 0)
        rc = GOST_ERR_IO;
    if (rc == GOST_OK) {
        rc = cloud_channel_client_open(fd, &o, pw, pw_len, c);
        if (rc != GOST_OK)
            close(fd);
    }
    gost_wipe(buf, sizeof buf);
    return rc;
}

int gost_cloud_client_connect(const char *conf_path, struct gost_cloud_transport *out)
{
    char text[16384];
    struct cloud_conf conf;
    if (conf_path == NULL || out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    FILE *f = fopen(conf_path, "re");
    if (f == NULL)
        return GOST_ERR_IO;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    int rc = cloud_conf_parse(text, n, &conf);
    if (rc != GOST_OK)
        return rc;
    struct cloud_conn *c = calloc(1, sizeof *c);
    if (c == NULL)
        return GOST_ERR_NO_MEMORY;
    rc = cloud_client_connect_conf(&conf, NULL, 0, c);
    if (rc != GOST_OK) {
        free(c);
        return rc;
    }
    out->ctx = c;
    out->call = call;
    out->close = close_conn;
    return GOST_OK;
}
