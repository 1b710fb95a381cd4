#!/usr/bin/env bash
# p11-kit: `make install` writes a p11-kit module file (checked in a DESTDIR
# staging tree, and removed by `make uninstall`); installed for a user
# (PREFIX in a temp dir, module file in ~/.config/pkcs11/modules of a temp
# HOME), `p11-kit list-modules` shows the module and its token, and OpenSC
# pkcs11-tool on p11-kit-proxy.so initialises the token, generates a
# GOSTR3410-2012-256:A key and signs through the proxy. The signature is
# verified by pkcs11-tool and by OpenSSL's GOST engine against the public
# key that gost-p11conf exports, also through the proxy.
# p11-kit ignores user configuration in a program running as root, so as
# root the p11-kit clients run as nobody (setpriv).
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

BUILD=${BUILD:?BUILD must name the build directory}
name=p11kit_proxy
src="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=tests/clients/lib/token.sh
. "$(dirname "$0")/lib/token.sh"
require_programs p11-kit:p11-kit pkcs11-tool:opensc
PROXY=
for f in "$(pkg-config --variable=proxy_module p11-kit-1 2>/dev/null || true)" \
         /usr/lib/x86_64-linux-gnu/p11-kit-proxy.so /usr/lib/p11-kit-proxy.so; do
  if [ -n "$f" ] && [ -f "$f" ]; then PROXY=$f; break; fi
done
if [ -z "$PROXY" ]; then
  echo "$name: SKIP: p11-kit-proxy.so (Debian p11-kit) is not installed"
  exit 0
fi
[ -f "$BUILD/libgost-pkcs11.so" ] || { echo "$name: FAIL: $BUILD/libgost-pkcs11.so missing"; exit 1; }

