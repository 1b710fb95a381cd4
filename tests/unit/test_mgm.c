/* MGM (gost/mgm.h): round trips over random AD/text lengths and every tag
 * length, streaming over every split point, the GF(2^128)/GF(2^64)
 * kernels against a bit-serial reference multiplication, forgeries refused
 * with the output wiped, and the error codes. OpenSSL's GOST provider has
 * no MGM (neither kuznyechik-mgm nor magma-mgm), so the independent checks
 * are the RFC 9058 examples (vectors/mgm.txt) and the reference below. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "gost/cpu.h"
#include "gost/internal/mgm.h"
#include "gost/mgm.h"
#include "testutil.h"

static const gost_cipher_id ids[] = {GOST_CIPHER_KUZNYECHIK, GOST_CIPHER_MAGMA};
static const char *const paths[] = {"portable", "ssse3"}; /* ssse3 allows PCLMULQDQ */

static size_t nof(gost_cipher_id id)
{
    return id == GOST_CIPHER_KUZNYECHIK ? 16 : 8;
}

static void random_nonce(uint64_t *seed, uint8_t *nonce, size_t n)
{
    test_rand_bytes(seed, nonce, n);
    nonce[0] &= 0x7f;
}

Test(mgm, round_trip_every_tag_length_both_kernels)
{
    uint64_t seed = test_seed();
    uint8_t key[32], nonce[16], ad[300], pt[300], ct[300], back[300], tag[16];
    for (size_t p = 0; p < 2; p++) {
        setenv("GOST_CPU", paths[p], 1);
        for (size_t k = 0; k < 2; k++)
            for (int it = 0; it < 150; it++) {
                size_t n = nof(ids[k]), adlen = test_rand_u64(&seed) % 300, len = test_rand_u64(&seed) % 300;
                size_t tlen = GOST_MGM_MIN_TAG_SIZE + test_rand_u64(&seed) % (n - 3);
                test_rand_bytes(&seed, key, 32);
                random_nonce(&seed, nonce, n);
                test_rand_bytes(&seed, ad, adlen);
                test_rand_bytes(&seed, pt, len);
                cr_assert_eq(gost_mgm_encrypt(ids[k], key, nonce, n, ad, adlen, pt, len, ct, tag, tlen), GOST_OK);
                cr_assert_eq(gost_mgm_decrypt(ids[k], key, nonce, n, ad, adlen, ct, len, tag, tlen, back), GOST_OK);
                cr_assert_arr_eq(back, pt, len);
                /* a shorter tag is the prefix of the full one */
                uint8_t full[16];
                cr_assert_eq(gost_mgm_encrypt(ids[k], key, nonce, n, ad, adlen, pt, len, ct, full, n), GOST_OK);
                cr_assert_arr_eq(full, tag, tlen);
            }
    }
    unsetenv("GOST_CPU");
}

static void stream_encrypt(gost_cipher_id id, const uint8_t *key, const uint8_t *nonce, const uint8_t *ad,
                           size_t adlen, size_t acut, const uint8_t *pt, size_t len, size_t pcut, uint8_t *ct,
                           uint8_t *tag)
{
    gost_mgm_ctx c;
    size_t n = nof(id);
    cr_assert_eq(gost_mgm_init(&c, id, key, nonce, n, n, 0), GOST_OK);
    cr_assert_eq(gost_mgm_aad(&c, ad, acut), GOST_OK);
    cr_assert_eq(gost_mgm_aad(&c, ad + acut, adlen - acut), GOST_OK);
    cr_assert_eq(gost_mgm_update(&c, pt, pcut, ct), GOST_OK);
    cr_assert_eq(gost_mgm_update(&c, pt + pcut, len - pcut, ct + pcut), GOST_OK);
    cr_assert_eq(gost_mgm_encrypt_final(&c, tag), GOST_OK);
}

