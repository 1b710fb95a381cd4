/* The 256-bit curves: ec_impl.h with four 64-bit limbs. */
#include "ec_layer.h"

#define EC_N 4
#define EC_FN(name) ec4_##name
#include "ec_impl.h"
