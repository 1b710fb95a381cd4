/* PBES2 content ciphers: CTR-ACPKM of libgost (gost/acpkm.h) over
 * Kuznyechik and Magma. Section sizes as OpenSSL's GOST engine uses them for
 * kuznyechik-ctr-acpkm / magma-ctr-acpkm (4096 and 1024 bytes; checked
 * against the engine by the PBES2 and PKCS#12 interop tests). */
#include "asn1/cipher.h"
#include "gost/acpkm.h"

size_t gasn1_cipher_block(enum gost_asn1_cipher cipher)
{
    return cipher == GOST_ASN1_KUZNYECHIK_CTR_ACPKM ? 16 : cipher == GOST_ASN1_MAGMA_CTR_ACPKM ? 8 : 0;
}

int gasn1_ctr_acpkm(enum gost_asn1_cipher cipher, const uint8_t key[32], const uint8_t *iv,
                    uint8_t *buf, size_t len)
{
    size_t n = gasn1_cipher_block(cipher);
    if (n == 0)
        return GOST_ERR_INVALID_ARGUMENT;
    bool kuz = cipher == GOST_ASN1_KUZNYECHIK_CTR_ACPKM;
    return gost_ctr_acpkm(kuz ? GOST_CIPHER_KUZNYECHIK : GOST_CIPHER_MAGMA, key,
                          kuz ? GOST_ACPKM_SECTION_KUZNYECHIK : GOST_ACPKM_SECTION_MAGMA, iv, n / 2,
                          buf, len, buf);
}
