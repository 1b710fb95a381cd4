/* --req --subject "/CN=...": a PKCS#10 request for a token key, signed on
 * the token (PEM out), as p11req does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cryptoki/gost_pkcs11.h"
#include "gost/asn1.h"
#include "gost/asn1_cert.h"
#include "p11conf.h"

struct token_signer {
    p11c *c;
    CK_OBJECT_HANDLE key;
    enum gost_curve curve;
    CK_RV rv;
};

/* gost_asn1_signer: the token hashes and signs (s || r, big-endian each,
 * which is also the PKCS#11 GOST signature format). */
static int sign_on_token(void *arg, const uint8_t *msg, size_t msg_len, uint8_t *sig)
{
    struct token_signer *s = arg;
    size_t n = gost_curve_size(s->curve);
    CK_MECHANISM mech = {n == 64 ? CKM_GOSTR3410_WITH_GOSTR3411_12_512
                                 : CKM_GOSTR3410_WITH_GOSTR3411_12_256,
                         NULL, 0};
    CK_ULONG sig_len = 2 * n;
    s->rv = s->c->f->C_SignInit(s->c->session, &mech, s->key);
    if (s->rv == CKR_OK)
        s->rv = s->c->f->C_Sign(s->c->session, (CK_BYTE_PTR)msg, msg_len, sig, &sig_len);
    if (s->rv == CKR_OK && sig_len != 2 * n)
        s->rv = CKR_FUNCTION_FAILED;
    return s->rv == CKR_OK ? GOST_OK : GOST_ERR_INTERNAL;
}

int p11c_cmd_request(p11c *c, const p11c_key_opts *o)
{
    uint8_t subject[1024], der[4096];
    size_t subject_len = sizeof subject, der_len = sizeof der;
    int err = gost_asn1_name_from_string(o->subject, subject, &subject_len);
    if (err != GOST_OK) {
        fprintf(stderr, "gost-p11conf: bad --subject \"%s\": %s\n", o->subject,
                gost_strerror(err));
        return P11C_EXIT_USAGE;
    }
    int rc = p11c_pick_slot(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_open(c, false);
    if (rc == P11C_EXIT_OK)
        rc = p11c_login(c, CKU_USER);
    gost_asn1_public_key pub;
    struct token_signer signer = {c, 0, 0, CKR_OK};
    if (rc == P11C_EXIT_OK)
        rc = p11c_token_public_key(c, o->id_hex, &pub);
    if (rc == P11C_EXIT_OK)
        rc = p11c_find_key(c, CKO_PRIVATE_KEY, o->id_hex, &signer.key);
    if (rc != P11C_EXIT_OK)
        return rc;
    signer.curve = pub.curve;
    err = gost_asn1_request_build(&pub, subject, subject_len, sign_on_token, &signer, der, &der_len);
    if (signer.rv != CKR_OK)
        return p11c_fail("C_Sign", signer.rv);
    if (err != GOST_OK) {
        fprintf(stderr, "gost-p11conf: the request could not be built: %s\n", gost_strerror(err));
        return P11C_EXIT_INPUT;
    }
    return p11c_write_pem(o->out, "CERTIFICATE REQUEST", der, der_len);
}
