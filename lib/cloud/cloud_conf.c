/* Parser of the cloud settings file (docs/cloud-protocol.md "Settings"). */
#include <fcntl.h>
#include <gost/errors.h>
#include <gost/util.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cloud_conf.h"

static const char *trim(const char *s, const char *e, size_t *n)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    *n = (size_t)(e - s);
    return s;
}

static int set(char *dst, size_t cap, const char *v, size_t n)
{
    if (n == 0 || n >= cap || memchr(v, 0, n) != NULL)
        return GOST_ERR_DECODE;
    memcpy(dst, v, n);
    dst[n] = 0;
    return GOST_OK;
}

static int set_server(struct cloud_conf *c, const char *v, size_t n)
{
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++)
        if (v[i] == ':')
            colon = v + i; /* the last one: host:port */
    if (colon == NULL)
        return GOST_ERR_DECODE;
    size_t pn = n - (size_t)(colon + 1 - v);
    for (size_t i = 0; i < pn; i++)
        if (colon[1 + i] < '0' || colon[1 + i] > '9')
            return GOST_ERR_DECODE;
    int rc = set(c->host, sizeof c->host, v, (size_t)(colon - v));
    return rc ? rc : set(c->port, sizeof c->port, colon + 1, pn);
}

int cloud_conf_parse(const char *text, size_t len, struct cloud_conf *out)
{
    if (text == NULL || out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t ln, kn, vn;
        const char *line = trim(p, le, &ln);
        p = nl ? nl + 1 : end;
        if (ln == 0 || line[0] == '#')
            continue;
        const char *eq = memchr(line, '=', ln);
        if (eq == NULL)
            return GOST_ERR_DECODE;
        const char *k = trim(line, eq, &kn), *v = trim(eq + 1, line + ln, &vn);
        int rc = GOST_OK;
        if (kn == 6 && memcmp(k, "server", 6) == 0)
            rc = set_server(out, v, vn);
        else if (kn == 4 && memcmp(k, "user", 4) == 0)
            rc = set(out->user, sizeof out->user, v, vn);
        else if (kn == 13 && memcmp(k, "password-file", 13) == 0)
            rc = set(out->password_file, sizeof out->password_file, v, vn);
        if (rc)
            return rc;
    }
    return (out->host[0] && out->user[0]) ? GOST_OK : GOST_ERR_DECODE;
}

int cloud_conf_password(const struct cloud_conf *conf, char *pw, size_t cap, size_t *pw_len)
{
    struct stat st;
    if (conf == NULL || pw == NULL || pw_len == NULL || cap < 2 || !conf->password_file[0])
        return GOST_ERR_INVALID_ARGUMENT;
    int fd = open(conf->password_file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return GOST_ERR_IO;
    if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
        close(fd);
        return GOST_ERR_IO; /* a password others can read is not used */
    }
    ssize_t n = read(fd, pw, cap - 1);
    close(fd);
    if (n <= 0 || (size_t)n == cap - 1) {
        gost_wipe(pw, cap);
        return GOST_ERR_IO;
    }
    while (n > 0 && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
        n--;
    pw[n] = 0;
    *pw_len = (size_t)n;
    return GOST_OK;
}
