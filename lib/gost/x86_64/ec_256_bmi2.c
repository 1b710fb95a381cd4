/* The 256-bit curves with the MULX/ADX field kernels (ec_mulx.h): ec4x_*,
 * chosen by ec.c on CPUs with BMI2 and ADX. */
#include "../ec_layer.h"

#define EC_N 4
#define EC_FN(name) ec4x_##name
#define EC_MULX 1
#include "../ec_impl.h"
