/* The storage layer of the token store: one directory per token holding
 *   token.meta     label, serial, PIN slots and counters, and the generation
 *                  (bumped on every object change so other processes reload);
 *   obj-<16 hex>   one file per token object (p11_codec.c);
 *   .lock          the flock(2) every reader (shared) and writer (exclusive) takes.
 * Callers hold the lock around a read-modify-write sequence. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/util.h"
#include "p11.h"
#include "p11_codec.h"

#define META_NAME "token.meta"

char *p11_store_root(void)
{
    const char *env = getenv("GOST_TOKEN_DIR"), *base;
    const char *suffix = "/libgost/tokens";
    char *out;
    if (env != NULL && env[0] != 0)
        return strdup(env);
    base = getenv("XDG_DATA_HOME");
    if (base == NULL || base[0] == 0) {
        base = getenv("HOME");
        suffix = "/.local/share/libgost/tokens";
    }
    if (base == NULL || base[0] == 0)
        return NULL;
    out = malloc(strlen(base) + strlen(suffix) + 1);
    if (out != NULL) {
        strcpy(out, base);
        strcat(out, suffix);
    }
    return out;
}

static CK_RV read_named(const char *dir, const char *name, uint8_t **data, size_t *len)
{
    char path[4096];
    int rc;
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return CKR_DEVICE_ERROR;
    rc = p11_file_read(path, data, len);
    if (rc == -ENOENT)
        return CKR_TOKEN_NOT_RECOGNIZED;
    if (rc == -ENOMEM)
        return CKR_HOST_MEMORY;
    return rc == 0 ? CKR_OK : CKR_DEVICE_ERROR;
}

CK_RV p11_store_read_meta(const char *dir, struct p11_token_meta *m, uint64_t *gen)
{
    uint8_t *data;
    size_t len;
    CK_RV rv = read_named(dir, META_NAME, &data, &len);
    if (rv != CKR_OK)
        return rv;
    rv = p11_codec_meta_decode(data, len, m, gen);
    free(data);
    return rv;
}

CK_RV p11_store_generation(const char *dir, uint64_t *gen)
{
    struct p11_token_meta m;
    CK_RV rv = p11_store_read_meta(dir, &m, gen);
    gost_wipe(&m, sizeof m);
    return rv;
}

CK_RV p11_store_write_meta(const char *dir, const struct p11_token_meta *m, bool bump)
{
    uint64_t gen = 0;
    uint8_t *data;
    size_t len;
    CK_RV rv;
    if (p11_store_generation(dir, &gen) != CKR_OK)
        gen = 0;
    if (bump)
        gen++;
    rv = p11_codec_meta_encode(m, gen, &data, &len);
    if (rv != CKR_OK)
        return rv;
    if (p11_file_write_atomic(dir, META_NAME, data, len) != 0)
        rv = CKR_DEVICE_ERROR;
    free(data);
    return rv;
}

static void object_name(char name[32], uint64_t id)
{
    snprintf(name, 32, "obj-%016" PRIx64, id);
}

CK_RV p11_store_write_object(const char *dir, const struct p11_stored_object *o)
{
    char name[32];
    uint8_t *data;
    size_t len;
    CK_RV rv = p11_codec_object_encode(o, &data, &len);
    if (rv != CKR_OK)
        return rv;
    object_name(name, o->id);
    if (p11_file_write_atomic(dir, name, data, len) != 0)
        rv = CKR_DEVICE_ERROR;
    gost_wipe(data, len); /* holds only sealed or public values, but cheaply so */
    free(data);
    return rv;
}

CK_RV p11_store_delete_object(const char *dir, uint64_t id)
{
    char name[32];
    object_name(name, id);
    return p11_file_remove(dir, name) == 0 ? CKR_OK : CKR_DEVICE_ERROR;
}

void p11_store_free_object(struct p11_stored_object *o)
{
    p11_attrs_free(&o->plain);
    free(o->sealed);
    o->sealed = NULL;
    o->sealed_len = 0;
}

CK_RV p11_store_read_objects(const char *dir, struct p11_stored_object **objs, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct p11_stored_object *v = NULL;
    size_t n = 0, cap = 0;
    CK_RV rv = CKR_OK;
    if (d == NULL)
        return CKR_DEVICE_ERROR;
    while ((e = readdir(d)) != NULL) {
        uint8_t *data;
        size_t len;
        struct p11_stored_object o;
        if (strncmp(e->d_name, "obj-", 4) != 0 || strlen(e->d_name) != 20)
            continue;
        if (read_named(dir, e->d_name, &data, &len) != CKR_OK)
            continue; /* removed meanwhile by a process without our lock: skip */
        rv = p11_codec_object_decode(data, len, &o);
        free(data);
        if (rv == CKR_DEVICE_ERROR) { /* a damaged file: unreadable, never fatal */
            rv = CKR_OK;
            continue;
        }
        if (rv != CKR_OK)
            break;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 16;
            struct p11_stored_object *nv = realloc(v, nc * sizeof *nv);
            if (nv == NULL) {
                p11_store_free_object(&o);
                rv = CKR_HOST_MEMORY;
                break;
            }
            v = nv;
            cap = nc;
        }
        v[n++] = o;
    }
    closedir(d);
    if (rv != CKR_OK) {
        for (size_t i = 0; i < n; i++)
            p11_store_free_object(&v[i]);
        free(v);
        return rv;
    }
    *objs = v;
    *count = n;
    return CKR_OK;
}

CK_RV p11_store_wipe_objects(const char *dir)
{
    struct p11_stored_object *v;
    size_t n;
    CK_RV rv = p11_store_read_objects(dir, &v, &n);
    if (rv != CKR_OK)
        return rv;
    for (size_t i = 0; i < n; i++) {
        if (rv == CKR_OK)
            rv = p11_store_delete_object(dir, v[i].id);
        p11_store_free_object(&v[i]);
    }
    free(v);
    return rv;
}
