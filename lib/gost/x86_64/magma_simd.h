/* The byte-sliced kernel body of Magma and GOST 28147-89, constant time,
 * written once for 128-bit and 256-bit vectors. The including file defines
 * MG_WIDTH (128 or 256) and MG_NAME(x) (a suffix for the functions), then
 * includes this file; it may do so again with other settings (everything
 * defined here is undefined at the end).
 *
 * MG_NB blocks at a time (16 or 32), one block per byte lane: vector n1[j]
 * holds byte j of N1 (j = 0 least significant), n2[j] byte j of N2, with
 * every byte's top bit flipped. The schedule's sliced part and the reasons
 * for each step are in lib/gost/magma_sliced.c. Per round: 16 operations for
 * the addition of the key (bytes and carries), 12 for the nibbles, 12
 * pshufb, 12 OR/XOR, for MG_NB blocks, plus loads of the tables and of the
 * key bytes (broadcast to vectors in the schedule: a broadcast would cost
 * a shuffle, of which a round has enough). Every
 * index is either a pshufb control or a constant address; the key bytes are
 * only broadcast. A tail of up to MG_LANES blocks (a
 * serial mode's one block) runs with whole 32-bit halves in the lanes of
 * one 128-bit vector (mg_lanes), a longer one as a padded batch. */
#include "../internal/chain.h" /* the chaining entry's modes */

#if MG_WIDTH == 256
/* The state and the key bytes live in vector registers: every entry point
 * below clears them on return. */
#define mg_clear_registers _mm256_zeroall
#define MG_V __m256i
#define MG_NB 32
#define mg_xor _mm256_xor_si256
#define mg_and _mm256_and_si256
#define mg_or _mm256_or_si256
#define mg_add8 _mm256_add_epi8
#define mg_sub8 _mm256_sub_epi8
#define mg_gt8 _mm256_cmpgt_epi8
#define mg_eq8 _mm256_cmpeq_epi8
#define mg_shuf _mm256_shuffle_epi8
#define mg_srli16 _mm256_srli_epi16
#define mg_set1 _mm256_set1_epi8
#define mg_unpacklo16 _mm256_unpacklo_epi16
#define mg_unpackhi16 _mm256_unpackhi_epi16
#define mg_unpacklo32 _mm256_unpacklo_epi32
#define mg_unpackhi32 _mm256_unpackhi_epi32
#define mg_unpacklo64 _mm256_unpacklo_epi64
#define mg_unpackhi64 _mm256_unpackhi_epi64
/* A 16-byte table in both halves. */
#define mg_table(p) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(p)))
#define mg_load(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define mg_store(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), (v))
#define mg_keyvec(kv, j) _mm256_loadu_si256((const __m256i *)(const void *)((kv) + 32 * (j)))
#else
#define mg_clear_registers gost_clear_xmm
#define MG_V __m128i
#define MG_NB 16
#define mg_xor _mm_xor_si128
#define mg_and _mm_and_si128
#define mg_or _mm_or_si128
#define mg_add8 _mm_add_epi8
#define mg_sub8 _mm_sub_epi8
#define mg_gt8 _mm_cmpgt_epi8
#define mg_eq8 _mm_cmpeq_epi8
#define mg_shuf _mm_shuffle_epi8
#define mg_srli16 _mm_srli_epi16
#define mg_set1 _mm_set1_epi8
#define mg_unpacklo16 _mm_unpacklo_epi16
#define mg_unpackhi16 _mm_unpackhi_epi16
#define mg_unpacklo32 _mm_unpacklo_epi32
#define mg_unpackhi32 _mm_unpackhi_epi32
#define mg_unpacklo64 _mm_unpacklo_epi64
#define mg_unpackhi64 _mm_unpackhi_epi64
#define mg_table(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define mg_load(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define mg_store(p, v) _mm_storeu_si128((__m128i *)(void *)(p), (v))
#define mg_keyvec(kv, j) _mm_loadu_si128((const __m128i *)(const void *)((kv) + 32 * (j)))
#endif
#define MG_UNROLL _Pragma("GCC unroll 8")
#define MG_INLINE static inline __attribute__((always_inline))