d=$(mktemp -d /tmp/gost-p11kit-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$d"' EXIT
fail() { echo "$name: FAIL: $*"; exit 1; }
step() { echo "$name: $*"; }
install_to() { make -s -C "$src" BUILD="$BUILD" SKIP_DEPS=1 "$@" >"$d/make.log" 2>&1 ||
  fail "make $*: $(cat "$d/make.log")"; }

step "make install DESTDIR=... PREFIX=/usr/local writes the p11-kit module file"
stage="$d/stage"
install_to install DESTDIR="$stage" PREFIX=/usr/local
mf="$stage/usr/local/share/p11-kit/modules/libgost.module"
[ -f "$mf" ] || fail "no $mf"
[ "$(grep -v '^#' "$mf")" = "module: /usr/local/lib/pkcs11/libgost-pkcs11.so" ] ||
  fail "module file: $(cat "$mf")"
[ -x "$stage/usr/local/lib/pkcs11/libgost-pkcs11.so" ] || fail "the module is not installed"
install_to uninstall DESTDIR="$stage" PREFIX=/usr/local
[ ! -e "$mf" ] || fail "make uninstall left $mf"
[ ! -e "$stage/usr/local/lib/pkcs11/libgost-pkcs11.so" ] || fail "make uninstall left the module"

step "install for a user: PREFIX and ~/.config/pkcs11/modules in a temp HOME"
export HOME="$d/home" XDG_CONFIG_HOME="$d/home/.config"
mkdir -p "$HOME"
install_to install PREFIX="$d/prefix" P11KIT_MODULE_DIR="$XDG_CONFIG_HOME/pkcs11/modules"
export GOST_TOKEN_DIR="$d/tokens"
unset GOST_P11_CONF
head -c 1000 /dev/urandom >"$d/msg"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null 2>&1 || fail "running as root and setpriv (util-linux) is missing"
  chown -R 65534:65534 "$d"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
u() { "${as_user[@]}" "$@"; }

step "p11-kit list-modules shows the module"
u p11-kit list-modules >"$d/mods" 2>&1 || fail "p11-kit list-modules: $(cat "$d/mods")"
grep -q "^libgost: $d/prefix/lib/pkcs11/libgost-pkcs11.so\$" "$d/mods" ||
  fail "p11-kit list-modules lacks libgost: $(cat "$d/mods")"
sed -n '/^libgost:/,/^[^ ]/p' "$d/mods" >"$d/ours"
grep -q "library-manufacturer: libgost" "$d/ours" || fail "module info: $(cat "$d/ours")"

step "pkcs11-tool on p11-kit-proxy.so: initialise the token and the user PIN"
P=(u pkcs11-tool --module "$PROXY")
SO=87654321
PIN=12345678
"${P[@]}" -L >"$d/slots" 2>&1 || fail "pkcs11-tool -L: $(cat "$d/slots")"
slot=$(grep -A1 "libgost soft token slot" "$d/slots" | grep -B1 "token state: *uninitialized" |
       sed -n 's/^Slot [0-9]* (\(0x[0-9a-f]*\)): libgost.*/\1/p' | head -1)
[ -n "$slot" ] || fail "no free libgost slot through the proxy: $(cat "$d/slots")"
"${P[@]}" --slot "$slot" --init-token --label proxytoken --so-pin "$SO" >"$d/o" 2>&1 ||
  fail "init-token: $(cat "$d/o")"
"${P[@]}" --token-label proxytoken --init-pin --so-pin "$SO" --pin "$PIN" >"$d/o" 2>&1 ||
  fail "init-pin: $(cat "$d/o")"
u p11-kit list-modules >"$d/mods" 2>&1 || fail "p11-kit list-modules"
sed -n '/^libgost:/,/^[^ ]/p' "$d/mods" | grep -q "token: proxytoken" ||
  fail "p11-kit list-modules lacks the token: $(cat "$d/mods")"

step "generate GOSTR3410-2012-256:A through the proxy and sign"
LOGIN=(--token-label proxytoken --login --pin "$PIN")
"${P[@]}" "${LOGIN[@]}" --keypairgen --key-type GOSTR3410-2012-256:A --id 5a --label proxykey \
  >"$d/o" 2>&1 || fail "keypairgen: $(cat "$d/o")"
mech=GOSTR3410-WITH-GOSTR3411-12-256
"${P[@]}" "${LOGIN[@]}" --sign -m "$mech" --id 5a -i "$d/msg" -o "$d/sig" >"$d/o" 2>&1 ||
  fail "sign: $(cat "$d/o")"
[ "$(stat -c %s "$d/sig")" -eq 64 ] || fail "signature length $(stat -c %s "$d/sig")"
"${P[@]}" "${LOGIN[@]}" --verify -m "$mech" --id 5a -i "$d/msg" --signature-file "$d/sig" \
  >"$d/o" 2>&1 || fail "pkcs11-tool --verify: $(cat "$d/o")"
grep -q "Signature is valid" "$d/o" || fail "pkcs11-tool --verify: $(cat "$d/o")"

step "OpenSSL's GOST engine verifies it with the public key exported through the proxy"
u "$d/prefix/bin/gost-p11conf" -A "$PROXY" --export-pub --id 5a -o "$d/pub.pem" >"$d/o" 2>&1 ||
  fail "gost-p11conf -A p11-kit-proxy.so --export-pub: $(cat "$d/o")"
openssl dgst -provider gostprov -provider default -md_gost12_256 -binary "$d/msg" >"$d/dgst" \
  2>"$d/e" || fail "openssl digest: $(cat "$d/e")"
openssl pkeyutl -engine gost -verify -pubin -inkey "$d/pub.pem" -in "$d/dgst" -sigfile "$d/sig" \
  >"$d/ossl" 2>&1 || fail "OpenSSL rejects the signature: $(cat "$d/ossl")"
grep -q "Signature Verified Successfully" "$d/ossl" || fail "openssl: $(cat "$d/ossl")"
head -c 1 /dev/zero >>"$d/msg"
openssl dgst -provider gostprov -provider default -md_gost12_256 -binary "$d/msg" >"$d/dgst" 2>/dev/null
if openssl pkeyutl -engine gost -verify -pubin -inkey "$d/pub.pem" -in "$d/dgst" \
     -sigfile "$d/sig" >/dev/null 2>&1; then
  fail "OpenSSL accepts the signature for another message"
fi
echo "$name: PASS"
