#!/usr/bin/env bash
# Installs the Debian packages that the build, the tests and the benchmark
# need (used by `make check` and `make bench`). As root it runs apt-get for
# whatever is missing; otherwise it prints the exact command and fails.
set -euo pipefail

PACKAGES=(
  gcc make clang pkg-config          # compilers (clang: `make CC=clang`, libFuzzer)
  libgmp-dev                         # GMP mpn / mpn_sec_* (GOST R 34.10-2012)
  libtasn1-6-dev libtasn1-bin        # ASN.1 (lib/asn1) and asn1Parser
  libcriterion-dev                   # the unit test framework
  libp11-kit-dev                     # <p11-kit/pkcs11.h> for the Cryptoki module
  valgrind                           # the constant-time check
  openssl libssl-dev libengine-gost-openssl  # the independent implementation (provider + engine)
  nettle-dev libgcrypt20-dev         # the other open-source GOST code, for gost-bench --vs-peers
  opensc libnss3-tools gnutls-bin softhsm2     # real PKCS#11 clients for the interop tests
  p11-kit p11-kit-modules                       # p11-kit list-modules/server, p11-kit-proxy.so, p11-kit-client.so
  python3 util-linux                            # client test helpers (pty PIN prompts, setpriv)
  g++ git ca-certificates                       # google/pkcs11test, fetched and built outside the tree by its test
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing Debian packages: ${missing[*]}" >&2
  echo "deps: run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed"
