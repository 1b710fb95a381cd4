/* Internal PEM and base64 helpers shared by the decoders (pem.c). */
#ifndef GOST_ASN1_PEM_H
#define GOST_ASN1_PEM_H

#include <stddef.h>
#include <stdint.h>

#define GASN1_PEM_LABEL_MAX 64

/* Base64 of n bytes with a newline every line characters and at the end;
 * returns the characters written (out holds (n+2)/3*4 + lines). */
size_t gasn1_b64_encode(const uint8_t *in, size_t n, char *out, size_t line);
/* Decode base64 ignoring whitespace; GOST_ERR_DECODE on any other junk. */
int gasn1_b64_decode(const char *in, size_t n, uint8_t *out, size_t cap, size_t *out_len);

/* The body of the first PEM block labelled label (NULL: any; found gets it). */
int gasn1_pem_find(const char *pem, size_t pem_len, const char *label, const char **body,
                   size_t *body_len, char found[GASN1_PEM_LABEL_MAX]);

/* DER as given, or decoded from the PEM block labelled label (NULL: any):
 * *der points into in or into *owned (release with gasn1_input_free). */
int gasn1_input(const void *in, size_t in_len, const char *label, uint8_t **der,
                size_t *der_len, uint8_t **owned);
void gasn1_input_free(uint8_t **owned, size_t len);

#endif
