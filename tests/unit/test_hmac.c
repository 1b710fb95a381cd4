/* HMAC-Streebog-256/512 (R 50.1.113-2016 s.4.1.1, RFC 7836 s.4.1) against
 * OpenSSL's HMAC over gostprov's digests: keys shorter than, equal to and
 * longer than the block, random messages, every CPU path, any split. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "gost/hmac.h"
#include "streebog_ossl.h"
#include "testutil.h"

static int ours(size_t size, const uint8_t *key, size_t klen, const uint8_t *msg, size_t len, uint8_t *mac)
{
    return size == 32 ? gost_hmac_streebog256(key, klen, msg, len, mac)
                      : gost_hmac_streebog512(key, klen, msg, len, mac);
}

Test(hmac, keys_around_the_block_size_match_openssl)
{
    static const size_t klens[] = {0, 1, 16, 32, 63, 64, 65, 100, 128, 200};
    uint64_t seed = test_seed();
    uint8_t key[200], msg[300];
    test_rand_bytes(&seed, key, sizeof key);
    for (size_t p = 0; p < SB_NPATHS; p++) {
        if (!sb_path_available(sb_paths[p]))
            continue;
        setenv("GOST_CPU", sb_paths[p], 1);
        for (size_t i = 0; i < sizeof klens / sizeof klens[0]; i++)
            for (size_t size = 32; size <= 64; size += 32) {
                size_t mlen = (size_t)(test_rand_u64(&seed) % sizeof msg);
                uint8_t a[64], b[64];
                test_rand_bytes(&seed, msg, mlen);
                cr_assert_eq(ours(size, key, klens[i], msg, mlen, a), GOST_OK);
                sb_ossl_hmac(size, key, klens[i], msg, mlen, b);
                cr_assert_arr_eq(a, b, size, "path %s key length %zu, size %zu", sb_paths[p], klens[i],
                                 size);
            }
    }
    unsetenv("GOST_CPU");
}

Test(hmac, random_keys_and_messages_match_openssl)
{
    uint64_t seed = test_seed();
    uint8_t key[150], msg[700];
    for (int i = 0; i < 200; i++) {
        size_t klen = (size_t)(test_rand_u64(&seed) % sizeof key);
        size_t mlen = (size_t)(test_rand_u64(&seed) % sizeof msg);
        size_t size = (test_rand_u64(&seed) & 1) ? 32 : 64;
        uint8_t a[64], b[64];
        test_rand_bytes(&seed, key, klen);
        test_rand_bytes(&seed, msg, mlen);
        cr_assert_eq(ours(size, key, klen, msg, mlen, a), GOST_OK);
        sb_ossl_hmac(size, key, klen, msg, mlen, b);
        cr_assert_arr_eq(a, b, size, "case %d: key %zu msg %zu size %zu", i, klen, mlen, size);
    }
}

Test(hmac, streaming_any_split)
{
    uint8_t key[70], msg[200], whole[64], part[64];
    uint64_t seed = test_seed();
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, msg, sizeof msg);
    for (size_t size = 32; size <= 64; size += 32) {
        cr_assert_eq(ours(size, key, sizeof key, msg, sizeof msg, whole), 0);
        for (size_t a = 0; a <= sizeof msg; a++) {
            gost_hmac_streebog_ctx c;
            cr_assert_eq(gost_hmac_streebog_init(&c, size, key, sizeof key), 0);
            cr_assert_eq(gost_hmac_streebog_update(&c, msg, a), 0);
            cr_assert_eq(gost_hmac_streebog_update(&c, msg + a, sizeof msg - a), 0);
            cr_assert_eq(gost_hmac_streebog_final(&c, part), 0);
            cr_assert_arr_eq(part, whole, size, "split at %zu", a);
            for (size_t i = 0; i < sizeof c; i++)
                cr_assert_eq(((uint8_t *)&c)[i], 0, "context byte %zu not wiped", i);
        }
    }
}

Test(hmac, bad_arguments)
{
    gost_hmac_streebog_ctx c;
    uint8_t mac[64];
    memset(&c, 0, sizeof c);
    cr_expect_eq(gost_hmac_streebog_init(&c, 16, "k", 1), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_hmac_streebog_init(&c, 32, NULL, 3), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog_init(NULL, 32, "k", 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog_update(&c, "m", 1), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_hmac_streebog_final(&c, mac), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_hmac_streebog_update(NULL, "m", 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog_final(NULL, mac), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog256("k", 1, NULL, 3, mac), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog256("k", 1, "m", 1, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog512(NULL, 5, "m", 1, mac), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_hmac_streebog_init(&c, 32, "k", 1), GOST_OK);
    cr_expect_eq(gost_hmac_streebog_update(&c, NULL, 2), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_hmac_streebog_final(&c, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_hmac_streebog_final(&c, mac), GOST_OK);
    uint8_t want[64];
    sb_ossl_hmac(32, (const uint8_t *)"k", 1, (const uint8_t *)"", 0, want);
    cr_expect_arr_eq(mac, want, 32, "failed calls changed the context");
}
