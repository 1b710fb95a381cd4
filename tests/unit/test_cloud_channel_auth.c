/* The cloud channel's handshake over a socketpair (client in this process,
 * server in a child): the right password gives working frames both ways; a
 * wrong one is refused; the attempt limit of RFC 8133 s.4 locks the account
 * and the counters survive in the persisted record. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cloud/cloud_channel.h"
#include "gost/errors.h"

static char rec_path[] = "/tmp/test_cloud_recXXXXXX";

static int save(void *ctx, const gost_sespake_record *rec)
{
    uint8_t buf[GOST_SESPAKE_RECORD_SIZE];
    (void)ctx;
    if (gost_sespake_record_encode(rec, buf) != GOST_OK)
        return -1;
    FILE *f = fopen(rec_path, "wb");
    if (f == NULL)
        return -1;
    size_t w = fwrite(buf, 1, sizeof buf, f);
    return (fclose(f) == 0 && w == sizeof buf) ? 0 : -1;
}

static int load(gost_sespake_record *rec)
{
    uint8_t buf[GOST_SESPAKE_RECORD_SIZE];
    FILE *f = fopen(rec_path, "rb");
    if (f == NULL)
        return -1;
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return gost_sespake_record_decode(rec, buf, n);
}

static void make_account(void)
{
    int fd = mkstemp(rec_path);
    cr_assert_geq(fd, 0);
    close(fd);
    gost_sespake_record rec;
    uint8_t salt[32];
    memset(salt, 0x33, sizeof salt);
    cr_assert_eq(gost_sespake_record_create(&rec, GOST_CURVE_256_A, 1, "right pw", 8, salt, 32, NULL),
                 GOST_OK);
    cr_assert_eq(save(NULL, &rec), 0);
}

/* Child: one server session; echoes one PKCS#11 frame with "pong:" prefixed.
 * Exit status: 0 served, 1 refused (auth), 2 locked, 3 other. */
static pid_t serve_once(int fd)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    char id[GOST_SESPAKE_ID_MAX + 1];
    gost_sespake_record rec;
    struct cloud_conn c;
    if (cloud_channel_server_open(fd, id) != 0 || strcmp(id, "alice") != 0 || load(&rec) != 0)
        _exit(3);
    int rc = cloud_channel_server(fd, id, &rec, save, NULL, &c);
    if (rc != GOST_OK)
        _exit(rc == GOST_ERR_LOCKED ? 2 : rc == GOST_ERR_AUTH ? 1 : 3);
    uint8_t in[64], out[80], type;
    size_t n;
    if (cloud_conn_recv(&c, &type, in, sizeof in, &n) != 0 || type != CLOUD_MSG_PKCS11)
        _exit(3);
    memcpy(out, "pong:", 5);
    memcpy(out + 5, in, n);
    if (cloud_conn_send(&c, CLOUD_MSG_PKCS11, out, 5 + n) != 0)
        _exit(3);
    cloud_conn_close(&c);
    _exit(0);
}

static int attempt(const char *pw, int *server_status, int echo)
{
    int sv[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    pid_t pid = serve_once(sv[1]);
    close(sv[1]);
    struct cloud_conn c;
    int rc = cloud_channel_client(sv[0], "alice", pw, strlen(pw), &c);
    if (rc == GOST_OK && echo) {
        uint8_t buf[64], type;
        size_t n;
        cr_assert_eq(cloud_conn_send(&c, CLOUD_MSG_PKCS11, (const uint8_t *)"ping", 4), 0);
        cr_assert_eq(cloud_conn_recv(&c, &type, buf, sizeof buf, &n), 0);
        cr_assert_eq(type, CLOUD_MSG_PKCS11);
        cr_assert_eq(n, 9);
        cr_assert_eq(memcmp(buf, "pong:ping", 9), 0);
    }
    if (rc == GOST_OK)
        cloud_conn_close(&c);
    else
        close(sv[0]);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st));
    *server_status = WEXITSTATUS(st);
    return rc;
}

Test(cloud_channel_auth, right_password_then_frames)
{
    int st;
    make_account();
    cr_assert_eq(attempt("right pw", &st, 1), GOST_OK);
    cr_assert_eq(st, 0);
    unlink(rec_path);
}

Test(cloud_channel_auth, wrong_password_then_lock)
{
    int st;
    gost_sespake_record rec;
    make_account();
    cr_assert_eq(attempt("wrong", &st, 0), GOST_ERR_AUTH);
    cr_assert_eq(st, 1);
    cr_assert_eq(load(&rec), 0);
    cr_assert_eq(rec.counters.c1, GOST_SESPAKE_CLIM1_DEFAULT - 1, "failure persisted");
    /* A success restores C_1 (RFC 8133 s.4). */
    cr_assert_eq(attempt("right pw", &st, 1), GOST_OK);
    cr_assert_eq(load(&rec), 0);
    cr_assert_eq(rec.counters.c1, GOST_SESPAKE_CLIM1_DEFAULT);
    for (int i = 0; i < GOST_SESPAKE_CLIM1_DEFAULT; i++) {
        cr_assert_eq(attempt("wrong", &st, 0), GOST_ERR_AUTH);
        cr_assert_eq(st, 1);
    }
    /* Locked: even the right password is refused now. */
    cr_assert_neq(attempt("right pw", &st, 0), GOST_OK);
    cr_assert_eq(st, 2);
    unlink(rec_path);
}
