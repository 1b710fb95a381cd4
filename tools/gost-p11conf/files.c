/* Files and hex strings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/errors.h"
#include "gost/util.h"
#include "p11conf.h"

int p11c_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = path != NULL ? fopen(path, "wb") : stdout;
    if (f == NULL || fwrite(data, 1, len, f) != len || (path != NULL && fclose(f) != 0)) {
        fprintf(stderr, "gost-p11conf: cannot write %s: %s\n", path != NULL ? path : "stdout",
                strerror(errno));
        return P11C_EXIT_INPUT;
    }
    return P11C_EXIT_OK;
}

#define FILE_MAX (16u << 20)

int p11c_read_file(const char *path, unsigned char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    if (f == NULL) {
        fprintf(stderr, "gost-p11conf: cannot open %s: %s\n", path, strerror(errno));
        return P11C_EXIT_INPUT;
    }
    for (;;) {
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            unsigned char *grown = cap <= FILE_MAX ? realloc(buf, cap + 1) : NULL;
            if (grown == NULL) {
                fprintf(stderr, "gost-p11conf: %s is too large\n", path);
                free(buf);
                fclose(f);
                return P11C_EXIT_INPUT;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        fprintf(stderr, "gost-p11conf: cannot read %s\n", path);
        free(buf);
        return P11C_EXIT_INPUT;
    }
    buf[n] = 0; /* PEM decoders may treat it as text */
    *data = buf;
    *len = n;
    return P11C_EXIT_OK;
}

/* IDs are public, but the decoder is the library's one (constant time,
 * both cases) rather than a second copy. */
int p11c_hex_decode(const char *hex, unsigned char *out, size_t cap, size_t *len)
{
    return gost_hex_decode(out, cap, len, hex, strlen(hex)) == GOST_OK ? 0 : -1;
}
