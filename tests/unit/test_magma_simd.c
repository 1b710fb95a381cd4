/* The SIMD kernels of Magma and GOST 28147-89 against the portable one:
 * the dispatch follows GOST_CPU; each kernel gives the portable kernel's
 * output on random keys, S-boxes, byte orders and 1..100 blocks (in place
 * too), and its 28147 MAC rounds the portable ones; and every mode of both ciphers, on random keys and odd lengths fed
 * in random pieces, gives the same bytes on each CPU path as on portable.
 * (The known answers of every path are run by gost-kat on vectors/.) */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/gost/internal/chain.h"
#include "../../lib/gost/internal/magma.h"
#include "gost/acpkm.h"
#include "gost/gost28147.h"
#include "gost/magma.h"
#include "gost/mgm.h"
#include "gost/modes.h"
#include "testutil.h"

#define MAX_BLOCKS 100

/* The SIMD kernels this build and CPU have. */
static size_t simd_kernels(const struct gost_magma_kernel *ks[2])
{
    size_t n = 0;
    if (gost_magma_kernel_ssse3() != NULL)
        ks[n++] = gost_magma_kernel_ssse3();
    if (gost_magma_kernel_avx2() != NULL)
        ks[n++] = gost_magma_kernel_avx2();
    return n;
}

Test(magma_simd, dispatch_follows_gost_cpu)
{
    static const char *const paths[] = {"portable", "ssse3", "avx2"};
    const struct gost_magma_kernel *want[] = {gost_magma_kernel_portable(),
                                              gost_magma_kernel_ssse3(),
                                              gost_magma_kernel_avx2()};
    uint8_t key[32] = {1};
    for (size_t p = 0; p < 3; p++) {
        if (want[p] == NULL)
            continue;
        gost_magma_key mk;
        gost28147_key gk;
        setenv("GOST_CPU", paths[p], 1);
        cr_assert_eq(gost_magma_set_key(&mk, key), GOST_OK);
        cr_assert_eq(gost28147_set_key(&gk, GOST28147_SBOX_CRYPTOPRO_A, key), GOST_OK);
        unsetenv("GOST_CPU");
        cr_expect_str_eq(gost_magma_kernel_name(&mk), paths[p]);
        cr_expect_eq(gk.kernel, want[p], "28147 on %s", paths[p]);
    }
}

/* Random S-box rows: each row a permutation of 0..15 (Fisher-Yates). */
static void random_rows(uint64_t *rng, uint8_t rows[8][16])
{
    for (int i = 0; i < 8; i++) {
        for (int v = 0; v < 16; v++)
            rows[i][v] = (uint8_t)v;
        for (int v = 15; v > 0; v--) {
            int w = (int)(test_rand_u64(rng) % (uint64_t)(v + 1));
            uint8_t t = rows[i][v];
            rows[i][v] = rows[i][w];
            rows[i][w] = t;
        }
    }
}

