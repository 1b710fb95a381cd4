/* Internal: PFX MAC verification (pkcs12_mac.c). */
#ifndef GOST_ASN1_PKCS12_MAC_H
#define GOST_ASN1_PKCS12_MAC_H

#include "asn1/der.h"

/* Check the MacData of a decoded PFX over data (the AuthenticatedSafe
 * contents). GOST_ERR_PASSWORD if it does not verify or password is NULL;
 * GOST_ERR_UNSUPPORTED for a non-GOST MAC. */
int gasn1_pkcs12_check_mac(asn1_node pfx, const void *password, size_t password_len,
                           const uint8_t *data, size_t len);

#endif
