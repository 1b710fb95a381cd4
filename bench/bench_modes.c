/* gost-bench rows for the modes of GOST R 34.13-2015, CTR-ACPKM and MGM
 * (the -ecb rows belong to the ciphers' own bench files), beside the same
 * mode of OpenSSL's GOST provider where it has one (it has no OFB or CFB
 * for Magma, and no MGM: the MGM rows set against it a bound, its CTR over
 * twice the bytes, see bench.h).
 *
 * Both sides keep one keyed context and stream through it, so the key
 * schedule is not measured; MACs and MGM start a message per iteration
 * from a copy of a keyed context (ours by assignment, OpenSSL's by
 * EVP_MAC_CTX_dup). ACPKM sections are the provider's defaults (4096 / 1024). */
#include <openssl/provider.h>
#include <string.h>

#include "bench.h"
#include "gost/acpkm.h"
#include "gost/mgm.h"
#include "gost/modes.h"

static const uint8_t bench_key[32] = {0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 1, 2, 3, 4, 5, 6, 7, 8,
                                      9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
static const uint8_t bench_iv[32] = {0x12, 0x34, 0x56, 0x78, 0x90, 0xab, 0xce, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8,
                                     9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};

/* ---- ours ---------------------------------------------------------------- */

static gost_mode_ctx mode_ctx;
static gost_mac_ctx mac_ctx;
static gost_mgm_ctx mgm_ctx;

static int ours_stream(size_t size, size_t iters)
{
    size_t got;
    for (size_t i = 0; i < iters; i++)
        if (gost_mode_update(&mode_ctx, bench_in, size, bench_out, size + 16, &got) != GOST_OK)
            return -1;
    return 0;
}

static int ours_mac(size_t size, size_t iters)
{
    for (size_t i = 0; i < iters; i++) {
        gost_mac_ctx c = mac_ctx;
        gost_mac_update(&c, bench_in, size);
        gost_mac_final(&c, bench_out, c.n);
    }
    return 0;
}

static int ours_mgm(size_t size, size_t iters)
{
    for (size_t i = 0; i < iters; i++) {
        gost_mgm_ctx c = mgm_ctx;
        gost_mgm_update(&c, bench_in, size, bench_out);
        gost_mgm_encrypt_final(&c, bench_out + size);
    }
    return 0;
}

#define CIPHER_SETUPS(cipher, ID, N)                                                           \
    static int setup_##cipher##_ctr(void)                                                      \
    {                                                                                          \
        return gost_ctr_init(&mode_ctx, ID, bench_key, bench_iv, N / 2, N) ? -1 : 0;           \
    }                                                                                          \
    static int setup_##cipher##_cbc_enc(void)                                                  \
    {                                                                                          \
        return gost_cbc_init(&mode_ctx, ID, bench_key, GOST_ENCRYPT, bench_iv, N, GOST_PAD_NONE) ? -1 : 0; \
    }                                                                                          \
    static int setup_##cipher##_cbc_dec(void)                                                  \
    {                                                                                          \
        return gost_cbc_init(&mode_ctx, ID, bench_key, GOST_DECRYPT, bench_iv, N, GOST_PAD_NONE) ? -1 : 0; \
    }                                                                                          \
    static int setup_##cipher##_cfb(void)                                                      \
    {                                                                                          \
        return gost_cfb_init(&mode_ctx, ID, bench_key, GOST_ENCRYPT, bench_iv, N, N) ? -1 : 0; \
    }                                                                                          \
    static int setup_##cipher##_ofb(void)                                                      \
    {                                                                                          \
        return gost_ofb_init(&mode_ctx, ID, bench_key, bench_iv, N, N) ? -1 : 0;               \
    }                                                                                          \
    static int setup_##cipher##_omac(void)                                                     \
    {                                                                                          \
        return gost_mac_init(&mac_ctx, ID, bench_key) ? -1 : 0;                                \
    }                                                                                          \
    static int setup_##cipher##_mgm(void)                                                      \
    {                                                                                          \
        return gost_mgm_init(&mgm_ctx, ID, bench_key, bench_iv, N, N, 0) ? -1 : 0;             \
    }                                                                                          \
    static int setup_##cipher##_ctr_acpkm(void)                                                \
    {                                                                                          \
        size_t section = N == 16 ? GOST_ACPKM_SECTION_KUZNYECHIK : GOST_ACPKM_SECTION_MAGMA;   \
        return gost_ctr_acpkm_init(&mode_ctx, ID, bench_key, section, bench_iv, N / 2) ? -1 : 0; \
    }

CIPHER_SETUPS(kuznyechik, GOST_CIPHER_KUZNYECHIK, 16)
CIPHER_SETUPS(magma, GOST_CIPHER_MAGMA, 8)

/* ---- OpenSSL ------------------------------------------------------------- */

static int ossl_cipher(const char *name, int enc, size_t key_mesh, size_t size, size_t iters)
{
    return bench_ossl_cipher(name, enc, key_mesh, bench_key, bench_iv, size, iters);
}

/* gostprov's MACs fetch their cipher from the default library context. */
static int ossl_mac(const char *name, size_t tag, size_t size, size_t iters)
{
    static int loaded;
    if (!loaded) {
        if (OSSL_PROVIDER_load(NULL, "gostprov") == NULL || OSSL_PROVIDER_load(NULL, "default") == NULL)
            return -1;
        loaded = 1;
    }
    return bench_ossl_mac(NULL, name, tag, bench_key, size, iters);
}

#define OSSL_ROWS(fn, ...)                                                                     \
    static int fn(size_t size, size_t iters)                                                   \
    {                                                                                          \
        return __VA_ARGS__;                                                                    \
    }

OSSL_ROWS(ossl_kuz_ctr, ossl_cipher("kuznyechik-ctr", 1, 0, size, iters))
OSSL_ROWS(ossl_kuz_cbc_enc, ossl_cipher("kuznyechik-cbc", 1, 0, size, iters))
OSSL_ROWS(ossl_kuz_cbc_dec, ossl_cipher("kuznyechik-cbc", 0, 0, size, iters))
OSSL_ROWS(ossl_kuz_cfb, ossl_cipher("kuznyechik-cfb", 1, 0, size, iters))
OSSL_ROWS(ossl_kuz_ofb, ossl_cipher("kuznyechik-ofb", 1, 0, size, iters))
OSSL_ROWS(ossl_kuz_omac, ossl_mac("kuznyechik-mac", 16, size, iters))
OSSL_ROWS(ossl_kuz_ctr_acpkm, ossl_cipher("kuznyechik-ctr-acpkm", 1, GOST_ACPKM_SECTION_KUZNYECHIK, size, iters))
OSSL_ROWS(ossl_magma_ctr, ossl_cipher("magma-ctr", 1, 0, size, iters))
OSSL_ROWS(ossl_magma_cbc_enc, ossl_cipher("magma-cbc", 1, 0, size, iters))
OSSL_ROWS(ossl_magma_cbc_dec, ossl_cipher("magma-cbc", 0, 0, size, iters))
OSSL_ROWS(ossl_magma_omac, ossl_mac("magma-mac", 8, size, iters))
/* MGM's block-cipher work is two counter streams (gamma and H). */
OSSL_ROWS(ossl_kuz_mgm_bound, ossl_cipher("kuznyechik-ctr", 1, 0, size, 2 * iters))
OSSL_ROWS(ossl_magma_mgm_bound, ossl_cipher("magma-ctr", 1, 0, size, 2 * iters))
OSSL_ROWS(ossl_magma_ctr_acpkm, ossl_cipher("magma-ctr-acpkm", 1, GOST_ACPKM_SECTION_MAGMA, size, iters))

BENCH_ROW(kuz_ctr, {"kuznyechik-ctr", 1, setup_kuznyechik_ctr, ours_stream, ossl_kuz_ctr, NULL})
BENCH_ROW(kuz_cbc_enc, {"kuznyechik-cbc-enc", 1, setup_kuznyechik_cbc_enc, ours_stream, ossl_kuz_cbc_enc, NULL})
BENCH_ROW(kuz_cbc_dec, {"kuznyechik-cbc-dec", 1, setup_kuznyechik_cbc_dec, ours_stream, ossl_kuz_cbc_dec, NULL})
BENCH_ROW(kuz_cfb, {"kuznyechik-cfb", 1, setup_kuznyechik_cfb, ours_stream, ossl_kuz_cfb, NULL})
BENCH_ROW(kuz_ofb, {"kuznyechik-ofb", 1, setup_kuznyechik_ofb, ours_stream, ossl_kuz_ofb, NULL})
BENCH_ROW(kuz_omac, {"kuznyechik-omac", 1, setup_kuznyechik_omac, ours_mac, ossl_kuz_omac, NULL})
BENCH_ROW(kuz_mgm, {"kuznyechik-mgm", 1, setup_kuznyechik_mgm, ours_mgm, NULL, ossl_kuz_mgm_bound})
BENCH_ROW(kuz_ctr_acpkm, {"kuznyechik-ctr-acpkm", 1, setup_kuznyechik_ctr_acpkm, ours_stream, ossl_kuz_ctr_acpkm, NULL})
BENCH_ROW(magma_ctr, {"magma-ctr", 1, setup_magma_ctr, ours_stream, ossl_magma_ctr, NULL})
BENCH_ROW(magma_cbc_enc, {"magma-cbc-enc", 1, setup_magma_cbc_enc, ours_stream, ossl_magma_cbc_enc, NULL})
BENCH_ROW(magma_cbc_dec, {"magma-cbc-dec", 1, setup_magma_cbc_dec, ours_stream, ossl_magma_cbc_dec, NULL})
BENCH_ROW(magma_cfb, {"magma-cfb", 1, setup_magma_cfb, ours_stream, NULL, NULL})
BENCH_ROW(magma_ofb, {"magma-ofb", 1, setup_magma_ofb, ours_stream, NULL, NULL})
BENCH_ROW(magma_omac, {"magma-omac", 1, setup_magma_omac, ours_mac, ossl_magma_omac, NULL})
BENCH_ROW(magma_mgm, {"magma-mgm", 1, setup_magma_mgm, ours_mgm, NULL, ossl_magma_mgm_bound})
BENCH_ROW(magma_ctr_acpkm, {"magma-ctr-acpkm", 1, setup_magma_ctr_acpkm, ours_stream, ossl_magma_ctr_acpkm, NULL})
