/* The 512-bit curves with the MULX/ADX field kernels (ec_mulx.h): ec8x_*,
 * chosen by ec.c on CPUs with BMI2 and ADX. */
#include "../ec_layer.h"

#define EC_N 8
#define EC_FN(name) ec8x_##name
#define EC_MULX 1
#include "../ec_impl.h"
