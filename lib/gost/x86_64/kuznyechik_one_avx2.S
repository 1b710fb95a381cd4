/* Kuznyechik encryption of single blocks (GOST R 34.12-2015 s.4.4) with
 * AVX2, constant time, for the serial modes (CBC and CFB encryption, OFB,
 * OMAC) and short tails: x86-64 assembly.
 *
 *   void gost_kuznyechik_encrypt_one_avx2(const uint8_t keys[10][32],
 *                                         const uint8_t *in, uint8_t *out,
 *                                         size_t nblocks);
 *
 * keys: K_1, alpha(K_2) .. alpha(K_9), K_10, each 16 bytes twice (see
 * kuznyechik_avx2.c); the blocks are encrypted one after the other. A
 * second entry, gost_kuznyechik_chain_one_avx2 (at the end), chains them
 * with the chain kept in a register: CBC and CFB encryption, OFB, OMAC.
 *
 * A lone block is a chain of dependent operations, so what counts is the
 * latency of a round. The block is held in both halves of a 256-bit
 * register and each round is
 *  - pi by logarithms in GF(2^4) (pi_simd.h), without its first and last
 *    linear steps;
 *  - L as two triangular Toeplitz stages over GF(2^8) (L = U Lo, see
 *    scripts/gen_kuznyechik_ct.py), each a sum of 16 diagonals, a diagonal
 *    being a product by a constant (two nibble pshufb) shifted into place
 *    (one pshufb): six pairs of diagonals (p in the low half, p + 8 in the
 *    high one) whose halves are then added by a lane-crossing permute, and
 *    four lone diagonals (the same in both halves) summed while that
 *    permute runs;
 *  - omega, pi's last step, folded into the lower stage's tables (and
 *    sigma's lookup composed into them), alpha, pi's first step, into the
 *    upper stage's tables, so the state between rounds is alpha of the
 *    block and each key but the first and the last enters as alpha(K)
 *    (gost_kuznyechik_one_lo, _one_up, _one_shift).
 * The terms of a stage are summed as they arrive, in one chain: the
 * shuffles of a stage issue two a cycle over about twelve cycles, so a
 * chain ends one XOR after the last term where a tree ended three.
 *
 * Measured (rdtsc, fastest of 200 runs of 1000 chained blocks, TSC ticks
 * a block; about 1.32 core cycles a tick): the C one-block path this
 * replaces (sbox_one, linear_one in kuznyechik_simd.h) 485; the same round
 * as here in C intrinsics (GCC 12, which rematerialised constants and
 * spilled the products) 453; this code with eight pairs, a tree, 427; with
 * a chain, 413; with six pairs and four lone diagonals, 397; with the
 * round key added into the lone diagonals' sum, 389. Code
 * placement alone moved these by 4% until the loop was aligned to 64
 * bytes. What bounds a round now, by substitution: a lane-crossing
 * permute's result is usable about 6 cycles after its input on Zen 3 (with
 * an in-lane shuffle in place of the two permutes, wrong but timed, eight
 * pairs ran at 348), then the shuffle bursts of the stages on Zen 3's two
 * shuffle pipes.
 *
 * Every table address is a constant; the data is only ever a pshufb
 * control, an add operand or a blend mask. The registers are cleared on
 * return (vzeroall); nothing is written to memory but the output. */
#if defined(__x86_64__) && defined(__ELF__)

#include "../internal/chain.h" /* GOST_CHAIN_* */
#include "one_block_loop.h" /* NEXT_BLOCK */

#define C15 %ymm15
#define PI gost_kuznyechik_pi_log
/* one_lo[10][2][32], one_up[2][10][2][32], one_shift[2][10][32] */
#define ONE_LO gost_kuznyechik_one_lo
#define ONE_UP gost_kuznyechik_one_up
#define ONE_UP_PLAIN gost_kuznyechik_one_up+640
#define SHIFT_LO gost_kuznyechik_one_shift
#define SHIFT_UP gost_kuznyechik_one_shift+320

	.text


/* dst = the 16-entry table at tbl (32 bytes: twice) looked up by idx;
 * dst must not be idx. */
.macro LOOK tbl, idx, dst
	vmovdqa	\tbl(%rip), \dst
	vpshufb	\idx, \dst, \dst
.endm

/* Entry k of a stage with tables at tbl (tbl + 64 k indexed by ia, + 32 by
 * ib), shifted by sh + 32 k: its term into acc (first = 1) or added to it. */
.macro TERM tbl, ia, ib, sh, k, acc, first
	LOOK	\tbl+64*\k, \ia, %ymm8
	LOOK	\tbl+64*\k+32, \ib, %ymm9
	vpxor	%ymm8, %ymm9, %ymm9
.if \first
	vpshufb	\sh+32*\k(%rip), %ymm9, \acc
.else
	vpshufb	\sh+32*\k(%rip), %ymm9, %ymm1
	vpxor	%ymm1, \acc, \acc
.endif
.endm

