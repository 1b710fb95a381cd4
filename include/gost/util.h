/* Memory helpers for secrets: wiping and constant-time comparison. */
#ifndef GOST_UTIL_H
#define GOST_UTIL_H

#include "gost/api.h"

/* Overwrite n bytes at p with zeros in a way the compiler cannot elide.
 * p may be NULL when n is 0. */
GOST_API void gost_wipe(void *p, size_t n);

/* 1 if the n bytes at a and b are equal, 0 otherwise, in time that depends
 * on n only (never on the contents). */
GOST_API int gost_ct_equal(const void *a, const void *b, size_t n);

#endif
