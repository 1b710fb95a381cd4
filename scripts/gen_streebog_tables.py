#!/usr/bin/env python3
"""Generates lib/gost/streebog_tables.c from the constants of GOST R 34.11-2012.

Constants transcribed from RFC 6986 (GOST R 34.11-2012), section 6:
pi' (6.1, the same S-box as Kuznyechik), tau (6.2), A (6.3), C_1..C_12 (6.4,
printed there as 512-bit numbers, most significant byte first).

Run: python3 scripts/gen_streebog_tables.py > lib/gost/streebog_tables.c
"""
PI = [
    252, 238, 221, 17, 207, 110, 49, 22, 251, 196, 250, 218, 35, 197, 4, 77, 233, 119, 240, 219,
    147, 46, 153, 186, 23, 54, 241, 187, 20, 205, 95, 193, 249, 24, 101, 90, 226, 92, 239, 33,
    129, 28, 60, 66, 139, 1, 142, 79, 5, 132, 2, 174, 227, 106, 143, 160, 6, 11, 237, 152, 127,
    212, 211, 31, 235, 52, 44, 81, 234, 200, 72, 171, 242, 42, 104, 162, 253, 58, 206, 204, 181,
    112, 14, 86, 8, 12, 118, 18, 191, 114, 19, 71, 156, 183, 93, 135, 21, 161, 150, 41, 16, 123,
    154, 199, 243, 145, 120, 111, 157, 158, 178, 177, 50, 117, 25, 61, 255, 53, 138, 126, 109,
    84, 198, 128, 195, 189, 13, 87, 223, 245, 36, 169, 62, 168, 67, 201, 215, 121, 214, 246, 124,
    34, 185, 3, 224, 15, 236, 222, 122, 148, 176, 188, 220, 232, 40, 80, 78, 51, 10, 74, 167, 151,
    96, 115, 30, 0, 98, 68, 26, 184, 56, 130, 100, 159, 38, 65, 173, 69, 70, 146, 39, 94, 85, 47,
    140, 163, 165, 125, 105, 213, 149, 59, 7, 88, 179, 64, 134, 172, 29, 247, 48, 55, 107, 228,
    136, 217, 231, 137, 225, 27, 131, 73, 76, 63, 248, 254, 141, 83, 170, 144, 202, 216, 133, 97,
    32, 113, 103, 164, 45, 43, 9, 91, 203, 155, 37, 208, 190, 229, 108, 82, 89, 166, 116, 210,
    230, 244, 180, 192, 209, 102, 175, 194, 57, 75, 99, 182,
]
A = [int(s, 16) for s in """
8e20faa72ba0b470 47107ddd9b505a38 ad08b0e0c3282d1c d8045870ef14980e
6c022c38f90a4c07 3601161cf205268d 1b8e0b0e798c13c8 83478b07b2468764
a011d380818e8f40 5086e740ce47c920 2843fd2067adea10 14aff010bdd87508
0ad97808d06cb404 05e23c0468365a02 8c711e02341b2d01 46b60f011a83988e
90dab52a387ae76f 486dd4151c3dfdb9 24b86a840e90f0d2 125c354207487869
092e94218d243cba 8a174a9ec8121e5d 4585254f64090fa0 accc9ca9328a8950
9d4df05d5f661451 c0a878a0a1330aa6 60543c50de970553 302a1e286fc58ca7
18150f14b9ec46dd 0c84890ad27623e0 0642ca05693b9f70 0321658cba93c138
86275df09ce8aaa8 439da0784e745554 afc0503c273aa42a d960281e9d1d5215
e230140fc0802984 71180a8960409a42 b60c05ca30204d21 5b068c651810a89e
456c34887a3805b9 ac361a443d1c8cd2 561b0d22900e4669 2b838811480723ba
9bcf4486248d9f5d c3e9224312c8c1a0 effa11af0964ee50 f97d86d98a327728
e4fa2054a80b329c 727d102a548b194e 39b008152acb8227 9258048415eb419d
492c024284fbaec0 aa16012142f35760 550b8e9e21f7a530 a48b474f9ef5dc18
70a6a56e2440598e 3853dc371220a247 1ca76e95091051ad 0edd37c48a08a6d8
07e095624504536c 8d70c431ac02a736 c83862965601dd1b 641c314b2b8ee083
""".split()]
C_HEX = [
    "b1085bda1ecadae9ebcb2f81c0657c1f2f6a76432e45d016714eb88d7585c4fc4b7ce09192676901a2422a08a460d31505767436cc744d23dd806559f2a64507",
    "6fa3b58aa99d2f1a4fe39d460f70b5d7f3feea720a232b9861d55e0f16b501319ab5176b12d699585cb561c2db0aa7ca55dda21bd7cbcd56e679047021b19bb7",
    "f574dcac2bce2fc70a39fc286a3d843506f15e5f529c1f8bf2ea7514b1297b7bd3e20fe490359eb1c1c93a376062db09c2b6f443867adb31991e96f50aba0ab2",
    "ef1fdfb3e81566d2f948e1a05d71e4dd488e857e335c3c7d9d721cad685e353fa9d72c82ed03d675d8b71333935203be3453eaa193e837f1220cbebc84e3d12e",
    "4bea6bacad4747999a3f410c6ca923637f151c1f1686104a359e35d7800fffbdbfcd1747253af5a3dfff00b723271a167a56a27ea9ea63f5601758fd7c6cfe57",
    "ae4faeae1d3ad3d96fa4c33b7a3039c02d66c4f95142a46c187f9ab49af08ec6cffaa6b71c9ab7b40af21f66c2bec6b6bf71c57236904f35fa68407a46647d6e",
    "f4c70e16eeaac5ec51ac86febf240954399ec6c7e6bf87c9d3473e33197a93c90992abc52d822c3706476983284a05043517454ca23c4af38886564d3a14d493",
    "9b1f5b424d93c9a703e7aa020c6e41414eb7f8719c36de1e89b4443b4ddbc49af4892bcb929b069069d18d2bd1a5c42f36acc2355951a8d9a47f0dd4bf02e71e",
    "378f5a541631229b944c9ad8ec165fde3a7d3a1b258942243cd955b7e00d0984800a440bdbb2ceb17b2b8a9aa6079c540e38dc92cb1f2a607261445183235adb",
    "abbedea680056f52382ae548b2e4f3f38941e71cff8a78db1fffe18a1b3361039fe76702af69334b7a1e6c303b7652f43698fad1153bb6c374b4c7fb98459ced",
    "7bcd9ed0efc889fb3002c6cd635afe94d8fa6bbbebab076120018021148466798a1d71efea48b9caefbacd1d7d476e98dea2594ac06fd85d6bcaa4cd81f32d1b",
    "378ee767f11631bad21380b00449b17acda43c32bcdf1d77f82012d430219f9b5d80ef9d1891cc86e71da4aa88e12852faf417d5d9b21b9948bc924af11bd720",
]


