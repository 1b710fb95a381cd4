/* gost_cloud_rpc_serve (lib/cloud/cloud_rpc_serve.c) on any bytes, against a
 * real local module (dlopen of the build's libgost-pkcs11.so, its own
 * temporary GOST_TOKEN_DIR, a token initialised and a user session open so
 * requests reach past the handle checks). A request from the network must
 * never crash the server or make it answer more than the buffer holds. */
#include <dlfcn.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cloud/cloud_transport.h"
#include "fuzz.h"

static char dir[64];
static CK_FUNCTION_LIST_PTR module;
static int tried;

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

static void cleanup(void)
{
    if (module != NULL)
        module->C_Finalize(NULL);
    if (dir[0] != '\0')
        nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static CK_FUNCTION_LIST_PTR load(void)
{
    CK_RV (*get)(CK_FUNCTION_LIST_PTR_PTR);
    CK_FUNCTION_LIST_PTR f = NULL;
    CK_SLOT_ID slot;
    CK_ULONG n = 1;
    CK_SESSION_HANDLE s;
    CK_UTF8CHAR label[32];
    if (tried)
        return module;
    tried = 1;
    snprintf(dir, sizeof dir, "/tmp/gost-fuzz-rpc-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return NULL;
    atexit(cleanup);
    setenv("GOST_TOKEN_DIR", dir, 1);
    unsetenv("GOST_P11_CONF");
    void *h = dlopen(GOST_BUILD_DIR "/libgost-pkcs11.so", RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        fprintf(stderr, "fuzz_cloud_rpc: %s\n", dlerror());
        return NULL;
    }
    *(void **)&get = dlsym(h, "C_GetFunctionList");
    if (get == NULL || get(&f) != CKR_OK || f->C_Initialize(NULL) != CKR_OK)
        return NULL;
    module = f;
    /* a token and a logged-in session: handle 1 is then a live session */
    memset(label, ' ', sizeof label);
    if (f->C_GetSlotList(CK_FALSE, &slot, &n) == CKR_OK &&
        f->C_InitToken(slot, (CK_UTF8CHAR_PTR)"so-pin-1234", 11, label) == CKR_OK &&
        f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s) == CKR_OK &&
        f->C_Login(s, CKU_SO, (CK_UTF8CHAR_PTR)"so-pin-1234", 11) == CKR_OK &&
        f->C_InitPIN(s, (CK_UTF8CHAR_PTR)"user-pin", 8) == CKR_OK && f->C_Logout(s) == CKR_OK)
        f->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR)"user-pin", 8);
    return module;
}

FUZZ_HARNESS(cloud_rpc)
{
    static uint8_t resp[GOST_CLOUD_MAX_MESSAGE];
    size_t len = 12345;
    CK_FUNCTION_LIST_PTR f = load();
    if (f == NULL)
        return; /* no module in this build: nothing to serve */
    int rc = gost_cloud_rpc_serve(f, data, size, resp, sizeof resp, &len);
    if (rc == 0)
        FUZZ_CHECK(len >= 8 && len <= sizeof resp);
    else
        FUZZ_CHECK(rc < 0 && len == 0);
    /* a small answer buffer must give an error or a bounded answer, never an overrun */
    uint8_t small[64];
    rc = gost_cloud_rpc_serve(f, data, size, small, sizeof small, &len);
    FUZZ_CHECK(rc != 0 || (len >= 8 && len <= sizeof small));
}
