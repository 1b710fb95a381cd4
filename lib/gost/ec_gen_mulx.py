#!/usr/bin/env python3
"""Writes lib/gost/ec_mulx.h: field multiplication and squaring modulo a
special prime p = 2^(64n) - c (c < 2^32) for n = 4 and 8 limbs, in x86-64
inline assembly with MULX, ADCX and ADOX (BMI2 + ADX).

Product: row by row (operand scanning). Row i adds a * b[i] into a window of
n registers with two independent carry chains, ADOX for the low halves of
the partial products and ADCX for the high halves, so the additions of one
row do not wait on each other. After each row the lowest word of the window
is final: it is stored and its register takes the row's new top word.

Squaring: the off-diagonal products a[i] a[j] (i < j) by the same rows
(n(n-1)/2 multiplications), then one pass that doubles them (ADCX x, x: a
shift through the carry chain) and adds the squares a[i]^2 (ADOX chain):
n(n+1)/2 multiplications instead of n^2.

Reduction: T = H 2^(64n) + L = L + c H (mod p) by one row of c H, leaving
s + top 2^(64n) with top <= c; then W = s + (top + 1) c, and the result is
W mod 2^(64n) if that addition carried out, else W - c (fold() shows why
both are below p). The result is fully reduced (below p) for any inputs
below 2^(64n); a conditional move picks c or 0, no branch.

No branch and no memory address depends on the operands. Registers: the
window r8.. (n of them), rax, rbx, rcx, rdx and three pointers, so it
builds with a frame pointer (rbp untouched); under AddressSanitizer, which
needs one more register, the result goes through the scratch array instead
of the result pointer.

Run from the repository root after changing it:
    python3 lib/gost/ec_gen_mulx.py
"""
import re
import sys

OUT = "lib/gost/ec_mulx.h"
WIN = ["%r8", "%r9", "%r10", "%r11", "%r12", "%r13", "%r14", "%r15"]


class Asm:
    """Lines in plain AT&T syntax ('%rax', '%[a]'); emitted as C asm strings
    with the register '%' doubled."""

    def __init__(self):
        self.lines = []

    def __call__(self, line):
        self.lines.append(line)

    def text(self, indent):
        return "\n".join('%s"%s\\n\\t"' % (indent, re.sub(r"%(?!\[)", "%%", l))
                         for l in self.lines)


T_IN_REG = False


def tmem(k):
    """Word k of the scratch array t: through a pointer register (n = 4,
    which has registers to spare), or as an offset to the memory operand
    (n = 8, which has none; the compilers place t at a nonzero frame offset
    there, which "8+-64(%rbp)" needs)."""
    return "%d(%%[t])" % (8 * k) if T_IN_REG else "%d+%%[t]" % (8 * k)


def product_rows(asm, n):
    """t = a * b: words 0..n-1 stored to t, words n..2n-1 left in the
    returned registers (in order)."""
    w = WIN[:n]
    asm("movq 0(%[b]), %rdx")
    asm("mulxq 0(%%[a]), %%rax, %s" % w[0])
    asm("movq %%rax, %s" % tmem(0))
    for j in range(1, n):
        asm("mulxq %d(%%[a]), %%rax, %s" % (8 * j, w[j]))
        asm("%s %%rax, %s" % ("addq" if j == 1 else "adcq", w[j - 1]))
    asm("adcq $0, %s" % w[n - 1])
    # the window holds words i .. i+n-1 before row i
    for i in range(1, n):
        asm("movq %d(%%[b]), %%rdx" % (8 * i))
        asm("xorl %eax, %eax")
        for j in range(n - 1):
            asm("mulxq %d(%%[a]), %%rax, %%rbx" % (8 * j))
            asm("adoxq %%rax, %s" % w[j])
            asm("adcxq %%rbx, %s" % w[j + 1])
            if j == 0:
                asm("movq %s, %s" % (w[0], tmem(i)))
        asm("mulxq %d(%%[a]), %%rax, %s" % (8 * (n - 1), w[0]))
        asm("adoxq %%rax, %s" % w[n - 1])
        asm("adcxq %%[zero], %s" % w[0])
        asm("adoxq %%[zero], %s" % w[0])
        w = w[1:] + w[:1]
    return w


