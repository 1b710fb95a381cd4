/* KEG (R 1323565.1.020-2018 s.6.4.5.1): both parties agree, bad input gets
 * the documented codes, and OpenSSL's GOST engine derives the same export
 * keys. The known answers (RFC 9189 A.1.3, and RFC 7836's VKO-512 reached
 * through KEG) are in vectors/keg.txt, run by the kat suite.
 *
 * The engine's EVP_PKEY_derive with a 32-byte UKM is its KEG (gost_ec_keyx.c,
 * gost_keg): 64 bytes, K_mac || K_enc. It does not multiply by the cofactor,
 * so it is compared on the cofactor-1 curves only: 256-bit paramSet B and C
 * (the engine's paramset A and B) and 512-bit paramSet A and B. */
#include <criterion/criterion.h>
#include <string.h>

#include "gost/gost3410.h"
#include "gost/kdf.h"
#include "gost/keg.h"
#include "gost/vko.h"
#include "ossl.h"
#include "testutil.h"

/* From test_gost3410.c (linked into the same binary). */
ENGINE *test_engine(void);
EVP_PKEY *test_engine_keygen(enum gost_curve c, uint8_t *priv, uint8_t *pub);

/* The engine's KEG: our key mine, the peer's public key, a 32-byte UKM. */
static void engine_keg(EVP_PKEY *mine, EVP_PKEY *peer, const uint8_t ukm[32], uint8_t out[64])
{
    size_t len = 64;
    EVP_PKEY_CTX *dc = EVP_PKEY_CTX_new(mine, test_engine());
    cr_assert_not_null(dc);
    cr_assert_eq(EVP_PKEY_derive_init(dc), 1);
    cr_assert_eq(EVP_PKEY_derive_set_peer(dc, peer), 1);
    cr_assert_gt(EVP_PKEY_CTX_ctrl(dc, -1, -1, EVP_PKEY_CTRL_SET_IV, 32, (void *)ukm), 0);
    cr_assert_eq(EVP_PKEY_derive(dc, out, &len), 1);
    cr_assert_eq(len, 64);
    EVP_PKEY_CTX_free(dc);
}

Test(keg, engine_agrees)
{
    static const enum gost_curve cs[] = {GOST_CURVE_256_B, GOST_CURVE_256_C, GOST_CURVE_512_A,
                                         GOST_CURVE_512_B};
    uint64_t seed = test_seed();
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        enum gost_curve c = cs[i];
        uint8_t xa[64], xb[64], pa[128], pb[128], ukm[32], theirs[64], ours[64];
        EVP_PKEY *ka = test_engine_keygen(c, xa, pa), *kb = test_engine_keygen(c, xb, pb);
        for (int iter = 0; iter < 4; iter++) {
            test_rand_bytes(&seed, ukm, sizeof ukm);
            if (iter == 3)
                memset(ukm, 0, 16); /* INT(UKM[0..15]) = 0: see below */
            engine_keg(ka, kb, ukm, theirs);
            if (iter == 3) {
                /* The engine replaces a zero UKM by the bytes 00..00 01,
                 * which its VKO reads little-endian: the integer 2^120, not
                 * the 1 of RFC 9189 s.8.3.1 ("if UKM = 0 then UKM = 1"),
                 * which we follow. Shown here: the engine's result is our
                 * KEG of INT(UKM[0..15]) = 2^120, and ours for 0 differs. */
                cr_assert_eq(gost_keg(c, ours, xa, pb, ukm, sizeof ukm), GOST_OK);
                cr_assert_neq(memcmp(ours, theirs, 64), 0);
                ukm[0] = 1;
            }
            cr_assert_eq(gost_keg(c, ours, xa, pb, ukm, sizeof ukm), GOST_OK);
            cr_assert_eq(memcmp(ours, theirs, 64), 0, "KEG on %s, UKM %d", gost_curve_name(c),
                         iter);
            cr_assert_eq(gost_keg(c, ours, xb, pa, ukm, sizeof ukm), GOST_OK);
            cr_assert_eq(memcmp(ours, theirs, 64), 0);
        }
        EVP_PKEY_free(ka);
        EVP_PKEY_free(kb);
    }
}

