/* SESPAKE arithmetic shared by both parties (RFC 8133 s.4): the password
 * point, ephemeral scalars, the key K, the MACs and the attempt counters. */
#include <string.h>

#include "gost/hmac.h"
#include "gost/pbkdf2.h"
#include "gost/rand.h"
#include "gost/streebog.h"
#include "gost/util.h"
#include "sespake/sespake_internal.h"

int sespake_password_point(enum gost_curve curve, unsigned ind, const uint8_t *pw, size_t pw_len,
                           const uint8_t *salt, size_t salt_len, ec_point *qpw)
{
    size_t n = gost_curve_size(curve);
    uint8_t f[64];
    ec_scalar k, r;
    ec_point q;
    int rc = sespake_q_point(curve, ind, &q);
    if (rc != GOST_OK)
        return rc;
    /* F(PW, salt, 2000): PBKDF2 with as many bytes as q has (len is the
     * least multiple of 8 with 2^len > q: 256 or 512 bits, RFC 8133 s.3). */
    rc = gost_pbkdf2_streebog512(pw, pw_len, salt, salt_len, GOST_SESPAKE_ITERATIONS, f, n);
    if (rc == GOST_OK) {
        /* int() reads the bytes little-endian (RFC 8133 s.3); Q has order q,
         * so reducing the scalar mod q changes nothing but its size. */
        ec_scalar_from_bytes(curve, &k, f);
        ec_scalar_reduce(curve, &r, &k);
        ec_point_mul(curve, qpw, &r, &q);
    }
    gost_wipe(f, sizeof f);
    gost_wipe(&k, sizeof k);
    gost_wipe(&r, sizeof r);
    return rc;
}

int sespake_ephemeral(enum gost_curve curve, ec_scalar *k, const uint8_t *fixed)
{
    static const ec_scalar one = {{1}};
    size_t n = gost_curve_size(curve);
    uint8_t wide[128];
    ec_scalar t;
    if (fixed != NULL) {
        ec_scalar_from_bytes(curve, &t, fixed);
        ec_scalar_reduce(curve, k, &t);
    } else {
        /* 2n random bytes reduced mod q: the bias is below 2^-(8n). */
        int rc = gost_random_bytes(wide, 2 * n);
        if (rc != GOST_OK)
            return rc;
        ec_scalar_reduce_wide(curve, k, wide);
    }
    /* 0 is not in [1, q-1]; it turns up with probability 1/q. */
    ec_scalar_cmov(k, &one, ec_scalar_is_zero(curve, k));
    gost_wipe(wide, sizeof wide);
    gost_wipe(&t, sizeof t);
    return GOST_OK;
}

/* r = mask ? a : r, word by word (mask all-ones or zero), in constant time. */
static void point_cmov(ec_point *r, const ec_point *a, uint64_t mask)
{
    for (size_t i = 0; i < 8; i++) {
        r->x[i] ^= mask & (r->x[i] ^ a->x[i]);
        r->y[i] ^= mask & (r->y[i] ^ a->y[i]);
        r->z[i] ^= mask & (r->z[i] ^ a->z[i]);
    }
}

uint64_t sespake_shared_key(enum gost_curve curve, uint8_t key[GOST_SESPAKE_KEY_SIZE],
                            const ec_scalar *k, const ec_point *q)
{
    size_t n = gost_curve_size(curve);
    uint8_t xy[128];
    ec_scalar h = {{0}}, s;
    ec_point r, kp, qq = *q;
    /* Q is in the subgroup of order q (u_1/u_2 and Q_PW are), so (m/q) Q is
     * the identity exactly when Q is: that is z = 1. The RFC then goes on
     * with Q = k P (s.4.3 steps 12 and 17), so that the key, and the MAC
     * sent under it, stay unpredictable rather than Streebog(0...0). */
    uint64_t z = (uint64_t)0 - (uint64_t)ec_point_is_identity(curve, q);
    ec_point_mul_base(curve, &kp, k);
    point_cmov(&qq, &kp, z);
    h.v[0] = (uint64_t)gost_curve_cofactor(curve);
    ec_scalar_mul(curve, &s, k, &h);
    ec_point_mul(curve, &r, &s, &qq);
    (void)ec_point_encode(curve, xy, &r);
    (void)gost_streebog256(xy, 2 * n, key);
    gost_wipe(xy, sizeof xy);
    gost_wipe(&s, sizeof s);
    gost_wipe(&r, sizeof r);
    gost_wipe(&kp, sizeof kp);
    gost_wipe(&qq, sizeof qq);
    return z;
}

int sespake_mac(uint8_t mac[GOST_SESPAKE_MAC_SIZE], const uint8_t key[GOST_SESPAKE_KEY_SIZE],
                uint8_t tag, const uint8_t *id, size_t id_len, uint8_t ind, const uint8_t *salt,
                size_t salt_len, const uint8_t *u1, const uint8_t *u2, size_t point_len)
{
    gost_hmac_streebog_ctx h;
    int rc = gost_hmac_streebog_init(&h, 32, key, GOST_SESPAKE_KEY_SIZE);
    rc |= gost_hmac_streebog_update(&h, &tag, 1);
    rc |= gost_hmac_streebog_update(&h, id, id_len);
    rc |= gost_hmac_streebog_update(&h, &ind, 1);
    rc |= gost_hmac_streebog_update(&h, salt, salt_len);
    rc |= gost_hmac_streebog_update(&h, u1, point_len);
    rc |= gost_hmac_streebog_update(&h, u2, point_len);
    rc |= gost_hmac_streebog_final(&h, mac);
    gost_wipe(&h, sizeof h);
    return rc == 0 ? GOST_OK : GOST_ERR_INTERNAL;
}

int sespake_counters_begin(gost_sespake_counters *c)
{
    if (c == NULL)
        return GOST_OK;
    if (c->c1 == 0 || c->c2 == 0 || c->c3 == 0)
        return GOST_ERR_LOCKED;
    c->c1--;
    c->c2--;
    c->c3--;
    return GOST_OK;
}

void sespake_counters_success(gost_sespake_counters *c)
{
    if (c == NULL)
        return;
    c->c1 = c->clim1;
    if (c->c2 < c->clim2)
        c->c2++;
}

int sespake_hand_over_key(uint8_t out[GOST_SESPAKE_KEY_SIZE],
                          const uint8_t key[GOST_SESPAKE_KEY_SIZE], int done)
{
    if (!done) {
        gost_wipe(out, GOST_SESPAKE_KEY_SIZE);
        return GOST_ERR_BAD_STATE;
    }
    memcpy(out, key, GOST_SESPAKE_KEY_SIZE);
    return GOST_OK;
}
