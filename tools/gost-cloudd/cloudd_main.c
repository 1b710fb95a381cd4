/* gost-cloudd: the cloud token server (docs/cloud-protocol.md). One process
 * per connection (fork): the child authenticates the user with SESPAKE, then
 * points GOST_TOKEN_DIR at that user's store, loads the PKCS#11 module in its
 * local mode and serves RPC frames with gost_cloud_rpc_serve.
 *   gost-cloudd --dir DIR [--listen ADDR] [--port N] [--module PATH]
 *               [--foreground] [--ready-file PATH]
 *   gost-cloudd --dir DIR --add-user ID [-p PASSWORD]
 * --ready-file: written with the pid once the socket listens (for tests). */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <gost/errors.h>
#include <gost/rand.h>
#include <gost/util.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "cloud/cloud_transport.h"
#include "cloudd.h"

#define DEFAULT_PORT 7737

static int add_user(const struct opts *o)
{
    char udir[PATH_MAX], tok[PATH_MAX];
    char pw[GOST_SESPAKE_PASSWORD_MAX + 1];
    const char *p = o->password;
    if (p == NULL) {
        /* getpass: no echo on a terminal */
        p = getpass("password: ");
        if (p == NULL)
            return 1;
    }
    snprintf(pw, sizeof pw, "%s", p);
    char users[PATH_MAX];
    /* the ID must pass the same check as in OPEN, or no one could log in */
    struct cloud_open probe = {.suite = CLOUD_SUITE_KUZNYECHIK_MGM};
    uint8_t msg[CLOUD_OPEN_MAX];
    size_t mlen;
    if (strlen(o->add_user) >= sizeof probe.id) {
        fprintf(stderr, "gost-cloudd: user ID too long: %s\n", o->add_user);
        return 1;
    }
    strcpy(probe.id, o->add_user);
    if (cloud_open_encode(&probe, msg, sizeof msg, &mlen) != GOST_OK) {
        fprintf(stderr, "gost-cloudd: bad user ID (letters, digits, . _ -): %s\n", o->add_user);
        return 1;
    }
    if (cloudd_join(users, sizeof users, o->dir, "/users/") != 0 ||
        cloudd_join(udir, sizeof udir, users, o->add_user) != 0 ||
        cloudd_join(tok, sizeof tok, udir, "/token") != 0)
        return 1;
    mkdir(o->dir, 0700);
    mkdir(users, 0700);
    if (mkdir(udir, 0700) != 0 || mkdir(tok, 0700) != 0) {
        fprintf(stderr, "gost-cloudd: cannot create %s: %s\n", udir, strerror(errno));
        return 1;
    }
    uint8_t salt[32];
    gost_sespake_record rec;
    int rc = gost_random_bytes(salt, sizeof salt);
    if (rc == GOST_OK)
        rc = gost_sespake_record_create(&rec, GOST_CURVE_256_A, 1, pw, strlen(pw), salt, 32, NULL);
    gost_wipe(pw, sizeof pw);
    char flag[PATH_MAX];
    int ffd = rc == GOST_OK && cloudd_join(flag, sizeof flag, udir, "/initial") == 0
                  ? open(flag, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)
                  : -1;
    if (rc != GOST_OK || ffd < 0 || cloudd_save_record(udir, &rec) != 0) {
        fprintf(stderr, "gost-cloudd: cannot write the account record (%d)\n", rc);
        if (ffd >= 0)
            close(ffd);
        cloudd_remove_tree(udir);
        return 1;
    }
    close(ffd);
    cloudd_event(udir, "account created with an initial password", "");
    return 0;
}

static CK_FUNCTION_LIST_PTR load_module(const char *path)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return NULL;
    CK_RV (*gfl)(CK_FUNCTION_LIST_PTR_PTR) = (CK_RV(*)(CK_FUNCTION_LIST_PTR_PTR))dlsym(h, "C_GetFunctionList");
    CK_FUNCTION_LIST_PTR fl = NULL;
    if (gfl == NULL || gfl(&fl) != CKR_OK || fl->C_Initialize(NULL) != CKR_OK)
        return NULL;
    return fl;
}