Test(magma_simd, kernels_match_portable_on_random_keys_sboxes_and_lengths)
{
    const struct gost_magma_kernel *ks[2], *ref = gost_magma_kernel_portable();
    size_t nk = simd_kernels(ks);
    if (nk == 0)
        cr_skip_test("no SIMD kernel on this CPU");
    uint64_t rng = test_seed();
    static uint8_t in[8 * MAX_BLOCKS], want[8 * MAX_BLOCKS], got[8 * MAX_BLOCKS];
    for (int trial = 0; trial < 300; trial++) {
        uint32_t k[8];
        uint8_t rows[8][16];
        for (int i = 0; i < 8; i++)
            k[i] = (uint32_t)test_rand_u64(&rng);
        /* Every key byte value, 0 and 0xff in particular, meets the carries. */
        if (trial % 3 == 0)
            k[trial / 3 % 8] = trial % 2 ? 0xffffffffu : 0xff00ff00u;
        if (trial % 2 == 0)
            memcpy(rows, gost_magma_sbox_rows, sizeof rows);
        else if (trial % 4 == 1)
            memcpy(rows, gost28147_sbox_rows((gost28147_sbox)(1 + trial / 4 % 7)), sizeof rows);
        else
            random_rows(&rng, rows);
        int order = (int)(test_rand_u64(&rng) & 1);
        size_t n = 1 + (size_t)(test_rand_u64(&rng) % MAX_BLOCKS);
        test_rand_bytes(&rng, in, 8 * n);
        uint64_t rs[GOST_NET_SCHED_MIN], ss[GOST_NET_SCHED_MIN];
        gost_net_fill(rs, k, (const uint8_t(*)[16])rows, order);
        ref->prepare(rs);
        for (size_t j = 0; j < nk; j++) {
            gost_net_fill(ss, k, (const uint8_t(*)[16])rows, order);
            ks[j]->prepare(ss);
            ref->encrypt(rs, in, want, n);
            ks[j]->encrypt(ss, in, got, n);
            cr_assert_arr_eq(got, want, 8 * n, "%s encrypt, %zu blocks, trial %d", ks[j]->name, n,
                             trial);
            ref->decrypt(rs, in, want, n);
            ks[j]->decrypt(ss, in, got, n);
            cr_assert_arr_eq(got, want, 8 * n, "%s decrypt, %zu blocks, trial %d", ks[j]->name, n,
                             trial);
            memcpy(got, in, 8 * n);
            ks[j]->encrypt(ss, got, got, n);
            ks[j]->decrypt(ss, got, got, n);
            cr_assert_arr_eq(got, in, 8 * n, "%s in place round trip", ks[j]->name);
            uint64_t x = test_rand_u64(&rng);
            cr_assert_eq(ks[j]->mac16(ss, x), gost_net_mac16(rs, x), "%s mac16, trial %d", ks[j]->name,
                         trial);
        }
    }
}

/* The portable kernel's one-block encryption under a schedule, for
 * test_chain_by_hand. */
static void portable_encrypt_one(const void *sched, uint8_t *block)
{
    gost_magma_kernel_portable()->encrypt(sched, block, block, 1);
}

/* The kernels' chaining entries (AVX2: the one-block assembly; SSSE3:
 * magma_simd.h's in C; both keep the chain in a register) against chaining by hand through the portable
 * kernel: each mode, both byte orders, random keys and S-boxes, every
 * count up to 40 blocks, in place, the chain left behind, and for CBC the
 * blocks not written out (OMAC); and a lone block's encryption, which the
 * AVX2 kernel also runs there. */
