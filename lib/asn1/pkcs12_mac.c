/* The integrity of a PFX: MacData with HMAC-Streebog (RFC 9548 s.3,
 * R 50.1.112-2016), as OpenSSL's -macalg md_gost12_512 / _256 writes it. */
#include <string.h>

#include "asn1/oids.h"
#include "asn1/pbes2.h"
#include "asn1/pkcs12_mac.h"
#include "gost/hmac.h"
#include "gost/pbkdf2.h"
#include "gost/util.h"

/* RFC 9548 s.3: PBKDF2 output of 96 bytes, the last 32 key the HMAC. */
#define MAC_KDF_LEN 96
#define MAC_KEY_LEN 32

/* PBKDF2 (RFC 8018 s.5.2) with HMAC-Streebog-256: OpenSSL keys an
 * md_gost12_256 MAC with the MAC's own digest as PRF (libgost's PBKDF2 is
 * the 512-bit one of R 50.1.111). Constant time in the password. */
static int pbkdf2_streebog256(const void *password, size_t password_len, const uint8_t *salt,
                              size_t salt_len, uint64_t iterations, uint8_t *out, size_t out_len)
{
    gost_hmac_streebog_ctx keyed, ctx;
    uint8_t u[32], t[32], be[4];
    int rc = gost_hmac_streebog_init(&keyed, 32, password, password_len);

    for (uint32_t block = 1; !rc && out_len > 0; block++) {
        size_t take = out_len < 32 ? out_len : 32;
        be[0] = (uint8_t)(block >> 24), be[1] = (uint8_t)(block >> 16);
        be[2] = (uint8_t)(block >> 8), be[3] = (uint8_t)block;
        ctx = keyed;
        rc = gost_hmac_streebog_update(&ctx, salt, salt_len);
        if (!rc)
            rc = gost_hmac_streebog_update(&ctx, be, 4);
        if (!rc)
            rc = gost_hmac_streebog_final(&ctx, u);
        memcpy(t, u, 32);
        for (uint64_t i = 1; !rc && i < iterations; i++) {
            ctx = keyed;
            rc = gost_hmac_streebog_update(&ctx, u, 32);
            if (!rc)
                rc = gost_hmac_streebog_final(&ctx, u);
            for (size_t j = 0; j < 32; j++)
                t[j] ^= u[j];
        }
        memcpy(out, t, take);
        out += take;
        out_len -= take;
    }
    gost_wipe(&keyed, sizeof keyed);
    gost_wipe(&ctx, sizeof ctx);
    gost_wipe(u, sizeof u);
    gost_wipe(t, sizeof t);
    return rc;
}

/* RFC 9548 s.3 / R 50.1.112-2016: HMAC-Streebog-512 over the
 * AuthenticatedSafe contents, keyed by the last 32 bytes of 96 from
 * PBKDF2-HMAC-Streebog-512; for a Streebog-256 MAC, OpenSSL uses
 * HMAC-Streebog-256 in both places and so do we. */
int gasn1_pkcs12_check_mac(asn1_node pfx, const void *password, size_t password_len,
                           const uint8_t *data, size_t len)
{
    char oid[GASN1_OID_MAX];
    uint8_t salt[64], mac[64], want[64], kdf[MAC_KDF_LEN];
    size_t salt_len, mac_len, want_len;
    uint64_t iterations = 1;
    int rc;

    rc = gasn1_read_oid(pfx, "macData.mac.digestAlgorithm.algorithm", oid);
    if (rc)
        return rc;
    if (strcmp(oid, OID_STREEBOG_512) == 0)
        mac_len = 64;
    else if (strcmp(oid, OID_STREEBOG_256) == 0)
        mac_len = 32;
    else
        return GOST_ERR_UNSUPPORTED; /* SHA-1/SHA-2 MACs: not GOST */
    if (gasn1_read(pfx, "macData.mac.digest", want, sizeof want, &want_len) ||
        want_len != mac_len || gasn1_read(pfx, "macData.macSalt", salt, sizeof salt, &salt_len))
        return GOST_ERR_DECODE;
    /* DEFAULT 1: the decoder leaves the field without a value when absent. */
    if (gasn1_read_uint(pfx, "macData.iterations", &iterations))
        iterations = 1;
    if (iterations == 0 || iterations > GASN1_PBKDF2_MAX_ITERATIONS)
        return GOST_ERR_UNSUPPORTED;
    if (password == NULL)
        return GOST_ERR_PASSWORD;
    rc = mac_len == 64 ? gost_pbkdf2_streebog512(password, password_len, salt, salt_len,
                                                 iterations, kdf, sizeof kdf)
                       : pbkdf2_streebog256(password, password_len, salt, salt_len,
                                            iterations, kdf, sizeof kdf);
    if (!rc)
        rc = mac_len == 64 ? gost_hmac_streebog512(kdf + MAC_KDF_LEN - MAC_KEY_LEN, MAC_KEY_LEN,
                                                   data, len, mac)
                           : gost_hmac_streebog256(kdf + MAC_KDF_LEN - MAC_KEY_LEN, MAC_KEY_LEN,
                                                   data, len, mac);
    if (!rc && !gost_ct_equal(mac, want, mac_len))
        rc = GOST_ERR_PASSWORD;
    gost_wipe(kdf, sizeof kdf);
    gost_wipe(mac, sizeof mac);
    return rc;
}

