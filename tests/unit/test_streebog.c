/* Streebog: streaming over every split point, edge lengths, carries, the
 * kernels against each other, error codes, and differential tests against
 * OpenSSL's GOST provider on every CPU path this machine has, for the
 * constant-time and the public (table) implementations. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/gost/streebog_impl.h"
#include "gost/cpu.h"
#include "gost/streebog.h"
#include "streebog_ossl.h"
#include "testutil.h"

static void ours(int public_path, size_t size, const uint8_t *msg, size_t len, uint8_t *out)
{
    int r;
    if (public_path)
        r = size == 32 ? gost_streebog256_public(msg, len, out) : gost_streebog512_public(msg, len, out);
    else
        r = size == 32 ? gost_streebog256(msg, len, out) : gost_streebog512(msg, len, out);
    cr_assert_eq(r, GOST_OK);
}

/* GOST R 34.11-2012 Appendix A (RFC 6986 s.10), M1 and M2, digests in
 * output byte order (the standard prints them reversed). */
static const char m1[] = "012345678901234567890123456789012345678901234567890123456789012";
static const char m1_512[] = "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
                             "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48";
static const char m1_256[] = "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500";
static const char m2_hex[] = "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120ec"
                             "eef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb";
static const char m2_512[] = "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376"
                             "035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28";
static const char m2_256[] = "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50";

/* Three updates split at a and b, for every a and every b >= a. */
static void split_everywhere(const uint8_t *msg, size_t len, size_t size, const char *want_hex)
{
    uint8_t want[64], got[64];
    cr_assert_eq(test_unhex(want_hex, want, sizeof want), (long)size);
    for (int pub = 0; pub < 2; pub++)
        for (size_t a = 0; a <= len; a++)
            for (size_t b = a; b <= len; b++) {
                gost_streebog_ctx c;
                cr_assert_eq(pub ? gost_streebog_public_init(&c, size) : gost_streebog_init(&c, size), 0);
                cr_assert_eq(gost_streebog_update(&c, msg, a), 0);
                cr_assert_eq(gost_streebog_update(&c, msg + a, b - a), 0);
                cr_assert_eq(gost_streebog_update(&c, msg + b, len - b), 0);
                cr_assert_eq(gost_streebog_final(&c, got), 0);
                cr_assert_arr_eq(got, want, size, "split %zu/%zu (public=%d)", a, b, pub);
            }
}

Test(streebog, m1_m2_every_split_point)
{
    uint8_t m2[72];
    cr_assert_eq(test_unhex(m2_hex, m2, sizeof m2), 72);
    for (size_t p = 0; p < SB_NPATHS; p++) {
        if (!sb_path_available(sb_paths[p]))
            continue;
        setenv("GOST_CPU", sb_paths[p], 1);
        split_everywhere((const uint8_t *)m1, 63, 64, m1_512);
        split_everywhere((const uint8_t *)m1, 63, 32, m1_256);
        split_everywhere(m2, 72, 64, m2_512);
        split_everywhere(m2, 72, 32, m2_256);
    }
    unsetenv("GOST_CPU");
}

Test(streebog, edge_lengths_match_openssl)
{
    static const size_t lens[] = {0, 1, 63, 64, 65, 127, 128, 129, 3 * 1024 * 1024 + 17};
    size_t maxlen = lens[sizeof lens / sizeof lens[0] - 1];
    uint8_t *msg = malloc(maxlen);
    cr_assert_not_null(msg);
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, msg, maxlen);
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
        for (size_t size = 32; size <= 64; size += 32) {
            uint8_t want[64];
            sb_ossl_digest(size, msg, lens[i], want);
            for (size_t p = 0; p < SB_NPATHS; p++) {
                if (!sb_path_available(sb_paths[p]))
                    continue;
                setenv("GOST_CPU", sb_paths[p], 1);
                for (int pub = 0; pub < 2; pub++) {
                    uint8_t got[64];
                    ours(pub, size, msg, lens[i], got);
                    cr_assert_arr_eq(got, want, size, "len %zu size %zu public %d path %s", lens[i],
                                     size, pub, sb_paths[p]);
                }
            }
        }
    unsetenv("GOST_CPU");
    free(msg);
}