Test(magma_simd, chain_entries_match_portable)
{
    _Static_assert(GOST_CHAIN_CBC == 0 && GOST_CHAIN_CFB == 1 && GOST_CHAIN_OFB == 2, "test_chain_by_hand's modes");
    static const int modes[] = {GOST_CHAIN_CBC, GOST_CHAIN_CFB, GOST_CHAIN_OFB};
    const struct gost_magma_kernel *ks[2], *ref = gost_magma_kernel_portable();
    size_t nk = simd_kernels(ks), tested = 0;
    uint64_t rng = test_seed();
    static uint8_t in[8 * 40], want[8 * 40], got[8 * 40];
    for (int trial = 0; trial < 60; trial++) {
        uint32_t k[8];
        uint8_t rows[8][16], iv[8], cw[8], cg[8];
        for (int i = 0; i < 8; i++)
            k[i] = (uint32_t)test_rand_u64(&rng);
        if (trial % 2 == 0)
            memcpy(rows, gost_magma_sbox_rows, sizeof rows);
        else
            random_rows(&rng, rows);
        int order = trial % 4 < 2 ? GOST_NET_BIG_ENDIAN : GOST_NET_LITTLE_ENDIAN;
        uint64_t rs[GOST_NET_SCHED_MIN], ss[GOST_NET_SCHED_MIN];
        gost_net_fill(rs, k, (const uint8_t(*)[16])rows, order);
        ref->prepare(rs);
        for (size_t n = 1; n <= 40; n += 1 + (size_t)(trial % 3)) {
            int mode = modes[(size_t)trial % 3];
            test_rand_bytes(&rng, in, 8 * n);
            test_rand_bytes(&rng, iv, sizeof iv);
            memcpy(cw, iv, 8);
            for (size_t j = 0; j < n; j++)
                test_chain_by_hand(portable_encrypt_one, rs, 8, mode, cw, in + 8 * j, want + 8 * j);
            for (size_t i = 0; i < nk; i++) {
                gost_net_fill(ss, k, (const uint8_t(*)[16])rows, order);
                ks[i]->prepare(ss);
                uint8_t one_want[8], one_got[8];
                ref->encrypt(rs, in + 8 * n - 8, one_want, 1);
                ks[i]->encrypt(ss, in + 8 * n - 8, one_got, 1);
                cr_assert_arr_eq(one_got, one_want, 8, "%s one block, trial %d", ks[i]->name, trial);
                if (ks[i]->chain == NULL)
                    continue;
                tested++;
                memcpy(cg, iv, 8);
                ks[i]->chain(ss, mode, cg, in, got, n);
                cr_assert_arr_eq(got, want, 8 * n, "%s chain mode %d, %zu blocks, trial %d", ks[i]->name, mode, n,
                                 trial);
                cr_assert_arr_eq(cg, cw, 8, "%s chain mode %d left after %zu blocks", ks[i]->name, mode, n);
                memcpy(cg, iv, 8);
                memcpy(got, in, 8 * n);
                ks[i]->chain(ss, mode, cg, got, got, n);
                cr_assert_arr_eq(got, want, 8 * n, "%s chain mode %d in place, %zu blocks", ks[i]->name, mode, n);
                if (mode == GOST_CHAIN_CBC) {
                    memcpy(cg, iv, 8);
                    ks[i]->chain(ss, mode, cg, in, NULL, n);
                    cr_assert_arr_eq(cg, cw, 8, "%s chain alone, %zu blocks", ks[i]->name, n);
                }
            }
        }
    }
    /* Every SIMD kernel has one: none of these tests may be skipped. */
    for (size_t i = 0; i < nk; i++)
        cr_assert_not_null(ks[i]->chain, "the %s kernel has no chaining entry", ks[i]->name);
    cr_assert(nk == 0 || tested > 0);
}

/* ---- every mode, on one path, into a transcript ---------------------------- */

struct transcript {
    uint8_t *p;
    size_t len, cap;
};

static void put(struct transcript *t, const uint8_t *b, size_t n)
{
    cr_assert_leq(t->len + n, t->cap);
    memcpy(t->p + t->len, b, n);
    t->len += n;
}

/* The 28147 stream modes, fed in random pieces (meshing points fall inside
 * pieces and between them). */
static void run_28147(struct transcript *t, uint64_t *rng, gost28147_mode mode, int enc,
                      const uint8_t key[32], const uint8_t iv[8], const uint8_t *in, size_t len,
                      uint8_t *out)
{
    gost28147_ctx c;
    int meshing = mode != GOST28147_MODE_CBC;
    gost28147_sbox sbox = (gost28147_sbox)(1 + test_rand_u64(rng) % 7);
    cr_assert_eq(gost28147_init(&c, mode, enc, sbox, key, iv, meshing), GOST_OK);
    size_t done = 0, produced = 0;
    while (done < len) {
        size_t piece = 1 + (size_t)(test_rand_u64(rng) % 700);
        piece = piece < len - done ? piece : len - done;
        size_t o = 0;
        cr_assert_eq(gost28147_update(&c, in + done, piece, out + produced, &o), GOST_OK);
        done += piece;
        produced += o;
    }
    cr_assert_eq(gost28147_final(&c), GOST_OK);
    put(t, out, produced);
}

