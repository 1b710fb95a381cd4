/* Runs every CT_CASE (or those whose name contains argv[1]). Meant to run
 * under `valgrind --error-exitcode=1`; see ct.h. The leak_demo_* cases run
 * only when named: make check runs them expecting valgrind to object. */
#include <string.h>

#include "ct.h"

#define CT_MAX_CASES 256

static struct {
    const char *name;
    ct_case_fn fn;
} cases[CT_MAX_CASES];
static int ncases;

void ct_register(const char *name, ct_case_fn fn)
{
    if (ncases < CT_MAX_CASES) {
        cases[ncases].name = name;
        cases[ncases].fn = fn;
        ncases++;
    }
}

int main(int argc, char **argv)
{
    int run = 0;
    if (!RUNNING_ON_VALGRIND)
        fprintf(stderr, "ctime: not under valgrind: secrets are not tracked, only the "
                        "functional checks run\n");
    for (int i = 0; i < ncases; i++) {
        /* leak_demo_* cases leak on purpose (see ct_leak_demo.c): only by name. */
        int demo = strncmp(cases[i].name, "leak_demo", 9) == 0;
        if (argc > 1 ? strstr(cases[i].name, argv[1]) == NULL : demo)
            continue;
        fprintf(stderr, "ctime: %s\n", cases[i].name);
        cases[i].fn();
        run++;
    }
    printf("ctime: %d cases run\n", run);
    return run == 0;
}
