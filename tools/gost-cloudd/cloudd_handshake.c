/* The server's handshake. A probe must not learn which accounts exist or
 * which are locked: an unknown ID, a locked account, a password account
 * asked for a one-time password (or the reverse) and a refused OTP counter
 * all run SESPAKE on a fake record that no password opens, with the same
 * messages, the same file work (one record decoded, one record written
 * with fsync, one lock taken, one PBKDF2 in OTP mode) and the same failure
 * at MACA as a wrong password. The fake salt of an unknown ID is
 * HMAC(server secret, ID), stable like a real account's; a locked account
 * keeps showing its own salt. */
#include <fcntl.h>
#include <gost/errors.h>
#include <gost/hmac.h>
#include <gost/otp.h>
#include <gost/util.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "cloudd.h"

struct persist_ctx {
    struct user *u;
    const char *fake_dir; /* non-NULL: the session runs on a fake record */
};

/* Counters reach the disk before any answer (RFC 8133 s.4); a fake session
 * writes its record to DIR/fake so that both paths cost one fsync. */
static int persist(void *ctx, const gost_sespake_record *live)
{
    struct persist_ctx *p = ctx;
    if (p->fake_dir != NULL)
        return cloudd_save_record(p->fake_dir, live);
    p->u->rec.counters = live->counters;
    return cloudd_save_record(p->u->dir, &p->u->rec);
}

/* The fake record for id, with the given salt or HMAC(secret, "fake salt"
 * || id); encoded and decoded like a record read from disk. */
static int fake_record(const struct server *s, const char *id, const uint8_t *salt,
                       gost_sespake_record *out)
{
    gost_sespake_record r = s->fake;
    uint8_t buf[GOST_SESPAKE_RECORD_SIZE];
    gost_hmac_streebog_ctx h;
    int rc = GOST_OK;
    if (salt != NULL) {
        memcpy(r.salt, salt, 32);
    } else {
        rc = gost_hmac_streebog_init(&h, 32, s->secret, sizeof s->secret);
        if (rc == GOST_OK)
            rc = gost_hmac_streebog_update(&h, "fake salt", 9);
        if (rc == GOST_OK)
            rc = gost_hmac_streebog_update(&h, id, strlen(id));
        if (rc == GOST_OK)
            rc = gost_hmac_streebog_final(&h, r.salt);
    }
    r.salt_len = 32;
    if (rc == GOST_OK)
        rc = gost_sespake_record_encode(&r, buf);
    if (rc == GOST_OK)
        rc = gost_sespake_record_decode(out, buf, sizeof buf);
    gost_wipe(&r, sizeof r);
    return rc;
}

/* The session's record in OTP mode: the verifier of the one-time password
 * for counter, with the stored salt and counters (one PBKDF2). */
static int otp_record(const struct cloud_otp *otp, uint64_t counter, const gost_sespake_record *stored,
                      gost_sespake_record *live)
{
    char pw[GOST_OTP_DIGITS_MAX + 1];
    int rc = cloud_otp_password(otp, counter, pw);
    if (rc == GOST_OK)
        rc = gost_sespake_record_create(live, GOST_CURVE_256_A, 1, pw, strlen(pw), stored->salt,
                                        stored->salt_len, &stored->counters);
    gost_wipe(pw, sizeof pw);
    return rc;
}

/* The lock: the account's own, or for a fake one of 256 bucket files chosen
 * by HMAC(secret, ID), so probes of one unknown ID are serialised as a real
 * account's handshakes are. */
