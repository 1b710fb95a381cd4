/* SESPAKE (RFC 8133): both parties agree on every parameter set over random
 * passwords; a wrong password, tampered, replayed and out-of-order messages,
 * invalid points and exhausted counters all fail with the documented codes;
 * the record survives encode/decode (a restart) with its counters. The RFC's
 * own examples are in vectors/sespake.txt (run here through kat_run_file and
 * by the kat suite on every CPU path). */
#include <criterion/criterion.h>
#include <gmp.h>
#include <string.h>

#include "gost/hmac.h"
#include "gost/sespake.h"
#include "gost/streebog.h"
#include "kat.h"
#include "sespake/sespake_internal.h"
#include "testutil.h"

static const enum gost_curve sets[7] = {GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_256_C,
                                        GOST_CURVE_256_D, GOST_CURVE_512_A, GOST_CURVE_512_B,
                                        GOST_CURVE_512_C};
static const uint8_t ida[] = "client@example", idb[] = "token-server";

/* One session's parties and its messages, in order: HELLO, U1, U2, MACA, MACB. */
struct session {
    gost_sespake_a a;
    gost_sespake_b b;
    uint8_t msg[5][GOST_SESPAKE_MSG_MAX];
    size_t len[5];
};

static void make_record(gost_sespake_record *rec, enum gost_curve c, unsigned ind, const char *pw,
                        uint64_t *seed)
{
    uint8_t salt[32];
    test_rand_bytes(seed, salt, sizeof salt);
    cr_assert_eq(gost_sespake_record_create(rec, c, ind, pw, strlen(pw), salt, sizeof salt, NULL),
                 GOST_OK);
}

static void start(struct session *s, gost_sespake_record *rec, enum gost_curve c, const char *pw)
{
    cr_assert_eq(gost_sespake_b_init(&s->b, rec, ida, sizeof ida, idb, sizeof idb), GOST_OK);
    cr_assert_eq(gost_sespake_a_init(&s->a, c, pw, strlen(pw), ida, sizeof ida, idb, sizeof idb,
                                     NULL),
                 GOST_OK);
}

/* Runs the exchange to its end or its first error; returns that error (0 if
 * none) and the number of messages produced. */
static int run(struct session *s, int *produced)
{
    int rc = gost_sespake_b_start(&s->b, s->msg[0], GOST_SESPAKE_MSG_MAX, &s->len[0]);
    *produced = rc == GOST_OK;
    for (int i = 1; rc == GOST_OK && i <= 5; i++) {
        size_t out_len = 0;
        uint8_t *out = i < 5 ? s->msg[i] : s->msg[0];
        rc = (i % 2 == 1) ? gost_sespake_a_step(&s->a, s->msg[i - 1], s->len[i - 1], out,
                                                GOST_SESPAKE_MSG_MAX, &out_len)
                          : gost_sespake_b_step(&s->b, s->msg[i - 1], s->len[i - 1], out,
                                                GOST_SESPAKE_MSG_MAX, &out_len);
        if (rc == GOST_OK && i < 5) {
            s->len[i] = out_len;
            *produced = i + 1;
        }
    }
    return rc;
}

Test(sespake, parties_agree_every_set_random_passwords)
{
    uint64_t seed = test_seed();
    for (int i = 0; i < 7; i++) {
        for (int rep = 0; rep < 2; rep++) {
            char pw[33];
            uint8_t r[32], ka[32], kb[32];
            size_t pwl = 1 + test_rand_u64(&seed) % 32;
            test_rand_bytes(&seed, r, sizeof r);
            for (size_t j = 0; j < pwl; j++)
                pw[j] = (char)(33 + r[j] % 94);
            pw[pwl] = '\0';
            unsigned ind = 1 + (unsigned)(test_rand_u64(&seed) % GOST_SESPAKE_POINTS);
            gost_sespake_record rec;
            struct session s;
            int produced;
            make_record(&rec, sets[i], ind, pw, &seed);
            start(&s, &rec, sets[i], pw);
            cr_assert_eq(run(&s, &produced), GOST_OK, "set %d ind %u seed %llu", i, ind,
                         (unsigned long long)seed);
            cr_assert_eq(s.len[1], 2 + 4 * gost_curve_size(sets[i]) / 2);
            cr_assert_eq(gost_sespake_a_key(&s.a, ka), GOST_OK);
            cr_assert_eq(gost_sespake_b_key(&s.b, kb), GOST_OK);
            cr_assert_eq(memcmp(ka, kb, 32), 0);
            /* a success leaves C_1 and C_2 full, C_3 one less */
            cr_assert_eq(rec.counters.c1, rec.counters.clim1);
            cr_assert_eq(rec.counters.c2, rec.counters.clim2);
            cr_assert_eq(rec.counters.c3, rec.counters.clim3 - 1);
            /* the key is spent: a second read fails */
            cr_assert_eq(gost_sespake_a_key(&s.a, ka), GOST_ERR_BAD_STATE);
        }
    }
}