Test(mgm, every_split_point)
{
    uint64_t seed = test_seed();
    uint8_t key[32], nonce[16], ad[41], pt[100], want[100], wtag[16], ct[100], tag[16];
    test_rand_bytes(&seed, key, 32);
    test_rand_bytes(&seed, ad, sizeof ad);
    test_rand_bytes(&seed, pt, sizeof pt);
    for (size_t k = 0; k < 2; k++) {
        size_t n = nof(ids[k]);
        random_nonce(&seed, nonce, n);
        cr_assert_eq(gost_mgm_encrypt(ids[k], key, nonce, n, ad, sizeof ad, pt, sizeof pt, want, wtag, n), GOST_OK);
        for (size_t a = 0; a <= sizeof ad; a++)
            for (size_t b = 0; b <= sizeof pt; b += (a % 5 == 0 ? 1 : 13)) {
                stream_encrypt(ids[k], key, nonce, ad, sizeof ad, a, pt, sizeof pt, b, ct, tag);
                cr_assert_arr_eq(ct, want, sizeof pt, "cipher %zu cuts %zu/%zu", k, a, b);
                cr_assert_arr_eq(tag, wtag, n, "cipher %zu cuts %zu/%zu", k, a, b);
            }
        /* streaming decryption, in place, split */
        for (size_t b = 0; b <= sizeof pt; b++) {
            gost_mgm_ctx c;
            memcpy(ct, want, sizeof pt);
            cr_assert_eq(gost_mgm_init(&c, ids[k], key, nonce, n, n, 1), GOST_OK);
            cr_assert_eq(gost_mgm_aad(&c, ad, sizeof ad), GOST_OK);
            cr_assert_eq(gost_mgm_update(&c, ct, b, ct), GOST_OK);
            cr_assert_eq(gost_mgm_update(&c, ct + b, sizeof pt - b, ct + b), GOST_OK);
            cr_assert_eq(gost_mgm_decrypt_final(&c, wtag), GOST_OK);
            cr_assert_arr_eq(ct, pt, sizeof pt);
        }
    }
}

/* Bit-serial reference: r = a * b mod P, P = x^128 + x^7 + x^2 + x + 1 or
 * x^64 + x^4 + x^3 + x + 1; words are {high, low} (n = 16) or {value}. */
static void ref_mul(size_t n, const uint64_t a[2], const uint64_t b[2], uint64_t r[2])
{
    uint64_t x[2] = {a[0], a[1]}, acc[2] = {0, 0};
    size_t bits = n * 8;
    for (size_t i = 0; i < bits; i++) {
        int bit = n == 16 ? (int)((i < 64 ? b[1] >> i : b[0] >> (i - 64)) & 1) : (int)((b[0] >> i) & 1);
        if (bit) {
            acc[0] ^= x[0];
            acc[1] ^= x[1];
        }
        if (n == 16) { /* x *= x (the variable), mod P */
            uint64_t carry = x[0] >> 63;
            x[0] = x[0] << 1 | x[1] >> 63;
            x[1] = x[1] << 1;
            if (carry)
                x[1] ^= 0x87;
        } else {
            uint64_t carry = x[0] >> 63;
            x[0] <<= 1;
            if (carry)
                x[0] ^= 0x1b;
        }
    }
    r[0] = acc[0];
    r[1] = acc[1];
}

static void to_words(size_t n, const uint8_t *b, uint64_t w[2])
{
    w[0] = w[1] = 0;
    for (size_t i = 0; i < 8; i++)
        w[0] = w[0] << 8 | b[i];
    if (n == 16)
        for (size_t i = 8; i < 16; i++)
            w[1] = w[1] << 8 | b[i];
}

