/* PEM (RFC 7468) around DER. The base64 maps are arithmetic, not tables,
 * because PEM carries private keys: no memory index depends on the data. */
#include <stdlib.h>
#include <string.h>

#include "asn1/der.h"
#include "asn1/pem.h"
#include "gost/asn1.h"
#include "gost/util.h"

/* All ones when lo <= c <= hi, else zero (arguments below 2^16). */
static unsigned in_range(unsigned c, unsigned lo, unsigned hi)
{
    return (((c - lo) | (hi - c)) >> 31) - 1u;
}

static unsigned select_mask(unsigned mask, unsigned a, unsigned b)
{
    return (a & mask) | (b & ~mask);
}

/* 0-25 'A'-'Z', 26-51 'a'-'z', 52-61 '0'-'9', 62 '+', 63 '/' */
static char b64_char(unsigned v)
{
    unsigned c = 'A' + v;

    c += in_range(v, 26, 51) & ('a' - 'A' - 26u);
    c += in_range(v, 52, 61) & ('0' - 'A' - 52u);
    c += in_range(v, 62, 62) & ('+' - 'A' - 62u);
    c += in_range(v, 63, 63) & ('/' - 'A' - 63u);
    return (char)(c & 0xff);
}

/* The 6-bit value of c, or 0x100 if c is not a base64 digit. */
static unsigned b64_value(unsigned c)
{
    unsigned v = 0x100;

    v = select_mask(in_range(c, 'A', 'Z'), c - 'A', v);
    v = select_mask(in_range(c, 'a', 'z'), c - 'a' + 26, v);
    v = select_mask(in_range(c, '0', '9'), c - '0' + 52, v);
    v = select_mask(in_range(c, '+', '+'), 62, v);
    v = select_mask(in_range(c, '/', '/'), 63, v);
    return v;
}

size_t gasn1_b64_encode(const uint8_t *in, size_t n, char *out, size_t line)
{
    size_t i, o = 0, col = 0;

    for (i = 0; i < n; i += 3) {
        unsigned b0 = in[i], b1 = i + 1 < n ? in[i + 1] : 0, b2 = i + 2 < n ? in[i + 2] : 0;
        unsigned w = (b0 << 16) | (b1 << 8) | b2;
        out[o++] = b64_char(w >> 18);
        out[o++] = b64_char((w >> 12) & 63);
        out[o++] = i + 1 < n ? b64_char((w >> 6) & 63) : '=';
        out[o++] = i + 2 < n ? b64_char(w & 63) : '=';
        col += 4;
        if (col == line || i + 3 >= n) {
            out[o++] = '\n';
            col = 0;
        }
    }
    return o;
}

int gasn1_b64_decode(const char *in, size_t n, uint8_t *out, size_t cap, size_t *out_len)
{
    unsigned acc = 0, bad = 0, v;
    size_t i, bits = 0, o = 0, pad = 0;

    for (i = 0; i < n; i++) {
        unsigned c = (unsigned char)in[i];
        /* Line breaks and blanks are layout, not data. */
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
            continue;
        if (c == '=') {
            pad++;
            continue;
        }
        if (pad)
            return GOST_ERR_DECODE; /* data after padding */
        v = b64_value(c);
        bad |= v >> 6;
        acc = (acc << 6) | (v & 63);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap)
                return GOST_ERR_DECODE;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    acc = 0;
    if (bad || pad > 2 || bits >= 6 || (bits ? (bits / 2) != pad : pad != 0)) {
        gost_wipe(out, o);
        return GOST_ERR_DECODE;
    }
    *out_len = o;
    return 0;
}

