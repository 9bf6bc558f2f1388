#!/usr/bin/env bash
# Evidence read from standard input can be named: --label-stdin NAME puts NAME where
# positions say "-" (audit.csv evidence, report.json inputs), and the provenance knows
# it is standard input (no size or SHA-256 of a file of that name). audit.csv opens in
# Excel: a UTF-8 BOM, every time with milliseconds, the lateness also as a duration.
set -euo pipefail
mttx=$1
root=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
events=$root/fixtures/golden/audit/events.jsonl
"$mttx" audit -q --as-of 2026-03-20T00:00:00Z --label-stdin nightly-export.jsonl -f csv -o - - \
  <"$events" >"$d/audit.csv" || fail "audit exited $?"
head -c 3 "$d/audit.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "no UTF-8 BOM"
head -1 "$d/audit.csv" | grep -q ",late_s,late,evidence" || fail "no late column: $(head -1 "$d/audit.csv")"
grep -q '"detected nightly-export.jsonl:[0-9]' "$d/audit.csv" || fail "evidence does not name the label"
if grep -q '"detected -:' "$d/audit.csv"; then fail "evidence still says -"; fi
# one precision per time column: every time has milliseconds
if grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z' "$d/audit.csv" | grep -vq '\.[0-9]\{3\}Z$'; then
  fail "a time without milliseconds"
fi
grep -q ',1h 00m,\|,[0-9]*[dhm] [0-9]*[hms],' "$d/audit.csv" || fail "no readable lateness"
cp "$events" "$d/nightly-export.jsonl" # a file of the label's name must not be hashed
(cd "$d" && "$mttx" report -q --as-of 2026-03-20T00:00:00Z --label-stdin nightly-export.jsonl \
  -f json -o - - <"$events" >report.json) || fail "report exited $?"
python3 - "$d/report.json" <<'PY' || fail "report.json inputs"
import json, sys
r = json.load(open(sys.argv[1]))
x = r["inputs"][0]
assert x["path"] == "nightly-export.jsonl" and x["size"] is None and x["sha256"] is None, x
PY
echo "stdin_label: ok"
