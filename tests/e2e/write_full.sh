#!/usr/bin/env bash
# A write that fails part-way is never published as a short file: a timelines.jsonl of
# ~12 MB is written under a file-size limit (ulimit -f, SIGXFSZ ignored: writes fail with
# EFBIG) that falls before, at and after the first 8 MiB, where the writeback of large
# outputs flushes stdio's buffer: exit 1, one message, no file under the final name.
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
for kib in 4000 8188 8192 8196 8200 $(( size / 1024 - 1 )); do
  rc=0
  (trap '' XFSZ; ulimit -f "$kib"; exec "$mttx" report -q --as-of 2027-01-01 -f timelines -o "$d/o$kib" "$d/in.jsonl") \
    2>"$d/err$kib" || rc=$?
  [ "$rc" -eq 1 ] || fail "limit $kib KiB: exit $rc"
  grep -q "timelines.jsonl: cannot write" "$d/err$kib" || fail "limit $kib KiB: $(cat "$d/err$kib")"
  [ ! -e "$d/o$kib/timelines.jsonl" ] || fail "limit $kib KiB: a short timelines.jsonl was published"
done
echo "write_full: a failed write never leaves a short output"
