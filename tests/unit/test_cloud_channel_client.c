/* The settings parser and gost_cloud_client_connect over loopback TCP with a
 * one-session server in a child process (the RPC payload is opaque here: the
 * child answers each type 0x01 frame with its bytes reversed). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cloud/cloud_channel.h"
#include "cloud/cloud_conf.h"
#include "cloud/cloud_transport.h"
#include "gost/errors.h"

Test(cloud_channel_conf, parse)
{
    static const char ok[] = "# cloud\n  server = 127.0.0.1:7737 \nuser=bob\r\n"
                             "password-file = /x/pw\nslot-label = other key\n";
    struct cloud_conf c;
    cr_assert_eq(cloud_conf_parse(ok, strlen(ok), &c), GOST_OK);
    cr_assert_str_eq(c.host, "127.0.0.1");
    cr_assert_str_eq(c.port, "7737");
    cr_assert_str_eq(c.user, "bob");
    cr_assert_str_eq(c.password_file, "/x/pw");
    static const char *bad[] = {"server = host\nuser = a\n", "server = h:7x\nuser = a\n",
                                "user = a\n", "server = h:1\n", "server h:1\nuser = a\n",
                                "server = :1\nuser = a\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(cloud_conf_parse(bad[i], strlen(bad[i]), &c), GOST_ERR_DECODE, "case %zu", i);
}

static int no_persist(void *ctx, const gost_sespake_record *rec)
{
    (void)ctx;
    (void)rec;
    return 0;
}

static void server_child(int lfd)
{
    int fd = accept(lfd, NULL, NULL);
    char id[GOST_SESPAKE_ID_MAX + 1];
    gost_sespake_record rec;
    struct cloud_conn c;
    uint8_t salt[16] = {7}, in[256], out[256], type;
    size_t n;
    if (fd < 0 || cloud_channel_server_open(fd, id) != 0 || strcmp(id, "bob") != 0 ||
        gost_sespake_record_create(&rec, GOST_CURVE_256_A, 1, "pw of bob", 9, salt, 16, NULL) != 0 ||
        cloud_channel_server(fd, id, &rec, no_persist, NULL, &c) != 0)
        _exit(1);
    while (cloud_conn_recv(&c, &type, in, sizeof in, &n) == 0) {
        if (type == CLOUD_MSG_CLOSE)
            _exit(0);
        for (size_t i = 0; i < n; i++)
            out[i] = in[n - 1 - i];
        if (cloud_conn_send(&c, CLOUD_MSG_PKCS11, out, n) != 0)
            _exit(1);
    }
    _exit(2); /* ended without CLOSE */
}

Test(cloud_channel_client, connect_call_close)
{
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    cr_assert_eq(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(lfd, 4), 0);
    cr_assert_eq(getsockname(lfd, (struct sockaddr *)&a, &al), 0);
    pid_t pid = fork();
    if (pid == 0)
        server_child(lfd);
    close(lfd);
    char dir[] = "/tmp/test_cloud_cliXXXXXX", conf[128], pwf[128];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(conf, sizeof conf, "%s/conf", dir);
    snprintf(pwf, sizeof pwf, "%s/pw", dir);
    FILE *f = fopen(pwf, "w");
    fputs("pw of bob\n", f);
    fclose(f);
    chmod(pwf, 0644);
    f = fopen(conf, "w");
    fprintf(f, "server = 127.0.0.1:%u\nuser = bob\npassword-file = %s\n", ntohs(a.sin_port), pwf);
    fclose(f);
    struct gost_cloud_transport t;
    cr_assert_eq(gost_cloud_client_connect(conf, &t), GOST_ERR_IO, "a world-readable password file");
    chmod(pwf, 0600);
    cr_assert_eq(gost_cloud_client_connect(conf, &t), GOST_OK);
    uint8_t resp[64];
    size_t n;
    cr_assert_eq(t.call(t.ctx, (const uint8_t *)"abc", 3, resp, sizeof resp, &n), 0);
    cr_assert_eq(n, 3);
    cr_assert_eq(memcmp(resp, "cba", 3), 0);
    t.close(t.ctx);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "server saw an orderly close");
    unlink(conf);
    unlink(pwf);
    rmdir(dir);
}