/* Sigma (the 512-bit sum of the blocks) carries through every limb: an
 * all-ones block followed by the block 1 sums to 2^512 = 0; long all-ones
 * messages carry on every addition. */
Test(streebog, sigma_carries_through_every_limb)
{
    size_t len = 64 * 40 + 5;
    uint8_t *msg = malloc(len);
    cr_assert_not_null(msg);
    memset(msg, 0xff, len);
    uint8_t two[128];
    memset(two, 0xff, 64);
    memset(two + 64, 0, 64);
    two[64] = 1;
    for (size_t size = 32; size <= 64; size += 32)
        for (int pub = 0; pub < 2; pub++) {
            uint8_t a[64], b[64];
            ours(pub, size, msg, len, a);
            sb_ossl_digest(size, msg, len, b);
            cr_assert_arr_eq(a, b, size);
            ours(pub, size, two, sizeof two, a);
            sb_ossl_digest(size, two, sizeof two, b);
            cr_assert_arr_eq(a, b, size);
        }
    free(msg);
}

/* The counter N only reaches its upper limbs after 2^64 bits, and Sigma's
 * carries need chosen blocks, so both adders are checked on their own. */
static void words_to_block(uint8_t block[64], const uint64_t w[8])
{
    for (int i = 0; i < 8; i++)
        gost_store64_le(block + 8 * i, w[i]);
}

Test(streebog, add512_carries_and_wraps)
{
    uint64_t a[8], one[8] = {1, 0, 0, 0, 0, 0, 0, 0}, ones[8];
    uint8_t block[64];
    memset(ones, 0xff, sizeof ones);
    memset(a, 0xff, sizeof a);
    words_to_block(block, one);
    gost_streebog_add512(a, block); /* (2^512 - 1) + 1 = 0 */
    for (int i = 0; i < 8; i++)
        cr_assert_eq(a[i], 0, "limb %d", i);
    uint64_t b[8] = {~0ull - 511, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, 5};
    uint64_t n512[8] = {512, 0, 0, 0, 0, 0, 0, 0};
    words_to_block(block, n512);
    gost_streebog_add512(b, block);
    cr_assert_eq(b[0], 0);
    for (int i = 1; i < 7; i++)
        cr_assert_eq(b[i], 0, "limb %d", i);
    cr_assert_eq(b[7], 6);
    memset(a, 0xff, sizeof a);
    words_to_block(block, ones);
    gost_streebog_add512(a, block); /* -1 + -1 = -2 */
    cr_assert_eq(a[0], ~0ull - 1);
    for (int i = 1; i < 8; i++)
        cr_assert_eq(a[i], ~0ull, "limb %d", i);
    /* The block's bytes are a little-endian number: byte 8 is limb 1's
     * lowest byte. */
    memset(a, 0, sizeof a);
    memset(block, 0, sizeof block);
    block[8] = 0x80;
    gost_streebog_add512(a, block);
    cr_assert_eq(a[0], 0);
    cr_assert_eq(a[1], 0x80);
}

Test(streebog, add512_small_carries_and_wraps)
{
    uint64_t a[8];
    memset(a, 0xff, sizeof a);
    gost_streebog_add512_small(a, 1); /* (2^512 - 1) + 1 = 0 */
    for (int i = 0; i < 8; i++)
        cr_assert_eq(a[i], 0, "limb %d", i);
    uint64_t b[8] = {~0ull - 511, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, 5};
    gost_streebog_add512_small(b, 512);
    for (int i = 0; i < 7; i++)
        cr_assert_eq(b[i], 0, "limb %d", i);
    cr_assert_eq(b[7], 6);
    uint64_t c[8] = {~0ull - 511, 7, 0, 0, 0, 0, 0, 0};
    gost_streebog_add512_small(c, 511); /* no carry */
    cr_assert_eq(c[0], ~0ull);
    cr_assert_eq(c[1], 7);
}

