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

# Usage, information, exit codes and PIN handling on our module.
expect_rc() { # expect_rc CODE command...: stdout in $d/out, stderr in $d/err
  local want=$1; shift
  set +e; "$@" > "$d/out" 2> "$d/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$d/out" "$d/err"; fail "$* exited $got, expected $want"; }
}
p11 -h > "$d/usage" || fail "-h"
for flag in -h -i -s -t -m -I -u -p -P -e -d -r -f -A -c -L -U -S -n \
            --keygen --req --import --export-pub --subject --id --p12-pass -o "Exit codes"; do
  grep -Eq -- "(^|[ (])$flag( |,|:|$)" "$d/usage" || fail "-h does not describe $flag"
done
out_has "Manufacturer: *libgost" p11 -i || fail "-i"
out_has "Description: *libgost soft token slot $slot" p11 -s -c "$slot" || fail "-s"
out_has "Label: *gost\$" p11 -t -c "$slot" || fail "-t label"
out_has "CKF_USER_PIN_INITIALIZED" p11 -t -c "$slot" || fail "-t flags"
expect_rc 2 "$bin" -i                                   # no -A
expect_rc 2 p11 -i -e                                   # two commands
expect_rc 2 p11 --no-such-flag
expect_rc 3 "$bin" -A "$d/nonexistent.so" -i
grep -q "nonexistent.so" "$d/err" || fail "missing module message: $(cat "$d/err")"
expect_rc 1 p11 -c 4242 -t                              # no such slot
grep -q "C_GetTokenInfo: CKR_SLOT_ID_INVALID" "$d/err" || fail "bad slot message: $(cat "$d/err")"
expect_rc 3 "$bin" -A "$BUILD/libgost.so" -i                # a library that is no module
grep -q "has no C_GetFunctionList" "$d/err" || fail "not-a-module message: $(cat "$d/err")"
p11 -c "$slot" -p -U 12345678 -n 11112222 > /dev/null || fail "-p"
expect_rc 1 p11 -c "$slot" -p -U 12345678 -n 33334444
grep -q "C_Login: CKR_PIN_INCORRECT" "$d/err" || fail "wrong PIN message: $(cat "$d/err")"
p11 -c "$slot" -P -S 87654321 -n 56785678 > /dev/null || fail "-P"
expect_rc 1 p11 -c "$slot" -P -S 87654321 -n 11111111
grep -q "CKR_PIN_INCORRECT" "$d/err" || fail "wrong SO PIN message: $(cat "$d/err")"
# no PIN on stdin and no terminal: exit 4
expect_rc 4 setsid "$bin" -A "$mod" -c "$slot" -p < /dev/null
grep -q "no PIN given" "$d/err" || fail "missing PIN message: $(cat "$d/err")"
# PINs typed on a terminal are not echoed (the old PIN, the new one twice)
python3 "$src/tests/clients/lib/pty_pins.py" "User PIN: =11112222" "New user PIN: =12345678" \
  "New user PIN again: =12345678" -- "$bin" -A "$mod" -c "$slot" -p > "$d/tty" ||
  fail "-p on a terminal: $(cat "$d/tty")"
grep -q "User PIN changed" "$d/tty" || fail "-p on a terminal: $(cat "$d/tty")"
python3 "$src/tests/clients/lib/pty_pins.py" "SO PIN: =56785678" "New SO PIN: =87654321" \
  "New SO PIN again: =87654321" -- "$bin" -A "$mod" -c "$slot" -P > "$d/tty" ||
  fail "-P on a terminal: $(cat "$d/tty")"
out_has "^0 objects" p11 -c "$slot" -e -U 12345678 || fail "login with the PIN set on the terminal"

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
# a DER certificate, and a request with the comma form of --subject
openssl x509 -in "$data/cert512c.pem" -outform DER -out "$d/c512.der"
out_has "Certificate imported" p11 -c "$slot" -U 12345678 --import "$d/c512.der" -L derc ||
  fail "--import DER certificate"
expect_rc 3 p11 -c "$slot" -U 12345678 --import "$d/nonexistent.der"
grep -q "nonexistent.der" "$d/err" || fail "missing file message: $(cat "$d/err")"
head -c 300 /dev/urandom > "$d/junk"
expect_rc 3 p11 -c "$slot" -U 12345678 --import "$d/junk" --p12-pass x
p11 -c "$slot" -U 12345678 --req --id "$(echo 256A | od -An -tx1 | tr -d ' \n')" \
  --subject "CN=Comma form,O=libgost,C=RU" -o "$d/comma.req.pem" || fail "--req comma subject"
openssl req "${eng[@]}" -verify -noout -subject -in "$d/comma.req.pem" > "$d/o" 2>&1
grep -q "verify OK" "$d/o" && grep -q "CN *= *Comma form" "$d/o" ||
  fail "comma-form request: $(cat "$d/o")"
p11 -c "$slot" -e -U 12345678 > "$d/list" || fail "-e"
grep -q '"mycert"' "$d/list" || fail "imported certificate not listed"
grep -q '"k512C"' "$d/list" || fail "generated key not listed"
out_has "CKA_SENSITIVE *true" p11 -c "$slot" -e -d -U 12345678 || fail "-d dump"
(cd "$d" && p11 -c "$slot" -f -U 12345678 >/dev/null) || fail "-f"
openssl x509 -inform DER -in "$d/cert0.der" -noout 2>/dev/null || fail "-f output is not a certificate"
ncert=$(grep -c "CKO_CERTIFICATE" "$d/list")
[ -f "$d/cert$((ncert - 1)).der" ] && [ ! -e "$d/cert$ncert.der" ] || fail "-f wrote other than $ncert files"
found=
for f in "$d"/cert*.der; do cmp -s "$f" "$d/c512.der" && found=$f; done
[ -n "$found" ] || fail "-f did not write the imported DER certificate"
(cd "$d" && p11 -c "$slot" -f -d -U 12345678 > "$d/fd") || fail "-f -d"
grep -q "CKA_CERTIFICATE_TYPE *0 (0x0)" "$d/fd" && grep -q "written to cert0.der" "$d/fd" ||
  fail "-f -d dumps no attributes: $(cat "$d/fd")"
grep -q "CKA_JAVA_MIDP_SECURITY_DOMAIN  *0" "$d/fd" || fail "-d column: $(grep JAVA "$d/fd")"
# -r -e asks per object: remove the first, keep the rest
total=$(sed -n 's/^\([0-9]*\) objects$/\1/p' "$d/list")
{ echo y; for ((i = 1; i < total; i++)); do echo n; done; } |
  p11 -c "$slot" -r -e -U 12345678 > "$d/o" 2> /dev/null ||
  fail "-r -e: $(cat "$d/o")"
grep -q "^1 of $total objects removed" "$d/o" || fail "-r -e: $(tail -1 "$d/o")"
out_has "^$((total - 1)) objects" p11 -c "$slot" -e -U 12345678 || fail "objects after -r -e"
out_has "objects removed" p11 -c "$slot" -r -U 12345678 || fail "-r"
out_has "^0 objects" p11 -c "$slot" -e -U 12345678 || fail "objects left after -r"
echo "p11conf_gost.sh: all passed"
