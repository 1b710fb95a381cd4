/* Constant-time checks for the cloud channel: the SESPAKE shared key, every
 * key derived from it (base, epoch keys of both suites) and the payloads
 * are secret. The key schedule, sealing and opening (tag check included,
 * for a good and a forged frame) must not branch on them or index memory
 * with them; the frames on the wire are public by design. Also the
 * one-time password of HMAC-Streebog (dynamic truncation picks bytes at a
 * secret offset) and the server's OTP verifier path. */
#include <string.h>

#include "cloud/cloud_account.h"
#include "cloud/cloud_frame.h"
#include "ct.h"
#include "gost/errors.h"
#include "gost/otp.h"

static void round_trip(uint8_t suite)
{
    uint8_t shared[32], msg[300], frame[CLOUD_FRAME_HDR + 1 + 300 + CLOUD_FRAME_TAG], out[301], type;
    size_t flen, olen;
    struct cloud_dir tx, rx;
    for (size_t i = 0; i < sizeof shared; i++)
        shared[i] = (uint8_t)(i * 29 + 3);
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 11);
    CT_SECRET(shared, sizeof shared);
    CT_SECRET(msg, sizeof msg);
    int rc = cloud_dir_init_suite(&tx, shared, 0, suite);
    rc |= cloud_dir_init_suite(&rx, shared, 0, suite);
    CT_PUBLIC(&rc, sizeof rc);
    CT_CHECK(rc == GOST_OK);
    for (int k = 0; k < 3; k++) {
        rc = cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, msg, sizeof msg - 7 * (size_t)k, frame, sizeof frame, &flen);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
        CT_PUBLIC(frame, flen); /* what goes on the wire */
        if (k == 2) {
            struct cloud_dir bad = rx;
            frame[flen - 1] ^= 1; /* a forged tag: refused, in constant time */
            rc = cloud_frame_open(&bad, frame, flen, &type, out, sizeof out, &olen);
            CT_PUBLIC(&rc, sizeof rc);
            CT_CHECK(rc == GOST_ERR_AUTH);
            frame[flen - 1] ^= 1;
        }
        rc = cloud_frame_open(&rx, frame, flen, &type, out, sizeof out, &olen);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
        CT_PUBLIC(out, olen);
        CT_PUBLIC(msg, sizeof msg);
        CT_CHECK(olen == sizeof msg - 7 * (size_t)k && memcmp(out, msg, olen) == 0);
        CT_SECRET(msg, sizeof msg);
    }
    cloud_dir_wipe(&tx);
    cloud_dir_wipe(&rx);
}

CT_CASE(cloud_frame_mgm)
{
    round_trip(CLOUD_SUITE_KUZNYECHIK_MGM);
}

CT_CASE(cloud_frame_magma)
{
    round_trip(CLOUD_SUITE_MAGMA_CTR_OMAC);
}

CT_CASE(cloud_otp)
{
    uint8_t key[32];
    uint32_t code;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i + 1);
    CT_SECRET(key, sizeof key);
    for (uint64_t c = 0; c < 4; c++) {
        int rc = gost_hotp_streebog(32, key, sizeof key, c, 8, &code);
        CT_PUBLIC(&rc, sizeof rc);
        CT_CHECK(rc == GOST_OK);
    }
    /* the server's OTP password (as a SESPAKE password, it stays secret) */
    struct cloud_otp o = {.mode = CLOUD_OTP_TOTP, .digits = 8, .period = 30, .secret_len = 32};
    char pw[10];
    memcpy(o.secret, key, 32);
    int rc = cloud_otp_password(&o, 1234, pw);
    CT_PUBLIC(&rc, sizeof rc);
    CT_CHECK(rc == GOST_OK);
}
