/* gostsum's digest-line parser on arbitrary lines: never reads past the
 * line, and whatever it accepts is self-consistent. */
#include <string.h>

#include "../../tools/gostsum/sumline.c"
#include "fuzz.h"

FUZZ_HARNESS(gostsum_line)
{
    char line[512];
    size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
    memcpy(line, data, n);
    line[n] = '\0';
    size_t dsize, hl;
    const char *name;
    if (sumline_parse(line, &dsize, &hl, &name) == 0) {
        FUZZ_CHECK(hl == 2 * dsize && (dsize == 32 || dsize == 64));
        FUZZ_CHECK(name == line + hl + 2 && *name != '\0');
        FUZZ_CHECK(strspn(line, "0123456789abcdefABCDEF") == hl);
    }
}
