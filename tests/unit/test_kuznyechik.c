/* Kuznyechik: the standard's example on every kernel, the generated pieces
 * (pi^-1 circuit exhaustively, L against L^-1 and the matrices), round
 * trips, many blocks against one at a time, in place, every SIMD kernel
 * against the portable one, differential tests against OpenSSL's GOST
 * provider (kuznyechik-ecb) on every CPU path, and error codes. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/gost/internal/chain.h"
#include "../../lib/gost/internal/kuznyechik.h"
#include "../../lib/gost/streebog_impl.h"
#include "gost/kuznyechik.h"
#include "streebog_ossl.h" /* sb_paths, sb_path_available */
#include "testutil.h"

/* GOST R 34.12-2015 Appendix A.1 (RFC 7801 s.5.4-5.6). */
static const char key_hex[] = "8899aabbccddeeff0011223344556677fedcba98765432100123456789abcdef";
static const char pt_hex[] = "1122334455667700ffeeddccbbaa9988";
static const char ct_hex[] = "7f679d90bebc24305a468d42b9d4edcd";
static const char *const rk_hex[10] = {
    "8899aabbccddeeff0011223344556677", "fedcba98765432100123456789abcdef",
    "db31485315694343228d6aef8cc78c44", "3d4553d8e9cfec6815ebadc40a9ffd04",
    "57646468c44a5e28d3e59246f429f1ac", "bd079435165c6432b532e82834da581b",
    "51e640757e8745de705727265a0098b1", "5a7925017b9fdd3ed72a91a22286f984",
    "bb44e25378c73123a5f32f73cdb6e517", "72e9dd7416bcf45b755dbaa88e4a4043"};

#define MAX_BLOCKS 200

static void set_key_on(gost_kuznyechik_key *k, const char *path, const uint8_t key[32])
{
    setenv("GOST_CPU", path, 1);
    cr_assert_eq(gost_kuznyechik_set_key(k, key), GOST_OK);
    unsetenv("GOST_CPU");
}

/* The kernels this machine and build have, portable first. */
static size_t all_kernels(const struct gost_kuznyechik_kernel *ks[3])
{
    size_t n = 0;
    ks[n++] = gost_kuznyechik_kernel_portable();
    if (gost_kuznyechik_kernel_ssse3() != NULL)
        ks[n++] = gost_kuznyechik_kernel_ssse3();
    if (gost_kuznyechik_kernel_avx2() != NULL)
        ks[n++] = gost_kuznyechik_kernel_avx2();
    return n;
}

static void ossl_ecb(int enc, const uint8_t key[32], const uint8_t *in, uint8_t *out, size_t len)
{
    EVP_CIPHER *c = EVP_CIPHER_fetch(test_ossl_ctx(), "kuznyechik-ecb", NULL);
    cr_assert_not_null(c, "OpenSSL gostprov kuznyechik-ecb unavailable");
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0;
    cr_assert_eq(EVP_CipherInit_ex2(ctx, c, key, NULL, enc, NULL), 1);
    cr_assert_eq(EVP_CIPHER_CTX_set_padding(ctx, 0), 1);
    cr_assert_eq(EVP_CipherUpdate(ctx, out, &n1, in, (int)len), 1);
    cr_assert_eq(EVP_CipherFinal_ex(ctx, out + n1, &n2), 1);
    cr_assert_eq((size_t)(n1 + n2), len);
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(c);
}

/* Every kernel's key expansion, on the standard's key and on random keys
 * against the portable one. */
