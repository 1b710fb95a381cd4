/* Parsing of one digest line of a gostsum list: "HEX  NAME" or "HEX *NAME"
 * (binary-mode marker, as sha256sum writes), HEX being 64 or 128 hex digits. */
#ifndef GOSTSUM_SUMLINE_H
#define GOSTSUM_SUMLINE_H

#include <stddef.h>

/* 0 and the digest size in bytes (32 or 64), the hex length and the name
 * (pointing into line, NUL-terminated as line is) on success; -1 if the line
 * is not a digest line. */
int sumline_parse(const char *line, size_t *digest_size, size_t *hex_len, const char **name);

#endif
