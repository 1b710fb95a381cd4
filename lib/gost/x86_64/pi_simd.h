/* pi and pi^-1 (GOST R 34.12-2015 s.4.1.1, which is Streebog's pi' of
 * GOST R 34.11-2012 s.5.2) on every byte of a vector, constant time: a
 * template over the vector width, shared by the Kuznyechik and Streebog
 * kernels. The including file defines PI_WIDTH (128 or 256), PI_BLENDV (1
 * when pblendvb may be used: SSE4.1/AVX2) and PI_NAME(x) (a suffix for the
 * functions), then includes this file; it may do so again with other
 * settings (everything defined here but the functions is undefined at the
 * end).
 *
 * Method: the Biryukov-Perrin-Udovenko decomposition of pi (EUROCRYPT 2016,
 * s.3) works on two nibbles l, r of alpha(x), with two products in GF(2^4);
 * each product is a sum of logarithms mod 15, so every step is a 16-entry
 * pshufb table or a byte add. scripts/gen_kuznyechik_ct.py derives the
 * tables (gost_kuznyechik_pi_log, gost_kuznyechik_pi_inv_log), explains the
 * encoding (the logarithm of 0 is 0xc0, whose bit 7 survives every sum, so
 * pshufb yields 0 and the blend between the r = 0 and r != 0 branches reads
 * it) and runs exactly these operations on all 256 bytes against pi.
 *
 * Cost per vector: 26 operations, 10 pshufb and one pblendvb, against 16
 * pshufb and 15 blends (the 16 rows of the table, each byte keeping its
 * row's result) before: on Zen 3 the shuffles share two pipes and were what
 * bound the kernels (Kuznyechik ECB 6.69 -> 5.75 TSC ticks/B).
 *
 * Every table address is a constant; the data is only ever a pshufb
 * control, an add operand or a blend mask. */
#if PI_WIDTH == 256
#define PI_V __m256i
#define pi_table(p) _mm256_load_si256((const __m256i *)(const void *)(p))
#define pi_shuf _mm256_shuffle_epi8
#define pi_and _mm256_and_si256
#define pi_xor _mm256_xor_si256
#define pi_add8 _mm256_add_epi8
#define pi_sub8 _mm256_sub_epi8
#define pi_minu8 _mm256_min_epu8
#define pi_srli16 _mm256_srli_epi16
#define pi_set1 _mm256_set1_epi8
#define pi_select(a, b, sel) _mm256_blendv_epi8((a), (b), (sel))
#else
#define PI_V __m128i
#define pi_table(p) _mm_load_si128((const __m128i *)(const void *)(p))
#define pi_shuf _mm_shuffle_epi8
#define pi_and _mm_and_si128
#define pi_xor _mm_xor_si128
#define pi_add8 _mm_add_epi8
#define pi_sub8 _mm_sub_epi8
#define pi_minu8 _mm_min_epu8
#define pi_srli16 _mm_srli_epi16
#define pi_set1 _mm_set1_epi8
#if PI_BLENDV
#define pi_select(a, b, sel) _mm_blendv_epi8((a), (b), (sel))
#else
/* b where sel has bit 7 set, else a (a signed compare reads bit 7). */
#define pi_select(a, b, sel) \
    _mm_or_si128(_mm_andnot_si128(_mm_cmplt_epi8((sel), _mm_setzero_si128()), (a)), \
                 _mm_and_si128(_mm_cmplt_epi8((sel), _mm_setzero_si128()), (b)))
#endif
#endif

/* The table lookup of each byte's low and high nibble (the nibble tables
 * of a linear map on bytes are t[0], t[1]). */
#define pi_lo(v) pi_and((v), pi_set1(0x0f))
#define pi_hi(v) pi_and(pi_srli16((v), 4), pi_set1(0x0f))
#define pi_lookup(t, v) pi_shuf(pi_table(t), (v))
/* A sum of two logarithms (each 0..14, or 0xc0 for log 0) mod 15. */
#define pi_mod15(s) pi_minu8((s), pi_sub8((s), pi_set1(15)))

