/* gost-bench rows for GOST R 34.10-2012 and VKO (ops/s), with OpenSSL's GOST
 * engine measured on the same curve in the same run:
 *   gost3410-{256a,256b,512a,512c}-{keygen,sign,verify}, vko-{256a,512a},
 *   keg-{256a,512a} (KEG of R 1323565.1.020-2018 with a 32-byte UKM).
 * TC 26 256 paramSetA is the engine's paramset TCA, 256 paramSetB its A. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <string.h>

#include "bench.h"
#include "gost/gost3410.h"
#include "gost/keg.h"
#include "gost/vko.h"

struct bstate {
    enum gost_curve curve;
    const char *paramset;
    int ready;
    uint8_t priv[64], pub[128], peer_priv[64], peer_pub[128], dg[64], sig[128];
    EVP_PKEY *pk, *peer;
    uint8_t osig[128];
    size_t osiglen;
};

static struct bstate st[] = {
    {.curve = GOST_CURVE_256_A, .paramset = "TCA"},
    {.curve = GOST_CURVE_256_B, .paramset = "A"},
    {.curve = GOST_CURVE_512_A, .paramset = "A"},
    {.curve = GOST_CURVE_512_C, .paramset = "C"},
};

static int nid_of(const struct bstate *s)
{
    return gost_curve_size(s->curve) == 32 ? NID_id_GostR3410_2012_256 : NID_id_GostR3410_2012_512;
}

static ENGINE *engine(void)
{
    ENGINE *e = bench_ossl_gost_engine();
    if (e != NULL) {
        ENGINE_register_pkey_asn1_meths(e);
        ENGINE_register_pkey_meths(e);
    }
    return e;
}

static EVP_PKEY *engine_keygen(const struct bstate *s)
{
    EVP_PKEY *pk = NULL;
    EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_id(nid_of(s), engine());
    if (kc == NULL)
        return NULL;
    if (EVP_PKEY_keygen_init(kc) != 1 || EVP_PKEY_CTX_ctrl_str(kc, "paramset", s->paramset) <= 0 ||
        EVP_PKEY_keygen(kc, &pk) != 1)
        pk = NULL;
    EVP_PKEY_CTX_free(kc);
    return pk;
}

static int setup(int i)
{
    struct bstate *s = &st[i];
    size_t n = gost_curve_size(s->curve);
    if (s->ready)
        return 0;
    for (size_t j = 0; j < n; j++)
        s->dg[j] = bench_in[j];
    if (gost_3410_keygen(s->curve, s->priv, s->pub) != GOST_OK ||
        gost_3410_keygen(s->curve, s->peer_priv, s->peer_pub) != GOST_OK ||
        gost_3410_sign_digest(s->curve, s->sig, s->priv, s->dg, n) != GOST_OK)
        return -1;
    if (engine() != NULL) {
        s->pk = engine_keygen(s);
        s->peer = engine_keygen(s);
        EVP_PKEY_CTX *sc = s->pk ? EVP_PKEY_CTX_new(s->pk, engine()) : NULL;
        s->osiglen = sizeof s->osig;
        if (sc == NULL || EVP_PKEY_sign_init(sc) != 1 ||
            EVP_PKEY_sign(sc, s->osig, &s->osiglen, s->dg, n) != 1)
            s->osiglen = 0;
        EVP_PKEY_CTX_free(sc);
    }
    s->ready = 1;
    return 0;
}

static int keygen_ours(int i, size_t iters)
{
    uint8_t priv[64], pub[128];
    for (size_t k = 0; k < iters; k++)
        if (gost_3410_keygen(st[i].curve, priv, pub) != GOST_OK)
            return -1;
    bench_sink ^= pub[0];
    return 0;
}

static int sign_ours(int i, size_t iters)
{
    struct bstate *s = &st[i];
    size_t n = gost_curve_size(s->curve);
    for (size_t k = 0; k < iters; k++)
        if (gost_3410_sign_digest(s->curve, s->sig, s->priv, s->dg, n) != GOST_OK)
            return -1;
    return 0;
}

static int verify_ours(int i, size_t iters)
{
    struct bstate *s = &st[i];
    size_t n = gost_curve_size(s->curve);
    for (size_t k = 0; k < iters; k++)
        if (gost_3410_verify_digest(s->curve, s->pub, s->dg, n, s->sig) != GOST_OK)
            return -1;
    return 0;
}

static const uint8_t agree_ukm[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                      12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                      23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

/* VKO-256 with the UKM's first 8 bytes, or KEG with all 32 (as the engine's rows). */
static int agree_ours(int i, size_t iters, int keg)
{
    struct bstate *s = &st[i];
    uint8_t out[GOST_KEG_SIZE];
    for (size_t k = 0; k < iters; k++) {
        int rc = keg ? gost_keg(s->curve, out, s->priv, s->peer_pub, agree_ukm, sizeof agree_ukm)
                     : gost_vko_derive_256(s->curve, out, s->priv, s->peer_pub, agree_ukm, 8);
        if (rc != GOST_OK)
            return -1;
    }
    bench_sink ^= out[0];
    return 0;
}

