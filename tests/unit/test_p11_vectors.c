/* Reader of the vector files for the Cryptoki suites (test_p11_vectors.h). */
#include "test_p11_vectors.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
}

/* Reads one record into r; 0 at the end of the file. */
static int read_record(FILE *fp, struct p11v_record *r)
{
    char line[4096];
    struct p11v_field *last = NULL;
    memset(r, 0, sizeof *r);
    while (fgets(line, sizeof line, fp) != NULL) {
        char *eq;
        trim(line);
        if (line[0] == '#')
            continue;
        if (line[0] == '\0') {
            if (r->nfields > 0)
                return 1;
            continue;
        }
        if (isspace((unsigned char)line[0]) && last != NULL) { /* continuation */
            char *t = line;
            while (isspace((unsigned char)*t))
                t++;
            cr_assert_lt(strlen(last->text) + strlen(t) + 2, sizeof last->text);
            strcat(last->text, " ");
            strcat(last->text, t);
            continue;
        }
        eq = strchr(line, '=');
        cr_assert_not_null(eq, "vector line without '=': %s", line);
        cr_assert_lt(r->nfields, P11V_MAX_FIELDS);
        last = &r->f[r->nfields++];
        *eq = '\0';
        trim(line);
        cr_assert_lt(strlen(line), sizeof last->key, "vector key too long: %s", line);
        memcpy(last->key, line, strlen(line) + 1);
        eq++;
        while (isspace((unsigned char)*eq))
            eq++;
        cr_assert_lt(strlen(eq), sizeof last->text);
        strcpy(last->text, eq);
    }
    return r->nfields > 0;
}

static const char *text_of(const struct p11v_record *r, const char *key)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->f[i].key, key) == 0)
            return r->f[i].text;
    return NULL;
}

void p11v_find(const char *file, const char *alg, int index, struct p11v_record *r)
{
    char path[1024];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", test_vectors_dir(), file);
    fp = fopen(path, "r");
    cr_assert_not_null(fp, "cannot open %s", path);
    while (read_record(fp, r)) {
        const char *a = text_of(r, "algorithm");
        if (a != NULL && strcmp(a, alg) == 0 && index-- == 0) {
            fclose(fp);
            return;
        }
    }
    fclose(fp);
    cr_assert_fail("no record %s #%d in %s", alg, index, path);
}

const char *p11v_text(const struct p11v_record *r, const char *key)
{
    const char *t = text_of(r, key);
    cr_assert_not_null(t, "vector lacks '%s'", key);
    return t;
}

int p11v_has(const struct p11v_record *r, const char *key)
{
    return text_of(r, key) != NULL;
}

size_t p11v_bytes(const struct p11v_record *r, const char *key, uint8_t *out, size_t cap)
{
    const char *t = text_of(r, key), *star;
    size_t n = 0;
    cr_assert_not_null(t, "vector lacks '%s'", key);
    if (t[0] == '"') {
        const char *end = strrchr(t + 1, '"');
        cr_assert(end != NULL && (size_t)(end - t - 1) <= cap);
        memcpy(out, t + 1, (size_t)(end - t - 1));
        return (size_t)(end - t - 1);
    }
    star = strchr(t, '*');
    for (const char *p = t; *p && (star == NULL || p < star); p++) {
        unsigned v;
        if (isspace((unsigned char)*p))
            continue;
        cr_assert(isxdigit((unsigned char)p[0]) && isxdigit((unsigned char)p[1]),
                  "bad hex in '%s'", key);
        cr_assert_lt(n, cap);
        sscanf(p, "%2x", &v);
        out[n++] = (uint8_t)v;
        p++;
    }
    if (star != NULL) { /* "HEX * N": the unit repeated N times */
        unsigned long times = strtoul(star + 1, NULL, 10);
        size_t unit = n;
        cr_assert(unit * times <= cap);
        for (unsigned long i = 1; i < times; i++)
            memcpy(out + i * unit, out, unit);
        n = unit * times;
    }
    return n;
}

unsigned long p11v_uint(const struct p11v_record *r, const char *key)
{
    const char *t = text_of(r, key);
    cr_assert_not_null(t, "vector lacks '%s'", key);
    return strtoul(t, NULL, 10);
}
