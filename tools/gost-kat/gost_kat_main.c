/* gost-kat [-q] [--fast|--slow-only] [DIR|FILE...]: checks every
 * known-answer vector. One line per vector, then "N passed, M failed"
 * (", K skipped" when --fast or --slow-only left some out); exit 1 on any
 * failure. --fast leaves out the records marked "slow = yes" (minutes of
 * PBKDF2 iterations); --slow-only runs just those. */
#include <stdio.h>
#include <string.h>

#include "kat.h"

#ifndef GOST_VECTORS_DIR
#define GOST_VECTORS_DIR "vectors"
#endif

int main(int argc, char **argv)
{
    kat_totals t = {0, 0, 0};
    int verbose = 1, any = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-q") == 0) {
            verbose = 0;
            continue;
        }
        if (strcmp(argv[i], "--fast") == 0 || strcmp(argv[i], "--slow-only") == 0) {
            kat_slow_mode = argv[i][2] == 'f' ? KAT_SKIP_SLOW : KAT_ONLY_SLOW;
            continue;
        }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: gost-kat [-q] [--fast|--slow-only] [DIR|FILE...]\n"
                   "Checks the known-answer vectors (default: %s).\n", GOST_VECTORS_DIR);
            return 0;
        }
        kat_run_dir(argv[i], stdout, verbose, &t);
        any = 1;
    }
    if (!any)
        kat_run_dir(GOST_VECTORS_DIR, stdout, verbose, &t);
    if (t.skipped != 0)
        printf("%u passed, %u failed, %u skipped\n", t.passed, t.failed, t.skipped);
    else
        printf("%u passed, %u failed\n", t.passed, t.failed);
    return t.failed != 0 || t.passed == 0;
}