Test(kuznyechik, key_schedule_matches_the_standard_on_every_kernel)
{
    const struct gost_kuznyechik_kernel *ks[3];
    size_t nk = all_kernels(ks);
    uint8_t key[32], rk[10][16], want[10][16];
    cr_assert_eq(test_unhex(key_hex, key, sizeof key), 32);
    for (int i = 0; i < 10; i++)
        cr_assert_eq(test_unhex(rk_hex[i], want[i], 16), 16);
    for (size_t k = 0; k < nk; k++) {
        memset(rk, 0, sizeof rk);
        ks[k]->expand_key(rk, key);
        for (int i = 0; i < 10; i++)
            cr_expect_arr_eq(rk[i], want[i], 16, "%s: K_%d", ks[k]->name, i + 1);
    }
    uint64_t seed = test_seed();
    for (int iter = 0; iter < 50; iter++) {
        test_rand_bytes(&seed, key, sizeof key);
        gost_kuznyechik_expand_key(want, key);
        for (size_t k = 1; k < nk; k++) {
            memset(rk, 0, sizeof rk);
            ks[k]->expand_key(rk, key);
            cr_assert_arr_eq(rk, want, sizeof rk, "%s: random key %d", ks[k]->name, iter);
        }
    }
}

Test(kuznyechik, standard_example_on_every_path)
{
    uint8_t key[32], pt[16], ct[16], buf[16 * 9];
    cr_assert_eq(test_unhex(key_hex, key, sizeof key), 32);
    cr_assert_eq(test_unhex(pt_hex, pt, sizeof pt), 16);
    cr_assert_eq(test_unhex(ct_hex, ct, sizeof ct), 16);
    for (size_t p = 0; p < SB_NPATHS; p++) {
        if (!sb_path_available(sb_paths[p]))
            continue;
        gost_kuznyechik_key k;
        set_key_on(&k, sb_paths[p], key);
        const char *name = gost_kuznyechik_kernel_name(&k);
        cr_assert_not_null(name);
        /* The dispatch picks the path's own kernel when the build has it. */
        if (strcmp(sb_paths[p], "portable") == 0 ||
            (strcmp(sb_paths[p], "ssse3") == 0 && gost_kuznyechik_kernel_ssse3() != NULL) ||
            (strcmp(sb_paths[p], "avx2") == 0 && gost_kuznyechik_kernel_avx2() != NULL))
            cr_expect_str_eq(name, sb_paths[p]);
        /* One block, then the block at every position among nine. */
        cr_assert_eq(gost_kuznyechik_encrypt_blocks(&k, pt, buf, 1), GOST_OK);
        cr_expect_arr_eq(buf, ct, 16, "path %s encrypt", sb_paths[p]);
        cr_assert_eq(gost_kuznyechik_decrypt_blocks(&k, ct, buf, 1), GOST_OK);
        cr_expect_arr_eq(buf, pt, 16, "path %s decrypt", sb_paths[p]);
        for (int i = 0; i < 9; i++) {
            memset(buf, 0x3c, sizeof buf);
            memcpy(buf + 16 * i, pt, 16);
            cr_assert_eq(gost_kuznyechik_encrypt_blocks(&k, buf, buf, 9), GOST_OK);
            cr_expect_arr_eq(buf + 16 * i, ct, 16, "path %s block %d of 9", sb_paths[p], i);
            cr_assert_eq(gost_kuznyechik_decrypt_blocks(&k, buf, buf, 9), GOST_OK);
            cr_expect_arr_eq(buf + 16 * i, pt, 16, "path %s block %d of 9", sb_paths[p], i);
        }
        gost_kuznyechik_wipe(&k);
    }
}

/* Bit planes of 64 bytes the plain way: q[t] bit j = bit t of byte j. */
static void to_planes(uint64_t q[8], const uint8_t b[64])
{
    for (int t = 0; t < 8; t++) {
        q[t] = 0;
        for (int j = 0; j < 64; j++)
            q[t] |= (uint64_t)((b[j] >> t) & 1) << j;
    }
}

static void from_planes(uint8_t b[64], const uint64_t q[8])
{
    for (int j = 0; j < 64; j++) {
        b[j] = 0;
        for (int t = 0; t < 8; t++)
            b[j] |= (uint8_t)(((q[t] >> j) & 1) << t);
    }
}

