/* gost-bench: throughput and operations per second of libgost, optionally
 * beside OpenSSL's GOST provider/engine, or nettle and libgcrypt, measured
 * in the same run.
 *
 *   gost-bench [--json] [--vs-openssl] [--filter SUB[|SUB...]] [--sizes LIST] [--quick]
 *              [--fastest] [--vs-peers]
 *
 * Each measurement calibrates an iteration count to ~target_ns, then repeats
 * it reps times and reports the median; with --vs-openssl our runs and
 * OpenSSL's alternate and the ratio is the median of the pairs' ratios.
 * --fastest reports each row's fastest single call instead (run_fastest),
 * --vs-peers the rows nettle and libgcrypt also have (run_peers). Cycles
 * are TSC ticks per byte (ticks at the invariant TSC rate, not core
 * clocks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#include "bench.h"
#include "gost/cpu.h"

#define MAX_ROWS 256

static const bench_row *rows[MAX_ROWS];
static size_t nrows;
uint8_t *bench_in, *bench_out;
volatile uint8_t bench_sink;

void bench_register(const bench_row *row)
{
    if (nrows < MAX_ROWS)
        rows[nrows++] = row;
}

/* The order of DESIGN.md; rows not listed come after, by name. */
static const char *const canonical[] = {
    "streebog256", "streebog256-public", "streebog512", "streebog512-public", "hmac-streebog256", "hmac-streebog512", "kdf-tree-streebog256",
    "pbkdf2-streebog512",
    "kuznyechik-ecb", "kuznyechik-ctr", "kuznyechik-cbc-enc", "kuznyechik-cbc-dec",
    "kuznyechik-cfb", "kuznyechik-ofb", "kuznyechik-omac", "kuznyechik-mgm",
    "kuznyechik-ctr-acpkm",
    "magma-ecb", "magma-ctr", "magma-cbc-enc", "magma-cbc-dec", "magma-cfb", "magma-ofb",
    "magma-omac", "magma-mgm", "magma-ctr-acpkm", "gost28147-cnt", "gost28147-cfb", "gost28147-imit",
    "gost3410-256a-keygen", "gost3410-256a-sign", "gost3410-256a-verify",
    "gost3410-256b-keygen", "gost3410-256b-sign", "gost3410-256b-verify",
    "gost3410-512a-keygen", "gost3410-512a-sign", "gost3410-512a-verify",
    "gost3410-512c-keygen", "gost3410-512c-sign", "gost3410-512c-verify",
    "vko-256a", "vko-512a", "sespake-256a", "sespake-512a",
};

static size_t rank(const char *name)
{
    for (size_t i = 0; i < sizeof canonical / sizeof canonical[0]; i++)
        if (strcmp(canonical[i], name) == 0)
            return i;
    return sizeof canonical / sizeof canonical[0];
}

/* --filter: substrings separated by '|'; a row matches if it contains any. */
static int filter_matches(const char *filter, const char *name)
{
    for (const char *p = filter;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
        for (const char *q = name; n > 0 && strlen(q) >= n; q++)
            if (strncmp(q, p, n) == 0)
                return 1;
        if (bar == NULL)
            return 0;
        p = bar + 1;
    }
}

