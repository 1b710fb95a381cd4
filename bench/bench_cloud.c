/* gost-bench rows of the cloud token (issue 10 item 6).
 *
 * cloud-frame-seal-open (MB/s): seal + open of one frame of the record
 * layer, the channel's ceiling before sockets and RPC.
 *
 * cloud-gost3410-256a-sign (ops/s): C_SignInit + C_Sign (GOST R 34.10-2012
 * 256-bit, paramSetA, 32-byte hash) through the module in cloud mode to a
 * gost-cloudd of this build on 127.0.0.1: one client, every call a request
 * and a response over the SESPAKE-keyed Kuznyechik-MGM channel; compare with
 * p11-gost3410-256a-sign (the same calls on the local token).
 * cloud-gost3410-256a-sign-8clients (ops/s): total signatures per second
 * of 8 clients signing at once, the work of each call split evenly.
 *
 * The module keeps one connection per process (C_Initialize connects), so
 * each client is its own process, as separate applications would be: a
 * forked worker that loads the module with GOST_P11_CONF naming the server,
 * opens its own connection (its own server process and PKCS#11 session on
 * the server), logs in and then signs on command. The parent tells workers
 * how many signatures to make over a socketpair and waits (bounded) for
 * their answers; the wall time of the whole batch is what is measured. All
 * clients use one account and one key, created at setup by the first worker
 * (C_InitToken, C_InitPIN, C_GenerateKeyPair with CKA_TOKEN). Setup failures
 * skip the rows with a message; the server, workers and directory go away
 * at exit (bench_cloud_server.c). */
#include <dlfcn.h>
#include <errno.h>
#include <p11-kit/pkcs11.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cryptoki/gost_pkcs11.h"
#include "bench.h"
#include "bench_cloud_server.h"
#include "cloud/cloud_frame.h"

/* ---- record layer ------------------------------------------------------- */

static struct cloud_dir tx, rx;
static uint8_t *frame_buf;

static int setup_frame(void)
{
    static const uint8_t key[32] = {9};
    static uint8_t buf[CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY];
    frame_buf = buf;
    return cloud_dir_init(&tx, key, 0) == 0 && cloud_dir_init(&rx, key, 0) == 0 ? 0 : -1;
}

static int ours_frame(size_t size, size_t iters)
{
    size_t flen, olen;
    uint8_t type;
    for (size_t i = 0; i < iters; i++) {
        if (cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, bench_in, size, frame_buf,
                             CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY, &flen) != 0 ||
            cloud_frame_open(&rx, frame_buf, flen, &type, bench_out, BENCH_MAX_SIZE + 64, &olen) != 0)
            return -1;
    }
    bench_sink ^= bench_out[0];
    return 0;
}

BENCH_ROW(cloud_frame, {"cloud-frame-seal-open", 1, setup_frame, ours_frame, NULL, NULL})

/* ---- signatures through gost-cloudd ------------------------------------ */

#define CLIENTS 8
#define SO_PIN "benchso1"
#define USER_PIN "benchpin"
#define REPLY_MS 30000 /* one batch of signatures; a stuck server fails the row */
#define READY_MS 10000 /* a worker's connect + login (+ token set-up for the first) */

static const CK_BYTE key_id[] = {0xbe, 0x01};

struct worker {
    pid_t pid;
    int fd; /* parent's end of the socketpair */
};
static struct worker workers[CLIENTS];
static int nworkers;
static const char *conf;
static int server_state; /* 0 not tried, 1 running, -1 failed */

/* The module in this process. When the parent already loaded it (the
 * p11-* rows), the inherited copy is initialised in local mode: a fresh
 * copy in a new link-map namespace then runs in cloud mode. */
static CK_FUNCTION_LIST_PTR load_module(void)
{
    static const char path[] = GOST_BUILD_DIR "/libgost-pkcs11.so";
    CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR);
    CK_FUNCTION_LIST_PTR fl;
    void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (h != NULL) {
        dlclose(h);
        h = dlmopen(LM_ID_NEWLM, path, RTLD_NOW | RTLD_LOCAL);
    } else
        h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return NULL;
    *(void **)&get = dlsym(h, "C_GetFunctionList");
    return get != NULL && get(&fl) == CKR_OK ? fl : NULL;
}

/* The first worker's token set-up: initialise, set the user PIN, and make
 * a token key pair (256-bit, paramSetA) every later session finds. */