static int take_lock(const struct server *s, const struct user *u, int known)
{
    char path[PATH_MAX];
    if (known) {
        if (cloudd_join(path, sizeof path, u->dir, "/lock") != 0)
            return -1;
    } else {
        uint8_t h[32];
        if (gost_hmac_streebog256(s->secret, 32, u->id, strlen(u->id), h) != GOST_OK)
            return -1;
        snprintf(path, sizeof path, "%s/fake/lock.%02x", s->o->dir, h[0]);
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static uint64_t totp_now(const struct cloud_otp *o)
{
    uint64_t step = 0;
    gost_totp_counter((uint64_t)time(NULL), 0, o->period ? o->period : 30, &step);
    return step;
}

int cloudd_authenticate(const struct server *s, int fd, struct user *u, struct cloud_conn *c)
{
    struct cloud_open op;
    struct timeval tv = {.tv_sec = 10};
    if (cloud_channel_server_read_open(fd, &op) != GOST_OK || cloudd_user_paths(s->o, op.id, u) != 0)
        return -1; /* a malformed OPEN says nothing about accounts */
    u->suite = op.suite;
    /* A stalled client cannot hold the lock beyond the handshake timeout. */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    char fake_dir[PATH_MAX];
    if (cloudd_join(fake_dir, sizeof fake_dir, s->o->dir, "/fake") != 0)
        return -1;
    int known = access(u->dir, F_OK) == 0;
    int lfd = take_lock(s, u, known);
    if (lfd < 0)
        return -1;
    known = known && cloudd_load_record(u->dir, &u->rec) == 0;
    if (known) {
        int r = cloudd_load_otp(u->dir, &u->otp_cfg);
        u->otp = r == 0;
        known = r >= 0;
    }
    const char *why = NULL;
    const gost_sespake_counters *k = &u->rec.counters;
    if (!known)
        why = "";
    else if (k->c1 == 0 || k->c2 == 0 || k->c3 == 0)
        why = "locked";
    else if (u->otp != op.otp)
        why = u->otp ? "a password where a one-time password is required"
                     : "a one-time password for a password account";
    else if (op.otp && !cloud_otp_counter_ok(&u->otp_cfg, op.otp_counter, totp_now(&u->otp_cfg)))
        why = "one-time password counter refused (replayed or out of window)";
    gost_sespake_record live;
    int rc;
    if (why != NULL) {
        rc = fake_record(s, u->id, known ? u->rec.salt : NULL, &live);
        if (rc == GOST_OK && op.otp) {
            /* the PBKDF2 an OTP session costs, on a secret no one knows */
            struct cloud_otp f = {.mode = CLOUD_OTP_HOTP, .digits = 8, .secret_len = 32};
            memcpy(f.secret, s->secret, 32);
            gost_sespake_record tmp = live;
            rc = otp_record(&f, op.otp_counter, &tmp, &live);
            gost_wipe(&f, sizeof f);
        }
    } else if (op.otp) {
        rc = otp_record(&u->otp_cfg, op.otp_counter, &u->rec, &live);
    } else {
        live = u->rec;
        rc = GOST_OK;
    }
    struct persist_ctx pc = {.u = u, .fake_dir = why != NULL ? fake_dir : NULL};
    if (rc == GOST_OK)
        rc = cloud_channel_server_suite(fd, u->id, op.suite, &live, persist, &pc, c);
    if (rc == GOST_OK && why != NULL) {
        cloud_conn_close(c); /* cannot happen: no one knows the fake password */
        rc = GOST_ERR_AUTH;
    }
    if (rc == GOST_OK && op.otp) {
        /* HOTP: each counter once. TOTP: never an older step, but the
         * current one again: SESPAKE never reveals the password, so a
         * repeated TOTP within its step gives an eavesdropper nothing, and
         * every PKCS#11 application start is a session. */
        u->otp_cfg.next = op.otp_counter + (u->otp_cfg.mode == CLOUD_OTP_HOTP);
        if (cloudd_save_otp(u->dir, &u->otp_cfg) != 0) {
            cloud_conn_close(c);
            rc = GOST_ERR_IO;
        }
    }
    close(lfd); /* releases the lock */
    gost_wipe(&live, sizeof live);
    tv.tv_sec = 0; /* an authenticated session may idle */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (rc != GOST_OK) {
        if (known)
            cloudd_event(u->dir, "authentication refused: ",
                         why != NULL ? why : rc == GOST_ERR_LOCKED ? "locked" : "bad password");
        return -1;
    }
    cloudd_event(u->dir, u->otp ? "session start (one-time password)" : "session start", "");
    return 0;
}