static int cmp_rows(const void *a, const void *b)
{
    const bench_row *x = *(const bench_row *const *)a, *y = *(const bench_row *const *)b;
    size_t rx = rank(x->name), ry = rank(y->name);
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return strcmp(x->name, y->name);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static uint64_t ticks(void)
{
#if defined(__x86_64__)
    return __rdtsc();
#else
    return 0;
#endif
}

/* Core cycles per TSC tick, from the fastest of many timed chains of
 * dependent adds (one core cycle each): cyc/B counts TSC ticks, and a
 * kernel's instruction-count bound is in core cycles, so comparing the two
 * needs this factor (the core here runs above the TSC's rate). 0 where
 * there is no TSC. */
static double core_cycles_per_tick(void)
{
#if defined(__x86_64__)
    double best = 1e300;
    for (int r = 0; r < 50; r++) {
        uint64_t x = (uint64_t)r, t0 = ticks();
        for (int i = 0; i < 20000; i++)
            __asm__ __volatile__("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                                 "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                                 "add $1, %0\n\tadd $1, %0"
                                 : "+r"(x));
        double t = (double)(ticks() - t0);
        if (t < best)
            best = t;
    }
    return 200000.0 / best;
#else
    return 0;
#endif
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double target_ns = 2e8;
static int reps = 7;

/* An iteration count that makes one call of fn last about target_ns / reps,
 * or 0 if fn reports it is unavailable. One untimed call comes first: a row
 * may set itself up on first use (OpenSSL's keyed contexts, its provider),
 * and timing that would make the count far too small. */
static size_t calibrate(int (*fn)(size_t, size_t), size_t size)
{
    size_t iters = 1;
    double t;
    if (fn(size, 1) != 0)
        return 0;
    for (;;) {
        double t0 = now_ns();
        if (fn(size, iters) != 0)
            return 0;
        t = now_ns() - t0;
        if (t > target_ns / 8 || iters > ((size_t)1 << 40))
            break;
        iters *= t < target_ns / 100 ? 10 : 2;
    }
    return (size_t)((double)iters * (target_ns / reps) / (t > 1 ? t : 1)) + 1;
}

/* One timed call of fn: seconds per iteration, TSC ticks per iteration in
 * *tpi; negative if fn failed. */
static double time_once(int (*fn)(size_t, size_t), size_t size, size_t iters, double *tpi)
{
    double t0 = now_ns();
    uint64_t k0 = ticks();
    if (fn(size, iters) != 0)
        return -1;
    *tpi = (double)(ticks() - k0) / (double)iters;
    return (now_ns() - t0) / 1e9 / (double)iters;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return v[n / 2];
}

struct measurement {
    double ours, theirs; /* median seconds per iteration; < 0: unavailable */
    double ours_tpi;     /* median TSC ticks per iteration of ours */
    double ratio;        /* median over the pairs of theirs / ours; < 0: none */
};

/* Measures ours and, if given, theirs. Their repetitions alternate, and the
 * ratio is the median of the ratios of neighbouring runs: a burst of load
 * from another process (this machine is shared) slows both runs of a pair
 * alike, so the ratio moves much less than either figure. */
static struct measurement measure_pair(int (*ours)(size_t, size_t), int (*theirs)(size_t, size_t),
                                       size_t size)
{
    struct measurement m = {-1, -1, 0, -1};
    size_t it_ours = calibrate(ours, size);
    size_t it_theirs = theirs != NULL ? calibrate(theirs, size) : 0;
    if (it_ours == 0)
        theirs = NULL; /* nothing to compare with */
    double so[16], st[16], tk[16], ra[16], tk2;
    for (int r = 0; r < reps; r++) {
        if (it_ours != 0 && (so[r] = time_once(ours, size, it_ours, &tk[r])) < 0)
            it_ours = 0;
        if (it_theirs != 0 && (st[r] = time_once(theirs, size, it_theirs, &tk2)) < 0)
            it_theirs = 0;
        if (it_ours != 0 && it_theirs != 0)
            ra[r] = st[r] / so[r];
    }
    if (it_ours != 0) {
        m.ours = median(so, reps);
        m.ours_tpi = median(tk, reps);
    }
    if (it_theirs != 0)
        m.theirs = median(st, reps);
    if (it_ours != 0 && it_theirs != 0)
        m.ratio = median(ra, reps);
    return m;
}

static const char *cpu_name(void)
{
    static char name[128] = "unknown";
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];
    if (f == NULL)
        return name;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "model name", 10) == 0) {
            char *c = strchr(line, ':');
            if (c != NULL) {
                snprintf(name, sizeof name, "%s", c + 2);
                name[strcspn(name, "\n")] = '\0';
            }
            break;
        }
    }
    fclose(f);
    return name;
}

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

/* OpenSSL's side of a row: its own function, or else the row's bound
 * (bench.h), *bound saying which. */
typedef int (*bench_fn)(size_t, size_t);
static bench_fn openssl_side(const bench_row *r, int *bound)
{
    *bound = r->openssl == NULL && r->openssl_bound != NULL;
    return r->openssl != NULL ? r->openssl : r->openssl_bound;
}

static const char bound_legend[] =
    "<, >: OpenSSL has no such mode; its side is a bound from work it could not avoid\n"
    "      (MGM: its CTR over twice the bytes, MGM's two counter streams)\n";

/* --fastest: each sized row's own call, the fastest of at least
 * FASTEST_CALLS single calls (and of as many as FASTEST_SECONDS allow), in
 * TSC ticks and core cycles per byte. Load from other processes only ever
 * adds time, so the minimum is what the kernel itself costs: the figure to
 * set against an instruction-count bound. With --vs-openssl, OpenSSL's call
 * alternates with ours, so both see the same quiet moments, and the ratio
 * is of the two minima: the speed-up on an unloaded core. The throughput
 * table (medians) stays the measure of what a user gets. */