/* Each compression kernel (portable ct, SSSE3 ct, AVX2 ct, table) on random
 * chaining values, counters and blocks: all agree. */
Test(streebog, kernels_agree)
{
    uint64_t seed = test_seed();
    gost_streebog_compress_fn ssse3 = gost_streebog_compress_ssse3_get();
    gost_streebog_compress_fn avx2 = gost_streebog_compress_avx2_get();
    gost_streebog_compress_fn avx = gost_streebog_compress_table_avx_get();
    for (int i = 0; i < 500; i++) {
        uint64_t h[8], n[8], a[8], b[8], c[8], d[8], e[8];
        uint8_t m[64];
        test_rand_bytes(&seed, (uint8_t *)h, sizeof h);
        test_rand_bytes(&seed, (uint8_t *)n, sizeof n);
        test_rand_bytes(&seed, m, sizeof m);
        memcpy(a, h, sizeof h);
        memcpy(b, h, sizeof h);
        memcpy(c, h, sizeof h);
        memcpy(d, h, sizeof h);
        memcpy(e, h, sizeof h);
        gost_streebog_compress_ct(a, n, m);
        gost_streebog_compress_table(b, n, m);
        cr_assert_arr_eq(a, b, sizeof a, "portable vs table, case %d", i);
        if (ssse3 != NULL) {
            ssse3(c, n, m);
            cr_assert_arr_eq(c, b, sizeof c, "ssse3 vs table, case %d", i);
        }
        if (avx2 != NULL) {
            avx2(d, n, m);
            cr_assert_arr_eq(d, b, sizeof d, "avx2 vs table, case %d", i);
        }
        if (avx != NULL) {
            avx(e, n, m);
            cr_assert_arr_eq(e, b, sizeof e, "table avx vs table, case %d", i);
        }
    }
}

Test(streebog, random_differential_every_path)
{
    uint64_t seed = test_seed();
    uint8_t msg[1500];
    for (size_t p = 0; p < SB_NPATHS; p++) {
        if (!sb_path_available(sb_paths[p]))
            continue;
        setenv("GOST_CPU", sb_paths[p], 1);
        for (int i = 0; i < 150; i++) {
            size_t len = (size_t)(test_rand_u64(&seed) % sizeof msg);
            size_t size = (test_rand_u64(&seed) & 1) ? 32 : 64;
            size_t cut = len ? (size_t)(test_rand_u64(&seed) % len) : 0;
            uint8_t want[64];
            test_rand_bytes(&seed, msg, len);
            sb_ossl_digest(size, msg, len, want);
            for (int pub = 0; pub < 2; pub++) {
                uint8_t got[64];
                gost_streebog_ctx c;
                cr_assert_eq(pub ? gost_streebog_public_init(&c, size) : gost_streebog_init(&c, size), 0);
                cr_assert_eq(gost_streebog_update(&c, msg, cut), 0);
                cr_assert_eq(gost_streebog_update(&c, msg + cut, len - cut), 0);
                cr_assert_eq(gost_streebog_final(&c, got), 0);
                cr_assert_arr_eq(got, want, size, "path %s public %d len %zu cut %zu", sb_paths[p], pub,
                                 len, cut);
            }
        }
    }
    unsetenv("GOST_CPU");
}

