/* Streebog's compression g_N(h, m) (GOST R 34.11-2012 s.7) with the LPS
 * tables, in x86-64 assembly with AVX: for public data only, like
 * lib/gost/streebog_table.c, whose tables it reads (gost_streebog_T: output
 * word i of LPS is XOR_j T[j][byte i of input word j]).
 *
 *   void gost_streebog_compress_table_avx(uint64_t h[8], const uint64_t n[8],
 *                                         const uint8_t m[64]);
 *
 * The state never leaves registers: K in xmm8..xmm11 and S in
 * xmm12..xmm15, two words a register; a LPS moves its eight input words
 * to general registers and sums its output words on the vector side. The
 * kernel this replaced (BMI1, output words summed in general registers, K
 * and S in stack rows written and read back every LPS) took 12.9 TSC ticks
 * a byte in a harness and 13.4 in most link layouts, but 15.8-17.2 in the
 * gost-bench binary of the same tree, every run (setarch -R too); this one
 * took 12.65 in the harness, 13.05 in those layouts and 13.01 in that
 * binary (processes alternated). The cause of
 * the slow layout was not isolated; this kernel's only memory traffic in
 * the rounds is the table and round-constant loads.
 *
 * A LPS, as every table kernel here is, is bound by its count of
 * operations (about 200: 64 table loads, 64 index extractions, the sums),
 * which Zen 3 retires at 4.5-4.7 a cycle (llvm-mca -mcpu=znver3 predicts
 * this kernel within 3%). Indexes: the words are read two bytes at a time
 * from rax..rdx, the registers with high-byte names (movzbl %al, %ah; then a
 * 16-bit shift), 11 operations a word on any of the four ALUs, where BEXTR
 * takes 8 on two of them. Sums: output words 2p and 2p+1 are one register,
 * their two lookups one vmovq and one vmovhps from the table rows, XORed
 * in. Public data only: nothing here is wiped. */
#if defined(__x86_64__) && defined(__ELF__)

	.text

/* The eight words of a LPS input in x0..x3 (two a register) to general
 * registers: words 0..3 to rax, rbx, rcx, rdx, words 4..7 to r8..r11. */
.macro WORDS_TO_GPR x0, x1, x2, x3
	vmovq	\x0, %rax
	vpextrq	$1, \x0, %rbx
	vmovq	\x1, %rcx
	vpextrq	$1, \x1, %rdx
	vmovq	\x2, %r8
	vpextrq	$1, \x2, %r9
	vmovq	\x3, %r10
	vpextrq	$1, \x3, %r11
.endm

/* Bytes 2p and 2p+1 of the word in register w (a, b, c or d; bytes 2p and
 * 2p+1 are its low two bytes by now), looked up in table j, into output
 * words 2p (low half) and 2p+1 (high half) of acc: the first lookups of
 * acc set it, the others are XORed in through t. */
.macro PAIR w, j, t, acc, first
	movzbl	%\w\()l, %r13d
	movzbl	%\w\()h, %esi
.if \first
	vmovq	2048*(\j)(%r12,%r13,8), \acc
	vmovhps	2048*(\j)(%r12,%rsi,8), \acc, \acc
.else
	vmovq	2048*(\j)(%r12,%r13,8), \t
	vmovhps	2048*(\j)(%r12,%rsi,8), \t, \t
	vpxor	\t, \acc, \acc
.endif
.endm

/* Bytes 2p, 2p+1 of the four words in rax..rdx (tables j0..j0+3) into acc. */
.macro PAIR4 j0, first, acc
	PAIR	a, \j0, %xmm4, \acc, \first
	PAIR	b, \j0+1, %xmm5, \acc, 0
	PAIR	c, \j0+2, %xmm6, \acc, 0
	PAIR	d, \j0+3, %xmm7, \acc, 0
.endm

.macro NEXT_PAIR
	shrq	$16, %rax
	shrq	$16, %rbx
	shrq	$16, %rcx
	shrq	$16, %rdx
.endm

/* The four words in rax..rdx, tables j0..j0+3, into the output a0..a3. */
.macro FOUR_WORDS j0, first, a0, a1, a2, a3
	PAIR4	\j0, \first, \a0
	NEXT_PAIR
	PAIR4	\j0, \first, \a1
	NEXT_PAIR
	PAIR4	\j0, \first, \a2
	NEXT_PAIR
	PAIR4	\j0, \first, \a3
.endm

/* LPS of the words in rax..rdx, r8..r11 into a0..a3 (xmm4..7 are
 * scratch: the input must already be in general registers). */
.macro LPS a0, a1, a2, a3
	FOUR_WORDS 0, 1, \a0, \a1, \a2, \a3
	movq	%r8, %rax
	movq	%r9, %rbx
	movq	%r10, %rcx
	movq	%r11, %rdx
	FOUR_WORDS 4, 0, \a0, \a1, \a2, \a3
