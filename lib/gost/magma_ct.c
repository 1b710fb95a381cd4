/* The GOST 28147-89 / Magma network in portable constant-time C, and the
 * portable kernel of both ciphers on top of it (the SIMD kernels' reference).
 *
 * The eight 4-bit S-boxes are held in registers, one 64-bit word each
 * (nibble v of word i = S_i(v)), and a nibble is looked up by shifting that
 * word right by 4v bits: no memory address depends on the key or the data.
 * Shifts by a variable count take constant time on x86-64 and ARMv8, and
 * valgrind's ct check sees no secret-dependent branch or load. The addition
 * of the round key modulo 2^32 is branch-free by nature. */
#include "internal/magma.h"
#include "internal/util.h"

/* pi'_0..pi'_7 of GOST R 34.12-2015 s.5.1.1 (RFC 8891 s.4.1): row i
 * substitutes bits 4i..4i+3. Checked by the t() examples of RFC 8891 s.A.2
 * (vectors/magma.txt). */
const uint8_t gost_magma_sbox_rows[8][16] = {
    {12, 4, 6, 2, 10, 5, 11, 9, 14, 8, 13, 7, 0, 3, 15, 1},
    {6, 8, 2, 3, 9, 10, 5, 12, 1, 14, 4, 7, 11, 13, 0, 15},
    {11, 3, 5, 8, 2, 15, 10, 13, 14, 1, 7, 4, 12, 9, 6, 0},
    {12, 8, 2, 1, 13, 4, 15, 6, 7, 0, 10, 5, 3, 14, 9, 11},
    {7, 15, 5, 10, 8, 1, 6, 13, 0, 9, 3, 14, 11, 4, 2, 12},
    {5, 13, 15, 6, 9, 2, 12, 10, 11, 7, 8, 1, 4, 3, 14, 0},
    {8, 14, 2, 5, 6, 9, 1, 12, 15, 4, 11, 0, 13, 10, 3, 7},
    {1, 7, 14, 13, 0, 5, 8, 3, 4, 15, 10, 6, 9, 12, 11, 2},
};

void gost_net_set_sbox(uint64_t *sched, const uint8_t rows[8][16])
{
    for (int i = 0; i < 8; i++) {
        uint64_t w = 0;
        for (int v = 0; v < 16; v++)
            w |= (uint64_t)(rows[i][v] & 15) << (4 * v);
        sched[GOST_NET_SBOX + i] = w;
    }
}

/* The S-box layer on the packed words s[0..7]: nibble i of a, times 4, is
 * the shift that brings its image to the bottom of s[i]. */
static inline uint32_t sbox_layer(const uint64_t s[8], uint32_t a)
{
    uint32_t r = (uint32_t)(s[0] >> ((a << 2) & 60)) & 15;
    for (int i = 1; i < 8; i++)
        r |= ((uint32_t)(s[i] >> ((a >> (4 * i - 2)) & 60)) & 15) << (4 * i);
    return r;
}

/* f(x) = S(x) <<< 11, with x = N1 + K already added. */
static inline uint32_t f(const uint64_t s[8], uint32_t x)
{
    uint32_t r = sbox_layer(s, x);
    return r << 11 | r >> 21;
}

uint32_t gost_net_sbox_layer(const uint64_t *sched, uint32_t a)
{
    return sbox_layer(sched + GOST_NET_SBOX, a);
}

/* Two rounds with keys ka then kb; the halves swap names instead of
 * values, so after an even number of rounds n1 and n2 are in place. */
#define ROUND2(ka, kb)                  \
    do {                                \
        n2 ^= f(s, n1 + (ka));          \
        n1 ^= f(s, n2 + (kb));          \
    } while (0)

#define LOAD_SCHED()                                   \
    uint64_t s[8];                                     \
    uint32_t k[8];                                     \
    for (int i_ = 0; i_ < 8; i_++) {                   \
        k[i_] = (uint32_t)sched[i_];                   \
        s[i_] = sched[GOST_NET_SBOX + i_];             \
    }                                                  \
    uint32_t n1 = (uint32_t)x, n2 = (uint32_t)(x >> 32)

