/* GOST 28147-89: S-box lookup by OID, ECB against Magma (the same network),
 * streaming over every split, the modes and IMIT against OpenSSL's gostprov
 * byte for byte (gost89 = CFB + meshing with param Z, gost89-cnt = CNT +
 * meshing with CryptoPro-A, gost89-cnt-12 = CNT + meshing with Z,
 * gost89-cbc = CBC with Z, gost-mac / gost-mac-12 = IMIT + meshing with A / Z)
 * on random keys, IVs and lengths that cross the 1024-byte meshing points,
 * key meshing itself, and error codes. The published answers are in
 * vectors/gost28147.txt. */
#include <criterion/criterion.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <string.h>

#include "gost/gost28147.h"
#include "gost/magma.h"
#include "ossl.h"
#include "testutil.h"

#define MAX_LEN 3000

Test(gost28147, sbox_lookup_by_oid)
{
    static const uint8_t cp_a[] = {0x2a, 0x85, 0x03, 0x02, 0x02, 0x1f, 0x01};
    static const uint8_t z[] = {0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x05, 0x01, 0x01};
    static const uint8_t hash_test[] = {0x2a, 0x85, 0x03, 0x02, 0x02, 0x1e, 0x00};
    static const uint8_t unknown[] = {0x2a, 0x85, 0x03, 0x02, 0x02, 0x1f, 0x09};
    gost28147_sbox s = 0;
    cr_expect_eq(gost28147_sbox_by_oid(cp_a, sizeof cp_a, &s), GOST_OK);
    cr_expect_eq(s, GOST28147_SBOX_CRYPTOPRO_A);
    cr_expect_eq(gost28147_sbox_by_oid(z, sizeof z, &s), GOST_OK);
    cr_expect_eq(s, GOST28147_SBOX_TC26_Z);
    cr_expect_eq(gost28147_sbox_by_oid(hash_test, sizeof hash_test, &s), GOST_OK);
    cr_expect_eq(s, GOST28147_SBOX_GOSTR3411_94_TEST);
    cr_expect_eq(gost28147_sbox_by_oid(unknown, sizeof unknown, &s), GOST_ERR_UNSUPPORTED);
    cr_expect_eq(gost28147_sbox_by_oid(cp_a, sizeof cp_a - 1, &s), GOST_ERR_UNSUPPORTED);
    cr_expect_eq(gost28147_sbox_by_oid(NULL, 7, &s), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_sbox_by_dotted("1.2.643.2.2.31.4", &s), GOST_OK);
    cr_expect_eq(s, GOST28147_SBOX_CRYPTOPRO_D);
    cr_expect_eq(gost28147_sbox_by_dotted("1.2.643.2.2.31", &s), GOST_ERR_UNSUPPORTED);
    for (int id = GOST28147_SBOX_TC26_Z; id <= GOST28147_SBOX_TEST; id++) {
        size_t len = 0;
        const uint8_t *der = gost28147_sbox_oid((gost28147_sbox)id, &len);
        cr_assert_not_null(der);
        cr_assert_not_null(gost28147_sbox_name((gost28147_sbox)id));
        cr_expect_eq(gost28147_sbox_by_oid(der, len, &s), GOST_OK);
        cr_expect_eq((int)s, id, "OID of set %d maps back", id);
    }
    cr_expect_null(gost28147_sbox_oid((gost28147_sbox)0, NULL));
    cr_expect_null(gost28147_sbox_name((gost28147_sbox)8));
}

static void reverse(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
}

/* Magma(K, P) = rev(E_Z(K', rev(P))) where K' holds K's words reversed:
 * one network, two byte orders (gost/gost28147.h). */
