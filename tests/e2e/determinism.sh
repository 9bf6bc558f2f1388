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

run() { # DIR ENV... -- ARGS: mttx report must succeed (the demo's bad lines are not fatal)
  # the same command line in every run (the outputs' provenance records it): -o out,
  # relative, in DIR
  local out=$1; shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  mkdir -p "$out"
  (cd "$out" && env "${envs[@]}" "$mttx" report -q -f md,html,json,csv "$@" -o out "$demo") ||
    fail "mttx report exited $? (${envs[*]} $*)"
}
for tz in UTC Europe/Berlin; do
  run "$d/a-$tz" TZ=UTC LC_ALL=C -- --tz "$tz" --as-of 2026-11-26T00:00:00Z
  run "$d/b-$tz" TZ=Asia/Tokyo LC_ALL=de_DE.UTF-8 -- --tz "$tz" --as-of 2026-11-26T00:00:00Z
  run "$d/c-$tz" SOURCE_DATE_EPOCH=1764115200 TZ=America/Sao_Paulo LC_ALL=de_DE.UTF-8 -- --tz "$tz"
  # every file of the two runs, charts and incidents.csv included
  n=$(find "$d/a-$tz" -type f | wc -l)
  [ "$n" -ge 10 ] || fail "only $n files written"
  diff -r "$d/a-$tz" "$d/b-$tz" >/dev/null || fail "outputs differ between TZ/LC_ALL settings (--tz $tz): $(diff -rq "$d/a-$tz" "$d/b-$tz" | head -3)"
  # SOURCE_DATE_EPOCH 1764115200 = 2025-11-26T00:00:00Z: the as-of line differs, nothing
  # else may depend on the environment
  grep -q '"as_of": "2025-11-26T00:00:00Z"' "$d/c-$tz/out/report.json" || fail "SOURCE_DATE_EPOCH not used"
done
cmp -s "$d/a-UTC/out/report.json" "$d/a-Europe/Berlin/out/report.json" && fail "--tz had no effect"
echo "determinism: identical bytes under TZ=Asia/Tokyo LC_ALL=de_DE.UTF-8"
