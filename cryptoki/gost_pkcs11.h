/* GOST vendor constants of the Cryptoki module: the ONE place where they live.
 *
 * The standard GOST values (CKK_GOSTR3410 0x30 ..., CKM_GOSTR3410_KEY_PAIR_GEN
 * 0x1200 ...) come from PKCS#11 v2.40 itself through <p11-kit/pkcs11.h>; the
 * 2012/2015 algorithms are TC 26 vendor values:
 *
 *   source [TC26]: "Расширение PKCS#11 для использования российских
 *     криптографических алгоритмов", TC 26 (ТК 26) Р 1323565.1.xxx, table of
 *     vendor-defined values, base CK_VENDOR_PKCS11_RU_TEAM_TC26;
 *   cross-checked against Aktiv's Rutoken header (rtpkcs11t.h, as mirrored in
 *   the rutoken pkcs11 wrapper's RtPkcs11Constants) and OpenSC's pkcs11.h
 *   (NSSCK_VENDOR_PKCS11_RU_TEAM = CKK_VENDOR_DEFINED | 0x54321000).
 *
 * Older vendor headers and a 2015 draft used TC26|0x019-0x024 for other
 * meanings; those are deliberately absent. The extra modes that TC 26 does
 * not define (CBC, CTR, CFB, OFB for Kuznyechik and Magma) are offered under
 * LIBGOST_VENDOR values of our own (below), clear of the TC 26 range. */
#ifndef GOST_PKCS11_H
#define GOST_PKCS11_H

#include <p11-kit/pkcs11.h>

/* [TC26] vendor base: CKK_VENDOR_DEFINED (0x80000000) | 0x54321000. */
#define CK_VENDOR_PKCS11_RU_TEAM_TC26 0xD4321000UL
#define GOST_TC26(n) (CK_VENDOR_PKCS11_RU_TEAM_TC26 | (n))

/* ---- key types ---------------------------------------------------------- */
/* CKK_GOSTR3410 0x30, CKK_GOSTR3411 0x31, CKK_GOST28147 0x32: PKCS#11 v2.40 s.2.1 */
#ifndef CKK_GOSTR3410_256
#define CKK_GOSTR3410_256 CKK_GOSTR3410                 /* [TC26] alias of 0x30 */
#endif
#define CKK_GOSTR3410_512 GOST_TC26(0x003UL)            /* [TC26], rtpkcs11t.h */
#define CKK_KUZNYECHIK GOST_TC26(0x004UL)               /* [TC26], rtpkcs11t.h */
#define CKK_MAGMA GOST_TC26(0x005UL)                    /* [TC26], rtpkcs11t.h */
/* The KExp15 wrapping keys: K_mac || K_enc (64 bytes), the order of the KEG
 * output of RFC 9189 s.8.1 ("K_Exp_MAC | K_Exp_ENC"), and the order in which
 * third-party KExp15 tests with the R 1323565.1.017 B.2 vector fill it. */
#define CKK_KUZNYECHIK_TWIN_KEY GOST_TC26(0x006UL) /* [TC26], Aktiv pkcs11jna Pkcs11Tc26Constants */
#define CKK_MAGMA_TWIN_KEY GOST_TC26(0x007UL)      /* [TC26], Aktiv pkcs11jna Pkcs11Tc26Constants */

/* ---- attributes: CKA_GOSTR3410_PARAMS 0x250, _GOSTR3411_ 0x251, _GOST28147_ 0x252 (v2.40) */

/* ---- mechanisms ---------------------------------------------------------- */
/* 0x1200-0x1204, 0x1210-0x1211, 0x1220-0x1224: PKCS#11 v2.40 s.2.1 (GOST 2001 names,
 * reused by TC 26 for the 2012 256-bit algorithms). */
