/* The seam between the cloud token's two halves: the secure channel
 * (cloud_channel*.c, cloud_client.c, tools/gost-cloudd) and the PKCS#11
 * remote procedure calls carried over it (cloud_rpc*.c, cryptoki/p11_cloud*.c).
 * A request and its response are opaque byte strings to the channel; the RPC
 * code never sees a socket or a key. */
#ifndef GOST_CLOUD_TRANSPORT_H
#define GOST_CLOUD_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include <p11-kit/pkcs11.h>

/* The largest request or response, in bytes. */
#define GOST_CLOUD_MAX_MESSAGE (1u << 20)

/* One authenticated connection to the token server, as the module sees it.
 * call() sends req and waits for the response (resp has room for cap bytes);
 * it returns 0, or a negative GOST_ERR_* code when the channel failed (the
 * connection is then unusable). close() ends the connection and wipes its
 * keys; ctx belongs to the transport. */
struct gost_cloud_transport {
    void *ctx;
    int (*call)(void *ctx, const uint8_t *req, size_t req_len, uint8_t *resp, size_t cap,
                size_t *resp_len);
    void (*close)(void *ctx);
};

/* Client side, implemented by the channel code: reads the settings file
 * (conf_path, the module's GOST_P11_CONF), connects to the server it names,
 * authenticates with SESPAKE and fills *out. Returns 0 or a GOST_ERR_* code. */
int gost_cloud_client_connect(const char *conf_path, struct gost_cloud_transport *out);

/* Server side, implemented by the RPC code: decodes one request, performs it
 * with the module's function list (a local token), encodes the response into
 * resp (cap bytes). Returns 0, or a negative GOST_ERR_* code for a request
 * that cannot be decoded (the server then ends the connection). */
int gost_cloud_rpc_serve(CK_FUNCTION_LIST_PTR module, const uint8_t *req, size_t req_len,
                         uint8_t *resp, size_t cap, size_t *resp_len);

#endif
