#!/usr/bin/env python3
"""Generates lib/gost/streebog_ct_circuit.c: the straight-line pieces of
Streebog's portable constant-time LPS (lib/gost/streebog_ct.c).

Facts used, both derived here from the standard's constants (RFC 6986 s.6.1
pi' and s.6.3 A, read from scripts/gen_streebog_tables.py) and checked
exhaustively before anything is written:

1. S as a Boolean circuit, from the decomposition of pi' published by
   Biryukov, Perrin and Udovenko ("Reverse-Engineering the S-Box of
   Streebog, Kuznyechik and STRIBOBr1", EUROCRYPT 2016, s.3, Fig. 3):
       l || r = alpha(x)                       (4-bit halves)
       l' = nu0(l)            if r = 0
            nu1(l * inv(r))   otherwise        (GF(2^4) = GF(2)[x]/(x^4+x^3+1))
       r' = sigma(r * phi(l'))
       pi'(x) = omega(l' || r')
   alpha and omega are 8x8 binary matrices, inv is inversion in GF(2^4)
   (inv(0) = 0), nu0, nu1, sigma, phi are 4-bit tables (transcribed below
   from the paper). On bit planes (plane t holds bit t of all 64 state
   bytes) every piece is ANDs and XORs: the matrices are XORs of planes,
   the 4-bit tables are their algebraic normal forms, the GF(2^4) products
   are schoolbook multiplications, the "r = 0" choice is a mask. No table,
   no data-dependent address. The whole circuit is run here on all 256
   inputs and compared with pi' before anything is written.
2. l as a matrix over GF(2^8). Splitting A into 8x8 bit blocks shows that
   block (r, c) -- input byte c to output byte r -- is multiplication by a
   constant E[r][c] in GF(2^8) = GF(2)[x]/(x^8 + x^4 + x^3 + x^2 + 1)
   (0x11d), so l(w) byte r = XOR_c E[r][c] * (byte c of w). The products
   are sums of x^b * v, computed with a byte-wise xtime on 64-bit words.

Run: python3 scripts/gen_streebog_ct.py > lib/gost/streebog_ct_circuit.c
"""
import importlib.util
import os
import re

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("tables", os.path.join(here, "gen_streebog_tables.py"))
tables = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tables)
PI, A = tables.PI, tables.A
assert len(PI) == 256 and sorted(PI) == list(range(256)) and len(A) == 64

POLY = 0x11D


def gf_mul(a, b):
    r = 0
    while b:
        if b & 1:
            r ^= a
        b >>= 1
        a <<= 1
        if a & 0x100:
            a ^= POLY
    return r


def l_ref(w):
    r = 0
    for k in range(64):
        if (w >> k) & 1:
            r ^= A[63 - k]
    return r


# Tables of the decomposition (Biryukov-Perrin-Udovenko 2016, s.3).
INV = [0x0, 0x1, 0xC, 0x8, 0x6, 0xF, 0x4, 0xE, 0x3, 0xD, 0xB, 0xA, 0x2, 0x9, 0x7, 0x5]
NU0 = [0x2, 0x5, 0x3, 0xB, 0x6, 0x9, 0xE, 0xA, 0x0, 0x4, 0xF, 0x1, 0x8, 0xD, 0xC, 0x7]
NU1 = [0x7, 0x6, 0xC, 0x9, 0x0, 0xF, 0x8, 0x1, 0x4, 0x5, 0xB, 0xE, 0xD, 0x2, 0x3, 0xA]
SIGMA = [0xC, 0xD, 0x0, 0x4, 0x8, 0xB, 0xA, 0xE, 0x3, 0x9, 0x5, 0x2, 0xF, 0x1, 0x6, 0x7]
PHI = [0xB, 0x2, 0xB, 0x8, 0xC, 0x4, 0x1, 0xC, 0x6, 0x3, 0x5, 0x8, 0xE, 0x3, 0x6, 0xB]
# Rows y, columns x; input bit 7-x feeds output bit 7-y (the paper's order).
ALPHA = ["00001000", "01000001", "01000011", "11101111", "10001010", "01000100", "00011010", "00100000"]
OMEGA = ["00001010", "00000100", "00100000", "10011010", "00001000", "01000100", "10000010", "00000001"]
GF16_POLY = 0x19  # x^4 + x^3 + 1


