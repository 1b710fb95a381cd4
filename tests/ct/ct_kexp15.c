/* Constant-time cases for KExp15 / KImp15 (gost/kexp15.h): the exported
 * key and both wrapping keys are secret; import with a right and a wrong
 * MAC (only the verdict is declassified). */
#include <string.h>

#include "ct.h"
#include "gost/kexp15.h"

CT_CASE(kexp15_secret_keys)
{
    uint8_t kmac[32], kenc[32], key[32], iv[8], w[48], back[32];
    size_t len;
    memset(iv, 0x67, sizeof iv);
    for (int k = 0; k < 2; k++) {
        gost_cipher_id id = k ? GOST_CIPHER_MAGMA : GOST_CIPHER_KUZNYECHIK;
        size_t n = k ? 8 : 16;
        memset(kmac, 0x08, sizeof kmac);
        memset(kenc, 0x20, sizeof kenc);
        memset(key, 0x88, sizeof key);
        CT_SECRET(kmac, sizeof kmac);
        CT_SECRET(kenc, sizeof kenc);
        CT_SECRET(key, sizeof key);
        CT_CHECK(gost_kexp15(id, kmac, kenc, iv, n / 2, key, sizeof key, w, sizeof w, &len) == 0);
        CT_PUBLIC(w, sizeof w);
        CT_CHECK(gost_kimp15(id, kmac, kenc, iv, n / 2, w, len, back, sizeof back, &len) == 0);
        w[0] ^= 1;
        CT_CHECK(gost_kimp15(id, kmac, kenc, iv, n / 2, w, 32 + n, back, sizeof back, &len) == GOST_ERR_AUTH);
        CT_PUBLIC(back, sizeof back);
    }
}
