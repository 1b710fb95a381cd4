/* gost-p11conf: manage the tokens of any PKCS#11 module (-A library).
 *
 * One file per job: main.c (options), module.c (loading, sessions, login),
 * names.c (CKR_/CKM_/CKA_ names), pin.c (PINs without echo), info.c (-i -s
 * -t -m), admin.c (-I -u -p -P), objects.c (-e -d -r -f), keys.c (key pair
 * generation, public key export), request.c (PKCS#10 from a token key),
 * import.c (certificates and PKCS#12 files). */
#ifndef GOST_P11CONF_H
#define GOST_P11CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <p11-kit/pkcs11.h>

/* Exit codes (documented in usage and README). */
enum p11c_exit {
    P11C_EXIT_OK = 0,
    P11C_EXIT_P11 = 1,    /* a PKCS#11 function failed (its name and CKR_* are printed) */
    P11C_EXIT_USAGE = 2,  /* bad command line */
    P11C_EXIT_INPUT = 3,  /* a file could not be read or written, or its contents are invalid */
    P11C_EXIT_CANCEL = 4  /* the user declined a prompt or gave no PIN */
};

typedef struct p11c {
    const char *library;
    void *handle;
    CK_FUNCTION_LIST_PTR f;
    bool initialized;
    bool have_slot;
    CK_SLOT_ID slot;
    CK_SESSION_HANDLE session;
    bool have_session;
    /* PINs and texts from the command line (NULL: prompt when needed). */
    const char *user_pin, *so_pin, *new_pin, *label;
} p11c;

/* module.c */
int p11c_load(p11c *c);
void p11c_unload(p11c *c);
/* Prints "gost-p11conf: FUNCTION: CKR_NAME (0x...)" and returns P11C_EXIT_P11. */
int p11c_fail(const char *function, CK_RV rv);
/* The slot given with -c, else the first slot with a token (or, with
 * want_uninitialised, the first whose token is not initialised). */
int p11c_pick_slot(p11c *c, bool want_uninitialised);
int p11c_open(p11c *c, bool rw);
/* Logs in as CKU_USER or CKU_SO with the PIN from the command line or a
 * prompt. */
int p11c_login(p11c *c, CK_USER_TYPE who);
int p11c_login_with(p11c *c, CK_USER_TYPE who, const char *pin);

/* names.c */
const char *p11c_rv_name(CK_RV rv);
const char *p11c_mech_name(CK_MECHANISM_TYPE m); /* NULL if unknown */
const char *p11c_class_name(CK_OBJECT_CLASS k);
const char *p11c_key_type_name(CK_KEY_TYPE k);
enum p11c_attr_kind { P11C_BYTES, P11C_BOOL, P11C_ULONG, P11C_STRING, P11C_DATE };
const char *p11c_attr_name(CK_ATTRIBUTE_TYPE t); /* NULL if unknown */
enum p11c_attr_kind p11c_attr_kind(CK_ATTRIBUTE_TYPE t);
/* Every attribute type with a name, for -d: *count entries. */
void p11c_attr_types(const CK_ATTRIBUTE_TYPE **types, size_t *count);

/* pin.c: the PIN from opt, else read without echo from the terminal (or a
 * line of stdin when it is not a terminal). Returns a malloc'd string the
 * caller wipes with p11c_pin_free, or NULL (prints why). */
char *p11c_get_pin(const char *opt, const char *prompt);
void p11c_pin_free(char *pin);
/* Asks a yes/no question on the terminal (stderr/stdin); true for y. */
bool p11c_confirm(const char *question);

/* info.c */
int p11c_cmd_library_info(p11c *c);
int p11c_cmd_slot_info(p11c *c);
int p11c_cmd_token_info(p11c *c);
int p11c_cmd_mechanisms(p11c *c);

/* admin.c */
int p11c_cmd_init_token(p11c *c);
int p11c_cmd_init_user_pin(p11c *c);
int p11c_cmd_set_pin(p11c *c, CK_USER_TYPE who);

/* objects.c */
typedef struct p11c_objects_opts {
    bool enumerate, dump, remove, write_certs;
} p11c_objects_opts;
int p11c_cmd_objects(p11c *c, const p11c_objects_opts *o);
/* Prints one object's attributes (all known ones with -d). */
void p11c_print_object(p11c *c, CK_OBJECT_HANDLE h, bool dump);

/* keys.c */
typedef struct p11c_key_opts {
    const char *curve;   /* "256A".."256D", "512A".."512C" */
    const char *id_hex;  /* CKA_ID as hex; NULL: derived from the public key */
    const char *out;     /* output file, NULL = stdout */
    const char *subject; /* --req */
    const char *in;       /* --import */
    const char *password; /* --p12-pass (NULL: prompt) */
} p11c_key_opts;
int p11c_cmd_keygen(p11c *c, const p11c_key_opts *o);
int p11c_cmd_export_public(p11c *c, const p11c_key_opts *o);
int p11c_cmd_request(p11c *c, const p11c_key_opts *o);
int p11c_cmd_import(p11c *c, const p11c_key_opts *o);

/* keys.c helpers shared with request.c and import.c */
struct gost_asn1_public_key;
int p11c_token_public_key(p11c *c, const char *id_hex, struct gost_asn1_public_key *key);
int p11c_write_pem(const char *path, const char *label, const unsigned char *der, size_t der_len);
int p11c_find_key(p11c *c, CK_OBJECT_CLASS cls, const char *id_hex, CK_OBJECT_HANDLE *h);
int p11c_hex_decode(const char *hex, unsigned char *out, size_t cap, size_t *len);
int p11c_write_file(const char *path, const void *data, size_t len);
int p11c_read_file(const char *path, unsigned char **data, size_t *len);

#endif
