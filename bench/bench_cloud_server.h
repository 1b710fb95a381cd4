/* gost-bench helper: a gost-cloudd of the build on 127.0.0.1 for the cloud
 * rows (bench_cloud.c), with one account in a temporary directory. */
#ifndef GOST_BENCH_CLOUD_SERVER_H
#define GOST_BENCH_CLOUD_SERVER_H

/* Makes the temporary directory, creates the account with
 * `gost-cloudd --add-user`, starts the server on a free port (its own
 * process group, output to DIR/server.log) and writes the client's settings
 * file (server, user, password-file). Returns 0 and the settings file's
 * path in *conf, or -1 with a message on stderr. Everything started is
 * stopped and removed by bench_cloud_server_stop(), also registered with
 * atexit. Bounded: ~3 s per step at most. */
int bench_cloud_server_start(const char **conf);
void bench_cloud_server_stop(void);

/* Waits for child pid up to ms milliseconds; its exit status, or -1 after
 * killing it (SIGKILL) when the time is up. */
int bench_cloud_wait(int pid, int ms);

#endif
