/* Known-answer handlers for SESPAKE (vectors/sespake.txt):
 *  sespake-point: a point Q_ind of RFC 8133 Appendix A.1 (x, y as the RFC
 *    prints them, big-endian) must equal the library's table and be a valid
 *    point of the subgroup;
 *  sespake: a whole exchange of RFC 8133 Appendix A.2 replayed through both
 *    state machines with the example's alpha and beta (big-endian numbers);
 *    F(PW, salt, 2000) (f, if given), Q_PW, u_1, u_2, K (if given), MAC_A
 *    and MAC_B must match, K must be Streebog-256 of the printed src (if
 *    given), and both parties must end with K. */
#include <string.h>

#include "gost/pbkdf2.h"
#include "gost/sespake.h"
#include "gost/streebog.h"
#include "kat.h"
#include "sespake/sespake_internal.h"

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

/* A big-endian field of n bytes, reversed into le; 0 if absent or wrong size. */
static int field_le(const kat_record *r, const char *key, size_t n, uint8_t *le)
{
    size_t len;
    const uint8_t *v = kat_bytes(r, key, &len);
    if (v == NULL || len != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        le[i] = v[n - 1 - i];
    return 1;
}

/* X || Y little-endian from the big-endian keys <p>_x and <p>_y. */
static int point_le(const kat_record *r, const char *p, size_t n, uint8_t *xy)
{
    char kx[16], ky[16];
    snprintf(kx, sizeof kx, "%s_x", p);
    snprintf(ky, sizeof ky, "%s_y", p);
    return field_le(r, kx, n, xy) && field_le(r, ky, n, xy + n);
}

static int check_point(const kat_record *r, char *why, size_t whylen)
{
    enum gost_curve curve;
    uint64_t ind;
    uint8_t want[128], got[128];
    if (record_curve(r, &curve, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    size_t n = gost_curve_size(curve);
    if (kat_uint(r, "ind", &ind) != 0 || ind < 1 || ind > GOST_SESPAKE_POINTS ||
        !field_le(r, "x", n, want) || !field_le(r, "y", n, want + n))
        return kat_failf(why, whylen, "record needs ind (1..%d), x and y of %zu bytes",
                         GOST_SESPAKE_POINTS, n);
    if (sespake_set_of_curve(curve) == 0)
        return kat_failf(why, whylen, "the library has no SESPAKE points for this curve");
    sespake_q_bytes(curve, (unsigned)ind, got);
    if (memcmp(got, want, 2 * n) != 0)
        return kat_failf(why, whylen, "Q_%u differs from the library's table", (unsigned)ind);
    ec_point q;
    if (ec_point_decode(curve, &q, want) != GOST_OK)
        return kat_failf(why, whylen, "Q_%u is not a point of the subgroup", (unsigned)ind);
    return KAT_PASS;
}

struct exchange {
    enum gost_curve curve;
    size_t n;
    uint64_t ind;
    const uint8_t *pw, *salt, *id_a, *id_b;
    size_t pw_len, salt_len, id_a_len, id_b_len;
    uint8_t qpw[128], alpha[64], beta[64], u1[128], u2[128];
};

static int read_exchange(const kat_record *r, struct exchange *e, char *why, size_t whylen)
{
    if (record_curve(r, &e->curve, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    e->n = gost_curve_size(e->curve);
    e->pw = kat_bytes(r, "pw", &e->pw_len);
    e->salt = kat_bytes(r, "salt", &e->salt_len);
    e->id_a = kat_bytes(r, "id_a", &e->id_a_len);
    e->id_b = kat_bytes(r, "id_b", &e->id_b_len);
    if (kat_uint(r, "ind", &e->ind) != 0 || e->pw == NULL || e->salt == NULL ||
        !point_le(r, "qpw", e->n, e->qpw) || !field_le(r, "alpha", e->n, e->alpha) ||
        !field_le(r, "beta", e->n, e->beta) || !point_le(r, "u1", e->n, e->u1) ||
        !point_le(r, "u2", e->n, e->u2))
        return kat_failf(why, whylen, "record lacks a field or has one of the wrong size");
    return KAT_PASS;
}

/* The printed intermediates: F(PW, salt, 2000) from PBKDF2, and K as the
 * hash of the printed src (which ties src to the K the exchange must give). */
static int check_intermediates(const kat_record *r, const struct exchange *e, char *why,
                               size_t whylen)
{
    uint8_t f[64], k[32];
    size_t len;
    if (kat_has(r, "f")) {
        if (gost_pbkdf2_streebog512(e->pw, e->pw_len, e->salt, e->salt_len,
                                    GOST_SESPAKE_ITERATIONS, f, e->n) != GOST_OK ||
            kat_expect(r, "f", f, e->n, why, whylen) != KAT_PASS)
            return KAT_FAIL;
    }
    if (kat_has(r, "src")) {
        const uint8_t *src = kat_bytes(r, "src", &len);
        if (len != 2 * e->n || gost_streebog256(src, len, k) != GOST_OK)
            return kat_failf(why, whylen, "src must be %zu bytes", 2 * e->n);
        if (kat_expect(r, "k", k, 32, why, whylen) != KAT_PASS)
            return KAT_FAIL;
    }
    return KAT_PASS;
}

static int check_exchange(const kat_record *r, char *why, size_t whylen)
{
    struct exchange e;
    if (read_exchange(r, &e, why, whylen) != KAT_PASS ||
        check_intermediates(r, &e, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    size_t n = e.n, len;
    gost_sespake_record rec;
    gost_sespake_a a;
    gost_sespake_b b;
    uint8_t m1[GOST_SESPAKE_MSG_MAX], m2[GOST_SESPAKE_MSG_MAX], ka[32], kb[32];
    size_t l1, l2;
    int rc = gost_sespake_record_create(&rec, e.curve, (unsigned)e.ind, e.pw, e.pw_len, e.salt,
                                        e.salt_len, NULL);
    if (rc != GOST_OK || memcmp(rec.qpw, e.qpw, 2 * n) != 0)
        return kat_failf(why, whylen, "Q_PW mismatch (rc %d)", rc);
    if (gost_sespake_b_init(&b, &rec, e.id_a, e.id_a_len, e.id_b, e.id_b_len) != GOST_OK ||
        gost_sespake_a_init(&a, e.curve, e.pw, e.pw_len, e.id_a, e.id_a_len, e.id_b, e.id_b_len,
                            NULL) != GOST_OK ||
        gost_sespake_b_start(&b, m1, sizeof m1, &l1) != GOST_OK)
        return kat_failf(why, whylen, "init or start failed");
    rc = sespake_a_step_with(&a, m1, l1, m2, sizeof m2, &l2, e.alpha);
    if (rc != GOST_OK || l2 != 2 + 2 * n || memcmp(m2 + 2, e.u1, 2 * n) != 0)
        return kat_failf(why, whylen, "u_1 mismatch (rc %d)", rc);
    rc = sespake_b_step_with(&b, m2, l2, m1, sizeof m1, &l1, e.beta);
    if (rc != GOST_OK || l1 != 2 + 2 * n || memcmp(m1 + 2, e.u2, 2 * n) != 0)
        return kat_failf(why, whylen, "u_2 mismatch (rc %d)", rc);
    rc = gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2);
    if (rc != GOST_OK || l2 != 34)
        return kat_failf(why, whylen, "A failed on u_2 (rc %d)", rc);
    if (kat_has(r, "k") && kat_expect(r, "k", a.key, 32, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    if (kat_expect(r, "mac_a", m2 + 2, 32, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    rc = gost_sespake_b_step(&b, m2, l2, m1, sizeof m1, &l1);
    if (rc != GOST_OK || l1 != 34)
        return kat_failf(why, whylen, "B rejected MAC_A (rc %d)", rc);
    if (kat_expect(r, "mac_b", m1 + 2, 32, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    rc = gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &len);
    if (rc != GOST_OK || len != 0)
        return kat_failf(why, whylen, "A rejected MAC_B (rc %d)", rc);
    if (gost_sespake_a_key(&a, ka) != GOST_OK || gost_sespake_b_key(&b, kb) != GOST_OK ||
        memcmp(ka, kb, 32) != 0)
        return kat_failf(why, whylen, "the parties' keys differ");
    if (kat_has(r, "k") && kat_expect(r, "k", ka, 32, why, whylen) != KAT_PASS)
        return KAT_FAIL;
    return KAT_PASS;
}

KAT_HANDLER(sespake_point, check_point)
KAT_HANDLER(sespake, check_exchange)
