/* Streebog's compression g_N(h, m) (GOST R 34.11-2012 s.7) with the LPS
 * tables, in x86-64 assembly with BMI1: for public data only, like
 * lib/gost/streebog_table.c, whose loads it shares (gost_streebog_T: output
 * word i of LPS is XOR_j T[j][byte i of input word j]).
 *
 *   void gost_streebog_compress_table_bmi1(uint64_t h[8], const uint64_t n[8],
 *                                          const uint8_t m[64]);
 *
 * Why assembly: the C table kernel reads byte i of a word as a shift and a
 * zero-extending move (with a register copy, in GCC's code), so a LPS of 64
 * lookups costs about 180 integer operations on Zen 3's four ALUs. Here
 * BEXTR (start 8i, length 8; control word in r13) gives each index in one
 * operation, the table load folds into the XOR, and half the words are
 * summed on the vector pipes (LPS_WORD_X): about 107 ALU operations a LPS.
 * GCC does not keep this form (its BEXTR version of the C spilled the words
 * and ran slower than the C kernel), hence the hand-written code. Measured
 * (rdtsc, fastest of 300 runs over 16 KiB of compressions): 17.5 TSC ticks
 * a byte for the C kernel, 13.9 for this one with all words summed in
 * integer registers, 13.1 with words 1, 3, 5 and 7 on the vector side (all
 * seven: 13.8; 6 of 7: 13.3), 12.9 with byte 1 by high-byte names.
 *
 * The eight words of a LPS input live in rax, rbx, rcx, rdx, rsi, rdi, r8,
 * r9 (loaded as x ^ y from two rows), r10/r11/rbp hold indexes, r12 the
 * table, r14 or xmm0..7 the word being summed, r15 the round constant's
 * row. The state lives on the stack in whole words, written one LPS before
 * it is read, so every load of it is a plain 8-byte store-to-load forward.
 * Public data only: nothing here is wiped. */
#if defined(__x86_64__) && defined(__ELF__)

	.text

/* Frame: K in two rows that alternate (KA, KB), the state S, then the
 * saved h and m pointers and the end of the round constants. */
#define KA 0
#define KB 64
#define S 128
#define SAVED_H 192
#define SAVED_M 200
#define C_END 208
#define FRAME 216

/* The eight input words: row x (base bx, offset ox) XOR row y. */
.macro LPS_IN bx, ox, by, oy
	movq	\ox(\bx), %rax
	xorq	\oy(\by), %rax
	movq	\ox+8(\bx), %rbx
	xorq	\oy+8(\by), %rbx
	movq	\ox+16(\bx), %rcx
	xorq	\oy+16(\by), %rcx
	movq	\ox+24(\bx), %rdx
	xorq	\oy+24(\by), %rdx
	movq	\ox+32(\bx), %rsi
	xorq	\oy+32(\by), %rsi
	movq	\ox+40(\bx), %rdi
	xorq	\oy+40(\by), %rdi
	movq	\ox+48(\bx), %r8
	xorq	\oy+48(\by), %r8
	movq	\ox+56(\bx), %r9
	xorq	\oy+56(\by), %r9
.endm

/* The table index of byte i of word q (byte register b) into dst: byte 0
 * by a plain zero-extending move (any ALU), the others by BEXTR with the
 * control word in r13 (two of Zen 3's four ALUs). */
.macro INDEX i, q, b, dst, dst32
.if \i == 0
	movzbl	\b, \dst32
.else
	bextrq	%r13, \q, \dst
.endif
.endm

/* Output word i of LPS summed in r14 (the table loads fold into the XORs),
 * stored at offset o + 8i of the frame. Word 0 needs no BEXTR control. */
.macro LPS_WORD i, o
.if \i != 0
	movl	$(0x800 + 8 * \i), %r13d
.endif
	INDEX	\i, %rax, %al, %r10, %r10d
	INDEX	\i, %rbx, %bl, %r11, %r11d
	movq	(%r12,%r10,8), %r14
	INDEX	\i, %rcx, %cl, %rbp, %ebp
	xorq	2048(%r12,%r11,8), %r14
	INDEX	\i, %rdx, %dl, %r10, %r10d
	xorq	4096(%r12,%rbp,8), %r14
	INDEX	\i, %rsi, %sil, %r11, %r11d
	xorq	6144(%r12,%r10,8), %r14
	INDEX	\i, %rdi, %dil, %rbp, %ebp
	xorq	8192(%r12,%r11,8), %r14
	INDEX	\i, %r8, %r8b, %r10, %r10d
	xorq	10240(%r12,%rbp,8), %r14
	INDEX	\i, %r9, %r9b, %r11, %r11d
	xorq	12288(%r12,%r10,8), %r14
	xorq	14336(%r12,%r11,8), %r14
	movq	%r14, \o+8*\i(%rsp)
.endm

/* Output word i summed in xmm0..xmm7 instead, its seven XORs on the vector
 * pipes: words 1, 3, 5 and 7 go this way, which takes 28 of the LPS's 135
 * integer operations off the ALUs. Byte 1 of rax..rdx is read by their
 * high-byte names (a move on any ALU; only into a register without a REX
 * prefix, ebp), four BEXTRs fewer on their two pipes. */
