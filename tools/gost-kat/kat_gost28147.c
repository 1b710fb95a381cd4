/* Known-answer handlers for GOST 28147-89 (vectors/gost28147.txt):
 *  - gost28147-ecb: sbox, key, plaintext, ciphertext (whole blocks), both
 *    directions, all at once, block by block and in place;
 *  - gost28147-cfb, gost28147-cnt: sbox, key, iv, meshing, plaintext and
 *    ciphertext (encrypted in one call and in uneven pieces, decrypted
 *    back), or zeros = N and ciphertext_tail (the last 16 bytes);
 *  - gost28147-imit: sbox, key, meshing, data or zeros = N, tag (one call
 *    and uneven pieces).
 * sbox is the parameter set's name as in RFC 4357 s.11.2. */
#include <stdlib.h>
#include <string.h>

#include "gost/gost28147.h"
#include "kat.h"

#define ZERO_CHUNK 4096

/* Piece sizes for streaming: uneven, crossing block boundaries. */
static const size_t pieces[] = {1, 7, 3, 8, 13, 2, 64, 5, 17, 1024, 9};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static int sbox_of(const kat_record *r, gost28147_sbox *s, char *why, size_t whylen)
{
    const char *name = kat_text(r, "sbox");
    for (int id = 1; name != NULL && gost28147_sbox_name((gost28147_sbox)id) != NULL; id++)
        if (strcmp(name, gost28147_sbox_name((gost28147_sbox)id)) == 0) {
            *s = (gost28147_sbox)id;
            return KAT_PASS;
        }
    return kat_failf(why, whylen, "unknown or missing 'sbox'");
}

static int key_of(const kat_record *r, const uint8_t **key, char *why, size_t whylen)
{
    size_t len;
    *key = kat_bytes(r, "key", &len);
    return *key != NULL && len == 32 ? KAT_PASS : kat_failf(why, whylen, "record lacks a 32-byte 'key'");
}

static int check_ecb(const kat_record *r, char *why, size_t whylen)
{
    gost28147_sbox s;
    const uint8_t *key;
    size_t plen, clen;
    const uint8_t *pt = kat_bytes(r, "plaintext", &plen), *ct = kat_bytes(r, "ciphertext", &clen);
    if (sbox_of(r, &s, why, whylen) || key_of(r, &key, why, whylen))
        return KAT_FAIL;
    if (pt == NULL || ct == NULL || plen != clen || plen % 8 != 0)
        return kat_failf(why, whylen, "plaintext and ciphertext must be equal whole blocks");
    gost28147_key k;
    uint8_t *out = malloc(plen + 1);
    int rc = KAT_FAIL;
    if (out == NULL || gost28147_set_key(&k, s, key) != GOST_OK)
        goto done;
    for (int dir = 0; dir < 2; dir++) {
        const uint8_t *in = dir ? ct : pt;
        const char *want = dir ? "plaintext" : "ciphertext";
        int (*fn)(const gost28147_key *, const uint8_t *, uint8_t *, size_t) =
            dir ? gost28147_decrypt_blocks : gost28147_encrypt_blocks;
        fn(&k, in, out, plen / 8);
        if (kat_expect(r, want, out, plen, why, whylen) != KAT_PASS)
            goto done;
        memset(out, 0, plen);
        for (size_t i = 0; i < plen; i += 8)
            fn(&k, in + i, out + i, 1);
        if (kat_expect(r, want, out, plen, why, whylen) != KAT_PASS)
            goto done;
        memcpy(out, in, plen);
        fn(&k, out, out, plen / 8);
        if (kat_expect(r, want, out, plen, why, whylen) != KAT_PASS)
            goto done;
    }
    rc = KAT_PASS;
done:
    gost28147_wipe_key(&k);
    free(out);
    return rc;
}

typedef struct stream_params {
    gost28147_mode mode;
    gost28147_sbox sbox;
    const uint8_t *key, *iv;
    int meshing;
} stream_params;

/* len bytes of in through a fresh context, in one call (split = 0) or in
 * the uneven pieces. */
static int run_stream(const stream_params *p, int encrypt, const uint8_t *in, size_t len,
                      uint8_t *out, int split)
{
    gost28147_ctx c;
    if (gost28147_init(&c, p->mode, encrypt, p->sbox, p->key, p->iv, p->meshing) != GOST_OK)
        return -1;
    for (size_t off = 0, i = 0; off < len; i++) {
        size_t n = split ? pieces[i % NPIECES] : len;
        n = n < len - off ? n : len - off;
        if (gost28147_update(&c, in + off, n, out + off, NULL) != GOST_OK)
            return -1;
        off += n;
    }
    return gost28147_final(&c) == GOST_OK ? 0 : -1;
}

static int check_stream_zeros(const kat_record *r, const stream_params *p, uint64_t n,
                              char *why, size_t whylen)
{
    static const uint8_t zeros[ZERO_CHUNK];
    uint8_t out[ZERO_CHUNK], tail[16];
    gost28147_ctx c;
    if (n < 16 || gost28147_init(&c, p->mode, 1, p->sbox, p->key, p->iv, p->meshing) != GOST_OK)
        return kat_failf(why, whylen, "zeros must be at least 16, init must succeed");
    for (uint64_t off = 0, i = 0; off < n; i++) {
        /* Uneven chunks: the stream crosses block and meshing boundaries at odd offsets. */
        size_t step = ZERO_CHUNK - (size_t)(i % 7) * 3;
        if (step > n - off)
            step = (size_t)(n - off);
        gost28147_update(&c, zeros, step, out, NULL);
        off += step;
        if (step >= 16) {
            memcpy(tail, out + step - 16, 16);
        } else {
            memmove(tail, tail + step, 16 - step);
            memcpy(tail + 16 - step, out, step);
        }
    }
    gost28147_final(&c);
    return kat_expect(r, "ciphertext_tail", tail, 16, why, whylen);
}

