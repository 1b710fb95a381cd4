/* The local back end: the token interface of p11.h implemented by the
 * managers of this directory on this machine's store. */
#include <stdlib.h>

#include "gost/util.h"
#include "p11_local.h"

static CK_RV initialize(void)
{
    CK_RV rv;
    p11_g = (struct p11_local){0};
    rv = p11_slots_scan();
    if (rv != CKR_OK)
        p11_slots_free();
    return rv;
}

static void finalize(void)
{
    while (p11_g.sessions) {
        struct p11_session *s = p11_g.sessions;
        p11_g.sessions = s->next;
        p11_session_free(s);
    }
    while (p11_g.objects) {
        struct p11_object *o = p11_g.objects;
        p11_g.objects = o->next;
        p11_attrs_free(&o->attrs);
        free(o);
    }
    p11_slots_free();
    p11_g = (struct p11_local){0};
}

const struct p11_backend p11_local_backend = {
    .initialize = initialize,
    .finalize = finalize,
    .get_slot_list = p11_l_get_slot_list,
    .get_slot_info = p11_l_get_slot_info,
    .get_token_info = p11_l_get_token_info,
    .get_mechanism_list = p11_l_get_mechanism_list,
    .get_mechanism_info = p11_l_get_mechanism_info,
    .init_token = p11_l_init_token,
    .init_pin = p11_l_init_pin,
    .set_pin = p11_l_set_pin,
    .open_session = p11_l_open_session,
    .close_session = p11_l_close_session,
    .close_all_sessions = p11_l_close_all_sessions,
    .get_session_info = p11_l_get_session_info,
    .login = p11_l_login,
    .logout = p11_l_logout,
    .create_object = p11_l_create_object,
    .copy_object = p11_l_copy_object,
    .destroy_object = p11_l_destroy_object,
    .get_object_size = p11_l_get_object_size,
    .get_attribute_value = p11_l_get_attribute_value,
    .set_attribute_value = p11_l_set_attribute_value,
    .find_objects_init = p11_l_find_objects_init,
    .find_objects = p11_l_find_objects,
    .find_objects_final = p11_l_find_objects_final,
    .op_init = p11_l_op_init,
    .op_oneshot = p11_l_op_oneshot,
    .op_update = p11_l_op_update,
    .op_final = p11_l_op_final,
    .verify = p11_l_verify,
    .generate_key = p11_l_generate_key,
    .generate_key_pair = p11_l_generate_key_pair,
    .derive_key = p11_l_derive_key,
    .generate_random = p11_l_generate_random,
    .wrap_key = p11_l_wrap_key,
    .unwrap_key = p11_l_unwrap_key,
    .op_abort = p11_l_op_abort,
};
