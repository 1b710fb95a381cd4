/* PBKDF2-HMAC-SHA-256, for reading PBES2 containers only (see the header).
 * SHA-256 has no data-dependent table or branch, so the password stays
 * out of timing as in the Streebog PRF. */
#include <string.h>

#include "asn1/pbkdf2_sha256.h"
#include "gost/errors.h"
#include "gost/internal/util.h"

/* FIPS 180-4 s.4.2.2: the first 32 bits of the fractional parts of the
 * cube roots of the first 64 primes. */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* FIPS 180-4 s.5.3.3: the initial hash value. */
static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    size_t fill;
    uint64_t total;
} sha256_ctx;

static inline uint32_t ror(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

/* FIPS 180-4 s.6.2.2, one 64-byte block. */
static void block(uint32_t h[8], const uint8_t *p)
{
    uint32_t w[64], v[8];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 |
               p[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    memcpy(v, h, sizeof v);
    for (int t = 0; t < 64; t++) {
        uint32_t e = v[4], a = v[0];
        uint32_t t1 = v[7] + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & v[5]) ^ (~e & v[6])) + K[t] + w[t];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof v[0]);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        h[i] += v[i];
    gost_wipe(w, sizeof w);
    gost_wipe(v, sizeof v);
}

static void sha_init(sha256_ctx *c)
{
    memcpy(c->h, H0, sizeof H0);
    c->fill = 0;
    c->total = 0;
}

static void sha_update(sha256_ctx *c, const uint8_t *p, size_t n)
{
    c->total += n;
    while (n > 0) {
        size_t take = 64 - c->fill < n ? 64 - c->fill : n;
        memcpy(c->buf + c->fill, p, take);
        c->fill += take;
        p += take;
        n -= take;
        if (c->fill == 64) {
            block(c->h, c->buf);
            c->fill = 0;
        }
    }
}

/* FIPS 180-4 s.5.1.1 padding: 0x80, zeros, the bit length big-endian. */
static void sha_final(sha256_ctx *c, uint8_t out[32])
{
    uint64_t bits = c->total * 8;
    uint8_t pad[72] = {0x80};
    size_t padlen = (c->fill < 56 ? 56 : 120) - c->fill;
    for (int i = 0; i < 8; i++)
        pad[padlen + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha_update(c, pad, padlen + 8);
    for (int i = 0; i < 8; i++)
        for (int b = 0; b < 4; b++)
            out[4 * i + b] = (uint8_t)(c->h[i] >> (24 - 8 * b));
    gost_wipe(c, sizeof *c);
}

void gasn1_sha256(const uint8_t *msg, size_t len, uint8_t out[32])
{
    sha256_ctx c;
    sha_init(&c);
    sha_update(&c, msg, len);
    sha_final(&c, out);
}

/* The two keyed states of HMAC (RFC 2104): after K ^ ipad and K ^ opad. */
static void hmac_keyed(sha256_ctx *inner, sha256_ctx *outer, const uint8_t *key, size_t key_len)
{
    uint8_t k[64] = {0}, pad[64];
    if (key_len > 64)
        gasn1_sha256(key, key_len, k);
    else if (key_len > 0)
        memcpy(k, key, key_len);
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x36;
    sha_init(inner);
    sha_update(inner, pad, 64);
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x5c;
    sha_init(outer);
    sha_update(outer, pad, 64);
    gost_wipe(k, sizeof k);
    gost_wipe(pad, sizeof pad);
}

static void hmac_with(const sha256_ctx *inner, const sha256_ctx *outer, const uint8_t *a, size_t an,
                      const uint8_t *b, size_t bn, uint8_t mac[32])
{
    sha256_ctx c = *inner;
    uint8_t t[32];
    sha_update(&c, a, an);
    sha_update(&c, b, bn);
    sha_final(&c, t);
    c = *outer;
    sha_update(&c, t, 32);
    sha_final(&c, mac);
    gost_wipe(t, sizeof t);
}

int gasn1_pbkdf2_sha256(const void *password, size_t password_len, const uint8_t *salt,
                        size_t salt_len, uint64_t iterations, uint8_t *out, size_t out_len)
{
    if (iterations == 0 || out_len == 0 || (uint64_t)out_len > 0xffffffffull * 32)
        return GOST_ERR_BAD_LENGTH;
    sha256_ctx inner, outer;
    uint8_t u[32], t[32], ctr[4];
    hmac_keyed(&inner, &outer, password, password_len);
    for (uint32_t blk = 1; (size_t)(blk - 1) * 32 < out_len; blk++) {
        gost_store32_be(ctr, blk);
        hmac_with(&inner, &outer, salt, salt_len, ctr, 4, u);
        memcpy(t, u, 32);
        for (uint64_t i = 1; i < iterations; i++) {
            hmac_with(&inner, &outer, u, 32, NULL, 0, u);
            for (int j = 0; j < 32; j++)
                t[j] ^= u[j];
        }
        size_t off = (size_t)(blk - 1) * 32;
        memcpy(out + off, t, out_len - off < 32 ? out_len - off : 32);
    }
    gost_wipe(&inner, sizeof inner);
    gost_wipe(&outer, sizeof outer);
    gost_wipe(u, sizeof u);
    gost_wipe(t, sizeof t);
    return GOST_OK;
}
