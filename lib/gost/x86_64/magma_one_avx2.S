/* Magma and GOST 28147-89 encryption of single blocks (GOST R 34.12-2015
 * s.5.4) with AVX2's 128-bit instructions, constant time, for the serial
 * modes (CBC and CFB encryption, OFB, OMAC), the 28147 MAC's rounds and a
 * lone block: x86-64 assembly.
 *
 *   void gost_magma_encrypt_one_avx2(const uint64_t *sched, const uint8_t *in,
 *                                    uint8_t *out, size_t nblocks);
 *   void gost_magma_chain_one_avx2(const uint64_t *sched, uint8_t chain[8],
 *                                  const uint8_t *in, uint8_t *out,
 *                                  size_t nblocks, int mode);
 *   uint64_t gost_magma_mac16_avx2(const uint64_t *sched, uint64_t x);
 *
 * sched is the network schedule with its sliced part (internal/magma.h,
 * magma_sliced.c): the round keys K1..K8 as the low halves of words 0..7,
 * the byte order at word 16, the plain S-boxes of byte j's nibbles SL_j,
 * SH_j (16 bytes each) at bytes SL and SH below (asserted in
 * magma_avx2.c). The chaining entry's modes are those of internal/chain.h.
 *
 * A lone block is a chain of dependent operations, so what counts is the
 * latency of a round, N2 ^= f(N1 + K) with f(x) = S(x) <<< 11. N1 and N2
 * live in the low 32-bit lane of two registers (the other lanes carry
 * garbage that never reaches the low lane), and a round is
 *  - x = N1 + K by one 32-bit add (the key word read from the schedule);
 *  - the nibbles of x by an AND and a 16-bit shift and an AND;
 *  - the eight S-boxes by eight pshufb, each looking every byte up in one
 *    S-box's table, and the right byte of each picked by a tree of
 *    vpblendvb (bytes 1, 3 over 0, 2, then 2..3 over 0..1), low nibbles
 *    and high nibbles apart (their bits do not overlap);
 *  - the rotation of each half by two shifts, XORed into N2 as they come.
 * On Zen 3 pshufb, vpblendvb and the shifts share two pipes, so the 19 of
 * them bound a round with its chain of 9: measured (rdtsc, fastest of
 * 2000 runs of 100 chained blocks, TSC ticks a block) 357-365 against
 * 430-455 for the C path through the kernel's four-lane code (mg_lanes in
 * magma_simd.h, a block per call), with the blends replaced by masked
 * indexes and XORs 364-390 (fewer shuffles, a longer chain), the rotation
 * by one pair of shifts after the halves are joined 374.
 *
 * Every table address is a constant; the data is only ever a pshufb
 * control, an add operand or a blend's data. The registers are cleared on
 * return (vzeroall); nothing is written to memory but the output and the
 * chain. */
#if defined(__x86_64__) && defined(__ELF__)

#include "../internal/chain.h" /* GOST_CHAIN_* */
#include "one_block_loop.h" /* NEXT_BLOCK */

/* Bytes of the schedule: SL_0 (8 * GOST_NET_SLICED + GOST_SL_SL), SH_0
 * (+ GOST_SL_SH), the byte order word (8 * GOST_NET_ORDER). */
#define SL 448
#define SH 512
#define ORDER 128

#define LOW %xmm15
#define PICK1 %xmm14
#define PICK3 %xmm13
#define PICK23 %xmm12

	.text


/* dst = the S-box table at tbl (16 bytes) looked up by idx. */
.macro LOOKB tbl, idx, dst
	vmovdqu	\tbl(%rdi), \dst
	vpshufb	\idx, \dst, \dst
.endm

