/* Constant-time cases for ACPKM (gost/acpkm.h): CTR-ACPKM over several
 * sections and OMAC-ACPKM with a secret key and secret data. */
#include <string.h>

#include "ct.h"
#include "gost/acpkm.h"

CT_CASE(acpkm_ctr_and_omac_secret_key_and_data)
{
    uint8_t key[32], iv[8], pt[150], out[150], tag[16], next[32];
    memset(iv, 0x12, sizeof iv);
    for (int k = 0; k < 2; k++) {
        gost_cipher_id id = k ? GOST_CIPHER_MAGMA : GOST_CIPHER_KUZNYECHIK;
        size_t n = k ? 8 : 16;
        memset(key, 0x61, sizeof key);
        memset(pt, 0x16, sizeof pt);
        CT_SECRET(key, sizeof key);
        CT_SECRET(pt, sizeof pt);
        CT_CHECK(gost_ctr_acpkm(id, key, 2 * n, iv, n / 2, pt, sizeof pt, out) == 0);
        CT_CHECK(gost_omac_acpkm(id, key, 2 * n, 5 * n, pt, sizeof pt, tag, n) == 0);
        CT_CHECK(gost_acpkm_transform(id, key, next) == 0);
        CT_PUBLIC(out, sizeof out);
        CT_PUBLIC(tag, sizeof tag);
        CT_PUBLIC(next, sizeof next);
    }
}