static CK_RV make_token(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID slot)
{
    static const CK_BYTE oid256a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01,
                                      0x02, 0x01, 0x01, 0x01};
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE pub_t[] = {{CKA_GOSTR3410_PARAMS, (void *)oid256a, sizeof oid256a},
                            {CKA_TOKEN, &yes, sizeof yes},
                            {CKA_ID, (void *)key_id, sizeof key_id}};
    CK_ATTRIBUTE priv_t[] = {{CKA_TOKEN, &yes, sizeof yes},
                             {CKA_PRIVATE, &yes, sizeof yes},
                             {CKA_SIGN, &yes, sizeof yes},
                             {CKA_ID, (void *)key_id, sizeof key_id}};
    CK_MECHANISM m = {CKM_GOSTR3410_KEY_PAIR_GEN, NULL, 0};
    CK_UTF8CHAR label[32];
    CK_SESSION_HANDLE s;
    CK_OBJECT_HANDLE pub, priv;
    CK_RV rv;
    memset(label, ' ', sizeof label);
    memcpy(label, "bench-cloud", 11);
    if ((rv = f->C_InitToken(slot, (CK_UTF8CHAR_PTR)SO_PIN, 8, label)) != CKR_OK ||
        (rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s)) != CKR_OK)
        return rv;
    if ((rv = f->C_Login(s, CKU_SO, (CK_UTF8CHAR_PTR)SO_PIN, 8)) == CKR_OK &&
        (rv = f->C_InitPIN(s, (CK_UTF8CHAR_PTR)USER_PIN, 8)) == CKR_OK &&
        (rv = f->C_Logout(s)) == CKR_OK &&
        (rv = f->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR)USER_PIN, 8)) == CKR_OK)
        rv = f->C_GenerateKeyPair(s, &m, pub_t, 3, priv_t, 4, &pub, &priv);
    f->C_CloseSession(s);
    return rv;
}

/* The slot to use: the first one for the token set-up, then the one whose
 * token carries the bench's label (the module may add an empty slot after
 * an initialised one). */
static CK_RV pick_slot(CK_FUNCTION_LIST_PTR f, int first, CK_SLOT_ID *slot)
{
    CK_SLOT_ID list[16];
    CK_ULONG n = 16;
    CK_RV rv = f->C_GetSlotList(CK_TRUE, list, &n);
    if (rv != CKR_OK || n == 0)
        return rv != CKR_OK ? rv : CKR_SLOT_ID_INVALID;
    for (CK_ULONG i = 0; i < n; i++) {
        CK_TOKEN_INFO ti;
        if (first || (f->C_GetTokenInfo(list[i], &ti) == CKR_OK &&
                      memcmp(ti.label, "bench-cloud ", 12) == 0)) {
            *slot = list[i];
            return CKR_OK;
        }
    }
    return CKR_TOKEN_NOT_RECOGNIZED;
}

/* One signature of a 32-byte hash, as p11-gost3410-256a-sign does. */
static int sign_once(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE key)
{
    CK_MECHANISM m = {CKM_GOSTR3410, NULL, 0};
    CK_BYTE sig[64];
    CK_ULONG len = sizeof sig;
    return f->C_SignInit(s, &m, key) == CKR_OK &&
                   f->C_Sign(s, bench_in, 32, sig, &len) == CKR_OK && len == 64
               ? 0
               : -1;
}

/* The worker process: set up, say "ready" (status 0) or why not (the
 * CK_RV), then sign as many times as each command asks, answering 0 or -1.
 * Ends at EOF. Never returns (_exit: the parent's atexit handlers are not
 * the worker's). */
static void worker_main(int fd, int first)
{
    CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE find_t[] = {{CKA_CLASS, &cls, sizeof cls},
                             {CKA_ID, (void *)key_id, sizeof key_id}};
    CK_SLOT_ID slot;
    CK_ULONG found = 0;
    CK_SESSION_HANDLE s;
    CK_OBJECT_HANDLE key;
    CK_FUNCTION_LIST_PTR f;
    int32_t status = -1;
    uint64_t iters;

    setenv("GOST_P11_CONF", conf, 1);
    unsetenv("GOST_TOKEN_DIR");
    f = load_module();
    CK_RV rv = f == NULL ? CKR_GENERAL_ERROR : f->C_Initialize(NULL);
    if (rv == CKR_OK)
        rv = pick_slot(f, first, &slot);
    if (rv == CKR_OK && first)
        rv = make_token(f, slot);
    if (rv == CKR_OK)
        rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &s);
    if (rv == CKR_OK && (rv = f->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR)USER_PIN, 8)) == CKR_OK &&
        (rv = f->C_FindObjectsInit(s, find_t, 2)) == CKR_OK &&
        (rv = f->C_FindObjects(s, &key, 1, &found)) == CKR_OK)
        rv = f->C_FindObjectsFinal(s);
    if (rv == CKR_OK && found != 1)
        rv = CKR_KEY_HANDLE_INVALID;
    if (rv == CKR_OK)
        status = sign_once(f, s, key) == 0 ? 0 : (int32_t)CKR_FUNCTION_FAILED;
    else
        status = (int32_t)rv;
    if (send(fd, &status, sizeof status, MSG_NOSIGNAL) != sizeof status || status != 0)
        _exit(1);
    while (recv(fd, &iters, sizeof iters, MSG_WAITALL) == sizeof iters) {
        status = 0;
        for (uint64_t i = 0; i < iters && status == 0; i++)
            status = sign_once(f, s, key);
        if (send(fd, &status, sizeof status, MSG_NOSIGNAL) != sizeof status)
            break;
    }
    f->C_Finalize(NULL); /* CLOSE: the server's session ends cleanly */
    _exit(0);
}