/* The definition, step by step, with the library's VKO and KDF_TREE. */
Test(keg, is_vko_then_kdf_tree)
{
    uint64_t seed = test_seed();
    for (int ci = 0; ci < GOST_CURVE_COUNT; ci++) {
        enum gost_curve c = (enum gost_curve)ci;
        size_t n = gost_curve_size(c);
        uint8_t xa[64], xb[64], pa[128], pb[128], ukm[32], rev[16], k[64], want[64];
        cr_assert_eq(gost_3410_keygen(c, xa, pa), GOST_OK);
        cr_assert_eq(gost_3410_keygen(c, xb, pb), GOST_OK);
        test_rand_bytes(&seed, ukm, sizeof ukm);
        for (int b = 0; b < 16; b++)
            rev[b] = ukm[15 - b];
        if (n == 64) {
            cr_assert_eq(gost_vko_derive_512(c, want, xa, pb, rev, 16), GOST_OK);
        } else {
            cr_assert_eq(gost_vko_derive_256(c, k, xa, pb, rev, 16), GOST_OK);
            cr_assert_eq(gost_kdf_tree_gostr3411_2012_256(k, 32, "kdf tree", 8, ukm + 16, 8, 1,
                                                          want, 64),
                         GOST_OK);
        }
        cr_assert_eq(gost_keg(c, k, xa, pb, ukm, n == 64 ? 16 : 24), GOST_OK);
        cr_assert_eq(memcmp(k, want, 64), 0, "%s", gost_curve_name(c));
        cr_assert_eq(gost_keg(c, k, xb, pa, ukm, 32), GOST_OK); /* the tail is not used */
        cr_assert_eq(memcmp(k, want, 64), 0);
        ukm[16] ^= 1; /* the seed matters for 256-bit keys only */
        cr_assert_eq(gost_keg(c, k, xb, pa, ukm, 32), GOST_OK);
        cr_assert_eq(memcmp(k, want, 64) == 0, n == 64);
    }
}

Test(keg, zero_ukm_is_one)
{
    enum gost_curve c = GOST_CURVE_256_B;
    uint8_t x[32], p[64], zero[24] = {0}, one[24] = {0}, k0[64], k1[64];
    cr_assert_eq(gost_3410_keygen(c, x, p), GOST_OK);
    one[15] = 1; /* big-endian 1 */
    cr_assert_eq(gost_keg(c, k0, x, p, zero, sizeof zero), GOST_OK);
    cr_assert_eq(gost_keg(c, k1, x, p, one, sizeof one), GOST_OK);
    cr_assert_eq(memcmp(k0, k1, 64), 0);
}

Test(keg, bad_input)
{
    uint8_t x[64], p[128], out[64], ukm[32] = {1}, bad[128], zero[64] = {0};
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_256_A, x, p), GOST_OK);
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, out, x, p, ukm, 23), GOST_ERR_BAD_LENGTH);
    for (size_t i = 0; i < 64; i++)
        cr_assert_eq(out[i], 0); /* wiped */
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, out, x, p, ukm, 24), GOST_OK);
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, NULL, x, p, ukm, 24), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, out, NULL, p, ukm, 24), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, out, x, NULL, ukm, 24), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, out, x, p, NULL, 24), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_keg((enum gost_curve)99, out, x, p, ukm, 24), GOST_ERR_INVALID_ARGUMENT);
    memcpy(bad, p, 64);
    bad[3] ^= 1;
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, out, x, bad, ukm, 24), GOST_ERR_BAD_POINT);
    cr_assert_eq(gost_keg(GOST_CURVE_256_A, out, zero, p, ukm, 24), GOST_ERR_BAD_KEY);
    cr_assert_eq(gost_3410_keygen(GOST_CURVE_512_C, x, p), GOST_OK);
    cr_assert_eq(gost_keg(GOST_CURVE_512_C, out, x, p, ukm, 15), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_keg(GOST_CURVE_512_C, out, x, p, ukm, 16), GOST_OK);
}
