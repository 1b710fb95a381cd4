/* Every vector under vectors/ passes, on every CPU path this machine has. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "gost/cpu.h"
#include "kat.h"
#include "testutil.h"

static void run_all_on(const char *path)
{
    setenv("GOST_CPU", path, 1);
    kat_totals t = {0, 0, 0};
    /* gost-kat runs the slow records once in make check; not per path. */
    kat_slow_mode = KAT_SKIP_SLOW;
    kat_run_dir(test_vectors_dir(), stderr, 0, &t);
    unsetenv("GOST_CPU");
    cr_expect_gt(t.passed, 0, "no vector ran on path %s", path);
    cr_expect_eq(t.failed, 0, "%u vectors failed on path %s", t.failed, path);
}

Test(kat, portable) { run_all_on("portable"); }

Test(kat, ssse3)
{
    if (!(gost_cpu_features() & GOST_CPU_HAS_SSSE3))
        cr_skip_test("CPU lacks SSSE3");
    run_all_on("ssse3");
}

Test(kat, avx2)
{
    if (!(gost_cpu_features() & GOST_CPU_HAS_AVX2))
        cr_skip_test("CPU lacks AVX2");
    run_all_on("avx2");
}
