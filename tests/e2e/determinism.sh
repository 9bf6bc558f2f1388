#!/usr/bin/env bash
# The same inputs, options and --as-of give byte-identical outputs under any TZ and
# LC_ALL: runs the demo report under TZ=UTC LC_ALL=C and under TZ=Asia/Tokyo
# LC_ALL=de_DE.UTF-8 (a decimal-comma locale), with and without --tz, and compares.
set -euo pipefail
mttx=$1
demo=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The locale must really exist, or this test would prove nothing.
locale -a | grep -qix 'de_DE.utf8' || fail "locale de_DE.UTF-8 is not generated (run scripts/bootstrap)"
[ "$(LC_ALL=de_DE.UTF-8 locale decimal_point)" = "," ] || fail "de_DE.UTF-8 does not use a decimal comma here"

for tz in UTC Europe/Berlin; do
  TZ=UTC LC_ALL=C "$mttx" report -q --tz "$tz" --as-of 2026-11-26T00:00:00Z -o "$d/a-$tz" "$demo" || true
  TZ=Asia/Tokyo LC_ALL=de_DE.UTF-8 "$mttx" report -q --tz "$tz" --as-of 2026-11-26T00:00:00Z -o "$d/b-$tz" "$demo" || true
  SOURCE_DATE_EPOCH=1764115200 TZ=America/Sao_Paulo LC_ALL=de_DE.UTF-8 "$mttx" report -q --tz "$tz" -o "$d/c-$tz" "$demo" || true
  for f in report.md report.json report.html charts/incidents-by-month.svg \
           charts/detections-heatmap.svg; do
    [ -s "$d/a-$tz/$f" ] || fail "$f not written"
    cmp "$d/a-$tz/$f" "$d/b-$tz/$f" || fail "$f differs between TZ/LC_ALL settings (--tz $tz)"
  done
  # SOURCE_DATE_EPOCH 1764115200 = 2025-11-26T00:00:00Z: the as-of line differs, nothing
  # else may depend on the environment
  grep -q '"as_of": "2025-11-26T00:00:00Z"' "$d/c-$tz/report.json" || fail "SOURCE_DATE_EPOCH not used"
done
cmp -s "$d/a-UTC/report.json" "$d/a-Europe/Berlin/report.json" && fail "--tz had no effect"
echo "determinism: identical bytes under TZ=Asia/Tokyo LC_ALL=de_DE.UTF-8"
