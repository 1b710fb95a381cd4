/* Known-answer handlers for Streebog and its keyed uses. Each record is
 * checked with the constant-time implementation (whatever path GOST_CPU
 * allows), one-shot and streamed byte by byte; digests also with the
 * public table path. */
#include <string.h>

#include "gost/hmac.h"
#include "gost/kdf.h"
#include "gost/pbkdf2.h"
#include "gost/streebog.h"
#include "kat.h"

#define NEED(ptr, key)                                                        \
    if ((ptr) == NULL)                                                        \
        return kat_failf(why, whylen, "record lacks bytes for '%s'", key)

static int check_digest(const kat_record *r, char *why, size_t whylen, size_t size)
{
    size_t len;
    const uint8_t *msg = kat_bytes(r, "msg", &len);
    uint8_t d[64];
    gost_streebog_ctx ctx;
    NEED(msg, "msg");
    if ((size == 32 ? gost_streebog256(msg, len, d) : gost_streebog512(msg, len, d)) != 0)
        return kat_failf(why, whylen, "one-shot call failed");
    if (kat_expect(r, "digest", d, size, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    memset(d, 0, sizeof d);
    gost_streebog_init(&ctx, size);
    for (size_t i = 0; i < len; i++)
        gost_streebog_update(&ctx, msg + i, 1);
    gost_streebog_final(&ctx, d);
    if (kat_expect(r, "digest", d, size, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    memset(d, 0, sizeof d);
    if ((size == 32 ? gost_streebog256_public(msg, len, d) : gost_streebog512_public(msg, len, d)) != 0)
        return kat_failf(why, whylen, "public path call failed");
    return kat_expect(r, "digest", d, size, why, whylen);
}

static int kat_streebog256(const kat_record *r, char *why, size_t whylen)
{
    return check_digest(r, why, whylen, 32);
}

static int kat_streebog512(const kat_record *r, char *why, size_t whylen)
{
    return check_digest(r, why, whylen, 64);
}

static int check_hmac(const kat_record *r, char *why, size_t whylen, size_t size)
{
    size_t klen, mlen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *msg = kat_bytes(r, "msg", &mlen);
    uint8_t mac[64];
    gost_hmac_streebog_ctx ctx;
    NEED(key, "key");
    NEED(msg, "msg");
    int rc = size == 32 ? gost_hmac_streebog256(key, klen, msg, mlen, mac)
                        : gost_hmac_streebog512(key, klen, msg, mlen, mac);
    if (rc != 0)
        return kat_failf(why, whylen, "call failed: %d", rc);
    if (kat_expect(r, "mac", mac, size, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    gost_hmac_streebog_init(&ctx, size, key, klen);
    for (size_t i = 0; i < mlen; i++)
        gost_hmac_streebog_update(&ctx, msg + i, 1);
    gost_hmac_streebog_final(&ctx, mac);
    return kat_expect(r, "mac", mac, size, why, whylen);
}

static int kat_hmac256(const kat_record *r, char *why, size_t whylen)
{
    return check_hmac(r, why, whylen, 32);
}

static int kat_hmac512(const kat_record *r, char *why, size_t whylen)
{
    return check_hmac(r, why, whylen, 64);
}

static int kat_kdf(const kat_record *r, char *why, size_t whylen)
{
    size_t klen, llen, slen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *label = kat_bytes(r, "label", &llen),
                  *seed = kat_bytes(r, "seed", &slen);
    uint8_t out[32];
    NEED(key, "key");
    NEED(label, "label");
    NEED(seed, "seed");
    if (klen != 32)
        return kat_failf(why, whylen, "key must be 32 bytes");
    if (gost_kdf_gostr3411_2012_256(key, label, llen, seed, slen, out) != 0)
        return kat_failf(why, whylen, "call failed");
    return kat_expect(r, "out", out, 32, why, whylen);
}

static int kat_kdf_tree(const kat_record *r, char *why, size_t whylen)
{
    size_t klen, llen, slen, olen;
    const uint8_t *key = kat_bytes(r, "key", &klen), *label = kat_bytes(r, "label", &llen),
                  *seed = kat_bytes(r, "seed", &slen), *want = kat_bytes(r, "out", &olen);
    uint64_t rr;
    uint8_t out[1024];
    NEED(key, "key");
    NEED(label, "label");
    NEED(seed, "seed");
    NEED(want, "out");
    if (kat_uint(r, "r", &rr) != 0 || olen > sizeof out)
        return kat_failf(why, whylen, "record lacks a number 'r' or out is too long");
    if (gost_kdf_tree_gostr3411_2012_256(key, klen, label, llen, seed, slen, (unsigned)rr, out, olen) != 0)
        return kat_failf(why, whylen, "call failed");
    return kat_expect(r, "out", out, olen, why, whylen);
}

static int kat_pbkdf2(const kat_record *r, char *why, size_t whylen)
{
    size_t plen, slen, olen;
    const uint8_t *pw = kat_bytes(r, "password", &plen), *salt = kat_bytes(r, "salt", &slen),
                  *want = kat_bytes(r, "out", &olen);
    uint64_t iters;
    uint8_t out[1024];
    NEED(pw, "password");
    NEED(salt, "salt");
    NEED(want, "out");
    if (kat_uint(r, "iterations", &iters) != 0 || olen > sizeof out)
        return kat_failf(why, whylen, "record lacks a number 'iterations' or out is too long");
    if (gost_pbkdf2_streebog512(pw, plen, salt, slen, iters, out, olen) != 0)
        return kat_failf(why, whylen, "call failed");
    return kat_expect(r, "out", out, olen, why, whylen);
}

KAT_HANDLER(streebog256, kat_streebog256)
KAT_HANDLER(streebog512, kat_streebog512)
KAT_HANDLER(hmac_streebog256, kat_hmac256)
KAT_HANDLER(hmac_streebog512, kat_hmac512)
KAT_HANDLER(kdf_gostr3411_2012_256, kat_kdf)
KAT_HANDLER(kdf_tree_gostr3411_2012_256, kat_kdf_tree)
KAT_HANDLER(pbkdf2_streebog512, kat_pbkdf2)
