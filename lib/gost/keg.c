/* KEG, the export-key generation of R 1323565.1.020-2018 s.6.4.5.1
 * (RFC 9189 s.8.3.1): VKO with the UKM's first 16 bytes as a big-endian
 * integer, then for 256-bit keys KDF_TREE to 64 bytes. */
#include <string.h>

#include "gost/kdf.h"
#include "gost/keg.h"
#include "gost/vko.h"
#include "internal/ec.h"
#include "internal/util.h"

#define KEG_R_SIZE 16   /* UKM bytes that make the VKO integer */
#define KEG_SEED_SIZE 8 /* UKM[16..23]: KDF_TREE's seed (256-bit keys) */

static const uint8_t keg_label[8] = {'k', 'd', 'f', ' ', 't', 'r', 'e', 'e'};

int gost_keg(enum gost_curve curve, uint8_t out[64], const uint8_t *priv,
             const uint8_t *peer_pub, const uint8_t *ukm, size_t ukm_len)
{
    uint8_t r[KEG_R_SIZE], vko[GOST_VKO_256_SIZE];
    size_t n;
    int rc;
    if (out == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (!ec_curve_valid(curve) || priv == NULL || peer_pub == NULL || ukm == NULL) {
        gost_wipe(out, GOST_KEG_SIZE);
        return GOST_ERR_INVALID_ARGUMENT;
    }
    n = gost_curve_size(curve);
    if (ukm_len < (n == 64 ? GOST_KEG_UKM_MIN_512 : GOST_KEG_UKM_MIN_256)) {
        gost_wipe(out, GOST_KEG_SIZE);
        return GOST_ERR_BAD_LENGTH;
    }
    /* INT(UKM[0..15]) big-endian is VKO's little-endian integer of the
     * reversed bytes. An integer 0 is replaced by 1 inside VKO (gost/vko.h:
     * a UKM that is 0 mod q becomes 1), which is KEG's rule. The UKM is public. */
    for (size_t i = 0; i < KEG_R_SIZE; i++)
        r[i] = ukm[KEG_R_SIZE - 1 - i];
    if (n == 64)
        return gost_vko_derive_512(curve, out, priv, peer_pub, r, KEG_R_SIZE);
    rc = gost_vko_derive_256(curve, vko, priv, peer_pub, r, KEG_R_SIZE);
    if (rc == GOST_OK)
        rc = gost_kdf_tree_gostr3411_2012_256(vko, sizeof vko, keg_label, sizeof keg_label,
                                              ukm + KEG_R_SIZE, KEG_SEED_SIZE, 1, out,
                                              GOST_KEG_SIZE) == GOST_OK
                 ? GOST_OK
                 : GOST_ERR_INTERNAL;
    if (rc != GOST_OK)
        gost_wipe(out, GOST_KEG_SIZE);
    gost_wipe(vko, sizeof vko);
    return rc;
}
