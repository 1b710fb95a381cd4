/* Which primitives of libgost are in the tree. The module is written against
 * each primitive's header and wires a mechanism in as soon as its header
 * appears (the primitives are written in parallel with the module). */
#ifndef P11_HAVE_H
#define P11_HAVE_H

#if defined(__has_include)
#if __has_include("gost/streebog.h")
#define P11_HAVE_STREEBOG 1
#endif
#if __has_include("gost/hmac.h")
#define P11_HAVE_HMAC 1
#endif
/* The store's cipher (Kuznyechik-MGM, PBKDF2 PIN keys: p11_seal.c). */
#define P11_HAVE_SEAL 1
#endif

#ifndef P11_HAVE_STREEBOG
#define P11_HAVE_STREEBOG 0
#endif
#ifndef P11_HAVE_HMAC
#define P11_HAVE_HMAC 0
#endif

#endif
