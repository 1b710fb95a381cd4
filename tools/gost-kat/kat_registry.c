/* The table of known-answer handlers, filled by KAT_HANDLER constructors. */
#include <string.h>

#include "kat.h"

#define KAT_MAX_HANDLERS 256

static struct {
    const char *algorithm;
    kat_fn fn;
} handlers[KAT_MAX_HANDLERS];
static size_t nhandlers;

void kat_register(const char *algorithm, kat_fn fn)
{
    static char names[KAT_MAX_HANDLERS][64];
    if (nhandlers == KAT_MAX_HANDLERS)
        return;
    /* C identifiers cannot hold '-', the vector files' separator. */
    size_t i;
    for (i = 0; algorithm[i] != '\0' && i + 1 < sizeof names[0]; i++)
        names[nhandlers][i] = algorithm[i] == '_' ? '-' : algorithm[i];
    names[nhandlers][i] = '\0';
    handlers[nhandlers].algorithm = names[nhandlers];
    handlers[nhandlers].fn = fn;
    nhandlers++;
}

kat_fn kat_lookup(const char *algorithm)
{
    for (size_t i = 0; i < nhandlers; i++)
        if (strcmp(handlers[i].algorithm, algorithm) == 0)
            return handlers[i].fn;
    return NULL;
}
