#include <string.h>

#include "sumline.h"

int sumline_parse(const char *line, size_t *digest_size, size_t *hex_len, const char **name)
{
    size_t hl = strspn(line, "0123456789abcdefABCDEF");
    size_t size = hl == 64 ? 32 : hl == 128 ? 64 : 0;
    if (size == 0 || line[hl] != ' ' || (line[hl + 1] != ' ' && line[hl + 1] != '*') ||
        line[hl + 2] == '\0')
        return -1;
    *digest_size = size;
    *hex_len = hl;
    *name = line + hl + 2;
    return 0;
}
