/* GOST key formats at the PKCS#11 boundary (TC 26 PKCS#11 extension, DESIGN.md):
 * CKA_GOSTR3410_PARAMS is a DER OBJECT IDENTIFIER; a public key CKA_VALUE is
 * X||Y little-endian, also accepted wrapped in a DER OCTET STRING. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/curves.h"
#include "p11.h"

/* DER OID (06 len arcs) to dotted text; 0 on success. */
static int oid_der_to_text(const uint8_t *der, size_t len, char *out, size_t cap)
{
    size_t pos = 0, i;
    unsigned long arc = 0;
    int first = 1, n;
    if (len < 3 || der[0] != 0x06 || der[1] != len - 2 || der[1] > 0x7f)
        return -1;
    for (i = 2; i < len; i++) {
        if (arc > (~0UL >> 8))
            return -1;
        arc = (arc << 7) | (der[i] & 0x7f);
        if (der[i] & 0x80) {
            if (i + 1 == len)
                return -1; /* truncated arc */
            continue;
        }
        if (first) {
            unsigned long a0 = arc < 40 ? 0 : arc < 80 ? 1 : 2;
            n = snprintf(out + pos, cap - pos, "%lu.%lu", a0, arc - 40 * a0);
            first = 0;
        } else {
            n = snprintf(out + pos, cap - pos, ".%lu", arc);
        }
        if (n < 0 || (size_t)n >= cap - pos)
            return -1;
        pos += (size_t)n;
        arc = 0;
    }
    return 0;
}

/* Every sign/verify/derive init looks its key's curve up: the last answer is
 * kept, so the common case (one key used again and again) costs a memcmp
 * instead of a text conversion. Callers run under the module lock. */
static struct {
    uint8_t der[32];
    size_t len; /* 0: empty */
    int curve;
} last_curve;

CK_RV p11_curve_from_der(const uint8_t *der, size_t len, int *curve)
{
    char text[128];
    enum gost_curve c;
    if (der != NULL && len != 0 && len == last_curve.len && memcmp(der, last_curve.der, len) == 0) {
        *curve = last_curve.curve;
        return CKR_OK;
    }
    if (der == NULL || oid_der_to_text(der, len, text, sizeof text) != 0)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    if (gost_curve_by_oid(text, &c) != 0)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    if (len <= sizeof last_curve.der) {
        memcpy(last_curve.der, der, len);
        last_curve.len = len;
        last_curve.curve = (int)c;
    }
    *curve = (int)c;
    return CKR_OK;
}

size_t p11_curve_to_der(int curve, uint8_t out[16])
{
    const char *p = gost_curve_oid((enum gost_curve)curve);
    unsigned long arcs[16];
    size_t n = 0, len = 2;
    if (p == NULL)
        return 0;
    while (*p && n < 16) {
        char *end;
        arcs[n++] = strtoul(p, &end, 10);
        p = *end == '.' ? end + 1 : end;
    }
    if (n < 2)
        return 0;
    out[0] = 0x06;
    out[len++] = (uint8_t)(40 * arcs[0] + arcs[1]);
    for (size_t i = 2; i < n; i++) {
        uint8_t tmp[10];
        int k = 0;
        unsigned long a = arcs[i];
        do {
            tmp[k++] = a & 0x7f;
            a >>= 7;
        } while (a);
        if (len + (size_t)k > 16)
            return 0;
        while (k--)
            out[len++] = tmp[k] | (k ? 0x80 : 0);
    }
    out[1] = (uint8_t)(len - 2);
    return len;
}

CK_RV p11_pubkey_decode(const uint8_t *in, size_t len, size_t n, uint8_t *out)
{
    if (in == NULL)
        return CKR_ATTRIBUTE_VALUE_INVALID;
    if (len == 2 * n) {
        memcpy(out, in, len);
        return CKR_OK;
    }
    /* 04 40 <64 bytes> or 04 81 80 <128 bytes> */
    if (n == 32 && len == 66 && in[0] == 0x04 && in[1] == 0x40) {
        memcpy(out, in + 2, 64);
        return CKR_OK;
    }
    if (n == 64 && len == 131 && in[0] == 0x04 && in[1] == 0x81 && in[2] == 0x80) {
        memcpy(out, in + 3, 128);
        return CKR_OK;
    }
    return CKR_ATTRIBUTE_VALUE_INVALID;
}
