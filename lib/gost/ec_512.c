/* The 512-bit curves: ec_impl.h with eight 64-bit limbs. */
#include "ec_layer.h"

#define EC_N 8
#define EC_FN(name) ec8_##name
#include "ec_impl.h"