/* One round, b ^= f(a + K) for the round key whose broadcast bytes are
 * the 32-byte vectors at kv (magma_sliced.c: k_j ^ 0x80, then k_j ^ 0x7f). */
MG_INLINE void MG_NAME(mg_round)(const MG_V a[4], MG_V b[4], const uint8_t *kv, const uint8_t *sl)
{
    const MG_V low = mg_set1(0x0f);
    MG_V x[4], lo[4], hi[4];
    x[0] = mg_add8(a[0], mg_keyvec(kv, 0));
    MG_V carry = mg_gt8(a[0], mg_keyvec(kv, 4));
    MG_UNROLL
    for (int j = 1; j < 3; j++) {
        const MG_V nk = mg_keyvec(kv, 4 + j);
        x[j] = mg_sub8(mg_add8(a[j], mg_keyvec(kv, j)), carry);
        carry = mg_or(mg_gt8(a[j], nk), mg_and(mg_eq8(a[j], nk), carry));
    }
    x[3] = mg_sub8(mg_add8(a[3], mg_keyvec(kv, 3)), carry);
    MG_UNROLL
    for (int j = 0; j < 4; j++) {
        lo[j] = mg_and(x[j], low);
        hi[j] = mg_and(mg_srli16(x[j], 4), low);
    }
    MG_UNROLL
    for (int j = 0; j < 4; j++) {
        const int p = (j + 3) & 3, q = (j + 2) & 3;
        MG_V f = mg_or(mg_shuf(mg_table(sl + GOST_SL_A + 16 * p), lo[p]),
                       mg_shuf(mg_table(sl + GOST_SL_B + 16 * p), hi[p]));
        f = mg_or(f, mg_shuf(mg_table(sl + GOST_SL_C + 16 * q), hi[q]));
        b[j] = mg_xor(b[j], f);
    }
}

