/* The generated name tables (names_table.c, from scripts/gen_p11_names.py),
 * each sorted by value. */
#ifndef GOST_P11CONF_NAMES_TABLE_H
#define GOST_P11CONF_NAMES_TABLE_H

#include <stddef.h>

typedef struct p11c_name {
    unsigned long value;
    const char *name;
} p11c_name;

extern const p11c_name p11c_names_ckr[], p11c_names_ckm[], p11c_names_cka[], p11c_names_cko[],
    p11c_names_ckk[];
extern const size_t p11c_names_ckr_count, p11c_names_ckm_count, p11c_names_cka_count,
    p11c_names_cko_count, p11c_names_ckk_count;

#endif