def lword(v):
    """The linear map l of GOST R 34.11-2012 on one 64-bit word: bit k -> A[63-k]."""
    r = 0
    for k in range(64):
        if v >> k & 1:
            r ^= A[63 - k]
    return r


def alpha_word(kz, v):
    """The decomposition's input map alpha on each byte of a 64-bit word."""
    return sum(kz.alpha_map((v >> (8 * i)) & 0xff) << (8 * i) for i in range(8))


def main():
    # Imported here, not at the top: gen_kuznyechik_ct loads this file in
    # turn (for PI and A), which must not run main(). The scripts are run
    # from this directory's files, so it is on sys.path; it prints its own
    # output when imported, which is muted.
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        import gen_kuznyechik_ct as kz
    out = []
    w = out.append
    w("/* Generated by scripts/gen_streebog_tables.py from the constants of")
    w(" * GOST R 34.11-2012 (RFC 6986, section 6). Do not edit. */")
    w('#include "streebog_impl.h"\n')
    w("/* pi' (RFC 6986 s.6.1). */")
    w("const uint8_t gost_streebog_pi[256] = {")
    for i in range(0, 256, 16):
        w("    " + ", ".join("0x%02x" % x for x in PI[i:i + 16]) + ",")
    w("};\n")
    w("/* A (RFC 6986 s.6.3); l maps bit k of a word to A[63-k]. */")
    w("const uint64_t gost_streebog_A[64] = {")
    for i in range(0, 64, 4):
        w("    " + ", ".join("0x%016xull" % x for x in A[i:i + 4]) + ",")
    w("};\n")
    w("/* C_1..C_12 (RFC 6986 s.6.4) as little-endian 64-bit words (word 0 is the")
    w(" * least significant 8 bytes of the printed number). */")
    w("const uint64_t gost_streebog_C[12][8] = {")
    for h in C_HEX:
        b = bytes.fromhex(h)[::-1]
        words = [int.from_bytes(b[8 * i:8 * i + 8], "little") for i in range(8)]
        w("    {" + ", ".join("0x%016xull" % x for x in words) + "},")
    w("};\n")
    w("/* C_r laid out for the AVX2 kernel's row pairs (0,2), (1,3), (4,6), (5,7):")
    w(" * register p holds (C[ja], 0, C[jb], 0), the zeros on the state side,")
    w(" * with alpha on every byte (that kernel keeps its state as alpha of each")
    w(" * byte; see gost_streebog_LN2). */")
    w("const uint64_t gost_streebog_C_pairs[12][4][4] __attribute__((aligned(32))) = {")
    for h in C_HEX:
        b = bytes.fromhex(h)[::-1]
        words = [int.from_bytes(b[8 * i:8 * i + 8], "little") for i in range(8)]
        words = [alpha_word(kz, x) for x in words]
        regs = ["{0x%016xull, 0, 0x%016xull, 0}" % (words[ja], words[jb]) for ja, jb in ((0, 2), (1, 3), (4, 6), (5, 7))]
        w("    {" + ", ".join(regs) + "},")
    w("};\n")
    w("/* Public path: T[j][b] = l(pi'(b) << 8j), so a round of LPS is eight")
    w(" * table lookups per output word. Indexed by data: public data only. */")
    w("const uint64_t gost_streebog_T[8][256] = {")
    for j in range(8):
        w("    {")
        row = [lword(PI[b] << (8 * j)) for b in range(256)]
        for i in range(0, 256, 4):
            w("        " + ", ".join("0x%016xull" % x for x in row[i:i + 4]) + ",")
        w("    },")
    w("};\n")
    # The vector kernels take pi' by pi_simd.h without its last step: that
    # gives l' ^ nu1(0) and r' ^ sigma(0) (the Biryukov-Perrin-Udovenko
    # halves, see scripts/gen_kuznyechik_ct.py), and pi'(x) = W1[l''] ^
    # W0[r''] with the linear map omega folded into W0, W1 (that script's
    # PI_TABLES[9] and [8]). l is linear too, so l(pi'(x) << 8j) =
    # l(W0[r''] << 8j) ^ l(W1[l''] << 8j): the tables below are indexed by
    # the halves themselves, and the kernels skip omega's two lookups and the
    # split of pi's output into nibbles.
    halves = (kz.PI_TABLES[9], kz.PI_TABLES[8])  # h = 0: r'', h = 1: l''
    for x in range(256):  # the premise: pi' is the XOR of the two images
        assert kz.pi_vector(x) == PI[x]

    def ln_row(j, h, t):
        return [(lword(halves[h][n] << (8 * j)) >> (8 * t)) & 0xff for n in range(16)]

    w("/* Constant-time vector path (x86_64/streebog_ct_*.c). pi' comes from")
    w(" * pi_simd.h as two nibbles l'', r'' with pi'(x) = W_1[l''] ^ W_0[r'']")
    w(" * (gost_kuznyechik_pi_log[8] and [9]; see scripts/gen_streebog_tables.py),")
    w(" * and l is linear, so l(pi'(x) << 8j) is the XOR of the images of the two:")
    w(" * LN[j][h][t][n] is byte t of l(W_h[n] << 8j). A pshufb indexed by the")
    w(" * nibbles looks these up without a data-dependent address. */")
    w("const uint8_t gost_streebog_LN[8][2][8][16] __attribute__((aligned(16))) = {")
    for j in range(8):
        w("    {")
        for h in range(2):
            rows = [ln_row(j, h, t) for t in range(8)]
            w("        {" + ",\n         ".join("{" + ", ".join("0x%02x" % x for x in r) + "}" for r in rows) + "},")
        w("    },")
    w("};\n")
    # The AVX2 kernel also skips pi's first step, alpha (a linear map of
    # each byte), by keeping its whole state as alpha of each byte: its
    # inputs (h ^ N, m) are mapped once per block and its result mapped back,
    # C_r is stored mapped (gost_streebog_C_pairs), XORs commute with alpha,
    # and LN2 gives alpha of each byte of l's output.
    def ln2_row(j, h, t):
        return [kz.alpha_map(x) for x in ln_row(j, h, t)]

    # The whole lookup, as the kernel runs it, on every byte value in every
    # word j and output byte t: alpha of l(pi'(x) << 8j), byte t.
    for x in range(256):
        lp, e = kz.pi_halves_vector(kz.alpha_map(x))
        rp = kz.pshufb(kz.PI_TABLES[7], e)
        for j in range(8):
            word = lword(PI[x] << (8 * j))
            for t in range(8):
                got = kz.pshufb(ln2_row(j, 1, t), lp) ^ kz.pshufb(ln2_row(j, 0, t), rp)
                assert got == kz.alpha_map((word >> (8 * t)) & 0xff), (x, j, t)
    w("/* The same rows for AVX2 with alpha (the decomposition's input map, on")
    w(" * each byte) applied to every entry, two words per 256-bit register: the")
    w(" * low 128-bit lane serves word ja, the high one word jb, for the pairs")
    w(" * (ja, jb) = (0,2), (1,3), (4,6), (5,7): LN2[p][h][t][n] =")
    w(" * alpha(LN[ja][h][t][n]) || alpha(LN[jb][h][t][n]). */")
    w("const uint8_t gost_streebog_LN2[4][2][8][32] __attribute__((aligned(32))) = {")
    for ja, jb in ((0, 2), (1, 3), (4, 6), (5, 7)):
        w("    {")
        for h in range(2):
            rows = [ln2_row(ja, h, t) + ln2_row(jb, h, t) for t in range(8)]
            w("        {" + ",\n         ".join("{" + ", ".join("0x%02x" % x for x in r) + "}" for r in rows) + "},")
        w("    },")
    w("};")
    print("\n".join(out))


if __name__ == "__main__":
    main()
