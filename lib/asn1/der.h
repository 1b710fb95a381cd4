/* Internal helpers of lib/asn1 over libtasn1: the compiled module, strict
 * DER decoding, reading fields, encoding into the caller's buffer.
 *
 * Every function returns 0 or a gost_error code; libtasn1 codes never leak
 * out. Nodes created here are freed by the caller with gasn1_free. */
#ifndef GOST_ASN1_DER_H
#define GOST_ASN1_DER_H

#include <libtasn1.h>
#include <stddef.h>
#include <stdint.h>

#include "gost/errors.h"

/* Longest dotted OID we handle; every OID in this layer is far shorter. */
#define GASN1_OID_MAX 64

/* The parsed definitions of lib/asn1/gost.asn (built per call: no globals). */
int gasn1_defs_open(asn1_node *defs);
void gasn1_free(asn1_node *node);

/* A new empty structure of type "GOST-LIBGOST.<type>". */
int gasn1_create(asn1_node defs, const char *type, asn1_node *out);

/* Nesting deeper than this is refused before libtasn1 sees it; the
 * deepest structure here (a certificate's names) needs about 8. */
#define GASN1_MAX_DEPTH 32

/* Decode der as type, strict DER (minimal definite lengths), and require
 * that it uses every byte. GOST_ERR_DECODE on any mismatch. */
int gasn1_decode(asn1_node defs, const char *type, const uint8_t *der, size_t len,
                 asn1_node *out);

/* Encode node (or its field name, NULL for all) into out. *out_len holds
 * the capacity on entry and the length on return; out may be NULL to ask
 * for the length (GOST_ERR_BUFFER_TOO_SMALL is then not an error for the
 * caller's size query: *out_len is always set). */
int gasn1_encode(asn1_node node, const char *name, uint8_t *out, size_t *out_len);
/* The same into a fresh malloc'd buffer (free with free()). */
int gasn1_encode_alloc(asn1_node node, const char *name, uint8_t **out, size_t *out_len);

/* Write helpers (GOST_ERR_INTERNAL when the schema refuses: a bug). */
int gasn1_write(asn1_node node, const char *name, const void *value, size_t len);
int gasn1_write_str(asn1_node node, const char *name, const char *value);

/* Read a value of at most cap bytes. GOST_ERR_DECODE if absent or larger. */
int gasn1_read(asn1_node node, const char *name, uint8_t *buf, size_t cap, size_t *len);
/* Read a BIT STRING: the bytes and the length in bits. */
int gasn1_read_bits(asn1_node node, const char *name, uint8_t *buf, size_t cap, size_t *nbits);
/* Read a value of any size into a fresh malloc'd buffer. */
int gasn1_read_alloc(asn1_node node, const char *name, uint8_t **buf, size_t *len);
/* Read an OBJECT IDENTIFIER in dotted form. */
int gasn1_read_oid(asn1_node node, const char *name, char oid[GASN1_OID_MAX]);
/* Read a non-negative INTEGER below 2^63 (versions, iteration counts). */
int gasn1_read_uint(asn1_node node, const char *name, uint64_t *value);
/* 1 if the optional field is present, else 0. */
int gasn1_present(asn1_node node, const char *name);

/* Where field name lies in der (the whole TLV), after gasn1_decode of der. */
int gasn1_span(asn1_node node, const uint8_t *der, size_t len, const char *name,
               const uint8_t **p, size_t *plen);

/* The contents of one DER value with the given tag byte (TAG_OCTET_STRING
 * ...) spanning all of der; GOST_ERR_DECODE otherwise. */
#define TAG_INTEGER 0x02
#define TAG_BIT_STRING 0x03
#define TAG_OCTET_STRING 0x04
#define TAG_OID 0x06
#define TAG_SEQUENCE 0x30
int gasn1_unwrap(unsigned int tag, const uint8_t *der, size_t len, const uint8_t **p,
                 size_t *plen);

/* Copy n bytes to the caller's buffer with the size-query convention. */
int gasn1_output(const uint8_t *src, size_t n, uint8_t *out, size_t *out_len);

#endif
