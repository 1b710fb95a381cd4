/* gost-bench helper: gost-cloudd on loopback for the cloud rows
 * (bench_cloud_server.h). The server runs in its own process group so that
 * stopping it also ends the per-connection children it forked. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_cloud_server.h"

#define USER "bench"
#define PASSWORD "bench cloud pw"

static char dir[64];
static char conf_path[128];
static pid_t server = -1;

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int bench_cloud_wait(int pid, int ms)
{
    int st;
    for (int t = 0;; t += 10) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        if (r < 0)
            return -1;
        if (t >= ms)
            break;
        sleep_ms(10);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -1;
}

/* Runs GOST_BUILD_DIR/bin/gost-cloudd with argv[1..] (output appended to
 * DIR/server.log); returns the child's pid, or -1. group: the child leads a
 * new process group. */
static pid_t spawn_cloudd(char *const argv[], int group)
{
    char log[96];
    snprintf(log, sizeof log, "%s/server.log", dir);
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    if (group)
        setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a gost-bench killed by a signal runs no atexit */
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
    }
    unsetenv("GOST_P11_CONF");
    unsetenv("GOST_TOKEN_DIR");
    execv(argv[0], argv);
    _exit(127);
}

/* A port the kernel reports free at this moment (the server may still lose
 * it to another process: the caller retries). */
static int free_port(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    socklen_t alen = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), port = -1;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &alen) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

void bench_cloud_server_stop(void)
{
    if (server > 0) {
        kill(-server, SIGTERM);
        bench_cloud_wait(server, 1000);
        /* the server's session children, once their clients are gone */
        for (int t = 0; t < 1000 && kill(-server, 0) == 0; t += 10)
            sleep_ms(10);
        kill(-server, SIGKILL);
        server = -1;
    }
    if (dir[0] != 0) {
        nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
        dir[0] = 0;
    }
}

/* The message, then what gost-cloudd said (the directory goes at exit). */
static int fail(const char *what)
{
    char path[96], text[2048];
    fprintf(stderr, "gost-bench: cloud: %s\n", what);
    snprintf(path, sizeof path, "%s/server.log", dir);
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        size_t n = fread(text, 1, sizeof text - 1, f);
        text[n] = 0;
        fclose(f);
        if (n > 0)
            fprintf(stderr, "gost-bench: cloud: gost-cloudd said:\n%s", text);
    }
    return -1;
}

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    size_t n = strlen(text);
    int ok = fd >= 0 && write(fd, text, n) == (ssize_t)n;
    if (fd >= 0)
        close(fd);
    return ok ? 0 : -1;
}

int bench_cloud_server_start(const char **conf)
{
    static char exe[] = GOST_BUILD_DIR "/bin/gost-cloudd";
    static char module[] = GOST_BUILD_DIR "/libgost-pkcs11.so";
    char srv[96], ready[96], pwfile[96], portstr[16], text[512];
    snprintf(dir, sizeof dir, "/tmp/gost-bench-cloud-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        dir[0] = 0;
        return fail("cannot make a temporary directory");
    }
    atexit(bench_cloud_server_stop);
    if (access(exe, X_OK) != 0 || access(module, R_OK) != 0)
        return fail("no " GOST_BUILD_DIR "/bin/gost-cloudd or libgost-pkcs11.so");
    snprintf(srv, sizeof srv, "%s/srv", dir);
    snprintf(ready, sizeof ready, "%s/ready", dir);
    snprintf(pwfile, sizeof pwfile, "%s/" USER ".pw", dir);
    snprintf(conf_path, sizeof conf_path, "%s/" USER ".conf", dir);

    char *add[] = {exe, "--dir", srv, "--add-user", USER, "-p", PASSWORD, NULL};
    pid_t pid = spawn_cloudd(add, 0);
    if (pid < 0 || bench_cloud_wait(pid, 3000) != 0)
        return fail("gost-cloudd --add-user failed");

    for (int attempt = 0; attempt < 3 && server < 0; attempt++) {
        int port = free_port();
        if (port <= 0)
            return fail("no free port on 127.0.0.1");
        snprintf(portstr, sizeof portstr, "%d", port);
        unlink(ready);
        char *run[] = {exe,      "--dir",        srv,   "--listen",     "127.0.0.1", "--port",
                       portstr, "--module",     module, "--foreground", "--ready-file", ready,
                       NULL};
        pid = spawn_cloudd(run, 1);
        if (pid < 0)
            return fail("cannot fork");
        setpgid(pid, pid); /* also here: no race with the signals of stop() */
        struct stat st;
        int up = 0;
        for (int t = 0; t < 3000 && !up; t += 20) {
            if (stat(ready, &st) == 0 && st.st_size > 0)
                up = 1;
            else if (waitpid(pid, NULL, WNOHANG) == pid)
                break; /* exited: the port was taken meanwhile, try another */
            else
                sleep_ms(20);
        }
        if (up)
            server = pid;
        else {
            kill(-pid, SIGKILL);
            waitpid(pid, NULL, WNOHANG);
        }
    }
    if (server < 0)
        return fail("gost-cloudd did not start");
    snprintf(text, sizeof text, "server = 127.0.0.1:%s\nuser = " USER "\npassword-file = %s\n",
             portstr, pwfile);
    if (write_file(pwfile, PASSWORD "\n") != 0 || write_file(conf_path, text) != 0)
        return fail("cannot write the client's settings");
    *conf = conf_path;
    return 0;
}