Test(gost28147, param_z_is_magma_in_the_other_byte_order)
{
    uint64_t seed = test_seed();
    for (int it = 0; it < 50; it++) {
        uint8_t key[32], key28[32], pt[8], rpt[8], a[8], b[8], rb[8];
        test_rand_bytes(&seed, key, sizeof key);
        test_rand_bytes(&seed, pt, sizeof pt);
        for (int w = 0; w < 8; w++)
            reverse(key28 + 4 * w, key + 4 * w, 4);
        gost_magma_key mk;
        gost28147_key gk;
        cr_assert_eq(gost_magma_set_key(&mk, key), GOST_OK);
        cr_assert_eq(gost28147_set_key(&gk, GOST28147_SBOX_TC26_Z, key28), GOST_OK);
        gost_magma_encrypt_blocks(&mk, pt, a, 1);
        reverse(rpt, pt, 8);
        gost28147_encrypt_blocks(&gk, rpt, b, 1);
        reverse(rb, b, 8);
        cr_assert_arr_eq(a, rb, 8, "seed %llu", (unsigned long long)seed);
        gost28147_decrypt_blocks(&gk, b, b, 1);
        cr_assert_arr_eq(b, rpt, 8);
    }
}

/* ---- OpenSSL's gostprov -------------------------------------------------- */

static void ossl_cipher(const char *name, int enc, const uint8_t key[32], const uint8_t iv[8],
                        const uint8_t *in, size_t n, uint8_t *out)
{
    EVP_CIPHER *ci = EVP_CIPHER_fetch(test_ossl_ctx(), name, NULL);
    cr_assert_not_null(ci, "gostprov lacks %s", name);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int l = 0, l2 = 0;
    cr_assert_eq(EVP_CipherInit_ex2(c, ci, key, iv, enc, NULL), 1);
    cr_assert_eq(EVP_CIPHER_CTX_set_padding(c, 0), 1);
    cr_assert_eq(EVP_CipherUpdate(c, out, &l, in, (int)n), 1);
    cr_assert_eq(EVP_CipherFinal_ex(c, out + l, &l2), 1);
    cr_assert_eq((size_t)(l + l2), n);
    EVP_CIPHER_CTX_free(c);
    EVP_CIPHER_free(ci);
}

static void ours(gost28147_mode mode, int enc, gost28147_sbox s, int meshing,
                 const uint8_t key[32], const uint8_t iv[8], const uint8_t *in, size_t n,
                 uint8_t *out, uint64_t *seed)
{
    gost28147_ctx c;
    size_t done = 0, produced = 0, got;
    cr_assert_eq(gost28147_init(&c, mode, enc, s, key, iv, meshing), GOST_OK);
    while (done < n) {
        /* random pieces: any split must give the same bytes */
        size_t piece = (size_t)(test_rand_u64(seed) % 300);
        if (piece > n - done)
            piece = n - done;
        cr_assert_eq(gost28147_update(&c, in + done, piece, out + produced, &got), GOST_OK);
        if (mode != GOST28147_MODE_CBC)
            cr_assert_eq(got, piece);
        else
            cr_assert_eq(got, (done + piece) / 8 * 8 - produced, "CBC gives whole blocks as they complete");
        done += piece;
        produced += got;
    }
    cr_assert_eq(produced, n);
    cr_assert_eq(gost28147_final(&c), GOST_OK);
}

static const struct {
    const char *name;
    gost28147_mode mode;
    gost28147_sbox sbox;
    int meshing;
} ossl_modes[] = {
    {"gost89", GOST28147_MODE_CFB, GOST28147_SBOX_TC26_Z, 1},
    {"gost89-cnt", GOST28147_MODE_CNT, GOST28147_SBOX_CRYPTOPRO_A, 1},
    {"gost89-cnt-12", GOST28147_MODE_CNT, GOST28147_SBOX_TC26_Z, 1},
    {"gost89-cbc", GOST28147_MODE_CBC, GOST28147_SBOX_TC26_Z, 0},
};

