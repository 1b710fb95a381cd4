/* The independent implementation for differential tests: OpenSSL 3 with
 * Debian's libengine-gost-openssl. The provider "gostprov" has digests,
 * ciphers and MACs; the engine "gost" has keys, signatures and VKO. */
#ifndef GOST_TEST_OSSL_H
#define GOST_TEST_OSSL_H

#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

/* A library context with gostprov and default loaded; NULL if unavailable
 * (tests then fail: the deps step installs the provider). */
OSSL_LIB_CTX *test_ossl_ctx(void);

/* Loads gostprov and default into OpenSSL's default library context (NULL),
 * once: gostprov's MACs fetch their block cipher there whatever context the
 * MAC came from. 1 on success. */
int test_ossl_load_into_default_ctx(void);

/* The initialised GOST engine; NULL if unavailable. */
ENGINE *test_ossl_gost_engine(void);

#endif
