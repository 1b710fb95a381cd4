/* Every Kuznyechik mode on every CPU path against the portable kernel: random
 * keys, IVs, nonces and lengths (0 to beyond several AVX2 batches, so that
 * whole batches, padded tails and the one-block path all run), in the modes
 * that use the many-block kernel (ECB, CTR, CTR-ACPKM, CBC and CFB
 * decryption, MGM) and the one-block path (CBC and CFB encryption, OFB, OMAC,
 * OMAC-ACPKM). The path is chosen when a key is set, so GOST_CPU is set
 * around each call. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "gost/acpkm.h"
#include "gost/errors.h"
#include "gost/mgm.h"
#include "gost/modes.h"
#include "streebog_ossl.h" /* sb_paths, sb_path_available */
#include "testutil.h"

#define MAX_LEN 2200
/* All outputs of one run, concatenated. */
#define TRANSCRIPT (16 * (MAX_LEN + 16) + 64)

typedef struct inputs {
    uint8_t key[32], iv[32], nonce[16];
    uint8_t msg[MAX_LEN], ad[200];
    size_t len, ad_len;
} inputs;

static uint8_t *put(uint8_t *t, const uint8_t *p, size_t n)
{
    memcpy(t, p, n);
    return t + n;
}

/* Runs every mode on in under the CPU path; returns the transcript length. */
static size_t run_all_modes(const char *path, const inputs *in, uint8_t *t)
{
    const gost_cipher_id K = GOST_CIPHER_KUZNYECHIK;
    static uint8_t a[MAX_LEN + 16], b[MAX_LEN + 16];
    uint8_t tag[16];
    size_t n1, n2, whole = in->len & ~(size_t)15;
    uint8_t *start = t;
    setenv("GOST_CPU", path, 1);

    cr_assert_eq(gost_ecb_encrypt(K, in->key, GOST_PAD_2, in->msg, in->len, a, sizeof a, &n1), GOST_OK);
    cr_assert_eq(gost_ecb_decrypt(K, in->key, GOST_PAD_2, a, n1, b, sizeof b, &n2), GOST_OK);
    cr_assert_eq(n2, in->len);
    cr_assert_arr_eq(b, in->msg, in->len);
    t = put(t, a, n1);
    /* Decryption of random text: the many-block decryption kernel. */
    cr_assert_eq(gost_ecb_decrypt(K, in->key, GOST_PAD_NONE, in->msg, whole, b, sizeof b, &n2), GOST_OK);
    t = put(t, b, n2);
    cr_assert_eq(gost_cbc_encrypt(K, in->key, in->iv, 32, GOST_PAD_2, in->msg, in->len, a, sizeof a, &n1),
                 GOST_OK);
    t = put(t, a, n1);
    cr_assert_eq(gost_cbc_decrypt(K, in->key, in->iv, 32, GOST_PAD_NONE, in->msg, whole, b, sizeof b, &n2),
                 GOST_OK);
    t = put(t, b, n2);
    cr_assert_eq(gost_ctr_crypt(K, in->key, in->iv, 8, 16, in->msg, in->len, a), GOST_OK);
    t = put(t, a, in->len);
    cr_assert_eq(gost_ofb_crypt(K, in->key, in->iv, 32, 16, in->msg, in->len, a), GOST_OK);
    t = put(t, a, in->len);
    cr_assert_eq(gost_cfb_encrypt(K, in->key, in->iv, 32, 16, in->msg, in->len, a), GOST_OK);
    t = put(t, a, in->len);
    cr_assert_eq(gost_cfb_decrypt(K, in->key, in->iv, 32, 16, in->msg, in->len, a), GOST_OK);
    t = put(t, a, in->len);
    cr_assert_eq(gost_ctr_acpkm(K, in->key, 256, in->iv, 8, in->msg, in->len, a), GOST_OK);
    t = put(t, a, in->len);
    cr_assert_eq(gost_mac(K, in->key, in->msg, in->len, tag, 16), GOST_OK);
    t = put(t, tag, 16);
    cr_assert_eq(gost_omac_acpkm(K, in->key, 256, 768, in->msg, in->len, tag, 16), GOST_OK);
    t = put(t, tag, 16);
    cr_assert_eq(gost_mgm_encrypt(K, in->key, in->nonce, 16, in->ad, in->ad_len, in->msg, in->len, a, tag, 16),
                 GOST_OK);
    t = put(t, a, in->len);
    t = put(t, tag, 16);
    cr_assert_eq(gost_mgm_decrypt(K, in->key, in->nonce, 16, in->ad, in->ad_len, a, in->len, tag, 16, b),
                 GOST_OK);
    cr_assert_arr_eq(b, in->msg, in->len);

    unsetenv("GOST_CPU");
    return (size_t)(t - start);
}

Test(kuznyechik_paths, every_mode_matches_portable)
{
    static inputs in;
    static uint8_t want[TRANSCRIPT], got[TRANSCRIPT];
    uint64_t seed = test_seed();
    for (int iter = 0; iter < 60; iter++) {
        test_rand_bytes(&seed, in.key, sizeof in.key);
        test_rand_bytes(&seed, in.iv, sizeof in.iv);
        test_rand_bytes(&seed, in.nonce, sizeof in.nonce);
        in.nonce[0] &= 0x7f; /* 0 || ICN */
        /* Short lengths often (one-block path, tails), long ones too. */
        in.len = (size_t)(test_rand_u64(&seed) % (iter % 3 == 0 ? MAX_LEN + 1 : 200));
        in.ad_len = (size_t)(test_rand_u64(&seed) % (sizeof in.ad + 1));
        test_rand_bytes(&seed, in.msg, in.len);
        test_rand_bytes(&seed, in.ad, in.ad_len);
        size_t nw = run_all_modes("portable", &in, want);
        for (size_t p = 1; p < SB_NPATHS; p++) {
            if (!sb_path_available(sb_paths[p]))
                continue;
            memset(got, 0, sizeof got);
            size_t ng = run_all_modes(sb_paths[p], &in, got);
            cr_assert_eq(ng, nw);
            cr_assert_arr_eq(got, want, nw, "path %s, %zu bytes, %zu AD bytes", sb_paths[p], in.len, in.ad_len);
        }
    }
}
