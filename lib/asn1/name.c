/* X.501 Names from text (RFC 5280 s.4.1.2.4, A.1), written as DER by hand:
 * RDNSequence of single-attribute RDNs, in the order given. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "asn1/der.h"
#include "gost/asn1_cert.h"

enum str_type { UTF8 = 0x0c, PRINTABLE = 0x13, IA5 = 0x16, NUMERIC = 0x12 };

static const struct attr {
    const char *name;
    uint8_t oid[9]; /* DER contents of the OID */
    uint8_t oid_len;
    uint8_t type;
} attrs[] = {
    /* RFC 5280 A.1 (id-at 2.5.4.x) */
    { "CN", { 0x55, 0x04, 0x03 }, 3, UTF8 },
    { "SN", { 0x55, 0x04, 0x04 }, 3, UTF8 },
    { "serialNumber", { 0x55, 0x04, 0x05 }, 3, PRINTABLE },
    { "C", { 0x55, 0x04, 0x06 }, 3, PRINTABLE },
    { "L", { 0x55, 0x04, 0x07 }, 3, UTF8 },
    { "ST", { 0x55, 0x04, 0x08 }, 3, UTF8 },
    { "street", { 0x55, 0x04, 0x09 }, 3, UTF8 },
    { "O", { 0x55, 0x04, 0x0a }, 3, UTF8 },
    { "OU", { 0x55, 0x04, 0x0b }, 3, UTF8 },
    { "title", { 0x55, 0x04, 0x0c }, 3, UTF8 },
    { "GN", { 0x55, 0x04, 0x2a }, 3, UTF8 },
    /* RFC 2985 s.5.2.1: emailAddress 1.2.840.113549.1.9.1, IA5String */
    { "emailAddress", { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01 }, 9, IA5 },
    /* FSB order No. 795 (2011): OGRN 1.2.643.100.1, SNILS 1.2.643.100.3,
     * INNLE 1.2.643.100.4, OGRNIP 1.2.643.100.5, INN 1.2.643.3.131.1.1 */
    { "OGRN", { 0x2a, 0x85, 0x03, 0x64, 0x01 }, 5, NUMERIC },
    { "SNILS", { 0x2a, 0x85, 0x03, 0x64, 0x03 }, 5, NUMERIC },
    { "INNLE", { 0x2a, 0x85, 0x03, 0x64, 0x04 }, 5, NUMERIC },
    { "OGRNIP", { 0x2a, 0x85, 0x03, 0x64, 0x05 }, 5, NUMERIC },
    { "INN", { 0x2a, 0x85, 0x03, 0x03, 0x81, 0x03, 0x01, 0x01 }, 8, NUMERIC },
};

static size_t put_len(uint8_t *out, size_t len)
{
    if (len < 0x80) {
        if (out)
            out[0] = (uint8_t)len;
        return 1;
    }
    if (len < 0x100) {
        if (out)
            out[0] = 0x81, out[1] = (uint8_t)len;
        return 2;
    }
    if (out)
        out[0] = 0x82, out[1] = (uint8_t)(len >> 8), out[2] = (uint8_t)len;
    return 3;
}

static int allowed(uint8_t type, unsigned char c)
{
    if (type == NUMERIC)
        return (c >= '0' && c <= '9') || c == ' ';
    if (type == PRINTABLE)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               strchr(" '()+,-./:=?", c) != NULL;
    if (type == IA5)
        return c < 0x80;
    return 1; /* UTF-8 as given */
}

/* Append one RDN: SET { SEQUENCE { OID, string } } into buf at *o. */
static int put_rdn(uint8_t *buf, size_t cap, size_t *o, const struct attr *a, const char *val,
                   size_t vlen)
{
    const uint8_t *oid = a->oid;
    size_t oid_len = a->oid_len;
    size_t str = 1 + put_len(NULL, vlen) + vlen;
    size_t seq = 2 + oid_len + str;
    size_t set = 1 + put_len(NULL, seq) + seq;
    size_t total = 1 + put_len(NULL, set) + set, p = *o;

    if (vlen > 1024 || p + total > cap)
        return GOST_ERR_INVALID_ARGUMENT;
    buf[p++] = 0x31;
    p += put_len(buf + p, set);
    buf[p++] = 0x30;
    p += put_len(buf + p, seq);
    buf[p++] = 0x06;
    buf[p++] = (uint8_t)oid_len;
    memcpy(buf + p, oid, oid_len), p += oid_len;
    buf[p++] = a->type;
    p += put_len(buf + p, vlen);
    memcpy(buf + p, val, vlen), p += vlen;
    *o = p;
    return 0;
}

int gost_asn1_name_from_string(const char *text, uint8_t *der, size_t *der_len)
{
    enum { CAP = 8192 };
    uint8_t *body;
    char *val;
    size_t o = 0, hdr;
    const char *p;
    char sep;
    int rc = 0;

    if (text == NULL || der_len == NULL)
        return GOST_ERR_INVALID_ARGUMENT;
    body = malloc(CAP);
    val = malloc(strlen(text) + 1);
    if (body == NULL || val == NULL) {
        free(body), free(val);
        return GOST_ERR_NO_MEMORY;
    }
    sep = text[0] == '/' ? '/' : ',';
    p = text[0] == '/' ? text + 1 : text;
    while (!rc && *p) {
        const struct attr *a = NULL;
        const char *eq;
        size_t klen, vlen = 0;

        while (*p == ' ')
            p++;
        eq = strchr(p, '=');
        if (eq == NULL) {
            rc = GOST_ERR_INVALID_ARGUMENT;
            break;
        }
        klen = (size_t)(eq - p);
        while (klen && p[klen - 1] == ' ')
            klen--;
        for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
            if (strlen(attrs[i].name) == klen && strncasecmp(attrs[i].name, p, klen) == 0)
                a = &attrs[i];
        for (p = eq + 1; *p && *p != sep; p++) {
            if (*p == '\\' && p[1])
                p++;
            val[vlen++] = *p;
        }
        if (*p == sep)
            p++;
        if (a == NULL || vlen == 0) {
            rc = GOST_ERR_INVALID_ARGUMENT;
            break;
        }
        for (size_t i = 0; i < vlen; i++)
            if (!allowed(a->type, (unsigned char)val[i]))
                rc = GOST_ERR_INVALID_ARGUMENT;
        if (a->type == PRINTABLE && a->oid[2] == 0x06 && vlen != 2)
            rc = GOST_ERR_INVALID_ARGUMENT; /* C is a two-letter code */
        if (!rc)
            rc = put_rdn(body, CAP, &o, a, val, vlen);
    }
    if (!rc && o == 0)
        rc = GOST_ERR_INVALID_ARGUMENT;
    if (!rc) {
        uint8_t head[4];
        head[0] = 0x30;
        hdr = 1 + put_len(head + 1, o);
        if (der == NULL || *der_len < hdr + o) {
            *der_len = hdr + o;
            rc = GOST_ERR_BUFFER_TOO_SMALL;
        } else {
            memcpy(der, head, hdr);
            memcpy(der + hdr, body, o);
            *der_len = hdr + o;
        }
    }
    free(body);
    free(val);
    return rc;
}