Test(sespake, wrong_password_fails_at_b_and_counts)
{
    uint64_t seed = test_seed();
    for (int i = 0; i < 7; i += 3) {
        gost_sespake_record rec;
        struct session s;
        int produced;
        uint8_t k[32];
        make_record(&rec, sets[i], 1, "correct horse", &seed);
        start(&s, &rec, sets[i], "correct hors3");
        cr_assert_eq(run(&s, &produced), GOST_ERR_AUTH);
        cr_assert_eq(produced, 4, "B must reject MAC_A");
        cr_assert_eq(rec.counters.c1, rec.counters.clim1 - 1);
        cr_assert_eq(rec.counters.c2, rec.counters.clim2 - 1);
        cr_assert_eq(gost_sespake_b_key(&s.b, k), GOST_ERR_BAD_STATE);
        cr_assert_eq(gost_sespake_a_key(&s.a, k), GOST_ERR_BAD_STATE);
        static const uint8_t zero[32];
        cr_assert_eq(memcmp(k, zero, 32), 0, "a failed key call wipes the output");
    }
}

/* Flip one bit of message m (at byte off) on its way; the session must fail. */
static int tampered(enum gost_curve c, int m, size_t off, uint64_t *seed, int *failed_at)
{
    gost_sespake_record rec;
    struct session s;
    make_record(&rec, c, 1, "pw", seed);
    start(&s, &rec, c, "pw");
    int rc = gost_sespake_b_start(&s.b, s.msg[0], GOST_SESPAKE_MSG_MAX, &s.len[0]);
    for (int i = 1; rc == GOST_OK && i <= 5; i++) {
        if (i - 1 == m)
            s.msg[m][off % s.len[m]] ^= 0x10;
        size_t out_len;
        uint8_t *out = i < 5 ? s.msg[i] : s.msg[0];
        rc = (i % 2 == 1) ? gost_sespake_a_step(&s.a, s.msg[i - 1], s.len[i - 1], out,
                                                GOST_SESPAKE_MSG_MAX, &out_len)
                          : gost_sespake_b_step(&s.b, s.msg[i - 1], s.len[i - 1], out,
                                                GOST_SESPAKE_MSG_MAX, &out_len);
        if (i < 5)
            s.len[i] = out_len;
        *failed_at = i;
    }
    return rc;
}

Test(sespake, tampered_messages_fail)
{
    uint64_t seed = test_seed();
    for (int m = 0; m < 5; m++) {
        enum gost_curve c = sets[m % 7];
        int at;
        /* in a field: the session fails with "failed" (or a decode error
         * for the salt length / ind of HELLO) */
        size_t off = m == 0 ? 5 : 2 + test_rand_u64(&seed) % 30;
        int rc = tampered(c, m, off, &seed, &at);
        cr_assert_eq(rc, GOST_ERR_AUTH, "message %d byte %zu: rc %d", m, off, rc);
        cr_assert_geq(at, m + 1);
        /* the header: type or set */
        rc = tampered(c, m, 0, &seed, &at);
        cr_assert(rc == GOST_ERR_BAD_STATE || rc == GOST_ERR_DECODE, "message %d type: %d", m, rc);
        rc = tampered(c, m, 1, &seed, &at);
        cr_assert_eq(rc, GOST_ERR_DECODE, "message %d set: %d", m, rc);
    }
}

