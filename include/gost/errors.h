/* Error codes shared by every libgost function.
 *
 * Functions return int: 0 on success, one of the negative codes below on
 * failure. Nothing in the library prints or exits. A failing function leaves
 * its output buffers wiped (never partially written with secret or
 * unauthenticated data) unless its header says otherwise. */
#ifndef GOST_ERRORS_H
#define GOST_ERRORS_H

#include "gost/api.h"

enum gost_error {
    GOST_OK = 0,
    GOST_ERR_INVALID_ARGUMENT = -1, /* NULL pointer, unknown identifier, value out of its documented range */
    GOST_ERR_BAD_LENGTH = -2,       /* a key, IV, nonce, tag, data or buffer length the algorithm does not allow */
    GOST_ERR_BAD_STATE = -3,        /* the call is not allowed in the object's current state */
    GOST_ERR_AUTH = -4,             /* a tag, MAC or signature did not verify */
    GOST_ERR_BAD_KEY = -5,          /* a private key out of [1, q-1] or a key that fails validation */
    GOST_ERR_BAD_POINT = -6,        /* a public point not on the curve, the identity, or outside the subgroup */
    GOST_ERR_BAD_SIGNATURE = -7,    /* a signature whose r or s is outside [1, q-1] */
    GOST_ERR_RNG = -8,              /* the operating system's random generator failed */
    GOST_ERR_UNSUPPORTED = -9,      /* the parameter set, algorithm or mode is not supported */
    GOST_ERR_BUFFER_TOO_SMALL = -10,/* the output buffer is too small; nothing was written */
    GOST_ERR_LIMIT = -11,           /* a usage limit is reached (data under one key, counter wrap, attempts) */
    GOST_ERR_DECODE = -12,          /* a malformed encoding (DER, PEM, protocol message, file) */
    GOST_ERR_PASSWORD = -13,        /* a wrong password or PIN (decryption of a protected container failed) */
    GOST_ERR_LOCKED = -14,          /* refused: too many failed attempts */
    GOST_ERR_NO_MEMORY = -15,       /* allocation failed (only layers above the core allocate) */
    GOST_ERR_IO = -16,              /* reading or writing a file failed (only layers above the core do I/O) */
    GOST_ERR_INTERNAL = -17         /* an internal consistency check failed: a bug, please report it */
};

/* A short English description of a code ("invalid argument"); never NULL. */
GOST_API const char *gost_strerror(int code);

#endif
