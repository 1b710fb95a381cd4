/* Known-answer handlers for GOST R 34.10-2012 (vectors/gost3410.txt) and
 * VKO and KEG (vectors/vko.txt, vectors/keg.txt). See the comments at the top of those files for
 * the byte orders of each key. */
#include <string.h>

#include "gost/gost3410.h"
#include "gost/keg.h"
#include "gost/vko.h"
#include "kat.h"

/* The record's curve (a quoted TC 26 / CryptoPro name). */
static int record_curve(const kat_record *r, enum gost_curve *curve, char *why, size_t whylen)
{
    size_t len;
    const uint8_t *name = kat_bytes(r, "curve", &len);
    char buf[80];
    if (name == NULL || len >= sizeof buf)
        return kat_failf(why, whylen, "record lacks a curve name");
    memcpy(buf, name, len);
    buf[len] = '\0';
    if (gost_curve_by_name(buf, curve) != GOST_OK)
        return kat_failf(why, whylen, "unknown curve '%s'", buf);
    return KAT_PASS;
}

/* A field of exactly n bytes, or NULL with a reason. */
static const uint8_t *field(const kat_record *r, const char *key, size_t n, char *why,
                            size_t whylen)
{
    size_t len;
    const uint8_t *v = kat_bytes(r, key, &len);
    if (v == NULL || len != n) {
        kat_failf(why, whylen, "'%s' missing or not %zu bytes", key, n);
        return NULL;
    }
    return v;
}

static void reverse(uint8_t *out, const uint8_t *in, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = in[n - 1 - i];
}

