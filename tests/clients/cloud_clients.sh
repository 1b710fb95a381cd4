#!/usr/bin/env bash
# NSS and GnuTLS on the cloud token (issue 10: "pkcs11-tool, NSS and p11tool
# work on it exactly as on the local one"; pkcs11-tool is cloud_server.sh's).
# gost-cloudd of the build on 127.0.0.1 (a free port, a temporary directory,
# killed at exit) with one account; through the module in cloud mode
# (GOST_P11_CONF exported, so every module load below is a cloud client)
# gost-p11conf initialises the token and its user PIN, generates a GOST
# R 34.10-2012 256-bit key pair, makes a request that a throw-away CA (OpenSSL's
# GOST engine) signs, and imports the certificate beside the key. Then:
# NSS: a fresh database, `modutil -add`, `modutil -list` shows the token,
# `certutil -L -h all` lists the certificate as a user certificate (u,u,u),
# `certutil -a` returns it, `certutil -K` lists the key with the PIN and
# refuses a wrong one; GnuTLS: `p11tool --list-tokens` shows the token,
# `--login --list-all` (GNUTLS_PIN) the certificate and the private key and
# nothing private with a wrong PIN, `--export` the very certificate stored. The objects must be on the server,
# not in a local token directory.
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

BUILD=${BUILD:?BUILD must name the build directory}
MODULE="$BUILD/libgost-pkcs11.so"
name=cloud_clients
# shellcheck source=tests/clients/lib/token.sh
. "$(dirname "$0")/lib/token.sh"
require_programs modutil:libnss3-tools certutil:libnss3-tools p11tool:gnutls-bin
if [ ! -f "$MODULE" ] || [ ! -x "$BUILD/bin/gost-cloudd" ] || [ ! -x "$BUILD/bin/gost-p11conf" ]; then
  echo "$name: FAIL: the module, gost-cloudd or gost-p11conf is missing in $BUILD"
  exit 1
fi

WORK=$(mktemp -d /tmp/gost-cloud-clients-XXXXXX)
fail() { echo "$name: FAIL: $*"; exit 1; }
step() { echo "$name: $*"; }
# shellcheck source=tests/clients/lib/cloud.sh
. "$(dirname "$0")/lib/cloud.sh"
trap 'cloud_stop; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
trap 'exit 1' INT TERM HUP
unset GNUTLS_PIN GNUTLS_SO_PIN
# A local token directory that must stay empty: everything goes to the server.
export GOST_TOKEN_DIR="$WORK/local-tokens"
T=(timeout 30)
p11() { "${T[@]}" "$BUILD/bin/gost-p11conf" -A "$MODULE" "$@"; }
SO=87654321
PIN=12345678
LABEL=cloudtok

step "gost-cloudd on 127.0.0.1 with an account"
cloud_start
cloud_account carol 'carol pw'
export GOST_P11_CONF="$WORK/carol.conf"

step "through the cloud module: token, user PIN, key pair, certificate (gost-p11conf)"
token_init "$LABEL"
p11 -c "$slot" -U "$PIN" --keygen 256A --id 0c0d -L "cloud key" >/dev/null || fail "--keygen"
token_user_cert 0c0d "/CN=Cloud user/O=libgost" "libgost cloud test CA" "$WORK"
p11 -c "$slot" -U "$PIN" --import "$WORK/user.pem" --id 0c0d -L "cloud user" >/dev/null ||
  fail "import the certificate"
[ -z "$(ls -A "$GOST_TOKEN_DIR" 2>/dev/null)" ] || fail "the module wrote a local token: $(ls -R "$GOST_TOKEN_DIR")"
[ -n "$(ls -A "$WORK/srv/users/carol/token" 2>/dev/null)" ] || fail "no token files on the server"

sessions() { grep -c "session start" "$WORK/srv/users/carol/events.log" || true; }
before=$(sessions)

step "NSS: a fresh database, modutil -add and -list"
mkdir "$WORK/nssdb"
db="sql:$WORK/nssdb"
"${T[@]}" certutil -N --empty-password -d "$db" >"$WORK/o" 2>&1 || fail "certutil -N: $(cat "$WORK/o")"
"${T[@]}" modutil -dbdir "$db" -add libgost-cloud -libfile "$MODULE" -force >"$WORK/o" 2>&1 ||
  fail "modutil -add: $(cat "$WORK/o")"
grep -q 'Module "libgost-cloud" added' "$WORK/o" || fail "modutil -add: $(cat "$WORK/o")"
"${T[@]}" modutil -dbdir "$db" -list >"$WORK/list" 2>&1 || fail "modutil -list: $(cat "$WORK/list")"
grep -q "library name: $MODULE" "$WORK/list" || fail "modutil -list lacks the module: $(cat "$WORK/list")"
grep -q "token: $LABEL\$" "$WORK/list" || fail "modutil -list lacks the cloud token: $(cat "$WORK/list")"
grep -A5 "^  2\. libgost-cloud" "$WORK/list" | grep -q "status: loaded" ||
  fail "module not loaded: $(cat "$WORK/list")"

