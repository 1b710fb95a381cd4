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
#include "internal/transpose.h"
#include "internal/util.h"
#include "streebog_impl.h"

static void lps_ct(uint64_t out[8], const uint64_t in[8])
{
    uint64_t q[8];
    for (int i = 0; i < 8; i++)
        q[i] = in[i];
    gost_bit_planes(q);
    gost_streebog_sbox_planes(q);
    gost_bit_planes(q);
    gost_streebog_l_gf(out, q);
    gost_byte_transpose(out);
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