Test(sespake, replayed_messages_fail)
{
    uint64_t seed = test_seed();
    enum gost_curve c = GOST_CURVE_256_A;
    gost_sespake_record rec;
    struct session s1, s2;
    int produced;
    size_t l;
    uint8_t out[GOST_SESPAKE_MSG_MAX];
    make_record(&rec, c, 1, "pw", &seed);
    start(&s1, &rec, c, "pw");
    cr_assert_eq(run(&s1, &produced), GOST_OK);
    /* an old U1 and MAC_A replayed to a new session of B: B answers U1 (with a
     * fresh beta) but the old MAC_A does not match */
    cr_assert_eq(gost_sespake_b_init(&s2.b, &rec, ida, sizeof ida, idb, sizeof idb), GOST_OK);
    cr_assert_eq(gost_sespake_b_start(&s2.b, out, sizeof out, &l), GOST_OK);
    cr_assert_eq(gost_sespake_b_step(&s2.b, s1.msg[1], s1.len[1], out, sizeof out, &l), GOST_OK);
    cr_assert_neq(memcmp(out, s1.msg[2], l), 0, "a fresh beta gives a fresh u_2");
    cr_assert_eq(gost_sespake_b_step(&s2.b, s1.msg[3], s1.len[3], out, sizeof out, &l),
                 GOST_ERR_AUTH);
    /* a replay within a session (U1 twice) is out of order */
    cr_assert_eq(gost_sespake_b_init(&s2.b, &rec, ida, sizeof ida, idb, sizeof idb), GOST_OK);
    cr_assert_eq(gost_sespake_b_start(&s2.b, out, sizeof out, &l), GOST_OK);
    cr_assert_eq(gost_sespake_b_step(&s2.b, s1.msg[1], s1.len[1], out, sizeof out, &l), GOST_OK);
    cr_assert_eq(gost_sespake_b_step(&s2.b, s1.msg[1], s1.len[1], out, sizeof out, &l),
                 GOST_ERR_BAD_STATE);
    /* and the failure ended the session */
    cr_assert_eq(gost_sespake_b_step(&s2.b, s1.msg[3], s1.len[3], out, sizeof out, &l),
                 GOST_ERR_BAD_STATE);
    /* an old HELLO replayed to A twice */
    cr_assert_eq(gost_sespake_a_init(&s2.a, c, "pw", 2, ida, sizeof ida, idb, sizeof idb, NULL),
                 GOST_OK);
    cr_assert_eq(gost_sespake_a_step(&s2.a, s1.msg[0], s1.len[0], out, sizeof out, &l), GOST_OK);
    cr_assert_eq(gost_sespake_a_step(&s2.a, s1.msg[0], s1.len[0], out, sizeof out, &l),
                 GOST_ERR_BAD_STATE);
}

Test(sespake, out_of_order_steps_fail)
{
    uint64_t seed = test_seed();
    enum gost_curve c = GOST_CURVE_512_A;
    gost_sespake_record rec;
    struct session s, t;
    int produced;
    size_t l;
    uint8_t out[GOST_SESPAKE_MSG_MAX], k[32];
    make_record(&rec, c, GOST_SESPAKE_POINTS, "pw", &seed);
    start(&t, &rec, c, "pw");
    cr_assert_eq(run(&t, &produced), GOST_OK);
    for (int m = 1; m < 5; m++) {
        /* B before start, and B/A fed a later message than expected */
        start(&s, &rec, c, "pw");
        cr_assert_eq(gost_sespake_b_step(&s.b, t.msg[m], t.len[m], out, sizeof out, &l),
                     GOST_ERR_BAD_STATE);
        cr_assert_eq(gost_sespake_b_key(&s.b, k), GOST_ERR_BAD_STATE);
        if (m == 2 || m == 4) {
            cr_assert_eq(gost_sespake_a_step(&s.a, t.msg[m], t.len[m], out, sizeof out, &l),
                         GOST_ERR_BAD_STATE);
            cr_assert_eq(gost_sespake_a_step(&s.a, t.msg[0], t.len[0], out, sizeof out, &l),
                         GOST_ERR_BAD_STATE, "the session ended with the error");
        }
    }
    /* B fed a HELLO (A's messages only are expected) */
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_b_start(&s.b, out, sizeof out, &l), GOST_OK);
    cr_assert_eq(gost_sespake_b_start(&s.b, out, sizeof out, &l), GOST_ERR_BAD_STATE);
    cr_assert_eq(gost_sespake_b_step(&s.b, t.msg[0], t.len[0], out, sizeof out, &l),
                 GOST_ERR_BAD_STATE);
    /* the key before the end */
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_a_key(&s.a, k), GOST_ERR_BAD_STATE);
}

