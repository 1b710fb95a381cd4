#!/usr/bin/env bash
# NSS (what Firefox and Chrome use) with our module: a fresh NSS database,
# `modutil -add` loads the module, `modutil -list` shows the token, and
# `certutil -L -h all` lists the certificates on it. A key pair generated on
# the token with gost-p11conf, a request signed by a CA made with OpenSSL's
# GOST engine and the certificate imported beside the key: NSS must show it
# as a user certificate ("u,u,u", it found the private key), `certutil -K`
# (logged in with the PIN from a file) lists the key, and `certutil -a`
# returns the very certificate stored.
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

BUILD=${BUILD:?BUILD must name the build directory}
MODULE="$BUILD/libgost-pkcs11.so"
name=nss_modutil
# shellcheck source=tests/clients/lib/token.sh
. "$(dirname "$0")/lib/token.sh"
require_programs modutil:libnss3-tools certutil:libnss3-tools
[ -f "$MODULE" ] || { echo "$name: FAIL: $MODULE missing"; exit 1; }

d=$(mktemp -d /tmp/gost-nss-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$d"' EXIT
export GOST_TOKEN_DIR="$d/tokens"
unset GOST_P11_CONF
fail() { echo "$name: FAIL: $*"; exit 1; }
step() { echo "$name: $*"; }
p11() { "$BUILD/bin/gost-p11conf" -A "$MODULE" "$@"; }
SO=87654321
PIN=12345678
LABEL=nsstoken

step "a token with a key pair, a user certificate for it and a CA certificate"
token_init "$LABEL"
p11 -c "$slot" -U "$PIN" --keygen 256A --id 0101 -L "nss key" >/dev/null || fail "--keygen"
token_user_cert 0101 "/CN=NSS user/O=libgost" "libgost NSS test CA" "$d"
p11 -c "$slot" -U "$PIN" --import "$d/user.pem" --id 0101 -L "NSS user" >/dev/null ||
  fail "import the user certificate"
p11 -c "$slot" -U "$PIN" --import "$d/ca.pem" -L "test CA" >/dev/null || fail "import the CA"

step "a fresh NSS database; modutil -add and -list"
mkdir "$d/nssdb"
certutil -N --empty-password -d "sql:$d/nssdb" >"$d/o" 2>&1 || fail "certutil -N: $(cat "$d/o")"
modutil -dbdir "sql:$d/nssdb" -add libgost -libfile "$MODULE" -force >"$d/o" 2>&1 ||
  fail "modutil -add: $(cat "$d/o")"
grep -q 'Module "libgost" added' "$d/o" || fail "modutil -add: $(cat "$d/o")"
modutil -dbdir "sql:$d/nssdb" -list >"$d/list" 2>&1 || fail "modutil -list: $(cat "$d/list")"
grep -q "library name: $MODULE" "$d/list" || fail "modutil -list lacks the module: $(cat "$d/list")"
grep -q "token: $LABEL\$" "$d/list" || fail "modutil -list lacks the token: $(cat "$d/list")"
grep -q "uri: pkcs11:token=$LABEL;manufacturer=libgost" "$d/list" || fail "token URI"
grep -A5 "^  2\. libgost" "$d/list" | grep -q "status: loaded" || fail "module not loaded"

step "certutil -L -h all lists the token's certificates"
echo "$PIN" >"$d/pin"
certutil -L -h all -d "sql:$d/nssdb" -f "$d/pin" </dev/null >"$d/certs" 2>&1 ||
  fail "certutil -L: $(cat "$d/certs")"
grep -q "^$LABEL:test CA " "$d/certs" || fail "CA certificate not listed: $(cat "$d/certs")"
grep -Eq "^$LABEL:NSS user +u,u,u" "$d/certs" ||
  fail "user certificate not listed with its private key (u,u,u): $(cat "$d/certs")"

step "certutil -K (login with the PIN file) lists the key; certutil -a returns the certificate"
certutil -K -h "$LABEL" -d "sql:$d/nssdb" -f "$d/pin" </dev/null >"$d/keys" 2>&1 ||
  fail "certutil -K: $(cat "$d/keys")"
grep -Eq "^<  *0> .* 0101 +nss key$" "$d/keys" || fail "key not listed: $(cat "$d/keys")"
echo 0000 >"$d/badpin"
if certutil -K -h "$LABEL" -d "sql:$d/nssdb" -f "$d/badpin" </dev/null >"$d/o" 2>&1; then
  fail "certutil -K succeeded with a wrong PIN: $(cat "$d/o")"
fi
grep -q "SEC_ERROR_BAD_PASSWORD" "$d/o" || fail "wrong PIN message: $(cat "$d/o")"
certutil -L -h "$LABEL" -d "sql:$d/nssdb" -f "$d/pin" -a -n "$LABEL:NSS user" </dev/null \
  >"$d/back.pem" 2>"$d/e" || fail "certutil -L -a: $(cat "$d/e")"
cmp -s <(openssl x509 -in "$d/user.pem" -outform DER) <(openssl x509 -in "$d/back.pem" -outform DER) ||
  fail "NSS returned another certificate"
echo "$name: PASS"