/* Transposes the 8x8 16-bit words of each 128-bit half of v[0..7]. */
MG_INLINE void MG_NAME(mg_transpose)(MG_V v[8])
{
    MG_V t[8], u[8];
    MG_UNROLL
    for (int i = 0; i < 4; i++) {
        t[2 * i] = mg_unpacklo16(v[2 * i], v[2 * i + 1]);
        t[2 * i + 1] = mg_unpackhi16(v[2 * i], v[2 * i + 1]);
    }
    MG_UNROLL
    for (int i = 0; i < 2; i++) {
        u[4 * i] = mg_unpacklo32(t[4 * i], t[4 * i + 2]);
        u[4 * i + 1] = mg_unpackhi32(t[4 * i], t[4 * i + 2]);
        u[4 * i + 2] = mg_unpacklo32(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = mg_unpackhi32(t[4 * i + 1], t[4 * i + 3]);
    }
    MG_UNROLL
    for (int i = 0; i < 4; i++) {
        v[2 * i] = mg_unpacklo64(u[i], u[i + 4]);
        v[2 * i + 1] = mg_unpackhi64(u[i], u[i + 4]);
    }
}

/* The round key of round r (0..31): K1..K8 three times then K8..K1 to
 * encrypt, K1..K8 then K8..K1 three times to decrypt. */
MG_INLINE int MG_NAME(mg_key_index)(int r, int decrypt)
{
    if (decrypt)
        return r < 8 ? r : 7 - (r & 7);
    return r < 24 ? (r & 7) : 31 - r;
}

/* MG_NB blocks from in to out (in == out allowed). */
MG_INLINE void MG_NAME(mg_batch)(const uint64_t *sched, const uint8_t *in, uint8_t *out, int decrypt)
{
    const uint8_t *kv = (const uint8_t *)(sched + GOST_NET_KEYVEC);
    const uint8_t *sl = (const uint8_t *)(sched + GOST_NET_SLICED);
    const MG_V flip = mg_set1((char)0x80), load = mg_table(sl + GOST_SL_LOAD);
    MG_V v[8], n1[4], n2[4];
    MG_UNROLL
    for (int r = 0; r < 8; r++)
        v[r] = mg_shuf(mg_load(in + sizeof(MG_V) * r), load);
    MG_NAME(mg_transpose)(v);
    MG_UNROLL
    for (int j = 0; j < 4; j++) {
        n1[j] = mg_xor(v[j], flip);
        n2[j] = mg_xor(v[j + 4], flip);
    }
    for (int r = 0; r < 32; r += 2) {
        MG_NAME(mg_round)(n1, n2, kv + 32 * GOST_NET_KEY_VECTORS * MG_NAME(mg_key_index)(r, decrypt), sl);
        MG_NAME(mg_round)(n2, n1, kv + 32 * GOST_NET_KEY_VECTORS * MG_NAME(mg_key_index)(r + 1, decrypt),
                          sl);
    }
    /* The last round does not swap: N2 leaves in the low half. */
    MG_UNROLL
    for (int j = 0; j < 4; j++) {
        v[j] = mg_xor(n2[j], flip);
        v[j + 4] = mg_xor(n1[j], flip);
    }
    MG_NAME(mg_transpose)(v);
    const MG_V store = mg_table(sl + GOST_SL_STORE);
    MG_UNROLL
    for (int r = 0; r < 8; r++)
        mg_store(out + sizeof(MG_V) * r, mg_shuf(v[r], store));
}

/* f(x) on the four 32-bit lanes of x: the S-box layer by eight masked
 * pshufb (lanes of the other byte positions read index | 0x80, i.e. zero),
 * then the rotation by 11. */
MG_INLINE __m128i MG_NAME(mg_f_lanes)(__m128i x, const uint8_t *sl, const __m128i pos[4])
{
    const __m128i low = _mm_set1_epi8(0x0f);
    const __m128i lo = _mm_and_si128(x, low), hi = _mm_and_si128(_mm_srli_epi16(x, 4), low);
    __m128i t[4];
    MG_UNROLL
    for (int j = 0; j < 4; j++) {
        const __m128i tl = _mm_loadu_si128((const __m128i *)(const void *)(sl + GOST_SL_SL + 16 * j));
        const __m128i th = _mm_loadu_si128((const __m128i *)(const void *)(sl + GOST_SL_SH + 16 * j));
        t[j] = _mm_or_si128(_mm_shuffle_epi8(tl, _mm_or_si128(lo, pos[j])),
                            _mm_shuffle_epi8(th, _mm_or_si128(hi, pos[j])));
    }
    /* A tree, not a chain: one block's rounds are latency bound. */
    const __m128i y = _mm_or_si128(_mm_or_si128(t[0], t[1]), _mm_or_si128(t[2], t[3]));
    return _mm_or_si128(_mm_slli_epi32(y, 11), _mm_srli_epi32(y, 21));
}

/* The first `rounds` rounds (32: the cipher; 16: the MAC, with the
 * encryption's keys) on the halves of up to four blocks, one per 32-bit
 * lane; n1, n2 are swapped after every round, as the MAC wants. */
MG_INLINE void MG_NAME(mg_lanes_rounds)(const uint64_t *sched, __m128i *n1p, __m128i *n2p, int rounds,
                                        int decrypt)
{
    const uint8_t *sl = (const uint8_t *)(sched + GOST_NET_SLICED);
    __m128i pos[4], n1 = *n1p, n2 = *n2p;
    for (int j = 0; j < 4; j++)
        pos[j] = _mm_set1_epi32((int)(0x80808080u & ~(0xffu << (8 * j))));
    for (int r = 0; r < rounds; r += 2) {
        const __m128i ka = _mm_set1_epi32((int)(uint32_t)sched[MG_NAME(mg_key_index)(r, decrypt)]);
        const __m128i kb = _mm_set1_epi32((int)(uint32_t)sched[MG_NAME(mg_key_index)(r + 1, decrypt)]);
        n2 = _mm_xor_si128(n2, MG_NAME(mg_f_lanes)(_mm_add_epi32(n1, ka), sl, pos));
        n1 = _mm_xor_si128(n1, MG_NAME(mg_f_lanes)(_mm_add_epi32(n2, kb), sl, pos));
    }
    *n1p = n1;
    *n2p = n2;
}

/* MG_LANES blocks or fewer in lanes: a quarter of a batch's work or less. */
#define MG_LANES 4

static void MG_NAME(mg_lanes)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks,
                              int decrypt)
{
    const int big = sched[GOST_NET_ORDER] == GOST_NET_BIG_ENDIAN;
    uint32_t lo32[MG_LANES] = {0}, hi32[MG_LANES] = {0};
    for (size_t i = 0; i < nblocks; i++) {
        uint64_t v = big ? gost_load64_be(in + 8 * i) : gost_load64_le(in + 8 * i);
        lo32[i] = (uint32_t)v;
        hi32[i] = (uint32_t)(v >> 32);
    }
    __m128i n1 = _mm_loadu_si128((const __m128i *)(const void *)lo32);
    __m128i n2 = _mm_loadu_si128((const __m128i *)(const void *)hi32);
    MG_NAME(mg_lanes_rounds)(sched, &n1, &n2, 32, decrypt);
    /* The last round does not swap: N2 leaves in the low half. */
    _mm_storeu_si128((__m128i *)(void *)lo32, n2);
    _mm_storeu_si128((__m128i *)(void *)hi32, n1);
    for (size_t i = 0; i < nblocks; i++) {
        uint64_t v = (uint64_t)hi32[i] << 32 | lo32[i];
        if (big)
            gost_store64_be(out + 8 * i, v);
        else
            gost_store64_le(out + 8 * i, v);
    }
    gost_wipe(lo32, sizeof lo32);
    gost_wipe(hi32, sizeof hi32);
}

