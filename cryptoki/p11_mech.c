/* The mechanism table: each family (p11_mech_<family>.c) registers its
 * mechanisms with their CK_MECHANISM_INFO; this file only looks them up. */
#include "p11.h"

static const struct p11_mech_family *const families[] = {
    &p11_family_gost3410,
    &p11_family_digest,
    &p11_family_secret,
    &p11_family_kdf,
};

const struct p11_mech *p11_mech_find(CK_MECHANISM_TYPE type)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t i = 0; i < families[f]->count; i++)
            if (families[f]->mechs[i].type == type)
                return &families[f]->mechs[i];
    return NULL;
}

CK_ULONG p11_mech_list(CK_MECHANISM_TYPE *list, CK_ULONG max)
{
    CK_ULONG n = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t i = 0; i < families[f]->count; i++, n++)
            if (list != NULL && n < max)
                list[n] = families[f]->mechs[i].type;
    return n;
}
