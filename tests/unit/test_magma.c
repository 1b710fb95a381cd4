/* Magma: the standard's pieces (t, g, round keys) and example through the
 * public API, round trips on random keys and data, many blocks against one
 * at a time, in place, and error codes. (The differential test against
 * OpenSSL's gostprov is in test_blockcipher.c; the standard's examples of
 * every mode are in vectors/gost3413.txt.) */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <string.h>

#include "../../lib/gost/internal/magma.h"
#include "gost/magma.h"
#include "ossl.h"
#include "testutil.h"

#define MAX_BLOCKS 67

/* RFC 8891 s.A.3-A.6 (GOST R 34.12-2015 A.2). */
Test(magma, standard_example_and_round_function)
{
    uint8_t key[32], pt[8], ct[8], out[8];
    gost_magma_key k;
    cr_assert_eq(test_unhex("ffeeddccbbaa99887766554433221100f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
                            key, 32), 32);
    cr_assert_eq(test_unhex("fedcba9876543210", pt, 8), 8);
    cr_assert_eq(test_unhex("4ee901e5c2d8ca3d", ct, 8), 8);
    cr_assert_eq(gost_magma_set_key(&k, key), GOST_OK);
    cr_assert_str_eq(gost_magma_kernel_name(&k), gost_magma_kernel_best()->name);
    cr_assert_eq(gost_magma_encrypt_blocks(&k, pt, out, 1), GOST_OK);
    cr_assert_arr_eq(out, ct, 8);
    cr_assert_eq(gost_magma_decrypt_blocks(&k, ct, out, 1), GOST_OK);
    cr_assert_arr_eq(out, pt, 8);
    cr_assert_eq(gost_magma_g(0x87654321u, 0xfedcba98u), 0xfdcbc20cu);
    cr_assert_eq(gost_magma_t(0xfdb97531u), 0x2a196f34u);
    uint32_t rk[32];
    gost_magma_round_keys(rk, key);
    cr_assert_eq(rk[0], 0xffeeddccu);
    cr_assert_eq(rk[7], 0xfcfdfeffu);
    cr_assert_eq(rk[24], 0xfcfdfeffu);
    cr_assert_eq(rk[31], 0xffeeddccu);
    gost_magma_wipe(&k);
    cr_assert_null(gost_magma_kernel_name(&k));
}

/* The byte order: OpenSSL's gostprov has no magma-ecb, but one block of
 * magma-cbc under a zero IV is E_K; on the standard's example it gives the
 * standard's ciphertext, so gostprov, GOST R 34.12-2015 and we agree
 * (block and key most significant byte first). */
Test(magma, gostprov_agrees_with_the_standards_byte_order)
{
    uint8_t key[32], pt[8], ct[8], out[8], iv[8] = {0};
    int len = 0;
    cr_assert_eq(test_unhex("ffeeddccbbaa99887766554433221100f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
                            key, 32), 32);
    cr_assert_eq(test_unhex("fedcba9876543210", pt, 8), 8);
    cr_assert_eq(test_unhex("4ee901e5c2d8ca3d", ct, 8), 8);
    EVP_CIPHER *ci = EVP_CIPHER_fetch(test_ossl_ctx(), "magma-cbc", NULL);
    cr_assert_not_null(ci);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    cr_assert_eq(EVP_CipherInit_ex2(c, ci, key, iv, 1, NULL), 1);
    cr_assert_eq(EVP_CIPHER_CTX_set_padding(c, 0), 1);
    cr_assert_eq(EVP_CipherUpdate(c, out, &len, pt, 8), 1);
    cr_assert_eq(len, 8);
    cr_assert_arr_eq(out, ct, 8);
    EVP_CIPHER_CTX_free(c);
    EVP_CIPHER_free(ci);
}

Test(magma, random_round_trips_many_blocks_and_in_place)
{
    uint64_t seed = test_seed();
    uint8_t key[32], pt[8 * MAX_BLOCKS], ct[8 * MAX_BLOCKS], one[8 * MAX_BLOCKS],
        back[8 * MAX_BLOCKS];
    gost_magma_key k;
    for (int iter = 0; iter < 40; iter++) {
        size_t n = (size_t)(test_rand_u64(&seed) % (MAX_BLOCKS + 1));
        test_rand_bytes(&seed, key, sizeof key);
        test_rand_bytes(&seed, pt, sizeof pt);
        cr_assert_eq(gost_magma_set_key(&k, key), GOST_OK);
        cr_assert_eq(gost_magma_encrypt_blocks(&k, pt, ct, n), GOST_OK);
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(gost_magma_encrypt_blocks(&k, pt + 8 * i, one + 8 * i, 1), GOST_OK);
        cr_assert_arr_eq(one, ct, 8 * n, "seed %llu: many blocks != one at a time",
                         (unsigned long long)seed);
        if (n > 0)
            cr_assert(memcmp(ct, pt, 8 * n) != 0);
        memcpy(back, ct, 8 * n);
        cr_assert_eq(gost_magma_decrypt_blocks(&k, back, back, n), GOST_OK);
        cr_assert_arr_eq(back, pt, 8 * n);
    }
}

Test(magma, error_codes)
{
    uint8_t key[32] = {0}, buf[8] = {0};
    gost_magma_key k;
    memset(&k, 0, sizeof k);
    cr_assert_eq(gost_magma_set_key(NULL, key), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_magma_set_key(&k, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_magma_encrypt_blocks(&k, buf, buf, 1), GOST_ERR_INVALID_ARGUMENT); /* unset */
    cr_assert_eq(gost_magma_set_key(&k, key), GOST_OK);
    cr_assert_eq(gost_magma_encrypt_blocks(NULL, buf, buf, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_magma_encrypt_blocks(&k, NULL, buf, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_magma_decrypt_blocks(&k, buf, NULL, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_magma_encrypt_blocks(&k, NULL, NULL, 0), GOST_OK);
    gost_magma_wipe(&k);
    cr_assert_eq(gost_magma_decrypt_blocks(&k, buf, buf, 1), GOST_ERR_INVALID_ARGUMENT);
    gost_magma_wipe(NULL);
}
