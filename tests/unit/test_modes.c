/* The modes of GOST R 34.13-2015 (gost/modes.h) for both ciphers: round
 * trips on random data, lengths and parameters; streaming over every split
 * point; the padding procedures; misuse error codes; and differential tests
 * against OpenSSL's GOST provider for every mode it has (including
 * CTR-ACPKM and OMAC-ACPKM, whose ACPKM semantics test_acpkm.c covers).
 *
 * gostprov's conventions: kuznyechik-cbc/ofb/cfb take a 16-byte IV (m = n;
 * the standard's examples use m = 2n, which gostprov cannot express),
 * CFB and OFB use whole blocks (s = n), ctr takes the n/2-byte IV of the
 * standard, magma has cbc and ctr only (no ecb, ofb, cfb). The
 * *-ctr-acpkm-omac ciphers are not a mode: they derive the encryption and
 * MAC keys from the key with KDF_TREE and a random seed (the CMS scheme), so
 * they are compared through their parts (ctr-acpkm, and the
 * kuznyechik-ctr-acpkm-omac MAC). */
#include <criterion/criterion.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <stdlib.h>
#include <string.h>

#include "gost/acpkm.h"
#include "gost/internal/modes.h"
#include "gost/modes.h"
#include "ossl.h"
#include "testutil.h"

typedef struct cipher_info {
    gost_cipher_id id;
    const char *name;
    size_t n;
} cipher_info;

static const cipher_info ciphers[] = {
    {GOST_CIPHER_KUZNYECHIK, "kuznyechik", 16},
    {GOST_CIPHER_MAGMA, "magma", 8},
};

enum { ECB, CBC, CTR, OFB, CFB };
static const char *const mode_names[] = {"ecb", "cbc", "ctr", "ofb", "cfb"};

typedef struct spec {
    int mode;
    size_t m;        /* IV length (CTR: n/2) */
    size_t s;
    gost_padding pad;
} spec;

static int spec_init(gost_mode_ctx *c, const cipher_info *ci, const spec *sp, const uint8_t *key,
                     const uint8_t *iv, gost_direction dir)
{
    switch (sp->mode) {
    case ECB: return gost_ecb_init(c, ci->id, key, dir, sp->pad);
    case CBC: return gost_cbc_init(c, ci->id, key, dir, iv, sp->m, sp->pad);
    case CTR: return gost_ctr_init(c, ci->id, key, iv, sp->m, sp->s);
    case OFB: return gost_ofb_init(c, ci->id, key, iv, sp->m, sp->s);
    default: return gost_cfb_init(c, ci->id, key, dir, iv, sp->m, sp->s);
    }
}

/* Streams in through the pieces cut at cuts[0..ncuts); returns the output
 * length. The padding of decryption is procedure 2 or none. */
static size_t run_cuts(const cipher_info *ci, const spec *sp, gost_direction dir, const uint8_t *key,
                       const uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out, size_t cap,
                       const size_t *cuts, size_t ncuts)
{
    gost_mode_ctx c;
    size_t pos = 0, prev = 0, got = 0;
    cr_assert_eq(spec_init(&c, ci, sp, key, iv, dir), GOST_OK);
    for (size_t i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : len;
        cr_assert_eq(gost_mode_update(&c, in + prev, end - prev, out + pos, cap - pos, &got), GOST_OK,
                     "%s-%s update", ci->name, mode_names[sp->mode]);
        pos += got;
        prev = end;
    }
    cr_assert_eq(gost_mode_final(&c, out + pos, cap - pos, &got), GOST_OK, "%s-%s final", ci->name,
                 mode_names[sp->mode]);
    return pos + got;
}

static size_t run_whole(const cipher_info *ci, const spec *sp, gost_direction dir, const uint8_t *key,
                        const uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    return run_cuts(ci, sp, dir, key, iv, in, len, out, cap, NULL, 0);
}