/* A session in which message m arrives d bytes longer or shorter. */
static int altered_length(enum gost_curve c, int m, int d, uint64_t *seed)
{
    gost_sespake_record rec;
    struct session s;
    uint8_t in[GOST_SESPAKE_MSG_MAX + 1] = {0};
    make_record(&rec, c, 1, "pw", seed);
    start(&s, &rec, c, "pw");
    int rc = gost_sespake_b_start(&s.b, s.msg[0], GOST_SESPAKE_MSG_MAX, &s.len[0]);
    for (int i = 1; rc == GOST_OK && i <= 5; i++) {
        size_t len = s.len[i - 1] + (i - 1 == m ? (size_t)d : 0), out_len;
        memcpy(in, s.msg[i - 1], s.len[i - 1]);
        uint8_t *out = i < 5 ? s.msg[i] : s.msg[0];
        rc = (i % 2 == 1) ? gost_sespake_a_step(&s.a, in, len, out, GOST_SESPAKE_MSG_MAX, &out_len)
                          : gost_sespake_b_step(&s.b, in, len, out, GOST_SESPAKE_MSG_MAX, &out_len);
        if (i < 5)
            s.len[i] = out_len;
    }
    return rc;
}

Test(sespake, lengths_types_and_buffers)
{
    uint64_t seed = test_seed();
    enum gost_curve c = GOST_CURVE_256_B;
    gost_sespake_record rec;
    struct session s, t;
    int produced;
    size_t l;
    uint8_t out[GOST_SESPAKE_MSG_MAX], buf[GOST_SESPAKE_MSG_MAX + 1];
    make_record(&rec, c, 1, "pw", &seed);
    start(&t, &rec, c, "pw");
    cr_assert_eq(run(&t, &produced), GOST_OK);
    for (int m = 0; m < 5; m++)
        for (int d = -1; d <= 1; d += 2)
            cr_assert_eq(altered_length(c, m, d, &seed), GOST_ERR_BAD_LENGTH, "message %d, %+d", m, d);
    /* short messages, unknown types, HELLO fields out of range */
    static const uint8_t one[1] = {1}, unknown[2] = {9, 2};
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_a_step(&s.a, one, 1, out, sizeof out, &l), GOST_ERR_BAD_LENGTH);
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_a_step(&s.a, unknown, 2, out, sizeof out, &l), GOST_ERR_DECODE);
    uint8_t hello[GOST_SESPAKE_MSG_MAX];
    memcpy(hello, t.msg[0], t.len[0]);
    hello[2] = GOST_SESPAKE_POINTS + 1; /* ind: the RFC gives one point per curve */
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_a_step(&s.a, hello, t.len[0], out, sizeof out, &l), GOST_ERR_DECODE);
    hello[2] = 0;
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_a_step(&s.a, hello, t.len[0], out, sizeof out, &l), GOST_ERR_DECODE);
    gost_sespake_record bad;
    cr_assert_eq(gost_sespake_record_create(&bad, c, GOST_SESPAKE_POINTS + 1, "pw", 2, rec.salt,
                                            rec.salt_len, NULL),
                 GOST_ERR_DECODE);
    cr_assert_eq(gost_sespake_record_create(&bad, c, 0, "pw", 2, rec.salt, rec.salt_len, NULL),
                 GOST_ERR_DECODE);
    memcpy(hello, t.msg[0], t.len[0]);
    hello[3] = 15; /* salt_len below 16, length consistent */
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_a_step(&s.a, hello, 4 + 15, out, sizeof out, &l), GOST_ERR_DECODE);
    /* a HELLO for another parameter set than A asked for */
    cr_assert_eq(gost_sespake_a_init(&s.a, GOST_CURVE_256_A, "pw", 2, NULL, 0, NULL, 0, NULL),
                 GOST_OK);
    cr_assert_eq(gost_sespake_a_step(&s.a, t.msg[0], t.len[0], out, sizeof out, &l),
                 GOST_ERR_DECODE);
    /* a small buffer changes nothing: the same call succeeds afterwards */
    start(&s, &rec, c, "pw");
    cr_assert_eq(gost_sespake_b_start(&s.b, out, 4 + rec.salt_len - 1, &l),
                 GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(gost_sespake_b_start(&s.b, out, sizeof out, &l), GOST_OK);
    cr_assert_eq(gost_sespake_a_step(&s.a, out, l, buf, 2 + 63, &l), GOST_ERR_BUFFER_TOO_SMALL);
    cr_assert_eq(gost_sespake_a_step(&s.a, out, 4 + rec.salt_len, buf, sizeof buf, &l), GOST_OK);
    cr_assert_eq(gost_sespake_b_step(&s.b, buf, l, out, 10, &l), GOST_ERR_BUFFER_TOO_SMALL);
}

