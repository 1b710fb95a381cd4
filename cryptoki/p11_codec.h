/* Object records of the store (see p11_codec.c for the byte layout). */
#ifndef P11_CODEC_H
#define P11_CODEC_H

#include "p11.h"

CK_RV p11_codec_object_encode(const struct p11_stored_object *o, uint8_t **out, size_t *len);
CK_RV p11_codec_object_decode(const uint8_t *in, size_t len, struct p11_stored_object *o);

#endif