Test(gost28147, modes_match_gostprov)
{
    uint64_t seed = test_seed();
    static uint8_t in[MAX_LEN], a[MAX_LEN + 8], b[MAX_LEN + 8];
    for (size_t m = 0; m < sizeof ossl_modes / sizeof ossl_modes[0]; m++) {
        for (int it = 0; it < 12; it++) {
            uint8_t key[32], iv[8];
            size_t n = (size_t)(test_rand_u64(&seed) % MAX_LEN);
            if (it == 0)
                n = 2048 + 8; /* two meshings, the second exactly at a block */
            if (ossl_modes[m].mode == GOST28147_MODE_CBC)
                n &= ~(size_t)7;
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, iv, sizeof iv);
            test_rand_bytes(&seed, in, n);
            ossl_cipher(ossl_modes[m].name, 1, key, iv, in, n, a);
            ours(ossl_modes[m].mode, GOST28147_ENCRYPT, ossl_modes[m].sbox, ossl_modes[m].meshing,
                 key, iv, in, n, b, &seed);
            cr_assert_arr_eq(a, b, n, "%s, %zu bytes, seed %llu", ossl_modes[m].name, n,
                             (unsigned long long)seed);
            ours(ossl_modes[m].mode, GOST28147_DECRYPT, ossl_modes[m].sbox, ossl_modes[m].meshing,
                 key, iv, a, n, b, &seed);
            cr_assert_arr_eq(b, in, n, "%s decrypts back", ossl_modes[m].name);
        }
    }
}

static void ossl_mac(const char *name, const uint8_t key[32], const uint8_t *in, size_t n,
                     uint8_t *tag, size_t tag_len)
{
    EVP_MAC *mac = EVP_MAC_fetch(test_ossl_ctx(), name, NULL);
    cr_assert_not_null(mac, "gostprov lacks %s", name);
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    size_t size = tag_len, out_len = 0;
    OSSL_PARAM params[] = {OSSL_PARAM_size_t("size", &size), OSSL_PARAM_END};
    cr_assert_eq(EVP_MAC_init(c, key, 32, params), 1);
    /* Two updates, so the provider's streaming is exercised too, except for
     * messages of one block: the engine's gost-mac processes a block that
     * an update completes at once, so 2 + 6 bytes get no second (zero)
     * block while 8 bytes in one update do (CryptoPro CSP appends it, see
     * testimit6 in vectors/gost28147.txt). */
    size_t first = n <= 8 ? n : n / 3;
    cr_assert_eq(EVP_MAC_update(c, in, first), 1);
    cr_assert_eq(EVP_MAC_update(c, in + first, n - first), 1);
    cr_assert_eq(EVP_MAC_final(c, tag, &out_len, tag_len), 1);
    cr_assert_eq(out_len, tag_len);
    EVP_MAC_CTX_free(c);
    EVP_MAC_free(mac);
}

Test(gost28147, imit_matches_gost_mac_of_gostprov)
{
    uint64_t seed = test_seed();
    static uint8_t in[MAX_LEN];
    static const size_t fixed[] = {0, 1, 7, 8, 9, 16, 17, 1024, 1025, 1032, 2048, 2049};
    for (int k = 0; k < 2; k++) {
        const char *name = k ? "gost-mac-12" : "gost-mac";
        gost28147_sbox s = k ? GOST28147_SBOX_TC26_Z : GOST28147_SBOX_CRYPTOPRO_A;
        for (int it = 0; it < 24; it++) {
            uint8_t key[32], a[4], b[4];
            size_t n = it < 12 ? fixed[it] : (size_t)(test_rand_u64(&seed) % MAX_LEN);
            size_t tl = 1 + (size_t)(test_rand_u64(&seed) % 4);
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, in, n);
            ossl_mac(name, key, in, n, a, tl);
            gost28147_imit_ctx c;
            cr_assert_eq(gost28147_imit_init(&c, s, key, NULL, 1), GOST_OK);
            for (size_t done = 0; done < n;) {
                size_t piece = 1 + (size_t)(test_rand_u64(&seed) % 40);
                piece = piece < n - done ? piece : n - done;
                cr_assert_eq(gost28147_imit_update(&c, in + done, piece), GOST_OK);
                done += piece;
            }
            cr_assert_eq(gost28147_imit_final(&c, b, tl), GOST_OK);
            cr_assert_arr_eq(a, b, tl, "%s, %zu bytes, tag %zu, seed %llu", name, n, tl,
                             (unsigned long long)seed);
            cr_assert_eq(gost28147_imit(s, key, NULL, 1, in, n, b, tl), GOST_OK);
            cr_assert_arr_eq(a, b, tl, "one-shot %s", name);
        }
    }
}

