/* Assembler macros shared by the one-block kernels (kuznyechik_one_avx2.S,
 * magma_one_avx2.S); included by assembly files only. */
#ifndef GOST_X86_64_ONE_BLOCK_LOOP_H
#define GOST_X86_64_ONE_BLOCK_LOOP_H

/* On to the next block of size bytes: the input and output pointers
 * advance, the count goes down, and the loop at label goes on while any
 * blocks are left. */
.macro NEXT_BLOCK size, in, out, count, label
	addq	$\size, \in
	addq	$\size, \out
	decq	\count
	jnz	\label
.endm

#endif
