/* gost-bench --vs-peers: the other open-source implementations of the same
 * algorithms that a user could link instead, measured beside ours in the
 * same run: nettle and libgcrypt (Debian 12: nettle 3.8, libgcrypt 1.10).
 * They have Streebog, HMAC-Streebog and GOST 28147-89, not Kuznyechik or
 * Magma. Each does the work ours does per iteration: a whole message for a
 * hash, the key and a whole message for an HMAC (as gost_hmac_streebog*),
 * a stream through one keyed context for a cipher mode. */
#include <gcrypt.h>
#include <nettle/hmac.h>
#include <nettle/streebog.h>
#include <string.h>

#include "bench.h"

static const uint8_t peer_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static const uint8_t peer_iv[8] = {0x12, 0x34, 0x56, 0x78, 0x90, 0xab, 0xce, 0xf0};

/* nettle's hash and HMAC functions are per digest size (their own context
 * types): one definition each, written out by these. */
#define NETTLE_HASH(fn, ctx_type, init, update, digest, size)  \
    static int fn(size_t n, size_t iters)                      \
    {                                                          \
        struct ctx_type c;                                     \
        for (size_t i = 0; i < iters; i++) {                   \
            init(&c);                                          \
            update(&c, n, bench_in);                           \
            digest(&c, size, bench_out);                       \
        }                                                      \
        return 0;                                              \
    }
NETTLE_HASH(peer_nettle_streebog256, streebog256_ctx, streebog256_init, streebog256_update, streebog256_digest,
            STREEBOG256_DIGEST_SIZE)
NETTLE_HASH(peer_nettle_streebog512, streebog512_ctx, streebog512_init, streebog512_update, streebog512_digest,
            STREEBOG512_DIGEST_SIZE)

/* An HMAC is keyed per message, as gost_hmac_streebog* is. */
static void peer_hmac256_init(struct hmac_streebog256_ctx *c)
{
    hmac_streebog256_set_key(c, sizeof peer_key, peer_key);
}

static void peer_hmac512_init(struct hmac_streebog512_ctx *c)
{
    hmac_streebog512_set_key(c, sizeof peer_key, peer_key);
}

NETTLE_HASH(peer_nettle_hmac_streebog256, hmac_streebog256_ctx, peer_hmac256_init, hmac_streebog256_update,
            hmac_streebog256_digest, STREEBOG256_DIGEST_SIZE)
NETTLE_HASH(peer_nettle_hmac_streebog512, hmac_streebog512_ctx, peer_hmac512_init, hmac_streebog512_update,
            hmac_streebog512_digest, STREEBOG512_DIGEST_SIZE)
#undef NETTLE_HASH

/* libgcrypt wants its version checked (which initialises it) before use. */
static int peer_gcrypt_ready(void)
{
    static int state; /* 0: not tried, 1: ready, -1: unusable */
    if (state == 0) {
        state = gcry_check_version(NULL) != NULL ? 1 : -1;
        if (state == 1) {
            gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
            gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
        }
    }
    return state == 1;
}

static int peer_gcrypt_hash(int algo, size_t n, size_t iters)
{
    if (!peer_gcrypt_ready())
        return -1;
    for (size_t i = 0; i < iters; i++)
        gcry_md_hash_buffer(algo, bench_out, bench_in, n);
    return 0;
}

static int peer_gcrypt_streebog256(size_t n, size_t iters)
{
    return peer_gcrypt_hash(GCRY_MD_STRIBOG256, n, iters);
}

static int peer_gcrypt_streebog512(size_t n, size_t iters)
{
    return peer_gcrypt_hash(GCRY_MD_STRIBOG512, n, iters);
}

