# shellcheck shell=bash
# Shared by client tests that use the cloud token: sourced, not run.
# Needs BUILD, MODULE and WORK (a temporary directory) set and a fail()
# function. cloud_start starts gost-cloudd of the build on 127.0.0.1 with
# its directory in $WORK/srv on a free port (CLOUD_PORT), its process ID in
# CLOUD_PID; cloud_stop kills it (call it from the caller's EXIT trap).
# cloud_account ID PASSWORD creates the account and writes the client
# settings $WORK/ID.conf with a 0600 password file beside them.

CLOUD_PID=
CLOUD_PORT=

cloud_free_port() { # a port nobody listens on now (the kernel's choice)
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cloud_start() {
  local _
  for _ in 1 2 3; do # another process may take the port between the probe and the bind
    CLOUD_PORT=$(cloud_free_port)
    rm -f "$WORK/ready"
    "$BUILD/bin/gost-cloudd" --dir "$WORK/srv" --port "$CLOUD_PORT" --module "$MODULE" \
      --foreground --ready-file "$WORK/ready" >"$WORK/server.log" 2>&1 &
    CLOUD_PID=$!
    for _ in $(seq 50); do
      [ -s "$WORK/ready" ] && return 0
      kill -0 "$CLOUD_PID" 2>/dev/null || break
      sleep 0.1
    done
    cloud_stop
  done
  fail "gost-cloudd did not start: $(cat "$WORK/server.log")"
}

cloud_stop() {
  if [ -n "$CLOUD_PID" ]; then
    kill "$CLOUD_PID" 2>/dev/null || true
    wait "$CLOUD_PID" 2>/dev/null || true
    CLOUD_PID=
  fi
}

cloud_account() { # ID PASSWORD
  "$BUILD/bin/gost-cloudd" --dir "$WORK/srv" --add-user "$1" -p "$2" >/dev/null ||
    fail "gost-cloudd --add-user $1"
  (umask 077; printf '%s\n' "$2" >"$WORK/$1.pw")
  printf 'server = 127.0.0.1:%s\nuser = %s\npassword-file = %s\n' \
    "$CLOUD_PORT" "$1" "$WORK/$1.pw" >"$WORK/$1.conf"
}
