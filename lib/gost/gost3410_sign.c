/* GOST R 34.10-2012 signature generation (s.6.1), constant time in the
 * private key and the nonce. */
#include <string.h>

#include "ec_declassify.h"
#include "gost/gost3410.h"
#include "gost/rand.h"
#include "gost/streebog.h"
#include "internal/ec.h"
#include "internal/util.h"

/* e = alpha mod q with alpha the digest read little-endian; 1 if e is 0
 * (s.6.1 steps 2-3). The digest is public. */
static void digest_to_e(enum gost_curve curve, ec_scalar *e, const uint8_t *digest)
{
    static const ec_scalar one = {{1}};
    ec_scalar alpha;
    ec_scalar_from_bytes(curve, &alpha, digest);
    ec_scalar_reduce(curve, e, &alpha);
    ec_scalar_cmov(e, &one, ec_scalar_is_zero(curve, e));
}

/* The nonce: k = (H(d || digest || rnd || 1) || H(d || digest || rnd || 2) ...)
 * mod q, as many 64-byte hashes as 2n bytes need (one for n = 32, two for
 * n = 64), with H = constant-time Streebog-512, d the private key (n
 * bytes), rnd 32 bytes from the OS and the counter one byte. Reducing 2n
 * bytes leaves a bias below 2^-(8n-2); zero becomes 1. Mixing the key and
 * the digest in means a broken generator still gives distinct secret nonces
 * for distinct messages (the idea of RFC 6979); the OS bytes keep nonces
 * fresh. Every field has a fixed length, so the hash inputs are unambiguous,
 * and the hashes differ only in the counter.
 * Cost: the counter comes last so that the hashes share their first blocks
 * (d || digest || rnd is absorbed once and the context copied): for n = 64,
 * 2 block compressions + 2 x 3 for the finals (33 bytes left, then the
 * length and checksum blocks) = 8 instead of 10; for n = 32 the 97 bytes
 * cost 1 + 3 = 4, the least for 96 or more bytes.
 * The same system call draws n more bytes into blind, for the blinded
 * inversion that computes x(kP) (ec_point_x_mod_q). */
static int derive_nonce(enum gost_curve curve, ec_scalar *k, uint8_t *blind, const uint8_t *priv,
                        const uint8_t *digest)
{
    static const ec_scalar one = {{1}};
    size_t n = gost_curve_size(curve);
    uint8_t osr[32 + GOST_3410_MAX_SIZE], wide[2 * GOST_3410_MAX_SIZE];
    const uint8_t *rnd = osr; /* 32 bytes for the nonce, then n for blind */
    gost_streebog_ctx prefix, h;
    int rc = gost_random_bytes(osr, 32 + n); /* one system call */
    if (rc == GOST_OK)
        memcpy(blind, osr + 32, n);
    if (rc == GOST_OK)
        rc = gost_streebog_init(&prefix, 64);
    if (rc == GOST_OK)
        rc = gost_streebog_update(&prefix, priv, n);
    if (rc == GOST_OK)
        rc = gost_streebog_update(&prefix, digest, n);
    if (rc == GOST_OK)
        rc = gost_streebog_update(&prefix, rnd, 32);
    uint8_t hashes = (uint8_t)((2 * n + 63) / 64); /* 2n bytes are reduced */
    for (uint8_t ctr = 1; ctr <= hashes && rc == GOST_OK; ctr++) {
        h = prefix;
        rc = gost_streebog_update(&h, &ctr, 1);
        if (rc == GOST_OK)
            rc = gost_streebog_final(&h, wide + 64 * (ctr - 1));
        gost_wipe(&h, sizeof h);
    }
    if (rc == GOST_OK) {
        ec_scalar_reduce_wide(curve, k, wide);
        ec_scalar_cmov(k, &one, ec_scalar_is_zero(curve, k));
    }
    gost_wipe(&prefix, sizeof prefix);
    gost_wipe(osr, sizeof osr);
    gost_wipe(wide, sizeof wide);
    return rc == GOST_OK || rc == GOST_ERR_RNG ? rc : GOST_ERR_INTERNAL;
}

