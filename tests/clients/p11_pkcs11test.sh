#!/usr/bin/env bash
# google/pkcs11test (a PKCS#11 conformance suite: session and login rules,
# CKR_* codes, object search, attributes, digests, signatures, token
# initialisation) against the Cryptoki module on a fresh token, asserting zero
# failures. pkcs11test knows only RSA/DES/3DES/AES/ECDSA/SHA/MD5 mechanisms,
# none of which the module offers: the tests that need them are filtered out
# (EXCLUDE below), the digest and HMAC tests skip themselves.
# Runs only when a pkcs11test binary is available: PKCS11TEST=/path/to/it, or
# pkcs11test on PATH; build it with `git clone
# https://github.com/google/pkcs11test && make -C pkcs11test`.
# Run by `make check-clients` with BUILD=<absolute build dir>.
set -euo pipefail

SRC="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD=${BUILD:-$SRC/build}
MODULE="$BUILD/libgost-pkcs11.so"
P11CONF="$BUILD/bin/gost-p11conf"
SO=87654321
PIN=12345678

T=${PKCS11TEST:-$(command -v pkcs11test 2>/dev/null || true)}
if [ -z "$T" ] || [ ! -x "$T" ]; then
  echo "p11_pkcs11test: skipped: pkcs11test not installed (build google/pkcs11test and set PKCS11TEST)"
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
