/* -I initialise a token, -u initialise the user PIN, -p / -P change the
 * user / SO PIN. */
#include <stdio.h>
#include <string.h>

#include "p11conf.h"

/* A new PIN: -n, else asked twice. */
static char *new_pin(const p11c *c, const char *what)
{
    char prompt[64], again[64];
    snprintf(prompt, sizeof prompt, "New %s: ", what);
    snprintf(again, sizeof again, "New %s again: ", what);
    char *pin = p11c_get_pin(c->new_pin, prompt);
    if (pin == NULL || c->new_pin != NULL)
        return pin;
    char *pin2 = p11c_get_pin(NULL, again);
    if (pin2 == NULL || strcmp(pin, pin2) != 0) {
        fprintf(stderr, "gost-p11conf: the two %ss differ\n", what);
        p11c_pin_free(pin);
        pin = NULL;
    }
    p11c_pin_free(pin2);
    return pin;
}

int p11c_cmd_init_token(p11c *c)
{
    int rc = p11c_pick_slot(c, true);
    if (rc != P11C_EXIT_OK)
        return rc;
    if (c->label == NULL) {
        fprintf(stderr, "gost-p11conf: -I needs a token label (-L LABEL)\n");
        return P11C_EXIT_USAGE;
    }
    size_t len = strlen(c->label);
    if (len > 32) {
        fprintf(stderr, "gost-p11conf: the label is %zu bytes; PKCS#11 allows 32\n", len);
        return P11C_EXIT_USAGE;
    }
    CK_UTF8CHAR label[32];
    memset(label, ' ', sizeof label);
    memcpy(label, c->label, len);
    /* The SO PIN given with -S sets it on a new token; on a token being
     * re-initialised it must be the current one (the module decides). */
    char *so = p11c_get_pin(c->so_pin, "SO PIN: ");
    if (so == NULL)
        return P11C_EXIT_CANCEL;
    CK_RV rv = c->f->C_InitToken(c->slot, (CK_UTF8CHAR_PTR)so, strlen(so), label);
    p11c_pin_free(so);
    if (rv != CKR_OK)
        return p11c_fail("C_InitToken", rv);
    printf("Token in slot %lu initialised with label \"%s\"\n", (unsigned long)c->slot, c->label);
    return P11C_EXIT_OK;
}

int p11c_cmd_init_user_pin(p11c *c)
{
    int rc = p11c_pick_slot(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_open(c, true);
    if (rc == P11C_EXIT_OK)
        rc = p11c_login(c, CKU_SO);
    if (rc != P11C_EXIT_OK)
        return rc;
    char *pin = new_pin(c, "user PIN");
    if (pin == NULL)
        return P11C_EXIT_CANCEL;
    CK_RV rv = c->f->C_InitPIN(c->session, (CK_UTF8CHAR_PTR)pin, strlen(pin));
    p11c_pin_free(pin);
    c->f->C_Logout(c->session);
    if (rv != CKR_OK)
        return p11c_fail("C_InitPIN", rv);
    printf("User PIN initialised\n");
    return P11C_EXIT_OK;
}

int p11c_cmd_set_pin(p11c *c, CK_USER_TYPE who)
{
    const char *what = who == CKU_SO ? "SO PIN" : "user PIN";
    int rc = p11c_pick_slot(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_open(c, true);
    if (rc != P11C_EXIT_OK)
        return rc;
    char *old = p11c_get_pin(who == CKU_SO ? c->so_pin : c->user_pin,
                             who == CKU_SO ? "SO PIN: " : "User PIN: ");
    if (old == NULL)
        return P11C_EXIT_CANCEL;
    rc = p11c_login_with(c, who, old);
    char *pin = rc == P11C_EXIT_OK ? new_pin(c, what) : NULL;
    if (rc == P11C_EXIT_OK && pin == NULL)
        rc = P11C_EXIT_CANCEL;
    if (rc == P11C_EXIT_OK) {
        CK_RV rv = c->f->C_SetPIN(c->session, (CK_UTF8CHAR_PTR)old, strlen(old),
                                  (CK_UTF8CHAR_PTR)pin, strlen(pin));
        rc = rv == CKR_OK ? P11C_EXIT_OK : p11c_fail("C_SetPIN", rv);
        c->f->C_Logout(c->session);
    }
    p11c_pin_free(old);
    p11c_pin_free(pin);
    if (rc == P11C_EXIT_OK)
        printf("%s changed\n", who == CKU_SO ? "SO PIN" : "User PIN");
    return rc;
}