Test(streebog, bad_arguments)
{
    gost_streebog_ctx c;
    uint8_t d[64];
    memset(&c, 0, sizeof c);
    cr_expect_eq(gost_streebog_init(NULL, 32), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog_init(&c, 48), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_streebog_init(&c, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_streebog_public_init(&c, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_streebog_public_init(NULL, 64), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog_update(&c, d, 1), GOST_ERR_BAD_STATE); /* never initialised */
    cr_expect_eq(gost_streebog_final(&c, d), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_streebog_update(NULL, d, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog_final(NULL, d), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog256(NULL, 1, d), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog512(NULL, 1, d), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog256("x", 1, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog512_public("x", 1, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog256_public(NULL, 3, d), GOST_ERR_INVALID_ARGUMENT);
    /* A NULL pointer with length 0 is the empty message. */
    uint8_t want[64];
    cr_assert_eq(gost_streebog256(NULL, 0, d), GOST_OK);
    sb_ossl_digest(32, (const uint8_t *)"", 0, want);
    cr_expect_arr_eq(d, want, 32);
    cr_assert_eq(gost_streebog_init(&c, 32), GOST_OK);
    cr_expect_eq(gost_streebog_update(&c, NULL, 5), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_streebog_update(&c, NULL, 0), GOST_OK);
    cr_expect_eq(gost_streebog_final(&c, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_streebog_final(&c, d), GOST_OK);
    cr_expect_arr_eq(d, want, 32, "failed calls changed the context");
    /* final wiped the context: it is no longer usable. */
    cr_expect_eq(gost_streebog_update(&c, d, 1), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_streebog_final(&c, d), GOST_ERR_BAD_STATE);
    for (size_t i = 0; i < sizeof c; i++)
        cr_expect_eq(((uint8_t *)&c)[i], 0, "context byte %zu not wiped", i);
}

/* The keyed paths must never reach the table kernel: the constant-time
 * init installs a ct kernel on every path (the ctime check then proves the
 * keyed cases clean; run on a secret, the table kernel would be reported
 * at its first load). */
Test(streebog, ct_init_never_picks_the_table_kernel)
{
    for (size_t p = 0; p < SB_NPATHS; p++) {
        if (!sb_path_available(sb_paths[p]))
            continue;
        setenv("GOST_CPU", sb_paths[p], 1);
        gost_streebog_ctx c;
        cr_assert_eq(gost_streebog_init(&c, 64), 0);
        cr_expect_neq((void *)c.compress, (void *)gost_streebog_compress_table, "path %s", sb_paths[p]);
        cr_expect((void *)c.compress == (void *)gost_streebog_compress_ct ||
                      (void *)c.compress == (void *)gost_streebog_compress_ssse3_get() ||
                      (void *)c.compress == (void *)gost_streebog_compress_avx2_get(),
                  "path %s: unknown kernel", sb_paths[p]);
        if (strcmp(sb_paths[p], "avx2") == 0)
            cr_expect_eq((void *)c.compress, (void *)gost_streebog_compress_avx2_get());
        if (strcmp(sb_paths[p], "ssse3") == 0)
            cr_expect_eq((void *)c.compress, (void *)gost_streebog_compress_ssse3_get());
        if (strcmp(sb_paths[p], "portable") == 0)
            cr_expect_eq((void *)c.compress, (void *)gost_streebog_compress_ct);
        cr_expect_neq((void *)c.compress, (void *)gost_streebog_compress_table_best(), "path %s", sb_paths[p]);
        /* The public init picks the AVX table kernel where the path
         * allows it (avx2), else the C one. */
        cr_assert_eq(gost_streebog_public_init(&c, 64), 0);
        gost_streebog_compress_fn avx = gost_streebog_compress_table_avx_get();
        if (strcmp(sb_paths[p], "avx2") == 0 && (test_cpu_features_at_start() & GOST_CPU_HAS_AVX2))
            cr_expect(avx != NULL && (void *)c.compress == (void *)avx, "path %s", sb_paths[p]);
        else
            cr_expect_eq((void *)c.compress, (void *)gost_streebog_compress_table, "path %s", sb_paths[p]);
    }
    unsetenv("GOST_CPU");
}
