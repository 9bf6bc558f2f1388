#!/usr/bin/env bash
# Runs one golden case: fixtures/golden/CASE/cmd holds the mttx arguments (shell words;
# $OUT is a fresh output directory). The case's expected.stdout, expected.stderr and
# expected.exit must match, and every file under expected/ must equal the file of the
# same name in $OUT (and $OUT must hold nothing else).
# UPDATE=1 rewrites the expectations: review the diff like code.
set -uo pipefail
mttx=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_dir=$2
cd "$case_dir" || exit 2
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
unset SOURCE_DATE_EPOCH
export TZ=UTC LC_ALL=C
env_args=()
[ -f env ] && mapfile -t env_args < env
eval "set -- $(cat cmd)"
env "${env_args[@]}" "$mttx" "$@" >"$OUT.stdout" 2>"$OUT.stderr" </dev/null
echo $? >"$OUT.exit"
# paths in outputs are printed relative to the case directory; OUT is replaced (in the
# report files too: their provenance holds the command line, -o "$OUT" included)
for f in "$OUT.stdout" "$OUT.stderr"; do sed -i "s|$OUT|\$OUT|g" "$f"; done
find "$OUT" -type f -exec sed -i "s|$OUT|\$OUT|g" {} +
fail=0
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$OUT.stdout" expected.stdout
  cp "$OUT.stderr" expected.stderr
  cp "$OUT.exit" expected.exit
  rm -rf expected
  if [ -n "$(ls -A "$OUT")" ]; then mkdir -p expected && cp -r "$OUT"/. expected/; fi
  rm -f "$OUT.stdout" "$OUT.stderr" "$OUT.exit"
  echo "updated $case_dir"
  exit 0
fi
for k in stdout stderr exit; do
  if ! diff -u "expected.$k" "$OUT.$k"; then
    echo "FAIL: $k differs" >&2
    fail=1
  fi
done
if [ -d expected ]; then
  if ! diff -ru expected "$OUT"; then
    echo "FAIL: report files differ" >&2
    fail=1
  fi
elif [ -n "$(ls -A "$OUT")" ]; then
  echo "FAIL: unexpected output files: $(ls "$OUT")" >&2
  fail=1
fi
rm -f "$OUT.stdout" "$OUT.stderr" "$OUT.exit"
exit $fail
