/* The framing of SESPAKE messages (gost/sespake.h): type | set | fields. */
#include "sespake/sespake_internal.h"

int sespake_msg_expect(const uint8_t *in, size_t in_len, uint8_t type, uint8_t set,
                       size_t body_len)
{
    if (in_len < 2)
        return GOST_ERR_BAD_LENGTH;
    if (in[0] < SESPAKE_MSG_HELLO || in[0] > SESPAKE_MSG_MACB)
        return GOST_ERR_DECODE;
    if (in[0] != type)
        return GOST_ERR_BAD_STATE; /* a known message out of order, or replayed */
    if (in[1] != set)
        return GOST_ERR_DECODE;
    if (in_len != 2 + body_len)
        return GOST_ERR_BAD_LENGTH;
    return GOST_OK;
}

void sespake_msg_header(uint8_t *out, uint8_t type, uint8_t set)
{
    out[0] = type;
    out[1] = set;
}
