#!/usr/bin/env bash
# Reading archives runs no external program: libarchive would run bzip2, xz, zstd,
# lrzip, ... when built without the library or with support_filter_all. Every
# decompressor name on PATH is replaced by a script that leaves a marker; mttx reads
# every archive fixture and a tar.zst (zstd is installed by scripts/bootstrap: without it
# the test fails rather than skip the zstd case); no marker may appear.
set -euo pipefail
mttx=$1
root=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/bin"
for p in bzip2 bunzip2 xz unxz lzma zstd unzstd gzip gunzip lrzip lz4 lzop lzip grzip \
         compress uncompress uudecode lzcat bzcat xzcat zcat cpio; do
  printf '#!/bin/sh\necho "$0 $*" >> "%s/ran"\nexit 1\n' "$d" >"$d/bin/$p"
  chmod +x "$d/bin/$p"
done
inputs=("$root"/fixtures/archives/* "$root"/fixtures/pagerduty/webhooks.zip)
command -v zstd >/dev/null || { echo "FAIL: zstd missing (run scripts/bootstrap)" >&2; exit 1; }
tar -C "$root/fixtures" -cf - pagerduty | zstd -q -c >"$d/pd.tar.zst"
inputs+=("$d/pd.tar.zst")
set +e
PATH="$d/bin" "$mttx" check -q "${inputs[@]}" >"$d/out.txt"
rc=$?
set -e
# exit 1: the fixtures hold a truncated tar.gz and a zip nested too deep, on purpose
[ "$rc" -eq 1 ] || { echo "FAIL: mttx check exited $rc, want 1 (damaged fixtures)" >&2; exit 1; }
grep -q 'pd.tar.zst!pagerduty/incidents.csv' "$d/out.txt" || { echo "FAIL: tar.zst not read" >&2; cat "$d/out.txt"; exit 1; }
if [ -e "$d/ran" ]; then
  echo "FAIL: external programs ran:" >&2
  cat "$d/ran" >&2
  exit 1
fi
grep -q 'logs.tar.bz2!logs/a.jsonl' "$d/out.txt" || { echo "FAIL: tar.bz2 not read" >&2; cat "$d/out.txt"; exit 1; }
grep -q 'logs.tar.xz!logs/b.jsonl.gz' "$d/out.txt" || { echo "FAIL: tar.xz not read" >&2; exit 1; }
echo "no_exec: ${#inputs[@]} archives read, no external program ran"