Test(kuznyechik, sbox_inverse_circuit_and_halves_are_exhaustively_right)
{
    for (int g = 0; g < 4; g++) {
        uint8_t in[64], out[64];
        uint64_t q[8];
        for (int j = 0; j < 64; j++)
            in[j] = (uint8_t)gost_streebog_pi[64 * g + j];
        to_planes(q, in);
        gost_kuznyechik_sbox_inv_planes(q);
        from_planes(out, q);
        for (int j = 0; j < 64; j++) {
            int x = 64 * g + j;
            cr_assert_eq(out[j], x, "pi^-1(pi(%d)) = %d", x, out[j]);
            cr_assert_eq(gost_kuznyechik_sbox_halves[0][x / 16 % 8][16 * (x / 128) + x % 16], in[j]);
            cr_assert_eq(gost_kuznyechik_sbox_halves[1][in[j] / 16 % 8][16 * (in[j] / 128) + in[j] % 16], x);
        }
    }
}

/* The operations of x86_64/pi_simd.h on one byte: pshufb (a set bit 7 of
 * the index gives 0), byte adds, the unsigned minimum and a blend on bit 7,
 * so that the generated tables are checked here in C, apart from the
 * generator's own check in Python. */
static uint8_t pshufb_byte(const uint8_t t[32], uint8_t i)
{
    return (i & 0x80) ? 0 : t[i & 15];
}

static uint8_t mod15_byte(uint8_t s)
{
    uint8_t d = (uint8_t)(s - 15);
    return d < s ? d : s;
}

static uint8_t pi_by_logs(uint8_t x)
{
    const uint8_t(*t)[32] = gost_kuznyechik_pi_log;
    uint8_t a = pshufb_byte(t[0], x & 15) ^ pshufb_byte(t[1], x >> 4);
    uint8_t l = a >> 4, nlr = pshufb_byte(t[3], a & 15);
    uint8_t lp = (nlr & 0x80) ? pshufb_byte(t[5], l)
                              : pshufb_byte(t[4], mod15_byte((uint8_t)(pshufb_byte(t[2], l) + nlr)));
    uint8_t rp = pshufb_byte(t[7], mod15_byte((uint8_t)(nlr + pshufb_byte(t[6], lp))));
    return pshufb_byte(t[8], lp) ^ pshufb_byte(t[9], rp);
}

static uint8_t pi_inv_by_logs(uint8_t y)
{
    const uint8_t(*t)[32] = gost_kuznyechik_pi_inv_log;
    uint8_t b = pshufb_byte(t[0], y & 15) ^ pshufb_byte(t[1], y >> 4);
    uint8_t lp = b >> 4;
    uint8_t lr = mod15_byte((uint8_t)(pshufb_byte(t[2], b & 15) + pshufb_byte(t[3], lp)));
    uint8_t l = (lr & 0x80) ? pshufb_byte(t[6], lp)
                            : pshufb_byte(t[4], mod15_byte((uint8_t)(pshufb_byte(t[5], lp) + lr)));
    return pshufb_byte(t[7], l) ^ pshufb_byte(t[8], pshufb_byte(t[4], lr));
}

Test(kuznyechik, sbox_by_logarithms_is_exhaustively_right)
{
    /* Both copies of every table agree (AVX2 reads both, SSSE3 the first). */
    for (int i = 0; i < 10; i++)
        cr_assert_eq(memcmp(gost_kuznyechik_pi_log[i], gost_kuznyechik_pi_log[i] + 16, 16), 0);
    for (int i = 0; i < 9; i++)
        cr_assert_eq(memcmp(gost_kuznyechik_pi_inv_log[i], gost_kuznyechik_pi_inv_log[i] + 16, 16), 0);
    for (int x = 0; x < 256; x++) {
        uint8_t y = (uint8_t)gost_streebog_pi[x];
        cr_assert_eq(pi_by_logs((uint8_t)x), y, "pi(%d)", x);
        cr_assert_eq(pi_inv_by_logs(y), x, "pi^-1(%d)", y);
    }
}

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    for (int i = 0; i < 8; i++) {
        if (b & 1)
            r ^= a;
        b >>= 1;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0xc3 : 0));
    }
    return r;
}

