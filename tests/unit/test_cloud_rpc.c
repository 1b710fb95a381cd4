/* The cloud token's RPC end to end without the network: the module's cloud
 * back end (cryptoki/p11_cloud*.c, built into this test) talks through a
 * plain socketpair to a forked child that runs gost_cloud_rpc_serve against a
 * real local module (dlopen, its own GOST_TOKEN_DIR). The channel's
 * encryption is not part of this test. Error codes are compared with a
 * second, local module in this process. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../cryptoki/p11_cloud.c"
#include "../../cryptoki/p11_cloud_ops.c"
#include "gost/curves.h"
#include "gost/gost3410.h"
#include "gost/streebog.h"
#include "test_p11_common.h"

static const CK_BYTE oid_256a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x01, 0x01, 0x01};

static int write_all(int fd, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n > 0) {
        ssize_t k = write(fd, b, n);
        if (k <= 0)
            return -1;
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

static int read_all(int fd, void *p, size_t n)
{
    uint8_t *b = p;
    while (n > 0) {
        ssize_t k = read(fd, b, n);
        if (k <= 0)
            return -1;
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

/* framing of this test only: u64 length, then the bytes */
static int send_msg(int fd, const uint8_t *p, size_t n)
{
    uint64_t len = n;
    return write_all(fd, &len, 8) || write_all(fd, p, n) ? -1 : 0;
}

static int recv_msg(int fd, uint8_t *p, size_t cap, size_t *n)
{
    uint64_t len;
    if (read_all(fd, &len, 8) || len > cap || read_all(fd, p, (size_t)len))
        return -1;
    *n = (size_t)len;
    return 0;
}

static int loop_call(void *ctx, const uint8_t *req, size_t req_len, uint8_t *resp, size_t cap,
                     size_t *resp_len)
{
    int fd = (int)(intptr_t)ctx;
    return send_msg(fd, req, req_len) || recv_msg(fd, resp, cap, resp_len) ? -1 : 0;
}

static void loop_close(void *ctx)
{
    close((int)(intptr_t)ctx);
}

static pid_t server_pid;

/* The child: a local module served over fd until the other end closes. */
static void serve_child(int fd)
{
    static uint8_t req[GOST_CLOUD_MAX_MESSAGE], resp[GOST_CLOUD_MAX_MESSAGE];
    CK_FUNCTION_LIST_PTR f = p11t_start();
    size_t n, m;
    while (recv_msg(fd, req, sizeof req, &n) == 0) {
        if (gost_cloud_rpc_serve(f, req, n, resp, sizeof resp, &m) != 0)
            break; /* undecodable request: the server ends the connection */
        if (send_msg(fd, resp, m) != 0)
            break;
    }
    f->C_Finalize(NULL);
    /* _exit: the child must not run the test framework's exit handlers
     * (LeakSanitizer would report the parent's Criterion state as its own). */
    _exit(0);
}

