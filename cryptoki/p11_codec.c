/* The store's byte formats, as pure functions (no I/O; fuzzed by
 * tests/fuzz/fuzz_p11_codec.c). Every integer is little-endian.
 *
 *   attributes: "P11A" u32 count, then count x (u64 type, u32 len, len bytes)
 *   token meta: "P11M" u64 generation, label[32], serial[16], u32 so_failures,
 *               u32 user_failures, then SO and user PIN slots
 *               (salt[16], u32 iterations, u32 len, len bytes, len <= P11_WRAP_MAX)
 *   object:     "P11O" u64 id, u32 plain_len, plain (attributes),
 *               u32 sealed_len, sealed (nonce || ciphertext || tag) */
#include <stdlib.h>
#include <string.h>

#include "gost/util.h"
#include "p11.h"
#include "p11_codec.h"

struct wbuf {
    uint8_t *p;
    size_t len, cap;
    int fail;
};

static void put(struct wbuf *w, const void *src, size_t n)
{
    if (w->fail)
        return;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 256;
        uint8_t *p;
        while (cap < w->len + n)
            cap *= 2;
        p = malloc(cap);
        if (p == NULL) {
            w->fail = 1;
            return;
        }
        if (w->p != NULL) {
            memcpy(p, w->p, w->len);
            gost_wipe(w->p, w->cap); /* the buffer may hold secret attributes */
            free(w->p);
        }
        w->p = p;
        w->cap = cap;
    }
    memcpy(w->p + w->len, src, n);
    w->len += n;
}

static void put_u32(struct wbuf *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(w, b, 4);
}