/* l_gf and l_inv_gf agree with their matrices, and are inverses. */
Test(kuznyechik, linear_layer_and_its_inverse)
{
    uint64_t seed = test_seed();
    for (int i = 0; i < 200; i++) {
        uint64_t v[16], y[16], z[16];
        test_rand_bytes(&seed, (uint8_t *)v, sizeof v);
        gost_kuznyechik_l_gf(y, v);
        gost_kuznyechik_l_inv_gf(z, y);
        cr_assert_arr_eq(z, v, sizeof v, "L^-1(L(v)) != v, case %d", i);
        for (int lane = 0; lane < 8; lane++)
            for (int r = 0; r < 16; r++) {
                uint8_t want = 0;
                for (int c = 0; c < 16; c++)
                    want ^= gf_mul(gost_kuznyechik_L[r][c], (uint8_t)(v[c] >> (8 * lane)));
                cr_assert_eq((uint8_t)(y[r] >> (8 * lane)), want, "case %d lane %d byte %d", i, lane, r);
            }
    }
    /* Diagonals: rotation d (low half) and d + 8 (high half); bit b of the
     * diagonal constants M[i][i + d] as lane masks. */
    for (int d = 0; d < 8; d++)
        for (int i = 0; i < 32; i++) {
            int dd = d + 8 * (i / 16), lane = i % 16;
            cr_assert_eq(gost_kuznyechik_diag_rot[d][i], (lane + dd) % 16);
            for (int m = 0; m < 2; m++)
                for (int b = 0; b < 8; b++) {
                    uint8_t e = m ? gost_kuznyechik_L_inv[lane][(lane + dd) % 16]
                                  : gost_kuznyechik_L[lane][(lane + dd) % 16];
                    cr_assert_eq(gost_kuznyechik_diag_bits[m][b][d][i], (e >> b) & 1 ? 0xff : 0);
                }
        }
    /* col_mul[q][r][n]: L[r][p] (p = 7, 15) times nibble n, the 16 bytes twice. */
    for (int q = 0; q < 2; q++)
        for (int r = 0; r < 16; r++)
            for (int v = 0; v < 32; v++) {
                uint8_t e = gost_kuznyechik_L[r][q ? 15 : 7];
                cr_assert_eq(gost_kuznyechik_col_mul[q][r][0][v], gf_mul(e, (uint8_t)(v & 15)));
                cr_assert_eq(gost_kuznyechik_col_mul[q][r][1][v], gf_mul(e, (uint8_t)((v & 15) << 4)));
            }
    /* The two Toeplitz stages of L and L^-1 (the SSSE3 one-block form):
     * each table is the nibble products of one constant per half, each
     * shift moves every lane by the same distance one way; applied to the
     * unit vectors, the stages give L's and L^-1's columns. */
    for (int m = 0; m < 2; m++) {
        uint8_t t[2][16];
        int down[2];
        for (int st = 0; st < 2; st++) {
            down[st] = gost_kuznyechik_toeplitz_shift[m][st][1][1] == 0;
            for (int d = 0; d < 16; d++) {
                const uint8_t(*tab)[32] = gost_kuznyechik_toeplitz_mul[m][st][d % 8];
                t[st][d] = tab[0][16 * (d / 8) + 1];
                for (int v = 0; v < 16; v++) {
                    cr_assert_eq(tab[0][16 * (d / 8) + v], gf_mul(t[st][d], (uint8_t)v));
                    cr_assert_eq(tab[1][16 * (d / 8) + v], gf_mul(t[st][d], (uint8_t)(v << 4)));
                }
                for (int r = 0; r < 16; r++) {
                    int src = down[st] ? r - d : r + d;
                    cr_assert_eq(gost_kuznyechik_toeplitz_shift[m][st][d % 8][16 * (d / 8) + r],
                                 src >= 0 && src < 16 ? src : 0x80);
                }
            }
        }
        for (int c = 0; c < 16; c++) {
            uint8_t x[16] = {0}, y[16];
            x[c] = 1;
            for (int st = 0; st < 2; st++) {
                for (int r = 0; r < 16; r++) {
                    y[r] = 0;
                    for (int d = 0; d < 16; d++) {
                        int src = down[st] ? r - d : r + d;
                        if (src >= 0 && src < 16)
                            y[r] ^= gf_mul(t[st][d], x[src]);
                    }
                }
                memcpy(x, y, 16);
            }
            for (int r = 0; r < 16; r++)
                cr_assert_eq(x[r], m ? gost_kuznyechik_L_inv[r][c] : gost_kuznyechik_L[r][c], "m %d column %d", m, c);
        }
    }
}


