# Steps the client scripts share. The caller defines name, fail (prints
# "$name: FAIL: ..." and exits 1), p11 (gost-p11conf -A on its module), SO
# and PIN before calling the token_* functions.

# Exits 0 with "$name: SKIP: ..." unless every PROGRAM:PACKAGE's program is
# installed (PACKAGE is the Debian package that brings it).
require_programs() {
  local p
  for p in "$@"; do
    if ! command -v "${p%%:*}" >/dev/null 2>&1; then
      echo "$name: SKIP: ${p%%:*} (Debian ${p#*:}) is not installed"
      exit 0
    fi
  done
}

# Initialises a token labelled $1 with the SO PIN $SO and sets the user PIN
# $PIN; its slot is left in $slot.
token_init() {
  local out
  out=$(p11 -I -L "$1" -S "$SO" 2>&1) || fail "gost-p11conf -I: $out"
  slot=$(p11 -t | sed -n 's/^Token in slot \([0-9]*\)$/\1/p' | head -1)
  [ -n "$slot" ] || fail "no initialised token: $(p11 -t 2>&1)"
  p11 -c "$slot" -u -S "$SO" -n "$PIN" >/dev/null || fail "gost-p11conf -u"
}

# A certificate for the token's key with ID $1: the token signs a request
# for subject $2, and a CA named $3 made with OpenSSL's GOST engine signs
# it. Writes $4/ca.pem (the CA) and $4/user.pem (the certificate).
token_user_cert() {
  local id=$1 subject=$2 ca_cn=$3 dir=$4
  p11 -c "$slot" -U "$PIN" --req --id "$id" --subject "$subject" -o "$dir/req.pem" || fail "--req"
  openssl req -engine gost -x509 -newkey gost2012_256 -pkeyopt paramset:A -nodes \
    -keyout "$dir/ca.key" -subj "/CN=$ca_cn" -days 1 -out "$dir/ca.pem" >/dev/null 2>&1 ||
    fail "OpenSSL's GOST engine could not make a CA (scripts/deps.sh installs libengine-gost-openssl)"
  openssl x509 -engine gost -req -in "$dir/req.pem" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -days 1 \
    -out "$dir/user.pem" >/dev/null 2>&1 || fail "the CA did not sign the token's request"
}
