/* gost-cloud: the user's utility for the cloud token (README "Cloud token
 * (gost-cloudd)", docs/cloud-protocol.md "Account messages").
 *   gost-cloud register HOST PORT ID [-p PW] [-n NEWPW] [--otp totp|hotp]
 *   gost-cloud duplicate HOST PORT ID [-p PW]
 *   gost-cloud change-password [-p PW] [-n NEWPW]
 *   gost-cloud status | log | recreate | unregister [-p PW]
 * Common: [-c SETTINGS] (default $GOST_P11_CONF, else
 * ~/.config/gost/cloud.conf), [--suite kuznyechik-mgm|magma-ctr-omac].
 * Passwords left out are asked on the terminal without echo; the commands
 * after register use the password (or OTP) file the settings name. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <gost/errors.h>
#include <gost/rand.h>
#include <gost/sespake.h>
#include <gost/util.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cloud/cloud_account.h"
#include "cloud/cloud_client.h"

#define PW_CAP (GOST_SESPAKE_PASSWORD_MAX + 2)

struct args {
    const char *cmd, *host, *port, *id, *conf, *pw, *newpw, *otp, *suite;
};

static int fail(const char *what, int rc)
{
    fprintf(stderr, "gost-cloud: %s: %s\n", what,
            rc == GOST_ERR_AUTH ? "refused (wrong password, unknown or locked account)"
                                : gost_strerror(rc));
    return 1;
}

/* getpass reads from the terminal without echo (stdin when there is none). */
static int ask(const char *prompt, char *out, int confirm)
{
    char *p = getpass(prompt);
    if (p == NULL || strlen(p) >= PW_CAP - 1 || p[0] == 0)
        return -1;
    snprintf(out, PW_CAP, "%s", p);
    gost_wipe(p, strlen(p));
    if (confirm) {
        p = getpass("again: ");
        int same = p != NULL && strcmp(p, out) == 0;
        if (p != NULL)
            gost_wipe(p, strlen(p));
        if (!same) {
            fprintf(stderr, "gost-cloud: the passwords differ\n");
            return -1;
        }
    }
    return 0;
}

static void default_conf(char *out, size_t cap)
{
    const char *env = getenv("GOST_P11_CONF"), *home = getenv("HOME");
    if (env != NULL && env[0])
        snprintf(out, cap, "%s", env);
    else
        snprintf(out, cap, "%s/.config/gost/cloud.conf", home ? home : ".");
}

static int read_conf(const char *path, struct cloud_conf *conf)
{
    char text[16384];
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        fprintf(stderr, "gost-cloud: cannot read the settings %s: %s (run register or duplicate)\n",
                path, strerror(errno));
        return -1;
    }
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    if (cloud_conf_parse(text, n, conf) != GOST_OK) {
        fprintf(stderr, "gost-cloud: %s: malformed settings (server and user are required)\n", path);
        return -1;
    }
    return 0;
}

/* Writes path (0600) with the content, via a temp file and rename. */
static int write_private(const char *path, const char *text)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    size_t n = strlen(text);
    int ok = fd >= 0 && fchmod(fd, 0600) == 0 && write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return 0;
    unlink(tmp);
    fprintf(stderr, "gost-cloud: cannot write %s: %s\n", path, strerror(errno));
    return -1;
}

/* The directories above path (0700 where made). */
static void make_parents(const char *path)
{
    char mk[PATH_MAX];
    snprintf(mk, sizeof mk, "%s", path);
    for (char *q = mk + 1; *q; q++)
        if (*q == '/') {
            *q = 0;
            mkdir(mk, 0700);
            *q = '/';
        }
}

/* The settings file: this utility's keys replaced, every other line (the
 * module's own keys) kept. */
static int write_conf(const char *path, const struct cloud_conf *c)
{
    static char out[32768];
    char line[1024];
    size_t n = 0;
    FILE *f = fopen(path, "re");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        const char *k = line + strspn(line, " \t");
        static const char *const ours[] = {"server", "user", "password-file", "otp-secret-file", "suite"};
        int mine = 0;
        for (size_t i = 0; i < sizeof ours / sizeof ours[0]; i++) {
            size_t kl = strlen(ours[i]);
            if (strncmp(k, ours[i], kl) == 0 && (k[kl] == ' ' || k[kl] == '\t' || k[kl] == '='))
                mine = 1;
        }
        if (!mine && n + strlen(line) < sizeof out / 2)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s", line);
    }
    if (f != NULL)
        fclose(f);
    n += (size_t)snprintf(out + n, sizeof out - n, "server = %s:%s\nuser = %s\n", c->host, c->port, c->user);
    if (c->password_file[0])
        n += (size_t)snprintf(out + n, sizeof out - n, "password-file = %s\n", c->password_file);
    if (c->otp_file[0])
        n += (size_t)snprintf(out + n, sizeof out - n, "otp-secret-file = %s\n", c->otp_file);
    if (c->suite == CLOUD_SUITE_MAGMA_CTR_OMAC)
        snprintf(out + n, sizeof out - n, "suite = magma-ctr-omac\n");
    return write_private(path, out);
}