/* A random valid spec for the cipher. */
static spec random_spec(uint64_t *seed, const cipher_info *ci)
{
    size_t n = ci->n;
    spec sp = {(int)(test_rand_u64(seed) % 5), 0, n, GOST_PAD_NONE};
    sp.s = 1 + test_rand_u64(seed) % n;
    switch (sp.mode) {
    case ECB: sp.pad = (gost_padding)(test_rand_u64(seed) % 4); break;
    case CBC:
        sp.pad = (gost_padding)(test_rand_u64(seed) % 4);
        sp.m = n * (1 + test_rand_u64(seed) % (GOST_MODE_MAX_IV / n));
        break;
    case CTR: sp.m = n / 2; break;
    case OFB: sp.m = n * (1 + test_rand_u64(seed) % (GOST_MODE_MAX_IV / n)); break;
    default: sp.m = n + test_rand_u64(seed) % (GOST_MODE_MAX_IV - n + 1); break;
    }
    return sp;
}

/* Encrypt (one-shot-like and cut at a random point), decrypt, compare. */
Test(modes, round_trip_random_lengths_and_parameters)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[GOST_MODE_MAX_IV], pt[700], ct[800], ct2[800], back[800];
    for (size_t k = 0; k < 2; k++) {
        const cipher_info *ci = &ciphers[k];
        for (int it = 0; it < 400; it++) {
            spec sp = random_spec(&seed, ci);
            size_t len = test_rand_u64(&seed) % 600;
            if ((sp.mode == ECB || sp.mode == CBC) && sp.pad == GOST_PAD_NONE)
                len -= len % ci->n;
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, iv, sizeof iv);
            test_rand_bytes(&seed, pt, len);
            size_t clen = run_whole(ci, &sp, GOST_ENCRYPT, key, iv, pt, len, ct, sizeof ct);
            size_t cut = len ? test_rand_u64(&seed) % (len + 1) : 0;
            size_t clen2 = run_cuts(ci, &sp, GOST_ENCRYPT, key, iv, pt, len, ct2, sizeof ct2, &cut, 1);
            cr_assert_eq(clen, clen2);
            cr_assert_arr_eq(ct, ct2, clen, "%s-%s len %zu cut %zu", ci->name, mode_names[sp.mode], len,
                             cut);
            /* Procedures 1 and 3 cannot be removed: decrypt with none and cut. */
            spec dsp = sp;
            if (sp.pad == GOST_PAD_1 || sp.pad == GOST_PAD_3)
                dsp.pad = GOST_PAD_NONE;
            size_t blen = run_whole(ci, &dsp, GOST_DECRYPT, key, iv, ct, clen, back, sizeof back);
            if (dsp.pad == sp.pad)
                cr_assert_eq(blen, len, "%s-%s pad %d", ci->name, mode_names[sp.mode], sp.pad);
            else
                cr_assert_geq(blen, len);
            cr_assert_arr_eq(back, pt, len, "%s-%s m %zu s %zu pad %d len %zu (seed %llu)", ci->name,
                             mode_names[sp.mode], sp.m, sp.s, sp.pad, len, (unsigned long long)seed);
            if (sp.mode != ECB && sp.mode != CBC)
                cr_assert_eq(clen, len, "stream modes keep the length");
        }
    }
}

static const spec split_specs[] = {
    {ECB, 0, 0, GOST_PAD_2}, {ECB, 0, 0, GOST_PAD_NONE}, {CBC, 2, 0, GOST_PAD_2},
    {CBC, 1, 0, GOST_PAD_NONE}, {CTR, 0, 0, GOST_PAD_NONE}, {CTR, 0, 3, GOST_PAD_NONE},
    {OFB, 2, 0, GOST_PAD_NONE}, {OFB, 1, 0, GOST_PAD_NONE}, {OFB, 1, 5, GOST_PAD_NONE}, {CFB, 1, 0, GOST_PAD_NONE},
    {CFB, 3, 3, GOST_PAD_NONE}, {CFB, 2, 0, GOST_PAD_NONE},
};

/* Fills in m and s of a split spec for the cipher: m is in blocks (CFB:
 * blocks plus the odd byte for the 3-segment case), s = 0 means n. */
static spec concrete(const spec *tmpl, const cipher_info *ci)
{
    spec sp = *tmpl;
    size_t n = ci->n;
    if (sp.s == 0)
        sp.s = n;
    if (sp.mode == CTR)
        sp.m = n / 2;
    else if (sp.mode == CFB && tmpl->s == 3)
        sp.m = n * tmpl->m + 1;
    else
        sp.m *= n;
    return sp;
}

