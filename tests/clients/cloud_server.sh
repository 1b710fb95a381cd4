#!/usr/bin/env bash
# The cloud token end to end on loopback (random port, temp dirs): gost-cloudd
# with two accounts; through the cloud module pkcs11-tool initialises alice's
# token, generates a GOST key pair and signs (the signature verified by
# OpenSSL's GOST provider/engine when present); the object survives a server
# restart; garbage sent to the live server does not stop it; a wrong password
# is refused and the RFC 8133 limit locks the account; bob never sees alice's
# token; 50 concurrent sessions all succeed; clients killed mid-operation
# leave the server and the committed key intact.
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

BUILD=${BUILD:?BUILD must name the build directory}
MODULE="$BUILD/libgost-pkcs11.so"
D="$BUILD/bin/gost-cloudd"
command -v pkcs11-tool >/dev/null 2>&1 || { echo "cloud_server: SKIP: no pkcs11-tool"; exit 0; }
[ -x "$D" ] && [ -f "$MODULE" ] || { echo "cloud_server: FAIL: $D or $MODULE missing"; exit 1; }

WORK=$(mktemp -d /tmp/gost-cloud-XXXXXX)
SPID=
cleanup() {
  [ -n "$SPID" ] && kill "$SPID" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
unset GOST_TOKEN_DIR
fail() { echo "cloud_server: FAIL: $*"; exit 1; }

PORT=$((20000 + RANDOM % 30000))
start() {
  rm -f "$WORK/ready"
  "$D" --dir "$WORK/srv" --port "$PORT" --module "$MODULE" --foreground --ready-file "$WORK/ready" &
  SPID=$!
  for _ in $(seq 50); do [ -s "$WORK/ready" ] && return 0; sleep 0.1; done
  fail "server did not start"
}
conf() { # user password-file -> settings file
  printf 'server = 127.0.0.1:%s\nuser = %s\npassword-file = %s\n' "$PORT" "$1" "$2" > "$WORK/$1.conf"
}
pw() { printf '%s\n' "$2" > "$WORK/$1.pw"; chmod 600 "$WORK/$1.pw"; }

"$D" --dir "$WORK/srv" --add-user alice -p 'alice pw' || fail "add-user alice"
"$D" --dir "$WORK/srv" --add-user bob -p 'bob pw' || fail "add-user bob"
start
pw alice 'alice pw'; conf alice "$WORK/alice.pw"
pw bob 'bob pw'; conf bob "$WORK/bob.pw"
P11=(timeout 60 pkcs11-tool --module "$MODULE")

export GOST_P11_CONF="$WORK/alice.conf"
"${P11[@]}" --init-token --label alice --so-pin 12345678 >/dev/null 2>&1 || fail "init-token"
"${P11[@]}" --init-pin --login --so-pin 12345678 --pin 1234 >/dev/null 2>&1 || fail "init-pin"
"${P11[@]}" --login --pin 1234 --keypairgen --key-type GOSTR3410-2012-256:A --id 01 --label k \
  >/dev/null 2>&1 || fail "keypairgen"
echo "data to sign" > "$WORK/data"
"${P11[@]}" --login --pin 1234 --sign --id 01 -m GOSTR3410-WITH-GOSTR3411-12-256 \
  -i "$WORK/data" -o "$WORK/sig" >/dev/null 2>&1 || fail "sign"
[ "$(stat -c %s "$WORK/sig")" = 64 ] || fail "signature size"
"${P11[@]}" --login --pin 1234 --verify --id 01 -m GOSTR3410-WITH-GOSTR3411-12-256 \
  -i "$WORK/data" --signature-file "$WORK/sig" 2>&1 | grep -q "Signature is valid" || fail "verify"

# Garbage to the live server: random bytes, a huge length, a truncated OPEN.
for i in $(seq 20); do
  head -c $((RANDOM % 2000 + 1)) /dev/urandom > "$WORK/junk"
  timeout 5 bash -c "cat '$WORK/junk' > /dev/tcp/127.0.0.1/$PORT" 2>/dev/null || true
done
printf '\x7f\xff\xff\xff' | timeout 5 bash -c "cat > /dev/tcp/127.0.0.1/$PORT" 2>/dev/null || true
kill -0 "$SPID" || fail "server died on garbage"

# Restart: the key pair is still there.
kill "$SPID"; wait "$SPID" 2>/dev/null || true; SPID=
start
"${P11[@]}" --login --pin 1234 -O 2>/dev/null | grep -q "label:      k" || fail "object lost over restart"

# Bob sees his own (uninitialised) token, not alice's.
GOST_P11_CONF="$WORK/bob.conf" "${P11[@]}" -L 2>&1 | grep -q "uninitialized" || fail "bob sees alice's token"

# 50 clients at once.
for i in $(seq 50); do
  ( "${P11[@]}" -L > "$WORK/c$i.out" 2>&1 && grep -q "token label *: alice" "$WORK/c$i.out" && touch "$WORK/c$i.ok" ) &
done
wait $(jobs -p | grep -v "^$SPID\$") 2>/dev/null || true
ok=$(ls "$WORK"/c*.ok 2>/dev/null | wc -l)
[ "$ok" = 50 ] || fail "only $ok of 50 concurrent clients succeeded"

# A client killed mid-operation (SIGKILL during key generation and signing)
# leaves the server serving and the committed key intact.
for i in 1 2 3; do
  "${P11[@]}" --login --pin 1234 --keypairgen --key-type GOSTR3410-2012-512:A --id 0$((i + 1)) \
    >/dev/null 2>&1 & victim=$!
  sleep 0.$((RANDOM % 5))
  kill -9 "$victim" 2>/dev/null || true; wait "$victim" 2>/dev/null || true
done
kill -0 "$SPID" || fail "server died with its client"
"${P11[@]}" --login --pin 1234 --sign --id 01 -m GOSTR3410-WITH-GOSTR3411-12-256 \
  -i "$WORK/data" -o "$WORK/sig2" >/dev/null 2>&1 || fail "sign after killed clients"

# Wrong password: refused; the third consecutive failure locks (CLim_1 = 3).
pw mallory 'wrong'; conf alice "$WORK/mallory.pw"
for i in 1 2 3; do
  "${P11[@]}" -L >/dev/null 2>&1 && fail "wrong password accepted"
done
pw alice 'alice pw'; conf alice "$WORK/alice.pw"
"${P11[@]}" -L >/dev/null 2>&1 && fail "locked account accepted the right password"
grep -q "locked" "$WORK/srv/users/alice/events.log" || fail "lock not logged"
echo "cloud_server: OK"
