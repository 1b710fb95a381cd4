/* Fuzz harnesses. Each tests/fuzz/fuzz_NAME.c holds one FUZZ_HARNESS(NAME):
 * it must accept any bytes, never crash, leak or read out of bounds, and
 * check what it can (round trips, error codes) with FUZZ_CHECK.
 *
 * Two drivers link the harnesses: libfuzzer_main.c (clang -fsanitize=fuzzer,
 * one harness per binary, `make fuzz`) and replay_main.c (any compiler, every
 * harness, replaying tests/fuzz/corpus/NAME/ plus deterministic random
 * inputs; runs in make check, also under ASan/UBSan). */
#ifndef GOST_FUZZ_H
#define GOST_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef void (*fuzz_fn)(const uint8_t *data, size_t size);
void fuzz_register(const char *name, fuzz_fn fn);

#define FUZZ_HARNESS(name)                                                    \
    static void fuzz_##name(const uint8_t *data, size_t size);                \
    __attribute__((constructor)) static void fuzz_register_##name(void)       \
    {                                                                         \
        fuzz_register(#name, fuzz_##name);                                    \
    }                                                                         \
    static void fuzz_##name(const uint8_t *data, size_t size)

#define FUZZ_CHECK(cond)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                          \
        }                                                                     \
    } while (0)

#endif
