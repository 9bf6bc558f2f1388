#!/usr/bin/env bash
# The demo's report.html in headless Chromium (tests/browser/report.mjs): no console
# errors, no network requests, all six charts visible; the screenshot is kept as a
# test artifact in ARTIFACTS/report.png.
set -euo pipefail
mttx=$1
root=$2
artifacts=$3
[ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium missing (run scripts/bootstrap)" >&2; exit 1; }
[ -d "$root/tests/browser/node_modules/playwright-core" ] || {
  echo "FAIL: playwright-core missing (run scripts/bootstrap)" >&2; exit 1; }
mkdir -p "$artifacts"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$mttx" report -q --as-of 2026-11-26T00:00:00Z -o "$d/out" "$root/fixtures/demo" || true
node "$root/tests/browser/report.mjs" "$d/out/report.html" "$artifacts/report.png" 6
