#!/usr/bin/env bash
# The gost-cloud utility end to end against gost-cloudd on loopback (random
# port, temp dirs): register with the administrator's initial password,
# status, log, change-password, duplicate on a second "computer", recreate
# (the token is empty again), unregister (the account is gone), and
# registration in TOTP and HOTP one-time-password mode with both channel
# suites. Every step checks the server's files or the module's view.
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

BUILD=${BUILD:?BUILD must name the build directory}
MODULE="$BUILD/libgost-pkcs11.so"
D="$BUILD/bin/gost-cloudd"
C="$BUILD/bin/gost-cloud"
[ -x "$D" ] && [ -x "$C" ] && [ -f "$MODULE" ] || { echo "cloud_account: FAIL: binaries missing"; exit 1; }

WORK=$(mktemp -d /tmp/gost-cloud-acct-XXXXXX)
SPID=
cleanup() {
  [ -n "$SPID" ] && kill "$SPID" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
unset GOST_TOKEN_DIR GOST_P11_CONF
fail() { echo "cloud_account: FAIL: $*"; [ -f "$WORK/out" ] && cat "$WORK/out"; exit 1; }

PORT=$((20000 + RANDOM % 30000))
"$D" --dir "$WORK/srv" --add-user alice -p 'initial-1' || fail "add-user alice"
"$D" --dir "$WORK/srv" --add-user tom -p 'initial-2' || fail "add-user tom"
"$D" --dir "$WORK/srv" --add-user hank -p 'initial-3' || fail "add-user hank"
"$D" --dir "$WORK/srv" --add-user 'bad/id' -p x 2>/dev/null && fail "add-user accepted a bad ID"
"$D" --dir "$WORK/srv" --port "$PORT" --module "$MODULE" --foreground --ready-file "$WORK/ready" &
SPID=$!
for _ in $(seq 50); do [ -s "$WORK/ready" ] && break; sleep 0.1; done
[ -s "$WORK/ready" ] || fail "server did not start"

A="$WORK/pc1/cloud.conf"
# register: the initial password opens the account once, the new one replaces it.
"$C" -c "$A" register 127.0.0.1 "$PORT" alice -p wrong -n 'alice new' >"$WORK/out" 2>&1 \
  && fail "register with a wrong initial password"
grep -q "refused" "$WORK/out" || fail "no clear refusal message"
"$C" -c "$A" register 127.0.0.1 "$PORT" alice -p 'initial-1' -n 'alice new' >"$WORK/out" 2>&1 || fail "register"
grep -q "^user = alice" "$A" || fail "settings not written"
[ "$(stat -c %a "$WORK/pc1/cloud-alice.pw")" = 600 ] || fail "password file mode"
[ ! -e "$WORK/srv/users/alice/initial" ] || fail "initial flag kept"
"$C" -c "$A" status >"$WORK/out" 2>&1 || fail "status"
grep -q "user: alice" "$WORK/out" && grep -q "password: set by the user" "$WORK/out" || fail "status text"
# the old (initial) password no longer works
"$C" -c "$A" status -p 'initial-1' >"$WORK/out" 2>&1 && fail "initial password still accepted"
"$C" -c "$A" status >"$WORK/out" 2>&1 || fail "status after one failure"
grep -q "attempts left: 3 of 3" "$WORK/out" || fail "a success did not restore C1"

# the module works with the written settings
export GOST_P11_CONF="$A"
P11=(timeout 60 pkcs11-tool --module "$MODULE")
if command -v pkcs11-tool >/dev/null 2>&1; then
  "${P11[@]}" --init-token --label alice --so-pin 12345678 >/dev/null 2>&1 || fail "init-token via the cloud module"
  "${P11[@]}" -L 2>&1 | grep -q "token label *: alice" || fail "token label"
fi

# log: the server's events for this user
"$C" -c "$A" log >"$WORK/out" 2>&1 || fail "log"
grep -q "password changed" "$WORK/out" && grep -q "authentication refused" "$WORK/out" || fail "log content"

# change-password: old refused, new accepted, settings updated
"$C" -c "$A" change-password -n 'alice newer' >"$WORK/out" 2>&1 || fail "change-password"
"$C" -c "$A" status -p 'alice new' >/dev/null 2>&1 && fail "old password accepted after change"
"$C" -c "$A" status >/dev/null 2>&1 || fail "new password (from the file) refused"
grep -q "alice newer" "$WORK/pc1/cloud-alice.pw" || fail "password file not updated"

# duplicate: a second computer with the same account and password
B="$WORK/pc2/cloud.conf"
"$C" -c "$B" duplicate 127.0.0.1 "$PORT" alice -p 'wrong' >/dev/null 2>&1 && fail "duplicate with a wrong password"
"$C" -c "$B" duplicate 127.0.0.1 "$PORT" alice -p 'alice newer' >"$WORK/out" 2>&1 || fail "duplicate"
"$C" -c "$B" status >/dev/null 2>&1 || fail "status from the second computer"
if command -v pkcs11-tool >/dev/null 2>&1; then
  GOST_P11_CONF="$B" "${P11[@]}" -L 2>&1 | grep -q "token label *: alice" || fail "second computer sees another token"
fi

# recreate: the token is empty (uninitialised) again
"$C" -c "$A" recreate >"$WORK/out" 2>&1 || fail "recreate"
if command -v pkcs11-tool >/dev/null 2>&1; then
  "${P11[@]}" -L 2>&1 | grep -q "uninitialized" || fail "token not empty after recreate"
fi
[ -d "$WORK/srv/users/alice/token" ] || fail "token dir missing after recreate"

# unregister: every file of the user leaves the server, logins are refused
"$C" -c "$A" unregister >"$WORK/out" 2>&1 || fail "unregister"
[ ! -e "$WORK/srv/users/alice" ] || fail "user files left on the server"
[ ! -e "$WORK/pc1/cloud-alice.pw" ] || fail "local password file left"
"$C" -c "$B" status >"$WORK/out" 2>&1 && fail "unregistered account still logs in"
grep -q "refused" "$WORK/out" || fail "unregistered: no clear message"

# One-time passwords: TOTP (twice in one step, as applications do), then
# HOTP over the Magma-CTR + OMAC suite; a password login is then refused.
T="$WORK/pc3/cloud.conf"
"$C" -c "$T" register 127.0.0.1 "$PORT" tom -p 'initial-2' --otp totp >"$WORK/out" 2>&1 || fail "register --otp totp"
grep -q "^otp-secret-file" "$T" || fail "no otp-secret-file in the settings"
"$C" -c "$T" status >"$WORK/out" 2>&1 || fail "TOTP status"
grep -q "TOTP" "$WORK/out" || fail "status does not say TOTP"
"$C" -c "$T" status >/dev/null 2>&1 || fail "second TOTP login in one step"
"$C" -c "$T" status -p 'initial-2' >/dev/null 2>&1 && fail "password accepted on a TOTP account"
H="$WORK/pc4/cloud.conf"
"$C" -c "$H" register 127.0.0.1 "$PORT" hank -p 'initial-3' --otp hotp --suite magma-ctr-omac >"$WORK/out" 2>&1 \
  || fail "register --otp hotp (Magma suite)"
grep -q "^suite = magma-ctr-omac" "$H" || fail "suite not saved"
for i in 1 2 3; do "$C" -c "$H" status >"$WORK/out" 2>&1 || fail "HOTP login $i"; done
grep -q "Magma-CTR + OMAC" "$WORK/out" && grep -q "HOTP" "$WORK/out" || fail "status: suite or mode"
grep -q "^hotp 8 3 " "$WORK/pc4/cloud-hank.otp" || fail "HOTP counter not advanced"
# a replayed HOTP counter is refused (the file set back one step)
sed -i 's/^hotp 8 3 /hotp 8 2 /' "$WORK/pc4/cloud-hank.otp"
"$C" -c "$H" status >/dev/null 2>&1 && fail "replayed HOTP counter accepted"
"$C" -c "$H" status >/dev/null 2>&1 || fail "HOTP after a refused counter"
if command -v pkcs11-tool >/dev/null 2>&1; then
  GOST_P11_CONF="$H" "${P11[@]}" -L 2>&1 | grep -q "uninitialized" || fail "module in HOTP + Magma mode"
fi
# Probes: an unknown ID, a known one with a wrong password and a locked one
# get the same HELLO (length, layout; a stable salt per ID), the same end
# after U1, and the same error from a full SESPAKE exchange.
probe() { # ID -> "hello-length hello-prefix salt answer-to-U1-bytes"
  python3 - "$PORT" "$1" <<'PY'
import socket, struct, sys, os
port, uid = int(sys.argv[1]), sys.argv[2].encode()
s = socket.create_connection(("127.0.0.1", port), timeout=15)
def send(m): s.sendall(struct.pack(">I", len(m)) + m)
def recv_exact(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c: return None
        b += c
    return b
send(b"GC\x01" + bytes([len(uid)]) + uid)
n = struct.unpack(">I", recv_exact(4))[0]
hello = recv_exact(n)
send(b"\x02\x01" + os.urandom(64))   # U1: almost surely not a point
h = s.recv(4)
print(n, hello[:4].hex(), hello[4:].hex(), len(h))
PY
}
"$D" --dir "$WORK/srv" --add-user locky -p 'locky pw' || fail "add-user locky"
"$D" --dir "$WORK/srv" --add-user pat -p "pat pw" || fail "add-user pat"
L="$WORK/pc5/cloud.conf"
"$C" -c "$L" duplicate 127.0.0.1 "$PORT" locky -p 'locky pw' >/dev/null 2>&1 || fail "duplicate locky"
for i in 1 2 3; do "$C" -c "$L" status -p nope >/dev/null 2>&1 && fail "wrong password accepted"; done
u1=$(probe nosuchuser); u2=$(probe nosuchuser); k=$(probe pat); l=$(probe locky); t=$(probe tom)
[ "$u1" = "$u2" ] || fail "unknown ID: salt not stable ($u1 / $u2)"
for x in "$k" "$l" "$t"; do
  [ "$(echo "$x" | cut -d' ' -f1,2,4)" = "$(echo "$u1" | cut -d' ' -f1,2,4)" ] || fail "probe tells accounts apart: '$u1' vs '$x'"
done
[ "$(echo "$u1" | cut -d' ' -f1,2,4)" = "36 01010120 0" ] || fail "unexpected HELLO or answer: $u1"
for who in nosuchuser locky tom pat; do
  printf 'server = 127.0.0.1:%s\nuser = %s\n' "$PORT" "$who" > "$WORK/probe.conf"
  set +e; "$C" -c "$WORK/probe.conf" status -p 'guess' >"$WORK/p_$who" 2>&1; echo "rc=$?" >>"$WORK/p_$who"; set -e
done
cmp -s "$WORK/p_nosuchuser" "$WORK/p_locky" && cmp -s "$WORK/p_nosuchuser" "$WORK/p_tom" && cmp -s "$WORK/p_nosuchuser" "$WORK/p_pat" \
  || fail "full-exchange error differs: $(cat "$WORK"/p_*)"
grep -q "locked" "$WORK/srv/users/locky/events.log" || fail "lock not logged on the server"

kill -0 "$SPID" || fail "server died"
echo "cloud_account: OK"
