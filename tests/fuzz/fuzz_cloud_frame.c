/* The cloud channel's record layer (lib/cloud/cloud_frame.c) on any bytes.
 * Input: a mode byte, then
 *  - mode even: the rest is a received frame: it must be refused (a forged
 *    tag) with a documented code, and the direction must then stay dead;
 *  - mode odd: the rest is a payload: seal then open must give it back, and
 *    the same frame with the byte at (mode >> 1) % length flipped must be
 *    refused. */
#include <string.h>

#include "cloud/cloud_frame.h"
#include "fuzz.h"
#include "gost/errors.h"

static const uint8_t fuzz_key[32] = {0x42};

static int allowed(int rc)
{
    return rc == GOST_ERR_DECODE || rc == GOST_ERR_AUTH || rc == GOST_ERR_BUFFER_TOO_SMALL;
}

FUZZ_HARNESS(cloud_frame)
{
    static uint8_t frame[CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY], out[CLOUD_FRAME_MAX_PLAIN];
    struct cloud_dir tx, rx;
    size_t flen, olen;
    uint8_t type;
    if (size < 1 || size - 1 > CLOUD_FRAME_MAX_PLAIN - 1)
        return;
    FUZZ_CHECK(cloud_dir_init(&tx, fuzz_key, 0) == GOST_OK);
    FUZZ_CHECK(cloud_dir_init(&rx, fuzz_key, 0) == GOST_OK);
    if ((data[0] & 1) == 0) {
        int rc = cloud_frame_open(&rx, data + 1, size - 1, &type, out, sizeof out, &olen);
        FUZZ_CHECK(allowed(rc));
        FUZZ_CHECK(cloud_frame_open(&rx, data + 1, size - 1, &type, out, sizeof out, &olen) ==
                   GOST_ERR_BAD_STATE);
        return;
    }
    FUZZ_CHECK(cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, data + 1, size - 1, frame, sizeof frame,
                                &flen) == GOST_OK);
    struct cloud_dir rx2 = rx;
    size_t pos = (size_t)(data[0] >> 1) % flen;
    FUZZ_CHECK(cloud_frame_open(&rx, frame, flen, &type, out, sizeof out, &olen) == GOST_OK);
    FUZZ_CHECK(type == CLOUD_MSG_PKCS11 && olen == size - 1 && memcmp(out, data + 1, olen) == 0);
    frame[pos] ^= 0x80;
    FUZZ_CHECK(allowed(cloud_frame_open(&rx2, frame, flen, &type, out, sizeof out, &olen)));
    cloud_dir_wipe(&tx);
    cloud_dir_wipe(&rx);
    cloud_dir_wipe(&rx2);
}
