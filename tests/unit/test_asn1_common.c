/* See test_asn1_common.h. */
#include "test_asn1_common.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In GOST_CURVE order; engine names per DESIGN.md. */
const struct asn1t_curve asn1t_curves[] = {
    { GOST_CURVE_256_A, "gost2012_256", "TCA", "md_gost12_256" },
    { GOST_CURVE_256_B, "gost2012_256", "A", "md_gost12_256" },
    { GOST_CURVE_256_C, "gost2012_256", "B", "md_gost12_256" },
    { GOST_CURVE_256_D, "gost2012_256", "C", "md_gost12_256" },
    { GOST_CURVE_256_B, "gost2012_256", "TCB", "md_gost12_256" },
    { GOST_CURVE_256_C, "gost2012_256", "TCC", "md_gost12_256" },
    { GOST_CURVE_256_D, "gost2012_256", "TCD", "md_gost12_256" },
    { GOST_CURVE_256_B, "gost2012_256", "XA", "md_gost12_256" },
    { GOST_CURVE_256_D, "gost2012_256", "XB", "md_gost12_256" },
    { GOST_CURVE_512_A, "gost2012_512", "A", "md_gost12_512" },
    { GOST_CURVE_512_B, "gost2012_512", "B", "md_gost12_512" },
    { GOST_CURVE_512_C, "gost2012_512", "C", "md_gost12_512" },
};
const size_t asn1t_ncurves = sizeof asn1t_curves / sizeof asn1t_curves[0];

static char tmpdir[64];

static void remove_tmpdir(void)
{
    char cmd[128];
    if (tmpdir[0] && getenv("ASN1T_KEEP") == NULL) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpdir);
    }
}

const char *asn1t_tmpdir(void)
{
    if (tmpdir[0] == 0) {
        strcpy(tmpdir, "/tmp/gost-asn1-XXXXXX");
        cr_assert_not_null(mkdtemp(tmpdir));
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

const char *asn1t_path(const char *name)
{
    static char bufs[8][256];
    static unsigned next;
    char *b = bufs[next++ % 8];
    snprintf(b, 256, "%s/%s", asn1t_tmpdir(), name);
    return b;
}

int asn1t_sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd - 32, fmt, ap);
    va_end(ap);
    strcat(cmd, " >/dev/null 2>&1");
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *asn1t_sh_out(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd - 32, fmt, ap);
    va_end(ap);
    strcat(cmd, " 2>/dev/null");
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    n = fread(out, 1, cap - 1, p);
    out[n] = 0;
    pclose(p);
    return out;
}

uint8_t *asn1t_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc((size_t)n + 1);
    cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return b;
}

void asn1t_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot create %s", path);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    fclose(f);
}

void asn1t_engine_genkey(const struct asn1t_curve *c, const char *path)
{
    cr_assert_eq(asn1t_sh("openssl genpkey -engine gost -algorithm %s -pkeyopt paramset:%s -out '%s'",
                          c->algorithm, c->paramset, path),
                 0, "openssl genpkey %s %s failed", c->algorithm, c->paramset);
}

const char *asn1t_fixture(const char *name)
{
    static char b[512];
    snprintf(b, sizeof b, "%s/tests/data/asn1/%s", GOST_SOURCE_DIR, name);
    return b;
}