uint64_t gost_net_encrypt(const uint64_t *sched, uint64_t x)
{
    LOAD_SCHED();
    for (int r = 0; r < 3; r++)
        for (int i = 0; i < 8; i += 2)
            ROUND2(k[i], k[i + 1]);
    for (int i = 7; i > 0; i -= 2)
        ROUND2(k[i], k[i - 1]);
    /* The last round does not swap (G* of GOST R 34.12-2015 s.5.3). */
    return (uint64_t)n1 << 32 | n2;
}

uint64_t gost_net_decrypt(const uint64_t *sched, uint64_t x)
{
    LOAD_SCHED();
    for (int i = 0; i < 8; i += 2)
        ROUND2(k[i], k[i + 1]);
    for (int r = 0; r < 3; r++)
        for (int i = 7; i > 0; i -= 2)
            ROUND2(k[i], k[i - 1]);
    return (uint64_t)n1 << 32 | n2;
}

uint64_t gost_net_mac16(const uint64_t *sched, uint64_t x)
{
    LOAD_SCHED();
    for (int r = 0; r < 2; r++)
        for (int i = 0; i < 8; i += 2)
            ROUND2(k[i], k[i + 1]);
    /* The MAC keeps every swap: N1 ends in the low half. */
    return (uint64_t)n2 << 32 | n1;
}

/* ---- the schedule and the portable kernel --------------------------------- */

void gost_net_fill(uint64_t *sched, const uint32_t k[8], const uint8_t rows[8][16], int order)
{
    for (int i = 0; i < 8; i++)
        sched[i] = k[i];
    gost_net_set_sbox(sched, rows);
    sched[GOST_NET_ORDER] = (uint64_t)order;
}

/* The network's value N2:N1 of a block: Magma's block a1 || a0 (GOST R
 * 34.12-2015 s.5.3) read as one big-endian number puts a0, the half that
 * enters g first, in the low 32 bits; 28147's block is N1 then N2, each
 * little endian. The order is public. */
static uint64_t load_block(const uint64_t *sched, const uint8_t *in)
{
    return sched[GOST_NET_ORDER] == GOST_NET_BIG_ENDIAN ? gost_load64_be(in) : gost_load64_le(in);
}

static void store_block(const uint64_t *sched, uint8_t *out, uint64_t x)
{
    if (sched[GOST_NET_ORDER] == GOST_NET_BIG_ENDIAN)
        gost_store64_be(out, x);
    else
        gost_store64_le(out, x);
}

static void prepare_portable(uint64_t *sched)
{
    (void)sched; /* the network words are its whole schedule */
}

static void encrypt_portable(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    for (size_t b = 0; b < nblocks; b++, in += 8, out += 8)
        store_block(sched, out, gost_net_encrypt(sched, load_block(sched, in)));
}

static void decrypt_portable(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    for (size_t b = 0; b < nblocks; b++, in += 8, out += 8)
        store_block(sched, out, gost_net_decrypt(sched, load_block(sched, in)));
}

const struct gost_magma_kernel *gost_magma_kernel_portable(void)
{
    static const struct gost_magma_kernel k = {"portable", prepare_portable, encrypt_portable,
                                               decrypt_portable, gost_net_mac16, NULL};
    return &k;
}

/* ---- the standard's pieces, for its examples ----------------------------- */

uint32_t gost_magma_t(uint32_t a)
{
    uint64_t sched[GOST_NET_WORDS] = {0};
    gost_net_set_sbox(sched, gost_magma_sbox_rows);
    return gost_net_sbox_layer(sched, a);
}

/* g[k](a) = t(a + k mod 2^32) <<< 11 (s.5.2) */
uint32_t gost_magma_g(uint32_t k, uint32_t a)
{
    uint32_t x = gost_magma_t(a + k);
    return x << 11 | x >> 21;
}

/* K_1..K_8 three times, then K_8..K_1 (s.5.3). */
void gost_magma_round_keys(uint32_t rk[32], const uint8_t key[32])
{
    for (int i = 0; i < 32; i++) {
        int w = i < 24 ? i % 8 : 31 - i;
        rk[i] = gost_load32_be(key + 4 * w);
    }
}