int gost_asn1_pem_encode(const char *label, const uint8_t *der, size_t der_len, char *pem,
                         size_t *pem_len)
{
    size_t llen, body, need, o;

    if (label == NULL || der == NULL || pem_len == NULL || der_len == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    llen = strlen(label);
    if (llen == 0 || llen > 64 || der_len > ((size_t)1 << 28))
        return GOST_ERR_INVALID_ARGUMENT;
    body = (der_len + 2) / 3 * 4;
    body += (body + 63) / 64; /* a newline per 64 columns */
    need = 11 + llen + 6 + body + 9 + llen + 6;
    if (pem == NULL || *pem_len < need + 1) {
        *pem_len = need;
        return GOST_ERR_BUFFER_TOO_SMALL;
    }
    o = 0;
    memcpy(pem + o, "-----BEGIN ", 11), o += 11;
    memcpy(pem + o, label, llen), o += llen;
    memcpy(pem + o, "-----\n", 6), o += 6;
    o += gasn1_b64_encode(der, der_len, pem + o, 64);
    memcpy(pem + o, "-----END ", 9), o += 9;
    memcpy(pem + o, label, llen), o += llen;
    memcpy(pem + o, "-----\n", 6), o += 6;
    pem[o] = 0;
    *pem_len = o;
    return 0;
}

static const char *find(const char *s, size_t n, const char *what)
{
    size_t w = strlen(what);

    for (size_t i = 0; w <= n && i <= n - w; i++)
        if (memcmp(s + i, what, w) == 0)
            return s + i;
    return NULL;
}

int gasn1_pem_find(const char *pem, size_t pem_len, const char *label, const char **body,
                   size_t *body_len, char found[GASN1_PEM_LABEL_MAX])
{
    const char *p = pem, *end = pem + pem_len;

    while (p < end) {
        const char *b = find(p, (size_t)(end - p), "-----BEGIN "), *lab, *e, *tail;
        size_t llen;
        char endline[GASN1_PEM_LABEL_MAX + 16];

        if (b == NULL)
            break;
        lab = b + 11;
        e = find(lab, (size_t)(end - lab), "-----");
        if (e == NULL || (size_t)(e - lab) >= GASN1_PEM_LABEL_MAX)
            return GOST_ERR_DECODE;
        llen = (size_t)(e - lab);
        p = e + 5;
        if (label && (strlen(label) != llen || memcmp(label, lab, llen) != 0))
            continue;
        memcpy(endline, "-----END ", 9);
        memcpy(endline + 9, lab, llen);
        memcpy(endline + 9 + llen, "-----", 6);
        tail = find(p, (size_t)(end - p), endline);
        if (tail == NULL)
            return GOST_ERR_DECODE;
        *body = p;
        *body_len = (size_t)(tail - p);
        if (found) {
            memcpy(found, lab, llen);
            found[llen] = 0;
        }
        return 0;
    }
    return GOST_ERR_DECODE;
}

int gost_asn1_pem_decode(const char *pem, size_t pem_len, const char *label, uint8_t *der,
                         size_t *der_len)
{
    const char *body;
    size_t body_len, need;
    int rc;

    if (pem == NULL || der_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    rc = gasn1_pem_find(pem, pem_len, label, &body, &body_len, NULL);
    if (rc)
        return rc;
    /* The exact size: 3 bytes per 4 data characters (layout and padding
     * are not data); a malformed body is caught by the decode below. */
    need = 0;
    for (size_t i = 0; i < body_len; i++)
        need += !(body[i] == '\n' || body[i] == '\r' || body[i] == ' ' || body[i] == '\t' ||
                  body[i] == '=');
    need = need * 3 / 4;
    if (der == NULL || *der_len < need) {
        *der_len = need;
        return GOST_ERR_BUFFER_TOO_SMALL;
    }
    return gasn1_b64_decode(body, body_len, der, *der_len, der_len);
}

int gasn1_input(const void *in, size_t in_len, const char *label, uint8_t **der, size_t *der_len,
                uint8_t **owned)
{
    const char *body;
    size_t body_len;
    int rc;

    *owned = NULL;
    if (in == NULL || in_len == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    /* DER always starts with a SEQUENCE tag; PEM never does. */
    if (((const uint8_t *)in)[0] == 0x30) {
        *der = (uint8_t *)in;
        *der_len = in_len;
        return 0;
    }
    rc = gasn1_pem_find(in, in_len, label, &body, &body_len, NULL);
    if (rc)
        return rc;
    *owned = malloc(body_len / 4 * 3 + 3);
    if (*owned == NULL)
        return GOST_ERR_NO_MEMORY;
    rc = gasn1_b64_decode(body, body_len, *owned, body_len / 4 * 3 + 3, der_len);
    if (rc) {
        free(*owned);
        *owned = NULL;
        return rc;
    }
    *der = *owned;
    return 0;
}

void gasn1_input_free(uint8_t **owned, size_t len)
{
    if (*owned) {
        gost_wipe(*owned, len);
        free(*owned);
    }
    *owned = NULL;
}
