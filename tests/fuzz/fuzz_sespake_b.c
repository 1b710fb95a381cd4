/* Random messages to SESPAKE party B, and random stored records. Input: a
 * mode byte, then
 *  - mode & 3 == 3: the rest is a stored record for gost_sespake_record_decode
 *    (a record that decodes must encode to the same bytes);
 *  - else: B (on 256_A or 512_B, mode bit 1) after HELLO gets U1 = the next
 *    input[1] bytes, then MAC_A = the rest.
 * Every call must return a documented code, a failed session must refuse
 * further steps, the counters move as RFC 8133 s.4 says, and a key is
 * given only after a complete run. */
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

/* The record of password "fuzz" on curve i, computed once. */
static const gost_sespake_record *record(int i)
{
    static gost_sespake_record rec[2];
    static int ready[2];
    if (!ready[i]) {
        uint8_t salt[16];
        memset(salt, 0x5a, sizeof salt);
        FUZZ_CHECK(gost_sespake_record_create(&rec[i], fuzz_curves[i], 1, "fuzz", 4, salt, 16,
                                              NULL) == GOST_OK);
        ready[i] = 1;
    }
    return &rec[i];
}

static void fuzz_record(const uint8_t *data, size_t size)
{
    gost_sespake_record rec;
    uint8_t again[GOST_SESPAKE_RECORD_SIZE];
    int rc = gost_sespake_record_decode(&rec, data, size);
    FUZZ_CHECK(rc == GOST_OK || rc == GOST_ERR_DECODE || rc == GOST_ERR_BAD_LENGTH);
    if (rc == GOST_OK) {
        FUZZ_CHECK(gost_sespake_record_encode(&rec, again) == GOST_OK);
        FUZZ_CHECK(memcmp(again, data, size) == 0);
    }
}

FUZZ_HARNESS(sespake_b)
{
    uint8_t out[GOST_SESPAKE_MSG_MAX], key[32];
    size_t l;
    if (size < 1)
        return;
    if ((data[0] & 3) == 3) {
        fuzz_record(data + 1, size - 1);
        return;
    }
    int ci = (data[0] >> 1) & 1, complete = 0;
    gost_sespake_record rec = *record(ci);
    gost_sespake_b b;
    FUZZ_CHECK(gost_sespake_b_init(&b, &rec, NULL, 0, NULL, 0) == GOST_OK);
    FUZZ_CHECK(gost_sespake_b_start(&b, out, sizeof out, &l) == GOST_OK);
    size_t rest = size - 1, l1 = rest > 0 ? data[1] : 0;
    const uint8_t *u1 = rest > 0 ? data + 2 : data + 1;
    rest = rest > 0 ? rest - 1 : 0;
    if (l1 > rest)
        l1 = rest;
    int rc = gost_sespake_b_step(&b, u1, l1, out, sizeof out, &l);
    FUZZ_CHECK(allowed(rc));
    FUZZ_CHECK(rc != GOST_OK || l == 2 + 2 * gost_curve_size(fuzz_curves[ci]));
    if (rc == GOST_OK) {
        rc = gost_sespake_b_step(&b, u1 + l1, rest - l1, out, sizeof out, &l);
        FUZZ_CHECK(allowed(rc));
        FUZZ_CHECK(rc != GOST_OK || l == 2 + GOST_SESPAKE_MAC_SIZE);
        complete = rc == GOST_OK;
    }
    /* the session start took one attempt; a complete run gave C_1 back */
    FUZZ_CHECK(rec.counters.c3 == rec.counters.clim3 - 1);
    FUZZ_CHECK(rec.counters.c1 == (complete ? rec.counters.clim1 : rec.counters.clim1 - 1));
    if (rc != GOST_OK) {
        FUZZ_CHECK(l == 0);
        FUZZ_CHECK(gost_sespake_b_step(&b, data, size, out, sizeof out, &l) == GOST_ERR_BAD_STATE);
    }
    FUZZ_CHECK(gost_sespake_b_key(&b, key) == (complete ? GOST_OK : GOST_ERR_BAD_STATE));
    FUZZ_CHECK(gost_sespake_b_step(&b, data, size, out, sizeof out, &l) == GOST_ERR_BAD_STATE);
}
