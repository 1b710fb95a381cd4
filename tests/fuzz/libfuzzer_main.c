/* libFuzzer entry: the one harness linked into this binary. */
#include "fuzz.h"

static fuzz_fn the_harness;

void fuzz_register(const char *name, fuzz_fn fn)
{
    (void)name;
    the_harness = fn;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (the_harness != NULL)
        the_harness(data, size);
    return 0;
}