/* Waits up to ms for one int32 from each of workers[from..to). */
static int collect(int from, int to, int ms, int32_t *first_bad)
{
    int pending = to - from, done[CLIENTS] = {0};
    *first_bad = 0;
    while (pending > 0) {
        struct pollfd p[CLIENTS];
        int map[CLIENTS], n = 0;
        for (int i = from; i < to; i++)
            if (!done[i]) {
                p[n].fd = workers[i].fd, p[n].events = POLLIN, p[n].revents = 0;
                map[n++] = i;
            }
        int r = poll(p, (nfds_t)n, ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1; /* timed out: the caller gives the row up */
        for (int k = 0; k < n; k++) {
            if (p[k].revents == 0)
                continue;
            int32_t st;
            if (recv(p[k].fd, &st, sizeof st, MSG_WAITALL) != sizeof st)
                st = -1;
            if (st != 0 && *first_bad == 0)
                *first_bad = st;
            done[map[k]] = 1;
            pending--;
        }
    }
    return *first_bad == 0 ? 0 : -1;
}

static void stop_workers(void)
{
    for (int i = 0; i < nworkers; i++)
        close(workers[i].fd); /* EOF: the worker finalises and exits */
    for (int i = 0; i < nworkers; i++) /* they end together: one wait bounds them all */
        bench_cloud_wait(workers[i].pid, i == 0 ? 2000 : 200);
    nworkers = 0;
}

static void stop_all(void)
{
    stop_workers();
    bench_cloud_server_stop();
}

/* Workers up to n, started (the first alone: it makes the token) and
 * ready; -1 with a message otherwise. */
static int ensure_workers(int n)
{
    if (server_state == 0) {
        server_state = -1;
        if (bench_cloud_server_start(&conf) != 0)
            return -1;
        atexit(stop_all); /* runs before the server's own handler */
        server_state = 1;
    }
    if (server_state != 1)
        return -1;
    while (nworkers < n) {
        int from = nworkers, to = nworkers == 0 ? 1 : n;
        for (int i = from; i < to; i++) {
            int sv[2];
            if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
                return -1;
            fflush(NULL);
            pid_t pid = fork();
            if (pid == 0) {
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                for (int j = 0; j < nworkers; j++)
                    close(workers[j].fd);
                close(sv[0]);
                worker_main(sv[1], i == 0);
            }
            close(sv[1]);
            if (pid < 0) {
                close(sv[0]);
                return -1;
            }
            workers[nworkers].pid = pid;
            workers[nworkers].fd = sv[0];
            nworkers++;
        }
        int32_t bad;
        if (collect(from, to, READY_MS, &bad) != 0) {
            fprintf(stderr, "gost-bench: cloud: client set-up failed (%s, CK_RV 0x%lx)\n",
                    bad == 0 ? "timed out" : "error", (unsigned long)(uint32_t)bad);
            server_state = -1;
            stop_all();
            return -1;
        }
    }
    return 0;
}

static int setup_one(void)
{
    return ensure_workers(1);
}

static int setup_many(void)
{
    return ensure_workers(CLIENTS);
}

/* iters signatures in total, split over the first k workers. */
static int sign_batch(int k, size_t iters)
{
    int32_t bad;
    if (nworkers < k)
        return -1;
    for (int i = 0; i < k; i++) {
        uint64_t share = iters / (size_t)k + ((size_t)i < iters % (size_t)k);
        if (send(workers[i].fd, &share, sizeof share, MSG_NOSIGNAL) != sizeof share)
            break;
        if (i == k - 1 && collect(0, k, REPLY_MS, &bad) == 0)
            return 0;
    }
    /* a late answer would pair with the next command: no more cloud rows */
    fprintf(stderr, "gost-bench: cloud: a client failed or timed out; cloud rows stop\n");
    server_state = -1;
    stop_all();
    return -1;
}

static int sign_one_client(size_t size, size_t iters)
{
    (void)size;
    return sign_batch(1, iters);
}

static int sign_many_clients(size_t size, size_t iters)
{
    (void)size;
    return sign_batch(CLIENTS, iters);
}

BENCH_ROW(cloud_sign1, {"cloud-gost3410-256a-sign", 0, setup_one, sign_one_client, NULL, NULL})
BENCH_ROW(cloud_sign8, {"cloud-gost3410-256a-sign-8clients", 0, setup_many, sign_many_clients, NULL, NULL})
