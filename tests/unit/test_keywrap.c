/* The RFC 4357 key wraps: the wrapped layout composed from 28147 ECB and
 * IMIT (s.6.1, s.6.3), round trips on every S-box set, forgeries refused
 * with the output wiped, error codes, and the CryptoPro wrap against
 * OpenSSL's GOST engine: the engine's GOST R 34.10-2012 key transport
 * (gost_ec_keyx.c: VKO with Streebog-256 and an 8-byte UKM, then the
 * CryptoPro wrap with param Z) is unwrapped by us after our own VKO.
 * No published known answer for these wraps was found (see
 * vectors/README.md: only cited records go there). */
#include <criterion/criterion.h>
#include <string.h>

#include "gost/gost28147.h"
#include "gost/keywrap.h"
#include "gost/vko.h"
#include "ossl.h"
#include "testutil.h"

/* From test_gost3410.c (linked into the same binary). */
ENGINE *test_engine(void);
EVP_PKEY *test_engine_keygen(enum gost_curve c, uint8_t *priv, uint8_t *pub);

typedef int (*wrap_fn)(gost28147_sbox, const uint8_t *, const uint8_t *, const uint8_t *, uint8_t *);
typedef int (*unwrap_fn)(gost28147_sbox, const uint8_t *, const uint8_t *, size_t, uint8_t *);

/* UKM || ECB(K, CEK) || IMIT(IV = UKM, K, CEK), K = KEK (s.6.1) or
 * KEK(UKM) (s.6.3). */
static void expected_wrap(gost28147_sbox s, const uint8_t k[32], const uint8_t ukm[8],
                          const uint8_t cek[32], uint8_t out[44])
{
    gost28147_key key;
    memcpy(out, ukm, 8);
    cr_assert_eq(gost28147_set_key(&key, s, k), GOST_OK);
    cr_assert_eq(gost28147_encrypt_blocks(&key, cek, out + 8, 4), GOST_OK);
    cr_assert_eq(gost28147_imit(s, k, ukm, 0, cek, 32, out + 40, 4), GOST_OK);
}

Test(keywrap, layout_round_trip_and_forgery_on_every_sbox)
{
    uint64_t seed = test_seed();
    for (int id = GOST28147_SBOX_TC26_Z; id <= GOST28147_SBOX_TEST; id++) {
        gost28147_sbox s = (gost28147_sbox)id;
        for (int cp = 0; cp < 2; cp++) {
            wrap_fn wrap = cp ? gost_keywrap_cryptopro : gost_keywrap_gost28147;
            unwrap_fn unwrap = cp ? gost_keyunwrap_cryptopro : gost_keyunwrap_gost28147;
            uint8_t kek[32], cek[32], ukm[8], k[32], w[44], want[44], back[32];
            test_rand_bytes(&seed, kek, sizeof kek);
            test_rand_bytes(&seed, cek, sizeof cek);
            test_rand_bytes(&seed, ukm, sizeof ukm);
            if (cp)
                cr_assert_eq(gost_kek_diversify_cryptopro(s, kek, ukm, k), GOST_OK);
            else
                memcpy(k, kek, 32);
            expected_wrap(s, k, ukm, cek, want);
            cr_assert_eq(wrap(s, kek, ukm, cek, w), GOST_OK);
            cr_assert_arr_eq(w, want, 44, "sbox %d, cryptopro %d, seed %llu", id, cp,
                             (unsigned long long)seed);
            cr_assert_eq(unwrap(s, kek, w, sizeof w, back), GOST_OK);
            cr_assert_arr_eq(back, cek, 32);
            /* Any changed byte (UKM, CEK_ENC or MAC) is refused, output wiped. */
            for (size_t pos = 0; pos < 44; pos += 5) {
                w[pos] ^= 0x40;
                memset(back, 0xee, sizeof back);
                cr_assert_eq(unwrap(s, kek, w, sizeof w, back), GOST_ERR_AUTH, "byte %zu", pos);
                for (int i = 0; i < 32; i++)
                    cr_assert_eq(back[i], 0, "output wiped on failure");
                w[pos] ^= 0x40;
            }
            kek[3] ^= 1;
            cr_assert_eq(unwrap(s, kek, w, sizeof w, back), GOST_ERR_AUTH, "wrong KEK");
        }
    }
}

/* KEK(UKM) differs from the KEK and depends on every UKM byte; the
 * 28147 wrap and the CryptoPro wrap differ. */
Test(keywrap, diversification_depends_on_every_ukm_byte)
{
    uint8_t kek[32], ukm[8], a[32], b[32], w1[44], w2[44], cek[32] = {9};
    for (int i = 0; i < 32; i++)
        kek[i] = (uint8_t)(3 * i + 1);
    for (int i = 0; i < 8; i++)
        ukm[i] = (uint8_t)(0x11 * i);
    cr_assert_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_CRYPTOPRO_A, kek, ukm, a), GOST_OK);
    cr_assert(memcmp(a, kek, 32) != 0);
    for (int i = 0; i < 8; i++) {
        ukm[i] ^= 0x80;
        cr_assert_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_CRYPTOPRO_A, kek, ukm, b), GOST_OK);
        cr_assert(memcmp(a, b, 32) != 0, "UKM byte %d", i);
        ukm[i] ^= 0x80;
    }
    memcpy(b, kek, 32);
    cr_assert_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_CRYPTOPRO_A, b, ukm, b), GOST_OK);
    cr_assert_arr_eq(a, b, 32, "in place");
    cr_assert_eq(gost_keywrap_gost28147(GOST28147_SBOX_CRYPTOPRO_A, kek, ukm, cek, w1), GOST_OK);
    cr_assert_eq(gost_keywrap_cryptopro(GOST28147_SBOX_CRYPTOPRO_A, kek, ukm, cek, w2), GOST_OK);
    cr_assert(memcmp(w1 + 8, w2 + 8, 36) != 0);
}

