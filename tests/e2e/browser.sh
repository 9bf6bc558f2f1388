#!/usr/bin/env bash
# The demo's report.html in headless Chromium (tests/browser/report.mjs): no console
# errors, no network requests, all nine charts visible; the screenshot is kept as a
# test artifact in ARTIFACTS/report.png, the retro sections in ARTIFACTS/retro.png
# (docs/report.png and docs/retro.png are copies). Without Chromium or playwright-core the test
# reports itself skipped (exit 77), not failed: scripts/test installs both, so CI runs it.
set -euo pipefail
mttx=$1
root=$2
artifacts=$3
[ -x /usr/bin/chromium ] || { echo "SKIP: /usr/bin/chromium missing (run scripts/bootstrap)" >&2; exit 77; }
[ -d "$root/tests/browser/node_modules/playwright-core" ] || {
  echo "SKIP: playwright-core missing (run scripts/bootstrap)" >&2; exit 77; }
mkdir -p "$artifacts"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
rc=0
"$mttx" report -q --as-of 2026-11-26T00:00:00Z -o "$d/out" "$root/fixtures/demo" || rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: mttx report exited $rc" >&2; exit 1; }
node "$root/tests/browser/report.mjs" "$d/out/report.html" "$artifacts/report.png" 9 "$artifacts/retro.png"
