/* Transposition networks of the bitsliced and byte-sliced portable kernels
 * (Streebog, Kuznyechik): fixed sequences of shifts, masks and XORs, so
 * constant time by construction. Header-only. */
#ifndef GOST_INTERNAL_TRANSPOSE_H
#define GOST_INTERNAL_TRANSPOSE_H

#include <stdint.h>

/* Exchanges the bits of a selected by lo_mask << s with the bits of b
 * selected by lo_mask. */
#define GOST_SWAP_BITS(a, b, lo_mask, s)                     \
    do {                                                     \
        uint64_t t_ = (((a) >> (s)) ^ (b)) & (lo_mask);      \
        (b) ^= t_;                                           \
        (a) ^= t_ << (s);                                    \
    } while (0)

/* Transposes the 8x8 bit matrix of each byte position of q[0..7]: after,
 * q[t] holds bit t of every byte (in a fixed order). Its own inverse. */
static inline void gost_bit_planes(uint64_t q[8])
{
    for (int i = 0; i < 8; i += 2)
        GOST_SWAP_BITS(q[i], q[i + 1], 0x5555555555555555ull, 1);
    for (int i = 0; i < 8; i += 4)
        for (int j = i; j < i + 2; j++)
            GOST_SWAP_BITS(q[j], q[j + 2], 0x3333333333333333ull, 2);
    for (int j = 0; j < 4; j++)
        GOST_SWAP_BITS(q[j], q[j + 4], 0x0f0f0f0f0f0f0f0full, 4);
}

/* Transposes the 8x8 matrix of bytes q[row] byte col. Its own inverse. */
static inline void gost_byte_transpose(uint64_t q[8])
{
    for (int i = 0; i < 8; i += 2)
        GOST_SWAP_BITS(q[i], q[i + 1], 0x00ff00ff00ff00ffull, 8);
    for (int i = 0; i < 8; i += 4)
        for (int j = i; j < i + 2; j++)
            GOST_SWAP_BITS(q[j], q[j + 2], 0x0000ffff0000ffffull, 16);
    for (int j = 0; j < 4; j++)
        GOST_SWAP_BITS(q[j], q[j + 4], 0x00000000ffffffffull, 32);
}

#endif
