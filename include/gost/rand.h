/* Random bytes from the operating system (getrandom(2)).
 *
 * The only source of randomness in libgost: key generation and the
 * signature nonce use it (the nonce is further mixed with the private key
 * and the digest, so a weak generator does not reveal the key). */
#ifndef GOST_RAND_H
#define GOST_RAND_H

#include "gost/api.h"

/* Fill out with n random bytes. Returns 0, GOST_ERR_INVALID_ARGUMENT if out
 * is NULL and n > 0, or GOST_ERR_RNG if the system generator fails (out is
 * then wiped). Blocks only until the kernel pool is initialised at boot. */
GOST_API int gost_random_bytes(void *out, size_t n);

#endif
