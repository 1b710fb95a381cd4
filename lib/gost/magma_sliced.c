/* The byte-sliced kernels' schedule (SSSE3 and AVX2, x86_64/magma_simd.h),
 * derived in portable C from the network words.
 *
 * Those kernels keep byte j (j = 0 least significant) of each 32-bit half
 * of many blocks in its own vector. One round is N2 ^= f(N1 + K), with
 * f(x) = S(x) <<< 11. With y = S(x), y_j = S_2j(lo_j) | S_2j+1(hi_j) << 4
 * (lo_j, hi_j the nibbles of x_j), and the rotation by 11 a renaming of
 * bytes by one plus a shift by 3 across bytes:
 *   f_j = (y_{j-1} << 3 | y_{j-2} >> 5) mod 2^8   (indices mod 4)
 *       = A_{j-1}[lo_{j-1}] | B_{j-1}[hi_{j-1}] | C_{j-2}[hi_{j-2}]
 * with A_j[v] = S_2j(v) << 3 mod 2^8, B_j[v] = S_2j+1(v) << 7 mod 2^8 and
 * C_j[v] = S_2j+1(v) >> 1: three pshufb per byte, the rotation folded into
 * the tables. They depend on the S-boxes only (public).
 *
 * The key is added to N1 byte by byte with the carries made by compares.
 * The state is kept with every byte's top bit flipped (b ^ 0x80: the XOR
 * with f keeps that form), so that a signed compare is an unsigned one:
 * byte j of N1 + K_i carries out iff n_j + k_j + c_in > 255, i.e. iff
 * (n_j ^ 0x80) > (k_j ^ 0x7f) as signed bytes, or they are equal and c_in.
 * The sum's byte is (n_j ^ 0x80) + (k_j ^ 0x80) + c_in. So the schedule
 * holds, per round key, k_j ^ 0x80 (j = 0..3) and k_j ^ 0x7f (j = 0..2),
 * as bytes and broadcast to 32-byte vectors (GOST_NET_KEYVEC).
 *
 * Blocks enter by a pshufb (mask GOST_SL_LOAD) that gathers, in each
 * 16-byte lane of two blocks, byte p of both (p the network's byte: 0..3
 * N1, 4..7 N2, least significant first, whatever the cipher's byte order)
 * into 16-bit word p, then an 8x8 transposition of 16-bit words; they
 * leave by the inverse (GOST_SL_STORE).
 *
 * One to four blocks (a serial mode's block, a short tail) would cost a
 * whole batch; they are instead kept one per 32-bit lane of a 128-bit
 * vector, N1 + K by a 32-bit add, S by one pshufb per nibble position in
 * the plain tables SL_j / SH_j with the other positions' lanes masked
 * (index | 0x80 reads as zero), the rotation by two 32-bit shifts. */
#include <string.h>

#include "internal/magma.h"
#include "internal/util.h"

_Static_assert(GOST_SL_SH + 64 == GOST_NET_SLICED_BYTES, "the layout fills the sliced words");
/* Aligned in an aligned schedule (the public key structs are); the kernels
 * load them unaligned all the same, as a context may sit in malloc'ed
 * memory. */
_Static_assert(GOST_NET_KEYVEC % 4 == 0, "the key vectors are 32-byte aligned");

static uint8_t sbox_of(const uint64_t *sched, int i, int v)
{
    return (uint8_t)(sched[GOST_NET_SBOX + i] >> (4 * v) & 15);
}

void gost_net_prepare_sliced(uint64_t *sched)
{
    uint8_t *sl = (uint8_t *)(sched + GOST_NET_SLICED);
    for (int j = 0; j < 4; j++) {
        for (int v = 0; v < 16; v++) {
            sl[GOST_SL_A + 16 * j + v] = (uint8_t)(sbox_of(sched, 2 * j, v) << 3);
            sl[GOST_SL_B + 16 * j + v] = (uint8_t)(sbox_of(sched, 2 * j + 1, v) << 7);
            sl[GOST_SL_C + 16 * j + v] = (uint8_t)(sbox_of(sched, 2 * j + 1, v) >> 1);
            sl[GOST_SL_SL + 16 * j + v] = sbox_of(sched, 2 * j, v);
            sl[GOST_SL_SH + 16 * j + v] = (uint8_t)(sbox_of(sched, 2 * j + 1, v) << 4);
        }
    }
    for (int i = 0; i < 8; i++) {
        uint32_t k = (uint32_t)sched[i];
        uint8_t *kb = sl + GOST_SL_KEYS + 8 * i;
        for (int j = 0; j < 4; j++) {
            kb[j] = (uint8_t)(k >> (8 * j)) ^ 0x80;
            kb[4 + j] = j < 3 ? (uint8_t)(k >> (8 * j)) ^ 0x7f : 0;
        }
        /* The same bytes broadcast, so that a batch loads them whole. */
        uint8_t *kv = (uint8_t *)(sched + GOST_NET_KEYVEC) + 32 * GOST_NET_KEY_VECTORS * i;
        for (int j = 0; j < GOST_NET_KEY_VECTORS; j++)
            memset(kv + 32 * j, kb[j], 32);
    }
    /* Byte p of the network's value sits at byte 7 - p of a Magma block
     * (big endian), at byte p of a 28147 block. */
    int big = sched[GOST_NET_ORDER] == GOST_NET_BIG_ENDIAN;
    for (int p = 0; p < 8; p++) {
        int phys = big ? 7 - p : p;
        for (int q = 0; q < 2; q++) {
            sl[GOST_SL_LOAD + 2 * p + q] = (uint8_t)(8 * q + phys);
            sl[GOST_SL_STORE + 8 * q + phys] = (uint8_t)(2 * p + q);
        }
    }
}
