/* Records of the files under vectors/ for the Cryptoki suites: the same known answers
 * lib's own tests use, read here so the module is checked against them
 * through the PKCS#11 API (the format is vectors/README.md). */
#ifndef TEST_P11_VECTORS_H
#define TEST_P11_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#define P11V_MAX_FIELDS 24
#define P11V_MAX_VALUE 1024

struct p11v_field {
    char key[32];
    char text[2 * P11V_MAX_VALUE + 64]; /* continuations joined with ' ' */
};
struct p11v_record {
    size_t nfields;
    struct p11v_field f[P11V_MAX_FIELDS];
};

/* The index-th record (from 0) of vectors/<file> whose algorithm is alg;
 * fails the test when there is none. */
void p11v_find(const char *file, const char *alg, int index, struct p11v_record *r);
/* The value of key as written. */
const char *p11v_text(const struct p11v_record *r, const char *key);
/* Whether the record has key. */
int p11v_has(const struct p11v_record *r, const char *key);
/* The value of key as bytes (hex, "HEX * N" repetitions, "quoted"); returns
 * the length; fails the test when the key is missing. */
size_t p11v_bytes(const struct p11v_record *r, const char *key, uint8_t *out, size_t cap);
/* The value of key as a decimal number. */
unsigned long p11v_uint(const struct p11v_record *r, const char *key);

#endif