#define FASTEST_CALLS 300
#define FASTEST_SECONDS 0.5
static double time_call(int (*fn)(size_t, size_t), size_t size)
{
    uint64_t t0 = ticks();
    if (fn(size, 1) != 0)
        return -1;
    return (double)(ticks() - t0);
}

static int run_fastest(const char *filter, const size_t *sizes, size_t nsizes, const char *path, int vs)
{
    double cpt = core_cycles_per_tick();
    if (cpt <= 0) {
        fprintf(stderr, "gost-bench: --fastest needs a TSC\n");
        return 2;
    }
    printf("cpu: %s\npath: %s\ncore cycles per TSC tick: %.3f\n", cpu_name(), path, cpt);
    printf("%-34s %8s %12s %12s %12s %7s\n", "name", "size", "TSC c/B", "core c/B",
           vs ? "openssl TSC" : "", vs ? "ratio" : "");
    int any_bound = 0;
    for (size_t i = 0; i < nrows; i++) {
        const bench_row *r = rows[i];
        if (!r->sized || (filter != NULL && !filter_matches(filter, r->name)))
            continue;
        if (r->setup != NULL && r->setup() != 0)
            continue;
        int bound = 0;
        bench_fn theirs = vs ? openssl_side(r, &bound) : NULL;
        any_bound |= theirs != NULL && bound;
        for (size_t s = 0; s < nsizes; s++) {
            double best = 1e300, best_theirs = 1e300, start = now_ns();
            for (long k = 0; k < 100000 && (k < FASTEST_CALLS || now_ns() - start < FASTEST_SECONDS * 1e9); k++) {
                double t = time_call(r->ours, sizes[s]);
                if (t < 0)
                    break;
                if (t < best)
                    best = t;
                if (theirs != NULL && (t = time_call(theirs, sizes[s])) < 0)
                    theirs = NULL; /* unavailable: n/a */
                if (theirs != NULL && t < best_theirs)
                    best_theirs = t;
            }
            if (best >= 1e300)
                continue;
            char o[32] = "", ra[16] = "";
            if (vs) {
                int have = theirs != NULL && best_theirs < 1e300;
                snprintf(o, sizeof o, !have ? "n/a" : bound ? ">%.2f" : "%.2f", best_theirs / (double)sizes[s]);
                snprintf(ra, sizeof ra, !have ? "-" : bound ? ">%.2fx" : "%.2fx", best_theirs / best);
            }
            printf("%-34s %8zu %12.2f %12.2f %12s %7s\n", r->name, sizes[s], best / (double)sizes[s],
                   best * cpt / (double)sizes[s], o, ra);
            fflush(stdout);
        }
    }
    if (any_bound)
        fputs(bound_legend, stdout);
    return 0;
}

/* --vs-peers: the rows that nettle or libgcrypt also has, ours beside
 * each library's, their calls alternating. The table gives each one's
 * median (or, with --fastest, its fastest single call) and ours against
 * the faster peer: the median over the repetitions of the faster peer's
 * time over ours (with --fastest, of the minima). */
