/* The Cryptoki store's parsers (cryptoki/p11_codec.c) and the key-format
 * decoders (cryptoki/p11_keyfmt.c) on any bytes: a store file damaged or
 * forged on disk must be rejected cleanly, never crash or read out of bounds.
 * What decodes must re-encode and decode to the same content. The first byte
 * selects the parser. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* The module's own sources, built into the harness (no library exports them). */
#include "../../cryptoki/p11_attrs.c"
#include "../../cryptoki/p11_codec.c"
#include "../../cryptoki/p11_keyfmt.c"

static void attrs_round_trip(const uint8_t *in, size_t len)
{
    struct p11_attrs a = {0}, b = {0};
    uint8_t *enc = NULL;
    size_t enc_len = 0;
    if (p11_codec_attrs_decode(in, len, &a) == CKR_OK) {
        FUZZ_CHECK(p11_codec_attrs_encode(&a, &enc, &enc_len) == CKR_OK);
        FUZZ_CHECK(p11_codec_attrs_decode(enc, enc_len, &b) == CKR_OK);
        FUZZ_CHECK(a.n == b.n);
        for (size_t i = 0; i < a.n; i++) {
            FUZZ_CHECK(a.v[i].type == b.v[i].type && a.v[i].len == b.v[i].len);
            FUZZ_CHECK(a.v[i].len == 0 || memcmp(a.v[i].val, b.v[i].val, a.v[i].len) == 0);
        }
        free(enc);
    }
    p11_attrs_free(&a);
    p11_attrs_free(&b);
}

static void meta_round_trip(const uint8_t *in, size_t len)
{
    struct p11_token_meta m, m2;
    uint64_t gen, gen2;
    uint8_t *enc;
    size_t enc_len;
    if (p11_codec_meta_decode(in, len, &m, &gen) != CKR_OK)
        return;
    FUZZ_CHECK(p11_codec_meta_encode(&m, gen, &enc, &enc_len) == CKR_OK);
    FUZZ_CHECK(enc_len == len && memcmp(enc, in, len) == 0);
    FUZZ_CHECK(p11_codec_meta_decode(enc, enc_len, &m2, &gen2) == CKR_OK && gen2 == gen);
    free(enc);
}

static void object_round_trip(const uint8_t *in, size_t len)
{
    struct p11_stored_object o, o2;
    uint8_t *enc;
    size_t enc_len;
    if (p11_codec_object_decode(in, len, &o) != CKR_OK)
        return;
    FUZZ_CHECK(p11_codec_object_encode(&o, &enc, &enc_len) == CKR_OK);
    FUZZ_CHECK(p11_codec_object_decode(enc, enc_len, &o2) == CKR_OK);
    FUZZ_CHECK(o2.id == o.id && o2.sealed_len == o.sealed_len && o2.plain.n == o.plain.n);
    free(enc);
    free(o.sealed);
    free(o2.sealed);
    p11_attrs_free(&o.plain);
    p11_attrs_free(&o2.plain);
}

static void keyfmt(const uint8_t *in, size_t len)
{
    int curve;
    uint8_t q[128], der[16];
    if (p11_curve_from_der(in, len, &curve) == CKR_OK) {
        size_t n = p11_curve_to_der(curve, der);
        FUZZ_CHECK(n > 0);
        FUZZ_CHECK(p11_curve_from_der(der, n, &(int){0}) == CKR_OK);
    }
    (void)p11_pubkey_decode(in, len, 32, q);
    (void)p11_pubkey_decode(in, len, 64, q);
}

FUZZ_HARNESS(p11_codec)
{
    if (size == 0)
        return;
    switch (data[0] % 4) {
    case 0:
        attrs_round_trip(data + 1, size - 1);
        break;
    case 1:
        meta_round_trip(data + 1, size - 1);
        break;
    case 2:
        object_round_trip(data + 1, size - 1);
        break;
    default:
        keyfmt(data + 1, size - 1);
        break;
    }
}
