/* Chooses the back end at C_Initialize: the local token store unless the
 * settings file names a cloud token server (DESIGN.md, "Cloud mode";
 * docs/cloud-protocol.md, "Settings": a line `server = host:port`). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p11.h"
#include "p11_cloud.h"

/* 1 if the line is `server = <something>` (blanks around the parts allowed). */
static int is_server_line(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    if (strncmp(s, "server", 6) != 0)
        return 0;
    s += 6;
    while (isspace((unsigned char)*s))
        s++;
    if (*s++ != '=')
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    return *s != '\0' && *s != '#';
}

const struct p11_backend *p11_backend_select(void)
{
    const char *path = getenv("GOST_P11_CONF");
    char line[512];
    int cloud = 0;
    if (path == NULL || *path == '\0')
        return &p11_local_backend;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return &p11_local_backend;
    while (!cloud && fgets(line, sizeof line, f) != NULL)
        cloud = is_server_line(line);
    fclose(f);
    return cloud ? &p11_cloud_backend : &p11_local_backend;
}