Test(mgm, gf_kernels_match_reference)
{
    uint64_t seed = test_seed();
    uint8_t h[16 * 9], x[16 * 9];
    for (size_t n = 8; n <= 16; n += 8) {
        gost_gf_mac_fn portable = n == 16 ? gost_gf128_mac_portable : gost_gf64_mac_portable;
        gost_gf_mac_fn pclmul = n == 16 ? gost_gf128_mac_pclmul_get() : gost_gf64_mac_pclmul_get();
        for (int it = 0; it < 2000; it++) {
            size_t k = 1 + it % 9;
            test_rand_bytes(&seed, h, sizeof h);
            test_rand_bytes(&seed, x, sizeof x);
            if (it < 4) { /* all-ones operands: every carry and fold */
                memset(h, 0xff, sizeof h);
                memset(x, it & 1 ? 0xff : 0x80, sizeof x);
            }
            uint64_t want[2] = {0, 0}, got[2] = {0, 0}, got2[2] = {0, 0};
            for (size_t i = 0; i < k; i++) {
                uint64_t a[2], b[2], r[2];
                to_words(n, h + i * n, a);
                to_words(n, x + i * n, b);
                ref_mul(n, a, b, r);
                want[0] ^= r[0];
                want[1] ^= r[1];
            }
            portable(got, h, x, k);
            cr_assert(got[0] == want[0] && got[1] == want[1], "portable n %zu case %d", n, it);
            if (pclmul != NULL) {
                pclmul(got2, h, x, k);
                cr_assert(got2[0] == want[0] && got2[1] == want[1], "pclmul n %zu case %d", n, it);
            }
        }
    }
}

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

Test(mgm, forgeries_are_refused_and_output_wiped)
{
    uint64_t seed = test_seed();
    uint8_t key[32], nonce[16], ad[30], pt[70], ct[70], out[70], tag[16], bad[70];
    test_rand_bytes(&seed, key, 32);
    test_rand_bytes(&seed, ad, sizeof ad);
    test_rand_bytes(&seed, pt, sizeof pt);
    for (size_t k = 0; k < 2; k++) {
        size_t n = nof(ids[k]);
        random_nonce(&seed, nonce, n);
        cr_assert_eq(gost_mgm_encrypt(ids[k], key, nonce, n, ad, sizeof ad, pt, sizeof pt, ct, tag, n), GOST_OK);
        for (size_t i = 0; i < n; i++) { /* every tag byte */
            uint8_t t2[16];
            memcpy(t2, tag, n);
            t2[i] ^= 0x10;
            memset(out, 0xcc, sizeof out);
            cr_expect_eq(gost_mgm_decrypt(ids[k], key, nonce, n, ad, sizeof ad, ct, sizeof ct, t2, n, out),
                         GOST_ERR_AUTH);
            cr_expect(all_zero(out, sizeof out), "output not wiped (tag byte %zu)", i);
        }
        for (size_t i = 0; i < sizeof ct; i += 9) { /* ciphertext bits, in place */
            memcpy(bad, ct, sizeof ct);
            bad[i] ^= 1;
            cr_expect_eq(gost_mgm_decrypt(ids[k], key, nonce, n, ad, sizeof ad, bad, sizeof bad, tag, n, bad),
                         GOST_ERR_AUTH);
            cr_expect(all_zero(bad, sizeof bad), "in-place output not wiped");
        }
        uint8_t ad2[30];
        memcpy(ad2, ad, sizeof ad);
        ad2[29] ^= 0x80;
        cr_expect_eq(gost_mgm_decrypt(ids[k], key, nonce, n, ad2, sizeof ad2, ct, sizeof ct, tag, n, out),
                     GOST_ERR_AUTH);
        cr_expect_eq(gost_mgm_decrypt(ids[k], key, nonce, n, ad, sizeof ad - 1, ct, sizeof ct, tag, n, out),
                     GOST_ERR_AUTH, "a shorter AD");
        cr_expect_eq(gost_mgm_decrypt(ids[k], key, nonce, n, ad, sizeof ad, ct, sizeof ct - 1, tag, n, out),
                     GOST_ERR_AUTH, "a truncated ciphertext");
        /* moving bytes between AD and text changes the length block */
        cr_expect_eq(gost_mgm_decrypt(ids[k], key, nonce, n, ad, 0, ct, sizeof ct, tag, n, out), GOST_ERR_AUTH);
        gost_mgm_ctx c;
        cr_assert_eq(gost_mgm_init(&c, ids[k], key, nonce, n, n, 1), GOST_OK);
        cr_assert_eq(gost_mgm_aad(&c, ad, sizeof ad), GOST_OK);
        cr_assert_eq(gost_mgm_update(&c, ct, sizeof ct, out), GOST_OK);
        uint8_t t3[16];
        memcpy(t3, tag, n);
        t3[0] ^= 1;
        cr_expect_eq(gost_mgm_decrypt_final(&c, t3), GOST_ERR_AUTH, "streaming decryption");
    }
}