/* alpha, the decomposition's first step (a linear map), of every byte of
 * x, and its inverse. */
static inline __attribute__((always_inline)) PI_V PI_NAME(pi_alpha)(PI_V x)
{
    return pi_xor(pi_lookup(gost_kuznyechik_pi_log[0], pi_lo(x)), pi_lookup(gost_kuznyechik_pi_log[1], pi_hi(x)));
}

static inline __attribute__((always_inline)) PI_V PI_NAME(pi_alpha_inv)(PI_V a)
{
    return pi_xor(pi_lookup(gost_kuznyechik_pi_inv_log[7], pi_hi(a)), pi_lookup(gost_kuznyechik_pi_inv_log[8], pi_lo(a)));
}

/* pi of every byte of x but its first and last steps: from a = alpha(x),
 * l' ^ nu1(0) and r' ^ sigma(0), the decomposition's two output nibbles,
 * each in the low four bits of its byte, with pi(x) = T8[l''] ^ T9[r'']
 * (omega, a linear map). A caller whose steps around pi are linear
 * (Streebog's) keeps its state as alpha of each byte and folds omega into
 * its own nibble tables. */
static inline __attribute__((always_inline)) void PI_NAME(pi_halves_of_alpha)(PI_V a, PI_V *lpp, PI_V *rpp)
{
    const uint8_t(*t)[32] = gost_kuznyechik_pi_log;
    const PI_V l = pi_hi(a), nlr = pi_lookup(t[3], pi_lo(a)); /* -log r */
    /* l' ^ nu1(0): nu0(l) when r = 0, else nu1(l / r) */
    const PI_V lp = pi_select(pi_lookup(t[4], pi_mod15(pi_add8(pi_lookup(t[2], l), nlr))), pi_lookup(t[5], l), nlr);
    /* r' ^ sigma(0) = sigma(r phi(l')) ^ sigma(0) */
    *rpp = pi_lookup(t[7], pi_mod15(pi_add8(nlr, pi_lookup(t[6], lp))));
    *lpp = lp;
}

/* The same from x itself. */
static inline __attribute__((always_inline)) void PI_NAME(pi_halves)(PI_V x, PI_V *lpp, PI_V *rpp)
{
    PI_NAME(pi_halves_of_alpha)(PI_NAME(pi_alpha)(x), lpp, rpp);
}

/* pi of every byte of x. */
static inline __attribute__((always_inline)) PI_V PI_NAME(pi)(PI_V x)
{
    PI_V lp, rp;
    PI_NAME(pi_halves)(x, &lp, &rp);
    return pi_xor(pi_lookup(gost_kuznyechik_pi_log[8], lp), pi_lookup(gost_kuznyechik_pi_log[9], rp));
}

/* pi^-1 of every byte of y. */
static inline __attribute__((always_inline)) PI_V PI_NAME(pi_inv)(PI_V y)
{
    const uint8_t(*t)[32] = gost_kuznyechik_pi_inv_log;
    const PI_V b = pi_xor(pi_lookup(t[0], pi_lo(y)), pi_lookup(t[1], pi_hi(y)));
    const PI_V lp = pi_hi(b);
    /* log r = log sigma^-1(r') - log phi(l') */
    const PI_V lr = pi_mod15(pi_add8(pi_lookup(t[2], pi_lo(b)), pi_lookup(t[3], lp)));
    /* l: nu0^-1(l') when r = 0, else nu1^-1(l') r */
    const PI_V l = pi_select(pi_lookup(t[4], pi_mod15(pi_add8(pi_lookup(t[5], lp), lr))), pi_lookup(t[6], lp), lr);
    return pi_xor(pi_lookup(t[7], l), pi_lookup(t[8], pi_lookup(t[4], lr)));
}

#undef PI_V
#undef pi_table
#undef pi_shuf
#undef pi_and
#undef pi_xor
#undef pi_add8
#undef pi_sub8
#undef pi_minu8
#undef pi_srli16
#undef pi_set1
#undef pi_select
#undef pi_lo
#undef pi_hi
#undef pi_lookup
#undef pi_mod15
