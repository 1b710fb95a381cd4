/* Constant-time cases for Streebog and its keyed uses, run under valgrind
 * once per CPU path (GOST_CPU=portable|ssse3|avx2). The table path
 * (gost_streebog_*_public) is never reached from these: hmac, kdf and
 * pbkdf2 call only gost_streebog_init (the unit test
 * streebog/ct_init_never_picks_the_table_kernel checks which kernel it
 * installs), and run on a secret the table path is reported at its first
 * load, as leak_demo_streebog_public_on_secret in ct_leak_demo.c shows. */
#include <string.h>

#include "ct.h"
#include "gost/hmac.h"
#include "gost/kdf.h"
#include "gost/pbkdf2.h"
#include "gost/streebog.h"

CT_CASE(streebog_ct_hash_of_secret)
{
    uint8_t msg[150], d[64];
    memset(msg, 0x5a, sizeof msg);
    CT_SECRET(msg, sizeof msg);
    CT_CHECK(gost_streebog512(msg, sizeof msg, d) == 0);
    CT_CHECK(gost_streebog256(msg, 7, d) == 0);
    CT_PUBLIC(d, sizeof d);
}

CT_CASE(streebog_ct_streaming_of_secret)
{
    uint8_t msg[200], d[64];
    gost_streebog_ctx c;
    memset(msg, 0xa5, sizeof msg);
    CT_SECRET(msg, sizeof msg);
    for (size_t size = 32; size <= 64; size += 32) {
        CT_CHECK(gost_streebog_init(&c, size) == 0);
        CT_CHECK(gost_streebog_update(&c, msg, 13) == 0);
        CT_CHECK(gost_streebog_update(&c, msg + 13, 64) == 0);
        CT_CHECK(gost_streebog_update(&c, msg + 77, sizeof msg - 77) == 0);
        CT_CHECK(gost_streebog_final(&c, d) == 0);
    }
    CT_PUBLIC(d, sizeof d);
}

CT_CASE(hmac_streebog_streaming_secret_key)
{
    uint8_t key[64], msg[100], mac[64];
    gost_hmac_streebog_ctx c;
    memset(key, 0x3c, sizeof key);
    memset(msg, 0xc3, sizeof msg);
    CT_SECRET(key, sizeof key);
    CT_SECRET(msg, sizeof msg);
    CT_CHECK(gost_hmac_streebog_init(&c, 64, key, sizeof key) == 0);
    CT_CHECK(gost_hmac_streebog_update(&c, msg, 30) == 0);
    CT_CHECK(gost_hmac_streebog_update(&c, msg + 30, 70) == 0);
    CT_CHECK(gost_hmac_streebog_final(&c, mac) == 0);
    CT_PUBLIC(mac, sizeof mac);
}

CT_CASE(hmac_streebog_secret_key_and_message)
{
    uint8_t key[80], msg[70], mac[64];
    memset(key, 0x11, sizeof key);
    memset(msg, 0x22, sizeof msg);
    CT_SECRET(key, sizeof key);
    CT_SECRET(msg, sizeof msg);
    CT_CHECK(gost_hmac_streebog256(key, 32, msg, sizeof msg, mac) == 0);
    CT_CHECK(gost_hmac_streebog512(key, sizeof key, msg, 3, mac) == 0); /* key hashed first */
    CT_PUBLIC(mac, sizeof mac);
}

CT_CASE(kdf_secret_key)
{
    uint8_t key[32], out[100];
    memset(key, 0x33, sizeof key);
    CT_SECRET(key, sizeof key);
    CT_CHECK(gost_kdf_gostr3411_2012_256(key, "label", 5, "seed", 4, out) == 0);
    CT_CHECK(gost_kdf_tree_gostr3411_2012_256(key, 32, "l", 1, "s", 1, 2, out, sizeof out) == 0);
    CT_PUBLIC(out, sizeof out);
}

CT_CASE(pbkdf2_secret_password)
{
    uint8_t pw[20], out[70];
    memset(pw, 0x44, sizeof pw);
    CT_SECRET(pw, sizeof pw);
    CT_CHECK(gost_pbkdf2_streebog512(pw, sizeof pw, "salt", 4, 3, out, sizeof out) == 0);
    CT_PUBLIC(out, sizeof out);
}
