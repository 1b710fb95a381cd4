#!/usr/bin/env bash
# gost-p11conf against SoftHSMv2 (a module that is not ours): library, slot
# and token info, token and PIN initialisation, PIN changes and the wrong-PIN
# exit code, object enumeration, attribute dump, certificate export and
# removal. Objects are written with OpenSC's pkcs11-tool, so both tools
# must agree on what is on the token.
set -euo pipefail
bin="$BUILD/bin/gost-p11conf"
mod=/usr/lib/softhsm/libsofthsm2.so
for need in "$mod" "$(command -v pkcs11-tool || true)"; do
  if [ -z "$need" ] || [ ! -e "$need" ]; then
    echo "p11conf_softhsm.sh: SKIP: SoftHSMv2 or pkcs11-tool absent (scripts/deps.sh installs them)"
    exit 0
  fi
done
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$d" > "$d/softhsm2.conf"
export SOFTHSM2_CONF="$d/softhsm2.conf"
fail() { echo "p11conf_softhsm.sh: FAIL: $*"; exit 1; }
p11() { "$bin" -A "$mod" "$@"; }
# out_has PATTERN command...: the command succeeds and its stdout matches
# (captured first: grep -q closing the pipe early must not fail the command)
out_has() {
  local pat=$1; shift
  "$@" > "$d/o" 2> "$d/e" || { cat "$d/o" "$d/e"; return 1; }
  grep -q -- "$pat" "$d/o"
}
expect_rc() { # expect_rc CODE command...
  local want=$1; shift
  set +e; "$@" > "$d/out" 2> "$d/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$d/out" "$d/err"; fail "$* exited $got, expected $want"; }
}

out_has "Exit codes" p11 -h || fail "-h"
expect_rc 2 "$bin" -i                       # no -A
expect_rc 2 p11 -i -s                       # two commands
expect_rc 3 "$bin" -A "$d/nonexistent.so" -i
out_has "Manufacturer: *SoftHSM" p11 -i || fail "-i"
out_has "CKF_TOKEN_PRESENT" p11 -s || fail "-s"
out_has initialised p11 -I -L "p11conf test" -S 12345678 || fail "-I"
slot=$(p11 -t | sed -n 's/^Token in slot \([0-9]*\)$/\1/p' | head -1)
[ -n "$slot" ] || fail "-t lists no token"
out_has "Label: *p11conf test" p11 -t -c "$slot" || fail "-t label"
out_has "User PIN initialised" p11 -c "$slot" -u -S 12345678 -n 1111 || fail "-u"
out_has CKF_USER_PIN_INITIALIZED p11 -t -c "$slot" || fail "-t flags after -u"
p11 -c "$slot" -p -U 1111 -n 2222 >/dev/null || fail "-p"
expect_rc 1 p11 -c "$slot" -p -U 1111 -n 3333
grep -q "C_Login: CKR_PIN_INCORRECT" "$d/err" || fail "wrong PIN message: $(cat "$d/err")"
p11 -c "$slot" -P -S 12345678 -n 87654321 >/dev/null || fail "-P"
# PINs from stdin when there is no terminal (new PIN asked twice)
printf '2222\n4444\n4444\n' | setsid "$bin" -A "$mod" -c "$slot" -p >/dev/null || fail "-p with prompted PINs"
printf '4444\n5555\n6666\n' | setsid "$bin" -A "$mod" -c "$slot" -p > "$d/out" 2>&1 && fail "-p with differing new PINs"
grep -q "differ" "$d/out" || fail "differing PINs message"
out_has "CKM_SHA256 " p11 -m -c "$slot" || fail "-m names"

# Objects written by pkcs11-tool, read back here.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=p11conf \
  -keyout "$d/k.pem" -out "$d/c.pem" -days 1 2>/dev/null
openssl x509 -in "$d/c.pem" -outform DER -out "$d/c.der"
pkcs11-tool --module "$mod" --slot "$slot" --login --pin 4444 --write-object "$d/c.der" \
  --type cert --label mycert --id 0a0b >/dev/null 2>&1 || fail "pkcs11-tool write cert"
echo hello > "$d/data"
pkcs11-tool --module "$mod" --slot "$slot" --login --pin 4444 --write-object "$d/data" \
  --type data --label mydata --private >/dev/null 2>&1 || fail "pkcs11-tool write data"
p11 -c "$slot" -e > "$d/list"
grep -q '"mycert"' "$d/list" || fail "-e lists the certificate"
grep -q '"mydata"' "$d/list" && fail "-e without login shows a private object"
grep -q "^1 objects" "$d/list" || fail "-e count without login: $(tail -1 "$d/list")"
out_has '"mydata"' p11 -c "$slot" -e -U 4444 || fail "-e with login shows the private object"
out_has "CKA_CERTIFICATE_TYPE *0 (0x0)" p11 -c "$slot" -e -d || fail "-d dump"
out_has "CKA_ID *0a0b" p11 -c "$slot" -e -d || fail "-d CKA_ID"
(cd "$d" && p11 -c "$slot" -f >/dev/null) || fail "-f"
cmp -s "$d/cert0.der" "$d/c.der" || fail "-f wrote a different certificate"
# -r -e asks per object: decline all, then remove all without asking
printf 'n\nn\n' | p11 -c "$slot" -r -e -U 4444 > "$d/o" 2>/dev/null || fail "-r -e"
grep -q "^0 of 2 objects removed" "$d/o" || fail "-r -e declined"
out_has "^2 of 2 objects removed" p11 -c "$slot" -r -U 4444 || fail "-r"
out_has "^0 objects" p11 -c "$slot" -e -U 4444 || fail "objects left after -r"
echo "p11conf_softhsm.sh: all passed"