Test(modes, every_split_point)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[GOST_MODE_MAX_IV], msg[100], want[128], got[128];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, iv, sizeof iv);
    test_rand_bytes(&seed, msg, sizeof msg);
    for (size_t k = 0; k < 2; k++)
        for (size_t t = 0; t < sizeof split_specs / sizeof split_specs[0]; t++) {
            const cipher_info *ci = &ciphers[k];
            spec sp = concrete(&split_specs[t], ci);
            size_t len = sp.pad == GOST_PAD_NONE && (sp.mode == ECB || sp.mode == CBC) ? 96 : 100;
            for (int d = 0; d < 2; d++) {
                gost_direction dir = d ? GOST_DECRYPT : GOST_ENCRYPT;
                const uint8_t *in = msg;
                size_t inlen = len;
                uint8_t ctbuf[128];
                if (dir == GOST_DECRYPT) { /* decrypt a real ciphertext (valid padding) */
                    inlen = run_whole(ci, &sp, GOST_ENCRYPT, key, iv, msg, len, ctbuf, sizeof ctbuf);
                    in = ctbuf;
                }
                size_t wlen = run_whole(ci, &sp, dir, key, iv, in, inlen, want, sizeof want);
                for (size_t a = 0; a <= inlen; a++) {
                    size_t glen = run_cuts(ci, &sp, dir, key, iv, in, inlen, got, sizeof got, &a, 1);
                    cr_assert_eq(glen, wlen);
                    cr_assert_arr_eq(got, want, wlen, "%s-%s dir %d split %zu", ci->name,
                                     mode_names[sp.mode], d, a);
                }
                /* three pieces over the first 40 bytes' every pair of cuts */
                for (size_t a = 0; a <= 40; a++)
                    for (size_t b = a; b <= 40; b++) {
                        size_t cuts[2] = {a, b};
                        size_t glen = run_cuts(ci, &sp, dir, key, iv, in, inlen, got, sizeof got, cuts, 2);
                        cr_assert_eq(glen, wlen);
                        cr_assert_arr_eq(got, want, wlen, "%s-%s dir %d cuts %zu/%zu", ci->name,
                                         mode_names[sp.mode], d, a, b);
                    }
            }
        }
}

/* The standard's examples (vectors/gost3413.txt) use m = 2n; in place and
 * split into odd pieces CBC and CFB with m = 2n still agree. */
Test(modes, in_place_matches_out_of_place)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[GOST_MODE_MAX_IV], pt[333], a[400], b[400];
    test_rand_bytes(&seed, key, sizeof key);
    test_rand_bytes(&seed, iv, sizeof iv);
    test_rand_bytes(&seed, pt, sizeof pt);
    for (size_t k = 0; k < 2; k++) {
        const cipher_info *ci = &ciphers[k];
        size_t n = ci->n, len = sizeof pt, got = 0;
        cr_assert_eq(gost_ctr_crypt(ci->id, key, iv, n / 2, n, pt, len, a), GOST_OK);
        memcpy(b, pt, len);
        cr_assert_eq(gost_ctr_crypt(ci->id, key, iv, n / 2, n, b, len, b), GOST_OK);
        cr_assert_arr_eq(a, b, len);
        cr_assert_eq(gost_cfb_decrypt(ci->id, key, iv, 2 * n, 3, pt, len, a), GOST_OK);
        memcpy(b, pt, len);
        cr_assert_eq(gost_cfb_decrypt(ci->id, key, iv, 2 * n, 3, b, len, b), GOST_OK);
        cr_assert_arr_eq(a, b, len);
        cr_assert_eq(gost_cbc_encrypt(ci->id, key, iv, 2 * n, GOST_PAD_2, pt, len, a, sizeof a, &got),
                     GOST_OK);
        size_t clen = got;
        memcpy(b, a, clen);
        cr_assert_eq(gost_cbc_decrypt(ci->id, key, iv, 2 * n, GOST_PAD_2, b, clen, b, sizeof b, &got),
                     GOST_OK);
        cr_assert_eq(got, len);
        cr_assert_arr_eq(b, pt, len);
        memcpy(b, a, clen);
        cr_assert_eq(gost_ecb_decrypt(ci->id, key, GOST_PAD_NONE, b, clen, b, sizeof b, &got), GOST_OK);
        cr_assert_eq(gost_ecb_decrypt(ci->id, key, GOST_PAD_NONE, a, clen, a, sizeof a, &got), GOST_OK);
        cr_assert_arr_eq(a, b, clen);
    }
}

