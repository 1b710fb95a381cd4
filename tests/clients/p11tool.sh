#!/usr/bin/env bash
# GnuTLS p11tool with our module given by --provider: --list-tokens and
# --list-token-urls show the token, --list-mechanisms the GOST mechanisms,
# --list-all shows the certificates (and, after --login with GNUTLS_PIN, the
# private key; a wrong PIN is refused), --export returns the certificate
# stored. GnuTLS 3.7 reads no GOST key from PKCS#11 (pkcs11_read_pubkey
# knows RSA, DSA and EC only): the public key is left out of --list-all and
# --test-sign fails. The test asserts that limit, as README documents it,
# so that it notices when a newer GnuTLS lifts it.
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

BUILD=${BUILD:?BUILD must name the build directory}
MODULE="$BUILD/libgost-pkcs11.so"
name=p11tool
# shellcheck source=tests/clients/lib/token.sh
. "$(dirname "$0")/lib/token.sh"
require_programs p11tool:gnutls-bin
[ -f "$MODULE" ] || { echo "$name: FAIL: $MODULE missing"; exit 1; }

d=$(mktemp -d /tmp/gost-p11tool-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$d"' EXIT
export GOST_TOKEN_DIR="$d/tokens"
unset GOST_P11_CONF GNUTLS_PIN GNUTLS_SO_PIN
fail() { echo "$name: FAIL: $*"; exit 1; }
step() { echo "$name: $*"; }
p11() { "$BUILD/bin/gost-p11conf" -A "$MODULE" "$@"; }
P=(p11tool --provider "$MODULE")
SO=87654321
PIN=12345678
LABEL=gnutlstoken
src="$(cd "$(dirname "$0")/../.." && pwd)"
CERT="$src/tests/data/asn1/cert256tca.pem"

step "a token with a key pair and a certificate (gost-p11conf)"
token_init "$LABEL"
p11 -c "$slot" -U "$PIN" --keygen 512A --id 0a0b -L "tls key" >/dev/null || fail "--keygen"
p11 -c "$slot" -U "$PIN" --import "$CERT" --id 0a0b -L "tls cert" >/dev/null ||
  fail "import the certificate"
TOKEN="pkcs11:token=$LABEL"

step "--list-tokens, --list-token-urls, --list-mechanisms"
"${P[@]}" --list-tokens >"$d/tokens.txt" 2>&1 || fail "--list-tokens: $(cat "$d/tokens.txt")"
grep -q "^	Label: $LABEL\$" "$d/tokens.txt" || fail "--list-tokens lacks the token: $(cat "$d/tokens.txt")"
grep -A4 "Label: $LABEL\$" "$d/tokens.txt" | grep -q "Manufacturer: libgost" ||
  fail "--list-tokens: manufacturer"
"${P[@]}" --list-token-urls >"$d/urls" 2>&1 || fail "--list-token-urls"
grep -q "^pkcs11:.*manufacturer=libgost;.*token=$LABEL\$" "$d/urls" ||
  fail "--list-token-urls: $(cat "$d/urls")"
"${P[@]}" --list-mechanisms "$TOKEN" >"$d/mechs" 2>&1 || fail "--list-mechanisms"
grep -q "CKM_GOSTR3410_KEY_PAIR_GEN .*generate_key_pair" "$d/mechs" || fail "no GOST key generation"
grep -q "^\[0xd4321008\] .*sign verify" "$d/mechs" ||
  fail "no CKM_GOSTR3410_WITH_GOSTR3411_12_256: $(cat "$d/mechs")"

step "--list-all without and with --login"
"${P[@]}" --list-all "$TOKEN" >"$d/public" 2>&1 || fail "--list-all: $(cat "$d/public")"
grep -q "Label: tls cert" "$d/public" || fail "certificate not listed: $(cat "$d/public")"
grep -q "Type: Private key" "$d/public" && fail "a private key listed without login"
GNUTLS_PIN=$PIN "${P[@]}" --login --list-all "$TOKEN" >"$d/all" 2>&1 ||
  fail "--login --list-all: $(cat "$d/all")"
grep -q "object=tls%20cert;type=cert" "$d/all" || fail "certificate URL: $(cat "$d/all")"
grep -q "object=tls%20key;type=private" "$d/all" || fail "private key not listed: $(cat "$d/all")"
grep -A4 "type=private" "$d/all" | grep -q "CKA_SENSITIVE" || fail "private key flags"
grep -A4 "type=private" "$d/all" | grep -q "ID: 0a:0b" || fail "private key ID"
if GNUTLS_PIN=0000 "${P[@]}" --login --list-all "$TOKEN" >"$d/bad" 2>&1 &&
   grep -q "type=private" "$d/bad"; then
  fail "a wrong GNUTLS_PIN listed the private key"
fi
grep -q "Wrong PIN" "$d/bad" || fail "wrong PIN message: $(cat "$d/bad")"

step "--export returns the stored certificate"
"${P[@]}" --export "$TOKEN;object=tls%20cert;type=cert" >"$d/back.pem" 2>"$d/e" ||
  fail "--export: $(cat "$d/e")"
cmp -s <(openssl x509 -in "$CERT" -outform DER) <(openssl x509 -in "$d/back.pem" -outform DER) ||
  fail "--export returned another certificate"

step "GnuTLS limit (README): no GOST public keys or signing through PKCS#11"
if grep -q "type=public" "$d/all"; then
  fail "p11tool now lists the GOST public key: GnuTLS reads GOST keys; update README and this test"
fi
if GNUTLS_PIN=$PIN "${P[@]}" --login --test-sign "$TOKEN;object=tls%20key;type=private" \
     >"$d/sign" 2>&1; then
  fail "p11tool --test-sign now works on a GOST key: update README and this test"
fi
grep -q "algorithm or protocol is unknown" "$d/sign" || fail "--test-sign: $(cat "$d/sign")"
echo "$name: PASS"
