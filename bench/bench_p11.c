/* gost-bench rows through the Cryptoki module, to show the cost of the
 * PKCS#11 layer beside the direct rows of the same operations:
 *   p11-gost3410-256a-sign, p11-gost3410-512a-sign (ops/s) next to gost3410-*-sign,
 *   p11-streebog256, p11-streebog512 (MB/s) next to streebog256/512,
 *   p11-kuznyechik-ctr, p11-kuznyechik-mgm (MB/s, encryption) next to
 *   kuznyechik-ctr / kuznyechik-mgm.
 * The module is dlopen'ed from the build directory and works on a token made
 * in a temporary GOST_TOKEN_DIR; rows are skipped when no token can be made
 * (a build without the store's cipher). */
#include <dlfcn.h>
#include <ftw.h>
#include <p11-kit/pkcs11.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cryptoki/gost_pkcs11.h"
#include "bench.h"

static CK_FUNCTION_LIST_PTR f;
static CK_SESSION_HANDLE sess;
static int state; /* 0 not tried, 1 ready, -1 unavailable */
static CK_OBJECT_HANDLE priv256, priv512, kuz;
static char token_dir[64];

static CK_RV make_keypair(const CK_BYTE *oid, CK_ULONG oid_len, CK_MECHANISM_TYPE mech,
                          CK_OBJECT_HANDLE *priv)
{
    CK_MECHANISM m = {mech, NULL, 0};
    CK_OBJECT_HANDLE pub;
    CK_ATTRIBUTE pt[] = {{CKA_GOSTR3410_PARAMS, (void *)oid, oid_len}};
    return f->C_GenerateKeyPair(sess, &m, pt, 1, NULL, 0, &pub, priv);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* The temporary token goes away with the run. */
static void cleanup(void)
{
    if (f != NULL)
        f->C_Finalize(NULL);
    nftw(token_dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static int start(void)
{
    static const CK_BYTE oid256a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01,
                                      0x02, 0x01, 0x01, 0x01};
    static const CK_BYTE oid512a[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01,
                                      0x02, 0x01, 0x02, 0x01};
    CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR);
    CK_UTF8CHAR label[32];
    CK_SESSION_HANDLE so;
    void *h;
    if (state != 0)
        return state == 1 ? 0 : -1;
    state = -1;
    snprintf(token_dir, sizeof token_dir, "/tmp/gost-bench-p11-XXXXXX");
    if (mkdtemp(token_dir) == NULL)
        return -1;
    setenv("GOST_TOKEN_DIR", token_dir, 1);
    atexit(cleanup);
    h = dlopen(GOST_BUILD_DIR "/libgost-pkcs11.so", RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return -1;
    *(void **)&get = dlsym(h, "C_GetFunctionList");
    memset(label, ' ', sizeof label);
    memcpy(label, "bench", 5);
    if (get == NULL || get(&f) != CKR_OK || f->C_Initialize(NULL) != CKR_OK ||
        f->C_InitToken(0, (CK_UTF8CHAR_PTR) "benchso1", 8, label) != CKR_OK ||
        f->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &so) != CKR_OK ||
        f->C_Login(so, CKU_SO, (CK_UTF8CHAR_PTR) "benchso1", 8) != CKR_OK ||
        f->C_InitPIN(so, (CK_UTF8CHAR_PTR) "benchpin", 8) != CKR_OK ||
        f->C_CloseSession(so) != CKR_OK ||
        f->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &sess) != CKR_OK ||
        f->C_Login(sess, CKU_USER, (CK_UTF8CHAR_PTR) "benchpin", 8) != CKR_OK ||
        make_keypair(oid256a, sizeof oid256a, CKM_GOSTR3410_KEY_PAIR_GEN, &priv256) != CKR_OK ||
        make_keypair(oid512a, sizeof oid512a, CKM_GOSTR3410_512_KEY_PAIR_GEN, &priv512) != CKR_OK)
        return -1;
    {
        CK_MECHANISM kg = {CKM_KUZNYECHIK_KEY_GEN, NULL, 0};
        CK_BBOOL yes = CK_TRUE;
        CK_ATTRIBUTE kt[] = {{CKA_ENCRYPT, &yes, 1}};
        if (f->C_GenerateKey(sess, &kg, kt, 1, &kuz) != CKR_OK)
            return -1;
    }
    state = 1;
    return 0;
}