Test(modes, padding_procedures)
{
    uint8_t buf[64];
    size_t len = 0;
    for (size_t n = 8; n <= 16; n += 8)
        for (size_t r = 0; r <= 2 * n; r++) {
            memset(buf, 0xaa, sizeof buf);
            cr_assert_eq(gost_pad(GOST_PAD_1, n, buf, r, buf, sizeof buf, &len), GOST_OK);
            cr_assert_eq(len, (r + n - 1) / n * n, "procedure 1 adds nothing to whole blocks");
            for (size_t i = r; i < len; i++)
                cr_assert_eq(buf[i], 0);
            memset(buf, 0xaa, sizeof buf);
            cr_assert_eq(gost_pad(GOST_PAD_2, n, buf, r, buf, sizeof buf, &len), GOST_OK);
            cr_assert_eq(len, (r / n + 1) * n, "procedure 2 always adds 1..n bytes");
            cr_assert_eq(buf[r], 0x80);
            size_t back = 0;
            cr_assert_eq(gost_unpad2(n, buf, len, &back), GOST_OK);
            cr_assert_eq(back, r);
            memset(buf, 0xaa, sizeof buf);
            cr_assert_eq(gost_pad(GOST_PAD_3, n, buf, r, buf, sizeof buf, &len), GOST_OK);
            cr_assert_eq(len, r % n == 0 ? r : (r / n + 1) * n, "procedure 3");
            if (r % n != 0)
                cr_assert_eq(buf[r], 0x80);
        }
    /* procedure 2 padding that is not there */
    memset(buf, 0, 16);
    cr_expect_eq(gost_unpad2(16, buf, 16, &len), GOST_ERR_DECODE);
    buf[3] = 0x80;
    buf[9] = 0x01;
    cr_expect_eq(gost_unpad2(16, buf, 16, &len), GOST_ERR_DECODE, "a non-zero byte after 0x80");
    buf[9] = 0;
    cr_expect_eq(gost_unpad2(16, buf, 16, &len), GOST_OK);
    cr_expect_eq(len, 3);
    cr_expect_eq(gost_pad(GOST_PAD_NONE, 16, buf, 5, buf, sizeof buf, &len), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_pad(GOST_PAD_2, 16, buf, 16, buf, 31, &len), GOST_ERR_BUFFER_TOO_SMALL);
    cr_expect_eq(gost_pad((gost_padding)7, 16, buf, 16, buf, 32, &len), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_pad(GOST_PAD_2, 12, buf, 16, buf, 32, &len), GOST_ERR_INVALID_ARGUMENT);
}

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

