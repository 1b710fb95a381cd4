/* fuzz-replay CORPUS_DIR: runs every harness over its corpus
 * (CORPUS_DIR/NAME/ *) and over deterministic random and mutated inputs.
 * Prints "N passed, 0 failed" (a crash aborts the run). */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define MAX_HARNESSES 64
#define RANDOM_INPUTS 2000

static struct {
    const char *name;
    fuzz_fn fn;
} harnesses[MAX_HARNESSES];
static int nharnesses;

void fuzz_register(const char *name, fuzz_fn fn)
{
    if (nharnesses < MAX_HARNESSES) {
        harnesses[nharnesses].name = name;
        harnesses[nharnesses].fn = fn;
        nharnesses++;
    }
}

static uint64_t rng = 0x853c49e6748fea9bull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned replay_dir(const char *dir, fuzz_fn fn)
{
    DIR *d = opendir(dir);
    unsigned n = 0;
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[4096 + 512];
        struct stat st;
        snprintf(path, sizeof path, "%.4000s/%.255s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        FILE *f = fopen(path, "rb");
        if (f == NULL)
            continue;
        uint8_t *buf = malloc((size_t)st.st_size + 1);
        size_t got = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
        fclose(f);
        if (buf == NULL)
            continue;
        fn(buf, got);
        /* A few mutations of each seed: flipped bytes and truncations. */
        for (int m = 0; m < 8 && got > 0; m++) {
            size_t at = (size_t)(next() % got);
            buf[at] ^= (uint8_t)(1u << (next() % 8));
            fn(buf, m & 1 ? got : (size_t)(next() % got));
        }
        free(buf);
        n++;
    }
    closedir(d);
    return n;
}

int main(int argc, char **argv)
{
    const char *corpus = argc > 1 ? argv[1] : "tests/fuzz/corpus";
    unsigned passed = 0;
    uint8_t buf[4096];
    for (int h = 0; h < nharnesses; h++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", corpus, harnesses[h].name);
        unsigned seeds = replay_dir(dir, harnesses[h].fn);
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            size_t n = (size_t)(next() % sizeof buf);
            if (i % 4 == 0)
                n %= 256;
            for (size_t j = 0; j < n; j++)
                buf[j] = (uint8_t)next();
            harnesses[h].fn(buf, n);
        }
        printf("fuzz-replay %s: %u seeds, %d random inputs\n", harnesses[h].name, seeds,
               RANDOM_INPUTS);
        passed++;
    }
    printf("%u passed, 0 failed\n", passed);
    return 0;
}
