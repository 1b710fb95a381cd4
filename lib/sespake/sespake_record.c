/* B's verifier record (RFC 8133 s.4: B keeps ind, salt and Q_PW, never
 * the password) with its attempt counters (s.4), and its storage form. */
#include <string.h>

#include "gost/ec_declassify.h"
#include "gost/internal/util.h"
#include "sespake/sespake_internal.h"

#define RECORD_VERSION 1

/* RFC 8133 s.4: CLim_1 in {3..5}, CLim_2 in {7..20}, CLim_3 in {10^3..10^5}. */
static int limits_valid(uint32_t l1, uint32_t l2, uint32_t l3)
{
    return l1 >= 3 && l1 <= 5 && l2 >= 7 && l2 <= 20 && l3 >= 1000 && l3 <= 100000;
}

int gost_sespake_counters_init(gost_sespake_counters *c, uint32_t clim1, uint32_t clim2,
                               uint32_t clim3)
{
    if (c == NULL || !limits_valid(clim1, clim2, clim3))
        return GOST_ERR_INVALID_ARGUMENT;
    c->c1 = c->clim1 = clim1;
    c->c2 = c->clim2 = clim2;
    c->c3 = c->clim3 = clim3;
    return GOST_OK;
}

static int counters_valid(const gost_sespake_counters *c)
{
    return limits_valid(c->clim1, c->clim2, c->clim3) && c->c1 <= c->clim1 &&
           c->c2 <= c->clim2 && c->c3 <= c->clim3;
}

int gost_sespake_record_create(gost_sespake_record *rec, enum gost_curve curve, unsigned ind,
                               const void *pw, size_t pw_len, const uint8_t *salt,
                               size_t salt_len, const gost_sespake_counters *counters)
{
    if (rec == NULL || (pw == NULL && pw_len > 0) || salt == NULL ||
        pw_len > GOST_SESPAKE_PASSWORD_MAX)
        return GOST_ERR_INVALID_ARGUMENT;
    uint8_t set = sespake_set_of_curve(curve);
    if (set == 0)
        return GOST_ERR_UNSUPPORTED;
    if (ind < 1 || ind > GOST_SESPAKE_POINTS)
        return GOST_ERR_DECODE;
    if (salt_len < GOST_SESPAKE_SALT_MIN || salt_len > GOST_SESPAKE_SALT_MAX)
        return GOST_ERR_BAD_LENGTH;
    if (counters != NULL && !counters_valid(counters))
        return GOST_ERR_INVALID_ARGUMENT;
    memset(rec, 0, sizeof *rec);
    rec->set = set;
    rec->ind = (uint8_t)ind;
    rec->salt_len = (uint8_t)salt_len;
    memcpy(rec->salt, salt, salt_len);
    if (counters != NULL)
        rec->counters = *counters;
    else
        (void)gost_sespake_counters_init(&rec->counters, GOST_SESPAKE_CLIM1_DEFAULT,
                                         GOST_SESPAKE_CLIM2_DEFAULT, GOST_SESPAKE_CLIM3_DEFAULT);
    ec_point qpw;
    int rc = sespake_password_point(curve, ind, pw, pw_len, salt, salt_len, &qpw);
    /* Q_PW is never the identity: int(F) mod q would have to be 0. */
    if (rc == GOST_OK && ec_point_encode(curve, rec->qpw, &qpw) != GOST_OK)
        rc = GOST_ERR_INTERNAL;
    memcpy(rec->point, &qpw, sizeof qpw);
    gost_wipe(&qpw, sizeof qpw);
    if (rc != GOST_OK)
        gost_wipe(rec, sizeof *rec);
    return rc;
}

int gost_sespake_record_encode(const gost_sespake_record *rec,
                               uint8_t out[GOST_SESPAKE_RECORD_SIZE])
{
    enum gost_curve curve;
    if (rec == NULL || out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (sespake_params_valid(rec->set, rec->ind, rec->salt_len, &curve) != GOST_OK)
        return GOST_ERR_INVALID_ARGUMENT;
    memset(out, 0, GOST_SESPAKE_RECORD_SIZE);
    out[0] = RECORD_VERSION;
    out[1] = rec->set;
    out[2] = rec->ind;
    out[3] = rec->salt_len;
    memcpy(out + 4, rec->salt, rec->salt_len);
    memcpy(out + 68, rec->qpw, 2 * gost_curve_size(curve));
    const uint32_t v[6] = {rec->counters.c1,    rec->counters.c2,    rec->counters.c3,
                           rec->counters.clim1, rec->counters.clim2, rec->counters.clim3};
    for (int i = 0; i < 6; i++)
        gost_store32_be(out + 196 + 4 * i, v[i]);
    return GOST_OK;
}

/* All padding must be zero, so that one record has one encoding. */
static int zeros(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

int gost_sespake_record_decode(gost_sespake_record *rec, const uint8_t *in, size_t len)
{
    enum gost_curve curve;
    if (rec == NULL || in == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (len != GOST_SESPAKE_RECORD_SIZE)
        return GOST_ERR_BAD_LENGTH;
    memset(rec, 0, sizeof *rec);
    if (in[0] != RECORD_VERSION || sespake_params_valid(in[1], in[2], in[3], &curve) != GOST_OK)
        return GOST_ERR_DECODE;
    size_t n = gost_curve_size(curve);
    if (!zeros(in + 4 + in[3], GOST_SESPAKE_SALT_MAX - in[3]) ||
        !zeros(in + 68 + 2 * n, 128 - 2 * n))
        return GOST_ERR_DECODE;
    rec->set = in[1];
    rec->ind = in[2];
    rec->salt_len = in[3];
    memcpy(rec->salt, in + 4, rec->salt_len);
    memcpy(rec->qpw, in + 68, 2 * n);
    uint32_t v[6];
    for (int i = 0; i < 6; i++)
        v[i] = gost_load32_be(in + 196 + 4 * i);
    rec->counters = (gost_sespake_counters){v[0], v[1], v[2], v[3], v[4], v[5]};
    ec_point qpw;
    /* Q_PW comes from storage: validate it fully (on the curve, not the
     * identity, in the subgroup). It is the verifier, as secret as the
     * password, so the check runs in constant time; only its verdict is
     * public. */
    int point_ok = ec_point_decode_ct(curve, &qpw, rec->qpw) == GOST_OK;
    EC_DECLASSIFY(&point_ok, sizeof point_ok);
    if (!counters_valid(&rec->counters) || !point_ok) {
        gost_wipe(rec, sizeof *rec);
        return GOST_ERR_DECODE;
    }
    memcpy(rec->point, &qpw, sizeof qpw);
    gost_wipe(&qpw, sizeof qpw);
    return GOST_OK;
}
