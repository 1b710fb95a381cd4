/* The ECB check shared by the block-cipher handlers (kat_kuznyechik.c,
 * kat_magma.c). */
#ifndef GOST_KAT_BLOCK_H
#define GOST_KAT_BLOCK_H

#include "gost/blockcipher.h"
#include "kat.h"

/* The record's key, plaintext and ciphertext (whole blocks, ECB) under the
 * cipher id: encrypted and decrypted all blocks at once, block by block,
 * and in place. */
int kat_block_cipher_ecb(const kat_record *r, gost_cipher_id id, char *why, size_t whylen);

#endif