static int run_peers(const char *filter, const size_t *sizes, size_t nsizes, const char *path, int fastest)
{
    printf("cpu: %s\npath: %s\n%s\n", cpu_name(), path,
           fastest ? "each figure from the fastest single call" : "medians of repeated runs");
    printf("%-34s %8s %6s %12s", "name", "size", "unit", "ours");
    for (int p = 0; p < BENCH_PEERS; p++)
        printf(" %12s", bench_peer_names[p]);
    printf(" %14s\n", "ours/fastest");
    for (size_t i = 0; i < nrows; i++) {
        const bench_row *r = rows[i];
        int (*peer[BENCH_PEERS])(size_t, size_t);
        if (!r->sized || (filter != NULL && !filter_matches(filter, r->name)) || !bench_peers_of(r->name, peer))
            continue;
        if (r->setup != NULL && r->setup() != 0)
            continue;
        for (size_t s = 0; s < nsizes; s++) {
            size_t size = sizes[s];
            int (*fn[1 + BENCH_PEERS])(size_t, size_t) = {r->ours};
            memcpy(fn + 1, peer, sizeof peer);
            size_t iters[1 + BENCH_PEERS];
            double t[1 + BENCH_PEERS][16], tick, best[1 + BENCH_PEERS], ratio[16];
            int nrep = fastest ? 0 : reps;
            for (int f = 0; f <= BENCH_PEERS; f++) {
                iters[f] = fn[f] == NULL ? 0 : fastest ? 1 : calibrate(fn[f], size);
                best[f] = 1e300;
            }
            if (iters[0] == 0)
                continue;
            double start = now_ns();
            for (long k = 0; fastest ? k < 100000 && (k < FASTEST_CALLS || now_ns() - start < FASTEST_SECONDS * 1e9)
                                     : k < nrep;
                 k++) {
                double fastest_peer = 1e300;
                for (int f = 0; f <= BENCH_PEERS; f++) {
                    if (iters[f] == 0)
                        continue;
                    double v = fastest ? time_call(fn[f], size) : time_once(fn[f], size, iters[f], &tick);
                    if (v < 0) {
                        iters[f] = 0; /* failed: n/a */
                        continue;
                    }
                    if (!fastest)
                        t[f][k] = v;
                    if (v < best[f])
                        best[f] = v;
                    if (f > 0 && v < fastest_peer)
                        fastest_peer = v;
                }
                if (!fastest && iters[0] != 0)
                    ratio[k] = fastest_peer < 1e300 ? fastest_peer / t[0][k] : -1;
            }
            if (iters[0] == 0)
                continue;
            char col[1 + BENCH_PEERS][32], ra[16];
            double min_peer = 1e300;
            for (int f = 0; f <= BENCH_PEERS; f++) {
                double sec = iters[f] == 0 ? -1 : fastest ? best[f] : median(t[f], nrep);
                if (f > 0 && sec > 0 && sec < min_peer)
                    min_peer = sec;
                /* --fastest times are in TSC ticks: MB/s needs the TSC rate,
                 * so they print as ticks per byte. */
                snprintf(col[f], sizeof col[f], sec <= 0 ? "n/a" : "%.2f",
                         fastest ? sec / (double)size : (double)size / sec / 1e6);
            }
            double rv = fastest ? (min_peer < 1e300 ? min_peer / best[0] : -1) : median(ratio, nrep);
            snprintf(ra, sizeof ra, rv > 0 ? "%.2fx" : "-", rv);
            printf("%-34s %8zu %6s %12s", r->name, size, fastest ? "TSC/B" : "MB/s", col[0]);
            for (int p = 1; p <= BENCH_PEERS; p++)
                printf(" %12s", col[p]);
            printf(" %14s\n", ra);
            fflush(stdout);
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    int json = 0, vs = 0, fastest = 0, peers = 0;
    const char *filter = NULL;
    size_t sizes[8] = {16, 64, 1024, 16384, 1048576};
    size_t nsizes = 5;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--vs-openssl") == 0)
            vs = 1;
        else if (strcmp(argv[i], "--fastest") == 0)
            fastest = 1;
        else if (strcmp(argv[i], "--vs-peers") == 0)
            peers = 1;
        else if (strcmp(argv[i], "--quick") == 0)
            target_ns = 2e7, reps = 3;
        else if (strcmp(argv[i], "--filter") == 0 && i + 1 < argc)
            filter = argv[++i];
        else if (strcmp(argv[i], "--sizes") == 0 && i + 1 < argc) {
            nsizes = 0;
            for (char *p = strtok(argv[++i], ","); p && nsizes < 8; p = strtok(NULL, ",")) {
                unsigned long v = strtoul(p, NULL, 10);
                if (v == 0 || v > BENCH_MAX_SIZE) {
                    fprintf(stderr, "gost-bench: size '%s' not in 1..%zu\n", p, BENCH_MAX_SIZE);
                    return 2;
                }
                sizes[nsizes++] = v;
            }
        } else {
            fprintf(stderr,
                    "usage: gost-bench [--json] [--vs-openssl] [--filter SUB[|SUB...]] "
                    "[--sizes 16,64,...] [--quick] [--fastest] [--vs-peers]\n");
            return strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ? 0 : 2;
        }
    }
    bench_in = malloc(BENCH_MAX_SIZE + 64);
    bench_out = malloc(BENCH_MAX_SIZE + 64);
    if (bench_in == NULL || bench_out == NULL)
        return 1;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < BENCH_MAX_SIZE + 64; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        bench_in[i] = (uint8_t)x;
    }
    memset(bench_out, 0, BENCH_MAX_SIZE + 64);
    qsort(rows, nrows, sizeof rows[0], cmp_rows);

    const char *path = gost_cpu_path_name(gost_cpu_path());
    if (peers)
        return run_peers(filter, sizes, nsizes, path, fastest);
    if (fastest)
        return run_fastest(filter, sizes, nsizes, path, vs);
    if (json) {
        printf("{\"cpu\": ");
        json_str(cpu_name());
        printf(", \"path\": \"%s\", \"results\": [", path);
    } else {
        printf("cpu: %s\npath: %s\n", cpu_name(), path);
        double cpt = core_cycles_per_tick();
        if (cpt > 0)
            printf("cyc/B: TSC ticks per byte; the core ran %.2f cycles per tick "
                   "(multiply by it for core cycles)\n", cpt);
        printf("%-34s %8s %6s %12s %8s %12s %7s\n", "name", "size", "unit", "ours", "cyc/B",
               vs ? "openssl" : "", vs ? "ratio" : "");
    }
    int first = 1, any_bound = 0;
    for (size_t i = 0; i < nrows; i++) {
        const bench_row *r = rows[i];
        if (filter != NULL && !filter_matches(filter, r->name))
            continue;
        if (r->setup != NULL && r->setup() != 0) {
            fprintf(stderr, "gost-bench: %s: setup failed, row skipped\n", r->name);
            continue;
        }
        int bound = 0;
        bench_fn openssl = openssl_side(r, &bound);
        any_bound |= vs && openssl != NULL && bound;
        size_t ns = r->sized ? nsizes : 1;
        for (size_t s = 0; s < ns; s++) {
            size_t size = r->sized ? sizes[s] : 0;
            struct measurement m = measure_pair(r->ours, vs ? openssl : NULL, size);
            double ours = m.ours, theirs = m.theirs, tpi = m.ours_tpi;
            double vo = ours > 0 ? (r->sized ? (double)size / ours / 1e6 : 1.0 / ours) : -1;
            double vt = theirs > 0 ? (r->sized ? (double)size / theirs / 1e6 : 1.0 / theirs) : -1;
            const char *unit = r->sized ? "MB/s" : "ops/s";
            if (json) {
                printf("%s\n  {\"name\": ", first ? "" : ",");
                json_str(r->name);
                printf(", \"size\": %zu, \"unit\": \"%s\", \"ours\": ", size, unit);
                if (vo > 0) printf("%.2f", vo); else printf("null");
                if (r->sized && vo > 0)
                    printf(", \"cycles_per_byte\": %.2f", tpi / (double)size);
                /* A bound is not OpenSSL's figure: "openssl" and "ratio"
                 * stay null, the bound goes to fields of its own. */
                const int real = vt > 0 && !bound;
                printf(", \"openssl\": ");
                if (real) printf("%.2f", vt); else printf("null");
                printf(", \"ratio\": ");
                /* "ratio" is ours / openssl of the medians (DESIGN.md); the
                 * median of the neighbouring runs' ratios, which the table
                 * prints, is "ratio_paired". */
                if (vo > 0 && real) printf("%.3f", vo / vt); else printf("null");
                printf(", \"ratio_paired\": ");
                if (m.ratio > 0 && real) printf("%.3f", m.ratio); else printf("null");
                if (vt > 0 && bound && vo > 0)
                    printf(", \"openssl_at_most\": %.2f, \"ratio_at_least\": %.3f", vt, vo / vt);
                printf("}");
                first = 0;
            } else {
                char sz[16], o[32], c[16], t[32], ra[16];
                snprintf(sz, sizeof sz, r->sized ? "%zu" : "-", size);
                snprintf(o, sizeof o, vo > 0 ? "%.1f" : "n/a", vo);
                snprintf(c, sizeof c, r->sized && vo > 0 ? "%.2f" : "-", tpi / (double)(size ? size : 1));
                snprintf(t, sizeof t, vt <= 0 ? "n/a" : bound ? "<%.1f" : "%.1f", vt);
                snprintf(ra, sizeof ra, m.ratio <= 0 ? "-" : bound ? ">%.2fx" : "%.2fx", m.ratio);
                printf("%-34s %8s %6s %12s %8s %12s %7s\n", r->name, sz, unit, o, c,
                       vs ? t : "", vs ? ra : "");
                fflush(stdout);
            }
        }
    }
    if (json)
        printf("\n]}\n");
    else if (any_bound)
        fputs(bound_legend, stdout);
    free(bench_in);
    free(bench_out);
    return 0;
}
