/* Kuznyechik's portable constant-time kernel: no table is indexed by the
 * key or the data, no branch depends on them.
 *
 * Eight blocks are processed at once, byte-sliced: word w[c] holds byte c
 * of each block (byte lane k = block k), so that
 *  - L, a 16x16 matrix over GF(2^8) (see scripts/gen_kuznyechik_ct.py),
 *    is y[r] = XOR_c M[r][c] * w[c] on all eight lanes at once: a Horner
 *    chain of byte-wise xtimes over the bits of the constants (no carry
 *    crosses a lane), the XOR sums shared between rows (generated);
 *  - S works on bytes wherever they sit: each half w[0..7], w[8..15] (64
 *    bytes) is turned into 8 bit planes by a transposition network (an
 *    involution), pi (Streebog's circuit: the two S-boxes are the same
 *    permutation) or pi^-1 (generated) runs on the planes as a Boolean
 *    circuit, and the same network turns the planes back into bytes.
 * The state stays byte-sliced across rounds; blocks are transposed in and
 * out once per batch. Fewer than eight blocks are padded with zeros (the
 * work is the same: a serial mode pays for eight lanes per block).
 *
 * Alternatives weighed: keeping the state in bit planes across rounds would
 * make L a 128x128 binary matrix whose terms sit at different bit positions
 * (a shift and a mask per term), far dearer than byte-wise xtime chains;
 * 4 lanes in 32-bit words would halve the cost of a lone block but also the
 * work done by every 64-bit operation on bulk data. */
#include <string.h>

#include "gost/util.h"
#include "internal/kuznyechik.h"
#include "internal/transpose.h"
#include "internal/util.h"
#include "streebog_impl.h"

#define LANES 8

/* w[c] byte k = byte c of block k, for n <= 8 blocks (lanes n..7 zero). */
static void load_sliced(uint64_t w[16], const uint8_t *in, size_t n)
{
    for (size_t k = 0; k < LANES; k++) {
        w[k] = k < n ? gost_load64_le(in + 16 * k) : 0;
        w[8 + k] = k < n ? gost_load64_le(in + 16 * k + 8) : 0;
    }
    gost_byte_transpose(w);
    gost_byte_transpose(w + 8);
}

static void store_sliced(uint8_t *out, uint64_t w[16], size_t n)
{
    gost_byte_transpose(w);
    gost_byte_transpose(w + 8);
    for (size_t k = 0; k < n; k++) {
        gost_store64_le(out + 16 * k, w[k]);
        gost_store64_le(out + 16 * k + 8, w[8 + k]);
    }
}

static inline void sbox(uint64_t w[16])
{
    for (int h = 0; h < 16; h += 8) {
        gost_bit_planes(w + h);
        gost_streebog_sbox_planes(w + h);
        gost_bit_planes(w + h);
    }
}

static inline void sbox_inv(uint64_t w[16])
{
    for (int h = 0; h < 16; h += 8) {
        gost_bit_planes(w + h);
        gost_kuznyechik_sbox_inv_planes(w + h);
        gost_bit_planes(w + h);
    }
}

static inline void add_key(uint64_t w[16], const uint64_t k[16])
{
    for (int c = 0; c < 16; c++)
        w[c] ^= k[c];
}

/* E_K on the byte-sliced state (s.5.1): X[K_10] LSX[K_9] ... LSX[K_1]. */
static void encrypt_sliced(uint64_t w[16], const uint64_t *sched)
{
    uint64_t t[16];
    for (int i = 0; i < 9; i++) {
        add_key(w, sched + 16 * i);
        sbox(w);
        gost_kuznyechik_l_gf(t, w);
        memcpy(w, t, sizeof t);
    }
    add_key(w, sched + 16 * 9);
    gost_wipe(t, sizeof t);
}

/* D_K (s.5.2): X[K_1] S^-1 L^-1 X[K_2] ... S^-1 L^-1 X[K_10]. */
static void decrypt_sliced(uint64_t w[16], const uint64_t *sched)
{
    uint64_t t[16];
    for (int i = 9; i > 0; i--) {
        add_key(w, sched + 16 * i);
        gost_kuznyechik_l_inv_gf(t, w);
        sbox_inv(t);
        memcpy(w, t, sizeof t);
    }
    add_key(w, sched);
    gost_wipe(t, sizeof t);
}

/* Round key i, byte c, broadcast to the eight lanes: sched[16 i + c]. */
static void fill_sched_portable(uint64_t *sched, const uint8_t rk[10][16])
{
    for (int i = 0; i < 10; i++)
        for (int c = 0; c < 16; c++)
            sched[16 * i + c] = 0x0101010101010101ull * rk[i][c];
}

static void run(void (*fn)(uint64_t w[16], const uint64_t *sched), const uint64_t *sched,
                const uint8_t *in, uint8_t *out, size_t nblocks)
{
    uint64_t w[16];
    while (nblocks > 0) {
        size_t n = nblocks < LANES ? nblocks : LANES;
        load_sliced(w, in, n);
        fn(w, sched);
        store_sliced(out, w, n);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    gost_wipe(w, sizeof w);
}

static void encrypt_portable(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run(encrypt_sliced, sched, in, out, nblocks);
}

static void decrypt_portable(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run(decrypt_sliced, sched, in, out, nblocks);
}


/* LSX[k](a) on lane 0 of a byte-sliced state. The other lanes start at
 * zero and are cleared again after L (S maps them to pi(0)): they carry no
 * data, only the fixed cost of the eight-lane code. */
static void lsx_lane0(uint64_t a[16], const uint64_t k[16])
{
    uint64_t t[16];
    add_key(a, k);
    sbox(a);
    gost_kuznyechik_l_gf(t, a);
    for (int c = 0; c < 16; c++)
        a[c] = t[c] & 0xff;
    gost_wipe(t, sizeof t);
}

/* s.4.3: (K_1, K_2) = the key halves; then four times eight Feistel rounds
 * F[C](a1, a0) = (LSX[C](a1) ^ a0, a1) give the next pair. Lane 0 of
 * byte-sliced words carries each 16-byte value. */
void gost_kuznyechik_expand_key(uint8_t rk[10][16], const uint8_t key[32])
{
    uint64_t a1[16], a0[16], t[16], c[16];
    for (int i = 0; i < 16; i++) {
        a1[i] = key[i];
        a0[i] = key[16 + i];
    }
    memcpy(rk[0], key, 16);
    memcpy(rk[1], key + 16, 16);
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 8; j++) {
            for (int b = 0; b < 16; b++)
                c[b] = gost_kuznyechik_C[8 * i + j][b];
            memcpy(t, a1, sizeof t);
            lsx_lane0(t, c);
            for (int b = 0; b < 16; b++) {
                uint64_t next = t[b] ^ a0[b];
                a0[b] = a1[b];
                a1[b] = next;
            }
        }
        for (int b = 0; b < 16; b++) {
            rk[2 * i + 2][b] = (uint8_t)a1[b];
            rk[2 * i + 3][b] = (uint8_t)a0[b];
        }
    }
    gost_wipe(a1, sizeof a1);
    gost_wipe(a0, sizeof a0);
    gost_wipe(t, sizeof t);
}

static const struct gost_kuznyechik_kernel portable_kernel = {
    "portable", gost_kuznyechik_expand_key, fill_sched_portable, encrypt_portable, decrypt_portable, NULL, NULL};

const struct gost_kuznyechik_kernel *gost_kuznyechik_kernel_portable(void)
{
    return &portable_kernel;
}