Test(modes, misuse_is_refused_without_output)
{
    static const uint8_t key[32] = {1, 2, 3};
    uint8_t iv[GOST_MODE_MAX_IV + 8] = {9}, in[64] = {5}, out[64];
    gost_mode_ctx c;
    size_t got = 77;
    /* bad IV lengths */
    cr_expect_eq(gost_ctr_init(&c, GOST_CIPHER_KUZNYECHIK, key, iv, 16, 16), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ctr_init(&c, GOST_CIPHER_MAGMA, key, iv, 8, 8), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_cbc_init(&c, GOST_CIPHER_KUZNYECHIK, key, GOST_ENCRYPT, iv, 24, GOST_PAD_NONE),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_cbc_init(&c, GOST_CIPHER_MAGMA, key, GOST_ENCRYPT, iv, 0, GOST_PAD_NONE),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ofb_init(&c, GOST_CIPHER_MAGMA, key, iv, GOST_MODE_MAX_IV + 8, 8), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_cfb_init(&c, GOST_CIPHER_KUZNYECHIK, key, GOST_ENCRYPT, iv, 15, 16), GOST_ERR_BAD_LENGTH);
    /* bad s */
    cr_expect_eq(gost_ctr_init(&c, GOST_CIPHER_MAGMA, key, iv, 4, 9), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ofb_init(&c, GOST_CIPHER_MAGMA, key, iv, 8, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_cfb_init(&c, GOST_CIPHER_KUZNYECHIK, key, GOST_DECRYPT, iv, 16, 17), GOST_ERR_BAD_LENGTH);
    /* unknown cipher, direction, padding; padding decryption cannot remove */
    cr_expect_eq(gost_ecb_init(&c, (gost_cipher_id)0, key, GOST_ENCRYPT, GOST_PAD_NONE),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_ecb_init(&c, GOST_CIPHER_MAGMA, key, (gost_direction)0, GOST_PAD_NONE),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_ecb_init(&c, GOST_CIPHER_MAGMA, key, GOST_ENCRYPT, (gost_padding)4),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_ecb_init(&c, GOST_CIPHER_MAGMA, key, GOST_DECRYPT, GOST_PAD_1), GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_cbc_init(&c, GOST_CIPHER_MAGMA, key, GOST_DECRYPT, iv, 8, GOST_PAD_3),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_ecb_init(NULL, GOST_CIPHER_MAGMA, key, GOST_ENCRYPT, GOST_PAD_NONE),
                 GOST_ERR_INVALID_ARGUMENT);
    cr_expect_eq(gost_ecb_init(&c, GOST_CIPHER_MAGMA, NULL, GOST_ENCRYPT, GOST_PAD_NONE),
                 GOST_ERR_INVALID_ARGUMENT);
    /* data not a multiple of the block without padding: one-shots write nothing */
    memset(out, 0, sizeof out);
    cr_expect_eq(gost_ecb_encrypt(GOST_CIPHER_KUZNYECHIK, key, GOST_PAD_NONE, in, 17, out, sizeof out, &got),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_cbc_decrypt(GOST_CIPHER_MAGMA, key, iv, 8, GOST_PAD_NONE, in, 12, out, sizeof out, &got),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_cbc_decrypt(GOST_CIPHER_MAGMA, key, iv, 8, GOST_PAD_2, in, 0, out, sizeof out, &got),
                 GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_ecb_encrypt(GOST_CIPHER_KUZNYECHIK, key, GOST_PAD_2, in, 16, out, 31, &got),
                 GOST_ERR_BUFFER_TOO_SMALL);
    cr_expect(all_zero(out, sizeof out), "a refused call wrote output");
    /* streaming: a partial block at final without padding */
    cr_assert_eq(gost_ecb_init(&c, GOST_CIPHER_MAGMA, key, GOST_ENCRYPT, GOST_PAD_NONE), GOST_OK);
    cr_assert_eq(gost_mode_update(&c, in, 11, out, sizeof out, &got), GOST_OK);
    cr_expect_eq(got, 8);
    cr_expect_eq(gost_mode_final(&c, out, sizeof out, &got), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(c.mode, 0, "final wipes the context even when it fails");
    /* wrong state: never initialised, finalised */
    memset(&c, 0, sizeof c);
    cr_expect_eq(gost_mode_update(&c, in, 1, out, sizeof out, &got), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_mode_final(&c, out, sizeof out, &got), GOST_ERR_BAD_STATE);
    cr_assert_eq(gost_ctr_init(&c, GOST_CIPHER_MAGMA, key, iv, 4, 8), GOST_OK);
    cr_assert_eq(gost_mode_final(&c, NULL, 0, &got), GOST_OK);
    cr_expect_eq(gost_mode_update(&c, in, 1, out, sizeof out, &got), GOST_ERR_BAD_STATE);
    /* output too small, overlapping buffers: nothing written, context usable */
    cr_assert_eq(gost_ctr_init(&c, GOST_CIPHER_MAGMA, key, iv, 4, 8), GOST_OK);
    memset(out, 0, sizeof out);
    cr_expect_eq(gost_mode_update(&c, in, 10, out, 9, &got), GOST_ERR_BUFFER_TOO_SMALL);
    cr_expect_eq(gost_mode_update(&c, in, 10, in + 1, 10, &got), GOST_ERR_INVALID_ARGUMENT);
    cr_expect(all_zero(out, sizeof out));
    cr_expect_eq(gost_mode_update(&c, in, 10, out, 10, &got), GOST_OK);
    uint8_t want[10];
    cr_assert_eq(gost_ctr_crypt(GOST_CIPHER_MAGMA, key, iv, 4, 8, in, 10, want), GOST_OK);
    cr_expect_arr_eq(out, want, 10, "refused calls changed the context");
    /* in place is refused for a block mode holding a partial block */
    cr_assert_eq(gost_ecb_init(&c, GOST_CIPHER_MAGMA, key, GOST_ENCRYPT, GOST_PAD_2), GOST_OK);
    cr_assert_eq(gost_mode_update(&c, in, 3, in, sizeof in, &got), GOST_OK);
    cr_expect_eq(gost_mode_update(&c, in + 3, 20, in + 3, 20, &got), GOST_ERR_INVALID_ARGUMENT);
    gost_mode_wipe(&c);
    /* MAC: tag length, state */
    gost_mac_ctx m;
    uint8_t tag[16];
    cr_expect_eq(gost_mac(GOST_CIPHER_MAGMA, key, in, 5, tag, 9), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_mac(GOST_CIPHER_KUZNYECHIK, key, in, 5, tag, 0), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_mac(GOST_CIPHER_KUZNYECHIK, key, in, 5, tag, 17), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gost_mac_init(&m, GOST_CIPHER_MAGMA, key), GOST_OK);
    cr_expect_eq(gost_mac_final(&m, tag, 9), GOST_ERR_BAD_LENGTH);
    cr_expect_eq(gost_mac_final(&m, tag, 8), GOST_OK, "a refused final leaves the context usable");
    cr_expect_eq(gost_mac_update(&m, in, 1), GOST_ERR_BAD_STATE);
    cr_expect_eq(gost_mac_final(&m, tag, 8), GOST_ERR_BAD_STATE);
}

/* A bad procedure-2 padding on decryption: GOST_ERR_DECODE and nothing of
 * the plaintext left in out. */
Test(modes, bad_padding_wipes_output)
{
    static const uint8_t key[32] = {7};
    uint8_t iv[16] = {1}, ct[48], out[48];
    size_t got;
    memset(ct, 0x33, sizeof ct);
    /* ECB-decrypt a block of zeros encrypted: its plaintext has no 0x80 */
    uint8_t zeros[16] = {0};
    cr_assert_eq(gost_ecb_encrypt(GOST_CIPHER_KUZNYECHIK, key, GOST_PAD_NONE, zeros, 16, ct + 32, 16, &got),
                 GOST_OK);
    memset(out, 0xee, sizeof out);
    cr_expect_eq(gost_ecb_decrypt(GOST_CIPHER_KUZNYECHIK, key, GOST_PAD_2, ct, 48, out, sizeof out, &got),
                 GOST_ERR_DECODE);
    for (size_t i = 0; i < 32; i++)
        cr_expect(out[i] == 0 || out[i] == 0xee, "byte %zu of a refused decryption left", i);
    (void)iv;
}

/* The CTR counter of Magma may not run into the IV half: 2^32 blocks. */
Test(modes, ctr_counter_limit)
{
    static const uint8_t key[32] = {7};
    uint8_t iv[4] = {1, 2, 3, 4}, in[32] = {0}, out[32];
    gost_mode_ctx c;
    size_t got;
    cr_assert_eq(gost_ctr_init(&c, GOST_CIPHER_MAGMA, key, iv, 4, 8), GOST_OK);
    c.blocks = ((uint64_t)1 << 32) - 2; /* white box: near the end */
    cr_expect_eq(gost_mode_update(&c, in, 16, out, sizeof out, &got), GOST_OK);
    cr_expect_eq(gost_mode_update(&c, in, 1, out, sizeof out, &got), GOST_ERR_LIMIT);
    gost_mode_wipe(&c);
}

/* ---- differential tests against gostprov --------------------------------- */

/* One-shot through an OpenSSL cipher (no padding); key_mesh > 0 sets the
 * ACPKM section size. */
static void ossl_crypt(const char *name, int enc, const uint8_t *key, const uint8_t *iv, size_t ivlen,
                       size_t key_mesh, const uint8_t *in, size_t len, uint8_t *out)
{
    EVP_CIPHER *ci = EVP_CIPHER_fetch(test_ossl_ctx(), name, NULL);
    cr_assert_not_null(ci, "gostprov lacks %s", name);
    cr_assert_eq((size_t)EVP_CIPHER_get_iv_length(ci), ivlen, "%s IV length", name);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int l1 = 0, l2 = 0;
    cr_assert_eq(EVP_CipherInit_ex2(c, ci, key, ivlen ? iv : NULL, enc, NULL), 1);
    cr_assert_eq(EVP_CIPHER_CTX_set_padding(c, 0), 1);
    if (key_mesh != 0) {
        OSSL_PARAM p[2] = {OSSL_PARAM_construct_size_t("key-mesh", &key_mesh), OSSL_PARAM_construct_end()};
        cr_assert_eq(EVP_CIPHER_CTX_set_params(c, p), 1);
    }
    cr_assert_eq(EVP_CipherUpdate(c, out, &l1, in, (int)len), 1);
    cr_assert_eq(EVP_CipherFinal_ex(c, out + l1, &l2), 1);
    cr_assert_eq((size_t)(l1 + l2), len, "%s output length", name);
    EVP_CIPHER_CTX_free(c);
    EVP_CIPHER_free(ci);
}

/* gostprov's MACs fetch their block cipher from OpenSSL's default library
 * context, whatever context the MAC came from: gostprov must be loaded
 * there too. */
static void ossl_mac(const char *name, const uint8_t *key, const uint8_t *in, size_t len, uint8_t *tag,
                     size_t size)
{
    cr_assert(test_ossl_load_into_default_ctx(), "gostprov cannot be loaded");
    EVP_MAC *mac = EVP_MAC_fetch(NULL, name, NULL);
    cr_assert_not_null(mac, "gostprov lacks %s", name);
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    OSSL_PARAM p[2] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size), OSSL_PARAM_construct_end()};
    size_t got = 0;
    cr_assert_eq(EVP_MAC_init(c, key, 32, p), 1);
    cr_assert_eq(EVP_MAC_update(c, in, len), 1);
    cr_assert_eq(EVP_MAC_final(c, tag, &got, size), 1);
    cr_assert_eq(got, size);
    EVP_MAC_CTX_free(c);
    EVP_MAC_free(mac);
}

