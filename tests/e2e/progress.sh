#!/usr/bin/env bash
# Progress on stderr, only when it is a terminal (a pseudo-terminal made by script(1),
# from util-linux): while reading, the bytes read of the inputs' total with a percentage
# (the lines read when the total is unknown: standard input); then a line per phase
# (building the timelines, hashing the inputs, writing each output); each line erased
# before the next message and the done line. Never when stderr is a file or a pipe,
# never with -q, never among --debug-dump-events's lines.
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
size=$(stat -c %s "$d/many.jsonl")
total=$(python3 -c "print('%.1f MB' % ($size / 1e6))")
command -v script >/dev/null || fail "script(1) missing (util-linux)"
script -qec "stty cols 80; '$mttx' report -f json -o '$d/out' '$d/many.jsonl'" /dev/null >"$d/tty.txt"
# the first line is drawn at once, after 16,384 lines; later ones at most 5 times a second
grep -aq "reading [0-9.]* [kM]B of $total ([0-9]*%): $d/many.jsonl" "$d/tty.txt" ||
  fail "no reading line with the total $total: $(head -c 300 "$d/tty.txt" | od -c | head)"
for phase in "building the timelines" "hashing the inputs" "writing report.json"; do
  grep -aq $'\r\033\[Kmttx: '"$phase\.\.\." "$d/tty.txt" || fail "no phase line '$phase'"
done
grep -aq $'\r\033\[Kmttx: 14000 incidents' "$d/tty.txt" || fail "the last line is not erased before the done line"
python3 - "$d/tty.txt" <<'PY' || fail "a progress line wider than the terminal"
import sys
text = open(sys.argv[1], "rb").read().decode()
for part in text.replace("\r\n", "\n").split("\r\x1b[K"):
    for line in part.split("\n"):
        assert len(line) <= 79, repr(line)
PY
# standard input: no total, the lines read
script -qec "'$mttx' check - < '$d/many.jsonl'" /dev/null >"$d/stdin.txt"
grep -aq "reading -: 16,384 lines" "$d/stdin.txt" || fail "no line count for standard input: $(head -c 300 "$d/stdin.txt")"
script -qec "'$mttx' check -q '$d/many.jsonl'" /dev/null >"$d/quiet.txt"
! grep -aq "reading" "$d/quiet.txt" || fail "progress shown with -q"
script -qec "'$mttx' check --debug-dump-events '$d/many.jsonl'" /dev/null >"$d/dump.txt"
! grep -aq "reading" "$d/dump.txt" || fail "progress among --debug-dump-events's lines"
"$mttx" report -f json -o "$d/out2" "$d/many.jsonl" >"$d/out.txt" 2>"$d/err.txt"
! grep -q "reading\|\.\.\." "$d/err.txt" || fail "progress written to a file: $(cat "$d/err.txt")"
grep -q "^mttx: 14000 incidents" "$d/err.txt" || fail "no done line in a file: $(cat "$d/err.txt")"
echo "progress: shown on a terminal only"
