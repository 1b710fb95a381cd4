#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gost/cpu.h"
#include "testutil.h"

uint64_t test_rand_u64(uint64_t *s)
{
    uint64_t x = *s ? *s : 0x2545f4914f6cdd1dull;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

void test_rand_bytes(uint64_t *state, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)(test_rand_u64(state) >> 56);
}

uint64_t test_seed(void)
{
    const char *s = getenv("TEST_SEED");
    if (s != NULL)
        return strtoull(s, NULL, 0);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec;
}

static int hv(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long test_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *hex; hex++) {
        if (*hex == ' ' || *hex == '\n' || *hex == '\t')
            continue;
        int v = hv((unsigned char)*hex);
        if (v < 0)
            return -1;
        if (hi < 0)
            hi = v;
        else {
            if (n == cap)
                return -1;
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? (long)n : -1;
}

const char *test_vectors_dir(void)
{
    const char *d = getenv("GOST_VECTORS_DIR");
#ifndef GOST_VECTORS_DIR
#define GOST_VECTORS_DIR "vectors"
#endif
    return d != NULL ? d : GOST_VECTORS_DIR;
}

static unsigned features_at_start;

/* Runs before main: Criterion's runner, and the test processes it forks,
 * have not set GOST_CPU yet. */
__attribute__((constructor)) static void record_features_at_start(void)
{
    features_at_start = gost_cpu_features();
}

unsigned test_cpu_features_at_start(void)
{
    return features_at_start;
}

void test_chain_by_hand(void (*encrypt)(const void *key, uint8_t *block), const void *key, size_t n, int mode,
                        uint8_t *chain, const uint8_t *in, uint8_t *out)
{
    enum { CBC = 0, CFB = 1, OFB = 2 }; /* internal/chain.h's numbers, asserted by its users */
    if (mode == CBC)
        for (size_t b = 0; b < n; b++)
            chain[b] ^= in[b];
    encrypt(key, chain);
    for (size_t b = 0; b < n; b++) {
        if (mode == CFB)
            chain[b] ^= in[b];
        out[b] = mode == OFB ? (uint8_t)(in[b] ^ chain[b]) : chain[b];
    }
}