/* A random key's schedule in every kernel's form. */
static void key_all_kernels(const struct gost_kuznyechik_kernel *const ks[3], size_t nk,
                            uint64_t sched[3][GOST_KUZNYECHIK_SCHED_WORDS], uint64_t *seed)
{
    uint8_t key[32], rk[10][16];
    test_rand_bytes(seed, key, sizeof key);
    gost_kuznyechik_expand_key(rk, key);
    for (size_t i = 0; i < nk; i++) {
        memset(sched[i], 0, sizeof sched[i]);
        ks[i]->fill_sched(sched[i], (const uint8_t(*)[16])rk);
    }
}

/* Every kernel against the portable one on random keys and blocks, every
 * count up to 70 blocks and one beyond the widest batch. */
Test(kuznyechik, simd_kernels_match_portable)
{
    const struct gost_kuznyechik_kernel *ks[3];
    size_t nk = all_kernels(ks);
    static uint64_t sched[3][GOST_KUZNYECHIK_SCHED_WORDS];
    static uint8_t in[16 * MAX_BLOCKS], want[16 * MAX_BLOCKS], got[16 * MAX_BLOCKS];
    uint64_t seed = test_seed();
    for (int iter = 0; iter < 20; iter++) {
        key_all_kernels(ks, nk, sched, &seed);
        for (size_t n = 0; n <= 70; n += (iter == 0 ? 1 : 7)) {
            size_t nb = n == 70 ? MAX_BLOCKS - 3 : n;
            test_rand_bytes(&seed, in, 16 * nb);
            ks[0]->encrypt(sched[0], in, want, nb);
            for (size_t i = 1; i < nk; i++) {
                memset(got, 0, sizeof got);
                ks[i]->encrypt(sched[i], in, got, nb);
                cr_assert_arr_eq(got, want, 16 * nb, "%s encrypt, %zu blocks", ks[i]->name, nb);
            }
            ks[0]->decrypt(sched[0], in, want, nb);
            for (size_t i = 1; i < nk; i++) {
                memset(got, 0, sizeof got);
                ks[i]->decrypt(sched[i], in, got, nb);
                cr_assert_arr_eq(got, want, 16 * nb, "%s decrypt, %zu blocks", ks[i]->name, nb);
            }
        }
    }
}

/* A kernel and its schedule, and one block through them, for
 * test_chain_by_hand. */
struct kernel_key {
    const struct gost_kuznyechik_kernel *kernel;
    const uint64_t *sched;
};

static void kernel_encrypt_one(const void *key, uint8_t *block)
{
    const struct kernel_key *k = key;
    k->kernel->encrypt(k->sched, block, block, 1);
}

/* The kernels' chaining entries (AVX2: the assembly kernel; SSSE3: the C
 * one-block rounds; both keep the chain in a register) against chaining by hand through the portable
 * kernel, in each mode: every count up to 40 blocks, in place too, the
 * chain left behind, and for CBC the blocks not written out (OMAC). */