static void transcript_of(const char *path, uint64_t seed, struct transcript *t)
{
    enum { MAXLEN = 3000 };
    static uint8_t in[MAXLEN + 8], out[MAXLEN + 16];
    uint64_t rng = seed;
    setenv("GOST_CPU", path, 1);
    for (int trial = 0; trial < 12; trial++) {
        uint8_t key[32], iv[16], tag[16];
        size_t len = 8 + (size_t)(test_rand_u64(&rng) % (MAXLEN - 8)), olen = 0;
        size_t whole = len / 8 * 8;
        test_rand_bytes(&rng, key, sizeof key);
        test_rand_bytes(&rng, iv, sizeof iv);
        test_rand_bytes(&rng, in, len);
        const gost_cipher_id m = GOST_CIPHER_MAGMA;
        cr_assert_eq(gost_ecb_encrypt(m, key, GOST_PAD_NONE, in, whole, out, sizeof out, &olen), GOST_OK);
        put(t, out, olen);
        cr_assert_eq(gost_ecb_decrypt(m, key, GOST_PAD_NONE, in, whole, out, sizeof out, &olen), GOST_OK);
        put(t, out, olen);
        cr_assert_eq(gost_cbc_encrypt(m, key, iv, 8, GOST_PAD_NONE, in, whole, out, sizeof out, &olen), GOST_OK);
        put(t, out, olen);
        cr_assert_eq(gost_cbc_decrypt(m, key, iv, 16, GOST_PAD_NONE, in, whole, out, sizeof out, &olen), GOST_OK);
        put(t, out, olen);
        cr_assert_eq(gost_ctr_crypt(m, key, iv, 4, 8, in, len, out), GOST_OK);
        put(t, out, len);
        cr_assert_eq(gost_ctr_acpkm(m, key, GOST_ACPKM_SECTION_MAGMA, iv, 4, in, len, out), GOST_OK);
        put(t, out, len);
        cr_assert_eq(gost_ofb_crypt(m, key, iv, 16, 8, in, len, out), GOST_OK);
        put(t, out, len);
        cr_assert_eq(gost_cfb_encrypt(m, key, iv, 16, 8, in, len, out), GOST_OK);
        put(t, out, len);
        cr_assert_eq(gost_cfb_decrypt(m, key, iv, 16, 8, in, len, out), GOST_OK);
        put(t, out, len);
        cr_assert_eq(gost_mac(m, key, in, len, tag, 8), GOST_OK);
        put(t, tag, 8);
        iv[0] &= 0x7f; /* MGM's nonce has its top bit clear */
        size_t ad = (size_t)(test_rand_u64(&rng) % 100) % len;
        cr_assert_eq(gost_mgm_encrypt(m, key, iv, 8, in, ad, in + ad, len - ad, out, tag, 8), GOST_OK);
        put(t, out, len - ad);
        put(t, tag, 8);
        for (int enc = 0; enc < 2; enc++) {
            run_28147(t, &rng, GOST28147_MODE_CNT, enc, key, iv, in, len, out);
            run_28147(t, &rng, GOST28147_MODE_CFB, enc, key, iv, in, len, out);
            run_28147(t, &rng, GOST28147_MODE_CBC, enc, key, iv, in, whole, out);
        }
        cr_assert_eq(gost28147_imit(GOST28147_SBOX_CRYPTOPRO_B, key, iv, 1, in, len, tag, 4), GOST_OK);
        put(t, tag, 4);
    }
    unsetenv("GOST_CPU");
}

Test(magma_simd, every_mode_matches_portable_on_each_path)
{
    static const char *const paths[] = {"ssse3", "avx2"};
    const struct gost_magma_kernel *have[] = {gost_magma_kernel_ssse3(), gost_magma_kernel_avx2()};
    enum { CAP = 1 << 20 };
    struct transcript ref = {malloc(CAP), 0, CAP}, got = {malloc(CAP), 0, CAP};
    cr_assert(ref.p != NULL && got.p != NULL);
    uint64_t seed = test_seed();
    transcript_of("portable", seed, &ref);
    int ran = 0;
    for (size_t p = 0; p < 2; p++) {
        if (have[p] == NULL)
            continue;
        got.len = 0;
        transcript_of(paths[p], seed, &got);
        cr_assert_eq(got.len, ref.len);
        for (size_t i = 0; i < ref.len; i++)
            cr_assert_eq(got.p[i], ref.p[i], "%s differs from portable at byte %zu", paths[p], i);
        ran++;
    }
    free(ref.p);
    free(got.p);
    if (ran == 0)
        cr_skip_test("no SIMD kernel on this CPU");
}
