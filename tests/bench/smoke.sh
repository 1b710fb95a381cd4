#!/usr/bin/env bash
# gost-bench in every mode README documents, briefly: the table with
# OpenSSL's column, --json (parsed), --fastest [--vs-openssl] and
# --vs-peers [--fastest]. Asserts the rows, the units and that the ratio
# columns hold numbers where the other side has the row; the figures
# themselves are not judged (performance is shown by bench/, not tested).
set -euo pipefail
BENCH=${BUILD:-build}/bin/gost-bench

fail() { echo "bench smoke: $*" >&2; exit 1; }

# A row's line: its name, then a ratio ending in x as the last field.
expect_ratio() { # output row
    awk -v row="$2" '$1 == row { seen = 1; if ($NF !~ /^[0-9.]+x$/) bad = 1 }
                     END { exit !(seen && !bad) }' <<<"$1" || fail "no ratio for $2 in: $1"
}

out=$("$BENCH" --quick --vs-openssl --sizes 64 --filter 'kuznyechik-ecb|streebog512|gost3410-256a-sign')
expect_ratio "$out" kuznyechik-ecb
expect_ratio "$out" streebog512
expect_ratio "$out" gost3410-256a-sign
grep -q '^kuznyechik-ecb  *64  *MB/s' <<<"$out" || fail "kuznyechik-ecb not in MB/s"
grep -q '^gost3410-256a-sign  *-  *ops/s' <<<"$out" || fail "gost3410-256a-sign not in ops/s"

"$BENCH" --quick --json --vs-openssl --sizes 64,1024 --filter 'streebog512|kuznyechik-mgm' | python3 -c '
import json, sys
d = json.load(sys.stdin)
rows = {(r["name"], r["size"]): r for r in d["results"]}
assert d["path"] in ("avx2", "ssse3", "portable"), d["path"]
for size in (64, 1024):
    s = rows[("streebog512", size)]
    assert s["unit"] == "MB/s" and s["ours"] > 0 and s["openssl"] > 0, s
    assert abs(s["ratio"] - s["ours"] / s["openssl"]) < 0.01 * s["ratio"], s
    # OpenSSL has no MGM: no figure of its own, a bound in fields of its own
    m = rows[("kuznyechik-mgm", size)]
    assert m["ours"] > 0 and m["openssl"] is None and m["ratio"] is None, m
    assert m["openssl_at_most"] > 0 and m["ratio_at_least"] > 0, m
    assert abs(m["ratio_at_least"] - m["ours"] / m["openssl_at_most"]) < 0.01 * m["ratio_at_least"], m
' || fail "--json output"

out=$("$BENCH" --fastest --vs-openssl --sizes 1024 --filter 'kuznyechik-ctr|kuznyechik-mgm')
expect_ratio "$out" kuznyechik-ctr
awk '$1 == "kuznyechik-mgm" && $(NF-1) ~ /^>[0-9.]+$/ && $NF ~ /^>[0-9.]+x$/ { ok = 1 } END { exit !ok }' \
    <<<"$out" || fail "--fastest: kuznyechik-mgm should have OpenSSL's bound (>): $out"
grep -q '^<, >: OpenSSL has no such mode' <<<"$out" || fail "--fastest: the bound's legend is missing: $out"

out=$("$BENCH" --vs-peers --quick --sizes 1024 --filter 'streebog512|gost28147-cnt')
expect_ratio "$out" streebog512
expect_ratio "$out" gost28147-cnt
awk '$1 == "streebog512" && $5 + 0 > 0 && $6 + 0 > 0 { ok = 1 } END { exit !ok }' <<<"$out" ||
    fail "--vs-peers: nettle and libgcrypt figures missing: $out"
out=$("$BENCH" --vs-peers --fastest --sizes 1024 --filter 'hmac-streebog256')
expect_ratio "$out" hmac-streebog256
echo "bench smoke: every mode printed its rows"
