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
    char otp_file[512]; /* otp-secret-file: one-time-password mode */
    unsigned char suite; /* enum cloud_suite; suite = kuznyechik-mgm (default) | magma-ctr-omac */
};

/* Parses text (len bytes). Unknown keys are ignored (the module's keys live
 * in the same file); server and user are required. GOST_ERR_DECODE on a
 * malformed line or a missing key. */
int cloud_conf_parse(const char *text, size_t len, struct cloud_conf *out);
/* Reads the password file (0600 expected; a group/other-readable file is
 * refused) into pw (cap bytes); the trailing newline is dropped. */
int cloud_conf_password(const struct cloud_conf *conf, char *pw, size_t cap, size_t *pw_len);

/* The one-time-password file (0600): one line
 *   totp DIGITS PERIOD HEX-SECRET      or      hotp DIGITS NEXT-COUNTER HEX-SECRET
 * cloud_otp_file_read fills o and the counter of this session (TOTP: from
 * the clock; HOTP: NEXT-COUNTER, and the file is rewritten with the next
 * one first, so a counter is never used twice). GOST_ERR_IO for a file
 * others can read or that cannot be rewritten, GOST_ERR_DECODE for a
 * malformed one. */
struct cloud_otp;
int cloud_otp_file_read(const char *path, struct cloud_otp *o, unsigned long long *counter);
/* The line itself (NUL-terminated text): "MODE DIGITS NUMBER HEX", NUMBER
 * the TOTP period or the HOTP counter, HEX 16..64 secret bytes decoded in
 * constant time. GOST_ERR_DECODE on anything else; o is wiped then. */
int cloud_otp_parse(const char *text, struct cloud_otp *o, unsigned long long *number);
/* Writes the file (0600, temp + rename); counter is HOTP's next counter. */
int cloud_otp_file_write(const char *path, const struct cloud_otp *o, unsigned long long counter);

#endif
