/* The encryption layer of the token store.
 *
 * A random 32-byte token key seals every private or secret value at rest with
 * Kuznyechik-MGM (R 1323565.1.026-2019): a fresh random 16-byte nonce with its
 * top bit cleared (MGM requires it), the caller's associated data (the
 * object's identity, so a sealed value cannot be moved to another object),
 * and a full 16-byte tag: out = nonce || ciphertext || tag.
 *
 * The token key itself is kept wrapped under a key derived from each PIN
 * with PBKDF2-HMAC-Streebog-512 (R 50.1.111-2016) and a random salt: the
 * wrap is the same seal, so exactly the right PIN opens it (a wrong PIN
 * fails MGM's tag check), and a copy of the store without a PIN reveals no
 * private or secret value. */
#include <string.h>

#include "gost/mgm.h"
#include "gost/pbkdf2.h"
#include "gost/rand.h"
#include "gost/util.h"
#include "p11.h"
#include "p11_have.h"

#define NONCE_SIZE 16
#define TAG_SIZE 16
/* PBKDF2 rounds for a new PIN wrap (stored beside the salt, so it can be
 * raised later without breaking existing tokens); about 0.1 s per login. */
#define PIN_ITERATIONS 2000
#define MAX_ITERATIONS 10000000u

/* Associated data of the wrapped token key: binds the wrap to its use. */
static const uint8_t wrap_ad[] = "libgost token key";

bool p11_seal_available(void)
{
    return true;
}

CK_RV p11_seal(const uint8_t key[P11_TOKEN_KEY_SIZE], const uint8_t *ad, size_t ad_len,
               const uint8_t *in, size_t len, uint8_t *out)
{
    uint8_t *nonce = out, *ct = out + NONCE_SIZE, *tag = out + NONCE_SIZE + len;
    if (gost_random_bytes(nonce, NONCE_SIZE) != GOST_OK)
        return CKR_DEVICE_ERROR;
    nonce[0] &= 0x7f;
    if (gost_mgm_encrypt(GOST_CIPHER_KUZNYECHIK, key, nonce, NONCE_SIZE, ad, ad_len, in, len, ct,
                         tag, TAG_SIZE) != GOST_OK) {
        gost_wipe(out, len + P11_SEAL_OVERHEAD);
        return CKR_DEVICE_ERROR;
    }
    return CKR_OK;
}

CK_RV p11_unseal(const uint8_t key[P11_TOKEN_KEY_SIZE], const uint8_t *ad, size_t ad_len,
                 const uint8_t *in, size_t len, uint8_t *out)
{
    if (len < P11_SEAL_OVERHEAD)
        return CKR_DATA_INVALID;
    size_t n = len - P11_SEAL_OVERHEAD;
    int rc = gost_mgm_decrypt(GOST_CIPHER_KUZNYECHIK, key, in, NONCE_SIZE, ad, ad_len,
                              in + NONCE_SIZE, n, in + NONCE_SIZE + n, TAG_SIZE, out);
    if (rc == GOST_OK)
        return CKR_OK;
    /* a stored nonce with its top bit set is as corrupt as a wrong tag */
    return rc == GOST_ERR_AUTH || rc == GOST_ERR_INVALID_ARGUMENT ? CKR_ENCRYPTED_DATA_INVALID
                                                                   : CKR_DEVICE_ERROR;
}

static CK_RV pin_key(const struct p11_pin_slot *slot, const uint8_t *pin, size_t pin_len,
                     uint8_t kek[P11_TOKEN_KEY_SIZE])
{
    if (slot->iterations == 0 || slot->iterations > MAX_ITERATIONS)
        return CKR_DEVICE_ERROR; /* a damaged store, not a wrong PIN */
    return gost_pbkdf2_streebog512(pin, pin_len, slot->salt, sizeof slot->salt, slot->iterations,
                                   kek, P11_TOKEN_KEY_SIZE) == GOST_OK
               ? CKR_OK
               : CKR_DEVICE_ERROR;
}

CK_RV p11_seal_wrap_key(struct p11_pin_slot *slot, const uint8_t *pin, size_t pin_len,
                        const uint8_t key[P11_TOKEN_KEY_SIZE])
{
    struct p11_pin_slot fresh;
    uint8_t kek[P11_TOKEN_KEY_SIZE];
    memset(&fresh, 0, sizeof fresh);
    fresh.iterations = PIN_ITERATIONS;
    fresh.wrapped_len = P11_TOKEN_KEY_SIZE + P11_SEAL_OVERHEAD;
    CK_RV rv = gost_random_bytes(fresh.salt, sizeof fresh.salt) == GOST_OK ? CKR_OK
                                                                           : CKR_DEVICE_ERROR;
    if (rv == CKR_OK)
        rv = pin_key(&fresh, pin, pin_len, kek);
    if (rv == CKR_OK)
        rv = p11_seal(kek, wrap_ad, sizeof wrap_ad, key, P11_TOKEN_KEY_SIZE, fresh.wrapped);
    if (rv == CKR_OK)
        *slot = fresh; /* the old wrap stays until the new one is complete */
    gost_wipe(kek, sizeof kek);
    gost_wipe(&fresh, sizeof fresh);
    return rv;
}

CK_RV p11_seal_unwrap_key(const struct p11_pin_slot *slot, const uint8_t *pin, size_t pin_len,
                          uint8_t key[P11_TOKEN_KEY_SIZE])
{
    uint8_t kek[P11_TOKEN_KEY_SIZE];
    if (slot->wrapped_len != P11_TOKEN_KEY_SIZE + P11_SEAL_OVERHEAD)
        return slot->wrapped_len == 0 ? CKR_USER_PIN_NOT_INITIALIZED : CKR_DEVICE_ERROR;
    CK_RV rv = pin_key(slot, pin, pin_len, kek);
    if (rv == CKR_OK) {
        rv = p11_unseal(kek, wrap_ad, sizeof wrap_ad, slot->wrapped, slot->wrapped_len, key);
        if (rv == CKR_ENCRYPTED_DATA_INVALID)
            rv = CKR_PIN_INCORRECT;
    }
    gost_wipe(kek, sizeof kek);
    return rv;
}