/* b ^= f(a + K_k), in the low 32-bit lanes. */
.macro HALF a, b, k
	vpaddd	8*\k(%rdi), \a, %xmm2
	vpsrlw	$4, %xmm2, %xmm3
	vpand	LOW, %xmm2, %xmm2		/* low nibbles */
	vpand	LOW, %xmm3, %xmm3		/* high nibbles */
	LOOKB	SL, %xmm2, %xmm4
	LOOKB	SL+16, %xmm2, %xmm5
	LOOKB	SL+32, %xmm2, %xmm6
	LOOKB	SL+48, %xmm2, %xmm7
	vpblendvb PICK1, %xmm5, %xmm4, %xmm4
	vpblendvb PICK3, %xmm7, %xmm6, %xmm6
	LOOKB	SH, %xmm3, %xmm8
	LOOKB	SH+16, %xmm3, %xmm9
	LOOKB	SH+32, %xmm3, %xmm10
	LOOKB	SH+48, %xmm3, %xmm11
	vpblendvb PICK23, %xmm6, %xmm4, %xmm4	/* S of the low nibbles */
	vpblendvb PICK1, %xmm9, %xmm8, %xmm8
	vpblendvb PICK3, %xmm11, %xmm10, %xmm10
	vpslld	$11, %xmm4, %xmm5
	vpsrld	$21, %xmm4, %xmm4
	vpblendvb PICK23, %xmm10, %xmm8, %xmm8	/* S of the high nibbles */
	vpxor	%xmm5, \b, \b
	vpxor	%xmm4, \b, \b
	vpslld	$11, %xmm8, %xmm9
	vpsrld	$21, %xmm8, %xmm8
	vpxor	%xmm9, %xmm8, %xmm8
	vpxor	%xmm8, \b, \b
.endm

/* Two rounds with the keys ka, kb: N2 ^= f(N1 + ka), N1 ^= f(N2 + kb). */
.macro TWO ka, kb
	HALF	%xmm0, %xmm1, \ka
	HALF	%xmm1, %xmm0, \kb
.endm

/* The first 16 rounds, K1..K8 twice, on N1 in xmm0 and N2 in xmm1: the
 * start of an encryption and the whole of the 28147 MAC's rounds. A local
 * routine. In: rdi the schedule, LOW and the PICK masks set. Clobbers
 * xmm2-xmm11. */
	.p2align 6
magma_rounds16_avx2:
	.rept 2
	TWO	0, 1
	TWO	2, 3
	TWO	4, 5
	TWO	6, 7
	.endr
	ret

/* xmm0 = E_K(v) for the network value v (N2:N1, N1 the low 32 bits) in the
 * low 64 bits of xmm0: the 32 rounds, K1..K8 three times then K8..K1, the
 * last without the swap. A local routine, shared by the entries; as
 * magma_rounds16_avx2 otherwise, clobbering xmm1 too. */
	.p2align 6
magma_encrypt_value_avx2:
	vpsrlq	$32, %xmm0, %xmm1
	call	magma_rounds16_avx2
	TWO	0, 1
	TWO	2, 3
	TWO	4, 5
	TWO	6, 7
	TWO	7, 6
	TWO	5, 4
	TWO	3, 2
	TWO	1, 0
	vpunpckldq %xmm0, %xmm1, %xmm0		/* N1 high, N2 low */
	ret

/* The round's constants. */
.macro SET_CONSTANTS
	vmovdqa	.Lconst(%rip), LOW
	vmovdqa	.Lconst+16(%rip), PICK1
	vmovdqa	.Lconst+32(%rip), PICK3
	vmovdqa	.Lconst+48(%rip), PICK23
.endm

/* The constants, and in r11 the byte order's shuffle (a public choice):
 * Magma's blocks are big endian, 28147's little endian. The MAC's rounds
 * take a network value and need only the constants. */
.macro SETUP
	SET_CONSTANTS
	leaq	.Lconst+64(%rip), %r11
	cmpq	$0, ORDER(%rdi)
	je	10f
	leaq	.Lconst+80(%rip), %r11
10:
.endm

	.p2align 6
	.globl	gost_magma_encrypt_one_avx2
	.hidden	gost_magma_encrypt_one_avx2
	.type	gost_magma_encrypt_one_avx2, @function
/* In: rdi sched, rsi in, rdx out, rcx nblocks. */
gost_magma_encrypt_one_avx2:
	testq	%rcx, %rcx
	jz	9f
	SETUP
1:
	vmovq	(%rsi), %xmm0
	vpshufb	(%r11), %xmm0, %xmm0
	call	magma_encrypt_value_avx2
	vpshufb	(%r11), %xmm0, %xmm0
	vmovq	%xmm0, (%rdx)
	NEXT_BLOCK	8, %rsi, %rdx, %rcx, 1b
	vzeroall
