#!/usr/bin/env bash
# google/pkcs11test (a PKCS#11 conformance suite: session and login rules,
# CKR_* codes, object search, attributes, digests, signatures, token
# initialisation) against the Cryptoki module on a fresh token, asserting zero
# failures. pkcs11test knows only RSA/DES/3DES/AES/ECDSA/SHA/MD5 mechanisms,
# none of which the module offers: the tests that need them are filtered out
# (EXCLUDE below), the digest and HMAC tests skip themselves.
# Uses PKCS11TEST=/path/to/it, or pkcs11test on PATH.
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

SRC="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD=${BUILD:-$SRC/build}
MODULE="$BUILD/libgost-pkcs11.so"
P11CONF="$BUILD/bin/gost-p11conf"
SO=87654321
PIN=12345678

# Without one, the suite is fetched at a pinned commit and built outside the
# tree, in the user's cache (its code is never part of ours); only when that
# fails too (no network) is the test skipped.
PKCS11TEST_COMMIT=2cbe462c62bacf537b9a9a427a1c053d8c2e4760
fetch_pkcs11test() {
  local cache=${XDG_CACHE_HOME:-$HOME/.cache}/libgost/pkcs11test-$PKCS11TEST_COMMIT
  if [ ! -x "$cache/pkcs11test" ] && command -v git >/dev/null && command -v g++ >/dev/null; then
    echo "p11_pkcs11test: building google/pkcs11test $PKCS11TEST_COMMIT in $cache" >&2
    rm -rf "$cache.tmp"
    mkdir -p "$(dirname "$cache")"
    if timeout 120 git clone -q https://github.com/google/pkcs11test "$cache.tmp" >&2 &&
       git -C "$cache.tmp" checkout -q "$PKCS11TEST_COMMIT" &&
       make -C "$cache.tmp" -j2 >"$cache.log" 2>&1; then
      rm -rf "$cache" && mv "$cache.tmp" "$cache"
    else
      echo "p11_pkcs11test: could not fetch or build pkcs11test (log: $cache.log)" >&2
      rm -rf "$cache.tmp"
    fi
  fi
  if [ -x "$cache/pkcs11test" ]; then echo "$cache/pkcs11test"; fi
}
T=${PKCS11TEST:-$(command -v pkcs11test 2>/dev/null || true)}
if [ -z "$T" ]; then T=$(fetch_pkcs11test); fi
if [ -z "$T" ] || [ ! -x "$T" ]; then
  echo "p11_pkcs11test: skipped: pkcs11test not available and not buildable here (no network?); build google/pkcs11test and set PKCS11TEST"
  exit 0
fi
fail() { echo "p11_pkcs11test: FAIL: $*"; exit 1; }
[ -f "$MODULE" ] || fail "$MODULE missing"
[ -x "$P11CONF" ] || fail "$P11CONF missing"

WORK=$(mktemp -d /tmp/gost-pkcs11test-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
export GOST_TOKEN_DIR="$WORK/tokens"
unset GOST_P11_CONF

echo "p11_pkcs11test: initialise a token (slot 0) and its user PIN"
if ! "$P11CONF" -A "$MODULE" -I -L pkcs11test -S "$SO" >"$WORK/init" 2>&1; then
  if grep -q "define P11_HAVE_SEAL 0" "$SRC/cryptoki/p11_have.h"; then
    echo "p11_pkcs11test: skipped: tokens need the store cipher (Kuznyechik-MGM not wired yet)"
    exit 0
  fi
  fail "token init: $(cat "$WORK/init")"
fi
"$P11CONF" -A "$MODULE" -u -S "$SO" -n "$PIN" >"$WORK/pin" 2>&1 || fail "user PIN: $(cat "$WORK/pin")"

# Tests that cannot run without a mechanism the module does not have (each
# creates or uses an RSA key pair, a DES/3DES/AES key or cipher, or RSA/DES
# key attributes). With GOST keys in their place (a local patch of the suite)
# SetLatchingAttribute and TookanAttackA3-A5b pass.
EXCLUDE=(
  'Ciphers/*' 'Duals/*' 'Signatures/*' 'KeyPairTest.*'
  '*.CreateKeyPairObjects' '*.CreateSecretKeyAttributes' '*.SecretKeyTestVectors'
  '*.SignVerifyRecover' '*.AsymmetricTokenKeyPair' '*.ExtractKeys' '*.FindObjectSubset'
  '*.PublicExponent4Bytes' '*.SetLatchingAttribute' '*.TookanAttack*'
  '*.WrapUnwrap' '*.WrapInvalid' '*.UnwrapInvalid'
)
FILTER="-$(IFS=:; echo "${EXCLUDE[*]}")"

echo "p11_pkcs11test: $T -s 0 -I (token init tests included) --gtest_filter=$FILTER"
rc=0
# -U: the user PIN after TokenInit's C_InitPIN (the suite's default is
# OpenCryptoKi's); -I re-initialises the throw-away token.
(cd "$BUILD" && timeout 120 "$T" -m libgost-pkcs11.so -l "$BUILD" -s 0 -u "$PIN" -o "$SO" \
  -U "$PIN" -I --gtest_filter="$FILTER") >"$WORK/out" 2>&1 || rc=$?
passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\./\1/p' "$WORK/out")
skipped=$(awk '/^Following tests were skipped/{on=1; next} on && /^  /{n++} !/^  /{on=0} END{print n+0}' "$WORK/out")
if [ "$rc" -ne 0 ] || grep -q '^\[  FAILED  \]' "$WORK/out" || [ -z "$passed" ]; then
  grep -E '^\[  FAILED  \]|Failure|Which is' "$WORK/out" | head -60
  fail "pkcs11test exit $rc (full output: KEEP=1, $WORK/out)"
fi
echo "p11_pkcs11test: OK: $passed passed (of which $skipped report themselves skipped), 0 failed"
