/* The cloud channel's record layer: seal + open of one frame (MB/s of
 * payload), i.e. the channel's ceiling before sockets and RPC. The rows for
 * signatures per second through gost-cloudd on loopback are still to come
 * (they need a server process and an initialised token). */
#include "bench.h"
#include "cloud/cloud_frame.h"

static struct cloud_dir tx, rx;
static uint8_t *frame_buf;

static int setup_frame(void)
{
    static const uint8_t key[32] = {9};
    static uint8_t buf[CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY];
    frame_buf = buf;
    return cloud_dir_init(&tx, key, 0) == 0 && cloud_dir_init(&rx, key, 0) == 0 ? 0 : -1;
}

static int ours_frame(size_t size, size_t iters)
{
    size_t flen, olen;
    uint8_t type;
    for (size_t i = 0; i < iters; i++) {
        if (cloud_frame_seal(&tx, CLOUD_MSG_PKCS11, bench_in, size, frame_buf,
                             CLOUD_FRAME_HDR + CLOUD_FRAME_MAX_BODY, &flen) != 0 ||
            cloud_frame_open(&rx, frame_buf, flen, &type, bench_out, BENCH_MAX_SIZE + 64, &olen) != 0)
            return -1;
    }
    bench_sink ^= bench_out[0];
    return 0;
}

BENCH_ROW(cloud_frame, {"cloud-frame-seal-open", 1, setup_frame, ours_frame, NULL})