def square_rows(asm, n):
    """t = a^2: words 0..n-1 stored to t, words n..2n-1 returned in
    registers."""
    w = WIN[:n]
    # off-diagonal row 0: a[0] a[1..n) into words 1..n (window = words 1..n)
    asm("movq 0(%[a]), %rdx")
    asm("mulxq 8(%%[a]), %s, %s" % (w[0], w[1]))
    for j in range(2, n):
        asm("mulxq %d(%%[a]), %%rax, %s" % (8 * j, w[j]))
        asm("%s %%rax, %s" % ("addq" if j == 2 else "adcq", w[j - 1]))
    asm("adcq $0, %s" % w[n - 1])
    # before row i the window holds words i .. i+n-1; row i adds a[i] a[j]
    # (j > i) into words 2i+1 .. i+n, word i is final and stored, and its
    # register takes the new top word i+n.
    for i in range(1, n - 1):
        asm("movq %s, %s" % (w[0], tmem(i)))
        asm("movq %d(%%[a]), %%rdx" % (8 * i))
        asm("xorl %eax, %eax")
        for j in range(i + 1, n - 1):
            k = i + j - i  # position of word i+j in the window
            asm("mulxq %d(%%[a]), %%rax, %%rbx" % (8 * j))
            asm("adoxq %%rax, %s" % w[k])
            asm("adcxq %%rbx, %s" % w[k + 1])
        k = n - 1  # word i + n - 1
        asm("mulxq %d(%%[a]), %%rax, %s" % (8 * (n - 1), w[0]))
        asm("adoxq %%rax, %s" % w[k])
        asm("adcxq %%[zero], %s" % w[0])
        asm("adoxq %%[zero], %s" % w[0])
        w = w[1:] + w[:1]
    # now: t[1..n-2] = off-diagonal words 1..n-2, window = words n-1 .. 2n-2
    # (word 0 and word 2n-1 of the off-diagonal sum are zero).
    # Pass k = 0 .. 2n-1: r[k] = 2 off[k] + sq[k] with the carries.
    asm("xorl %eax, %eax")
    free = None
    out = {}
    for i in range(n):
        asm("movq %d(%%[a]), %%rdx" % (8 * i))
        asm("mulxq %rdx, %rax, %rbx")
        for k, part in ((2 * i, "%rax"), (2 * i + 1, "%rbx")):
            if k == 0:
                asm("movq %%rax, %s" % tmem(0))
            elif k < n - 1:
                asm("movq %s, %%rcx" % tmem(k))
                asm("adcxq %rcx, %rcx")
                asm("adoxq %s, %%rcx" % part)
                asm("movq %%rcx, %s" % tmem(k))
            elif k < 2 * n - 1:
                r = w[k - (n - 1)]
                asm("adcxq %s, %s" % (r, r))
                asm("adoxq %s, %s" % (part, r))
                if k == n - 1:  # the last word of the low half
                    asm("movq %s, %s" % (r, tmem(n - 1)))
                    free = r
                else:
                    out[k] = r
            else:
                asm("adcxq %%[zero], %s" % part)
                asm("adoxq %%[zero], %s" % part)
                asm("movq %s, %s" % (part, free))
                out[k] = free
    return [out[k] for k in range(n, 2 * n)]


alt_ptr = ["%rdi"]


def fold(asm, n, regs, alt, to_r):
    """r = (t[0..n) + 2^(64n) regs) mod p, fully reduced; clobbers regs, rax,
    rbx, rdx and alt (the second temporary for the high halves)."""
    asm("movq %[c], %rdx")
    asm("xorl %eax, %eax")
    hi_prev = None
    for j in range(n):
        hi = "%rbx" if j % 2 == 0 else alt
        asm("mulxq %s, %%rax, %s" % (regs[j], hi))
        asm("movq %s, %s" % (tmem(j), regs[j]))
        asm("adoxq %%rax, %s" % regs[j])
        if hi_prev is not None:
            asm("adcxq %s, %s" % (hi_prev, regs[j]))
        hi_prev = hi
    # top = hi + CF + OF <= c. With W = s + (top + 1) c (one carry chain):
    # if W carries out of 2^(64n), the result is W - 2^(64n) (small, below
    # p); else it is W - c = s + top c < 2^(64n) - c = p. So one chain adds
    # (top + 1) c and a second subtracts c unless the first carried.
    asm("movl $0, %eax")
    asm("adcxq %%rax, %s" % hi_prev)
    asm("adoxq %%rax, %s" % hi_prev)
    asm("incq %s" % hi_prev)
    asm("imulq %%rdx, %s" % hi_prev)
    asm("addq %s, %s" % (hi_prev, regs[0]))
    for j in range(1, n):
        asm("adcq $0, %s" % regs[j])
    # rax = c if there was no carry, else 0
    asm("cmovcq %rax, %rdx")
    asm("subq %%rdx, %s" % regs[0])
    for j in range(1, n):
        asm("sbbq $0, %s" % regs[j])
    if to_r == "load":  # the result pointer is loaded into a dead register
        asm("movq %%[rp], %s" % alt_ptr[0])
        for j in range(n):
            asm("movq %s, %d(%s)" % (regs[j], 8 * j, alt_ptr[0]))
        return
    for j in range(n):
        asm("movq %s, %s" % (regs[j], "%d(%%[r])" % (8 * j) if to_r else tmem(j)))


