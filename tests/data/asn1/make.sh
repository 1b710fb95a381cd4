#!/bin/sh
# How every fixture in this directory was made (OpenSSL 3.0 with Debian's
# libengine-gost-openssl 3.0.1). Re-running replaces them with new random
# keys; the tests read them for their structure, so any run is as good.
# Password of every protected file: "libgost".
set -e
cd "$(dirname "$0")"
E="-engine gost"
P=pass:libgost
for s in 256:TCA 256:A 512:A 512:C; do
    bits=${s%%:*}; ps=${s#*:}
    name=key${bits}$(echo "$ps" | tr 'A-Z' 'a-z')
    openssl genpkey $E -algorithm gost2012_$bits -pkeyopt paramset:$ps -out $name.pem
    openssl pkey $E -in $name.pem -pubout -out $name.pub.pem
    openssl req $E -x509 -new -key $name.pem -md_gost12_$bits -days 3650 \
        -subj "/CN=libgost fixture $bits $ps/O=libgost/C=RU" \
        -addext keyUsage=critical,digitalSignature,nonRepudiation -out cert${bits}$(echo "$ps" | tr 'A-Z' 'a-z').pem
done
# Encrypted PKCS#8, RFC 9337: PBKDF2-HMAC-Streebog-512, CTR-ACPKM.
openssl pkcs8 $E -topk8 -in key256a.pem -v2 kuznyechik-ctr-acpkm \
    -v2prf id-tc26-hmac-gost-3411-2012-512 -passout $P -out key256a.kuznyechik.p8.pem
openssl pkcs8 $E -topk8 -in key512a.pem -v2 magma-ctr-acpkm \
    -v2prf id-tc26-hmac-gost-3411-2012-512 -passout $P -out key512a.magma.p8.pem
# The same with OpenSSL's default PRF (HMAC-SHA256): not a GOST PBES2.
openssl pkcs8 $E -topk8 -in key256a.pem -v2 kuznyechik-ctr-acpkm -passout $P \
    -out key256a.sha256prf.p8.pem
# PKCS#12 without privacy, MAC HMAC-Streebog-512 / -256 (RFC 9548 s.3 KDF).
openssl pkcs12 $E -export -inkey key256tca.pem -in cert256tca.pem -keypbe NONE -certpbe NONE \
    -macalg md_gost12_512 -passout $P -out plain-mac512.p12
openssl pkcs12 $E -export -inkey key512c.pem -in cert512c.pem -keypbe NONE -certpbe NONE \
    -macalg md_gost12_256 -passout $P -out plain-mac256.p12
# PKCS#12 as `openssl pkcs12 -export` writes it with GOST ciphers: the bags
# use PBKDF2 with HMAC-SHA256 (the CLI has no PRF option).
openssl pkcs12 $E -export -inkey key256a.pem -in cert256a.pem -keypbe kuznyechik-ctr-acpkm \
    -certpbe kuznyechik-ctr-acpkm -macalg md_gost12_512 -passout $P -out cli-kuznyechik.p12
