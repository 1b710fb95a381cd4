/* Loading the module, choosing a slot, opening a session, logging in. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "p11conf.h"

int p11c_fail(const char *function, CK_RV rv)
{
    fprintf(stderr, "gost-p11conf: %s: %s (0x%08lx)\n", function, p11c_rv_name(rv),
            (unsigned long)rv);
    return P11C_EXIT_P11;
}

int p11c_load(p11c *c)
{
    CK_C_GetFunctionList get;
    CK_RV rv;

    c->handle = dlopen(c->library, RTLD_NOW | RTLD_LOCAL);
    if (c->handle == NULL) {
        fprintf(stderr, "gost-p11conf: cannot load %s: %s\n", c->library, dlerror());
        return P11C_EXIT_INPUT;
    }
    *(void **)&get = dlsym(c->handle, "C_GetFunctionList");
    if (get == NULL) {
        fprintf(stderr, "gost-p11conf: %s has no C_GetFunctionList\n", c->library);
        return P11C_EXIT_INPUT;
    }
    rv = get(&c->f);
    if (rv != CKR_OK)
        return p11c_fail("C_GetFunctionList", rv);
    /* The tool is single-threaded, but says it can use OS locking so that
     * modules which insist on threads (p11-kit's client) accept it. */
    CK_C_INITIALIZE_ARGS args;
    memset(&args, 0, sizeof args);
    args.flags = CKF_OS_LOCKING_OK;
    rv = c->f->C_Initialize(&args);
    if (rv != CKR_OK)
        return p11c_fail("C_Initialize", rv);
    c->initialized = true;
    return P11C_EXIT_OK;
}

void p11c_unload(p11c *c)
{
    if (c->have_session)
        c->f->C_CloseSession(c->session);
    if (c->initialized)
        c->f->C_Finalize(NULL);
    if (c->handle != NULL)
        dlclose(c->handle);
    c->have_session = c->initialized = false;
    c->handle = NULL;
}

int p11c_pick_slot(p11c *c, bool want_uninitialised)
{
    CK_SLOT_ID slots[64];
    CK_ULONG n = sizeof slots / sizeof slots[0];
    CK_RV rv;

    if (c->have_slot)
        return P11C_EXIT_OK;
    rv = c->f->C_GetSlotList(CK_TRUE, slots, &n);
    if (rv != CKR_OK)
        return p11c_fail("C_GetSlotList", rv);
    for (CK_ULONG i = 0; i < n; i++) {
        CK_TOKEN_INFO ti;
        rv = c->f->C_GetTokenInfo(slots[i], &ti);
        if (rv != CKR_OK)
            continue;
        bool initialised = (ti.flags & CKF_TOKEN_INITIALIZED) != 0;
        if (initialised != want_uninitialised) {
            c->slot = slots[i];
            c->have_slot = true;
            return P11C_EXIT_OK;
        }
    }
    fprintf(stderr, "gost-p11conf: no slot with %s token; name one with -c\n",
            want_uninitialised ? "an uninitialised" : "an initialised");
    return P11C_EXIT_USAGE;
}

int p11c_open(p11c *c, bool rw)
{
    CK_RV rv;
    if (c->have_session)
        return P11C_EXIT_OK;
    rv = c->f->C_OpenSession(c->slot, CKF_SERIAL_SESSION | (rw ? CKF_RW_SESSION : 0), NULL,
                             NULL, &c->session);
    if (rv != CKR_OK)
        return p11c_fail("C_OpenSession", rv);
    c->have_session = true;
    return P11C_EXIT_OK;
}

int p11c_login_with(p11c *c, CK_USER_TYPE who, const char *pin)
{
    CK_RV rv = c->f->C_Login(c->session, who, (CK_UTF8CHAR_PTR)pin, strlen(pin));
    if (rv == CKR_USER_ALREADY_LOGGED_IN)
        return P11C_EXIT_OK;
    return rv == CKR_OK ? P11C_EXIT_OK : p11c_fail("C_Login", rv);
}

int p11c_login(p11c *c, CK_USER_TYPE who)
{
    const char *opt = who == CKU_SO ? c->so_pin : c->user_pin;
    char *pin = p11c_get_pin(opt, who == CKU_SO ? "SO PIN: " : "User PIN: ");
    if (pin == NULL)
        return P11C_EXIT_CANCEL;
    int rc = p11c_login_with(c, who, pin);
    p11c_pin_free(pin);
    return rc;
}