def clobbers(n, extra):
    regs = ["rax", "rbx", "rdx"] + extra + [r[1:] for r in WIN[:n]]
    return ", ".join('"%s"' % r for r in regs) + ', "cc"'


def t_operands(n):
    """The scratch operand: [t] as a pointer (with t as a memory output for
    the dependency) for n = 4, as a memory operand for n = 8."""
    if n == 4:
        return '[t] "r"(t), ', '"=m"(t)'
    return "", '[t] "=m"(t)'


def emit_mul8_sqr8(kind):
    """n = 8 has no register to spare: the result pointer is read from memory
    into a register that is dead by then (b's for the product, a's for the
    square), and the operands are declared by a memory clobber (a memory
    operand would take a register for its address), so the code builds
    with a frame pointer, under ASan and without optimisation alike."""
    global T_IN_REG
    T_IN_REG = False
    n = 8
    asm = Asm()
    if kind == "mul":
        alt_ptr[0] = "%rdi"
        fold(asm, n, product_rows(asm, n), "%rdi", "load")
        return """/* r = a b mod (2^512 - c), below the modulus; a, b any 8-limb values. */
static inline void ec_mulx8_mul(uint64_t r[8], const uint64_t a[8], const uint64_t b[8], uint64_t c)
{
    uint64_t t[8];
    const uint64_t *bb = b; /* the register is reused once b is read */
    static const uint64_t zero = 0;
    __asm__(
%(body)s
        : [t] "=m"(t), [b] "+D"(bb)
        : [a] "S"(a), [rp] "m"(r), [c] "m"(c), [zero] "m"(zero)
        : %(clob)s, "memory");
}
""" % {"body": asm.text("        "), "clob": clobbers(n, [])}
    alt_ptr[0] = "%rsi"
    fold(asm, n, square_rows(asm, n), "%rcx", "load")
    return """/* r = a^2 mod (2^512 - c), below the modulus; a any 8-limb value. */
static inline void ec_mulx8_sqr(uint64_t r[8], const uint64_t a[8], uint64_t c)
{
    uint64_t t[8];
    const uint64_t *aa = a; /* the register is reused once a is read */
    static const uint64_t zero = 0;
    __asm__(
%(body)s
        : [t] "=m"(t), [a] "+S"(aa)
        : [rp] "m"(r), [c] "m"(c), [zero] "m"(zero)
        : %(clob)s, "memory");
}
""" % {"body": asm.text("        "), "clob": clobbers(n, ["rcx"])}


def emit_mul(n):
    global T_IN_REG
    if n == 8:
        return emit_mul8_sqr8("mul")
    T_IN_REG = n == 4
    tin, tout = t_operands(n)
    asm = Asm()
    fold(asm, n, product_rows(asm, n), "%rdi", True)  # b is dead by then
    body_r = asm.text("        ")
    asm = Asm()
    fold(asm, n, product_rows(asm, n), "%rdi", False)
    body_t = asm.text("        ")
    return """/* r = a b mod (2^%(bits)d - c), below the modulus; a, b any %(n)d-limb values. */
static inline void ec_mulx%(n)d_mul(uint64_t r[%(n)d], const uint64_t a[%(n)d], const uint64_t b[%(n)d],
                                 uint64_t c)
{
    uint64_t t[%(n)d];
    const uint64_t *bb = b; /* the register is reused once b is read */
    static const uint64_t zero = 0;
#if !EC_MULX_STACK_RESULT
    __asm__(
%(body_r)s
        : %(tout)s, "=m"(*(uint64_t(*)[%(n)d])r), [b] "+D"(bb)
        : %(tin)s[a] "S"(a), [r] "c"(r), [c] "m"(c), [zero] "m"(zero),
          "m"(*(const uint64_t(*)[%(n)d])a), "m"(*(const uint64_t(*)[%(n)d])b)
        : %(clob)s);
#else
    __asm__(
%(body_t)s
        : %(tout)s, [b] "+D"(bb)
        : %(tin)s[a] "S"(a), [c] "m"(c), [zero] "m"(zero)
        : %(clob)s, "memory");
    memcpy(r, t, sizeof t);
#endif
}
""" % {"n": n, "bits": 64 * n, "body_r": body_r, "body_t": body_t, "clob": clobbers(n, []),
       "tin": tin, "tout": tout}


