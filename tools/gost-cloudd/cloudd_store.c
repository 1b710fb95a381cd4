/* gost-cloudd's files: DIR/users/<ID>/{record,otp,initial,lock,events.log,
 * token/}, DIR/server-secret and DIR/fake/ (docs/cloud-protocol.md
 * "Accounts on the server"). Every record and OTP write is temp + fsync +
 * rename, so a killed server never leaves a torn file or restores spent
 * attempts. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gost/errors.h>
#include <gost/hmac.h>
#include <gost/rand.h>
#include <gost/util.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cloudd.h"

int cloudd_join(char *out, size_t cap, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na + nb + 1 > cap)
        return -1;
    memcpy(out, a, na);
    memcpy(out + na, b, nb + 1);
    return 0;
}

void cloudd_event(const char *udir, const char *msg, const char *arg)
{
    char path[PATH_MAX];
    if (cloudd_join(path, sizeof path, udir, "/events.log") != 0)
        return;
    FILE *f = fopen(path, "a");
    if (f == NULL)
        return;
    time_t t = time(NULL);
    struct tm tm;
    char ts[32];
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    fprintf(f, "%s pid %ld %s%s\n", ts, (long)getpid(), msg, arg);
    fclose(f);
}

/* path/name written atomically; the temp name carries the pid so that two
 * sessions never share one. */
static int write_atomic(const char *dir, const char *name, const uint8_t *p, size_t n)
{
    char tmp[PATH_MAX], path[PATH_MAX], sfx[32];
    snprintf(sfx, sizeof sfx, ".tmp.%ld", (long)getpid());
    if (cloudd_join(path, sizeof path, dir, name) != 0 || cloudd_join(tmp, sizeof tmp, path, sfx) != 0)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    int ok = write(fd, p, n) == (ssize_t)n && fsync(fd) == 0;
    ok = (close(fd) == 0) && ok;
    if (ok && rename(tmp, path) == 0)
        return 0;
    unlink(tmp);
    return -1;
}

static ssize_t read_small(const char *dir, const char *name, uint8_t *p, size_t cap)
{
    char path[PATH_MAX];
    if (cloudd_join(path, sizeof path, dir, name) != 0)
        return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? -2 : -1;
    ssize_t n = read(fd, p, cap);
    close(fd);
    return n;
}

int cloudd_save_record(const char *udir, const gost_sespake_record *rec)
{
    uint8_t buf[GOST_SESPAKE_RECORD_SIZE];
    if (gost_sespake_record_encode(rec, buf) != GOST_OK)
        return -1;
    return write_atomic(udir, "/record", buf, sizeof buf);
}

int cloudd_load_record(const char *udir, gost_sespake_record *rec)
{
    uint8_t buf[GOST_SESPAKE_RECORD_SIZE + 1];
    ssize_t n = read_small(udir, "/record", buf, sizeof buf);
    return n > 0 && gost_sespake_record_decode(rec, buf, (size_t)n) == GOST_OK ? 0 : -1;
}

int cloudd_save_otp(const char *udir, const struct cloud_otp *o)
{
    uint8_t buf[CLOUD_OTP_STORED_MAX];
    size_t n;
    int rc = cloud_otp_stored_encode(o, buf, sizeof buf, &n) == GOST_OK
                 ? write_atomic(udir, "/otp", buf, n)
                 : -1;
    gost_wipe(buf, sizeof buf);
    return rc;
}

int cloudd_load_otp(const char *udir, struct cloud_otp *o)
{
    uint8_t buf[CLOUD_OTP_STORED_MAX + 1];
    ssize_t n = read_small(udir, "/otp", buf, sizeof buf);
    int rc = n == -2 ? 1 : n > 0 && cloud_otp_stored_decode(buf, (size_t)n, o) == GOST_OK ? 0 : -1;
    gost_wipe(buf, sizeof buf);
    return rc;
}

int cloudd_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d == NULL)
            return -1;
        struct dirent *e;
        int rc = 0;
        char sub[PATH_MAX];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub ||
                cloudd_remove_tree(sub) != 0)
                rc = -1;
        }
        closedir(d);
        return rc == 0 && rmdir(path) == 0 ? 0 : -1;
    }
    return unlink(path);
}

int cloudd_user_paths(const struct opts *o, const char *id, struct user *u)
{
    char users[PATH_MAX];
    memset(u, 0, sizeof *u);
    snprintf(u->id, sizeof u->id, "%s", id);
    return cloudd_join(users, sizeof users, o->dir, "/users/") == 0 &&
                   cloudd_join(u->dir, sizeof u->dir, users, id) == 0 &&
                   cloudd_join(u->tok, sizeof u->tok, u->dir, "/token") == 0
               ? 0
               : -1;
}

/* The server secret (created once, 0600) and the fake accounts' record:
 * its verifier comes from a password derived from the secret, so it is
 * stable across restarts and no one knows the password. */
int cloudd_server_init(struct server *s, const struct opts *o)
{
    char fake[PATH_MAX];
    uint8_t pw[32], salt[32] = {0};
    memset(s, 0, sizeof *s);
    s->o = o;
    mkdir(o->dir, 0700);
    if (cloudd_join(fake, sizeof fake, o->dir, "/fake") != 0)
        return -1;
    mkdir(fake, 0700);
    ssize_t n = read_small(o->dir, "/server-secret", s->secret, sizeof s->secret);
    if (n == -2) {
        if (gost_random_bytes(s->secret, sizeof s->secret) != GOST_OK ||
            write_atomic(o->dir, "/server-secret", s->secret, sizeof s->secret) != 0)
            return -1;
    } else if (n != (ssize_t)sizeof s->secret) {
        return -1;
    }
    int rc = gost_hmac_streebog256(s->secret, 32, "fake verifier", 13, pw);
    if (rc == GOST_OK)
        rc = gost_sespake_record_create(&s->fake, GOST_CURVE_256_A, 1, pw, 32, salt, 32, NULL);
    gost_wipe(pw, sizeof pw);
    return rc == GOST_OK ? 0 : -1;
}