/* X || Y of a point on curve c that is not in the subgroup of order q (c has
 * cofactor 4): y = sqrt(x^3 + a x + b) for p = 3 mod 4, for the first x that
 * gives one that ec_point_decode rejects. Computed with GMP, apart from the
 * library's arithmetic. */
static void point_outside_subgroup(enum gost_curve c, const char *phex, const char *ahex,
                                   const char *bhex, uint8_t *xy)
{
    size_t n = gost_curve_size(c);
    mpz_t p, a, b, x, rhs, y, e, t;
    mpz_inits(p, a, b, x, rhs, y, e, t, NULL);
    mpz_set_str(p, phex, 16);
    mpz_set_str(a, ahex, 16);
    mpz_set_str(b, bhex, 16);
    cr_assert_eq(mpz_fdiv_ui(p, 4), 3);
    mpz_add_ui(e, p, 1);
    mpz_fdiv_q_2exp(e, e, 2);
    for (unsigned long xi = 1;; xi++) {
        mpz_set_ui(x, xi);
        mpz_powm_ui(rhs, x, 3, p);
        mpz_mul(t, a, x);
        mpz_add(rhs, rhs, t);
        mpz_add(rhs, rhs, b);
        mpz_mod(rhs, rhs, p);
        mpz_powm(y, rhs, e, p);
        mpz_powm_ui(t, y, 2, p);
        if (mpz_cmp(t, rhs) != 0)
            continue; /* no square root: not an x of the curve */
        memset(xy, 0, 2 * n);
        mpz_export(xy, NULL, -1, 1, -1, 0, x);
        mpz_export(xy + n, NULL, -1, 1, -1, 0, y);
        ec_point pt;
        if (ec_point_decode(c, &pt, xy) != GOST_OK)
            break; /* on the curve (by construction), so outside the subgroup */
    }
    mpz_clears(p, a, b, x, rhs, y, e, t, NULL);
}

/* Feed B a U1 carrying xy; it must answer GOST_ERR_AUTH and end. */
static void b_rejects_u1(gost_sespake_record *rec, const uint8_t *xy, size_t n)
{
    gost_sespake_b b;
    uint8_t out[GOST_SESPAKE_MSG_MAX], u1[GOST_SESPAKE_MSG_MAX];
    size_t l;
    cr_assert_eq(gost_sespake_b_init(&b, rec, NULL, 0, NULL, 0), GOST_OK);
    cr_assert_eq(gost_sespake_b_start(&b, out, sizeof out, &l), GOST_OK);
    u1[0] = 2;
    u1[1] = rec->set;
    memcpy(u1 + 2, xy, 2 * n);
    cr_assert_eq(gost_sespake_b_step(&b, u1, 2 + 2 * n, out, sizeof out, &l), GOST_ERR_AUTH);
    cr_assert_eq(gost_sespake_b_step(&b, u1, 2 + 2 * n, out, sizeof out, &l), GOST_ERR_BAD_STATE);
}

