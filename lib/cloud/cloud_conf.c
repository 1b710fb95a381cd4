/* Parser of the cloud settings file (docs/cloud-protocol.md "Settings"). */
#include <fcntl.h>
#include <gost/errors.h>
#include <gost/util.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gost/otp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "cloud_account.h"
#include "cloud_conf.h"
#include "cloud_frame.h"

static int read_private(const char *path, char *buf, size_t cap, size_t *len);

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

static int set_suite(struct cloud_conf *c, const char *v, size_t n)
{
    if (n == 14 && memcmp(v, "kuznyechik-mgm", 14) == 0)
        c->suite = CLOUD_SUITE_KUZNYECHIK_MGM;
    else if (n == 14 && memcmp(v, "magma-ctr-omac", 14) == 0)
        c->suite = CLOUD_SUITE_MAGMA_CTR_OMAC;
    else
        return GOST_ERR_DECODE;
    return GOST_OK;
}

int cloud_conf_parse(const char *text, size_t len, struct cloud_conf *out)
{
    if (text == NULL || out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    out->suite = CLOUD_SUITE_KUZNYECHIK_MGM;
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
        else if (kn == 15 && memcmp(k, "otp-secret-file", 15) == 0)
            rc = set(out->otp_file, sizeof out->otp_file, v, vn);
        else if (kn == 5 && memcmp(k, "suite", 5) == 0)
            rc = set_suite(out, v, vn);
        if (rc)
            return rc;
    }
    return (out->host[0] && out->user[0]) ? GOST_OK : GOST_ERR_DECODE;
}

int cloud_conf_password(const struct cloud_conf *conf, char *pw, size_t cap, size_t *pw_len)
{
    size_t len;
    if (conf == NULL || pw == NULL || pw_len == NULL || cap < 2 || !conf->password_file[0])
        return GOST_ERR_INVALID_ARGUMENT;
    /* a password others can read is not used */
    int rc = read_private(conf->password_file, pw, cap, &len);
    if (rc != GOST_OK)
        return rc;
    ssize_t n = (ssize_t)len;
    while (n > 0 && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
        n--;
    pw[n] = 0;
    *pw_len = (size_t)n;
    return GOST_OK;
}

/* Reads a small file that only its owner may read. */
static int read_private(const char *path, char *buf, size_t cap, size_t *len)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return GOST_ERR_IO;
    if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
        close(fd);
        return GOST_ERR_IO;
    }
    ssize_t n = read(fd, buf, cap - 1);
    close(fd);
    if (n <= 0 || (size_t)n == cap - 1) {
        gost_wipe(buf, cap);
        return GOST_ERR_IO;
    }
    buf[n] = 0;
    *len = (size_t)n;
    return GOST_OK;
}

int cloud_otp_parse(const char *text, struct cloud_otp *o, unsigned long long *number)
{
    char mode[8];
    unsigned digits;
    int hex_at = 0;
    memset(o, 0, sizeof *o);
    if (sscanf(text, "%7s %u %llu %n", mode, &digits, number, &hex_at) != 3 || hex_at == 0)
        return GOST_ERR_DECODE;
    if (strcmp(mode, "totp") == 0)
        o->mode = CLOUD_OTP_TOTP;
    else if (strcmp(mode, "hotp") == 0)
        o->mode = CLOUD_OTP_HOTP;
    else
        return GOST_ERR_DECODE;
    if (digits < GOST_OTP_DIGITS_MIN || digits > GOST_OTP_DIGITS_MAX)
        return GOST_ERR_DECODE;
    o->digits = (uint8_t)digits;
    if (o->mode == CLOUD_OTP_TOTP) {
        if (*number < 1 || *number > 3600)
            return GOST_ERR_DECODE;
        o->period = (uint16_t)*number;
    }
    /* The secret runs to the line's end; its digits are decoded in
     * constant time (only the separators' positions steer the scan). */
    const char *h = text + hex_at;
    size_t hex_len = strcspn(h, " \r\n"), n = 0;
    const char *rest = h + hex_len;
    while (*rest == '\n' || *rest == '\r' || *rest == ' ')
        rest++;
    if (*rest != 0 || gost_hex_decode(o->secret, CLOUD_OTP_SECRET_MAX, &n, h, hex_len) != GOST_OK ||
        n < CLOUD_OTP_SECRET_MIN) {
        gost_wipe(o, sizeof *o);
        return GOST_ERR_DECODE;
    }
    o->secret_len = (uint8_t)n;
    return GOST_OK;
}

int cloud_otp_file_write(const char *path, const struct cloud_otp *o, unsigned long long counter)
{
    char tmp[600], line[64 + 2 * CLOUD_OTP_SECRET_MAX];
    if (path == NULL || o == NULL || o->secret_len > CLOUD_OTP_SECRET_MAX)
        return GOST_ERR_INVALID_ARGUMENT;
    int n = snprintf(line, sizeof line, "%s %u %llu ", o->mode == CLOUD_OTP_TOTP ? "totp" : "hotp",
                     o->digits, o->mode == CLOUD_OTP_TOTP ? (unsigned long long)o->period : counter);
    for (size_t i = 0; i < o->secret_len; i++)
        n += snprintf(line + n, sizeof line - (size_t)n, "%02x", o->secret[i]);
    line[n++] = '\n';
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return GOST_ERR_INVALID_ARGUMENT;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int ok = fd >= 0 && fchmod(fd, 0600) == 0 && write(fd, line, (size_t)n) == n && fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    gost_wipe(line, sizeof line);
    if (ok && rename(tmp, path) == 0)
        return GOST_OK;
    unlink(tmp);
    return GOST_ERR_IO;
}

int cloud_otp_file_read(const char *path, struct cloud_otp *o, unsigned long long *counter)
{
    char text[256];
    size_t len;
    unsigned long long number;
    if (path == NULL || o == NULL || counter == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    int rc = read_private(path, text, sizeof text, &len);
    if (rc == GOST_OK)
        rc = cloud_otp_parse(text, o, &number);
    gost_wipe(text, sizeof text);
    if (rc != GOST_OK)
        return rc;
    if (o->mode == CLOUD_OTP_TOTP) {
        uint64_t step;
        rc = gost_totp_counter((uint64_t)time(NULL), 0, o->period, &step);
        *counter = step;
        return rc;
    }
    /* HOTP: the counter is spent before it is used */
    *counter = number;
    return number == ~0ull ? GOST_ERR_LIMIT : cloud_otp_file_write(path, o, number + 1);
}