static void put_u64(struct wbuf *w, uint64_t v)
{
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

static CK_RV finish(struct wbuf *w, uint8_t **out, size_t *len)
{
    if (w->fail) {
        if (w->p) {
            gost_wipe(w->p, w->cap);
            free(w->p);
        }
        return CKR_HOST_MEMORY;
    }
    *out = w->p;
    *len = w->len;
    return CKR_OK;
}

struct rbuf {
    const uint8_t *p;
    size_t len, pos;
};

static int get(struct rbuf *r, void *dst, size_t n)
{
    if (r->len - r->pos < n)
        return -1;
    memcpy(dst, r->p + r->pos, n);
    r->pos += n;
    return 0;
}

static int get_u32(struct rbuf *r, uint32_t *v)
{
    uint8_t b[4];
    if (get(r, b, 4))
        return -1;
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

static int get_u64(struct rbuf *r, uint64_t *v)
{
    uint32_t lo, hi;
    if (get_u32(r, &lo) || get_u32(r, &hi))
        return -1;
    *v = (uint64_t)hi << 32 | lo;
    return 0;
}

CK_RV p11_codec_attrs_encode(const struct p11_attrs *a, uint8_t **out, size_t *len)
{
    struct wbuf w = {0};
    put(&w, "P11A", 4);
    put_u32(&w, (uint32_t)a->n);
    for (size_t i = 0; i < a->n; i++) {
        put_u64(&w, a->v[i].type);
        put_u32(&w, (uint32_t)a->v[i].len);
        if (a->v[i].len)
            put(&w, a->v[i].val, a->v[i].len);
    }
    return finish(&w, out, len);
}

CK_RV p11_codec_attrs_decode(const uint8_t *in, size_t len, struct p11_attrs *a)
{
    struct rbuf r = {in, len, 0};
    uint8_t magic[4];
    uint32_t count;
    if (get(&r, magic, 4) || memcmp(magic, "P11A", 4) || get_u32(&r, &count))
        return CKR_DEVICE_ERROR;
    if (count > len / 12) /* each attribute takes at least 12 bytes */
        return CKR_DEVICE_ERROR;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t type;
        uint32_t n;
        CK_RV rv;
        if (get_u64(&r, &type) || get_u32(&r, &n) || r.len - r.pos < n)
            return CKR_DEVICE_ERROR;
        rv = p11_attrs_set(a, (CK_ATTRIBUTE_TYPE)type, in + r.pos, n);
        if (rv != CKR_OK)
            return rv == CKR_HOST_MEMORY ? rv : CKR_DEVICE_ERROR;
        r.pos += n;
    }
    return r.pos == len ? CKR_OK : CKR_DEVICE_ERROR;
}

static void put_pin_slot(struct wbuf *w, const struct p11_pin_slot *s)
{
    put(w, s->salt, sizeof s->salt);
    put_u32(w, s->iterations);
    put_u32(w, s->wrapped_len);
    put(w, s->wrapped, s->wrapped_len);
}

static int get_pin_slot(struct rbuf *r, struct p11_pin_slot *s)
{
    if (get(r, s->salt, sizeof s->salt) || get_u32(r, &s->iterations) ||
        get_u32(r, &s->wrapped_len) || s->wrapped_len > P11_WRAP_MAX)
        return -1;
    return get(r, s->wrapped, s->wrapped_len);
}

CK_RV p11_codec_meta_encode(const struct p11_token_meta *m, uint64_t gen, uint8_t **out,
                            size_t *len)
{
    struct wbuf w = {0};
    put(&w, "P11M", 4);
    put_u64(&w, gen);
    put(&w, m->label, sizeof m->label);
    put(&w, m->serial, sizeof m->serial);
    put_u32(&w, m->so_failures);
    put_u32(&w, m->user_failures);
    put_pin_slot(&w, &m->so);
    put_pin_slot(&w, &m->user);
    return finish(&w, out, len);
}

CK_RV p11_codec_meta_decode(const uint8_t *in, size_t len, struct p11_token_meta *m,
                            uint64_t *gen)
{
    struct rbuf r = {in, len, 0};
    uint8_t magic[4];
    memset(m, 0, sizeof *m);
    if (get(&r, magic, 4) || memcmp(magic, "P11M", 4) || get_u64(&r, gen) ||
        get(&r, m->label, sizeof m->label) || get(&r, m->serial, sizeof m->serial) ||
        get_u32(&r, &m->so_failures) || get_u32(&r, &m->user_failures) ||
        get_pin_slot(&r, &m->so) || get_pin_slot(&r, &m->user) || r.pos != len)
        return CKR_DEVICE_ERROR;
    return CKR_OK;
}

CK_RV p11_codec_object_encode(const struct p11_stored_object *o, uint8_t **out, size_t *len)
{
    struct wbuf w = {0};
    uint8_t *plain = NULL;
    size_t plain_len = 0;
    CK_RV rv = p11_codec_attrs_encode(&o->plain, &plain, &plain_len);
    if (rv != CKR_OK)
        return rv;
    put(&w, "P11O", 4);
    put_u64(&w, o->id);
    put_u32(&w, (uint32_t)plain_len);
    put(&w, plain, plain_len);
    put_u32(&w, (uint32_t)o->sealed_len);
    if (o->sealed_len)
        put(&w, o->sealed, o->sealed_len);
    free(plain);
    return finish(&w, out, len);
}

CK_RV p11_codec_object_decode(const uint8_t *in, size_t len, struct p11_stored_object *o)
{
    struct rbuf r = {in, len, 0};
    uint8_t magic[4];
    uint32_t n;
    CK_RV rv;
    memset(o, 0, sizeof *o);
    if (get(&r, magic, 4) || memcmp(magic, "P11O", 4) || get_u64(&r, &o->id) || get_u32(&r, &n) ||
        r.len - r.pos < n)
        return CKR_DEVICE_ERROR;
    rv = p11_codec_attrs_decode(in + r.pos, n, &o->plain);
    if (rv != CKR_OK)
        goto fail;
    r.pos += n;
    rv = CKR_DEVICE_ERROR;
    if (get_u32(&r, &n) || r.len - r.pos != n)
        goto fail;
    if (n) {
        o->sealed = malloc(n);
        if (o->sealed == NULL) {
            rv = CKR_HOST_MEMORY;
            goto fail;
        }
        memcpy(o->sealed, in + r.pos, n);
        o->sealed_len = n;
    }
    return CKR_OK;
fail:
    p11_attrs_free(&o->plain);
    return rv;
}