Test(sespake, invalid_points_rejected)
{
    uint64_t seed = test_seed();
    for (int i = 0; i < 7; i++) {
        enum gost_curve c = sets[i];
        size_t n = gost_curve_size(c);
        gost_sespake_record rec;
        uint8_t xy[128];
        make_record(&rec, c, 1, "pw", &seed);
        memset(xy, 0, sizeof xy); /* (0, 0): the usual encoding of the identity */
        b_rejects_u1(&rec, xy, n);
        memset(xy, 0xff, sizeof xy); /* coordinates >= p */
        b_rejects_u1(&rec, xy, n);
        memcpy(xy, rec.qpw, 2 * n); /* Q_PW with y changed: off the curve */
        xy[n] ^= 1;
        b_rejects_u1(&rec, xy, n);
    }
    gost_sespake_record rec;
    uint8_t xy[128];
    make_record(&rec, GOST_CURVE_256_A, 1, "pw", &seed);
    point_outside_subgroup(GOST_CURVE_256_A,
                           "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
                           "C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335",
                           "295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513", xy);
    b_rejects_u1(&rec, xy, 32);
    make_record(&rec, GOST_CURVE_512_C, 1, "pw", &seed);
    point_outside_subgroup(
        GOST_CURVE_512_C,
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
        "DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E1430645"
        "46E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3",
        "B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE0"
        "38CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1",
        xy);
    b_rejects_u1(&rec, xy, 64);
}

/* u_1 = -Q_PW makes Q_B the identity. B must then go on with Q_B = beta P
 * (RFC 8133 s.4.3 step 12), so that its key is not Streebog(0...0), which an
 * attacker who knows Q_PW could compute, and z_B = 1 must make B refuse even
 * a MAC_A made with that key. */
Test(sespake, z_flag_refuses_identity_key)
{
    uint64_t seed = test_seed();
    for (int i = 0; i < 7; i += 6) {
        enum gost_curve c = sets[i];
        size_t n = gost_curve_size(c);
        gost_sespake_record rec;
        gost_sespake_b b;
        ec_point q;
        uint8_t hello[GOST_SESPAKE_MSG_MAX], u1[GOST_SESPAKE_MSG_MAX], u2[GOST_SESPAKE_MSG_MAX];
        uint8_t zeros[128] = {0}, k[32], maca[34], out[GOST_SESPAKE_MSG_MAX];
        size_t lh, l2, l;
        make_record(&rec, c, 1, "pw", &seed);
        cr_assert_eq(ec_point_decode(c, &q, rec.qpw), GOST_OK);
        ec_point_neg(c, &q, &q);
        u1[0] = 2;
        u1[1] = rec.set;
        cr_assert_eq(ec_point_encode(c, u1 + 2, &q), GOST_OK);
        cr_assert_eq(gost_sespake_b_init(&b, &rec, NULL, 0, NULL, 0), GOST_OK);
        cr_assert_eq(gost_sespake_b_start(&b, hello, sizeof hello, &lh), GOST_OK);
        cr_assert_eq(gost_sespake_b_step(&b, u1, 2 + 2 * n, u2, sizeof u2, &l2), GOST_OK);
        cr_assert_eq(gost_streebog256(zeros, 2 * n, k), GOST_OK);
        cr_assert_neq(memcmp(b.key, k, 32), 0, "K_B must not be the hash of the identity");
        cr_assert_eq(b.z, ~(uint64_t)0);
        /* even the right MAC_A under B's own key is refused: z_B = 1 */
        maca[0] = 4;
        maca[1] = rec.set;
        cr_assert_eq(sespake_mac(maca + 2, b.key, 0x01, NULL, 0, rec.ind, rec.salt, rec.salt_len,
                                 u1 + 2, u2 + 2, 2 * n),
                     GOST_OK);
        cr_assert_eq(gost_sespake_b_step(&b, maca, sizeof maca, out, sizeof out, &l),
                     GOST_ERR_AUTH);
        cr_assert_eq(gost_sespake_b_step(&b, maca, sizeof maca, out, sizeof out, &l),
                     GOST_ERR_BAD_STATE, "the failure ended the session");
    }
}

