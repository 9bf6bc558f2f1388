#!/usr/bin/env bash
# A multi-member gzip read from a pipe that hands a member's header out a few bytes at a
# time is read like the same bytes from a file (the stream checks each member's header
# itself, and must wait for all four bytes it judges).
set -euo pipefail
mttx=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
python3 - "$d" <<'PY'
import gzip, sys
d = sys.argv[1]
line = '{"time":"2026-03-01T00:00:00Z","incident":"I%d","event":"detected"}\n'
open(d + "/m1.gz", "wb").write(gzip.compress("".join(line % i for i in range(3000)).encode()))
open(d + "/m2.gz", "wb").write(gzip.compress("".join(line % i for i in range(3000, 3010)).encode()))
PY
cat "$d/m1.gz" "$d/m2.gz" >"$d/all.jsonl.gz"
"$mttx" check -f json "$d/all.jsonl.gz" >"$d/file.json" || fail "the file does not read"
{ cat "$d/m1.gz"; head -c 2 "$d/m2.gz"; sleep 0.3; tail -c +3 "$d/m2.gz" | head -c 1; sleep 0.3
  tail -c +4 "$d/m2.gz"; } | "$mttx" check -f json --label-stdin all.jsonl.gz - >"$d/pipe.json" 2>"$d/err" ||
  fail "the pipe does not read: $(cat "$d/err")"
python3 - "$d" <<'PY' || fail "the pipe and the file differ"
import json, sys
d = sys.argv[1]
a, b = json.load(open(d + "/file.json")), json.load(open(d + "/pipe.json"))
assert a["totals"] == b["totals"] and a["totals"]["accepted"] == 3010, (a["totals"], b["totals"])
assert b["inputs"][0]["error"] is None, b["inputs"][0]["error"]
PY
echo "gzip_pipe: a header split across reads of a pipe reads as from a file"
