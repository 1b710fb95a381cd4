/* The cloud back end's internals (p11_cloud.c: connection and transfer;
 * p11_cloud_ops.c: the struct p11_backend functions). */
#ifndef P11_CLOUD_H
#define P11_CLOUD_H

#include "cloud/cloud_rpc_codec.h"
#include "cloud/cloud_transport.h"
#include "p11.h"

extern const struct p11_backend p11_cloud_backend;

/* initialize() and finalize() of the back end. */
CK_RV p11_cloud_initialize(void);
void p11_cloud_finalize(void);

/* For tests: the next initialize() uses t instead of connecting (once). */
void p11_cloud_use_transport(const struct gost_cloud_transport *t);

/* Starts a request for function fn in the connection's buffer. */
CK_RV p11_cloud_begin(struct rpc_out *w, enum rpc_fn fn);
/* Sends it and reads the CK_RV of the answer into *rv; r then holds the rest.
 * Returns CKR_OK, or CKR_DEVICE_REMOVED when the channel failed (the
 * connection is closed; every later call gives CKR_DEVICE_REMOVED),
 * CKR_DEVICE_ERROR for an answer that breaks the protocol, CKR_DATA_LEN_RANGE
 * when the request exceeds GOST_CLOUD_MAX_MESSAGE, CKR_ARGUMENTS_BAD for input
 * data at a NULL pointer with a non-zero length. *bare is 1 when the answer
 * holds only an error code. */
CK_RV p11_cloud_xfer(struct rpc_out *w, struct rpc_in *r, CK_RV *rv, int *bare);
/* An answer that does not decode: drops the connection, CKR_DEVICE_ERROR. */
CK_RV p11_cloud_bad_answer(void);

/* Helper for the common shape: transfer, return early on failure or bare error. */
#define CLOUD_XFER(w, r, rv)                                                                      \
    do {                                                                                          \
        int bare_;                                                                                \
        CK_RV e_ = p11_cloud_xfer((w), (r), (rv), &bare_);                                        \
        if (e_ != CKR_OK)                                                                         \
            return e_;                                                                            \
        if (bare_)                                                                                \
            return *(rv);                                                                         \
    } while (0)

#endif