#define CKM_GOSTR3410_512_KEY_PAIR_GEN GOST_TC26(0x005UL)         /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3410_512 GOST_TC26(0x006UL)                      /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3410_12_DERIVE GOST_TC26(0x007UL)                /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3410_WITH_GOSTR3411_12_256 GOST_TC26(0x008UL)    /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3410_WITH_GOSTR3411_12_512 GOST_TC26(0x009UL)    /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3410_PUBLIC_KEY_DERIVE GOST_TC26(0x00AUL)        /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3410_512_PUBLIC_KEY_DERIVE GOST_TC26(0x00BUL)    /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3411_12_256 GOST_TC26(0x012UL)                   /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3411_12_512 GOST_TC26(0x013UL)                   /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3411_12_256_HMAC GOST_TC26(0x014UL)              /* [TC26], rtpkcs11t.h */
#define CKM_GOSTR3411_12_512_HMAC GOST_TC26(0x015UL)              /* [TC26], rtpkcs11t.h */
#define CKM_KDF_4357 GOST_TC26(0x025UL)                           /* [TC26], rtpkcs11t.h */
#define CKM_KDF_GOSTR3411_2012_256 GOST_TC26(0x026UL)             /* [TC26], rtpkcs11t.h */
#define CKM_KDF_TREE_GOSTR3411_2012_256 GOST_TC26(0x02AUL)        /* [TC26], rtpkcs11t.h */
#define CKM_KUZNYECHIK_KEXP_15_WRAP GOST_TC26(0x02BUL)            /* [TC26], rtpkcs11t.h */
#define CKM_MAGMA_KEXP_15_WRAP GOST_TC26(0x02CUL)                 /* [TC26], rtpkcs11t.h */
#define CKM_KUZNYECHIK_MGM GOST_TC26(0x02DUL)                     /* [TC26], rtpkcs11t.h */
#define CKM_MAGMA_MGM GOST_TC26(0x02EUL)                          /* [TC26], rtpkcs11t.h */
#define CKM_KUZNYECHIK_KEY_GEN GOST_TC26(0x030UL)                 /* [TC26], rtpkcs11t.h */
#define CKM_KUZNYECHIK_ECB GOST_TC26(0x031UL)                     /* [TC26], rtpkcs11t.h */
#define CKM_KUZNYECHIK_CTR_ACPKM GOST_TC26(0x032UL)               /* [TC26], rtpkcs11t.h */
#define CKM_KUZNYECHIK_MAC GOST_TC26(0x033UL)                     /* [TC26], rtpkcs11t.h */
#define CKM_MAGMA_KEY_GEN GOST_TC26(0x034UL)                      /* [TC26], rtpkcs11t.h */
#define CKM_MAGMA_ECB GOST_TC26(0x035UL)                          /* [TC26], rtpkcs11t.h */
#define CKM_MAGMA_CTR_ACPKM GOST_TC26(0x036UL)                    /* [TC26], rtpkcs11t.h */
#define CKM_MAGMA_MAC GOST_TC26(0x037UL)                          /* [TC26], rtpkcs11t.h */
/* VKO_GOSTR3410_2012_512 (64-byte output) as its own mechanism; parameter laid
 * out as CK_GOSTR3410_DERIVE_PARAMS (Aktiv's CK_VENDOR_VKO_GOSTR3410_2012_512_PARAMS).
 * [TC26] pkcs11tc26_18.h, as in Aktiv pkcs11jna Pkcs11Tc26Constants. */
#define CKM_VKO_GOSTR3410_2012_512 GOST_TC26(0x038UL)
/* KEG (R 1323565.1.020-2018 s.6.4.5.1, gost/keg.h): the 64-byte export key
 * pair K_mac || K_enc for KExp15. Parameter CK_ECDH1_DERIVE_PARAMS: kdf
 * CKD_NULL, pSharedData the UKM, pPublicData the peer's public key.
 * Aktiv rtpkcs11t.h ("CKM_GOST_KEG (CK_VENDOR_PKCS11_RU_TEAM_TC26 | 0x039)"),
 * Aktiv pkcs11jna RtPkcs11Constants. */
#define CKM_GOST_KEG GOST_TC26(0x039UL)

/* ---- key derivation functions (CK_GOSTR3410_DERIVE_PARAMS.kdf) ------------
 * CKD_NULL 0x1 and CKD_CPDIVERSIFY_KDF 0x9 are PKCS#11 v2.40's; the TC 26
 * values equal the mechanisms' (rtpkcs11t.h "#define CKD_KDF_4357 CKM_KDF_4357",
 * Aktiv's Pkcs11Interop Extended_CKD: TC26|0x025, TC26|0x026). */
#define CKD_KDF_4357 CKM_KDF_4357
#define CKD_KDF_GOSTR3411_2012_256 CKM_KDF_GOSTR3411_2012_256

