/* KExp15 / KImp15 (R 1323565.1.017-2018; RFC 9189 s.8.2.1): CTR under
 * K_enc of K || OMAC_{K_mac}(IV || K), both streamed so any key length
 * works without a buffer. */
#include <string.h>

#include "ec_declassify.h"
#include "gost/kexp15.h"
#include "gost/modes.h"
#include "internal/modes.h"
#include "internal/util.h"

static size_t block_size_of(gost_cipher_id id)
{
    return id == GOST_CIPHER_KUZNYECHIK ? 16 : id == GOST_CIPHER_MAGMA ? 8 : 0;
}

/* OMAC(K_mac, IV || key), n bytes. */
static int mac_of(gost_cipher_id id, const uint8_t *k_mac, const uint8_t *iv, size_t iv_len,
                  const uint8_t *key, size_t key_len, uint8_t *mac, size_t n)
{
    gost_mac_ctx m;
    int rc = gost_mac_init(&m, id, k_mac);
    if (rc == GOST_OK)
        rc = gost_mac_update(&m, iv, iv_len);
    if (rc == GOST_OK)
        rc = gost_mac_update(&m, key, key_len);
    if (rc == GOST_OK)
        return gost_mac_final(&m, mac, n);
    gost_mac_wipe(&m);
    return rc;
}

static int check(gost_cipher_id id, const uint8_t *k_mac, const uint8_t *k_enc, const uint8_t *iv,
                 size_t iv_len, const uint8_t *in, const uint8_t *out, const size_t *out_len)
{
    size_t n = block_size_of(id);
    if (n == 0 || k_mac == NULL || k_enc == NULL || iv == NULL || in == NULL || out == NULL ||
        out_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (iv_len != n / 2)
        return GOST_ERR_BAD_LENGTH;
    return GOST_OK;
}

int gost_kexp15(gost_cipher_id id, const uint8_t k_mac[32], const uint8_t k_enc[32], const uint8_t *iv,
                size_t iv_len, const uint8_t *key, size_t key_len, uint8_t *out, size_t out_size,
                size_t *out_len)
{
    uint8_t mac[GOST_CIPHER_MAX_BLOCK_SIZE];
    gost_mode_ctx ctr;
    size_t n = block_size_of(id), a = 0, b = 0;
    int rc = check(id, k_mac, k_enc, iv, iv_len, key, out, out_len);
    if (rc != GOST_OK)
        return rc;
    if (key_len == 0 || key_len > SIZE_MAX - n)
        return GOST_ERR_BAD_LENGTH;
    if (out_size < key_len + n)
        return GOST_ERR_BUFFER_TOO_SMALL;
    if (gost_overlap_partial(key, key_len, out, key_len + n) || (key == out))
        return GOST_ERR_INVALID_ARGUMENT;
    rc = mac_of(id, k_mac, iv, iv_len, key, key_len, mac, n);
    if (rc == GOST_OK)
        rc = gost_ctr_init(&ctr, id, k_enc, iv, iv_len, n);
    if (rc == GOST_OK)
        rc = gost_mode_update(&ctr, key, key_len, out, key_len, &a);
    if (rc == GOST_OK)
        rc = gost_mode_update(&ctr, mac, n, out + key_len, n, &b);
    gost_mode_wipe(&ctr);
    gost_wipe(mac, sizeof mac);
    if (rc != GOST_OK) {
        gost_wipe(out, key_len + n);
        return rc;
    }
    *out_len = key_len + n;
    return GOST_OK;
}

int gost_kimp15(gost_cipher_id id, const uint8_t k_mac[32], const uint8_t k_enc[32], const uint8_t *iv,
                size_t iv_len, const uint8_t *wrapped, size_t wrapped_len, uint8_t *key, size_t key_size,
                size_t *key_len)
{
    uint8_t mac[GOST_CIPHER_MAX_BLOCK_SIZE], want[GOST_CIPHER_MAX_BLOCK_SIZE];
    gost_mode_ctx ctr;
    size_t n = block_size_of(id), a = 0, b = 0;
    int rc = check(id, k_mac, k_enc, iv, iv_len, wrapped, key, key_len);
    if (rc != GOST_OK)
        return rc;
    if (wrapped_len <= n)
        return GOST_ERR_BAD_LENGTH;
    size_t klen = wrapped_len - n;
    if (key_size < klen)
        return GOST_ERR_BUFFER_TOO_SMALL;
    if (gost_overlap_partial(wrapped, wrapped_len, key, klen))
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gost_ctr_init(&ctr, id, k_enc, iv, iv_len, n);
    if (rc == GOST_OK)
        rc = gost_mode_update(&ctr, wrapped, klen, key, klen, &a);
    if (rc == GOST_OK)
        rc = gost_mode_update(&ctr, wrapped + klen, n, mac, n, &b);
    if (rc == GOST_OK)
        rc = mac_of(id, k_mac, iv, iv_len, key, klen, want, n);
    /* the verdict is public; the MACs are not */
    if (rc == GOST_OK && !ec_declassify_int(gost_ct_equal(mac, want, n)))
        rc = GOST_ERR_AUTH;
    gost_mode_wipe(&ctr);
    gost_wipe(mac, sizeof mac);
    gost_wipe(want, sizeof want);
    if (rc != GOST_OK) {
        gost_wipe(key, klen);
        return rc;
    }
    *key_len = klen;
    return GOST_OK;
}
