/* Internal: mark a value computed from secrets as public for the valgrind
 * constant-time check (tests/ct), as libsecp256k1's declassify does. Used
 * only where the value is public by design (r and s of a signature, "this
 * random key was zero, draw again", "this key is valid"). Outside valgrind it
 * costs a few instructions; without valgrind headers it is nothing. */
#ifndef GOST_EC_DECLASSIFY_H
#define GOST_EC_DECLASSIFY_H

#include <stddef.h>

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define EC_DECLASSIFY(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#endif
#endif
#ifndef EC_DECLASSIFY
#define EC_DECLASSIFY(p, n) ((void)(p), (void)(n))
#endif

static inline int ec_declassify_int(int v)
{
    EC_DECLASSIFY(&v, sizeof v);
    return v;
}

#endif
