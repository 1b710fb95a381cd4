/* The cloud back end's connection: C_Initialize connects through the secure
 * channel (gost_cloud_client_connect, lib/cloud/cloud_client.c), every call is
 * one request/response over it, C_Finalize closes it.
 * Failures: a channel error (call() < 0) is CKR_DEVICE_REMOVED, the token is
 * gone for this process until C_Finalize + C_Initialize; an answer that does
 * not decode is CKR_DEVICE_ERROR and also drops the connection (requests and
 * answers can no longer be trusted to pair up). */
#include <stdlib.h>
#include <string.h>

#include <gost/errors.h>
#include <gost/util.h>

#include "p11_cloud.h"

/* While the channel code (lib/cloud/cloud_client.c) is absent from the tree
 * the reference is weak: cloud mode then reports CKR_DEVICE_ERROR at
 * C_Initialize instead of the module failing to link. Once the file exists
 * the reference must be strong, or the linker would not pull it out of
 * libgost.a (a weak reference never pulls an archive member). */
#if defined(__has_include)
#if !__has_include("../lib/cloud/cloud_client.c")
#define P11_CLOUD_WEAK_CONNECT 1
#endif
#else
#define P11_CLOUD_WEAK_CONNECT 1
#endif
#ifdef P11_CLOUD_WEAK_CONNECT
#pragma weak gost_cloud_client_connect
#define HAVE_CONNECT (gost_cloud_client_connect != NULL)
#else
#define HAVE_CONNECT 1
#endif

static struct gost_cloud_transport conn;
static int live;
static uint8_t *req_buf, *resp_buf;
static struct gost_cloud_transport injected;
static int have_injected;
static size_t last_resp_len; /* the previous answer may hold key values: wiped at the next call */

void p11_cloud_use_transport(const struct gost_cloud_transport *t)
{
    injected = *t;
    have_injected = 1;
}

static void drop(void)
{
    if (live && conn.close != NULL)
        conn.close(conn.ctx);
    live = 0;
}

static void free_buffers(void)
{
    /* they held PINs and key material in transit */
    if (req_buf != NULL)
        gost_wipe(req_buf, GOST_CLOUD_MAX_MESSAGE);
    if (resp_buf != NULL)
        gost_wipe(resp_buf, GOST_CLOUD_MAX_MESSAGE);
    free(req_buf);
    free(resp_buf);
    req_buf = resp_buf = NULL;
    last_resp_len = 0;
}

static CK_RV cloud_initialize(void)
{
    req_buf = malloc(GOST_CLOUD_MAX_MESSAGE);
    resp_buf = malloc(GOST_CLOUD_MAX_MESSAGE);
    if (req_buf == NULL || resp_buf == NULL) {
        free_buffers();
        return CKR_HOST_MEMORY;
    }
    if (have_injected) {
        conn = injected;
        have_injected = 0;
    } else if (!HAVE_CONNECT ||
               gost_cloud_client_connect(getenv("GOST_P11_CONF"), &conn) != 0) {
        free_buffers();
        return CKR_DEVICE_ERROR;
    }
    live = 1;
    return CKR_OK;
}

static void cloud_finalize(void)
{
    drop();
    free_buffers();
}

CK_RV p11_cloud_begin(struct rpc_out *w, enum rpc_fn fn)
{
    if (!live)
        return CKR_DEVICE_REMOVED;
    gost_wipe(resp_buf, last_resp_len);
    last_resp_len = 0;
    w->p = req_buf;
    w->cap = GOST_CLOUD_MAX_MESSAGE;
    w->len = 0;
    w->err = 0;
    rpc_put_u64(w, fn);
    return CKR_OK;
}

CK_RV p11_cloud_bad_answer(void)
{
    drop();
    return CKR_DEVICE_ERROR;
}

CK_RV p11_cloud_xfer(struct rpc_out *w, struct rpc_in *r, CK_RV *rv, int *bare)
{
    size_t n = 0;
    *bare = 0;
    if (!live)
        return CKR_DEVICE_REMOVED;
    if (w->err)
        return w->err == GOST_ERR_INVALID_ARGUMENT ? CKR_ARGUMENTS_BAD : CKR_DATA_LEN_RANGE;
    int rc = conn.call(conn.ctx, req_buf, w->len, resp_buf, GOST_CLOUD_MAX_MESSAGE, &n);
    gost_wipe(req_buf, w->len);
    if (rc != 0 || n > GOST_CLOUD_MAX_MESSAGE) {
        drop();
        return CKR_DEVICE_REMOVED;
    }
    last_resp_len = n;
    r->p = resp_buf;
    r->len = n;
    r->off = 0;
    r->err = 0;
    *rv = rpc_get_ulong(r);
    if (r->err)
        return p11_cloud_bad_answer();
    *bare = r->off == r->len && *rv != CKR_OK;
    return CKR_OK;
}

CK_RV p11_cloud_initialize(void)
{
    return cloud_initialize();
}
void p11_cloud_finalize(void)
{
    cloud_finalize();
}
