/* SESPAKE parameter sets: the curves RFC 8133 gives a point for, their
 * parameter-set byte on the wire, and the point Q_1 of each (RFC 8133
 * Appendix A.1, "one point Q_1 for each of the elliptic curves", N = 1;
 * coordinates printed there as big-endian numbers, transcribed as such: X
 * then Y). Only public data here. */
#include <string.h>

#include "gost/errors.h"
#include "sespake/sespake_internal.h"

/* The parameter-set byte of gost/sespake.h, in this order (set = index + 1). */
static const enum gost_curve set_curves[7] = {
    GOST_CURVE_256_A, GOST_CURVE_256_B, GOST_CURVE_256_C, GOST_CURVE_256_D,
    GOST_CURVE_512_A, GOST_CURVE_512_B, GOST_CURVE_512_C,
};

struct q_hex {
    const char *x, *y;
};

/* clang-format off */
static const struct q_hex q_points[GOST_CURVE_COUNT][GOST_SESPAKE_POINTS] = {
    /* id-tc26-gost-3410-2012-256-paramSetA: RFC 8133 A.1.6, SEED = 0x0001 */
    [GOST_CURVE_256_A] = {
        {"b51adf93a40ab15792164fad3352f95b"
         "66369eb2a4ef5efae32829320363350e",
         "74a358cc08593612f5955d249c96afb7"
         "e8b0bb6d8bd2bbe491046650d822be18"},
    },
    /* id-GostR3410-2001-CryptoPro-A-ParamSet: RFC 8133 A.1.1, SEED = 0x0001 */
    [GOST_CURVE_256_B] = {
        {"a69d51caf1a309fa9e9b66187759b017"
         "4c274e080356f23cfcbfe84d396ad7bb",
         "5d26f29ecc2e9ac0404dcf7986fa55fe"
         "94986362170f54b9616426a659786dac"},
    },
    /* id-GostR3410-2001-CryptoPro-B-ParamSet: RFC 8133 A.1.2, SEED = 0x0000 */
    [GOST_CURVE_256_C] = {
        {"3d715a874a4b17cb3b517893a9794a2b"
         "36c89d2ffc693f01ee4cc27e7f49e399",
         "1c5a641fcf7ce7e87cdf8cea38f3db30"
         "96eace2fad158384b53953365f4fe7fe"},
    },
    /* id-GostR3410-2001-CryptoPro-C-ParamSet: RFC 8133 A.1.3, SEED = 0x0006 */
    [GOST_CURVE_256_D] = {
        {"1e36383e43bb6cfa2917167d71b7b5dd"
         "3d6d462b43d7c64282ae67dfbec2559d",
         "137478a9f721c73932ea06b45cf72e37"
         "eb78a63f29a542e563c614650c8b6399"},
    },
    /* id-tc26-gost-3410-2012-512-paramSetA: RFC 8133 A.1.4, SEED = 0x0001 */
    [GOST_CURVE_512_A] = {
        {"2a17f8833a32795327478871b5c5e88aefb91126c64b4b8327289bea62559425"
         "d18198f133f400874328b220c74497cd240586cb249e158532cb8090776cd61c",
         "728f0c4a73b48da41ce928358fad26b47a6e094e9362bae82559f83cddc4ec3a"
         "4676bd3707edeaf4cd85e99695c64c241edc622be87dc0cf87f51f4367f723c5"},
    },
    /* id-tc26-gost-3410-2012-512-paramSetB: RFC 8133 A.1.5, SEED = 0x0000 */
    [GOST_CURVE_512_B] = {
        {"7e1fae8285e035bec244bef2d0e5ebf436633cf50e55231dea9c9cf21d4c8c33"
         "df85d4305de92971f0a4b4c07e00d87bdbc720eb66e49079285aaf12e0171149",
         "2cc89998b875d4463805ba0d858a196592db20ab161558ff2f4ef7a85725d209"
         "53967ae621afdeae89bb77c83a2528ef6fce02f68bda4679d7f2704947dbc408"},
    },
    /* id-tc26-gost-3410-2012-512-paramSetC: RFC 8133 A.1.7, SEED = 0x0013 */
    [GOST_CURVE_512_C] = {
        {"489c91784e02e98f19a803abca319917f37689e5a18965251ce2ff4e8d8b298f"
         "5ba7470f9e0e713487f96f4a8397b3d09a270c9d367eb5e0e6561adeeb51581d",
         "684ea885aca64eaf1b3fee36c0852a3be3bd8011b0ef18e203ff87028d6eb5db"
         "2c144a0dcc71276542bfd72ca2a43fa4f4939da66d9a60793c704a8c94e16f18"},
    },
};
/* clang-format on */

uint8_t sespake_set_of_curve(enum gost_curve curve)
{
    for (unsigned i = 0; i < 7; i++)
        if (set_curves[i] == curve)
            return (uint8_t)(i + 1);
    return 0;
}

int sespake_curve_of_set(uint8_t set, enum gost_curve *curve)
{
    if (set < 1 || set > 7)
        return GOST_ERR_DECODE;
    *curve = set_curves[set - 1];
    return GOST_OK;
}

int sespake_params_valid(uint8_t set, unsigned ind, size_t salt_len, enum gost_curve *curve)
{
    if (sespake_curve_of_set(set, curve) != GOST_OK || ind < 1 || ind > GOST_SESPAKE_POINTS ||
        salt_len < GOST_SESPAKE_SALT_MIN || salt_len > GOST_SESPAKE_SALT_MAX)
        return GOST_ERR_DECODE;
    return GOST_OK;
}

static unsigned hex_nibble(char c)
{
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* A big-endian hex number of n bytes into n little-endian bytes. */
static void hex_to_le(uint8_t *le, const char *hex, size_t n)
{
    for (size_t i = 0; i < n; i++)
        le[n - 1 - i] = (uint8_t)(hex_nibble(hex[2 * i]) << 4 | hex_nibble(hex[2 * i + 1]));
}

void sespake_q_bytes(enum gost_curve curve, unsigned ind, uint8_t *xy)
{
    size_t n = gost_curve_size(curve);
    const struct q_hex *q = &q_points[curve][ind - 1];
    hex_to_le(xy, q->x, n);
    hex_to_le(xy + n, q->y, n);
}

int sespake_q_point(enum gost_curve curve, unsigned ind, ec_point *q)
{
    uint8_t xy[128];
    if (sespake_set_of_curve(curve) == 0 || ind < 1 || ind > GOST_SESPAKE_POINTS)
        return GOST_ERR_INVALID_ARGUMENT;
    sespake_q_bytes(curve, ind, xy);
    /* The points are public; decoding validates them (on the curve, in the
     * subgroup of order q), which the KAT records check as well. */
    return ec_point_decode(curve, q, xy) == GOST_OK ? GOST_OK : GOST_ERR_INTERNAL;
}