#ifndef MG_MAC16_ONE
/* The 16 rounds of the 28147 MAC on the network value x (as
 * gost_net_mac16). */
static uint64_t MG_NAME(mg_mac16)(const uint64_t *sched, uint64_t x)
{
    __m128i n1 = _mm_cvtsi32_si128((int)(uint32_t)x), n2 = _mm_cvtsi32_si128((int)(uint32_t)(x >> 32));
    MG_NAME(mg_lanes_rounds)(sched, &n1, &n2, 16, 0);
    return (uint64_t)(uint32_t)_mm_cvtsi128_si32(n2) << 32 | (uint32_t)_mm_cvtsi128_si32(n1);
}
#endif

#ifndef MG_HAS_CHAIN
/* The kernel's chaining entry (internal/chain.h's modes) for a kernel
 * without one of its own: one block in lane 0 of mg_lanes_rounds, the
 * chain held as a value from block to block, so the mode loop's copies and
 * per-block dispatch, and mg_lanes's buffers, go. The branch on the mode
 * is public. */
static uint64_t MG_NAME(mg_encrypt_value)(const uint64_t *sched, uint64_t x)
{
    __m128i n1 = _mm_cvtsi32_si128((int)(uint32_t)x), n2 = _mm_cvtsi32_si128((int)(uint32_t)(x >> 32));
    MG_NAME(mg_lanes_rounds)(sched, &n1, &n2, 32, 0);
    /* The last round does not swap: N2 leaves in the low half. */
    return (uint64_t)(uint32_t)_mm_cvtsi128_si32(n1) << 32 | (uint32_t)_mm_cvtsi128_si32(n2);
}