Test(sespake, counters_lock_b_and_survive_restart)
{
    enum gost_curve c = GOST_CURVE_256_A;
    gost_sespake_record rec, loaded;
    gost_sespake_counters lim;
    uint8_t stored[GOST_SESPAKE_RECORD_SIZE], salt[16] = {1, 2, 3};
    struct session s;
    int produced;
    cr_assert_eq(gost_sespake_counters_init(&lim, 3, 7, 1000), GOST_OK);
    cr_assert_eq(gost_sespake_record_create(&rec, c, 1, "pw", 2, salt, sizeof salt, &lim), GOST_OK);
    /* two failures, then a "restart": the record is stored and loaded */
    for (int i = 0; i < 2; i++) {
        start(&s, &rec, c, "wrong");
        cr_assert_eq(run(&s, &produced), GOST_ERR_AUTH);
    }
    cr_assert_eq(gost_sespake_record_encode(&rec, stored), GOST_OK);
    cr_assert_eq(gost_sespake_record_decode(&loaded, stored, sizeof stored), GOST_OK);
    cr_assert_eq(loaded.counters.c1, 1);
    cr_assert_eq(loaded.counters.c2, 5);
    cr_assert_eq(loaded.counters.c3, 998);
    /* the third consecutive failure locks B, even for the right password */
    start(&s, &loaded, c, "wrong");
    cr_assert_eq(run(&s, &produced), GOST_ERR_AUTH);
    start(&s, &loaded, c, "pw");
    cr_assert_eq(run(&s, &produced), GOST_ERR_LOCKED);
    cr_assert_eq(produced, 0, "a locked B sends nothing");

    /* a success restores C_1 (consecutive) but C_2 (total) keeps falling */
    cr_assert_eq(gost_sespake_record_create(&rec, c, 1, "pw", 2, salt, sizeof salt, &lim), GOST_OK);
    int failures = 0;
    for (int round = 0; round < 10 && failures < 7; round++) {
        for (int f = 0; f < 2 && failures < 7; f++, failures++) {
            start(&s, &rec, c, "wrong");
            cr_assert_eq(run(&s, &produced), GOST_ERR_AUTH);
        }
        if (failures < 7) {
            start(&s, &rec, c, "pw");
            cr_assert_eq(run(&s, &produced), GOST_OK, "round %d", round);
            cr_assert_eq(rec.counters.c1, 3);
        }
    }
    cr_assert_eq(rec.counters.c2, 0);
    start(&s, &rec, c, "pw");
    cr_assert_eq(run(&s, &produced), GOST_ERR_LOCKED);

    /* C_3: the sessions with one password */
    cr_assert_eq(gost_sespake_record_create(&rec, c, 1, "pw", 2, salt, sizeof salt, &lim), GOST_OK);
    rec.counters.c3 = 1;
    start(&s, &rec, c, "pw");
    cr_assert_eq(run(&s, &produced), GOST_OK);
    start(&s, &rec, c, "pw");
    cr_assert_eq(run(&s, &produced), GOST_ERR_LOCKED);
}

Test(sespake, client_counters)
{
    uint64_t seed = test_seed();
    enum gost_curve c = GOST_CURVE_256_C;
    gost_sespake_record rec;
    gost_sespake_counters ac;
    struct session s;
    int produced;
    make_record(&rec, c, 1, "pw", &seed);
    cr_assert_eq(gost_sespake_counters_init(&ac, 3, 7, 1000), GOST_OK);
    cr_assert_eq(gost_sespake_b_init(&s.b, &rec, NULL, 0, NULL, 0), GOST_OK);
    cr_assert_eq(gost_sespake_a_init(&s.a, c, "pw", 2, NULL, 0, NULL, 0, &ac), GOST_OK);
    cr_assert_eq(run(&s, &produced), GOST_OK);
    cr_assert_eq(ac.c1, 3);
    cr_assert_eq(ac.c3, 999);
    ac.c1 = 0;
    cr_assert_eq(gost_sespake_b_init(&s.b, &rec, NULL, 0, NULL, 0), GOST_OK);
    cr_assert_eq(gost_sespake_a_init(&s.a, c, "pw", 2, NULL, 0, NULL, 0, &ac), GOST_OK);
    cr_assert_eq(run(&s, &produced), GOST_ERR_LOCKED);
    cr_assert_eq(produced, 1, "A refuses on HELLO");
}