Test(kuznyechik, chain_entries_match_portable)
{
    _Static_assert(GOST_CHAIN_CBC == 0 && GOST_CHAIN_CFB == 1 && GOST_CHAIN_OFB == 2, "test_chain_by_hand's modes");
    static const int modes[] = {GOST_CHAIN_CBC, GOST_CHAIN_CFB, GOST_CHAIN_OFB};
    const struct gost_kuznyechik_kernel *ks[3];
    size_t nk = all_kernels(ks), tested = 0;
    static uint64_t sched[3][GOST_KUZNYECHIK_SCHED_WORDS];
    static uint8_t in[16 * 40], want[16 * 40], got[16 * 40];
    uint8_t iv[16], cw[16], cg[16];
    uint64_t seed = test_seed();
    for (int iter = 0; iter < 10; iter++) {
        key_all_kernels(ks, nk, sched, &seed);
        for (size_t n = 1; n <= 40; n++) {
            int mode = modes[(iter + n) % 3];
            test_rand_bytes(&seed, in, 16 * n);
            test_rand_bytes(&seed, iv, sizeof iv);
            memcpy(cw, iv, 16);
            const struct kernel_key ref = {ks[0], sched[0]};
            for (size_t j = 0; j < n; j++)
                test_chain_by_hand(kernel_encrypt_one, &ref, 16, mode, cw, in + 16 * j, want + 16 * j);
            for (size_t i = 0; i < nk; i++) {
                if (ks[i]->chain == NULL)
                    continue;
                tested++;
                memcpy(cg, iv, 16);
                memset(got, 0, sizeof got);
                ks[i]->chain(sched[i], mode, cg, in, got, n);
                cr_assert_arr_eq(got, want, 16 * n, "%s chain mode %d, %zu blocks", ks[i]->name, mode, n);
                cr_assert_arr_eq(cg, cw, 16, "%s chain mode %d after %zu blocks", ks[i]->name, mode, n);
                memcpy(cg, iv, 16);
                memcpy(got, in, 16 * n);
                ks[i]->chain(sched[i], mode, cg, got, got, n);
                cr_assert_arr_eq(got, want, 16 * n, "%s chain mode %d in place, %zu blocks", ks[i]->name, mode, n);
                if (mode == GOST_CHAIN_CBC) {
                    memcpy(cg, iv, 16);
                    ks[i]->chain(sched[i], mode, cg, in, NULL, n);
                    cr_assert_arr_eq(cg, cw, 16, "%s chain alone, %zu blocks", ks[i]->name, n);
                }
            }
        }
    }
#if defined(__x86_64__)
    /* Every x86-64 SIMD kernel has one: none of these tests may be skipped. */
    size_t simd = (gost_kuznyechik_kernel_ssse3() != NULL) + (gost_kuznyechik_kernel_avx2() != NULL);
    cr_assert_eq(tested, 10 * 40 * simd, "a SIMD kernel has no chaining entry");
#endif
}

/* Counter block ctr + 1, the test's own way: bytes first..last a big-endian
 * number, carried byte by byte. */
static void ctr_step(uint8_t ctr[16], unsigned first, unsigned last)
{
    for (unsigned i = last + 1; i-- > first;)
        if (++ctr[i] != 0)
            break;
}

/* The counter entry of every kernel that has one (the SIMD kernels: round 1
 * from two single blocks per 256 counters) against the portable kernel on
 * the counters written out: the three fields (CTR's whole block, MGM's
 * incr_l and incr_r halves), counters whose last byte is about to wrap or
 * whose whole field is (mod 2^128 or 2^64), counts up to beyond two windows
 * of 256 and as few as one block (the one-block path), keystream alone, XOR
 * into a separate output and in place; and ctr is left at X + n. */