/* ymm0 = one Toeplitz stage of (ia, ib), in both halves: the six pairs of
 * diagonals summed in ymm0 and their halves swapped (ymm2) while the four
 * lone diagonals are summed in ymm6, which starts from the round key at
 * key(%rsi) when one is given (the upper stage: 389 against 397 ticks a
 * block with the key added after the stage; 5, 6 or 7 pairs in either
 * stage measured slower than 6 and 6). */
.macro STAGE tbl, ia, ib, sh, key=-1
	TERM	\tbl, \ia, \ib, \sh, 0, %ymm0, 1
	TERM	\tbl, \ia, \ib, \sh, 1, %ymm0, 0
	TERM	\tbl, \ia, \ib, \sh, 2, %ymm0, 0
	TERM	\tbl, \ia, \ib, \sh, 3, %ymm0, 0
	TERM	\tbl, \ia, \ib, \sh, 4, %ymm0, 0
	TERM	\tbl, \ia, \ib, \sh, 5, %ymm0, 0
	vperm2i128 $1, %ymm0, %ymm0, %ymm2
.if \key >= 0
	vmovdqu	\key(%rsi), %ymm6
	TERM	\tbl, \ia, \ib, \sh, 6, %ymm6, 0
.else
	TERM	\tbl, \ia, \ib, \sh, 6, %ymm6, 1
.endif
	TERM	\tbl, \ia, \ib, \sh, 7, %ymm6, 0
	TERM	\tbl, \ia, \ib, \sh, 8, %ymm6, 0
	TERM	\tbl, \ia, \ib, \sh, 9, %ymm6, 0
	vpxor	%ymm2, %ymm0, %ymm0
	vpxor	%ymm6, %ymm0, %ymm0
.endm

/* One round on a = ymm0 (alpha of the block XOR the round key): pi's
 * middle (pi_halves_of_alpha in pi_simd.h: l' ^ nu1(0) in ymm11 and the
 * index e of sigma's lookup in ymm12), the lower stage, then the upper one
 * with tables up, and the key row at keys + key (rsi). Both logarithm sums
 * are reduced mod 15 as min(a + b, a + (b - 15)) (bytes, mod 256: the same
 * value as min(s, s - 15) of s = a + b), b - 15 being made from -log r off
 * the critical path: one subtraction less in the chain twice a round
 * (gost-bench OMAC and CBC-enc at 16 KiB: 24.0 -> 23.7 TSC ticks/B). */
.macro ROUND up, key
	vpsrlw	$4, %ymm0, %ymm7
	vpand	C15, %ymm7, %ymm7		/* l */
	vpand	C15, %ymm0, %ymm13		/* r */
	LOOK	PI+3*32, %ymm13, %ymm8		/* -log r */
	vpsubb	C15, %ymm8, %ymm3		/* -log r - 15 */
	LOOK	PI+2*32, %ymm7, %ymm9		/* log l */
	vpaddb	%ymm8, %ymm9, %ymm10
	vpaddb	%ymm3, %ymm9, %ymm9
	vpminub	%ymm9, %ymm10, %ymm14		/* log l - log r mod 15 */
	LOOK	PI+4*32, %ymm14, %ymm9		/* nu1(l / r) */
	LOOK	PI+5*32, %ymm7, %ymm10		/* nu0(l) */
	vpblendvb %ymm8, %ymm10, %ymm9, %ymm11	/* l': nu0(l) where r = 0 */
	LOOK	PI+6*32, %ymm11, %ymm12		/* -log phi(l') */
	vpaddb	%ymm3, %ymm12, %ymm4
	vpaddb	%ymm8, %ymm12, %ymm12
	vpminub	%ymm4, %ymm12, %ymm12		/* e */
	STAGE	ONE_LO, %ymm11, %ymm12, SHIFT_LO
	vpand	C15, %ymm0, %ymm11
	vpsrlw	$4, %ymm0, %ymm12
	vpand	C15, %ymm12, %ymm12
	STAGE	\up, %ymm11, %ymm12, SHIFT_UP, \key
.endm

/* ymm0 = E_K(ymm0) for the block in both halves of ymm0 (keys in rdi,
 * the rows from alpha(K_2) on in rsi = keys + 32, 0x0f in C15): K_1,
 * alpha, nine rounds. The ciphertext is in both halves. */
.macro ENCRYPT_BLOCK
	vpxor	(%rdi), %ymm0, %ymm0		/* x ^ K_1 */
	vpsrlw	$4, %ymm0, %ymm1
	vpand	C15, %ymm1, %ymm1
	vpand	C15, %ymm0, %ymm0
	LOOK	PI+0*32, %ymm0, %ymm2
	LOOK	PI+1*32, %ymm1, %ymm3
	vpxor	%ymm3, %ymm2, %ymm0		/* alpha */
	ROUND	ONE_UP, 0
	ROUND	ONE_UP, 32
	ROUND	ONE_UP, 64
	ROUND	ONE_UP, 96
	ROUND	ONE_UP, 128
	ROUND	ONE_UP, 160
	ROUND	ONE_UP, 192
	ROUND	ONE_UP, 224
	ROUND	ONE_UP_PLAIN, 256