static void MG_NAME(mg_chain)(const uint64_t *sched, int mode, uint8_t chain[8], const uint8_t *in, uint8_t *out,
                              size_t nblocks)
{
    const int big = sched[GOST_NET_ORDER] == GOST_NET_BIG_ENDIAN;
    uint64_t c = big ? gost_load64_be(chain) : gost_load64_le(chain);
    for (size_t b = 0; b < nblocks; b++) {
        const uint64_t x = big ? gost_load64_be(in + 8 * b) : gost_load64_le(in + 8 * b);
        uint64_t y;
        if (mode == GOST_CHAIN_CBC) {
            c = y = MG_NAME(mg_encrypt_value)(sched, c ^ x);
        } else if (mode == GOST_CHAIN_CFB) {
            c = y = MG_NAME(mg_encrypt_value)(sched, c) ^ x;
        } else {
            c = MG_NAME(mg_encrypt_value)(sched, c);
            y = c ^ x;
        }
        if (out != NULL) {
            if (big)
                gost_store64_be(out + 8 * b, y);
            else
                gost_store64_le(out + 8 * b, y);
        }
    }
    if (big)
        gost_store64_be(chain, c);
    else
        gost_store64_le(chain, c);
    mg_clear_registers();
}
#endif

/* Whole batches; then a tail of at most MG_LANES blocks in lanes, a longer
 * one as a padded batch in a buffer that is wiped. */
static void MG_NAME(mg_run)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks,
                            int decrypt)
{
#ifdef MG_ENCRYPT_ONE
    /* A lone block through the including kernel's one-block code: the four
     * lanes cost the same for one block as for four. */
    if (nblocks == 1 && !decrypt) {
        MG_ENCRYPT_ONE(sched, in, out);
        return;
    }
#endif
    if (nblocks <= MG_LANES) {
        if (nblocks != 0)
            MG_NAME(mg_lanes)(sched, in, out, nblocks, decrypt);
        return;
    }
    for (; nblocks >= MG_NB; nblocks -= MG_NB, in += 8 * MG_NB, out += 8 * MG_NB)
        MG_NAME(mg_batch)(sched, in, out, decrypt);
    if (nblocks != 0 && nblocks <= MG_LANES) {
        MG_NAME(mg_lanes)(sched, in, out, nblocks, decrypt);
    } else if (nblocks != 0) {
        uint8_t buf[8 * MG_NB];
        memcpy(buf, in, 8 * nblocks);
        memset(buf + 8 * nblocks, 0, sizeof buf - 8 * nblocks);
        MG_NAME(mg_batch)(sched, buf, buf, decrypt);
        memcpy(out, buf, 8 * nblocks);
        gost_wipe(buf, sizeof buf);
    }
}

/* The kernel's entry points (struct gost_magma_kernel). */
static void MG_NAME(mg_encrypt)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    MG_NAME(mg_run)(sched, in, out, nblocks, 0);
    mg_clear_registers();
}

static void MG_NAME(mg_decrypt)(const uint64_t *sched, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    MG_NAME(mg_run)(sched, in, out, nblocks, 1);
    mg_clear_registers();
}

static uint64_t MG_NAME(mg_mac16_clear)(const uint64_t *sched, uint64_t x)
{
#ifdef MG_MAC16_ONE
    /* The including kernel's one-block code, which clears the registers. */
    return MG_MAC16_ONE(sched, x);
#else
    uint64_t y = MG_NAME(mg_mac16)(sched, x);
    mg_clear_registers();
    return y;
#endif
}

#undef mg_clear_registers
#undef MG_V
#undef MG_NB
#undef mg_xor
#undef mg_and
#undef mg_or
#undef mg_add8
#undef mg_sub8
#undef mg_gt8
#undef mg_eq8
#undef mg_shuf
#undef mg_srli16
#undef mg_set1
#undef mg_unpacklo16
#undef mg_unpackhi16
#undef mg_unpacklo32
#undef mg_unpackhi32
#undef mg_unpacklo64
#undef mg_unpackhi64
#undef mg_table
#undef mg_load
#undef mg_store
#undef mg_keyvec
#undef MG_UNROLL
#undef MG_INLINE
#undef MG_LANES
#undef MG_ENCRYPT_ONE
#undef MG_MAC16_ONE
#undef MG_HAS_CHAIN
