#!/usr/bin/env bash
# The C examples in README.md compile against the built library: the first
# prints the Streebog-256 digest of "abc" that OpenSSL's GOST provider
# prints; every later one must print "ok".
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
n=$(grep -c '^```c$' "$root/README.md")
for i in $(seq 2 "$n"); do
  awk -v want="$i" '/^```c$/{k++; if (k == want) {on=1; next}} /^```$/{on=0} on' "$root/README.md" > "$d/ex$i.c"
  cc -std=c11 -Wall -Werror -I"$root/include" "$d/ex$i.c" "$BUILD/libgost.a" -lgmp -ltasn1 -o "$d/ex$i"
  [ "$("$d/ex$i")" = ok ] || { echo "readme_example.sh: FAIL: C example $i did not print ok"; exit 1; }
done
echo "readme_example: $n passed, 0 failed"
