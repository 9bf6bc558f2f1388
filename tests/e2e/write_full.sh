#!/usr/bin/env bash
# A write that fails part-way is never published as a short file: a timelines.jsonl of
# ~12 MB is written under a file-size limit (ulimit -f, SIGXFSZ ignored: writes fail with
# EFBIG) that falls before, at and after the first 8 MiB, where the writeback of large
# outputs flushes stdio's buffer: exit 1, one message, no file under the final name (nor a
# temporary one), report.json written all the same; on one thread and written ahead.
set -euo pipefail
mttx=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
python3 - "$d/in.jsonl" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        f.write('{"time":"2026-03-%02dT10:%02d:00Z","incident":"INC-%07d","event":"detected","title":"t"}\n'
                % (1 + i % 28, i % 60, i // 10))
PY
"$mttx" report -q --as-of 2027-01-01 -f timelines -o "$d/ok" "$d/in.jsonl"
size=$(stat -c %s "$d/ok/timelines.jsonl")
[ "$size" -gt $((9 << 20)) ] || fail "timelines.jsonl is only $size bytes: too small to test"
# --threads 2 writes timelines.jsonl ahead, on a thread of its own; --threads 1 in its turn
for threads in 1 2; do
  for kib in 4000 8188 8192 8196 8200 $(( size / 1024 - 1 )); do
    rc=0
    o="$d/o$threads-$kib"
    (trap '' XFSZ; ulimit -f "$kib"; exec "$mttx" report -q --threads "$threads" --as-of 2027-01-01 \
      -f json,timelines -o "$o" "$d/in.jsonl") 2>"$o.err" || rc=$?
    [ "$rc" -eq 1 ] || fail "--threads $threads, limit $kib KiB: exit $rc"
    [ "$(grep -c . "$o.err")" -eq 1 ] && grep -q "timelines.jsonl: cannot write" "$o.err" ||
      fail "--threads $threads, limit $kib KiB: $(cat "$o.err")"
    [ ! -e "$o/timelines.jsonl" ] || fail "--threads $threads, limit $kib KiB: a short timelines.jsonl was published"
    [ -s "$o/report.json" ] || fail "--threads $threads, limit $kib KiB: report.json not written"
    ls -A "$o" | grep -q tmp && fail "--threads $threads, limit $kib KiB: a temporary file is left: $(ls -A "$o")"
  done
done
echo "write_full: a failed write never leaves a short output"
