/* Known-answer test machinery: the vector file reader and the handler
 * registry shared by gost-kat and the Criterion suite. */
#ifndef GOST_KAT_H
#define GOST_KAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KAT_MAX_FIELDS 48

typedef struct kat_field {
    char key[48];
    char *text;      /* the value as written, continuations joined with ' ' */
    uint8_t *bytes;  /* decoded hex or string (repetitions applied); NULL if neither */
    size_t len;
} kat_field;

typedef struct kat_record {
    const char *file;
    int line;
    const char *algorithm;
    const char *source;
    size_t nfields;
    kat_field fields[KAT_MAX_FIELDS];
} kat_record;

enum { KAT_PASS = 0, KAT_FAIL = 1 };

/* A handler checks one record. On failure it writes a one-line reason to
 * why (e.g. "digest mismatch", "record lacks key 'msg'"). */
typedef int (*kat_fn)(const kat_record *r, char *why, size_t whylen);

void kat_register(const char *algorithm, kat_fn fn);
kat_fn kat_lookup(const char *algorithm);

/* KAT_HANDLER(streebog512, check_streebog) registers fn for the algorithm
 * name "streebog512" (any C identifier; '_' in the name stands for '-'). */
#define KAT_HANDLER(alg, fn)                                                  \
    __attribute__((constructor)) static void kat_register_##alg(void)        \
    {                                                                         \
        kat_register(#alg, fn);                                               \
    }

/* Accessors. kat_bytes returns NULL (and sets *len = 0) if the key is
 * missing or not bytes; kat_uint returns -1 if missing or not a number. */
const uint8_t *kat_bytes(const kat_record *r, const char *key, size_t *len);
int kat_uint(const kat_record *r, const char *key, uint64_t *out);
const char *kat_text(const kat_record *r, const char *key);
int kat_has(const kat_record *r, const char *key);

/* Helpers for handlers: fail with a reason. */
int kat_failf(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Compare got against the record's key; fails with "<key> mismatch: got ..." */
int kat_expect(const kat_record *r, const char *key, const uint8_t *got, size_t gotlen,
               char *why, size_t whylen);

/* Run every record of one file / every *.txt file in a directory (sorted).
 * Prints a line per vector to out if verbose, failures always. */
typedef struct kat_totals {
    unsigned passed, failed, skipped;
} kat_totals;

/* Records with "slow = yes" (e.g. 16777216 PBKDF2 iterations): run all,
 * skip them, or run only them. */
enum kat_slow_mode { KAT_RUN_ALL = 0, KAT_SKIP_SLOW, KAT_ONLY_SLOW };
extern enum kat_slow_mode kat_slow_mode;

int kat_run_file(const char *path, FILE *out, int verbose, kat_totals *t);
int kat_run_dir(const char *dir, FILE *out, int verbose, kat_totals *t);

#endif