static int check_stream(const kat_record *r, gost28147_mode mode, char *why, size_t whylen)
{
    stream_params p = {mode, 0, NULL, NULL, 0};
    size_t ivlen, plen, clen;
    uint64_t meshing = 0, zeros;
    if (sbox_of(r, &p.sbox, why, whylen) || key_of(r, &p.key, why, whylen))
        return KAT_FAIL;
    p.iv = kat_bytes(r, "iv", &ivlen);
    if (p.iv == NULL || ivlen != 8)
        return kat_failf(why, whylen, "record lacks an 8-byte 'iv'");
    if (kat_has(r, "meshing") && (kat_uint(r, "meshing", &meshing) != 0 || meshing > 1))
        return kat_failf(why, whylen, "meshing must be 0 or 1");
    p.meshing = (int)meshing;
    if (kat_uint(r, "zeros", &zeros) == 0)
        return check_stream_zeros(r, &p, zeros, why, whylen);
    const uint8_t *pt = kat_bytes(r, "plaintext", &plen), *ct = kat_bytes(r, "ciphertext", &clen);
    if (pt == NULL || ct == NULL || plen != clen)
        return kat_failf(why, whylen, "plaintext and ciphertext must have one length");
    uint8_t *out = malloc(plen + 1);
    int rc = KAT_FAIL;
    if (out == NULL)
        return kat_failf(why, whylen, "out of memory");
    for (int split = 0; split < 2; split++) {
        if (run_stream(&p, 1, pt, plen, out, split) != 0)
            break;
        if (kat_expect(r, "ciphertext", out, plen, why, whylen) != KAT_PASS)
            break;
        if (run_stream(&p, 0, ct, clen, out, split) != 0)
            break;
        if (kat_expect(r, "plaintext", out, plen, why, whylen) != KAT_PASS)
            break;
        rc = split ? KAT_PASS : KAT_FAIL;
    }
    if (rc != KAT_PASS && why[0] == '\0')
        kat_failf(why, whylen, "a call failed");
    free(out);
    return rc;
}

static int check_cfb(const kat_record *r, char *why, size_t whylen)
{
    return check_stream(r, GOST28147_MODE_CFB, why, whylen);
}

static int check_cnt(const kat_record *r, char *why, size_t whylen)
{
    return check_stream(r, GOST28147_MODE_CNT, why, whylen);
}

static int check_imit(const kat_record *r, char *why, size_t whylen)
{
    static const uint8_t zero_chunk[ZERO_CHUNK];
    gost28147_sbox s;
    const uint8_t *key;
    size_t dlen, tlen;
    uint64_t meshing = 0, zeros = 0;
    const uint8_t *want = kat_bytes(r, "tag", &tlen);
    if (sbox_of(r, &s, why, whylen) || key_of(r, &key, why, whylen))
        return KAT_FAIL;
    if (want == NULL || tlen < 1 || tlen > GOST28147_IMIT_MAX)
        return kat_failf(why, whylen, "record lacks a 1..4-byte 'tag'");
    if (kat_has(r, "meshing") && (kat_uint(r, "meshing", &meshing) != 0 || meshing > 1))
        return kat_failf(why, whylen, "meshing must be 0 or 1");
    const uint8_t *data = kat_bytes(r, "data", &dlen);
    int by_zeros = kat_uint(r, "zeros", &zeros) == 0;
    if (data == NULL && !by_zeros)
        return kat_failf(why, whylen, "record lacks 'data' or 'zeros'");
    uint8_t tag[GOST28147_IMIT_MAX];
    for (int split = 0; split < 2; split++) {
        gost28147_imit_ctx c;
        if (gost28147_imit_init(&c, s, key, NULL, (int)meshing) != GOST_OK)
            return kat_failf(why, whylen, "init failed");
        uint64_t total = by_zeros ? zeros : dlen;
        for (uint64_t off = 0, i = 0; off < total; i++) {
            size_t n = split ? pieces[i % NPIECES] : ZERO_CHUNK;
            if (!by_zeros && !split)
                n = dlen;
            if (n > total - off)
                n = (size_t)(total - off);
            gost28147_imit_update(&c, by_zeros ? zero_chunk : data + off, n);
            off += n;
        }
        if (gost28147_imit_final(&c, tag, tlen) != GOST_OK)
            return kat_failf(why, whylen, "final failed");
        if (kat_expect(r, "tag", tag, tlen, why, whylen) != KAT_PASS)
            return KAT_FAIL;
    }
    return KAT_PASS;
}

KAT_HANDLER(gost28147_ecb, check_ecb)
KAT_HANDLER(gost28147_cfb, check_cfb)
KAT_HANDLER(gost28147_cnt, check_cnt)
KAT_HANDLER(gost28147_imit, check_imit)
