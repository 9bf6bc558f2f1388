#!/usr/bin/env bash
# Pathological inputs, each under the test's TIMEOUT: a line of exactly the 1 MiB cap
# (accepted) and one byte over (rejected, reading goes on), a 900 KB field, deep
# nesting at the 64 limit and far past it, more gzip members than the cap, and many
# events (count given as $2) with a bounded peak memory.
set -euo pipefail
mttx=$1
events=${2:-1000000}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d"
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 - "$events" <<'PY'
import gzip, sys, zlib
cap = 1 << 20
head = '{"time":"2026-03-04T05:06:07Z","incident":"L","event":"detected","title":"'
tail = '"}'
def line(n, inc):
    h = head.replace('"L"', '"%s"' % inc)
    return h + "x" * (n - len(h) - len(tail)) + tail
with open("long.jsonl", "w") as f:
    f.write(line(cap, "exact") + "\n")        # exactly the cap: accepted
    f.write(line(cap + 1, "over") + "\r\n")   # one byte over: rejected
    f.write(line(900000, "big-field") + "\n") # a huge field: accepted
    f.write('{"time":"2026-03-04T05:06:08Z","incident":"after","event":"detected"}\n')
with open("deep.jsonl", "w") as f:
    ok = '{"time":"2026-03-04T05:06:07Z","incident":"d63","event":"detected","x":' + "[" * 63 + "1" + "]" * 63 + "}"
    f.write(ok + "\n")
    bad = '{"time":"2026-03-04T05:06:07Z","incident":"d64","event":"detected","x":' + "[" * 64 + "1" + "]" * 64 + "}"
    f.write(bad + "\n")
    f.write('{"x":' + "[" * 400000 + "\n")
member = gzip.compress(b'{"time":"2026-03-04T05:06:07Z","incident":"g","event":"note"}\n', mtime=0)
with open("members.jsonl.gz", "wb") as f:
    f.write(member * 100001)
n = int(sys.argv[1])
with open("many.jsonl", "w") as f:
    for i in range(n):
        inc = i // 10
        f.write('{"time":%d,"incident":"INC-%d","event":"%s","severity":"SEV%d"}\n'
                % (1767225600 + inc * 600 + (i % 10) * 30, inc,
                   ("detected", "acknowledged", "status_update", "mitigated", "resolved")[min(i % 10, 4)],
                   1 + inc % 4))
PY

"$mttx" check long.jsonl >out.txt 2>err.txt || fail "long lines: exit $?"
grep -q "^long.jsonl:2: error: line longer than 1048576 bytes (skipped)$" err.txt || fail "long line not rejected at line 2: $(cat err.txt)"
[ "$(wc -l <err.txt)" -eq 1 ] || fail "long lines: unexpected diagnostics: $(cat err.txt)"
grep -Eq "^long.jsonl +jsonl +4 +3 +0 +1$" out.txt || fail "long lines: counts: $(cat out.txt)"

"$mttx" check deep.jsonl >out.txt 2>err.txt || fail "deep: exit $?"
grep -q "^deep.jsonl:2: error: invalid JSON: nesting deeper than 64 levels$" err.txt || fail "depth 65 accepted: $(cat err.txt)"
grep -q "^deep.jsonl:3: error: invalid JSON" err.txt || fail "deep line 3: $(cat err.txt)"
grep -Eq "^deep.jsonl +jsonl +3 +1 +0 +2$" out.txt || fail "deep: counts: $(cat out.txt)"

set +e
"$mttx" check members.jsonl.gz >out.txt 2>err.txt
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "gzip member cap: exit $rc, want 1"
grep -q "^members.jsonl.gz:100001: error: more than 100000 gzip members (limit)$" err.txt || fail "member cap: $(cat err.txt)"
grep -Eq "^members.jsonl.gz +jsonl\+gzip +100000 +1 +99999 +0$" out.txt || fail "member cap counts: $(cat out.txt)"

/usr/bin/time -f "%M" -o rss.txt "$mttx" report --as-of 2028-01-01 -q -o out -f json many.jsonl
rss_kb=$(tail -1 rss.txt)
python3 - "$events" <<'PY'
import json, sys
r = json.load(open("out/report.json"))
n = int(sys.argv[1])
assert r["totals"]["records"] == n, r["totals"]
assert r["totals"]["accepted"] == n, r["totals"]
assert r["totals"]["after_as_of"] == 0, r["totals"]  # the events run to late 2027
assert r["incidents"]["total"] == n // 10, r["incidents"]
assert r["metrics"]["all"]["mttr"]["n"] == n // 10
assert r["metrics"]["all"]["mttr"]["p50_s"] == 270  # the last of six resolves, r["metrics"]["all"]["mttr"]
PY
echo "many events: $events events, peak RSS ${rss_kb} KiB"
[ "$rss_kb" -lt $((600 * 1024)) ] || fail "peak RSS ${rss_kb} KiB for $events events"
echo "pathological: all passed"
