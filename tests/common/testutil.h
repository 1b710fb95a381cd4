/* Helpers shared by the Criterion suites. */
#ifndef GOST_TESTUTIL_H
#define GOST_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Deterministic pseudo-random bytes (xorshift), seeded per test so a failure
 * reproduces; not for keys outside tests. */
void test_rand_bytes(uint64_t *state, uint8_t *out, size_t n);
uint64_t test_rand_u64(uint64_t *state);
/* A seed from TEST_SEED or the clock; printed by the caller on failure. */
uint64_t test_seed(void);

/* Hex decoding of a literal; returns the number of bytes or -1. */
long test_unhex(const char *hex, uint8_t *out, size_t cap);

/* The directory holding the vector files (compiled in, overridable with
 * GOST_VECTORS_DIR in the environment). */
const char *test_vectors_dir(void);

/* gost_cpu_features() as the process started, under the GOST_CPU it was
 * started with: the paths a test may force. Tests that set GOST_CPU to
 * walk the paths must ask this, not gost_cpu_features(), which a path
 * set earlier in the same test caps. */
unsigned test_cpu_features_at_start(void);

/* One block of a serial mode's chaining written out by hand, the reference
 * for the kernels' chaining entries (the modes GOST_CHAIN_CBC, CFB, OFB of
 * lib/gost/internal/chain.h: CBC chain = E(chain ^ in), CFB chain =
 * E(chain) ^ in, both out = chain; OFB chain = E(chain), out = in ^
 * chain). encrypt(key, block) encrypts one n-byte block in place. */
void test_chain_by_hand(void (*encrypt)(const void *key, uint8_t *block), const void *key, size_t n, int mode,
                        uint8_t *chain, const uint8_t *in, uint8_t *out);

#endif
