/* The account messages after the handshake (docs/cloud-protocol.md
 * "Account messages"): each answered by a frame of its own type carrying
 * [rc]_4 | data; a payload that does not decode gets ERROR. */
#include <dirent.h>
#include <fcntl.h>
#include <gost/errors.h>
#include <gost/util.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cloudd.h"

#define LOG_TAIL (64u * 1024u)

static void du(const char *path, unsigned long *files, unsigned long long *bytes)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char sub[PATH_MAX];
    struct stat st;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub ||
            lstat(sub, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            du(sub, files, bytes);
        } else {
            ++*files;
            *bytes += (unsigned long long)st.st_size;
        }
    }
    closedir(d);
}

static size_t status_text(const struct user *u, char *out, size_t cap)
{
    const gost_sespake_counters *k = &u->rec.counters;
    unsigned long files = 0;
    unsigned long long bytes = 0;
    char path[PATH_MAX];
    du(u->tok, &files, &bytes);
    int initial = cloudd_join(path, sizeof path, u->dir, "/initial") == 0 && access(path, F_OK) == 0;
    int n = snprintf(out, cap,
                     "user: %s\n"
                     "login: %s\n"
                     "password: %s\n"
                     "channel: %s\n"
                     "attempts left: %u of %u in a row, %u of %u failures, %u of %u sessions\n"
                     "token: %lu files, %llu bytes\n",
                     u->id,
                     !u->otp ? "password"
                     : u->otp_cfg.mode == CLOUD_OTP_TOTP ? "one-time password (TOTP, HMAC-Streebog-256)"
                                                         : "one-time password (HOTP, HMAC-Streebog-256)",
                     initial ? "initial (set by the administrator)" : "set by the user",
                     u->suite == CLOUD_SUITE_MAGMA_CTR_OMAC ? "Magma-CTR + OMAC" : "Kuznyechik-MGM",
                     k->c1, k->clim1, k->c2, k->clim2, k->c3, k->clim3, files, bytes);
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

static size_t log_tail(const struct user *u, uint8_t *out, size_t cap)
{
    char path[PATH_MAX];
    if (cloudd_join(path, sizeof path, u->dir, "/events.log") != 0)
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    off_t end = lseek(fd, 0, SEEK_END);
    size_t want = cap < LOG_TAIL ? cap : LOG_TAIL;
    off_t from = end > (off_t)want ? end - (off_t)want : 0;
    ssize_t n = pread(fd, out, want, from);
    close(fd);
    return n > 0 ? (size_t)n : 0;
}

/* The token back to empty: the module instance lets go of the store, the
 * directory is removed and made again, and the instance starts afresh. */
static int recreate(struct user *u, CK_FUNCTION_LIST_PTR fl)
{
    fl->C_Finalize(NULL);
    int rc = cloudd_remove_tree(u->tok) == 0 && mkdir(u->tok, 0700) == 0 ? GOST_OK : GOST_ERR_IO;
    if (fl->C_Initialize(NULL) != CKR_OK)
        rc = GOST_ERR_IO;
    return rc;
}

/* Everything of the user goes, under the account lock so that no
 * handshake reads a half-removed record. */
static int unregister(struct user *u, CK_FUNCTION_LIST_PTR fl)
{
    char lpath[PATH_MAX];
    fl->C_Finalize(NULL);
    if (cloudd_join(lpath, sizeof lpath, u->dir, "/lock") != 0)
        return GOST_ERR_IO;
    int lfd = open(lpath, O_RDWR | O_CLOEXEC);
    if (lfd < 0 || flock(lfd, LOCK_EX) != 0) {
        if (lfd >= 0)
            close(lfd);
        return GOST_ERR_IO;
    }
    int rc = cloudd_remove_tree(u->dir) == 0 ? GOST_OK : GOST_ERR_IO;
    close(lfd);
    return rc;
}

static void drop_file(const struct user *u, const char *name)
{
    char path[PATH_MAX];
    if (cloudd_join(path, sizeof path, u->dir, name) == 0)
        unlink(path);
}

/* The account's lock, which a handshake holds from reading the record to
 * writing its counters back: a password or OTP change taken without it
 * could be overwritten by a concurrent handshake's copy of the old record.
 * Returns the descriptor to close, or -1. */
static int lock_account(const struct user *u)
{
    char path[PATH_MAX];
    if (cloudd_join(path, sizeof path, u->dir, "/lock") != 0)
        return -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

int cloudd_account(struct user *u, CK_FUNCTION_LIST_PTR fl, struct cloud_conn *c, uint8_t type,
                   const uint8_t *req, size_t n, int *end)
{
    static uint8_t data[LOG_TAIL + 4], out[LOG_TAIL + 8];
    struct cloud_account_req r;
    size_t dn = 0, on;
    int lfd = -1;
    int rc = cloud_account_request_decode(type, req, n, &r);
    *end = 0;
    if (rc != GOST_OK) {
        uint8_t e[4];
        cloudd_event(u->dir, "account request refused: ", rc == GOST_ERR_UNSUPPORTED ? "unknown type" : "malformed");
        cloud_account_request_wipe(&r);
        if (cloud_account_reply_encode(rc, NULL, 0, e, sizeof e, &on) != GOST_OK)
            return -1;
        return cloud_conn_send(c, CLOUD_MSG_ERROR, e, on) == GOST_OK ? 0 : -1;
    }
    switch (type) {
    case CLOUD_MSG_STATUS:
        dn = status_text(u, (char *)data, sizeof data);
        break;
    case CLOUD_MSG_LOG:
        dn = log_tail(u, data, LOG_TAIL);
        break;
    case CLOUD_MSG_CHANGE_PW:
        /* The client chose the salt and the verifier; the limits are the
         * server's, and a new password starts with full counters. */
        rc = gost_sespake_counters_init(&r.rec.counters, GOST_SESPAKE_CLIM1_DEFAULT,
                                        GOST_SESPAKE_CLIM2_DEFAULT, GOST_SESPAKE_CLIM3_DEFAULT);
        if (rc == GOST_OK && (r.rec.set != 1 || r.rec.salt_len < 16))
            rc = GOST_ERR_UNSUPPORTED; /* the channel runs parameter set 1 only */
        if (rc == GOST_OK && (lfd = lock_account(u)) < 0)
            rc = GOST_ERR_IO;
        if (rc == GOST_OK)
            rc = cloudd_save_record(u->dir, &r.rec) == 0 ? GOST_OK : GOST_ERR_IO;
        if (rc == GOST_OK) {
            drop_file(u, "/otp");
            drop_file(u, "/initial");
            u->rec = r.rec;
            u->otp = 0;
            cloudd_event(u->dir, "password changed", "");
        }
        break;
    case CLOUD_MSG_OTP_SET:
        if ((lfd = lock_account(u)) < 0)
            rc = GOST_ERR_IO;
        if (rc == GOST_OK)
            rc = cloudd_save_otp(u->dir, &r.otp) == 0 ? GOST_OK : GOST_ERR_IO;
        if (rc == GOST_OK) {
            drop_file(u, "/initial");
            cloudd_event(u->dir, "one-time passwords enabled: ",
                         r.otp.mode == CLOUD_OTP_TOTP ? "TOTP" : "HOTP");
        }
        break;
    case CLOUD_MSG_RECREATE:
        rc = recreate(u, fl);
        cloudd_event(u->dir, rc == GOST_OK ? "token recreated (empty)" : "token recreate failed", "");
        break;
    case CLOUD_MSG_UNREGISTER:
        rc = unregister(u, fl);
        *end = 1;
        break;
    }
    if (lfd >= 0)
        close(lfd); /* releases the account's lock */
    cloud_account_request_wipe(&r);
    rc = cloud_account_reply_encode(rc, data, dn, out, sizeof out, &on);
    gost_wipe(data, dn);
    return rc == GOST_OK && cloud_conn_send(c, type, out, on) == GOST_OK ? 0 : -1;
}