/* Steps 4-6 for a nonce k in [1, q-1]: r = x(kP) mod q, s = r d + k e.
 * Returns 1 if r or s is zero (the caller takes another k). */
static int sign_with(enum gost_curve curve, uint8_t *sig, const ec_scalar *d, const ec_scalar *e,
                     const ec_scalar *k, const uint8_t *blind)
{
    size_t n = gost_curve_size(curve);
    ec_point c;
    ec_scalar r, s;
    ec_point_mul_base(curve, &c, k);
    ec_point_x_mod_q(curve, &r, &c, blind);
    ec_scalar_muladd(curve, &s, &r, d, k, e);
    /* r and s are the signature: public */
    EC_DECLASSIFY(&r, sizeof r);
    EC_DECLASSIFY(&s, sizeof s);
    int zero = ec_scalar_is_zero(curve, &r) | ec_scalar_is_zero(curve, &s);
    ec_scalar_to_bytes_be(curve, sig, &s);
    ec_scalar_to_bytes_be(curve, sig + n, &r);
    gost_wipe(&c, sizeof c);
    return zero;
}

/* Validates the arguments and loads d and e. */
static int sign_setup(enum gost_curve curve, uint8_t *sig, const uint8_t *priv,
                      const uint8_t *digest, size_t digest_len, ec_scalar *d, ec_scalar *e)
{
    if (!ec_curve_valid(curve) || sig == NULL || priv == NULL || digest == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (digest_len != gost_curve_size(curve))
        return GOST_ERR_BAD_LENGTH;
    int rc = gost_3410_check_private_key(curve, priv);
    if (rc != GOST_OK)
        return rc;
    ec_scalar_from_bytes(curve, d, priv);
    digest_to_e(curve, e, digest);
    return GOST_OK;
}

int gost_3410_sign_digest(enum gost_curve curve, uint8_t *sig, const uint8_t *priv,
                          const uint8_t *digest, size_t digest_len)
{
    ec_scalar d, e, k;
    uint8_t blind[GOST_3410_MAX_SIZE];
    int rc = sign_setup(curve, sig, priv, digest, digest_len, &d, &e);
    if (rc == GOST_OK) {
        do {
            rc = derive_nonce(curve, &k, blind, priv, digest);
        } while (rc == GOST_OK && sign_with(curve, sig, &d, &e, &k, blind));
    }
    if (rc != GOST_OK && sig != NULL && ec_curve_valid(curve))
        gost_wipe(sig, 2 * gost_curve_size(curve));
    gost_wipe(&d, sizeof d);
    gost_wipe(&k, sizeof k);
    gost_wipe(blind, sizeof blind);
    return rc;
}

int gost_3410_sign_digest_with_k(enum gost_curve curve, uint8_t *sig, const uint8_t *priv,
                                 const uint8_t *digest, size_t digest_len, const uint8_t *kb)
{
    ec_scalar d, e, k;
    int rc = kb == NULL ? GOST_ERR_INVALID_ARGUMENT
                        : sign_setup(curve, sig, priv, digest, digest_len, &d, &e);
    if (rc == GOST_OK) {
        ec_scalar_from_bytes(curve, &k, kb);
        if (!ec_declassify_int(ec_scalar_in_range(curve, &k)))
            rc = GOST_ERR_BAD_KEY;
        else if (sign_with(curve, sig, &d, &e, &k, NULL))
            rc = GOST_ERR_INVALID_ARGUMENT;
    }
    if (rc != GOST_OK && sig != NULL && ec_curve_valid(curve))
        gost_wipe(sig, 2 * gost_curve_size(curve));
    gost_wipe(&d, sizeof d);
    gost_wipe(&k, sizeof k);
    return rc;
}
