/* Visibility and common conventions of the libgost public API.
 *
 * Every function that is part of the public API is declared with GOST_API;
 * everything else is hidden in libgost.so (the static library still exposes
 * internals to the project's own tests and tools). */
#ifndef GOST_API_H
#define GOST_API_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define GOST_API __attribute__((visibility("default")))
#define GOST_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define GOST_API
#define GOST_WARN_UNUSED
#endif

#endif
