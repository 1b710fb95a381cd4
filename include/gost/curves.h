/* The elliptic curves of GOST R 34.10-2012: identifiers, names and OIDs.
 *
 * Each curve is named by enum gost_curve. The CryptoPro parameter sets of
 * RFC 4357 are the same curves as TC 26's 256-bit paramSetB/C/D and map to
 * them (gost_curve_by_oid accepts every alias):
 *
 *   GOST_CURVE_256_A  id-tc26-gost-3410-12-256-paramSetA  (twisted Edwards, cofactor 4)
 *   GOST_CURVE_256_B  id-tc26-gost-3410-12-256-paramSetB  = CryptoPro-A = CryptoPro-XchA
 *   GOST_CURVE_256_C  id-tc26-gost-3410-12-256-paramSetC  = CryptoPro-B
 *   GOST_CURVE_256_D  id-tc26-gost-3410-12-256-paramSetD  = CryptoPro-C = CryptoPro-XchB
 *   GOST_CURVE_512_A  id-tc26-gost-3410-12-512-paramSetA
 *   GOST_CURVE_512_B  id-tc26-gost-3410-12-512-paramSetB
 *   GOST_CURVE_512_C  id-tc26-gost-3410-12-512-paramSetC  (twisted Edwards, cofactor 4)
 *   GOST_CURVE_256_TEST, GOST_CURVE_512_TEST: the curves of the worked examples
 *   of GOST R 34.10-2012 Appendix A (for known answers only; not for use).
 *
 * In OpenSSL's GOST engine, gost2012_256 paramset A/B/C are GOST_CURVE_256_B/C/D
 * and paramset TCA is GOST_CURVE_256_A; gost2012_512 A/B/C are 512_A/B/C. */
#ifndef GOST_CURVES_H
#define GOST_CURVES_H

#include "gost/api.h"

enum gost_curve {
    GOST_CURVE_256_TEST = 0,
    GOST_CURVE_256_A,
    GOST_CURVE_256_B,
    GOST_CURVE_256_C,
    GOST_CURVE_256_D,
    GOST_CURVE_512_TEST,
    GOST_CURVE_512_A,
    GOST_CURVE_512_B,
    GOST_CURVE_512_C,
    GOST_CURVE_COUNT
};

/* Size in bytes of a coordinate, a private key and each of r and s: 32 for
 * the 256-bit curves, 64 for the 512-bit ones; 0 for an unknown curve. */
GOST_API size_t gost_curve_size(enum gost_curve curve);

/* The cofactor m/q: 4 for 256_A and 512_C (twisted Edwards), else 1; 0 if unknown. */
GOST_API unsigned gost_curve_cofactor(enum gost_curve curve);

/* The TC 26 name ("id-tc26-gost-3410-12-256-paramSetA"); NULL if unknown. */
GOST_API const char *gost_curve_name(enum gost_curve curve);

/* The main OID in dotted form ("1.2.643.7.1.2.1.1.1"); NULL if unknown. For
 * 256_B/C/D this is the TC 26 OID; the CryptoPro OIDs are accepted on input. */
GOST_API const char *gost_curve_oid(enum gost_curve curve);

/* The curve for a dotted OID, any alias included (CryptoPro A/B/C, XchA,
 * XchB, the 2001 test set). Returns 0, or GOST_ERR_UNSUPPORTED for an OID
 * that names no known curve, GOST_ERR_INVALID_ARGUMENT for NULL. */
GOST_API int gost_curve_by_oid(const char *oid, enum gost_curve *curve);

/* The curve for a TC 26 or CryptoPro name, as gost_curve_by_oid. */
GOST_API int gost_curve_by_name(const char *name, enum gost_curve *curve);

#endif