.endm

.macro SET_C15
	vpcmpeqb %ymm15, %ymm15, %ymm15
	vpsrlw	$12, %ymm15, %ymm15
	vpackuswb %ymm15, %ymm15, %ymm15	/* 0x0f in every byte */
.endm

/* ymm0 = E_K(ymm0), the block in both halves, as ENCRYPT_BLOCK; a local
 * routine, so that the entries below share one copy of the nine unrolled
 * rounds (9.4 KB) instead of one each. In: rdi keys, rsi keys + 32, C15.
 * Clobbers ymm1-ymm4 and ymm6-ymm14; keeps ymm5 (a chain) and every
 * general register. */
	.p2align 6
kuznyechik_encrypt_block_avx2:
	ENCRYPT_BLOCK
	ret

	.p2align 6
	.globl	gost_kuznyechik_encrypt_one_avx2
	.hidden	gost_kuznyechik_encrypt_one_avx2
	.type	gost_kuznyechik_encrypt_one_avx2, @function
/* In: rdi keys, rsi in, rdx out, rcx nblocks. The loop keeps keys in rdi,
 * the rows from alpha(K_2) on in rsi (keys + 32), in in rdx, out in rcx,
 * the count in r8. */
gost_kuznyechik_encrypt_one_avx2:
	testq	%rcx, %rcx
	jz	2f
	movq	%rcx, %r8
	movq	%rdx, %rcx
	movq	%rsi, %rdx
	leaq	32(%rdi), %rsi
	SET_C15
1:
	vbroadcasti128 (%rdx), %ymm0
	call	kuznyechik_encrypt_block_avx2
	vmovdqu	%xmm0, (%rcx)
	NEXT_BLOCK	16, %rdx, %rcx, %r8, 1b
	vzeroall
2:
	ret
	.size	gost_kuznyechik_encrypt_one_avx2, .-gost_kuznyechik_encrypt_one_avx2

/*   void gost_kuznyechik_chain_one_avx2(const uint8_t keys[10][32],
 *                                       uint8_t chain[16], const uint8_t *in,
 *                                       uint8_t *out, size_t nblocks,
 *                                       int mode);
 * The serial modes' chaining, mode GOST_CHAIN_CBC, _CFB or _OFB as
 * internal/chain.h defines them (out NULL for CBC only: OMAC). The chain
 * stays in ymm5 across blocks, so a block costs no store or load beyond
 * its own (one call of the shared rounds). in == out allowed: a block's
 * input is read before its output is written. In: rdi keys, rsi chain,
 * rdx in, rcx out, r8 nblocks, r9d mode; the loops keep the chain's
 * address in r10 and keys + 32 in rsi. The mode and whether out is NULL
 * are public: the branches on them leak nothing. */
	.p2align 6
	.globl	gost_kuznyechik_chain_one_avx2
	.hidden	gost_kuznyechik_chain_one_avx2
	.type	gost_kuznyechik_chain_one_avx2, @function
gost_kuznyechik_chain_one_avx2:
	testq	%r8, %r8
	jz	9f
	movq	%rsi, %r10
	leaq	32(%rdi), %rsi
	SET_C15
	vbroadcasti128 (%r10), %ymm5
	cmpl	$GOST_CHAIN_CFB, %r9d
	je	4f
	cmpl	$GOST_CHAIN_OFB, %r9d
	je	6f
	.p2align 5
1:	/* CBC */
	vbroadcasti128 (%rdx), %ymm0
	vpxor	%ymm5, %ymm0, %ymm0
	call	kuznyechik_encrypt_block_avx2
	vmovdqa	%ymm0, %ymm5
	testq	%rcx, %rcx
	jz	3f
	vmovdqu	%xmm0, (%rcx)
	addq	$16, %rcx
3:
	addq	$16, %rdx
	decq	%r8
	jnz	1b
	jmp	8f
	.p2align 5
4:	/* CFB */
	vmovdqa	%ymm5, %ymm0
	call	kuznyechik_encrypt_block_avx2
	vbroadcasti128 (%rdx), %ymm5
	vpxor	%ymm0, %ymm5, %ymm5
	vmovdqu	%xmm5, (%rcx)
	NEXT_BLOCK	16, %rdx, %rcx, %r8, 4b
	jmp	8f
	.p2align 5
6:	/* OFB */
	vmovdqa	%ymm5, %ymm0
	call	kuznyechik_encrypt_block_avx2
	vmovdqa	%ymm0, %ymm5
	vbroadcasti128 (%rdx), %ymm1
	vpxor	%ymm0, %ymm1, %ymm1
	vmovdqu	%xmm1, (%rcx)
	NEXT_BLOCK	16, %rdx, %rcx, %r8, 6b
8:
	vmovdqu	%xmm5, (%r10)
	vzeroall
9:
	ret
	.size	gost_kuznyechik_chain_one_avx2, .-gost_kuznyechik_chain_one_avx2

#endif
	.section .note.GNU-stack,"",@progbits
