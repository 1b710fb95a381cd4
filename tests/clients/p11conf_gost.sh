#!/usr/bin/env bash
# gost-p11conf on our module, what a user of a GOST token does: initialise
# the token and PINs, generate key pairs on GOST curves, export a public key
# (read by OpenSSL's GOST engine), make a PKCS#10 request signed on the token
# (verified by `openssl req -verify` with the engine), import a certificate
# and a PKCS#12 file, list and dump them, write certificates out, remove all.
set -euo pipefail
bin="$BUILD/bin/gost-p11conf"
mod="$BUILD/libgost-pkcs11.so"
src="$(cd "$(dirname "$0")/../.." && pwd)"
data="$src/tests/data/asn1"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
export GOST_TOKEN_DIR="$d/tokens"
unset GOST_P11_CONF
fail() { echo "p11conf_gost.sh: FAIL: $*"; exit 1; }
p11() { "$bin" -A "$mod" "$@"; }
out_has() {
  local pat=$1; shift
  "$@" > "$d/o" 2> "$d/e" || { cat "$d/o" "$d/e"; return 1; }
  grep -q -- "$pat" "$d/o"
}
eng=(-engine gost)
openssl engine gost >/dev/null 2>&1 || fail "OpenSSL's GOST engine is missing (scripts/deps.sh installs libengine-gost-openssl)"

out_has "initialised" p11 -I -L gost -S 87654321 || fail "-I"
slot=$(p11 -t | sed -n 's/^Token in slot \([0-9]*\)$/\1/p' | head -1)
out_has "User PIN initialised" p11 -c "$slot" -u -S 87654321 -n 12345678 || fail "-u"
out_has "CKM_GOSTR3410_WITH_GOSTR3411_12_256" p11 -c "$slot" -m || fail "-m lacks the TC 26 names"
out_has "CKM_GOSTR3411_12_512 " p11 -c "$slot" -m || fail "-m lacks Streebog-512"

for curve in 256A 256B 512A 512C; do
  id=$(echo "$curve" | od -An -tx1 | tr -d ' \n')
  out_has "Key pair generated" p11 -c "$slot" -U 12345678 --keygen "$curve" --id "$id" -L "k$curve" ||
    fail "--keygen $curve"
  p11 -c "$slot" --export-pub --id "$id" -o "$d/$curve.pub.pem" || fail "--export-pub $curve"
  openssl pkey "${eng[@]}" -pubin -in "$d/$curve.pub.pem" -noout 2>"$d/e" ||
    fail "OpenSSL does not read the $curve public key: $(cat "$d/e")"
  p11 -c "$slot" -U 12345678 --req --id "$id" --subject "/CN=Token user $curve/O=libgost/C=RU" \
    -o "$d/$curve.req.pem" || fail "--req $curve"
  openssl req "${eng[@]}" -verify -noout -in "$d/$curve.req.pem" 2>&1 | grep -q "verify OK" ||
    fail "openssl req -verify rejects the $curve request"
  openssl req "${eng[@]}" -noout -subject -in "$d/$curve.req.pem" 2>/dev/null |
    grep -q "CN *= *Token user $curve" || fail "request subject $curve"
  # the request carries the token's public key
  openssl req "${eng[@]}" -noout -pubkey -in "$d/$curve.req.pem" 2>/dev/null > "$d/req.pub.pem"
  cmp -s <(openssl pkey "${eng[@]}" -pubin -in "$d/req.pub.pem" -outform DER 2>/dev/null) \
         <(openssl pkey "${eng[@]}" -pubin -in "$d/$curve.pub.pem" -outform DER 2>/dev/null) ||
    fail "the $curve request holds another key"
done
expect_fail() { if "$@" > "$d/o" 2>&1; then fail "$* succeeded"; fi; }
expect_fail p11 -c "$slot" -U 12345678 --keygen 384X
grep -q "unknown curve" "$d/o" || fail "bad curve message"
expect_fail p11 -c "$slot" -U 12345678 --req --subject "/XX=1"
grep -q "bad --subject" "$d/o" || fail "bad subject message"

# A certificate and a PKCS#12 file (password libgost) onto the token.
out_has "Certificate imported" p11 -c "$slot" -U 12345678 --import "$data/cert256tca.pem" -L mycert ||
  fail "--import certificate"
printf 'libgost\n' | setsid "$bin" -A "$mod" -c "$slot" -U 12345678 --import "$data/plain-mac512.p12" -L p12 \
  > "$d/o" 2>&1 || fail "--import PKCS#12: $(cat "$d/o")"
grep -q "Key pair imported" "$d/o" || fail "PKCS#12 key not imported"
expect_fail setsid "$bin" -A "$mod" -c "$slot" -U 12345678 --import "$data/plain-mac512.p12" --p12-pass wrong
grep -q "PKCS#12" "$d/o" || fail "wrong PKCS#12 password message"
p11 -c "$slot" -e -U 12345678 > "$d/list" || fail "-e"
grep -q '"mycert"' "$d/list" || fail "imported certificate not listed"
grep -q '"k512C"' "$d/list" || fail "generated key not listed"
out_has "CKA_SENSITIVE *true" p11 -c "$slot" -e -d -U 12345678 || fail "-d dump"
(cd "$d" && p11 -c "$slot" -f -U 12345678 >/dev/null) || fail "-f"
openssl x509 -inform DER -in "$d/cert0.der" -noout 2>/dev/null || fail "-f output is not a certificate"
out_has "objects removed" p11 -c "$slot" -r -U 12345678 || fail "-r"
out_has "^0 objects" p11 -c "$slot" -e -U 12345678 || fail "objects left after -r"
echo "p11conf_gost.sh: all passed"
