/* Reader of the vector files described in vectors/README.md. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kat.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes one unit (a quoted string or a hex run) starting at *s; returns
 * malloc'd bytes or NULL if the text is neither. */
static uint8_t *decode_unit(const char **s, size_t *len)
{
    const char *p = *s;
    uint8_t *out = malloc(strlen(p) + 1);
    size_t n = 0;
    if (out == NULL)
        return NULL;
    if (*p == '"') {
        p++;
        while (*p != '\0' && *p != '"') {
            int c = (unsigned char)*p++;
            if (c == '\\') {
                c = (unsigned char)*p++;
                if (c == 'n')
                    c = '\n';
                else if (c == 'x' && hexval(p[0]) >= 0 && hexval(p[1]) >= 0) {
                    c = hexval(p[0]) * 16 + hexval(p[1]);
                    p += 2;
                } else if (c != '"' && c != '\\') {
                    free(out);
                    return NULL;
                }
            }
            out[n++] = (uint8_t)c;
        }
        if (*p != '"') {
            free(out);
            return NULL;
        }
        p++;
    } else {
        int hi = -1;
        while (*p != '\0' && *p != '*') {
            if (isspace((unsigned char)*p)) {
                p++;
                continue;
            }
            int v = hexval((unsigned char)*p++);
            if (v < 0) {
                free(out);
                return NULL;
            }
            if (hi < 0)
                hi = v;
            else {
                out[n++] = (uint8_t)(hi << 4 | v);
                hi = -1;
            }
        }
        if (hi >= 0) {
            free(out);
            return NULL;
        }
    }
    *s = p;
    *len = n;
    return out;
}

/* value := unit [ '*' count ] */
static void decode_value(kat_field *f)
{
    const char *p = f->text;
    size_t n;
    uint8_t *unit = decode_unit(&p, &n);
    if (unit == NULL)
        return;
    while (isspace((unsigned char)*p))
        p++;
    unsigned long long reps = 1;
    if (*p == '*') {
        char *end;
        errno = 0;
        reps = strtoull(p + 1, &end, 10);
        while (isspace((unsigned char)*end))
            end++;
        if (errno != 0 || *end != '\0' || reps == 0 || (n != 0 && reps > (1ull << 32) / n)) {
            free(unit);
            return;
        }
    } else if (*p != '\0') {
        free(unit);
        return;
    }
    if (reps == 1) {
        f->bytes = unit;
        f->len = n;
        return;
    }
    f->bytes = malloc(n * reps + 1);
    if (f->bytes != NULL) {
        for (unsigned long long i = 0; i < reps; i++)
            memcpy(f->bytes + i * n, unit, n);
        f->len = n * reps;
    }
    free(unit);
}

static void record_clear(kat_record *r)
{
    for (size_t i = 0; i < r->nfields; i++) {
        free(r->fields[i].text);
        free(r->fields[i].bytes);
    }
    memset(r->fields, 0, sizeof r->fields);
    r->nfields = 0;
    r->algorithm = r->source = NULL;
}

static const kat_field *find(const kat_record *r, const char *key)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].key, key) == 0)
            return &r->fields[i];
    return NULL;
}

const uint8_t *kat_bytes(const kat_record *r, const char *key, size_t *len)
{
    const kat_field *f = find(r, key);
    if (f == NULL || f->bytes == NULL) {
        *len = 0;
        return NULL;
    }
    *len = f->len;
    return f->bytes;
}

int kat_uint(const kat_record *r, const char *key, uint64_t *out)
{
    const kat_field *f = find(r, key);
    if (f == NULL)
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(f->text, &end, 10);
    if (errno != 0 || end == f->text || *end != '\0' || f->text[0] == '-')
        return -1;
    *out = v;
    return 0;
}

const char *kat_text(const kat_record *r, const char *key)
{
    const kat_field *f = find(r, key);
    return f == NULL ? NULL : f->text;
}

int kat_has(const kat_record *r, const char *key)
{
    return find(r, key) != NULL;
}

int kat_failf(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return KAT_FAIL;
}

int kat_expect(const kat_record *r, const char *key, const uint8_t *got, size_t gotlen,
               char *why, size_t whylen)
{
    size_t len;
    const uint8_t *want = kat_bytes(r, key, &len);
    if (want == NULL)
        return kat_failf(why, whylen, "record lacks bytes for '%s'", key);
    if (len == gotlen && memcmp(want, got, len) == 0)
        return KAT_PASS;
    char hex[2 * 40 + 4];
    size_t show = gotlen < 40 ? gotlen : 40;
    for (size_t i = 0; i < show; i++)
        snprintf(hex + 2 * i, 3, "%02x", got[i]);
    if (gotlen > show)
        strcpy(hex + 2 * show, "...");
    return kat_failf(why, whylen, "%s mismatch: got %zu bytes %s, want %zu bytes", key, gotlen,
                     show ? hex : "(none)", len);
}

