/* CPU feature detection for the run-time dispatch (see gost/cpu.h). */
#include <string.h>
#include <stdlib.h>

#include "gost/cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned detect_x86(void)
{
    unsigned a, b, c, d, f = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (c & bit_SSSE3)
        f |= GOST_CPU_HAS_SSSE3;
    if (c & bit_SSE4_1)
        f |= GOST_CPU_HAS_SSE41;
    if (c & bit_PCLMUL)
        f |= GOST_CPU_HAS_PCLMUL;
    /* AVX state must be enabled by the OS (OSXSAVE and XCR0 bits 1, 2). */
    int os_avx = 0, os_avx512 = 0;
    if ((c & bit_OSXSAVE) && (c & bit_AVX)) {
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        os_avx = (lo & 6u) == 6u;
        os_avx512 = (lo & 0xe6u) == 0xe6u;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        if (os_avx && (b & bit_AVX2))
            f |= GOST_CPU_HAS_AVX2;
        if (os_avx && (c & bit_VPCLMULQDQ))
            f |= GOST_CPU_HAS_VPCLMUL;
        if (os_avx512 && (b & bit_AVX512F))
            f |= GOST_CPU_HAS_AVX512F;
        if (b & bit_BMI)
            f |= GOST_CPU_HAS_BMI1;
        if (b & bit_BMI2)
            f |= GOST_CPU_HAS_BMI2;
        if (b & bit_ADX)
            f |= GOST_CPU_HAS_ADX;
    }
    return f;
}
#else
static unsigned detect_x86(void) { return 0; }
#endif

static enum gost_cpu_path path_of(unsigned f)
{
    if ((f & GOST_CPU_HAS_AVX2) && (f & GOST_CPU_HAS_SSSE3))
        return GOST_CPU_AVX2;
    if (f & GOST_CPU_HAS_SSSE3)
        return GOST_CPU_SSSE3;
    return GOST_CPU_PORTABLE;
}

/* CPUID is a VM exit under a hypervisor (several microseconds each here),
 * and every key schedule and hash init asks for the features: so the
 * answer is cached. This word is the core's only writable static state; it
 * is idempotent (every thread computes and stores the same value, so a race
 * is harmless) and holds nothing secret. Embedded builds that want no
 * writable state at all define GOST_CPU_FIXED_FEATURES to a feature mask
 * (0 = portable) and never run CPUID. */
#define FEATURES_KNOWN (1u << 31)

static unsigned detected_features(void)
{
#ifdef GOST_CPU_FIXED_FEATURES
    (void)detect_x86;
    return (unsigned)(GOST_CPU_FIXED_FEATURES);
#else
    static unsigned cache;
    unsigned f = __atomic_load_n(&cache, __ATOMIC_RELAXED);
    if (!(f & FEATURES_KNOWN)) {
        f = detect_x86() | FEATURES_KNOWN;
        __atomic_store_n(&cache, f, __ATOMIC_RELAXED);
    }
    return f & ~FEATURES_KNOWN;
#endif
}

unsigned gost_cpu_features(void)
{
    unsigned f = detected_features();
#ifndef GOST_NO_GETENV
    const char *cap = getenv("GOST_CPU");
    if (cap != NULL) {
        if (strcmp(cap, "portable") == 0)
            f = 0;
        else if (strcmp(cap, "ssse3") == 0)
            f &= GOST_CPU_HAS_SSSE3 | GOST_CPU_HAS_SSE41 | GOST_CPU_HAS_PCLMUL;
    }
#endif
    return f;
}

enum gost_cpu_path gost_cpu_path(void)
{
    return path_of(gost_cpu_features());
}

const char *gost_cpu_path_name(enum gost_cpu_path path)
{
    switch (path) {
    case GOST_CPU_AVX2: return "avx2";
    case GOST_CPU_SSSE3: return "ssse3";
    default: return "portable";
    }
}
