/* Which instruction-set path the library uses.
 *
 * Each primitive has one dispatch point that asks gost_cpu_path() when a
 * context is set up (key schedule or init) and stores the chosen
 * implementation in the caller-owned context. The only writable static
 * word in the core is an idempotent cache of CPUID's answer (CPUID is slow
 * under a hypervisor); define GOST_CPU_FIXED_FEATURES=<mask> at build time
 * to fix the features instead (no CPUID, no writable state).
 *
 * The environment variable GOST_CPU (portable | ssse3 | avx2) caps the path,
 * so tests and benchmarks can force each one on a single machine; a value
 * above what the CPU supports is lowered to what it supports. Build with
 * -DGOST_NO_GETENV to ignore the environment (for embedded use). */
#ifndef GOST_CPU_H
#define GOST_CPU_H

#include "gost/api.h"

enum gost_cpu_path {
    GOST_CPU_PORTABLE = 0,
    GOST_CPU_SSSE3 = 1,
    GOST_CPU_AVX2 = 2
};

/* Feature bits as detected (CPU and operating-system support). */
enum gost_cpu_feature {
    GOST_CPU_HAS_SSSE3 = 1u << 0,
    GOST_CPU_HAS_SSE41 = 1u << 1,
    GOST_CPU_HAS_PCLMUL = 1u << 2,
    GOST_CPU_HAS_AVX2 = 1u << 3,
    GOST_CPU_HAS_VPCLMUL = 1u << 4,
    GOST_CPU_HAS_BMI2 = 1u << 5,
    GOST_CPU_HAS_ADX = 1u << 6,
    GOST_CPU_HAS_AVX512F = 1u << 7,
    GOST_CPU_HAS_BMI1 = 1u << 8
};

/* The feature bits of this CPU, reduced to what GOST_CPU allows. */
GOST_API unsigned gost_cpu_features(void);

/* The best path allowed by the CPU and by GOST_CPU. */
GOST_API enum gost_cpu_path gost_cpu_path(void);

/* "portable", "ssse3" or "avx2". */
GOST_API const char *gost_cpu_path_name(enum gost_cpu_path path);

#endif
