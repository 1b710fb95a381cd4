/* Sign and verify a message: Streebog of the curve's size, then the digest
 * functions. Messages are public, so the hash may take its fast path. */
#include "gost/gost3410.h"
#include "gost/streebog.h"
#include "internal/util.h"

static int hash_message(enum gost_curve curve, uint8_t *digest, const void *msg, size_t len)
{
    size_t n = gost_curve_size(curve);
    if (n == 0 || (msg == NULL && len > 0))
        return GOST_ERR_INVALID_ARGUMENT;
    /* the message is public: the table-driven Streebog may hash it */
    return n == 32 ? gost_streebog256_public(msg, len, digest)
                   : gost_streebog512_public(msg, len, digest);
}

int gost_3410_sign_message(enum gost_curve curve, uint8_t *sig, const uint8_t *priv,
                           const void *msg, size_t len)
{
    uint8_t digest[GOST_3410_MAX_SIZE];
    int rc = hash_message(curve, digest, msg, len);
    if (rc == GOST_OK)
        rc = gost_3410_sign_digest(curve, sig, priv, digest, gost_curve_size(curve));
    else if (sig != NULL && gost_curve_size(curve) != 0)
        gost_wipe(sig, 2 * gost_curve_size(curve));
    return rc;
}

int gost_3410_verify_message(enum gost_curve curve, const uint8_t *pub, const void *msg,
                             size_t len, const uint8_t *sig)
{
    uint8_t digest[GOST_3410_MAX_SIZE];
    int rc = hash_message(curve, digest, msg, len);
    if (rc == GOST_OK)
        rc = gost_3410_verify_digest(curve, pub, digest, gost_curve_size(curve), sig);
    return rc;
}