static int peer_gcrypt_hmac(int algo, size_t tag, size_t n, size_t iters)
{
    gcry_mac_hd_t h;
    if (!peer_gcrypt_ready() || gcry_mac_open(&h, algo, 0, NULL) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < iters && rc == 0; i++) {
        size_t len = tag;
        if (gcry_mac_setkey(h, peer_key, sizeof peer_key) != 0 || gcry_mac_write(h, bench_in, n) != 0 ||
            gcry_mac_read(h, bench_out, &len) != 0)
            rc = -1;
    }
    gcry_mac_close(h);
    return rc;
}

static int peer_gcrypt_hmac_streebog256(size_t n, size_t iters)
{
    return peer_gcrypt_hmac(GCRY_MAC_HMAC_STRIBOG256, 32, n, iters);
}

static int peer_gcrypt_hmac_streebog512(size_t n, size_t iters)
{
    return peer_gcrypt_hmac(GCRY_MAC_HMAC_STRIBOG512, 64, n, iters);
}

/* One keyed GOST 28147-89 handle per mode, made on first use and kept. */
static int peer_gcrypt_gost28147(int mode, size_t n, size_t iters)
{
    static gcry_cipher_hd_t handles[2];
    static int made[2];
    int k = mode == GCRY_CIPHER_MODE_CTR ? 0 : 1;
    if (!made[k]) {
        if (!peer_gcrypt_ready() || gcry_cipher_open(&handles[k], GCRY_CIPHER_GOST28147, mode, 0) != 0)
            return -1;
        if (gcry_cipher_setkey(handles[k], peer_key, sizeof peer_key) != 0 ||
            (mode == GCRY_CIPHER_MODE_CTR ? gcry_cipher_setctr(handles[k], peer_iv, sizeof peer_iv)
                                          : gcry_cipher_setiv(handles[k], peer_iv, sizeof peer_iv)) != 0) {
            gcry_cipher_close(handles[k]);
            return -1;
        }
        made[k] = 1;
    }
    for (size_t i = 0; i < iters; i++)
        if (gcry_cipher_encrypt(handles[k], bench_out, n, bench_in, n) != 0)
            return -1;
    return 0;
}

/* libgcrypt has no CNT (GOST 28147-89 s.3's counter with the C1, C2
 * constants); its CTR mode costs the same: one block encryption and an
 * addition per 8 bytes. */
static int peer_gcrypt_gost28147_ctr(size_t n, size_t iters)
{
    return peer_gcrypt_gost28147(GCRY_CIPHER_MODE_CTR, n, iters);
}

static int peer_gcrypt_gost28147_cfb(size_t n, size_t iters)
{
    return peer_gcrypt_gost28147(GCRY_CIPHER_MODE_CFB, n, iters);
}

const char *const bench_peer_names[BENCH_PEERS] = {"nettle", "libgcrypt"};

static const struct {
    const char *row;
    int (*fn[BENCH_PEERS])(size_t, size_t);
} peers[] = {
    {"streebog256", {peer_nettle_streebog256, peer_gcrypt_streebog256}},
    {"streebog256-public", {peer_nettle_streebog256, peer_gcrypt_streebog256}},
    {"streebog512", {peer_nettle_streebog512, peer_gcrypt_streebog512}},
    {"streebog512-public", {peer_nettle_streebog512, peer_gcrypt_streebog512}},
    {"hmac-streebog256", {peer_nettle_hmac_streebog256, peer_gcrypt_hmac_streebog256}},
    {"hmac-streebog512", {peer_nettle_hmac_streebog512, peer_gcrypt_hmac_streebog512}},
    {"gost28147-cnt", {NULL, peer_gcrypt_gost28147_ctr}},
    {"gost28147-cfb", {NULL, peer_gcrypt_gost28147_cfb}},
};

int bench_peers_of(const char *row, int (*fn[BENCH_PEERS])(size_t, size_t))
{
    for (size_t i = 0; i < sizeof peers / sizeof peers[0]; i++)
        if (strcmp(peers[i].row, row) == 0) {
            memcpy(fn, peers[i].fn, sizeof peers[i].fn);
            return 1;
        }
    return 0;
}
