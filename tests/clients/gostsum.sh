#!/usr/bin/env bash
# gostsum agrees with OpenSSL's GOST provider on files, and -c reports
# mismatches and unreadable files with exit status 1.
set -euo pipefail
bin="$BUILD/bin/gostsum"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
head -c 0 /dev/urandom > "$d/empty"
head -c 63 /dev/urandom > "$d/a"
head -c 100000 /dev/urandom > "$d/b"
head -c 3000001 /dev/urandom > "$d/c"
pass=0
fail() { echo "gostsum.sh: FAIL: $*"; exit 1; }
for bits in 256 512; do
  for f in "$d/empty" "$d/a" "$d/b" "$d/c"; do
    ours=$("$bin" -a $bits "$f" | cut -d' ' -f1)
    theirs=$(openssl dgst -provider gostprov -provider default -md_gost12_$bits -r "$f" | cut -d' ' -f1)
    [ "$ours" = "$theirs" ] || fail "$bits $f: $ours != $theirs"
    pass=$((pass + 1))
  done
done
# stdin, default size 256
[ "$("$bin" < "$d/a" | cut -d' ' -f1)" = "$("$bin" -a 256 "$d/a" | cut -d' ' -f1)" ] || fail stdin
pass=$((pass + 1))
# -c: all OK, then a changed file and a missing one
(cd "$d" && "$bin" -a 512 a b > sums512 && "$bin" a c > sums256)
(cd "$d" && "$bin" -c sums512 sums256 > out) || fail "-c on good files"
grep -c ': OK' "$d/out" | grep -qx 4 || fail "-c did not report 4 OK"
pass=$((pass + 1))
echo x >> "$d/b"
rm "$d/c"
set +e
(cd "$d" && "$bin" -c sums512 sums256 > out 2> err)
rc=$?
set -e
[ $rc -eq 1 ] || fail "-c exit $rc on a mismatch, want 1"
grep -q '^b: FAILED' "$d/out" || fail "-c did not name the changed file"
grep -q 'c: No such file' "$d/err" || fail "-c did not name the missing file"
pass=$((pass + 1))
set +e
"$bin" -a 384 "$d/a" 2>/dev/null; [ $? -eq 2 ] || fail "bad -a accepted"
"$bin" "$d/nope" >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing file not exit 1"
set -e
pass=$((pass + 1))
echo "gostsum: $pass passed, 0 failed"