/* Starts the server child and initialises the cloud back end on it. */
static const struct p11_backend *start_cloud(void)
{
    int sv[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    server_pid = fork();
    cr_assert_neq(server_pid, -1);
    if (server_pid == 0) {
        close(sv[0]);
        serve_child(sv[1]);
    }
    close(sv[1]);
    struct gost_cloud_transport t = {(void *)(intptr_t)sv[0], loop_call, loop_close};
    p11_cloud_use_transport(&t);
    cr_assert_eq(p11_cloud_backend.initialize(), CKR_OK);
    return &p11_cloud_backend;
}

static void stop_cloud(const struct p11_backend *b)
{
    int st;
    b->finalize();
    cr_assert_eq(waitpid(server_pid, &st, 0), server_pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "server child died: status %d", st);
}

/* A fresh token on the remote module, a user session logged in. */
static CK_SESSION_HANDLE user_session(const struct p11_backend *b)
{
    CK_SLOT_ID slots[16], slot = (CK_SLOT_ID)-1;
    CK_ULONG n = 0;
    CK_SESSION_HANDLE s;
    CK_UTF8CHAR label[32];
    if (!p11t_store_available())
        cr_skip_test("no token store in this build");
    P11_OK(b->get_slot_list(CK_FALSE, NULL, &n)); /* length query */
    cr_assert(n >= 1 && n <= 16);
    P11_OK(b->get_slot_list(CK_FALSE, slots, &n));
    for (CK_ULONG i = 0; i < n && slot == (CK_SLOT_ID)-1; i++) {
        CK_TOKEN_INFO ti;
        P11_OK(b->get_token_info(slots[i], &ti));
        cr_assert_eq(memcmp(ti.manufacturerID, "libgost", 7), 0);
        if (!(ti.flags & CKF_TOKEN_INITIALIZED))
            slot = slots[i];
    }
    cr_assert_neq(slot, (CK_SLOT_ID)-1);
    memset(label, ' ', sizeof label);
    memcpy(label, "cloud", 5);
    P11_OK(b->init_token(slot, (CK_UTF8CHAR_PTR)P11_SO_PIN, strlen(P11_SO_PIN), label));
    CK_TOKEN_INFO ti;
    P11_OK(b->get_token_info(slot, &ti));
    cr_assert(ti.flags & CKF_TOKEN_INITIALIZED);
    cr_assert_eq(memcmp(ti.label, label, 32), 0);
    P11_OK(b->open_session(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, &s));
    P11_RV(b->login(s, CKU_SO, (CK_UTF8CHAR_PTR)"wrong-pin", 9), CKR_PIN_INCORRECT);
    P11_OK(b->login(s, CKU_SO, (CK_UTF8CHAR_PTR)P11_SO_PIN, strlen(P11_SO_PIN)));
    P11_OK(b->init_pin(s, (CK_UTF8CHAR_PTR)"first-pin", 9));
    P11_OK(b->logout(s));
    P11_OK(b->login(s, CKU_USER, (CK_UTF8CHAR_PTR)"first-pin", 9));
    P11_OK(b->set_pin(s, (CK_UTF8CHAR_PTR)"first-pin", 9, (CK_UTF8CHAR_PTR)P11_USER_PIN,
                      strlen(P11_USER_PIN)));
    P11_OK(b->logout(s));
    P11_OK(b->login(s, CKU_USER, (CK_UTF8CHAR_PTR)P11_USER_PIN, strlen(P11_USER_PIN)));
    CK_SESSION_INFO si;
    P11_OK(b->get_session_info(s, &si));
    cr_assert_eq(si.slotID, slot);
    cr_assert_eq(si.state, CKS_RW_USER_FUNCTIONS);
    return s;
}

Test(cloud_rpc, keypair_sign_verify_attributes, .timeout = 120)
{
    const struct p11_backend *b = start_cloud();
    CK_SESSION_HANDLE s = user_session(b);
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_MECHANISM gen = {CKM_GOSTR3410_KEY_PAIR_GEN, NULL, 0};
    CK_ATTRIBUTE pt[] = {{CKA_TOKEN, &yes, 1}, {CKA_VERIFY, &yes, 1},
                         {CKA_GOSTR3410_PARAMS, (void *)oid_256a, sizeof oid_256a}};
    CK_ATTRIBUTE kt[] = {{CKA_TOKEN, &yes, 1}, {CKA_SIGN, &yes, 1}, {CKA_PRIVATE, &yes, 1},
                         {CKA_GOSTR3410_PARAMS, (void *)oid_256a, sizeof oid_256a}};
    CK_OBJECT_HANDLE pub, priv;
    P11_OK(b->generate_key_pair(s, &gen, pt, 3, kt, 4, &pub, &priv));

    /* attributes: a length query, the value, a sensitive one, an unknown one */
    CK_BYTE q[64], sink[64];
    CK_ATTRIBUTE a = {CKA_VALUE, NULL, 0};
    P11_OK(b->get_attribute_value(s, pub, &a, 1));
    cr_assert_eq(a.ulValueLen, 64);
    a.pValue = q;
    a.ulValueLen = 10;
    P11_RV(b->get_attribute_value(s, pub, &a, 1), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(a.ulValueLen, CK_UNAVAILABLE_INFORMATION);
    a.ulValueLen = sizeof q;
    P11_OK(b->get_attribute_value(s, pub, &a, 1));
    cr_assert_eq(a.ulValueLen, 64);
    CK_BBOOL sens = CK_FALSE;
    CK_ATTRIBUTE pa[] = {{CKA_VALUE, sink, sizeof sink}, {CKA_SENSITIVE, &sens, 1}};
    P11_RV(b->get_attribute_value(s, priv, pa, 2), CKR_ATTRIBUTE_SENSITIVE);
    cr_assert_eq(pa[0].ulValueLen, CK_UNAVAILABLE_INFORMATION);
    cr_assert_eq(pa[1].ulValueLen, 1);
    cr_assert_eq(sens, CK_TRUE);

    /* sign: length query, short buffer, the signature; libgost verifies it */
    CK_MECHANISM m = {CKM_GOSTR3410, NULL, 0};
    CK_BYTE digest[32], sig[64];
    CK_ULONG sl = 0;
    for (int i = 0; i < 32; i++)
        digest[i] = (CK_BYTE)(7 * i + 1);
    P11_OK(b->op_init(s, P11_OP_SIGN, &m, priv));
    P11_OK(b->op_oneshot(s, P11_OP_SIGN, digest, 32, NULL, &sl));
    cr_assert_eq(sl, 64);
    sl = 63;
    P11_RV(b->op_oneshot(s, P11_OP_SIGN, digest, 32, sig, &sl), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(sl, 64);
    P11_OK(b->op_oneshot(s, P11_OP_SIGN, digest, 32, sig, &sl));
    cr_assert_eq(sl, 64);
    cr_assert_eq(gost_3410_verify_digest(GOST_CURVE_256_A, q, digest, 32, sig), 0);
    P11_OK(b->op_init(s, P11_OP_VERIFY, &m, pub));
    P11_OK(b->verify(s, digest, 32, sig, 64));
    sig[5] ^= 1;
    P11_OK(b->op_init(s, P11_OP_VERIFY, &m, pub));
    P11_RV(b->verify(s, digest, 32, sig, 64), CKR_SIGNATURE_INVALID);

    /* find: the two token objects, then only the private key */
    CK_OBJECT_HANDLE h[8];
    CK_ULONG got = 0;
    P11_OK(b->find_objects_init(s, NULL, 0));
    P11_OK(b->find_objects(s, h, 8, &got));
    P11_OK(b->find_objects_final(s));
    cr_assert_eq(got, 2);
    CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE ft = {CKA_CLASS, &cls, sizeof cls};
    P11_OK(b->find_objects_init(s, &ft, 1));
    P11_OK(b->find_objects(s, h, 8, &got));
    P11_OK(b->find_objects_final(s));
    cr_assert_eq(got, 1);
    cr_assert_eq(h[0], priv);
    CK_ATTRIBUTE setl = {CKA_LABEL, "renamed", 7};
    P11_OK(b->set_attribute_value(s, priv, &setl, 1));
    CK_BYTE lab[16];
    CK_ATTRIBUTE getl = {CKA_LABEL, lab, sizeof lab};
    P11_OK(b->get_attribute_value(s, priv, &getl, 1));
    cr_assert(getl.ulValueLen == 7 && memcmp(lab, "renamed", 7) == 0);
    (void)no;
    P11_OK(b->destroy_object(s, pub));
    P11_RV(b->destroy_object(s, pub), CKR_OBJECT_HANDLE_INVALID);
    P11_OK(b->close_session(s));
    stop_cloud(b);
}

Test(cloud_rpc, digest_multipart_and_random, .timeout = 60)
{
    const struct p11_backend *b = start_cloud();
    CK_SLOT_ID slots[16];
    CK_ULONG n = 16;
    CK_SESSION_HANDLE s = user_session(b);
    P11_OK(b->get_slot_list(CK_FALSE, slots, &n));
    static CK_BYTE msg[100000];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (CK_BYTE)(i * 131 + 7);
    uint8_t want[32];
    cr_assert_eq(gost_streebog256(msg, sizeof msg, want), 0);
    CK_MECHANISM m = {CKM_GOSTR3411_12_256, NULL, 0};
    CK_BYTE out[32];
    CK_ULONG ol = sizeof out;
    P11_OK(b->op_init(s, P11_OP_DIGEST, &m, CK_INVALID_HANDLE));
    P11_OK(b->op_update(s, P11_OP_DIGEST, msg, 1, NULL, NULL));
    P11_OK(b->op_update(s, P11_OP_DIGEST, msg + 1, 60000, NULL, NULL));
    P11_OK(b->op_update(s, P11_OP_DIGEST, msg + 60001, sizeof msg - 60001, NULL, NULL));
    CK_ULONG ql = 0;
    P11_OK(b->op_final(s, P11_OP_DIGEST, NULL, &ql)); /* length query keeps the operation */
    cr_assert_eq(ql, 32);
    P11_OK(b->op_final(s, P11_OP_DIGEST, out, &ol));
    cr_assert_eq(ol, 32);
    cr_assert_eq(memcmp(out, want, 32), 0);
    P11_OK(b->op_init(s, P11_OP_DIGEST, &m, CK_INVALID_HANDLE));
    P11_OK(b->op_oneshot(s, P11_OP_DIGEST, msg, sizeof msg, out, &ol));
    cr_assert_eq(memcmp(out, want, 32), 0);
    CK_BYTE r1[48] = {0}, r2[48] = {0};
    P11_OK(b->generate_random(s, r1, sizeof r1));
    P11_OK(b->generate_random(s, r2, sizeof r2));
    cr_assert_neq(memcmp(r1, r2, sizeof r1), 0);
    CK_MECHANISM_TYPE mechs[128];
    CK_ULONG mn = 0;
    P11_OK(b->get_mechanism_list(slots[0], NULL, &mn));
    cr_assert(mn > 1 && mn <= 128);
    CK_ULONG small = 1;
    P11_RV(b->get_mechanism_list(slots[0], mechs, &small), CKR_BUFFER_TOO_SMALL);
    cr_assert_eq(small, mn);
    P11_OK(b->get_mechanism_list(slots[0], mechs, &mn));
    CK_MECHANISM_INFO mi;
    P11_OK(b->get_mechanism_info(slots[0], CKM_GOSTR3411_12_256, &mi));
    cr_assert(mi.flags & CKF_DIGEST);
    P11_OK(b->close_session(s));
    stop_cloud(b);
}

/* The same wrong calls give the same codes remotely and locally. */
Test(cloud_rpc, errors_match_local, .timeout = 60)
{
    const struct p11_backend *b = start_cloud();
    CK_FUNCTION_LIST_PTR f = p11t_start(); /* a local module in this process */
    CK_SESSION_HANDLE rs = user_session(b), ls = p11t_user_session(f, NULL);
    CK_BYTE buf[64];
    CK_ULONG bl = sizeof buf;
    CK_ATTRIBUTE a = {CKA_VALUE, buf, sizeof buf};
    CK_MECHANISM bad = {0x7fffff01UL, NULL, 0};
    CK_MECHANISM dg = {CKM_GOSTR3411_12_256, NULL, 0};
    P11_RV(b->close_session(4242), f->C_CloseSession(4242));
    P11_RV(b->get_attribute_value(rs, 4242, &a, 1), f->C_GetAttributeValue(ls, 4242, &a, 1));
    P11_RV(b->op_init(rs, P11_OP_SIGN, &dg, 4242), f->C_SignInit(ls, &dg, 4242));
    P11_RV(b->op_init(rs, P11_OP_DIGEST, &bad, 0), f->C_DigestInit(ls, &bad));
    P11_RV(b->op_final(rs, P11_OP_DIGEST, buf, &bl), f->C_DigestFinal(ls, buf, &bl));
    P11_RV(b->login(rs, CKU_USER, (CK_UTF8CHAR_PTR)"x", 1),
           f->C_Login(ls, CKU_USER, (CK_UTF8CHAR_PTR)"x", 1));
    P11_RV(b->logout(rs), f->C_Logout(ls));
    P11_RV(b->logout(rs), f->C_Logout(ls));
    P11_RV(b->login(rs, CKU_USER, (CK_UTF8CHAR_PTR)"wrong", 5),
           f->C_Login(ls, CKU_USER, (CK_UTF8CHAR_PTR)"wrong", 5));
    P11_RV(b->get_token_info(999, &(CK_TOKEN_INFO){0}), f->C_GetTokenInfo(999, &(CK_TOKEN_INFO){0}));
    P11_OK(f->C_Finalize(NULL));
    stop_cloud(b);
}

/* A server that goes away: CKR_DEVICE_REMOVED, no crash, and it stays removed. */
Test(cloud_rpc, dropped_connection, .timeout = 60)
{
    const struct p11_backend *b = start_cloud();
    CK_SLOT_ID slot;
    CK_ULONG n = 1;
    int st;
    P11_OK(b->get_slot_list(CK_FALSE, &slot, &n));
    kill(server_pid, SIGKILL);
    waitpid(server_pid, &st, 0);
    signal(SIGPIPE, SIG_IGN);
    P11_RV(b->get_slot_list(CK_FALSE, &slot, &n), CKR_DEVICE_REMOVED);
    P11_RV(b->get_token_info(slot, &(CK_TOKEN_INFO){0}), CKR_DEVICE_REMOVED);
    b->finalize();
}

/* Undecodable requests end the connection (the server returns an error);
 * a request with a hostile output capacity is answered within bounds. */
Test(cloud_rpc, hostile_requests, .timeout = 60)
{
    CK_FUNCTION_LIST_PTR f = p11t_start();
    static uint8_t resp[GOST_CLOUD_MAX_MESSAGE];
    size_t rl;
    uint8_t req[64];
    struct rpc_out w = {req, sizeof req, 0, 0};
    cr_assert_lt(gost_cloud_rpc_serve(f, req, 0, resp, sizeof resp, &rl), 0);
    rpc_put_u64(&w, 999);
    cr_assert_lt(gost_cloud_rpc_serve(f, req, w.len, resp, sizeof resp, &rl), 0);
    /* GetSlotList with a claimed capacity of 2^60 entries */
    w.len = 0;
    rpc_put_u64(&w, RPC_GET_SLOT_LIST);
    rpc_put_u64(&w, 0);
    rpc_put_opt(&w, req, (uint64_t)1 << 60, 0);
    cr_assert_eq(gost_cloud_rpc_serve(f, req, w.len, resp, sizeof resp, &rl), 0);
    struct rpc_in r = {resp, rl, 0, 0};
    cr_assert_eq(rpc_get_u64(&r), CKR_OK);
    /* the same with one byte too many is refused */
    req[w.len] = 0;
    cr_assert_lt(gost_cloud_rpc_serve(f, req, w.len + 1, resp, sizeof resp, &rl), 0);
    /* truncated at every length */
    for (size_t k = 0; k < w.len; k++)
        cr_assert_lt(gost_cloud_rpc_serve(f, req, k, resp, sizeof resp, &rl), 0, "k=%zu", k);
    P11_OK(f->C_Finalize(NULL));
}

/* The module picks the cloud back end only when GOST_P11_CONF names a server:
 * with nothing listening (or no channel code in the build) C_Initialize says
 * CKR_DEVICE_ERROR; a settings file without `server` keeps the local token. */
Test(cloud_rpc, backend_selection_by_settings, .timeout = 60)
{
    CK_FUNCTION_LIST_PTR f = p11t_load();
    char path[96];
    snprintf(path, sizeof path, "%s/p11.conf", p11t_token_dir());
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("# no server here\nserverless = yes\nserver =\n", fp);
    fclose(fp);
    setenv("GOST_P11_CONF", path, 1);
    P11_OK(f->C_Initialize(NULL));
    CK_ULONG n = 0;
    P11_OK(f->C_GetSlotList(CK_FALSE, NULL, &n));
    cr_assert_gt(n, 0);
    P11_OK(f->C_Finalize(NULL));
    fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("# a server on a port where nothing listens\n  server = 127.0.0.1:1\n", fp);
    fclose(fp);
    P11_RV(f->C_Initialize(NULL), CKR_DEVICE_ERROR);
    P11_RV(f->C_GetSlotList(CK_FALSE, NULL, &n), CKR_CRYPTOKI_NOT_INITIALIZED);
    unsetenv("GOST_P11_CONF");
}

/* The GOST mechanism parameter structs cross the wire field by field and come
 * back equal; every truncation of the encoding is refused. */
Test(cloud_rpc, mechanism_params_round_trip)
{
    CK_BYTE pubk[64], ukm[8], nonce[16], aad[5], label[4], seed[8], iv[8];
    for (int i = 0; i < 64; i++)
        pubk[i] = (CK_BYTE)i;
    memset(ukm, 0xa5, sizeof ukm);
    memset(nonce, 0x11, sizeof nonce);
    memcpy(aad, "hello", 5);
    memcpy(label, "kdf!", 4);
    memset(seed, 0x5c, sizeof seed);
    memset(iv, 0x3c, sizeof iv);
    CK_GOSTR3410_DERIVE_PARAMS dp = {CKD_NULL, pubk, sizeof pubk, ukm, sizeof ukm};
    CK_GOST_MGM_PARAMS mp = {nonce, sizeof nonce, aad, sizeof aad, 128};
    CK_KDF_TREE_GOST_PARAMS tp = {sizeof label, label, sizeof seed, seed, 1, 256, 0};
    CK_ECDH1_DERIVE_PARAMS ep = {CKD_NULL, sizeof seed, seed, sizeof pubk, pubk};
    CK_ULONG section = 4096;
    CK_MECHANISM ms[] = {{CKM_GOSTR3410_12_DERIVE, &dp, sizeof dp},
                         {CKM_GOST_KEG, &ep, sizeof ep},
                         {CKM_KUZNYECHIK_MGM, &mp, sizeof mp},
                         {CKM_KDF_TREE_GOSTR3411_2012_256, &tp, sizeof tp},
                         {CKM_KUZNYECHIK_CTR_ACPKM, &section, sizeof section},
                         {CKM_KUZNYECHIK_KEXP_15_WRAP, iv, sizeof iv},
                         {CKM_GOSTR3411_12_256, NULL, 0}};
    for (size_t k = 0; k < sizeof ms / sizeof ms[0]; k++) {
        uint8_t buf[512];
        struct rpc_out w = {buf, sizeof buf, 0, 0};
        struct rpc_mech d;
        rpc_put_mech(&w, &ms[k]);
        cr_assert_eq(w.err, 0);
        struct rpc_in r = {buf, w.len, 0, 0};
        cr_assert_eq(rpc_get_mech(&r, &d), 0);
        cr_assert(rpc_get_done(&r));
        cr_assert_eq(d.m.mechanism, ms[k].mechanism);
        cr_assert_eq(d.m.ulParameterLen, ms[k].ulParameterLen);
        if (k == 0) {
            const CK_GOSTR3410_DERIVE_PARAMS *p = d.m.pParameter;
            cr_assert(p->kdf == CKD_NULL && p->ulPublicDataLen == 64 && p->ulUKMLen == 8);
            cr_assert(!memcmp(p->pPublicData, pubk, 64) && !memcmp(p->pUKM, ukm, 8));
        } else if (k == 1) {
            const CK_ECDH1_DERIVE_PARAMS *p = d.m.pParameter;
            cr_assert(p->kdf == CKD_NULL && p->ulPublicDataLen == 64 && p->ulSharedDataLen == 8);
            cr_assert(!memcmp(p->pPublicData, pubk, 64) && !memcmp(p->pSharedData, seed, 8));
        } else if (k == 2) {
            const CK_GOST_MGM_PARAMS *p = d.m.pParameter;
            cr_assert(p->ulNonceLen == 16 && p->ulAADLen == 5 && p->ulTagBits == 128);
            cr_assert(!memcmp(p->pNonce, nonce, 16) && !memcmp(p->pAAD, aad, 5));
        } else if (k == 3) {
            const CK_KDF_TREE_GOST_PARAMS *p = d.m.pParameter;
            cr_assert(p->ulLabelLength == 4 && p->ulSeedLength == 8 && p->ulR == 1 &&
                      p->ulL == 256 && p->ulOffset == 0);
            cr_assert(!memcmp(p->pLabel, label, 4) && !memcmp(p->pSeed, seed, 8));
        } else if (k < 6) {
            cr_assert_eq(memcmp(d.m.pParameter, ms[k].pParameter, ms[k].ulParameterLen), 0);
        } else {
            cr_assert_null(d.m.pParameter);
        }
        for (size_t cut = 0; cut < w.len; cut++) {
            struct rpc_in t = {buf, cut, 0, 0};
            cr_assert(rpc_get_mech(&t, &d) != 0 || !rpc_get_done(&t), "mech %zu cut %zu", k, cut);
        }
    }
}

/* A server whose answers are damaged: CKR_DEVICE_ERROR, never a crash or a
 * write past the caller's buffers; the connection is then dropped. */
static int damage;
static int damaged_call(void *ctx, const uint8_t *req, size_t req_len, uint8_t *resp, size_t cap,
                        size_t *resp_len)
{
    int rc = loop_call(ctx, req, req_len, resp, cap, resp_len);
    if (rc == 0 && damage == 1 && *resp_len > 8)
        *resp_len -= 1; /* truncated */
    else if (rc == 0 && damage == 2 && *resp_len < cap)
        resp[(*resp_len)++] = 0; /* a trailing byte */
    return rc;
}

Test(cloud_rpc, damaged_answers, .timeout = 60)
{
    for (damage = 1; damage <= 2; damage++) {
        const struct p11_backend *b = start_cloud();
        CK_SLOT_ID slots[4] = {0x55, 0x55, 0x55, 0x55};
        CK_ULONG n = 1;
        conn.call = damaged_call;
        P11_RV(b->get_slot_list(CK_FALSE, slots, &n), CKR_DEVICE_ERROR);
        cr_assert_eq(slots[1], 0x55); /* nothing written past the one slot asked for */
        P11_RV(b->get_slot_list(CK_FALSE, NULL, &n), CKR_DEVICE_REMOVED);
        stop_cloud(b);
    }
}

/* A template value at NULL with a length stops in the client
 * (CKR_ARGUMENTS_BAD) and the connection stays up. */
Test(cloud_rpc, null_value_with_length, .timeout = 60)
{
    const struct p11_backend *b = start_cloud();
    CK_SESSION_HANDLE s = user_session(b);
    CK_OBJECT_HANDLE h;
    CK_ATTRIBUTE t = {CKA_LABEL, NULL, 5};
    P11_RV(b->create_object(s, &t, 1, &h), CKR_ARGUMENTS_BAD);
    P11_OK(b->find_objects_init(s, NULL, 0));
    P11_OK(b->find_objects_final(s));
    stop_cloud(b);
}

/* An operation the module ends itself on CKR_ARGUMENTS_BAD (the op_abort
 * hook) ends on the server too: the next C_*Init is accepted, not answered
 * CKR_OPERATION_ACTIVE. Aborting a kind with no active operation is harmless. */
Test(cloud_rpc, op_abort_ends_the_server_operation, .timeout = 60)
{
    const struct p11_backend *b = start_cloud();
    CK_SESSION_HANDLE s = user_session(b);
    CK_MECHANISM m = {CKM_GOSTR3411_12_256, NULL, 0};
    CK_BYTE out[32];
    CK_ULONG ol = sizeof out;
    cr_assert_not_null(b->op_abort);
    P11_OK(b->op_init(s, P11_OP_DIGEST, &m, CK_INVALID_HANDLE));
    P11_RV(b->op_init(s, P11_OP_DIGEST, &m, CK_INVALID_HANDLE), CKR_OPERATION_ACTIVE);
    b->op_abort(s, P11_OP_DIGEST);
    P11_RV(b->op_final(s, P11_OP_DIGEST, out, &ol), CKR_OPERATION_NOT_INITIALIZED);
    b->op_abort(s, P11_OP_SIGN); /* nothing active: no effect */
    P11_OK(b->op_init(s, P11_OP_DIGEST, &m, CK_INVALID_HANDLE));
    P11_OK(b->op_oneshot(s, P11_OP_DIGEST, (CK_BYTE_PTR) "abc", 3, out, &ol));
    cr_assert_eq(ol, 32);
    P11_OK(b->close_session(s));
    stop_cloud(b);
}
