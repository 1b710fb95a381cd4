/* Random messages to SESPAKE party A. Input: a mode byte, then
 *  - mode even: the rest is a HELLO for a fresh A (on the curve mode/2 % 2
 *    selects: 256_A or 512_B) whose counters are exhausted (see below);
 *  - mode odd: A after a genuine HELLO (deterministic alpha) gets U2 = the
 *    next input[1] bytes, then MAC_B = the rest.
 * Every call must return one of the documented codes, a failed session must
 * refuse any further step, and a key is given only after a complete run. */
#include <string.h>

#include "fuzz.h"
#include "gost/sespake.h"
#include "sespake/sespake_internal.h"

static const enum gost_curve fuzz_curves[2] = {GOST_CURVE_256_A, GOST_CURVE_512_B};

static int allowed(int rc)
{
    return rc == GOST_OK || rc == GOST_ERR_BAD_STATE || rc == GOST_ERR_BAD_LENGTH ||
           rc == GOST_ERR_DECODE || rc == GOST_ERR_AUTH;
}

/* A waiting for U2 on curve i, computed once (one PBKDF2 per curve). */
static const gost_sespake_a *snapshot(int i)
{
    static gost_sespake_a snap[2];
    static int ready[2];
    if (!ready[i]) {
        gost_sespake_record rec;
        gost_sespake_b b;
        uint8_t salt[16], alpha[64], m1[GOST_SESPAKE_MSG_MAX], m2[GOST_SESPAKE_MSG_MAX];
        size_t l1, l2;
        memset(salt, 0x5a, sizeof salt);
        for (int j = 0; j < 64; j++)
            alpha[j] = (uint8_t)(j + 1);
        FUZZ_CHECK(gost_sespake_record_create(&rec, fuzz_curves[i], 1, "fuzz", 4, salt, 16, NULL) ==
                   GOST_OK);
        FUZZ_CHECK(gost_sespake_b_init(&b, &rec, NULL, 0, NULL, 0) == GOST_OK);
        FUZZ_CHECK(gost_sespake_b_start(&b, m1, sizeof m1, &l1) == GOST_OK);
        FUZZ_CHECK(gost_sespake_a_init(&snap[i], fuzz_curves[i], "fuzz", 4, NULL, 0, NULL, 0,
                                       NULL) == GOST_OK);
        FUZZ_CHECK(sespake_a_step_with(&snap[i], m1, l1, m2, sizeof m2, &l2, alpha) == GOST_OK);
        ready[i] = 1;
    }
    return &snap[i];
}

FUZZ_HARNESS(sespake_a)
{
    uint8_t out[GOST_SESPAKE_MSG_MAX], key[32];
    size_t l;
    if (size < 1)
        return;
    int ci = (data[0] >> 1) & 1, complete = 0;
    gost_sespake_a a;
    int rc;
    if ((data[0] & 1) == 0) {
        /* Exhausted counters: a HELLO that parses is refused with
         * GOST_ERR_LOCKED before the password transform (2000 PBKDF2
         * iterations per input would starve the fuzzer; the unit tests
         * and the RFC examples cover that path). */
        gost_sespake_counters locked;
        FUZZ_CHECK(gost_sespake_counters_init(&locked, 3, 7, 1000) == GOST_OK);
        locked.c1 = 0;
        FUZZ_CHECK(gost_sespake_a_init(&a, fuzz_curves[ci], "fuzz", 4, NULL, 0, NULL, 0,
                                       &locked) == GOST_OK);
        rc = gost_sespake_a_step(&a, data + 1, size - 1, out, sizeof out, &l);
        FUZZ_CHECK(rc == GOST_ERR_LOCKED || rc == GOST_ERR_BAD_STATE ||
                   rc == GOST_ERR_BAD_LENGTH || rc == GOST_ERR_DECODE);
        FUZZ_CHECK(locked.c2 == 7 && locked.c3 == 1000); /* a refusal takes no attempt */
    } else {
        size_t rest = size - 1, l1 = rest > 0 ? data[1] : 0;
        const uint8_t *u2 = rest > 0 ? data + 2 : data + 1;
        rest = rest > 0 ? rest - 1 : 0;
        if (l1 > rest)
            l1 = rest;
        memcpy(&a, snapshot(ci), sizeof a);
        rc = gost_sespake_a_step(&a, u2, l1, out, sizeof out, &l);
        FUZZ_CHECK(allowed(rc));
        FUZZ_CHECK(rc != GOST_OK || l == 2 + GOST_SESPAKE_MAC_SIZE);
        if (rc == GOST_OK) {
            rc = gost_sespake_a_step(&a, u2 + l1, rest - l1, out, sizeof out, &l);
            FUZZ_CHECK(allowed(rc));
            FUZZ_CHECK(rc != GOST_OK || l == 0);
            complete = rc == GOST_OK;
        }
    }
    if (rc != GOST_OK) {
        FUZZ_CHECK(l == 0);
        /* a failure ends the session */
        FUZZ_CHECK(gost_sespake_a_step(&a, data, size, out, sizeof out, &l) == GOST_ERR_BAD_STATE);
    }
    /* a key only after a complete run, and once */
    FUZZ_CHECK(gost_sespake_a_key(&a, key) == (complete ? GOST_OK : GOST_ERR_BAD_STATE));
    FUZZ_CHECK(gost_sespake_a_step(&a, data, size, out, sizeof out, &l) == GOST_ERR_BAD_STATE);
}
