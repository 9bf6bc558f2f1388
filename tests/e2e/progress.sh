#!/usr/bin/env bash
# Progress on stderr: a counter line every 131,072 records when stderr is a terminal (a
# pseudo-terminal made by script(1), from util-linux), erased before the table; never
# when stderr is a file or a pipe, and never with -q.
set -euo pipefail
mttx=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
python3 - "$d/many.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(140000):
        f.write(json.dumps({"time": 1767225600 + i, "incident": "I%d" % (i // 10), "event": "note"}) + "\n")
PY
command -v script >/dev/null || fail "script(1) missing (util-linux)"
script -qec "'$mttx' check '$d/many.jsonl'" /dev/null >"$d/tty.txt"
grep -aq "many.jsonl: 131072 records" "$d/tty.txt" || fail "no progress line on a terminal: $(head -c 300 "$d/tty.txt")"
grep -aq $'\r\033\[K' "$d/tty.txt" || fail "the progress line is not erased"
script -qec "'$mttx' check -q '$d/many.jsonl'" /dev/null >"$d/quiet.txt"
! grep -aq "131072 records" "$d/quiet.txt" || fail "progress shown with -q"
"$mttx" check "$d/many.jsonl" >"$d/out.txt" 2>"$d/err.txt"
! grep -q "records" "$d/err.txt" || fail "progress written to a file: $(cat "$d/err.txt")"
echo "progress: shown on a terminal only"