/* The child: one connection, one user. */
static int session(const struct server *srv, int fd)
{
    struct user u;
    struct cloud_conn c;
    if (cloudd_authenticate(srv, fd, &u, &c) != 0)
        return 1;
    setenv("GOST_TOKEN_DIR", u.tok, 1);
    unsetenv("GOST_P11_CONF"); /* the module must run its local token here */
    CK_FUNCTION_LIST_PTR fl = load_module(srv->o->module);
    static uint8_t req[GOST_CLOUD_MAX_MESSAGE + 1], resp[GOST_CLOUD_MAX_MESSAGE];
    uint8_t type;
    size_t n, rn;
    int ok = fl != NULL, end = 0;
    if (!ok)
        cloudd_event(u.dir, "cannot load the module ", srv->o->module);
    while (ok && !end && cloud_conn_recv(&c, &type, req, sizeof req, &n) == GOST_OK) {
        if (type == CLOUD_MSG_CLOSE) {
            cloudd_event(u.dir, "session end", "");
            break;
        }
        if (type != CLOUD_MSG_PKCS11) {
            ok = cloudd_account(&u, fl, &c, type, req, n, &end) == 0;
            continue;
        }
        if (gost_cloud_rpc_serve(fl, req, n, resp, sizeof resp, &rn) != 0 ||
            cloud_conn_send(&c, CLOUD_MSG_PKCS11, resp, rn) != GOST_OK) {
            cloudd_event(u.dir, "session aborted: bad request", "");
            break;
        }
    }
    if (fl != NULL && !end)
        fl->C_Finalize(NULL);
    gost_wipe(&u, sizeof u);
    cloud_conn_close(&c);
    return 0;
}

static void reap(int sig)
{
    (void)sig;
    int saved = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    errno = saved;
}

static int serve(const struct opts *o)
{
    static struct server srv;
    if (cloudd_server_init(&srv, o) != 0) {
        fprintf(stderr, "gost-cloudd: cannot set up %s (server secret)\n", o->dir);
        return 1;
    }
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o->port)};
    if (lfd < 0 || inet_pton(AF_INET, o->listen, &a.sin_addr) != 1)
        return 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 128) != 0) {
        fprintf(stderr, "gost-cloudd: cannot listen on %s:%d: %s\n", o->listen, o->port,
                strerror(errno));
        return 1;
    }
    if (!o->foreground && daemon(1, 0) != 0)
        return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = reap;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (o->ready != NULL) {
        FILE *f = fopen(o->ready, "w");
        if (f != NULL) {
            fprintf(f, "%ld\n", (long)getpid());
            fclose(f);
        }
    }
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE)
                continue;
            return 1;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(lfd);
            _exit(session(&srv, fd));
        }
        close(fd);
    }
}

static void default_module(char *buf, size_t cap)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = 0;
    char *slash = strrchr(self, '/');
    if (slash != NULL)
        *slash = 0; /* .../bin */
    if (cloudd_join(buf, cap, self, "/../libgost-pkcs11.so") != 0)
        buf[0] = 0;
}

int main(int argc, char **argv)
{
    static char module[PATH_MAX];
    struct opts o = {.listen = "127.0.0.1", .port = DEFAULT_PORT};
    umask(077); /* logs, records and token files are the server's alone */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--foreground") == 0) {
            o.foreground = 1;
            continue;
        }
        if (v == NULL)
            goto usage;
        i++;
        if (strcmp(a, "--dir") == 0)
            o.dir = v;
        else if (strcmp(a, "--listen") == 0)
            o.listen = v;
        else if (strcmp(a, "--port") == 0)
            o.port = atoi(v);
        else if (strcmp(a, "--module") == 0)
            o.module = v;
        else if (strcmp(a, "--ready-file") == 0)
            o.ready = v;
        else if (strcmp(a, "--add-user") == 0)
            o.add_user = v;
        else if (strcmp(a, "-p") == 0)
            o.password = v;
        else
            goto usage;
    }
    if (o.dir == NULL || o.port <= 0 || o.port > 65535)
        goto usage;
    if (o.add_user != NULL)
        return add_user(&o);
    if (o.module == NULL) {
        default_module(module, sizeof module);
        o.module = module;
    }
    return serve(&o);
usage:
    fprintf(stderr, "usage: gost-cloudd --dir DIR [--listen ADDR] [--port N (default %d)] "
                    "[--module PATH] [--foreground] [--ready-file PATH]\n"
                    "       gost-cloudd --dir DIR --add-user ID [-p PASSWORD]\n",
            DEFAULT_PORT);
    return 2;
}
