/* gostsum [-a 256|512] [-c] [FILE...]: print or check Streebog digests, in
 * the manner of sha256sum. A digest line is "HEX  NAME"; '-' or no FILE
 * means standard input. With -c, each FILE is a list of such lines; every
 * listed file is checked and reported "NAME: OK" or "NAME: FAILED".
 * Exit status: 0 all good; 1 a mismatch or an unreadable file (named on
 * stderr); 2 bad usage. File contents are public: the table path is used. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gost/streebog.h"
#include "sumline.h"

static int digest_stream(FILE *f, size_t size, uint8_t *out)
{
    gost_streebog_ctx ctx;
    uint8_t buf[1 << 16];
    size_t n;
    gost_streebog_public_init(&ctx, size);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        gost_streebog_update(&ctx, buf, n);
    if (ferror(f))
        return -1;
    return gost_streebog_final(&ctx, out);
}

/* Digest of a named file ("-" = stdin); -1 with errno set on failure. */
static int digest_file(const char *name, size_t size, uint8_t *out)
{
    if (strcmp(name, "-") == 0)
        return digest_stream(stdin, size, out);
    FILE *f = fopen(name, "rb");
    if (f == NULL)
        return -1;
    int r = digest_stream(f, size, out);
    int e = errno;
    fclose(f);
    errno = e;
    return r;
}

static void hex(const uint8_t *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static int print_sums(int argc, char **argv, size_t size)
{
    int status = 0;
    const char *dash = "-";
    char **names = argc > 0 ? argv : (char **)&dash;
    for (int i = 0; i < (argc > 0 ? argc : 1); i++) {
        uint8_t d[64];
        char h[129];
        if (digest_file(names[i], size, d) != 0) {
            fprintf(stderr, "gostsum: %s: %s\n", names[i], strerror(errno ? errno : EIO));
            status = 1;
            continue;
        }
        hex(d, size, h);
        printf("%s  %s\n", h, names[i]);
    }
    return status;
}

static int check_list(FILE *list, const char *listname)
{
    char line[8192];
    int status = 0, lineno = 0, checked = 0;
    while (fgets(line, sizeof line, list) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0')
            continue;
        size_t lsize, hl;
        const char *name;
        /* The digest size comes from the line: 64 or 128 hex digits. */
        if (sumline_parse(line, &lsize, &hl, &name) != 0) {
            fprintf(stderr, "gostsum: %s:%d: not a digest line\n", listname, lineno);
            status = 1;
            continue;
        }
        uint8_t d[64];
        char h[129];
        if (digest_file(name, lsize, d) != 0) {
            fprintf(stderr, "gostsum: %s: %s\n", name, strerror(errno ? errno : EIO));
            printf("%s: FAILED open or read\n", name);
            status = 1;
            continue;
        }
        hex(d, lsize, h);
        int ok = strncasecmp(h, line, hl) == 0;
        printf("%s: %s\n", name, ok ? "OK" : "FAILED");
        if (!ok)
            status = 1;
        checked++;
    }
    if (checked == 0 && status == 0) {
        fprintf(stderr, "gostsum: %s: no properly formatted digest lines found\n", listname);
        status = 1;
    }
    return status;
}

static int usage(FILE *to, int code)
{
    fprintf(to, "usage: gostsum [-a 256|512] [-c] [FILE...]\n"
                "Print or check GOST R 34.11-2012 (Streebog) digests; default 256 bits.\n"
                "  -a BITS  digest size, 256 or 512\n"
                "  -c       read digest lists from the FILEs and check them\n");
    return code;
}

int main(int argc, char **argv)
{
    size_t size = 32;
    int check = 0, i;
    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--check") == 0) {
            check = 1;
        } else if (strcmp(argv[i], "-a") == 0 && i + 1 < argc) {
            const char *a = argv[++i];
            if (strcmp(a, "256") == 0)
                size = 32;
            else if (strcmp(a, "512") == 0)
                size = 64;
            else {
                fprintf(stderr, "gostsum: -a %s: digest size must be 256 or 512\n", a);
                return 2;
            }
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            return usage(stdout, 0);
        } else {
            fprintf(stderr, "gostsum: %s: unknown option\n", argv[i]);
            return usage(stderr, 2);
        }
    }
    if (!check)
        return print_sums(argc - i, argv + i, size);
    int status = 0;
    if (i == argc)
        return check_list(stdin, "-");
    for (; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
        if (f == NULL) {
            fprintf(stderr, "gostsum: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        status |= check_list(f, argv[i]);
        if (f != stdin)
            fclose(f);
    }
    return status;
}
