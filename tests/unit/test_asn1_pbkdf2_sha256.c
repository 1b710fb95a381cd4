/* PBKDF2-HMAC-SHA-256 of lib/asn1 (read-only PRF for OpenSSL-written PBES2):
 * known answers from FIPS 180-2 Appendix B.1 / RFC 7914 s.11, and a
 * differential test against OpenSSL on random inputs. */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "asn1/pbkdf2_sha256.h"
#include "gost/errors.h"

static void unhex(uint8_t *out, const char *hex)
{
    for (size_t i = 0; hex[2 * i]; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

Test(asn1_pbkdf2_sha256, known_answers)
{
    uint8_t d[32], want[64], out[64];
    /* FIPS 180-2 Appendix B.1: SHA-256("abc") */
    gasn1_sha256((const uint8_t *)"abc", 3, d);
    unhex(want, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    cr_assert_eq(memcmp(d, want, 32), 0);
    /* RFC 7914 s.11: PBKDF2-HMAC-SHA256(P = "passwd", S = "salt", c = 1, dkLen = 64) */
    cr_assert_eq(gasn1_pbkdf2_sha256("passwd", 6, (const uint8_t *)"salt", 4, 1, out, 64), GOST_OK);
    unhex(want, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    cr_assert_eq(memcmp(out, want, 64), 0);
}

Test(asn1_pbkdf2_sha256, agrees_with_openssl)
{
    srand(7);
    for (int i = 0; i < 200; i++) {
        uint8_t pw[150], salt[80], a[100], b[100];
        size_t pl = (size_t)rand() % sizeof pw, sl = (size_t)rand() % sizeof salt;
        size_t ol = 1 + (size_t)rand() % sizeof a;
        unsigned iters = 1 + (unsigned)rand() % 5;
        for (size_t j = 0; j < pl; j++)
            pw[j] = (uint8_t)rand();
        for (size_t j = 0; j < sl; j++)
            salt[j] = (uint8_t)rand();
        cr_assert_eq(gasn1_pbkdf2_sha256(pw, pl, salt, sl, iters, a, ol), GOST_OK);
        cr_assert_eq(PKCS5_PBKDF2_HMAC((const char *)pw, (int)pl, salt, (int)sl, (int)iters,
                                       EVP_sha256(), (int)ol, b), 1);
        cr_assert_eq(memcmp(a, b, ol), 0, "case %d (pw %zu salt %zu out %zu)", i, pl, sl, ol);
    }
    uint8_t o[4];
    cr_assert_eq(gasn1_pbkdf2_sha256("p", 1, NULL, 0, 0, o, 4), GOST_ERR_BAD_LENGTH);
    cr_assert_eq(gasn1_pbkdf2_sha256("p", 1, NULL, 0, 1, o, 0), GOST_ERR_BAD_LENGTH);
}
