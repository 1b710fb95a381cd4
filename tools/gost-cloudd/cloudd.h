/* gost-cloudd's parts: the account store on disk (cloudd_store.c), the
 * handshake with its fake path for unknown IDs (cloudd_handshake.c), the
 * account messages (cloudd_account.c) and the listener (cloudd_main.c). */
#ifndef GOST_CLOUDD_H
#define GOST_CLOUDD_H

#include <limits.h>
#include <p11-kit/pkcs11.h>
#include <stddef.h>
#include <stdint.h>

#include "cloud/cloud_account.h"
#include "cloud/cloud_channel.h"

struct opts {
    const char *dir, *listen, *module, *ready, *add_user, *password;
    int port, foreground;
};

/* What the listener prepares once and every session inherits: a server
 * secret (DIR/server-secret) and a verifier record for accounts that do not
 * exist, from which each unknown ID gets its own stable salt. */
struct server {
    const struct opts *o;
    uint8_t secret[32];
    gost_sespake_record fake;
};

/* One authenticated user. */
struct user {
    char id[GOST_SESPAKE_ID_MAX + 1];
    char dir[PATH_MAX], tok[PATH_MAX];
    gost_sespake_record rec; /* the stored record (counters up to date) */
    int otp;                 /* the account logs in with one-time passwords */
    struct cloud_otp otp_cfg;
    uint8_t suite;
};

/* store */
int cloudd_join(char *out, size_t cap, const char *a, const char *b);
void cloudd_event(const char *udir, const char *msg, const char *arg);
int cloudd_save_record(const char *udir, const gost_sespake_record *rec);
int cloudd_load_record(const char *udir, gost_sespake_record *rec);
int cloudd_save_otp(const char *udir, const struct cloud_otp *o);
int cloudd_load_otp(const char *udir, struct cloud_otp *o); /* 1 absent, 0 loaded, -1 bad */
int cloudd_remove_tree(const char *path);
int cloudd_user_paths(const struct opts *o, const char *id, struct user *u);
int cloudd_server_init(struct server *s, const struct opts *o);

/* handshake: 0 and c keyed for a known user with the right password; -1
 * otherwise, after the same messages whatever the reason. */
int cloudd_authenticate(const struct server *s, int fd, struct user *u, struct cloud_conn *c);

/* account messages: answers one request on c; *end set when the session
 * must end (UNREGISTER). fl: the user's module instance, finalised and
 * initialised again around RECREATE. */
int cloudd_account(struct user *u, CK_FUNCTION_LIST_PTR fl, struct cloud_conn *c, uint8_t type,
                   const uint8_t *req, size_t n, int *end);

#endif
