#!/usr/bin/env bash
# A postmortem draft never overwrites an existing file: the second run fails (exit 1)
# and leaves the first draft, edited by a person meanwhile, untouched.
set -euo pipefail
mttx=$1
events=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$mttx" timeline -q --as-of 2026-03-20 --postmortem "$d" A "$events" >/dev/null 2>"$d/err1"
f=$(ls "$d"/*.md)
[ "$(basename "$f")" = "2026-03-02-checkout-down.md" ] || { echo "FAIL: draft name $f" >&2; exit 1; }
echo "edited by a person" >>"$f"
set +e
"$mttx" timeline -q --as-of 2026-03-20 --postmortem "$d" A "$events" >/dev/null 2>"$d/err2"
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "FAIL: exit $rc, want 1" >&2; exit 1; }
grep -q "exists; not overwritten" "$d/err2" || { echo "FAIL: $(cat "$d/err2")" >&2; exit 1; }
tail -1 "$f" | grep -q "edited by a person" || { echo "FAIL: the draft was overwritten" >&2; exit 1; }
grep -q "by a responder" "$f" || { echo "FAIL: draft not blameless" >&2; exit 1; }
if grep -Eq "by (ana|bo)\b" "$f"; then echo "FAIL: a name in a blameless draft" >&2; exit 1; fi
echo "postmortem_no_overwrite: ok"