/* ---- libgost's own values (not in TC 26): CKM_VENDOR_DEFINED | 'L' 'G' << 16 | n.
 * Parameter: the IV (16 bytes Kuznyechik, 8 bytes Magma; CTR: half a block). */
#define LIBGOST_VENDOR (CKM_VENDOR_DEFINED | 0x4C470000UL)
#define CKM_LIBGOST_KUZNYECHIK_CBC (LIBGOST_VENDOR | 0x01UL)
#define CKM_LIBGOST_KUZNYECHIK_CTR (LIBGOST_VENDOR | 0x02UL)
#define CKM_LIBGOST_KUZNYECHIK_CFB (LIBGOST_VENDOR | 0x03UL)
#define CKM_LIBGOST_KUZNYECHIK_OFB (LIBGOST_VENDOR | 0x04UL)
#define CKM_LIBGOST_MAGMA_CBC (LIBGOST_VENDOR | 0x11UL)
#define CKM_LIBGOST_MAGMA_CTR (LIBGOST_VENDOR | 0x12UL)
#define CKM_LIBGOST_MAGMA_CFB (LIBGOST_VENDOR | 0x13UL)
#define CKM_LIBGOST_MAGMA_OFB (LIBGOST_VENDOR | 0x14UL)
/* MAC with a caller-chosen length: parameter CK_MAC_GENERAL_PARAMS (tag bytes,
 * 1..n), as PKCS#11 v2.40 s.2.10 does for CKM_AES_MAC_GENERAL. */
#define CKM_LIBGOST_KUZNYECHIK_MAC_GENERAL (LIBGOST_VENDOR | 0x05UL)
#define CKM_LIBGOST_MAGMA_MAC_GENERAL (LIBGOST_VENDOR | 0x15UL)
/* GOST 28147-89 in counter mode (RFC 5830 s.6; the v2.40 set has ECB,
 * CFB = CKM_GOST28147 and the MAC only). Parameter: the 8-byte IV. */
#define CKM_LIBGOST_GOST28147_CNT (LIBGOST_VENDOR | 0x21UL)

/* ---- mechanism parameters ------------------------------------------------ */
/* CKM_KUZNYECHIK_MGM / CKM_MAGMA_MGM parameter, [TC26] (CK_GOST_MGM_PARAMS):
 * nonce (16 / 8 bytes, top bit clear), associated data, tag length in bits. */
typedef struct CK_GOST_MGM_PARAMS {
    CK_BYTE_PTR pNonce;
    CK_ULONG ulNonceLen;
    CK_BYTE_PTR pAAD;
    CK_ULONG ulAADLen;
    CK_ULONG ulTagBits;
} CK_GOST_MGM_PARAMS;

/* CKM_GOSTR3410_12_DERIVE / CKM_GOSTR3410_DERIVE parameter, [TC26] (CK_GOSTR3410_DERIVE_PARAMS):
 * kdf CKD_NULL (the VKO output itself), CKD_KDF_4357 / CKD_CPDIVERSIFY_KDF or
 * CKD_KDF_GOSTR3411_2012_256, the peer's public key (X||Y little-endian) and the UKM. */
typedef struct CK_GOSTR3410_DERIVE_PARAMS {
    CK_ULONG kdf; /* CK_EC_KDF_TYPE */
    CK_BYTE_PTR pPublicData;
    CK_ULONG ulPublicDataLen;
    CK_BYTE_PTR pUKM;
    CK_ULONG ulUKMLen;
} CK_GOSTR3410_DERIVE_PARAMS;

/* CKM_KDF_TREE_GOSTR3411_2012_256 parameter, [TC26] (CK_KDF_TREE_GOST_PARAMS), R 1323565.1.022-2018 s.5.
 * ulL, ulOffset and the key length are bytes (ulL = 64 for RFC 7836's L = 512), as the
 * tokens in use read them (Aktiv Rutoken's PKCS#11 wrappers pass {1, 64, 32}). */
typedef struct CK_KDF_TREE_GOST_PARAMS {
    CK_ULONG ulLabelLength;
    CK_BYTE_PTR pLabel;
    CK_ULONG ulSeedLength;
    CK_BYTE_PTR pSeed;
    CK_ULONG ulR;
    CK_ULONG ulL;
    CK_ULONG ulOffset;
} CK_KDF_TREE_GOST_PARAMS;

#endif
