/* Constant-time checks, in the manner of libsecp256k1's ctime tests.
 *
 * Each CT_CASE marks its secrets undefined with CT_SECRET and runs the code
 * under test. Run under valgrind's memcheck (make check does), any branch,
 * loop bound or memory address that depends on a secret is reported as a
 * "conditional jump or move depends on uninitialised value" or "use of
 * uninitialised value" and fails the run. Outputs that are public by design
 * (a signature, a ciphertext) are marked with CT_PUBLIC before they are
 * compared. Outside valgrind the marks are no-ops and the cases still run
 * their own assertions. */
#ifndef GOST_CT_H
#define GOST_CT_H

#include <stdio.h>
#include <stdlib.h>
#include <valgrind/memcheck.h>

#define CT_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define CT_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

typedef void (*ct_case_fn)(void);
void ct_register(const char *name, ct_case_fn fn);

#define CT_CASE(name)                                                         \
    static void ct_case_##name(void);                                         \
    __attribute__((constructor)) static void ct_register_##name(void)         \
    {                                                                         \
        ct_register(#name, ct_case_##name);                                   \
    }                                                                         \
    static void ct_case_##name(void)

/* A failed functional check inside a case (not a timing leak). */
#define CT_CHECK(cond)                                                        \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                          \
        }                                                                     \
    } while (0)

#endif