static int keygen_ossl(int i, size_t iters)
{
    if (engine() == NULL)
        return -1;
    for (size_t k = 0; k < iters; k++) {
        EVP_PKEY *pk = engine_keygen(&st[i]);
        if (pk == NULL)
            return -1;
        EVP_PKEY_free(pk);
    }
    return 0;
}

static int sign_ossl(int i, size_t iters)
{
    struct bstate *s = &st[i];
    size_t n = gost_curve_size(s->curve);
    if (s->pk == NULL)
        return -1;
    EVP_PKEY_CTX *sc = EVP_PKEY_CTX_new(s->pk, engine());
    int rc = sc != NULL && EVP_PKEY_sign_init(sc) == 1 ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < iters; k++) {
        size_t len = sizeof s->osig;
        if (EVP_PKEY_sign(sc, s->osig, &len, s->dg, n) != 1)
            rc = -1;
    }
    EVP_PKEY_CTX_free(sc);
    return rc;
}

static int verify_ossl(int i, size_t iters)
{
    struct bstate *s = &st[i];
    size_t n = gost_curve_size(s->curve);
    if (s->pk == NULL || s->osiglen == 0)
        return -1;
    EVP_PKEY_CTX *vc = EVP_PKEY_CTX_new(s->pk, engine());
    int rc = vc != NULL && EVP_PKEY_verify_init(vc) == 1 ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < iters; k++)
        if (EVP_PKEY_verify(vc, s->osig, s->osiglen, s->dg, n) != 1)
            rc = -1;
    EVP_PKEY_CTX_free(vc);
    return rc;
}

/* The engine's derive: with an 8-byte UKM it is VKO with a 256-bit output
 * (Streebog-256); with a 32-byte UKM it is the engine's KEG (gost_ec_keyx.c):
 * the same operations as agree_ours without and with keg. */
static int agree_ossl(int i, size_t iters, size_t ukm_len)
{
    struct bstate *s = &st[i];
    uint8_t out[64];
    if (s->pk == NULL || s->peer == NULL)
        return -1;
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < iters; k++) {
        EVP_PKEY_CTX *dc = EVP_PKEY_CTX_new(s->pk, engine());
        size_t len = sizeof out;
        if (dc == NULL || EVP_PKEY_derive_init(dc) != 1 || EVP_PKEY_derive_set_peer(dc, s->peer) != 1 ||
            EVP_PKEY_CTX_ctrl(dc, -1, -1, EVP_PKEY_CTRL_SET_IV, (int)ukm_len, (void *)agree_ukm) <= 0 ||
            EVP_PKEY_derive(dc, out, &len) != 1)
            rc = -1;
        EVP_PKEY_CTX_free(dc);
    }
    bench_sink ^= out[0];
    return rc;
}

/* One set of rows per curve; the index selects the state above. */
#define CURVE_ROWS(id, idx, name)                                                                  \
    static int setup_##id(void) { return setup(idx); }                                             \
    static int keygen_ours_##id(size_t z, size_t n) { return keygen_ours(idx, n); }                \
    static int keygen_ossl_##id(size_t z, size_t n) { return keygen_ossl(idx, n); }                \
    static int sign_ours_##id(size_t z, size_t n) { return sign_ours(idx, n); }                    \
    static int sign_ossl_##id(size_t z, size_t n) { return sign_ossl(idx, n); }                    \
    static int verify_ours_##id(size_t z, size_t n) { return verify_ours(idx, n); }                \
    static int verify_ossl_##id(size_t z, size_t n) { return verify_ossl(idx, n); }                \
    BENCH_ROW(id##_keygen, {"gost3410-" name "-keygen", 0, setup_##id, keygen_ours_##id,           \
                            keygen_ossl_##id, NULL})                                                     \
    BENCH_ROW(id##_sign, {"gost3410-" name "-sign", 0, setup_##id, sign_ours_##id, sign_ossl_##id, NULL}) \
    BENCH_ROW(id##_verify, {"gost3410-" name "-verify", 0, setup_##id, verify_ours_##id,           \
                            verify_ossl_##id, NULL})

CURVE_ROWS(c256a, 0, "256a")
CURVE_ROWS(c256b, 1, "256b")
CURVE_ROWS(c512a, 2, "512a")
CURVE_ROWS(c512c, 3, "512c")

/* VKO and KEG rows: ours and the engine's on the state idx. */
#define AGREE_ROW(id, name, setup, idx, keg, ukm_len)                                              \
    static int id##_ours(size_t z, size_t n) { return agree_ours(idx, n, keg); }                   \
    static int id##_ossl(size_t z, size_t n) { return agree_ossl(idx, n, ukm_len); }               \
    BENCH_ROW(id, {name, 0, setup, id##_ours, id##_ossl, NULL})

AGREE_ROW(vko_256a, "vko-256a", setup_c256a, 0, 0, 8)
AGREE_ROW(vko_512a, "vko-512a", setup_c512a, 2, 0, 8)
AGREE_ROW(keg_256a, "keg-256a", setup_c256a, 0, 1, 32)
AGREE_ROW(keg_512a, "keg-512a", setup_c512a, 2, 1, 32)
