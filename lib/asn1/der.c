/* libtasn1 glue for lib/asn1: see der.h. */
#include "asn1/der.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/util.h"

extern const asn1_static_node gost_asn1_tab[];

#define MODULE "GOST-LIBGOST."

int gasn1_defs_open(asn1_node *defs)
{
    *defs = NULL;
    if (asn1_array2tree(gost_asn1_tab, defs, NULL) != ASN1_SUCCESS)
        return GOST_ERR_INTERNAL;
    return 0;
}

void gasn1_free(asn1_node *node)
{
    /* Zeroize: structures may hold private keys and decrypted bags. */
    if (*node)
        asn1_delete_structure2(node, ASN1_DELETE_FLAG_ZEROIZE);
    *node = NULL;
}

int gasn1_create(asn1_node defs, const char *type, asn1_node *out)
{
    char name[ASN1_MAX_NAME_SIZE * 2];

    *out = NULL;
    if ((size_t)snprintf(name, sizeof name, MODULE "%s", type) >= sizeof name)
        return GOST_ERR_INTERNAL;
    if (asn1_create_element(defs, name, out) != ASN1_SUCCESS)
        return GOST_ERR_INTERNAL;
    return 0;
}

/* X.690 s.8.19: subidentifiers in minimal base 128, the last one ended.
 * libtasn1 accepts (and misreads) an unfinished one. */
static int oid_ok(const uint8_t *p, size_t n)
{
    int start = 1;

    if (n == 0 || (p[n - 1] & 0x80))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (start && p[i] == 0x80)
            return 0;
        start = !(p[i] & 0x80);
    }
    return 1;
}

/* DER's own rules that libtasn1's strict mode leaves out: definite and
 * minimal lengths, low tag numbers, every constructed value exactly filled
 * by its children, and a bounded depth. Iterative: no recursion to exhaust. */
static int check_der(const uint8_t *der, size_t len)
{
    size_t ends[GASN1_MAX_DEPTH], depth = 0, p = 0;

    ends[depth++] = len;
    while (depth > 0) {
        size_t clen, i, nlen;
        uint8_t tag;

        if (p == ends[depth - 1]) {
            depth--;
            continue;
        }
        if (ends[depth - 1] - p < 2)
            return GOST_ERR_DECODE;
        tag = der[p++];
        if ((tag & 0x1f) == 0x1f)
            return GOST_ERR_DECODE;
        if (der[p] < 0x80) {
            clen = der[p++];
        } else {
            nlen = der[p++] & 0x7f;
            if (nlen == 0 || nlen > 4 || ends[depth - 1] - p < nlen || der[p] == 0)
                return GOST_ERR_DECODE; /* indefinite, huge or padded */
            for (clen = 0, i = 0; i < nlen; i++)
                clen = (clen << 8) | der[p++];
            if (clen < 0x80)
                return GOST_ERR_DECODE; /* long form where the short one fits */
        }
        if (clen > ends[depth - 1] - p)
            return GOST_ERR_DECODE;
        if (tag == 0x06 && !oid_ok(der + p, clen))
            return GOST_ERR_DECODE;
        if (tag & 0x20) {
            if (depth == GASN1_MAX_DEPTH)
                return GOST_ERR_DECODE;
            ends[depth++] = p + clen;
        } else {
            p += clen;
        }
    }
    return 0;
}

int gasn1_decode(asn1_node defs, const char *type, const uint8_t *der, size_t len,
                 asn1_node *out)
{
    int rc = gasn1_create(defs, type, out);
    int used;

    if (rc)
        return rc;
    /* libtasn1 takes an int length: anything larger is not ours to parse. */
    if (der == NULL || len == 0 || len > 0x7fffffff) {
        gasn1_free(out);
        return GOST_ERR_DECODE;
    }
    used = (int)len;
    if (check_der(der, len) != 0 ||
        asn1_der_decoding2(out, der, &used, ASN1_DECODE_FLAG_STRICT_DER, NULL) != ASN1_SUCCESS ||
        (size_t)used != len) {
        gasn1_free(out);
        return GOST_ERR_DECODE;
    }
    return 0;
}

int gasn1_encode(asn1_node node, const char *name, uint8_t *out, size_t *out_len)
{
    int len = 0, rc;

    rc = asn1_der_coding(node, name ? name : "", NULL, &len, NULL);
    if (rc != ASN1_MEM_ERROR)
        return GOST_ERR_INTERNAL;
    if (out == NULL || *out_len < (size_t)len) {
        *out_len = (size_t)len;
        return GOST_ERR_BUFFER_TOO_SMALL;
    }
    if (asn1_der_coding(node, name ? name : "", out, &len, NULL) != ASN1_SUCCESS)
        return GOST_ERR_INTERNAL;
    *out_len = (size_t)len;
    return 0;
}

int gasn1_encode_alloc(asn1_node node, const char *name, uint8_t **out, size_t *out_len)
{
    size_t len = 0;
    int rc = gasn1_encode(node, name, NULL, &len);

    *out = NULL;
    if (rc != GOST_ERR_BUFFER_TOO_SMALL)
        return rc ? rc : GOST_ERR_INTERNAL;
    *out = malloc(len);
    if (*out == NULL)
        return GOST_ERR_NO_MEMORY;
    rc = gasn1_encode(node, name, *out, &len);
    if (rc) {
        free(*out);
        *out = NULL;
        return rc;
    }
    *out_len = len;
    return 0;
}