/* One account request and its answer; data and dn (optional) get the answer's data. */
static int request(struct cloud_conn *c, uint8_t type, const uint8_t *p, size_t n, uint8_t *buf,
                   size_t cap, const uint8_t **data, size_t *dn)
{
    uint8_t t;
    size_t len, dl;
    const uint8_t *d;
    int rc = cloud_conn_send(c, type, p, n), code;
    if (rc == GOST_OK)
        rc = cloud_conn_recv(c, &t, buf, cap, &len);
    if (rc == GOST_OK && t != type && t != CLOUD_MSG_ERROR)
        rc = GOST_ERR_DECODE;
    if (rc == GOST_OK)
        rc = cloud_account_reply_decode(buf, len, &code, &d, &dl);
    if (rc != GOST_OK)
        return rc;
    if (data != NULL) {
        *data = d;
        *dn = dl;
    }
    return code;
}

static void bye(struct cloud_conn *c)
{
    cloud_conn_send(c, CLOUD_MSG_CLOSE, NULL, 0);
    cloud_conn_close(c);
}

/* The local files of an account: the password (or OTP) file beside the
 * settings, named after the user. */
static int local_paths(const char *conf_path, struct cloud_conf *c, int otp)
{
    char dir[sizeof c->password_file - GOST_SESPAKE_ID_MAX - 16];
    if (snprintf(dir, sizeof dir, "%s", conf_path) >= (int)sizeof dir) {
        fprintf(stderr, "gost-cloud: settings path too long: %s\n", conf_path);
        return -1;
    }
    char *slash = strrchr(dir, '/');
    if (slash != NULL)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    c->password_file[0] = c->otp_file[0] = 0;
    if (otp)
        snprintf(c->otp_file, sizeof c->otp_file, "%s/cloud-%s.otp", dir, c->user);
    else
        snprintf(c->password_file, sizeof c->password_file, "%s/cloud-%s.pw", dir, c->user);
    return 0;
}

static int new_record(const char *pw, uint8_t out[GOST_SESPAKE_RECORD_SIZE])
{
    uint8_t salt[32];
    gost_sespake_record rec;
    int rc = gost_random_bytes(salt, sizeof salt);
    if (rc == GOST_OK)
        rc = gost_sespake_record_create(&rec, GOST_CURVE_256_A, 1, pw, strlen(pw), salt, 32, NULL);
    if (rc == GOST_OK)
        rc = gost_sespake_record_encode(&rec, out);
    gost_wipe(&rec, sizeof rec);
    return rc;
}

static int parse_suite(const char *s, uint8_t *suite)
{
    if (s == NULL || strcmp(s, "kuznyechik-mgm") == 0)
        *suite = CLOUD_SUITE_KUZNYECHIK_MGM;
    else if (strcmp(s, "magma-ctr-omac") == 0)
        *suite = CLOUD_SUITE_MAGMA_CTR_OMAC;
    else
        return -1;
    return 0;
}

/* register and duplicate: log in to HOST PORT ID, set the password (or the
 * OTP secret) for register, then write the local settings. */
