/* PINs from the command line or the terminal without echo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "gost/util.h"
#include "p11conf.h"

#define PIN_MAX 256

/* Reads one line from f into buf (without the newline); false at EOF. */
static bool read_line(FILE *f, char *buf, size_t cap)
{
    if (fgets(buf, (int)cap, f) == NULL)
        return false;
    buf[strcspn(buf, "\r\n")] = '\0';
    return true;
}

char *p11c_get_pin(const char *opt, const char *prompt)
{
    char buf[PIN_MAX];
    bool ok;

    if (opt != NULL)
        return strdup(opt);
    FILE *tty = fopen("/dev/tty", "r+");
    if (tty != NULL && isatty(fileno(tty))) {
        struct termios old, quiet;
        /* Echo off before the prompt: TCSAFLUSH drops what was typed
         * earlier, and nothing typed after the prompt is shown. */
        tcgetattr(fileno(tty), &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
        fputs(prompt, tty);
        fflush(tty);
        ok = read_line(tty, buf, sizeof buf);
        tcsetattr(fileno(tty), TCSAFLUSH, &old);
        fputs("\n", tty);
    } else {
        /* No terminal (a script): one line of stdin per PIN. */
        ok = read_line(stdin, buf, sizeof buf);
    }
    if (tty != NULL)
        fclose(tty);
    if (!ok) {
        fprintf(stderr, "gost-p11conf: no PIN given (%s)\n", prompt);
        return NULL;
    }
    char *pin = strdup(buf);
    gost_wipe(buf, sizeof buf);
    return pin;
}

void p11c_pin_free(char *pin)
{
    if (pin != NULL) {
        gost_wipe(pin, strlen(pin));
        free(pin);
    }
}

bool p11c_confirm(const char *question)
{
    char buf[16];
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    if (!read_line(stdin, buf, sizeof buf))
        return false;
    return buf[0] == 'y' || buf[0] == 'Y';
}