int gasn1_write(asn1_node node, const char *name, const void *value, size_t len)
{
    if (len > 0x7fffffff)
        return GOST_ERR_BAD_LENGTH;
    return asn1_write_value(node, name, value, (int)len) == ASN1_SUCCESS ? 0 : GOST_ERR_INTERNAL;
}

int gasn1_write_str(asn1_node node, const char *name, const char *value)
{
    return asn1_write_value(node, name, value, 0) == ASN1_SUCCESS ? 0 : GOST_ERR_INTERNAL;
}

int gasn1_read(asn1_node node, const char *name, uint8_t *buf, size_t cap, size_t *len)
{
    int n = cap > 0x7fffffff ? 0x7fffffff : (int)cap;
    unsigned int etype;

    if (asn1_read_value_type(node, name, buf, &n, &etype) != ASN1_SUCCESS)
        return GOST_ERR_DECODE;
    if (etype == ASN1_ETYPE_BIT_STRING)
        return GOST_ERR_INTERNAL; /* lengths in bits: use gasn1_read_bits */
    *len = (size_t)n;
    return 0;
}

int gasn1_read_alloc(asn1_node node, const char *name, uint8_t **buf, size_t *len)
{
    int n = 0;
    unsigned int etype;

    *buf = NULL;
    if (asn1_read_value_type(node, name, NULL, &n, &etype) != ASN1_MEM_ERROR || n <= 0 ||
        etype == ASN1_ETYPE_BIT_STRING)
        return GOST_ERR_DECODE;
    *buf = malloc((size_t)n);
    if (*buf == NULL)
        return GOST_ERR_NO_MEMORY;
    if (asn1_read_value(node, name, *buf, &n) != ASN1_SUCCESS) {
        free(*buf);
        *buf = NULL;
        return GOST_ERR_DECODE;
    }
    *len = (size_t)n;
    return 0;
}

int gasn1_read_bits(asn1_node node, const char *name, uint8_t *buf, size_t cap, size_t *nbits)
{
    int n = cap > 0x0fffffff ? 0x7ffffff8 : (int)cap * 8;
    unsigned int etype;

    if (asn1_read_value_type(node, name, buf, &n, &etype) != ASN1_SUCCESS ||
        etype != ASN1_ETYPE_BIT_STRING)
        return GOST_ERR_DECODE;
    *nbits = (size_t)n;
    return 0;
}

int gasn1_read_oid(asn1_node node, const char *name, char oid[GASN1_OID_MAX])
{
    int n = GASN1_OID_MAX;
    unsigned int etype;

    if (asn1_read_value_type(node, name, oid, &n, &etype) != ASN1_SUCCESS ||
        etype != ASN1_ETYPE_OBJECT_ID || n <= 0 || n > GASN1_OID_MAX)
        return GOST_ERR_DECODE;
    oid[GASN1_OID_MAX - 1] = 0;
    return 0;
}

int gasn1_read_uint(asn1_node node, const char *name, uint64_t *value)
{
    uint8_t buf[9];
    size_t len, i;
    uint64_t v = 0;

    if (gasn1_read(node, name, buf, sizeof buf, &len) || len == 0)
        return GOST_ERR_DECODE;
    if (buf[0] & 0x80)
        return GOST_ERR_DECODE; /* negative */
    if (len == 9 && buf[0] != 0)
        return GOST_ERR_DECODE;
    for (i = 0; i < len; i++)
        v = (v << 8) | buf[i];
    if (v >> 63)
        return GOST_ERR_DECODE;
    *value = v;
    return 0;
}

int gasn1_present(asn1_node node, const char *name)
{
    /* The decoder deletes absent OPTIONAL fields from the tree. */
    return asn1_find_node(node, name) != NULL;
}

int gasn1_span(asn1_node node, const uint8_t *der, size_t len, const char *name,
               const uint8_t **p, size_t *plen)
{
    int start, end;

    if (asn1_der_decoding_startEnd(node, der, (int)len, name, &start, &end) != ASN1_SUCCESS ||
        start < 0 || end < start || (size_t)end >= len)
        return GOST_ERR_DECODE;
    *p = der + start;
    *plen = (size_t)(end - start + 1);
    return 0;
}

int gasn1_unwrap(unsigned int tag, const uint8_t *der, size_t len, const uint8_t **p,
                 size_t *plen)
{
    size_t clen, hdr = 2, i, nlen;

    /* One low-tag-number TLV with a minimal (DER) definite length. */
    if (der == NULL || len < 2 || der[0] != tag)
        return GOST_ERR_DECODE;
    if (der[1] < 0x80) {
        clen = der[1];
    } else {
        nlen = der[1] & 0x7f;
        if (nlen == 0 || nlen > 4 || len < 2 + nlen || der[2] == 0)
            return GOST_ERR_DECODE;
        for (clen = 0, i = 0; i < nlen; i++)
            clen = (clen << 8) | der[2 + i];
        if (clen < 0x80)
            return GOST_ERR_DECODE;
        hdr += nlen;
    }
    if (clen != len - hdr)
        return GOST_ERR_DECODE;
    *p = der + hdr;
    *plen = clen;
    return 0;
}

int gasn1_output(const uint8_t *src, size_t n, uint8_t *out, size_t *out_len)
{
    if (out_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    if (out == NULL || *out_len < n) {
        *out_len = n;
        return GOST_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(out, src, n);
    *out_len = n;
    return 0;
}
