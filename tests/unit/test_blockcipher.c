/* The generic cipher (gost/blockcipher.h): dispatch to both ciphers, many
 * blocks per call equal to one at a time, an unset cipher refused, and the
 * ciphers against OpenSSL's GOST provider through the generic type. */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <string.h>

#include "gost/blockcipher.h"
#include "ossl.h"
#include "testutil.h"

Test(blockcipher, dispatch_sizes_and_errors)
{
    static const uint8_t key[32] = {1};
    gost_cipher c;
    uint8_t b[16] = {0};
    memset(&c, 0, sizeof c);
    cr_expect_eq(gost_cipher_block_size(&c), 0);
    cr_expect_eq(gost_cipher_encrypt_blocks(&c, b, b, 1), GOST_ERR_BAD_STATE, "unset cipher");
    cr_expect_eq(gost_cipher_decrypt_blocks(&c, b, b, 1), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_cipher_set_key(&c, (gost_cipher_id)0, key), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_cipher_set_key(&c, (gost_cipher_id)3, key), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_cipher_set_key(NULL, GOST_CIPHER_MAGMA, key), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_cipher_set_key(&c, GOST_CIPHER_MAGMA, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_cipher_set_key(&c, GOST_CIPHER_MAGMA, key), GOST_OK);
    cr_expect_eq(gost_cipher_block_size(&c), 8);
    cr_expect_eq(gost_cipher_encrypt_blocks(&c, NULL, b, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_cipher_encrypt_blocks(&c, NULL, NULL, 0), GOST_OK);
    cr_assert_eq(gost_cipher_set_key(&c, GOST_CIPHER_KUZNYECHIK, key), GOST_OK);
    cr_expect_eq(gost_cipher_block_size(&c), 16);
    gost_cipher_wipe(&c);
    cr_expect_eq(gost_cipher_block_size(&c), 0);
    cr_expect_eq(gost_cipher_encrypt_blocks(&c, b, b, 1), GOST_ERR_BAD_STATE, "wiped cipher");
}

static void ossl_block(const char *name, int enc, const uint8_t *key, const uint8_t *in, uint8_t *out, size_t n)
{
    EVP_CIPHER *ci = EVP_CIPHER_fetch(test_ossl_ctx(), name, NULL);
    cr_assert_not_null(ci);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    uint8_t iv[16] = {0};
    int l = 0;
    cr_assert_eq(EVP_CipherInit_ex2(c, ci, key, iv, enc, NULL), 1);
    cr_assert_eq(EVP_CIPHER_CTX_set_padding(c, 0), 1);
    cr_assert_eq(EVP_CipherUpdate(c, out, &l, in, (int)n), 1);
    EVP_CIPHER_CTX_free(c);
    EVP_CIPHER_free(ci);
}

/* gostprov has no magma-ecb: one block of magma-cbc with a zero IV is E_K. */
Test(blockcipher, many_blocks_match_single_blocks_and_gostprov)
{
    uint64_t seed = test_seed();
    uint8_t key[32], in[16 * 70], a[16 * 70], b[16 * 70], o[16];
    gost_cipher c;
    for (int k = 0; k < 2; k++) {
        gost_cipher_id id = k ? GOST_CIPHER_MAGMA : GOST_CIPHER_KUZNYECHIK;
        const char *name = k ? "magma-cbc" : "kuznyechik-ecb";
        for (int it = 0; it < 10; it++) {
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, in, sizeof in);
            cr_assert_eq(gost_cipher_set_key(&c, id, key), GOST_OK);
            size_t n = gost_cipher_block_size(&c), nb = 1 + test_rand_u64(&seed) % 70;
            cr_assert_eq(gost_cipher_encrypt_blocks(&c, in, a, nb), GOST_OK);
            for (size_t i = 0; i < nb; i++) {
                cr_assert_eq(gost_cipher_encrypt_blocks(&c, in + i * n, b + i * n, 1), GOST_OK);
                ossl_block(name, 1, key, in + i * n, o, n);
                cr_assert_arr_eq(o, a + i * n, n, "block %zu of %zu", i, nb);
            }
            cr_assert_arr_eq(a, b, nb * n);
            cr_assert_eq(gost_cipher_decrypt_blocks(&c, a, a, nb), GOST_OK, "in place");
            cr_assert_arr_eq(a, in, nb * n);
            gost_cipher_wipe(&c);
        }
    }
}
