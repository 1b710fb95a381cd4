/* Constant-time cases for the keyed uses of Streebog. The table path
 * (gost_streebog_*_public) is never reached from these: run on a secret it
 * would fail this check at its first table load. */
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