static int cmd_enrol(const struct args *a, const char *conf_path, int is_register)
{
    struct cloud_conf conf;
    struct cloud_conn c;
    static uint8_t buf[(64u * 1024u + 64u)];
    char pw[PW_CAP], npw[PW_CAP];
    int rc, otp = a->otp != NULL;
    struct cloud_otp o = {0};
    memset(&conf, 0, sizeof conf);
    if (otp && (!is_register || (strcmp(a->otp, "totp") != 0 && strcmp(a->otp, "hotp") != 0))) {
        fprintf(stderr, "gost-cloud: --otp takes totp or hotp, with register only\n");
        return 2;
    }
    if (snprintf(conf.host, sizeof conf.host, "%s", a->host) >= (int)sizeof conf.host ||
        snprintf(conf.port, sizeof conf.port, "%s", a->port) >= (int)sizeof conf.port ||
        snprintf(conf.user, sizeof conf.user, "%s", a->id) >= (int)sizeof conf.user ||
        parse_suite(a->suite, &conf.suite) != 0 || strspn(a->port, "0123456789") != strlen(a->port)) {
        fprintf(stderr, "gost-cloud: bad HOST, PORT, ID or --suite\n");
        return 2;
    }
    if (a->pw)
        snprintf(pw, sizeof pw, "%s", a->pw);
    else if (ask(is_register ? "initial password: " : "password: ", pw, 0) != 0) {
        gost_wipe(pw, sizeof pw);
        return 1;
    }
    if (is_register && !otp) {
        if (a->newpw)
            snprintf(npw, sizeof npw, "%s", a->newpw);
        else if (ask("new password: ", npw, 1) != 0) {
            gost_wipe(pw, sizeof pw);
            gost_wipe(npw, sizeof npw);
            return 1;
        }
    }
    rc = cloud_client_connect_conf(&conf, pw, strlen(pw), &c);
    if (rc != GOST_OK) {
        gost_wipe(pw, sizeof pw);
        gost_wipe(npw, sizeof npw);
        return fail("login", rc);
    }
    if (is_register && otp) {
        uint8_t m[CLOUD_OTP_SET_MAX];
        size_t mn;
        o.mode = strcmp(a->otp, "totp") == 0 ? CLOUD_OTP_TOTP : CLOUD_OTP_HOTP;
        o.digits = 8;
        o.period = o.mode == CLOUD_OTP_TOTP ? 30 : 0;
        o.secret_len = 32;
        rc = gost_random_bytes(o.secret, 32);
        if (rc == GOST_OK)
            rc = cloud_otp_set_encode(&o, m, sizeof m, &mn);
        if (rc == GOST_OK)
            rc = request(&c, CLOUD_MSG_OTP_SET, m, mn, buf, sizeof buf, NULL, NULL);
        gost_wipe(m, sizeof m);
    } else if (is_register) {
        uint8_t rec[GOST_SESPAKE_RECORD_SIZE];
        rc = new_record(npw, rec);
        if (rc == GOST_OK)
            rc = request(&c, CLOUD_MSG_CHANGE_PW, rec, sizeof rec, buf, sizeof buf, NULL, NULL);
    } else {
        rc = request(&c, CLOUD_MSG_STATUS, NULL, 0, buf, sizeof buf, NULL, NULL);
    }
    bye(&c);
    if (rc != GOST_OK) {
        gost_wipe(&o, sizeof o);
        return fail(is_register ? "register" : "duplicate", rc);
    }
    char line[PW_CAP + 1];
    make_parents(conf_path);
    if (local_paths(conf_path, &conf, otp) != 0)
        rc = -1;
    else if (otp)
        rc = cloud_otp_file_write(conf.otp_file, &o, 0) == GOST_OK ? 0 : -1;
    else {
        snprintf(line, sizeof line, "%s\n", is_register ? npw : pw);
        rc = write_private(conf.password_file, line);
        gost_wipe(line, sizeof line);
    }
    gost_wipe(&o, sizeof o);
    gost_wipe(pw, sizeof pw);
    gost_wipe(npw, sizeof npw);
    if (rc != 0 || write_conf(conf_path, &conf) != 0)
        return 1;
    printf("%s: %s as %s on %s:%s; settings in %s (export GOST_P11_CONF=%s)\n",
           is_register ? "registered" : "duplicated", otp ? "one-time passwords" : "password",
           conf.user, conf.host, conf.port, conf_path, conf_path);
    return 0;
}

