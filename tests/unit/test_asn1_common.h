/* Helpers shared by the lib/asn1 suites: temporary directories, files and
 * the `openssl` command with the GOST engine. */
#ifndef GOST_TEST_ASN1_COMMON_H
#define GOST_TEST_ASN1_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "gost/curves.h"

/* The curves the GOST engine has, with its genpkey paramset names. */
struct asn1t_curve {
    enum gost_curve curve;
    const char *algorithm; /* gost2012_256 / gost2012_512 */
    const char *paramset;  /* A, B, C, TCA ... */
    const char *md;        /* md_gost12_256 / md_gost12_512 */
};
extern const struct asn1t_curve asn1t_curves[];
extern const size_t asn1t_ncurves;

/* A fresh directory under /tmp, removed at exit of the test process. */
const char *asn1t_tmpdir(void);
/* dir/name in one of 8 rotating static buffers: copy it to keep it long. */
const char *asn1t_path(const char *name);
/* Run a shell command (printf format) quietly; its exit status. */
int asn1t_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run a command and capture its standard output (malloc'd, NUL-ended). */
char *asn1t_sh_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Whole files. read: malloc'd with a NUL after the data; asserts on error. */
uint8_t *asn1t_read(const char *path, size_t *len);
void asn1t_write(const char *path, const void *data, size_t len);
/* The engine key on curve c written by `openssl genpkey` to path. */
void asn1t_engine_genkey(const struct asn1t_curve *c, const char *path);
/* Source-tree fixture path (tests/data/asn1/NAME). */
const char *asn1t_fixture(const char *name);

#endif
