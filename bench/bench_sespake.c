/* gost-bench rows for SESPAKE (RFC 8133): sespake-256a and sespake-512a,
 * complete exchanges per second on TC 26 256 paramSetA and 512 paramSetA.
 *
 * One exchange is everything both parties do per session: B's HELLO, A's
 * password transform (PBKDF2-Streebog-512 with the RFC's 2000 iterations,
 * included: A holds only the password) and scalar multiplications, B's
 * answer, both MACs and both keys. B's record is made once in setup, as a
 * server does at enrolment. OpenSSL has no SESPAKE: no comparison column. */
#include <string.h>

#include "bench.h"
#include "gost/sespake.h"

static gost_sespake_record records[2];
static const enum gost_curve curves[2] = {GOST_CURVE_256_A, GOST_CURVE_512_A};
static const char password[] = "correct horse battery staple";

static int setup(int i)
{
    static const uint8_t salt[16] = {0x29, 0x23, 0xbe, 0x84};
    return gost_sespake_record_create(&records[i], curves[i], 1, password, sizeof password - 1,
                                      salt, sizeof salt, NULL) == GOST_OK ? 0 : -1;
}

static int exchange(int i)
{
    gost_sespake_record *rec = &records[i];
    gost_sespake_a a;
    gost_sespake_b b;
    uint8_t m1[GOST_SESPAKE_MSG_MAX], m2[GOST_SESPAKE_MSG_MAX], ka[32], kb[32];
    size_t l1, l2;
    /* the benchmark must not lock itself out: C_3 counts every session */
    rec->counters.c3 = rec->counters.clim3;
    if (gost_sespake_b_init(&b, rec, NULL, 0, NULL, 0) != GOST_OK ||
        gost_sespake_a_init(&a, curves[i], password, sizeof password - 1, NULL, 0, NULL, 0,
                            NULL) != GOST_OK ||
        gost_sespake_b_start(&b, m1, sizeof m1, &l1) != GOST_OK ||
        gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2) != GOST_OK ||
        gost_sespake_b_step(&b, m2, l2, m1, sizeof m1, &l1) != GOST_OK ||
        gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2) != GOST_OK ||
        gost_sespake_b_step(&b, m2, l2, m1, sizeof m1, &l1) != GOST_OK ||
        gost_sespake_a_step(&a, m1, l1, m2, sizeof m2, &l2) != GOST_OK ||
        gost_sespake_a_key(&a, ka) != GOST_OK || gost_sespake_b_key(&b, kb) != GOST_OK ||
        memcmp(ka, kb, sizeof ka) != 0)
        return -1;
    return 0;
}

static int setup_256a(void) { return setup(0); }
static int setup_512a(void) { return setup(1); }

static int ours_256a(size_t size, size_t iters)
{
    for (size_t k = 0; k < iters; k++)
        if (exchange(0) != 0)
            return -1;
    return 0;
}

static int ours_512a(size_t size, size_t iters)
{
    for (size_t k = 0; k < iters; k++)
        if (exchange(1) != 0)
            return -1;
    return 0;
}

BENCH_ROW(sespake_256a, {"sespake-256a", 0, setup_256a, ours_256a, NULL, NULL})
BENCH_ROW(sespake_512a, {"sespake-512a", 0, setup_512a, ours_512a, NULL, NULL})
