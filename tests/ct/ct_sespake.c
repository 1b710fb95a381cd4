/* Constant-time checks for SESPAKE (both parties): the password, the
 * verifier point Q_PW in B's record and the ephemeral scalars alpha and beta
 * are marked secret; record creation and every step of both parties must
 * not branch on them or index memory with them. The messages (public by
 * design) are declassified as they pass from one party to the other; the
 * keys at the end. */
#include <string.h>

#include "ct.h"
#include "gost/sespake.h"
#include "sespake/sespake_internal.h"

/* One curve of each kind: cofactor 1 and 4, 256 and 512 bits. */
static const enum gost_curve curves[] = {GOST_CURVE_256_B, GOST_CURVE_256_A, GOST_CURVE_512_C};
#define NC (sizeof curves / sizeof curves[0])

static void public_msg(const uint8_t *m, size_t len, int rc)
{
    CT_PUBLIC(m, len);
    CT_CHECK(rc == GOST_OK);
}

CT_CASE(sespake_exchange)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        size_t n = gost_curve_size(c);
        uint8_t pw[12] = "secret-pass", salt[16] = {7, 1, 2, 3}, alpha[64], beta[64];
        uint8_t m1[GOST_SESPAKE_MSG_MAX], m2[GOST_SESPAKE_MSG_MAX], ka[32], kb[32];
        size_t l1, l2;
        gost_sespake_record rec;
        gost_sespake_a a;
        gost_sespake_b b;
        for (size_t j = 0; j < n; j++) {
            alpha[j] = (uint8_t)(j * 13 + 5);
            beta[j] = (uint8_t)(j * 7 + 3);
        }
        CT_SECRET(pw, sizeof pw);
        int rc = gost_sespake_record_create(&rec, c, 1, pw, sizeof pw, salt, sizeof salt, NULL);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
        CT_SECRET(rec.point, sizeof rec.point);
        CT_SECRET(rec.qpw, sizeof rec.qpw);
        CT_SECRET(alpha, n);
        CT_SECRET(beta, n);
        CT_CHECK(gost_sespake_b_init(&b, &rec, (const uint8_t *)"A", 1, (const uint8_t *)"B", 1) ==
                 GOST_OK);
        CT_CHECK(gost_sespake_a_init(&a, c, pw, sizeof pw, (const uint8_t *)"A", 1,
                                     (const uint8_t *)"B", 1, NULL) == GOST_OK);
        CT_CHECK(gost_sespake_b_start(&b, m1, sizeof m1, &l1) == GOST_OK);
        rc = sespake_a_step_with(&a, m1, l1, m2, sizeof m2, &l2, alpha);
        public_msg(m2, l2, rc);
        rc = sespake_b_step_with(&b, m2, l2, m1, sizeof m1, &l1, beta);
        public_msg(m1, l1, rc);
        rc = gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2);
        public_msg(m2, l2, rc);
        rc = gost_sespake_b_step(&b, m2, l2, m1, sizeof m1, &l1);
        public_msg(m1, l1, rc);
        rc = gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2);
        CT_CHECK(rc == GOST_OK && l2 == 0);
        CT_CHECK(gost_sespake_a_key(&a, ka) == GOST_OK);
        CT_CHECK(gost_sespake_b_key(&b, kb) == GOST_OK);
        CT_PUBLIC(ka, sizeof ka);
        CT_PUBLIC(kb, sizeof kb);
        CT_CHECK(memcmp(ka, kb, 32) == 0);
    }
}

/* A wrong password: the failing MAC check must not branch on secrets
 * before its (public) verdict either. */
CT_CASE(sespake_wrong_password)
{
    enum gost_curve c = GOST_CURVE_256_A;
    uint8_t pw[8] = "password", bad[8] = "passw0rd", salt[16] = {9};
    uint8_t m1[GOST_SESPAKE_MSG_MAX], m2[GOST_SESPAKE_MSG_MAX];
    size_t l1, l2;
    gost_sespake_record rec;
    gost_sespake_a a;
    gost_sespake_b b;
    CT_CHECK(gost_sespake_record_create(&rec, c, 1, pw, sizeof pw, salt, sizeof salt, NULL) ==
             GOST_OK);
    CT_SECRET(rec.point, sizeof rec.point);
    CT_SECRET(bad, sizeof bad);
    CT_CHECK(gost_sespake_b_init(&b, &rec, NULL, 0, NULL, 0) == GOST_OK);
    CT_CHECK(gost_sespake_a_init(&a, c, bad, sizeof bad, NULL, 0, NULL, 0, NULL) == GOST_OK);
    CT_CHECK(gost_sespake_b_start(&b, m1, sizeof m1, &l1) == GOST_OK);
    int rc = gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2);
    public_msg(m2, l2, rc);
    rc = gost_sespake_b_step(&b, m2, l2, m1, sizeof m1, &l1);
    public_msg(m1, l1, rc);
    rc = gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2);
    public_msg(m2, l2, rc);
    rc = gost_sespake_b_step(&b, m2, l2, m1, sizeof m1, &l1);
    CT_CHECK(rc == GOST_ERR_AUTH);
}

/* B's stored record, read back from storage: the verifier Q_PW in it is
 * secret, so its validation (curve, subgroup) must not branch on it. */
CT_CASE(sespake_record_decode)
{
    for (size_t i = 0; i < NC; i++) {
        enum gost_curve c = curves[i];
        uint8_t pw[8] = "pass1234", salt[16] = {9, 8, 7};
        uint8_t buf[GOST_SESPAKE_RECORD_SIZE];
        gost_sespake_record rec, back;
        CT_CHECK(gost_sespake_record_create(&rec, c, 1, pw, sizeof pw, salt, sizeof salt, NULL) ==
                 GOST_OK);
        CT_CHECK(gost_sespake_record_encode(&rec, buf) == GOST_OK);
        /* Q_PW; the header, salt, padding and counters are public */
        CT_SECRET(buf + 68, 2 * gost_curve_size(c));
        int rc = gost_sespake_record_decode(&back, buf, sizeof buf);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
    }
}
