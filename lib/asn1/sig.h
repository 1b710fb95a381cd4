/* Internal: GOST signature AlgorithmIdentifiers and values in certificates
 * and requests (sig.c). */
#ifndef GOST_ASN1_SIG_H
#define GOST_ASN1_SIG_H

#include "asn1/der.h"
#include "gost/curves.h"

/* Read the signature algorithm (field alg; also inner_alg if not NULL,
 * which must be identical) and the BIT STRING field value: a curve of the
 * signature's size (GOST_CURVE_256_A or _512_A) and s || r into sig. */
int gasn1_read_signature(asn1_node node, const char *inner_alg, const char *alg,
                         const char *value, enum gost_curve *size_curve, uint8_t *sig,
                         size_t *sig_len);

/* Write the algorithm (no parameters, RFC 9215 s.3.1) at field alg. */
int gasn1_write_signature_algorithm(asn1_node node, const char *alg, enum gost_curve curve);

#endif