.macro LPS_WORD_X i, o
	movl	$(0x800 + 8 * \i), %r13d
.if \i == 1
	movzbl	%ah, %ebp
	movq	(%r12,%rbp,8), %xmm0
	movzbl	%bh, %ebp
	movq	2048(%r12,%rbp,8), %xmm1
	movzbl	%ch, %ebp
	movq	4096(%r12,%rbp,8), %xmm2
	movzbl	%dh, %ebp
	movq	6144(%r12,%rbp,8), %xmm3
.else
	bextrq	%r13, %rax, %r10
	bextrq	%r13, %rbx, %r11
	movq	(%r12,%r10,8), %xmm0
	bextrq	%r13, %rcx, %rbp
	movq	2048(%r12,%r11,8), %xmm1
	bextrq	%r13, %rdx, %r10
	movq	4096(%r12,%rbp,8), %xmm2
	movq	6144(%r12,%r10,8), %xmm3
.endif
	bextrq	%r13, %rsi, %r10
	bextrq	%r13, %rdi, %r11
	movq	8192(%r12,%r10,8), %xmm4
	bextrq	%r13, %r8, %r10
	movq	10240(%r12,%r11,8), %xmm5
	bextrq	%r13, %r9, %r11
	movq	12288(%r12,%r10,8), %xmm6
	movq	14336(%r12,%r11,8), %xmm7
	pxor	%xmm1, %xmm0
	pxor	%xmm3, %xmm2
	pxor	%xmm5, %xmm4
	pxor	%xmm7, %xmm6
	pxor	%xmm2, %xmm0
	pxor	%xmm6, %xmm4
	pxor	%xmm4, %xmm0
	movq	%xmm0, \o+8*\i(%rsp)
.endm

/* LPS of the words in rax..r9, to the row at offset o of the frame. */
.macro LPS_OUT o
	LPS_WORD 0, \o
	LPS_WORD_X 1, \o
	LPS_WORD 2, \o
	LPS_WORD_X 3, \o
	LPS_WORD 4, \o
	LPS_WORD_X 5, \o
	LPS_WORD 6, \o
	LPS_WORD_X 7, \o
.endm

/* One round r: K' = LPS(K ^ C_r) into row kn, S = LPS(S ^ K); C_r is the row
 * at r15, which then moves to C_{r+1}. */
.macro ROUND k, kn
	LPS_IN	%rsp, \k, %r15, 0
	LPS_OUT	\kn
	LPS_IN	%rsp, S, %rsp, \k
	LPS_OUT	S
	addq	$64, %r15
.endm

	.globl	gost_streebog_compress_table_bmi1
	.hidden	gost_streebog_compress_table_bmi1
	.type	gost_streebog_compress_table_bmi1, @function
	.p2align 5
gost_streebog_compress_table_bmi1:
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
	pushq	%r14
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r14, 0
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r15, 0
	subq	$FRAME, %rsp
	.cfi_adjust_cfa_offset FRAME

	movq	%rdi, SAVED_H(%rsp)
	movq	%rdx, SAVED_M(%rsp)
	leaq	gost_streebog_T(%rip), %r12
	leaq	gost_streebog_C(%rip), %r15
	leaq	12*64(%r15), %rax
	movq	%rax, C_END(%rsp)

	/* S = m; K_1 = LPS(h ^ N) (m's words are little-endian, like x86). */
	movdqu	(%rdx), %xmm0
	movdqu	16(%rdx), %xmm1
	movdqu	32(%rdx), %xmm2
	movdqu	48(%rdx), %xmm3
	movdqu	%xmm0, S(%rsp)
	movdqu	%xmm1, S+16(%rsp)
	movdqu	%xmm2, S+32(%rsp)
	movdqu	%xmm3, S+48(%rsp)
	movq	%rsi, %r13
	movq	%rdi, %r14
	LPS_IN	%r14, 0, %r13, 0
	LPS_OUT	KA

	/* Twelve rounds, two a trip, K alternating between its rows; the
	 * last leaves K_13 in KA. */
1:
	ROUND	KA, KB
	ROUND	KB, KA
	cmpq	C_END(%rsp), %r15
	jne	1b

	/* h ^= S ^ K_13 ^ m. */
	movq	SAVED_H(%rsp), %rdi
	movq	SAVED_M(%rsp), %rdx
	xorl	%ecx, %ecx
2:
	movdqu	(%rdi,%rcx), %xmm0
	movdqu	S(%rsp,%rcx), %xmm1
	movdqu	KA(%rsp,%rcx), %xmm2
	movdqu	(%rdx,%rcx), %xmm3
	pxor	%xmm1, %xmm0
	pxor	%xmm3, %xmm2
	pxor	%xmm2, %xmm0
	movdqu	%xmm0, (%rdi,%rcx)
	addq	$16, %rcx
	cmpq	$64, %rcx
	jne	2b

	addq	$FRAME, %rsp
	.cfi_adjust_cfa_offset -FRAME
	popq	%r15
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r15
	popq	%r14
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r14
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
	.size	gost_streebog_compress_table_bmi1, .-gost_streebog_compress_table_bmi1

#endif

#if defined(__ELF__)
	.section .note.GNU-stack, "", @progbits
#endif
