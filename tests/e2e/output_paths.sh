#!/usr/bin/env bash
# -o behaves as users expect: a PATH ending in .html, .md, .json or .csv writes that one
# format to that file (a directory is never made of it); anything else is a directory,
# and writing into it again removes the known outputs of the previous run that this run
# did not write and that mttx wrote (report.html beside a fresh report.json, old charts),
# and nothing else: a user's file under one of those names stays.
set -euo pipefail
mttx=$1
demo=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$d"
run() { "$mttx" "$@" --as-of 2026-11-26T00:00:00Z "$demo"; }
run report -q -o out.html || fail "report -o out.html exited $?"
[ -f out.html ] && grep -q '<html' out.html || fail "out.html is not the HTML report"
run report -q -o nested/metrics.json || fail "report -o nested/metrics.json exited $?"
python3 -c 'import json,sys; json.load(open("nested/metrics.json"))' || fail "metrics.json"
[ "$(ls nested)" = metrics.json ] || fail "nested/ holds more: $(ls nested)"
run audit -q -o audit.csv || fail "audit -o audit.csv exited $?"
head -c 3 audit.csv | od -An -tx1 | grep -q "ef bb bf" || fail "audit.csv is not the audit CSV"
set +e
run report -q -o x.md -f json 2>err.txt; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q -- "-o names one file" err.txt || fail "-o x.md -f json: exit $rc $(cat err.txt)"
set +e
run handoff -q -o h.csv 2>err.txt; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "handoff -o h.csv: exit $rc (handoff writes no CSV)"
# a report directory written again: stale outputs go, the user's files stay
run report -q -o rep -f md,html,json || fail "first report exited $?"
[ -f rep/report.html ] && [ -d rep/charts ] || fail "first report: $(ls rep)"
touch rep/notes.txt rep/charts/mine.svg
echo "my own summary" >rep/summary.md # a user's file under an output's name: not mttx's
printf 'a,b\n1,2\n' >rep/incidents.csv
run report -q -o rep -f json || fail "second report exited $?"
[ ! -e rep/report.html ] && [ ! -e rep/report.md ] || fail "stale reports stayed: $(ls rep)"
[ -f rep/report.json ] && [ -f rep/notes.txt ] && [ -f rep/charts/mine.svg ] || fail "kept: $(ls -R rep)"
[ "$(cat rep/summary.md)" = "my own summary" ] && [ -f rep/incidents.csv ] ||
  fail "a user's file under an output's name was removed: $(ls rep)"
[ "$(ls rep/charts)" = mine.svg ] || fail "stale charts stayed: $(ls rep/charts)"
echo "output_paths: ok"