enum kat_slow_mode kat_slow_mode = KAT_RUN_ALL;

static void run_record(kat_record *r, FILE *out, int verbose, kat_totals *t)
{
    char why[256] = "";
    int res;
    const char *slow = kat_text(r, "slow");
    int is_slow = slow != NULL && strcmp(slow, "yes") == 0;
    if ((is_slow && kat_slow_mode == KAT_SKIP_SLOW) || (!is_slow && kat_slow_mode == KAT_ONLY_SLOW)) {
        t->skipped++;
        return;
    }
    if (r->algorithm == NULL || r->source == NULL) {
        res = kat_failf(why, sizeof why, "record lacks 'algorithm' or 'source'");
    } else {
        for (size_t i = 0; i < r->nfields; i++)
            if (r->fields[i].bytes == NULL && r->fields[i].text[0] == '"')
                kat_failf(why, sizeof why, "bad string value for '%s'", r->fields[i].key);
        kat_fn fn = kat_lookup(r->algorithm);
        if (why[0] != '\0')
            res = KAT_FAIL;
        else if (fn == NULL)
            res = kat_failf(why, sizeof why, "no handler for algorithm '%s'", r->algorithm);
        else
            res = fn(r, why, sizeof why);
    }
    const char *name = kat_text(r, "name");
    if (res == KAT_PASS) {
        t->passed++;
        if (verbose)
            fprintf(out, "PASS %s %s:%d %s\n", r->algorithm, r->file, r->line,
                    name ? name : r->source);
    } else {
        t->failed++;
        fprintf(out, "FAIL %s %s:%d %s: %s\n", r->algorithm ? r->algorithm : "?", r->file,
                r->line, name ? name : (r->source ? r->source : ""), why);
    }
}

int kat_run_file(const char *path, FILE *out, int verbose, kat_totals *t)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(out, "FAIL %s: cannot open: %s\n", path, strerror(errno));
        t->failed++;
        return -1;
    }
    static kat_record r;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int lineno = 0, bad = 0;
    kat_field *last = NULL;
    memset(&r, 0, sizeof r);
    r.file = path;
    for (;;) {
        got = getline(&line, &cap, f);
        if (got >= 0)
            lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        int blank = got >= 0 && strspn(line, " \t") == (size_t)got;
        if (got >= 0 && line[0] == '#')
            continue;
        if (got < 0 || blank) {
            if (r.nfields > 0) {
                for (size_t i = 0; i < r.nfields; i++)
                    decode_value(&r.fields[i]);
                if (bad)
                    t->failed++, fprintf(out, "FAIL %s:%d: malformed record\n", path, r.line);
                else
                    run_record(&r, out, verbose, t);
                record_clear(&r);
            }
            bad = 0;
            last = NULL;
            if (got < 0)
                break;
            continue;
        }
        if (isspace((unsigned char)line[0])) {
            if (last == NULL) {
                bad = 1;
                continue;
            }
            size_t a = strlen(last->text), b = strlen(line);
            char *joined = realloc(last->text, a + b + 2);
            if (joined == NULL) {
                bad = 1;
                continue;
            }
            joined[a] = ' ';
            memcpy(joined + a + 1, line, b + 1);
            last->text = joined;
            continue;
        }
        char *eq = strchr(line, '=');
        if (eq == NULL || r.nfields == KAT_MAX_FIELDS) {
            bad = 1;
            continue;
        }
        if (r.nfields == 0)
            r.line = lineno;
        char *k = line, *ke = eq;
        while (ke > k && isspace((unsigned char)ke[-1]))
            ke--;
        char *v = eq + 1;
        while (isspace((unsigned char)*v))
            v++;
        size_t vl = strlen(v);
        while (vl > 0 && isspace((unsigned char)v[vl - 1]))
            v[--vl] = '\0';
        kat_field *fl = &r.fields[r.nfields++];
        snprintf(fl->key, sizeof fl->key, "%.*s", (int)(ke - k), k);
        fl->text = strdup(v);
        if (fl->text == NULL) {
            r.nfields--;
            bad = 1;
            continue;
        }
        if (strcmp(fl->key, "algorithm") == 0)
            r.algorithm = fl->text;
        else if (strcmp(fl->key, "source") == 0)
            r.source = fl->text;
        last = fl;
    }
    /* algorithm/source point into fields that record_clear freed; reset. */
    free(line);
    fclose(f);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int kat_run_dir(const char *dir, FILE *out, int verbose, kat_totals *t)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return kat_run_file(dir, out, verbose, t);
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 512) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
            names[n] = malloc(strlen(dir) + l + 2);
            if (names[n] != NULL)
                sprintf(names[n++], "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_names);
    for (size_t i = 0; i < n; i++) {
        kat_run_file(names[i], out, verbose, t);
        free(names[i]);
    }
    return 0;
}