.endm

/* One round r: K' = LPS(K ^ C_r) into n0..n3, S = LPS(S ^ K) in
 * xmm12..xmm15; C_r is the row at r15, which then moves to C_{r+1}. */
.macro ROUND k0, k1, k2, k3, n0, n1, n2, n3
	vpxor	(%r15), \k0, %xmm4
	vpxor	16(%r15), \k1, %xmm5
	vpxor	32(%r15), \k2, %xmm6
	vpxor	48(%r15), \k3, %xmm7
	WORDS_TO_GPR %xmm4, %xmm5, %xmm6, %xmm7
	LPS	\n0, \n1, \n2, \n3
	vpxor	%xmm12, \k0, %xmm4
	vpxor	%xmm13, \k1, %xmm5
	vpxor	%xmm14, \k2, %xmm6
	vpxor	%xmm15, \k3, %xmm7
	WORDS_TO_GPR %xmm4, %xmm5, %xmm6, %xmm7
	LPS	%xmm12, %xmm13, %xmm14, %xmm15
	addq	$64, %r15
.endm

	.globl	gost_streebog_compress_table_avx
	.hidden	gost_streebog_compress_table_avx
	.type	gost_streebog_compress_table_avx, @function
	.p2align 5
gost_streebog_compress_table_avx:
	.cfi_startproc
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbx, 0
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r12, 0
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r13, 0
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r15, 0
	pushq	%rdi			/* h and m, for the end */
	.cfi_adjust_cfa_offset 8
	pushq	%rdx
	.cfi_adjust_cfa_offset 8

	leaq	gost_streebog_T(%rip), %r12
	leaq	gost_streebog_C(%rip), %r15
	leaq	12*64(%r15), %rbp

	/* S = m; K_1 = LPS(h ^ N) (the words are little-endian, like x86). */
	vmovdqu	(%rdx), %xmm12
	vmovdqu	16(%rdx), %xmm13
	vmovdqu	32(%rdx), %xmm14
	vmovdqu	48(%rdx), %xmm15
	vmovdqu	(%rdi), %xmm4
	vmovdqu	16(%rdi), %xmm5
	vmovdqu	32(%rdi), %xmm6
	vmovdqu	48(%rdi), %xmm7
	vpxor	(%rsi), %xmm4, %xmm4
	vpxor	16(%rsi), %xmm5, %xmm5
	vpxor	32(%rsi), %xmm6, %xmm6
	vpxor	48(%rsi), %xmm7, %xmm7
	WORDS_TO_GPR %xmm4, %xmm5, %xmm6, %xmm7
	LPS	%xmm8, %xmm9, %xmm10, %xmm11

	/* Twelve rounds, two a trip, K alternating between xmm8..11 and
	 * xmm0..3; the last leaves K_13 in xmm8..11. */
	.p2align 5
1:
	ROUND	%xmm8, %xmm9, %xmm10, %xmm11, %xmm0, %xmm1, %xmm2, %xmm3
	ROUND	%xmm0, %xmm1, %xmm2, %xmm3, %xmm8, %xmm9, %xmm10, %xmm11
	cmpq	%rbp, %r15
	jne	1b

	/* h ^= S ^ K_13 ^ m. */
	popq	%rdx
	.cfi_adjust_cfa_offset -8
	popq	%rdi
	.cfi_adjust_cfa_offset -8
	vpxor	%xmm12, %xmm8, %xmm8
	vpxor	%xmm13, %xmm9, %xmm9
	vpxor	%xmm14, %xmm10, %xmm10
	vpxor	%xmm15, %xmm11, %xmm11
	vpxor	(%rdx), %xmm8, %xmm8
	vpxor	16(%rdx), %xmm9, %xmm9
	vpxor	32(%rdx), %xmm10, %xmm10
	vpxor	48(%rdx), %xmm11, %xmm11
	vpxor	(%rdi), %xmm8, %xmm8
	vpxor	16(%rdi), %xmm9, %xmm9
	vpxor	32(%rdi), %xmm10, %xmm10
	vpxor	48(%rdi), %xmm11, %xmm11
	vmovdqu	%xmm8, (%rdi)
	vmovdqu	%xmm9, 16(%rdi)
	vmovdqu	%xmm10, 32(%rdi)
	vmovdqu	%xmm11, 48(%rdi)

	popq	%r15
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r15
	popq	%r13
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r13
	popq	%r12
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r12
	popq	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbp
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbx
	ret
	.cfi_endproc
	.size	gost_streebog_compress_table_avx, .-gost_streebog_compress_table_avx

#endif

#if defined(__ELF__)
	.section .note.GNU-stack, "", @progbits
#endif
