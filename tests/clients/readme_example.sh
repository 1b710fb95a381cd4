#!/usr/bin/env bash
# The C example in README.md compiles against the built library and prints
# the Streebog-256 digest of "abc" that OpenSSL's GOST provider prints.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
awk '/^```c$/{on=1; next} /^```$/{if (on) exit} on' "$root/README.md" > "$d/example.c"
[ -s "$d/example.c" ] || { echo "readme_example.sh: FAIL: no C example in README.md"; exit 1; }
cc -std=c11 -I"$root/include" "$d/example.c" "$BUILD/libgost.a" -lgmp -ltasn1 -o "$d/example"
got=$("$d/example")
want=$(printf abc | openssl dgst -provider gostprov -provider default -md_gost12_256 -r | cut -d' ' -f1)
[ "$got" = "$want" ] || { echo "readme_example.sh: FAIL: $got != $want"; exit 1; }
echo "readme_example: 1 passed, 0 failed"