def emit_sqr(n):
    global T_IN_REG
    if n == 8:
        return emit_mul8_sqr8("sqr")
    T_IN_REG = n == 4
    tin, tout = t_operands(n)
    asm = Asm()
    fold(asm, n, square_rows(asm, n), "%rcx", True)
    body_r = asm.text("        ")
    asm = Asm()
    fold(asm, n, square_rows(asm, n), "%rcx", False)
    body_t = asm.text("        ")
    return """/* r = a^2 mod (2^%(bits)d - c), below the modulus; a any %(n)d-limb value. */
static inline void ec_mulx%(n)d_sqr(uint64_t r[%(n)d], const uint64_t a[%(n)d], uint64_t c)
{
    uint64_t t[%(n)d];
    static const uint64_t zero = 0;
#if !EC_MULX_STACK_RESULT
    __asm__(
%(body_r)s
        : %(tout)s, "=m"(*(uint64_t(*)[%(n)d])r)
        : %(tin)s[a] "S"(a), [r] "D"(r), [c] "m"(c), [zero] "m"(zero),
          "m"(*(const uint64_t(*)[%(n)d])a)
        : %(clob)s);
#else
    __asm__(
%(body_t)s
        : %(tout)s
        : %(tin)s[a] "S"(a), [c] "m"(c), [zero] "m"(zero)
        : %(clob)s, "memory");
    memcpy(r, t, sizeof t);
#endif
}
""" % {"n": n, "bits": 64 * n, "body_r": body_r, "body_t": body_t, "clob": clobbers(n, ["rcx"]),
       "tin": tin, "tout": tout}


def main():
    out = ["/* Generated by lib/gost/ec_gen_mulx.py: do not edit. Field multiplication",
           " * and squaring modulo 2^(64n) - c (n = 4, 8) with MULX/ADCX/ADOX; the",
           " * generator explains the method. Only for CPUs with BMI2 and ADX. */",
           "#ifndef GOST_EC_MULX_H", "#define GOST_EC_MULX_H", "", "#include <stdint.h>", "#include <string.h>", "",
           "/* Under AddressSanitizer (which keeps one more register for the base of",
           " * the instrumented stack frame) and without optimisation (which keeps the",
           " * address of every memory operand in a register of its own), the result",
           " * goes through the scratch array instead of a pointer register and the",
           " * operands are declared by a memory clobber: slower, only in those builds. */",
           "#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)", "#define EC_MULX_STACK_RESULT 1",
           "#elif defined(__has_feature)", "#if __has_feature(address_sanitizer)",
           "#define EC_MULX_STACK_RESULT 1", "#endif", "#endif",
           "#ifndef EC_MULX_STACK_RESULT", "#define EC_MULX_STACK_RESULT 0", "#endif",
           "/* clang without optimisation under ASan addresses the scratch array",
           " * through a register, which the 8-limb code (that needs every register",
           " * and writes \"8+%[t]\") cannot take: that build uses the C kernels. */",
           "#if defined(__clang__) && !defined(__OPTIMIZE__) && EC_MULX_STACK_RESULT",
           "#define EC_MULX8_USABLE 0", "#else", "#define EC_MULX8_USABLE 1", "#endif", ""]
    for n in (4, 8):
        if n == 8:
            out.append("#if EC_MULX8_USABLE")
        out.append(emit_mul(n))
        out.append(emit_sqr(n))
        if n == 8:
            out.append("#endif")
    out.append("#endif")
    open(OUT, "w").write("\n".join(out) + "\n")
    print("wrote " + OUT, file=sys.stderr)


main()