typedef struct ossl_case {
    const char *name; /* gostprov's */
    size_t k;         /* ciphers[k] */
    int mode;
} ossl_case;

static const ossl_case ossl_cases[] = {
    {"kuznyechik-ecb", 0, ECB}, {"kuznyechik-cbc", 0, CBC}, {"kuznyechik-ctr", 0, CTR},
    {"kuznyechik-ofb", 0, OFB}, {"kuznyechik-cfb", 0, CFB}, {"magma-cbc", 1, CBC},
    {"magma-ctr", 1, CTR},
};

Test(modes, every_gostprov_mode_matches)
{
    uint64_t seed = test_seed();
    uint8_t key[32], iv[16], pt[3000], a[3100], b[3100];
    for (size_t t = 0; t < sizeof ossl_cases / sizeof ossl_cases[0]; t++) {
        const ossl_case *oc = &ossl_cases[t];
        const cipher_info *ci = &ciphers[oc->k];
        size_t n = ci->n;
        spec sp = {oc->mode, oc->mode == CTR ? n / 2 : oc->mode == ECB ? 0 : n, n, GOST_PAD_NONE};
        for (int it = 0; it < 40; it++) {
            size_t len = test_rand_u64(&seed) % sizeof pt;
            if (oc->mode == ECB || oc->mode == CBC)
                len -= len % n;
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, iv, sizeof iv);
            test_rand_bytes(&seed, pt, len);
            ossl_crypt(oc->name, 1, key, iv, sp.m, 0, pt, len, a);
            size_t cut = len ? test_rand_u64(&seed) % (len + 1) : 0;
            size_t blen = run_cuts(ci, &sp, GOST_ENCRYPT, key, iv, pt, len, b, sizeof b, &cut, 1);
            cr_assert_eq(blen, len);
            cr_assert_arr_eq(a, b, len, "%s encryption, len %zu", oc->name, len);
            ossl_crypt(oc->name, 0, key, iv, sp.m, 0, a, len, b);
            blen = run_whole(ci, &sp, GOST_DECRYPT, key, iv, a, len, a, sizeof a);
            cr_assert_arr_eq(a, b, len, "%s decryption, len %zu", oc->name, len);
        }
    }
}