class Circuit:
    """Straight-line code on 64-bit planes, also evaluated here on 256-bit
    integers whose bit x belongs to S-box input x (an exhaustive check)."""

    ALL = (1 << 256) - 1

    def __init__(self):
        self.code, self.val, self.n = [], {}, 0
        for t in range(8):
            self.val[f"x{t}"] = sum(((x >> t) & 1) << x for x in range(256))

    def op(self, expr, value):
        name = f"v{self.n}"
        self.n += 1
        self.code.append(f"const uint64_t {name} = {expr};")
        self.val[name] = value & self.ALL
        return name

    def xor(self, terms):
        terms = list(terms)
        if not terms:
            return self.op("0", 0)
        if len(terms) == 1:
            return terms[0]
        v = 0
        for t in terms:
            v ^= self.val[t]
        return self.op(" ^ ".join(terms), v)

    def and_(self, a, b):
        return self.op(f"{a} & {b}", self.val[a] & self.val[b])

    def andnot(self, a, b):  # a & ~b
        return self.op(f"{a} & ~{b}", self.val[a] & ~self.val[b])

    def or_(self, a, b):
        return self.op(f"{a} | {b}", self.val[a] | self.val[b])

    def not_(self, a):
        return self.op(f"~{a}", ~self.val[a])

    def live_code(self, outputs):
        """The statements the outputs depend on (monomials of a 4-bit table
        that its normal form does not use are dropped)."""
        live, kept = set(outputs), []
        for line in reversed(self.code):
            name, expr = line[len("const uint64_t "):].split(" = ", 1)
            if name in live:
                kept.append(line)
                live.update(re.findall(r"[xv][0-9]+", expr))
        return kept[::-1]

    def matrix(self, rows, bits):
        return [self.xor(bits[7 - x] for x in range(8) if rows[7 - i][x] == "1") for i in range(8)]

    def table4(self, table, bits):
        """A 4-bit table on planes, from its algebraic normal form."""
        mono = {0: None}
        for m in range(1, 16):
            low = m & -m
            rest = m ^ low
            mono[m] = bits[low.bit_length() - 1] if rest == 0 else self.and_(mono[rest], bits[low.bit_length() - 1])
        outs = []
        for k in range(4):
            f = [(table[x] >> k) & 1 for x in range(16)]
            for i in range(4):
                for x in range(16):
                    if x & (1 << i):
                        f[x] ^= f[x ^ (1 << i)]
            terms = [mono[m] for m in range(1, 16) if f[m]]
            o = self.xor(terms)
            outs.append(self.not_(o) if f[0] else o)
        return outs

    def gf16_mul(self, a, b):
        prod = [[] for _ in range(7)]
        for i in range(4):
            for j in range(4):
                prod[i + j].append(self.and_(a[i], b[j]))
        for d in range(6, 3, -1):  # x^d = x^(d-1) + x^(d-4) mod x^4 + x^3 + 1
            prod[d - 1] += prod[d]
            prod[d - 4] += prod[d]
        return [self.xor(prod[i]) for i in range(4)]


CIRCUIT = Circuit()
_c = CIRCUIT
_y = _c.matrix(ALPHA, [f"x{t}" for t in range(8)])
_l, _r = _y[4:], _y[:4]
_l0 = _c.table4(NU0, _l)
_l1 = _c.table4(NU1, _c.gf16_mul(_l, _c.table4(INV, _r)))
_rzero = _c.not_(_c.or_(_c.or_(_r[0], _r[1]), _c.or_(_r[2], _r[3])))
_lp = [_c.or_(_c.and_(_l0[i], _rzero), _c.andnot(_l1[i], _rzero)) for i in range(4)]
_rp = _c.table4(SIGMA, _c.gf16_mul(_r, _c.table4(PHI, _lp)))
OUTPUT = _c.matrix(OMEGA, _rp + _lp)
for _x in range(256):  # the circuit computes pi'
    assert sum(((_c.val[OUTPUT[t]] >> _x) & 1) << t for t in range(8)) == PI[_x], _x
E = [[(A[63 - 8 * c] >> (8 * r)) & 0xFF for c in range(8)] for r in range(8)]
for r in range(8):  # every block of A is multiplication by E[r][c]
    for c in range(8):
        for v in range(8):
            assert (A[63 - 8 * c - v] >> (8 * r)) & 0xFF == gf_mul(E[r][c], 1 << v)

out = []
w = out.append
w("/* Generated by scripts/gen_streebog_ct.py from pi' and A of GOST R 34.11-2012")
w(" * (RFC 6986 s.6.1, s.6.3). Do not edit. See that script for the derivation. */")
w('#include "streebog_impl.h"')
w("")
w("/* pi' on 64 bytes at once: q[t] holds bit t of every byte (bit planes).")
w(" * The Biryukov-Perrin-Udovenko decomposition as ANDs and XORs. */")
w("void gost_streebog_sbox_planes(uint64_t q[8])")
w("{")
for t in range(8):
    w(f"    const uint64_t x{t} = q[{t}];")
for line in CIRCUIT.live_code(OUTPUT):
    w("    " + line)
for t in range(8):
    w(f"    q[{t}] = {OUTPUT[t]};")
w("}")
w("")
w("/* y[r] = XOR_c E[r][c] * v[c] byte-wise in GF(2^8)/0x11d; E[r][c] is the")
w(" * 8x8 block of A taking byte c of l's input to byte r of its output. */")
w("void gost_streebog_l_gf(uint64_t y[8], const uint64_t v[8])")
w("{")
w("    uint64_t x[8][8];")
w("    for (int c = 0; c < 8; c++) {")
w("        x[c][0] = v[c];")
w("        for (int b = 1; b < 8; b++)")
w("            x[c][b] = gost_streebog_xtime8(x[c][b - 1]);")
w("    }")
for r in range(8):
    terms = [f"x[{c}][{b}]" for c in range(8) for b in range(8) if (E[r][c] >> b) & 1]
    w(f"    y[{r}] = " + " ^ ".join(terms) + ";")
w("}")
print("\n".join(out))