/* The commands on a registered account: settings, then login. */
static int cmd_account(const struct args *a, const char *conf_path)
{
    struct cloud_conf conf;
    struct cloud_conn c;
    static uint8_t buf[(64u * 1024u + 64u)];
    char pw[PW_CAP], npw[PW_CAP];
    const uint8_t *data = NULL;
    size_t dn = 0;
    int change = strcmp(a->cmd, "change-password") == 0;
    if (read_conf(conf_path, &conf) != 0)
        return 1;
    if (a->suite != NULL && parse_suite(a->suite, &conf.suite) != 0)
        return 2;
    const char *use_pw = NULL;
    if (a->pw) {
        snprintf(pw, sizeof pw, "%s", a->pw);
        use_pw = pw;
    } else if (!conf.password_file[0] && !conf.otp_file[0]) {
        if (ask("password: ", pw, 0) != 0)
            return 1;
        use_pw = pw;
    }
    if (change) {
        if (a->newpw)
            snprintf(npw, sizeof npw, "%s", a->newpw);
        else if (ask("new password: ", npw, 1) != 0)
            return 1;
    }
    int rc = cloud_client_connect_conf(&conf, use_pw, use_pw ? strlen(use_pw) : 0, &c);
    if (use_pw)
        gost_wipe(pw, sizeof pw);
    if (rc != GOST_OK)
        return fail("login", rc);
    if (change) {
        uint8_t rec[GOST_SESPAKE_RECORD_SIZE];
        rc = new_record(npw, rec);
        if (rc == GOST_OK)
            rc = request(&c, CLOUD_MSG_CHANGE_PW, rec, sizeof rec, buf, sizeof buf, NULL, NULL);
    } else {
        uint8_t type = strcmp(a->cmd, "status") == 0   ? CLOUD_MSG_STATUS
                       : strcmp(a->cmd, "log") == 0    ? CLOUD_MSG_LOG
                       : strcmp(a->cmd, "recreate") == 0 ? CLOUD_MSG_RECREATE
                                                         : CLOUD_MSG_UNREGISTER;
        rc = request(&c, type, NULL, 0, buf, sizeof buf, &data, &dn);
    }
    bye(&c);
    if (rc != GOST_OK) {
        gost_wipe(npw, sizeof npw);
        return fail(a->cmd, rc);
    }
    if (change) {
        /* the settings now name a password file, also after OTP mode */
        char line[PW_CAP + 1];
        snprintf(line, sizeof line, "%s\n", npw);
        gost_wipe(npw, sizeof npw);
        rc = local_paths(conf_path, &conf, 0) == 0 ? write_private(conf.password_file, line) : -1;
        gost_wipe(line, sizeof line);
        if (rc != 0 || write_conf(conf_path, &conf) != 0)
            return 1;
        printf("password changed\n");
    } else if (strcmp(a->cmd, "recreate") == 0) {
        printf("token recreated: it is empty (initialise it again with C_InitToken)\n");
    } else if (strcmp(a->cmd, "unregister") == 0) {
        if (conf.password_file[0])
            unlink(conf.password_file);
        if (conf.otp_file[0])
            unlink(conf.otp_file);
        printf("unregistered: the account and its token are gone from the server; "
               "the local password file was removed (%s still names the server)\n", conf_path);
    } else {
        fwrite(data, 1, dn, stdout);
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: gost-cloud register HOST PORT ID [-p PASSWORD] [-n NEW] [--otp totp|hotp]\n"
            "       gost-cloud duplicate HOST PORT ID [-p PASSWORD]\n"
            "       gost-cloud change-password [-p PASSWORD] [-n NEW]\n"
            "       gost-cloud status|log|recreate|unregister [-p PASSWORD]\n"
            "options: -c SETTINGS (default $GOST_P11_CONF, else ~/.config/gost/cloud.conf)\n"
            "         --suite kuznyechik-mgm|magma-ctr-omac\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct args a = {0};
    const char *pos[4];
    int np = 0;
    umask(077);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = strcmp(s, "-p") == 0        ? &a.pw
                            : strcmp(s, "-n") == 0      ? &a.newpw
                            : strcmp(s, "-c") == 0      ? &a.conf
                            : strcmp(s, "--otp") == 0   ? &a.otp
                            : strcmp(s, "--suite") == 0 ? &a.suite
                                                        : NULL;
        if (slot != NULL) {
            if (v == NULL)
                return usage();
            *slot = v;
            i++;
        } else if (s[0] == '-' || np == 4) {
            return usage();
        } else {
            pos[np++] = s;
        }
    }
    if (np == 0)
        return usage();
    a.cmd = pos[0];
    char conf_path[PATH_MAX];
    if (a.conf != NULL)
        snprintf(conf_path, sizeof conf_path, "%s", a.conf);
    else
        default_conf(conf_path, sizeof conf_path);
    int enrol = strcmp(a.cmd, "register") == 0 || strcmp(a.cmd, "duplicate") == 0;
    if (enrol) {
        if (np != 4)
            return usage();
        a.host = pos[1];
        a.port = pos[2];
        a.id = pos[3];
        return cmd_enrol(&a, conf_path, strcmp(a.cmd, "register") == 0);
    }
    static const char *const cmds[] = {"change-password", "status", "log", "recreate", "unregister"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(a.cmd, cmds[i]) == 0 && np == 1)
            return cmd_account(&a, conf_path);
    return usage();
}