9:
	ret
	.size	gost_magma_encrypt_one_avx2, .-gost_magma_encrypt_one_avx2

	.p2align 6
	.globl	gost_magma_mac16_avx2
	.hidden	gost_magma_mac16_avx2
	.type	gost_magma_mac16_avx2, @function
/* uint64_t gost_magma_mac16_avx2(const uint64_t *sched, uint64_t x): the
 * 28147 MAC's 16 rounds on the network value x, N2:N1 after the last
 * (as gost_net_mac16). In: rdi sched, rsi x. */
gost_magma_mac16_avx2:
	SET_CONSTANTS
	vmovq	%rsi, %xmm0
	vpsrlq	$32, %xmm0, %xmm1
	call	magma_rounds16_avx2
	vpunpckldq %xmm1, %xmm0, %xmm0		/* N2 high, N1 low */
	vmovq	%xmm0, %rax
	vzeroall
	ret
	.size	gost_magma_mac16_avx2, .-gost_magma_mac16_avx2

/* The serial modes' chaining, mode GOST_CHAIN_CBC, _CFB or _OFB as
 * internal/chain.h defines them (out NULL for CBC only: OMAC). The chain
 * stays in xmm0 across blocks, as the network value (the XORs commute
 * with the byte order's shuffle). in == out allowed: a block's
 * input is read before its output is written. In: rdi sched, rsi chain,
 * rdx in, rcx out, r8 nblocks, r9d mode. The mode and whether out is NULL
 * are public: the branches on them leak nothing. */
	.p2align 6
	.globl	gost_magma_chain_one_avx2
	.hidden	gost_magma_chain_one_avx2
	.type	gost_magma_chain_one_avx2, @function
gost_magma_chain_one_avx2:
	testq	%r8, %r8
	jz	9f
	SETUP
	vmovq	(%rsi), %xmm0
	vpshufb	(%r11), %xmm0, %xmm0
	cmpl	$GOST_CHAIN_CFB, %r9d
	je	4f
	cmpl	$GOST_CHAIN_OFB, %r9d
	je	6f
	.p2align 5
1:	/* CBC */
	vmovq	(%rdx), %xmm2
	vpshufb	(%r11), %xmm2, %xmm2
	vpxor	%xmm2, %xmm0, %xmm0
	call	magma_encrypt_value_avx2
	testq	%rcx, %rcx
	jz	3f
	vpshufb	(%r11), %xmm0, %xmm2
	vmovq	%xmm2, (%rcx)
	addq	$8, %rcx
3:
	addq	$8, %rdx
	decq	%r8
	jnz	1b
	jmp	8f
	.p2align 5
4:	/* CFB */
	call	magma_encrypt_value_avx2
	vmovq	(%rdx), %xmm2
	vpshufb	(%r11), %xmm2, %xmm2
	vpxor	%xmm2, %xmm0, %xmm0
	vpshufb	(%r11), %xmm0, %xmm2
	vmovq	%xmm2, (%rcx)
	NEXT_BLOCK	8, %rdx, %rcx, %r8, 4b
	jmp	8f
	.p2align 5
6:	/* OFB */
	call	magma_encrypt_value_avx2
	vpshufb	(%r11), %xmm0, %xmm2
	vmovq	(%rdx), %xmm3
	vpxor	%xmm3, %xmm2, %xmm2
	vmovq	%xmm2, (%rcx)
	NEXT_BLOCK	8, %rdx, %rcx, %r8, 6b
8:
	vpshufb	(%r11), %xmm0, %xmm0
	vmovq	%xmm0, (%rsi)
	vzeroall
9:
	ret
	.size	gost_magma_chain_one_avx2, .-gost_magma_chain_one_avx2

	.section .rodata
	.p2align 4
.Lconst:
	.fill	16, 1, 0x0f				/* LOW */
	.long	0xff00, 0xff00, 0xff00, 0xff00		/* PICK1: byte 1 of a lane */
	.long	0xff000000, 0xff000000, 0xff000000, 0xff000000	/* PICK3 */
	.long	0xffff0000, 0xffff0000, 0xffff0000, 0xffff0000	/* PICK23 */
	.byte	7, 6, 5, 4, 3, 2, 1, 0, 8, 9, 10, 11, 12, 13, 14, 15	/* big endian */
	.byte	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15	/* little endian */

#endif
	.section .note.GNU-stack,"",@progbits