/* ---- meshing, errors ------------------------------------------------------ */

/* Meshing every 1024 bytes equals meshing the key by hand (RFC 4357
 * s.2.3.2) and continuing with a fresh CFB context from the re-encrypted
 * feedback. */
Test(gost28147, cfb_meshing_is_key_mesh_then_fresh_context)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[8], in[1024 + 64], a[1024 + 64], b[1024 + 64];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, iv, sizeof iv);
    test_rand_bytes(&seed, in, sizeof in);
    ours(GOST28147_MODE_CFB, 1, GOST28147_SBOX_CRYPTOPRO_B, 1, key, iv, in, sizeof in, a, &seed);
    ours(GOST28147_MODE_CFB, 1, GOST28147_SBOX_CRYPTOPRO_B, 0, key, iv, in, 1024, b, &seed);
    cr_assert_arr_eq(a, b, 1024, "no meshing within the first 1024 bytes");
    gost28147_key k;
    uint8_t fb[8], meshed[32];
    memcpy(fb, b + 1024 - 8, 8);
    cr_assert_eq(gost28147_set_key(&k, GOST28147_SBOX_CRYPTOPRO_B, key), GOST_OK);
    cr_assert_eq(gost28147_key_mesh(&k, fb), GOST_OK);
    /* The meshed key as bytes: decrypt C under the old key. */
    static const uint8_t c_const[32] = {
        0x69, 0x00, 0x72, 0x22, 0x64, 0xc9, 0x04, 0x23, 0x8d, 0x3a, 0xdb, 0x96, 0x46, 0xe9, 0x2a, 0xc4,
        0x18, 0xfe, 0xac, 0x94, 0x00, 0xed, 0x07, 0x12, 0xc0, 0x86, 0xdc, 0xc2, 0xef, 0x4c, 0xa9, 0x2b};
    gost28147_key old;
    cr_assert_eq(gost28147_set_key(&old, GOST28147_SBOX_CRYPTOPRO_B, key), GOST_OK);
    gost28147_decrypt_blocks(&old, c_const, meshed, 4);
    gost28147_key nk;
    cr_assert_eq(gost28147_set_key(&nk, GOST28147_SBOX_CRYPTOPRO_B, meshed), GOST_OK);
    uint8_t fb2[8];
    memcpy(fb2, b + 1024 - 8, 8);
    gost28147_encrypt_blocks(&nk, fb2, fb2, 1);
    cr_assert_arr_eq(fb, fb2, 8, "key_mesh re-encrypts the IV under the new key");
    /* CFB's next gamma is E_K'(fb): a plain CFB context under K' with IV fb. */
    ours(GOST28147_MODE_CFB, 1, GOST28147_SBOX_CRYPTOPRO_B, 0, meshed, fb, in + 1024, 64, b + 1024,
         &seed);
    cr_assert_arr_eq(a + 1024, b + 1024, 64);
}