Test(kuznyechik, counter_kernels_match_portable)
{
    static const unsigned fields[3][2] = {{0, 15}, {0, 7}, {8, 15}};
    const struct gost_kuznyechik_kernel *ks[3];
    size_t nk = all_kernels(ks);
    static uint64_t sched[3][GOST_KUZNYECHIK_SCHED_WORDS];
    static uint8_t ctrs[16 * 600], in[16 * 600], want[16 * 600], got[16 * 600];
    uint64_t seed = test_seed();
    size_t tested = 0;
    for (int iter = 0; iter < 60; iter++) {
        uint8_t key[32], rk[10][16], x[16], next[16];
        const unsigned first = fields[iter % 3][0], last = fields[iter % 3][1];
        test_rand_bytes(&seed, key, sizeof key);
        gost_kuznyechik_expand_key(rk, key);
        for (size_t i = 0; i < nk; i++) {
            memset(sched[i], 0, sizeof sched[i]);
            ks[i]->fill_sched(sched[i], (const uint8_t(*)[16])rk);
        }
        test_rand_bytes(&seed, x, sizeof x);
        if (iter % 4 == 1) /* the last byte wraps within a batch */
            x[last] = (uint8_t)(0xf0 + test_rand_u64(&seed) % 16);
        if (iter % 4 == 2) /* the whole field wraps */
            memset(x + first, 0xff, last + 1 - first);
        const size_t counts[] = {1, 3, 1 + (size_t)(test_rand_u64(&seed) % 70), 256,
                                 200 + (size_t)(test_rand_u64(&seed) % 400)};
        for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
            const size_t n = counts[c];
            memcpy(next, x, 16);
            for (size_t j = 0; j < n; j++) {
                memcpy(ctrs + 16 * j, next, 16);
                ctr_step(next, first, last);
            }
            test_rand_bytes(&seed, in, 16 * n);
            ks[0]->encrypt(sched[0], ctrs, want, n);
            for (size_t i = 0; i < nk; i++) {
                if (ks[i]->ctr == NULL)
                    continue;
                uint8_t ctr[16];
                memcpy(ctr, x, 16);
                ks[i]->ctr(sched[i], ctr, first, last, NULL, got, n);
                cr_assert_arr_eq(got, want, 16 * n, "%s keystream, field %u..%u, %zu blocks", ks[i]->name, first,
                                 last, n);
                cr_assert_arr_eq(ctr, next, 16, "%s counter after %zu blocks", ks[i]->name, n);
                memcpy(ctr, x, 16);
                ks[i]->ctr(sched[i], ctr, first, last, in, got, n);
                for (size_t j = 0; j < 16 * n; j++)
                    cr_assert_eq(got[j] ^ in[j], want[j], "%s XOR, %zu blocks, byte %zu", ks[i]->name, n, j);
                memcpy(ctr, x, 16);
                memcpy(got, in, 16 * n);
                ks[i]->ctr(sched[i], ctr, first, last, got, got, n);
                for (size_t j = 0; j < 16 * n; j++)
                    cr_assert_eq(got[j] ^ in[j], want[j], "%s in place, %zu blocks, byte %zu", ks[i]->name, n, j);
                cr_assert_arr_eq(ctr, next, 16);
                tested++;
            }
        }
    }
    /* The build's kernels other than the portable one all have it. */
    cr_assert_eq(tested, (nk - 1) * 60 * 5);
}

/* On every path: random keys and data against OpenSSL both ways, round
 * trips, all blocks at once against one at a time, in place. */