static int sign(CK_MECHANISM_TYPE mech, CK_OBJECT_HANDLE key, size_t n, size_t iters)
{
    CK_MECHANISM m = {mech, NULL, 0};
    CK_BYTE sig[128];
    for (size_t i = 0; i < iters; i++) {
        CK_ULONG len = sizeof sig;
        if (f->C_SignInit(sess, &m, key) != CKR_OK ||
            f->C_Sign(sess, bench_in, (CK_ULONG)n, sig, &len) != CKR_OK)
            return -1;
        bench_sink ^= sig[0];
    }
    return 0;
}

static int sign256(size_t size, size_t iters)
{
    (void)size;
    return sign(CKM_GOSTR3410, priv256, 32, iters);
}

static int sign512(size_t size, size_t iters)
{
    (void)size;
    return sign(CKM_GOSTR3410_512, priv512, 64, iters);
}

static int digest(CK_MECHANISM_TYPE mech, size_t size, size_t iters)
{
    CK_MECHANISM m = {mech, NULL, 0};
    CK_BYTE out[64];
    for (size_t i = 0; i < iters; i++) {
        CK_ULONG len = sizeof out;
        if (f->C_DigestInit(sess, &m) != CKR_OK ||
            f->C_Digest(sess, bench_in, (CK_ULONG)size, out, &len) != CKR_OK)
            return -1;
        bench_sink ^= out[0];
    }
    return 0;
}

static int digest256(size_t size, size_t iters)
{
    return digest(CKM_GOSTR3411_12_256, size, iters);
}

static int digest512(size_t size, size_t iters)
{
    return digest(CKM_GOSTR3411_12_512, size, iters);
}

/* One C_EncryptInit + C_Encrypt per message, as an application would. */
static int encrypt(CK_MECHANISM *m, size_t size, size_t iters)
{
    for (size_t i = 0; i < iters; i++) {
        CK_ULONG len = (CK_ULONG)size + 16;
        if (f->C_EncryptInit(sess, m, kuz) != CKR_OK ||
            f->C_Encrypt(sess, bench_in, (CK_ULONG)size, bench_out, &len) != CKR_OK)
            return -1;
        bench_sink ^= bench_out[0];
    }
    return 0;
}

static int kuz_ctr(size_t size, size_t iters)
{
    CK_BYTE iv[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    CK_MECHANISM m = {CKM_LIBGOST_KUZNYECHIK_CTR, iv, sizeof iv};
    return encrypt(&m, size, iters);
}

static int kuz_mgm(size_t size, size_t iters)
{
    CK_BYTE nonce[16] = {1, 2, 3};
    CK_GOST_MGM_PARAMS p = {nonce, sizeof nonce, NULL, 0, 128};
    CK_MECHANISM m = {CKM_KUZNYECHIK_MGM, &p, sizeof p};
    return encrypt(&m, size, iters);
}

BENCH_ROW(p11_sign256, {"p11-gost3410-256a-sign", 0, start, sign256, NULL, NULL})
BENCH_ROW(p11_sign512, {"p11-gost3410-512a-sign", 0, start, sign512, NULL, NULL})
BENCH_ROW(p11_streebog256, {"p11-streebog256", 1, start, digest256, NULL, NULL})
BENCH_ROW(p11_streebog512, {"p11-streebog512", 1, start, digest512, NULL, NULL})
BENCH_ROW(p11_kuz_ctr, {"p11-kuznyechik-ctr", 1, start, kuz_ctr, NULL, NULL})
BENCH_ROW(p11_kuz_mgm, {"p11-kuznyechik-mgm", 1, start, kuz_mgm, NULL, NULL})