Test(modes, mac_matches_gostprov)
{
    uint64_t seed = test_seed();
    uint8_t key[32], msg[1000], a[16], b[16];
    for (size_t k = 0; k < 2; k++) {
        const cipher_info *ci = &ciphers[k];
        const char *name = k == 0 ? "kuznyechik-mac" : "magma-mac";
        for (int it = 0; it < 100; it++) {
            size_t len = it < 40 ? (size_t)it : test_rand_u64(&seed) % sizeof msg;
            size_t size = ci->n; /* a shorter tag is a prefix, checked below */
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, msg, len);
            ossl_mac(name, key, msg, len, a, size);
            cr_assert_eq(gost_mac(ci->id, key, msg, len, b, size), GOST_OK);
            cr_assert_arr_eq(a, b, size, "%s len %zu", name, len);
            size_t t = 1 + test_rand_u64(&seed) % ci->n;
            memset(b, 0, sizeof b);
            cr_assert_eq(gost_mac(ci->id, key, msg, len, b, t), GOST_OK);
            cr_assert_arr_eq(a, b, t, "%s tag of %zu bytes", name, t);
        }
    }
}

Test(modes, ctr_acpkm_matches_gostprov)
{
    uint64_t seed = test_seed();
    size_t cap = 40000;
    uint8_t key[32], iv[8], *pt = malloc(cap), *a = malloc(cap), *b = malloc(cap);
    cr_assert(pt && a && b);
    for (size_t k = 0; k < 2; k++) {
        const cipher_info *ci = &ciphers[k];
        const char *name = k == 0 ? "kuznyechik-ctr-acpkm" : "magma-ctr-acpkm";
        size_t def = k == 0 ? GOST_ACPKM_SECTION_KUZNYECHIK : GOST_ACPKM_SECTION_MAGMA;
        for (int it = 0; it < 12; it++) {
            size_t len = test_rand_u64(&seed) % cap;
            /* the default section, then others that are multiples of n */
            size_t section = it == 0 ? def : ci->n * (1 + test_rand_u64(&seed) % 300);
            test_rand_bytes(&seed, key, sizeof key);
            test_rand_bytes(&seed, iv, sizeof iv);
            test_rand_bytes(&seed, pt, len);
            ossl_crypt(name, 1, key, iv, ci->n / 2, it == 0 ? 0 : section, pt, len, a);
            cr_assert_eq(gost_ctr_acpkm(ci->id, key, section, iv, ci->n / 2, pt, len, b), GOST_OK);
            cr_assert_arr_eq(a, b, len, "%s section %zu len %zu", name, section, len);
        }
    }
    free(pt);
    free(a);
    free(b);
}

/* gostprov's kuznyechik-ctr-acpkm-omac MAC is OMAC-ACPKM with N = T* =
 * 4096 bytes (its defaults; the MAC takes no section parameter). */
Test(modes, omac_acpkm_matches_gostprov)
{
    uint64_t seed = test_seed();
    uint8_t key[32], msg[20000], a[16], b[16];
    for (int it = 0; it < 30; it++) {
        size_t len = it < 3 ? (size_t)(it * 4096) : test_rand_u64(&seed) % sizeof msg;
        test_rand_bytes(&seed, key, sizeof key);
        test_rand_bytes(&seed, msg, len);
        ossl_mac("kuznyechik-ctr-acpkm-omac", key, msg, len, a, 16);
        cr_assert_eq(gost_omac_acpkm(GOST_CIPHER_KUZNYECHIK, key, GOST_ACPKM_SECTION_KUZNYECHIK,
                                     GOST_ACPKM_SECTION_KUZNYECHIK, msg, len, b, 16),
                     GOST_OK);
        cr_assert_arr_eq(a, b, 16, "len %zu", len);
    }
}