Test(kuznyechik, random_differential_every_path)
{
    static uint8_t pt[16 * MAX_BLOCKS], ct[16 * MAX_BLOCKS], want[16 * MAX_BLOCKS],
        buf[16 * MAX_BLOCKS];
    uint64_t seed = test_seed();
    for (size_t p = 0; p < SB_NPATHS; p++) {
        if (!sb_path_available(sb_paths[p]))
            continue;
        for (int iter = 0; iter < 40; iter++) {
            uint8_t key[32];
            gost_kuznyechik_key k;
            size_t n = 1 + (size_t)(test_rand_u64(&seed) % (iter < 20 ? 40 : MAX_BLOCKS));
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, pt, 16 * n);
            set_key_on(&k, sb_paths[p], key);
            ossl_ecb(1, key, pt, want, 16 * n);
            cr_assert_eq(gost_kuznyechik_encrypt_blocks(&k, pt, ct, n), GOST_OK);
            cr_assert_arr_eq(ct, want, 16 * n, "path %s encrypt %zu blocks", sb_paths[p], n);
            ossl_ecb(0, key, ct, want, 16 * n);
            cr_assert_arr_eq(want, pt, 16 * n);
            cr_assert_eq(gost_kuznyechik_decrypt_blocks(&k, ct, buf, n), GOST_OK);
            cr_assert_arr_eq(buf, pt, 16 * n, "path %s decrypt %zu blocks", sb_paths[p], n);
            /* One block per call (serial modes), in place. */
            memcpy(buf, pt, 16 * n);
            for (size_t i = 0; i < n; i++)
                cr_assert_eq(gost_kuznyechik_encrypt_blocks(&k, buf + 16 * i, buf + 16 * i, 1), GOST_OK);
            cr_assert_arr_eq(buf, ct, 16 * n, "path %s one block at a time", sb_paths[p]);
            for (size_t i = 0; i < n; i++)
                cr_assert_eq(gost_kuznyechik_decrypt_blocks(&k, buf + 16 * i, buf + 16 * i, 1), GOST_OK);
            cr_assert_arr_eq(buf, pt, 16 * n, "path %s one block at a time, decrypt", sb_paths[p]);
            /* All at once, in place. */
            cr_assert_eq(gost_kuznyechik_encrypt_blocks(&k, buf, buf, n), GOST_OK);
            cr_assert_arr_eq(buf, ct, 16 * n, "path %s in place", sb_paths[p]);
            cr_assert_eq(gost_kuznyechik_decrypt_blocks(&k, buf, buf, n), GOST_OK);
            cr_assert_arr_eq(buf, pt, 16 * n, "path %s in place, decrypt", sb_paths[p]);
            gost_kuznyechik_wipe(&k);
        }
    }
}

Test(kuznyechik, bad_arguments)
{
    gost_kuznyechik_key k;
    uint8_t key[32] = {1}, b[32] = {0}, c[32];
    memset(&k, 0, sizeof k);
    cr_expect_eq(gost_kuznyechik_set_key(NULL, key), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kuznyechik_set_key(&k, NULL), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_null(gost_kuznyechik_kernel_name(&k));
    cr_expect_null(gost_kuznyechik_kernel_name(NULL));
    /* A schedule never set. */
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(&k, b, c, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kuznyechik_decrypt_blocks(&k, b, c, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(NULL, b, c, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kuznyechik_decrypt_blocks(NULL, b, c, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_assert_eq(gost_kuznyechik_set_key(&k, key), GOST_OK);
    cr_expect_not_null(gost_kuznyechik_kernel_name(&k));
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(&k, NULL, c, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(&k, b, NULL, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kuznyechik_decrypt_blocks(&k, NULL, c, 2), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_kuznyechik_decrypt_blocks(&k, b, NULL, 2), GOST_ERR_INVALID_ARGUMENT);
    /* NULL data with no blocks is nothing to do. */
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(&k, NULL, NULL, 0), GOST_OK);
    cr_expect_eq(gost_kuznyechik_decrypt_blocks(&k, NULL, NULL, 0), GOST_OK);
    /* The failed calls left the output alone; a good call still works. */
    memset(c, 0xee, sizeof c);
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(&k, NULL, c, 2), GOST_ERR_INVALID_ARGUMENT);
    for (size_t i = 0; i < sizeof c; i++)
        cr_expect_eq(c[i], 0xee);
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(&k, b, c, 2), GOST_OK);
    cr_expect_arr_eq(c, c + 16, 16, "equal blocks, equal ciphertexts (ECB)");
    /* Wiped: every byte zero, and unusable until set again. */
    gost_kuznyechik_wipe(&k);
    for (size_t i = 0; i < sizeof k; i++)
        cr_expect_eq(((uint8_t *)&k)[i], 0, "schedule byte %zu not wiped", i);
    cr_expect_eq(gost_kuznyechik_encrypt_blocks(&k, b, c, 1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_null(gost_kuznyechik_kernel_name(&k));
    gost_kuznyechik_wipe(NULL);
}
