/* gost-p11conf: token management for any PKCS#11 module. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p11conf.h"

static void usage(FILE *out)
{
    fputs(
        "usage: gost-p11conf -A LIBRARY [-c SLOT] COMMAND [options]\n"
        "\n"
        "Commands:\n"
        "  -h                 this help\n"
        "  -i                 library information\n"
        "  -s                 slot information (all slots, or -c SLOT)\n"
        "  -t                 token information (all tokens, or -c SLOT)\n"
        "  -m                 mechanisms of the token, with names for the TC 26 values\n"
        "  -I                 initialise the token (-L LABEL, -S SO_PIN); without -c the\n"
        "                     first slot with an uninitialised token\n"
        "  -u                 initialise the user PIN (-S SO_PIN, -n NEW_PIN)\n"
        "  -p                 change the user PIN (-U PIN, -n NEW_PIN)\n"
        "  -P                 change the SO PIN (-S SO_PIN, -n NEW_PIN)\n"
        "  -e                 enumerate objects (private ones too with -U)\n"
        "  -d                 with -e or -f: dump every attribute\n"
        "  -r                 remove all objects (with -e: one by one, asking first)\n"
        "  -f                 write the certificates to cert0.der, cert1.der, ...\n"
        "  --keygen CURVE     generate a GOST R 34.10-2012 key pair on the token:\n"
        "                     256A 256B 256C 256D 512A 512B 512C (-L label, --id HEX)\n"
        "  --req              a PKCS#10 request for a token key, PEM (--subject, --id, -o)\n"
        "  --import FILE      a certificate (DER/PEM) or a PKCS#12 file onto the token\n"
        "                     (--p12-pass PASS, --id HEX, -L label)\n"
        "  --export-pub       a token public key as PEM (--id HEX, -o FILE)\n"
        "\n"
        "Options:\n"
        "  -A LIBRARY         the PKCS#11 module (.so)\n"
        "  -c SLOT            slot ID (default: the first slot with a suitable token)\n"
        "  -L LABEL           token label for -I; object label for --keygen/--import\n"
        "  -U PIN, -S PIN     user PIN, SO PIN (prompted without echo when needed)\n"
        "  -n PIN             new PIN for -u, -p, -P (prompted twice when left out)\n"
        "  --subject DN       subject for --req, \"/CN=Name/O=Org/C=RU\" or \"CN=Name,C=RU\"\n"
        "  --id HEX           CKA_ID of the key (default: random for --keygen)\n"
        "  -o FILE            output file (default: stdout)\n"
        "\n"
        "Exit codes: 0 success; 1 a PKCS#11 function failed (named with its CKR_*);\n"
        "2 bad command line; 3 a file could not be read or written or is invalid;\n"
        "4 a prompt was declined or no PIN was given.\n",
        out);
}

enum long_only { OPT_KEYGEN = 256, OPT_REQ, OPT_IMPORT, OPT_EXPORT_PUB, OPT_SUBJECT, OPT_ID,
                 OPT_P12_PASS };

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"keygen", required_argument, NULL, OPT_KEYGEN},
        {"req", no_argument, NULL, OPT_REQ},
        {"import", required_argument, NULL, OPT_IMPORT},
        {"export-pub", no_argument, NULL, OPT_EXPORT_PUB},
        {"subject", required_argument, NULL, OPT_SUBJECT},
        {"id", required_argument, NULL, OPT_ID},
        {"p12-pass", required_argument, NULL, OPT_P12_PASS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    p11c c;
    p11c_key_opts ko;
    p11c_objects_opts oo;
    memset(&c, 0, sizeof c);
    memset(&ko, 0, sizeof ko);
    memset(&oo, 0, sizeof oo);
    int cmd = 0, commands = 0, ch;

    while ((ch = getopt_long(argc, argv, "hA:c:istmIuPpL:S:U:n:edrfo:", longopts, NULL)) != -1) {
        switch (ch) {
        case 'h':
            usage(stdout);
            return P11C_EXIT_OK;
        case 'A': c.library = optarg; break;
        case 'c': {
            char *end;
            c.slot = strtoul(optarg, &end, 0);
            if (*optarg == '\0' || *end != '\0') {
                fprintf(stderr, "gost-p11conf: -c wants a slot number, not \"%s\"\n", optarg);
                return P11C_EXIT_USAGE;
            }
            c.have_slot = true;
            break;
        }
        case 'L': c.label = optarg; break;
        case 'S': c.so_pin = optarg; break;
        case 'U': c.user_pin = optarg; break;
        case 'n': c.new_pin = optarg; break;
        case 'o': ko.out = optarg; break;
        case 'e': oo.enumerate = true; break;
        case 'd': oo.dump = true; break;
        case 'r': oo.remove = true; break;
        case 'f': oo.write_certs = true; break;
        case OPT_SUBJECT: ko.subject = optarg; break;
        case OPT_ID: ko.id_hex = optarg; break;
        case OPT_P12_PASS: ko.password = optarg; break;
        case OPT_KEYGEN: ko.curve = optarg; cmd = ch; commands++; break;
        case OPT_IMPORT: ko.in = optarg; cmd = ch; commands++; break;
        case 'i': case 's': case 't': case 'm': case 'I': case 'u': case 'p': case 'P':
        case OPT_REQ: case OPT_EXPORT_PUB:
            cmd = ch;
            commands++;
            break;
        default:
            usage(stderr);
            return P11C_EXIT_USAGE;
        }
    }
    bool objects = oo.enumerate || oo.remove || oo.write_certs;
    if (objects)
        commands++;
    if (optind != argc || c.library == NULL || commands != 1 || (oo.dump && !oo.enumerate &&
                                                                 !oo.write_certs)) {
        fprintf(stderr, "gost-p11conf: %s\n",
                optind != argc         ? "unexpected argument"
                : c.library == NULL    ? "name the PKCS#11 module with -A"
                : commands != 1        ? "give exactly one command"
                                       : "-d goes with -e or -f");
        usage(stderr);
        return P11C_EXIT_USAGE;
    }
    if (cmd == OPT_REQ && ko.subject == NULL) {
        fprintf(stderr, "gost-p11conf: --req needs --subject\n");
        return P11C_EXIT_USAGE;
    }

    int rc = p11c_load(&c);
    if (rc == P11C_EXIT_OK) {
        if (objects)
            rc = p11c_cmd_objects(&c, &oo);
        else
            switch (cmd) {
            case 'i': rc = p11c_cmd_library_info(&c); break;
            case 's': rc = p11c_cmd_slot_info(&c); break;
            case 't': rc = p11c_cmd_token_info(&c); break;
            case 'm': rc = p11c_cmd_mechanisms(&c); break;
            case 'I': rc = p11c_cmd_init_token(&c); break;
            case 'u': rc = p11c_cmd_init_user_pin(&c); break;
            case 'p': rc = p11c_cmd_set_pin(&c, CKU_USER); break;
            case 'P': rc = p11c_cmd_set_pin(&c, CKU_SO); break;
            case OPT_KEYGEN: rc = p11c_cmd_keygen(&c, &ko); break;
            case OPT_REQ: rc = p11c_cmd_request(&c, &ko); break;
            case OPT_IMPORT: rc = p11c_cmd_import(&c, &ko); break;
            case OPT_EXPORT_PUB: rc = p11c_cmd_export_public(&c, &ko); break;
            }
    }
    p11c_unload(&c);
    return rc;
}