step "NSS: certutil -L -h all (u,u,u), certutil -a, certutil -K with the PIN and a wrong one"
echo "$PIN" >"$WORK/pin"
"${T[@]}" certutil -L -h all -d "$db" -f "$WORK/pin" </dev/null >"$WORK/certs" 2>&1 ||
  fail "certutil -L: $(cat "$WORK/certs")"
grep -Eq "^$LABEL:cloud user +u,u,u\$" "$WORK/certs" ||
  fail "certificate not listed as a user certificate (u,u,u): $(cat "$WORK/certs")"
"${T[@]}" certutil -L -h "$LABEL" -d "$db" -f "$WORK/pin" -a -n "$LABEL:cloud user" </dev/null \
  >"$WORK/nss.pem" 2>"$WORK/e" || fail "certutil -L -a: $(cat "$WORK/e")"
cmp -s <(openssl x509 -in "$WORK/user.pem" -outform DER) <(openssl x509 -in "$WORK/nss.pem" -outform DER) ||
  fail "NSS returned another certificate"

"${T[@]}" certutil -K -h "$LABEL" -d "$db" -f "$WORK/pin" </dev/null >"$WORK/keys" 2>&1 ||
  fail "certutil -K: $(cat "$WORK/keys")"
grep -Eq "^<  *0> .* 0c0d +cloud key\$" "$WORK/keys" || fail "key not listed: $(cat "$WORK/keys")"
echo 0000 >"$WORK/badpin"
if "${T[@]}" certutil -K -h "$LABEL" -d "$db" -f "$WORK/badpin" </dev/null >"$WORK/o" 2>&1; then
  fail "certutil -K succeeded with a wrong PIN: $(cat "$WORK/o")"
fi
grep -q "SEC_ERROR_BAD_PASSWORD" "$WORK/o" || fail "wrong PIN message: $(cat "$WORK/o")"
nss=$(sessions)
[ "$nss" -gt "$before" ] || fail "NSS opened no session on the server"

step "GnuTLS: p11tool --list-tokens, --login --list-all (right and wrong PIN), --export"
P=("${T[@]}" p11tool --provider "$MODULE")
TOKEN="pkcs11:token=$LABEL"
"${P[@]}" --list-tokens >"$WORK/tokens" 2>&1 || fail "--list-tokens: $(cat "$WORK/tokens")"
grep -q "^	Label: $LABEL\$" "$WORK/tokens" || fail "--list-tokens lacks the cloud token: $(cat "$WORK/tokens")"
grep -A4 "Label: $LABEL\$" "$WORK/tokens" | grep -q "Manufacturer: libgost" ||
  fail "--list-tokens: manufacturer: $(cat "$WORK/tokens")"
GNUTLS_PIN=$PIN "${P[@]}" --login --list-all "$TOKEN" >"$WORK/all" 2>&1 ||
  fail "--login --list-all: $(cat "$WORK/all")"
grep -q "object=cloud%20user;type=cert" "$WORK/all" || fail "certificate not listed: $(cat "$WORK/all")"
grep -q "object=cloud%20key;type=private" "$WORK/all" || fail "private key not listed: $(cat "$WORK/all")"
grep -A4 "type=private" "$WORK/all" | grep -q "ID: 0c:0d" || fail "private key ID: $(cat "$WORK/all")"
if GNUTLS_PIN=0000 "${P[@]}" --login --list-all "$TOKEN" >"$WORK/bad" 2>&1 &&
   grep -q "type=private" "$WORK/bad"; then
  fail "a wrong GNUTLS_PIN listed the private key"
fi
grep -q "Wrong PIN" "$WORK/bad" || fail "wrong PIN message: $(cat "$WORK/bad")"
"${P[@]}" --export "$TOKEN;object=cloud%20user;type=cert" >"$WORK/gnutls.pem" 2>"$WORK/e" ||
  fail "--export: $(cat "$WORK/e")"
cmp -s <(openssl x509 -in "$WORK/user.pem" -outform DER) <(openssl x509 -in "$WORK/gnutls.pem" -outform DER) ||
  fail "--export returned another certificate"

[ "$(sessions)" -gt "$nss" ] || fail "p11tool opened no session on the server"
kill -0 "$CLOUD_PID" 2>/dev/null || fail "gost-cloudd died: $(cat "$WORK/server.log")"
[ -z "$(ls -A "$GOST_TOKEN_DIR" 2>/dev/null)" ] || fail "a client wrote a local token: $(ls -R "$GOST_TOKEN_DIR")"
echo "$name: PASS"