static int check_sign(const kat_record *r, char *why, size_t whylen)
{
    enum gost_curve curve;
    if (record_curve(r, &curve, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    size_t n = gost_curve_size(curve);
    const uint8_t *d = field(r, "d", n, why, whylen), *xq = field(r, "xq", n, why, whylen),
                  *yq = field(r, "yq", n, why, whylen), *e = field(r, "e", n, why, whylen),
                  *k = field(r, "k", n, why, whylen), *rr = field(r, "r", n, why, whylen),
                  *s = field(r, "s", n, why, whylen);
    if (!d || !xq || !yq || !e || !k || !rr || !s)
        return KAT_FAIL;
    uint8_t priv[64], pub[128], want_pub[128], digest[64], kl[64], sig[128], want_sig[128];
    reverse(priv, d, n);
    reverse(want_pub, xq, n);
    reverse(want_pub + n, yq, n);
    reverse(digest, e, n); /* the standard's e is the digest read little-endian */
    reverse(kl, k, n);
    memcpy(want_sig, s, n);
    memcpy(want_sig + n, rr, n);
    int rc = gost_3410_public_key(curve, pub, priv);
    if (rc != GOST_OK || memcmp(pub, want_pub, 2 * n) != 0)
        return kat_failf(why, whylen, "public key mismatch (rc %d)", rc);
    rc = gost_3410_sign_digest_with_k(curve, sig, priv, digest, n, kl);
    if (rc != GOST_OK || memcmp(sig, want_sig, 2 * n) != 0)
        return kat_failf(why, whylen, "signature mismatch (rc %d)", rc);
    rc = gost_3410_verify_digest(curve, pub, digest, n, sig);
    if (rc != GOST_OK)
        return kat_failf(why, whylen, "the example signature does not verify (rc %d)", rc);
    digest[0] ^= 1;
    if (gost_3410_verify_digest(curve, pub, digest, n, sig) != GOST_ERR_AUTH)
        return kat_failf(why, whylen, "a changed digest verifies");
    digest[0] ^= 1;
    for (size_t half = 0; half < 2; half++) {
        sig[half * n + n - 1] ^= 1;
        if (gost_3410_verify_digest(curve, pub, digest, n, sig) == GOST_OK)
            return kat_failf(why, whylen, "a changed %s verifies", half ? "r" : "s");
        sig[half * n + n - 1] ^= 1;
    }
    return KAT_PASS;
}

static int check_public_key(const kat_record *r, char *why, size_t whylen)
{
    enum gost_curve curve;
    if (record_curve(r, &curve, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    size_t n = gost_curve_size(curve);
    const uint8_t *priv = field(r, "priv", n, why, whylen);
    if (priv == NULL)
        return KAT_FAIL;
    uint8_t pub[128];
    int rc = gost_3410_public_key(curve, pub, priv);
    if (rc != GOST_OK)
        return kat_failf(why, whylen, "gost_3410_public_key failed (rc %d)", rc);
    if (gost_3410_check_public_key(curve, pub) != GOST_OK)
        return kat_failf(why, whylen, "the derived public key fails validation");
    return kat_expect(r, "pub", pub, 2 * n, why, whylen);
}

typedef int (*vko_fn)(enum gost_curve, uint8_t *, const uint8_t *, const uint8_t *,
                      const uint8_t *, size_t);

static int check_vko(const kat_record *r, char *why, size_t whylen, vko_fn fn, size_t outlen)
{
    enum gost_curve curve;
    if (record_curve(r, &curve, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    size_t n = gost_curve_size(curve), ukm_len;
    const uint8_t *xa = field(r, "xa", n, why, whylen), *pa = field(r, "pa", 2 * n, why, whylen),
                  *xb = field(r, "xb", n, why, whylen), *pb = field(r, "pb", 2 * n, why, whylen),
                  *ukm = kat_bytes(r, "ukm", &ukm_len);
    if (!xa || !pa || !xb || !pb || !ukm)
        return KAT_FAIL;
    uint8_t out[64];
    int rc = fn(curve, out, xa, pb, ukm, ukm_len);
    if (rc != GOST_OK)
        return kat_failf(why, whylen, "VKO A failed: %s", gost_strerror(rc));
    if (kat_expect(r, "kek", out, outlen, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    rc = fn(curve, out, xb, pa, ukm, ukm_len);
    if (rc != GOST_OK)
        return kat_failf(why, whylen, "VKO B failed: %s", gost_strerror(rc));
    return kat_expect(r, "kek", out, outlen, why, whylen);
}

static int check_vko256(const kat_record *r, char *why, size_t whylen)
{
    return check_vko(r, why, whylen, gost_vko_derive_256, GOST_VKO_256_SIZE);
}

static int check_vko512(const kat_record *r, char *why, size_t whylen)
{
    return check_vko(r, why, whylen, gost_vko_derive_512, GOST_VKO_512_SIZE);
}

/* KEG (vectors/keg.txt): xa with pb, and xb with pa when both are given. */
static int check_keg(const kat_record *r, char *why, size_t whylen)
{
    enum gost_curve curve;
    if (record_curve(r, &curve, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    size_t n = gost_curve_size(curve), ukm_len;
    const uint8_t *xa = field(r, "xa", n, why, whylen), *pb = field(r, "pb", 2 * n, why, whylen),
                  *ukm = kat_bytes(r, "ukm", &ukm_len);
    uint8_t out[GOST_KEG_SIZE];
    if (!xa || !pb || !ukm)
        return KAT_FAIL;
    int rc = gost_keg(curve, out, xa, pb, ukm, ukm_len);
    if (rc != GOST_OK)
        return kat_failf(why, whylen, "KEG A failed: %s", gost_strerror(rc));
    if (kat_expect(r, "out", out, sizeof out, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    if (!kat_has(r, "xb"))
        return KAT_PASS;
    const uint8_t *xb = field(r, "xb", n, why, whylen), *pa = field(r, "pa", 2 * n, why, whylen);
    if (!xb || !pa)
        return KAT_FAIL;
    rc = gost_keg(curve, out, xb, pa, ukm, ukm_len);
    if (rc != GOST_OK)
        return kat_failf(why, whylen, "KEG B failed: %s", gost_strerror(rc));
    return kat_expect(r, "out", out, sizeof out, why, whylen);
}

KAT_HANDLER(gost3410_sign, check_sign)
KAT_HANDLER(gost3410_public_key, check_public_key)
KAT_HANDLER(vko_gostr3410_2012_256, check_vko256)
KAT_HANDLER(vko_gostr3410_2012_512, check_vko512)
KAT_HANDLER(keg, check_keg)
