/* Streebog's compression in portable constant-time C: no table is indexed
 * by the data, so keyed uses (HMAC, KDF, PBKDF2, VKO) may run it on secrets.
 *
 * S: the 64 state bytes are turned into 8 bit planes (plane t = bit t of
 * every byte) by a transposition network, pi' is evaluated on the planes as
 * a Boolean circuit (its algebraic normal form, generated), and the same
 * network, an involution, turns the planes back into bytes.
 * P and L: l is a matrix over GF(2^8) (see scripts/gen_streebog_ct.py), so
 * l of all 8 words is computed byte-parallel: word c of the state before P
 * holds byte c of every word after P, which is exactly the operand the
 * matrix needs; the products are xtime chains. A byte transposition puts
 * the result back into words. Every step is a fixed sequence of shifts,
 * masks, XORs and ANDs. */
#include "internal/util.h"
#include "streebog_impl.h"

/* Exchanges the bits of a selected by lo_mask << s with the bits of b
 * selected by lo_mask. */
#define SWAP_BITS(a, b, lo_mask, s)                          \
    do {                                                     \
        uint64_t t_ = (((a) >> (s)) ^ (b)) & (lo_mask);      \
        (b) ^= t_;                                           \
        (a) ^= t_ << (s);                                    \
    } while (0)

/* Afterwards q[t] holds bit t of every byte of q (the bytes in a fixed
 * order). Applied twice it is the identity. */
static void bit_planes(uint64_t q[8])
{
    for (int i = 0; i < 8; i += 2)
        SWAP_BITS(q[i], q[i + 1], 0x5555555555555555ull, 1);
    for (int i = 0; i < 8; i += 4)
        for (int j = i; j < i + 2; j++)
            SWAP_BITS(q[j], q[j + 2], 0x3333333333333333ull, 2);
    for (int j = 0; j < 4; j++)
        SWAP_BITS(q[j], q[j + 4], 0x0f0f0f0f0f0f0f0full, 4);
}

/* Transposes the 8x8 matrix of bytes q[row] byte col. */
static void byte_transpose(uint64_t q[8])
{
    for (int i = 0; i < 8; i += 2)
        SWAP_BITS(q[i], q[i + 1], 0x00ff00ff00ff00ffull, 8);
    for (int i = 0; i < 8; i += 4)
        for (int j = i; j < i + 2; j++)
            SWAP_BITS(q[j], q[j + 2], 0x0000ffff0000ffffull, 16);
    for (int j = 0; j < 4; j++)
        SWAP_BITS(q[j], q[j + 4], 0x00000000ffffffffull, 32);
}

static void lps_ct(uint64_t out[8], const uint64_t in[8])
{
    uint64_t q[8];
    for (int i = 0; i < 8; i++)
        q[i] = in[i];
    bit_planes(q);
    gost_streebog_sbox_planes(q);
    bit_planes(q);
    gost_streebog_l_gf(out, q);
    byte_transpose(out);
    gost_wipe(q, sizeof q);
}

void gost_streebog_compress_ct(uint64_t h[8], const uint64_t n[8], const uint8_t m[64])
{
    gost_streebog_g(lps_ct, h, n, m);
}

gost_streebog_compress_fn gost_streebog_compress_ct_best(void)
{
    /* The only dispatch point of the constant-time Streebog: the widest
     * kernel gost_cpu_features() (capped by GOST_CPU) allows. */
    gost_streebog_compress_fn f = gost_streebog_compress_avx2_get();
    if (f == NULL)
        f = gost_streebog_compress_ssse3_get();
    return f != NULL ? f : gost_streebog_compress_ct;
}