Test(keywrap, error_codes)
{
    uint8_t kek[32] = {1}, cek[32] = {2}, ukm[8] = {3}, w[45], back[32];
    cr_assert_eq(gost_keywrap_cryptopro(GOST28147_SBOX_TC26_Z, kek, ukm, cek, w), GOST_OK);
    memset(back, 0xaa, sizeof back);
    cr_expect_eq(gost_keyunwrap_cryptopro(GOST28147_SBOX_TC26_Z, kek, w, 43, back), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(back[0], 0, "output wiped on a bad length");
    cr_expect_eq(gost_keyunwrap_gost28147(GOST28147_SBOX_TC26_Z, kek, w, 45, back), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_keyunwrap_cryptopro((gost28147_sbox)0, kek, w, 44, back), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_keywrap_gost28147((gost28147_sbox)9, kek, ukm, cek, w), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_keywrap_cryptopro(GOST28147_SBOX_TC26_Z, NULL, ukm, cek, w), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_keywrap_gost28147(GOST28147_SBOX_TC26_Z, kek, NULL, cek, w), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_keyunwrap_gost28147(GOST28147_SBOX_TC26_Z, kek, NULL, 44, back), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kek_diversify_cryptopro(GOST28147_SBOX_TC26_Z, kek, NULL, back), GOST_ERR_INVALID_ARGUMENT);
}

/* Finds the first occurrence of pat in buf. */
static const uint8_t *find(const uint8_t *buf, size_t n, const uint8_t *pat, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(buf + i, pat, m) == 0)
            return buf + i;
    return NULL;
}

/* GostR3410-KeyTransport (RFC 4490 s.4.2.1) from the engine:
 *   SEQUENCE { SEQUENCE { OCTET STRING (32) CEK_ENC, OCTET STRING (4) CEK_MAC },
 *              [0] { OID paramSet, [0] SubjectPublicKeyInfo (ephemeral key,
 *                    BIT STRING { OCTET STRING (64) X || Y }), OCTET STRING (8) UKM } } */
Test(keywrap, unwraps_the_engines_key_transport)
{
    static const uint8_t enc_hdr[] = {0x30, 0x28, 0x04, 0x20};
    static const uint8_t pub_hdr[] = {0x03, 0x43, 0x00, 0x04, 0x40};
    static const uint8_t z_oid[] = {0x06, 0x09, 0x2a, 0x85, 0x03, 0x07, 0x01, 0x02, 0x05, 0x01, 0x01};
    uint64_t seed = test_seed();
    for (int it = 0; it < 4; it++) {
        uint8_t priv[32], pub[64], cek[32], ukm[8], der[512], kek[32], w[44], back[32];
        size_t der_len = sizeof der;
        EVP_PKEY *pk = test_engine_keygen(GOST_CURVE_256_B, priv, pub);
        test_rand_bytes(&seed, cek, sizeof cek);
        test_rand_bytes(&seed, ukm, sizeof ukm);
        EVP_PKEY_CTX *ec = EVP_PKEY_CTX_new(pk, test_engine());
        cr_assert_not_null(ec);
        cr_assert_eq(EVP_PKEY_encrypt_init(ec), 1);
        cr_assert_gt(EVP_PKEY_CTX_ctrl(ec, -1, -1, EVP_PKEY_CTRL_SET_IV, 8, ukm), 0);
        cr_assert_eq(EVP_PKEY_encrypt(ec, der, &der_len, cek, sizeof cek), 1);
        EVP_PKEY_CTX_free(ec);
        const uint8_t *enc = find(der, der_len, enc_hdr, sizeof enc_hdr);
        const uint8_t *eph = find(der, der_len, pub_hdr, sizeof pub_hdr);
        cr_assert_not_null(enc);
        cr_assert_not_null(eph);
        cr_assert_not_null(find(der, der_len, z_oid, sizeof z_oid), "param Z for 2012 keys");
        cr_assert_eq(enc[36], 0x04);
        cr_assert_eq(enc[37], 0x04);
        cr_assert_arr_eq(der + der_len - 8, ukm, 8, "UKM last");
        memcpy(w, ukm, 8);
        memcpy(w + 8, enc + 4, 32);
        memcpy(w + 40, enc + 38, 4);
        cr_assert_eq(gost_vko_derive_256(GOST_CURVE_256_B, kek, priv, eph + 5, ukm, 8), GOST_OK);
        cr_assert_eq(gost_keyunwrap_cryptopro(GOST28147_SBOX_TC26_Z, kek, w, sizeof w, back), GOST_OK,
                     "seed %llu", (unsigned long long)seed);
        cr_assert_arr_eq(back, cek, 32);
        /* and our wrap of the same CEK under the same KEK and UKM is the engine's */
        uint8_t again[44];
        cr_assert_eq(gost_keywrap_cryptopro(GOST28147_SBOX_TC26_Z, kek, ukm, cek, again), GOST_OK);
        cr_assert_arr_eq(again, w, 44);
        EVP_PKEY_free(pk);
    }
}