Test(sespake, record_encoding)
{
    uint64_t seed = test_seed();
    for (int i = 0; i < 7; i++) {
        gost_sespake_record rec, back;
        uint8_t enc[GOST_SESPAKE_RECORD_SIZE], again[GOST_SESPAKE_RECORD_SIZE];
        size_t n = gost_curve_size(sets[i]);
        make_record(&rec, sets[i], 1 + (unsigned)i % GOST_SESPAKE_POINTS, "pw", &seed);
        cr_assert_eq(gost_sespake_record_encode(&rec, enc), GOST_OK);
        cr_assert_eq(gost_sespake_record_decode(&back, enc, sizeof enc), GOST_OK);
        cr_assert_eq(gost_sespake_record_encode(&back, again), GOST_OK);
        cr_assert_eq(memcmp(enc, again, sizeof enc), 0);
        ec_point p1, p2; /* the same point, whatever its projective form */
        memcpy(&p1, rec.point, sizeof p1);
        memcpy(&p2, back.point, sizeof p2);
        cr_assert(ec_point_equal_vartime(sets[i], &p1, &p2));
        cr_assert_eq(gost_sespake_record_decode(&back, enc, sizeof enc - 1), GOST_ERR_BAD_LENGTH);
        /* each field broken in turn */
        static const size_t offs[] = {0, 1, 2, 3, 4 + 40, 68, 196, 208};
        for (size_t j = 0; j < sizeof offs / sizeof offs[0]; j++) {
            size_t off = offs[j] == 68 ? 68 + n : offs[j]; /* Q_PW's y */
            memcpy(again, enc, sizeof enc);
            again[off] ^= off >= 196 ? 0x80 : 0x41;
            cr_assert_eq(gost_sespake_record_decode(&back, again, sizeof again), GOST_ERR_DECODE,
                         "offset %zu", off);
        }
        if (n == 32) { /* the padding after a 64-byte Q_PW */
            memcpy(again, enc, sizeof enc);
            again[68 + 64] ^= 1;
            cr_assert_eq(gost_sespake_record_decode(&back, again, sizeof again), GOST_ERR_DECODE);
        }
    }
}

Test(sespake, bad_arguments)
{
    gost_sespake_record rec;
    gost_sespake_a a;
    gost_sespake_b b;
    gost_sespake_counters c;
    uint8_t salt[16] = {0}, out[8];
    size_t l;
    cr_assert_eq(gost_sespake_record_create(&rec, GOST_CURVE_256_TEST, 1, "pw", 2, salt, 16, NULL),
                 GOST_ERR_UNSUPPORTED);
    cr_assert_eq(gost_sespake_record_create(&rec, GOST_CURVE_256_A, 0, "pw", 2, salt, 16, NULL),
                 GOST_ERR_DECODE);
    cr_assert_eq(gost_sespake_record_create(&rec, GOST_CURVE_256_A, 1, "pw", 2, salt, 15, NULL),
                 GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_sespake_record_create(NULL, GOST_CURVE_256_A, 1, "pw", 2, salt, 16, NULL),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_counters_init(&c, 2, 7, 1000), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_counters_init(&c, 3, 21, 1000), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_counters_init(&c, 3, 7, 100001), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_a_init(&a, GOST_CURVE_512_TEST, "pw", 2, NULL, 0, NULL, 0, NULL),
                 GOST_ERR_UNSUPPORTED);
    cr_assert_eq(gost_sespake_a_init(&a, GOST_CURVE_512_A, NULL, 2, NULL, 0, NULL, 0, NULL),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_a_init(&a, GOST_CURVE_512_A, "pw", 2, NULL, 65, NULL, 0, NULL),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_b_init(&b, NULL, NULL, 0, NULL, 0), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_a_step(NULL, out, 1, out, 8, &l), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_sespake_b_step(NULL, out, 1, out, 8, &l), GOST_ERR_INVALID_ARGUMENT);
}

Test(sespake, rfc8133_examples)
{
    char path[1024];
    kat_totals t = {0, 0, 0};
    snprintf(path, sizeof path, "%s/sespake.txt", test_vectors_dir());
    kat_run_file(path, stderr, 0, &t);
    cr_assert_eq(t.failed, 0);
    cr_assert_eq(t.passed, 7 + 7, "the 7 points of RFC 8133 A.1 and the 7 examples of A.2");
}
