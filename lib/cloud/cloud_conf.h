/* The user's settings file (GOST_P11_CONF), docs/cloud-protocol.md
 * "Settings": `key = value` lines, `#` comments. */
#ifndef GOST_CLOUD_CONF_H
#define GOST_CLOUD_CONF_H

#include <stddef.h>

struct cloud_conf {
    char host[256];
    char port[8];
    char user[65];
    char password_file[512];
};

/* Parses text (len bytes). Unknown keys are ignored (the module's keys live
 * in the same file); server and user are required. GOST_ERR_DECODE on a
 * malformed line or a missing key. */
int cloud_conf_parse(const char *text, size_t len, struct cloud_conf *out);
/* Reads the password file (0600 expected; a group/other-readable file is
 * refused) into pw (cap bytes); the trailing newline is dropped. */
int cloud_conf_password(const struct cloud_conf *conf, char *pw, size_t cap, size_t *pw_len);

#endif