Test(mgm, misuse)
{
    static const uint8_t key[32] = {1};
    uint8_t nonce[16] = {0x12}, buf[32] = {0}, tag[16];
    gost_mgm_ctx c;
    nonce[0] = 0x80;
    cr_expect_eq(gost_mgm_encrypt(GOST_CIPHER_KUZNYECHIK, key, nonce, 16, NULL, 0, buf, 8, buf, tag, 16),
                 GOST_ERR_INVALID_ARGUMENT, "nonce with the top bit set");
    cr_expect_eq(gost_mgm_init(&c, GOST_CIPHER_MAGMA, key, nonce, 8, 8, 0), GOST_ERR_INVALID_ARGUMENT);
    nonce[0] = 0x7f;
    cr_expect_eq(gost_mgm_encrypt(GOST_CIPHER_KUZNYECHIK, key, nonce, 16, NULL, 0, buf, 8, buf, tag, 3),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_mgm_encrypt(GOST_CIPHER_KUZNYECHIK, key, nonce, 16, NULL, 0, buf, 8, buf, tag, 17),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_mgm_encrypt(GOST_CIPHER_MAGMA, key, nonce, 8, NULL, 0, buf, 8, buf, tag, 9),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_mgm_encrypt(GOST_CIPHER_MAGMA, key, nonce, 16, NULL, 0, buf, 8, buf, tag, 8),
                 GOST_ERR_BAD_LENGTH, "nonce of the wrong length");
    cr_expect_eq(gost_mgm_encrypt(GOST_CIPHER_MAGMA, key, nonce, 8, NULL, 5, buf, 8, buf, tag, 8),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_mgm_encrypt(GOST_CIPHER_MAGMA, key, nonce, 8, NULL, 0, buf, 8, buf + 1, tag, 8),
                 GOST_ERR_INVALID_ARGUMENT, "overlapping buffers");
    /* no AAD after text; final of the wrong direction; finalised context */
    cr_assert_eq(gost_mgm_init(&c, GOST_CIPHER_MAGMA, key, nonce, 8, 8, 0), GOST_OK);
    cr_assert_eq(gost_mgm_update(&c, buf, 3, buf), GOST_OK);
    cr_expect_eq(gost_mgm_aad(&c, buf, 1), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_mgm_decrypt_final(&c, tag), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_mgm_encrypt_final(&c, tag), GOST_OK);
    cr_expect_eq(gost_mgm_update(&c, buf, 3, buf), GOST_ERR_BAD_STATE);
    /* |A| + |C| < 2^32 bits for Magma (white box: lengths near the limit) */
    cr_assert_eq(gost_mgm_init(&c, GOST_CIPHER_MAGMA, key, nonce, 8, 8, 0), GOST_OK);
    c.ad_len = ((uint64_t)1 << 29) - 8;
    cr_expect_eq(gost_mgm_update(&c, buf, 8, buf), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_mgm_update(&c, buf, 7, buf), GOST_OK);
    gost_mgm_wipe(&c);
}
