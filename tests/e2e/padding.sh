#!/usr/bin/env bash
# simdjson reads 64 bytes past every document it parses (MX_JSON_PADDING); the parallel
# reader's batches must leave them. valgrind sees reads inside the (uninstrumented)
# library that the sanitizers do not (a review found two 128-byte lines filling a
# batch's buffer exactly, the padding read past its end).
set -euo pipefail
mttx=$1
command -v valgrind >/dev/null || { echo "SKIP: valgrind missing" >&2; exit 77; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
# lines of 127 and 128 bytes: with or without a newline kept after each, two of them end
# exactly at a power of two, where a buffer grown by doubling ends
python3 - "$d" <<'PY'
import json, sys
for n in (127, 128):
    base = {"time": "2026-03-01T00:00:00Z", "incident": "I1", "event": "detected", "title": ""}
    base["title"] = "x" * (n - len(json.dumps(base, separators=(",", ":"))))
    line = json.dumps(base, separators=(",", ":"))
    assert len(line) == n
    open("%s/two%d.jsonl" % (sys.argv[1], n), "w").write((line + "\n") * 2)
    open("%s/many%d.jsonl" % (sys.argv[1], n), "w").write((line.replace("I1", "I2") + "\n") * 20000)
PY
for f in two127 two128 many127 many128; do
  for t in 1 2; do
    valgrind -q --error-exitcode=9 "$mttx" check -q --threads "$t" "$d/$f.jsonl" >/dev/null ||
      { echo "FAIL: valgrind: $f.jsonl at --threads $t" >&2; exit 1; }
  done
done
echo "padding: no read past a batch's buffer"