Test(gost28147, error_codes)
{
    uint8_t key[32] = {0}, iv[8] = {0}, buf[16] = {0}, tag[4];
    size_t got;
    gost28147_key k;
    gost28147_ctx c;
    gost28147_imit_ctx m;
    memset(&k, 0, sizeof k);
    cr_expect_eq(gost28147_set_key(&k, (gost28147_sbox)0, key), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_set_key(&k, (gost28147_sbox)8, key), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_set_key(NULL, GOST28147_SBOX_TC26_Z, key), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_encrypt_blocks(&k, buf, buf, 1), GOST_ERR_INVALID_ARGUMENT, "unset key");
    cr_expect_eq(gost28147_key_mesh(&k, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost28147_set_key(&k, GOST28147_SBOX_TC26_Z, key), GOST_OK);
    cr_expect_eq(gost28147_encrypt_blocks(&k, NULL, buf, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_decrypt_blocks(&k, NULL, NULL, 0), GOST_OK);
    gost28147_wipe_key(&k);
    cr_expect_eq(gost28147_decrypt_blocks(&k, buf, buf, 1), GOST_ERR_INVALID_ARGUMENT, "wiped key");

    cr_expect_eq(gost28147_init(&c, (gost28147_mode)9, 1, GOST28147_SBOX_TC26_Z, key, iv, 0),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_init(&c, GOST28147_MODE_CFB, 2, GOST28147_SBOX_TC26_Z, key, iv, 0),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_init(&c, GOST28147_MODE_CBC, 1, GOST28147_SBOX_TC26_Z, key, iv, 1),
                 GOST_ERR_INVALID_ARGUMENT, "CBC takes no meshing");
    cr_expect_eq(gost28147_init(&c, GOST28147_MODE_CNT, 1, GOST28147_SBOX_TC26_Z, key, NULL, 0),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost28147_init(&c, GOST28147_MODE_CBC, 1, GOST28147_SBOX_TC26_Z, key, iv, 0), GOST_OK);
    cr_expect_eq(gost28147_update(&c, buf, 5, buf, NULL), GOST_ERR_INVALID_ARGUMENT, "CBC needs out_len");
    cr_assert_eq(gost28147_update(&c, buf, 5, buf, &got), GOST_OK);
    cr_expect_eq(got, 0);
    cr_assert_eq(gost28147_update(&c, buf, 5, buf, &got), GOST_OK);
    cr_expect_eq(got, 8);
    cr_expect_eq(gost28147_final(&c), GOST_ERR_BAD_LENGTH, "2 bytes left over");
    cr_expect_eq(gost28147_update(&c, buf, 1, buf, &got), GOST_ERR_BAD_STATE, "finished context");
    cr_expect_eq(gost28147_final(&c), GOST_ERR_BAD_STATE);

    cr_expect_eq(gost28147_imit_init(&m, GOST28147_SBOX_TC26_Z, NULL, NULL, 0), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost28147_imit_init(&m, GOST28147_SBOX_TC26_Z, key, NULL, 0), GOST_OK);
    cr_expect_eq(gost28147_imit_update(&m, NULL, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost28147_imit_final(&m, tag, 5), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost28147_imit_update(&m, buf, 1), GOST_ERR_BAD_STATE, "final wiped the context");
    cr_expect_eq(gost28147_imit(GOST28147_SBOX_TC26_Z, key, NULL, 0, buf, 16, tag, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost28147_imit((gost28147_sbox)0, key, NULL, 0, buf, 16, tag, 4),
                 GOST_ERR_INVALID_ARGUMENT);
}

/* The IMIT state can start from an IV (RFC 4357's wraps use the UKM):
 * with IV v, the MAC of M equals the MAC (zero IV) of M with v XORed into
 * its first block, for messages of two blocks or more. */
Test(gost28147, imit_iv_is_xor_into_first_block)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[8], m[40], m2[40], a[4], b[4];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, iv, sizeof iv);
    test_rand_bytes(&seed, m, sizeof m);
    memcpy(m2, m, sizeof m);
    for (int i = 0; i < 8; i++)
        m2[i] ^= iv[i];
    cr_assert_eq(gost28147_imit(GOST28147_SBOX_CRYPTOPRO_C, key, iv, 0, m, sizeof m, a, 4), GOST_OK);
    cr_assert_eq(gost28147_imit(GOST28147_SBOX_CRYPTOPRO_C, key, NULL, 0, m2, sizeof m2, b, 4), GOST_OK);
    cr_assert_arr_eq(a, b, 4);
}
