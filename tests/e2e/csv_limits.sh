#!/usr/bin/env bash
# CSV edges: the vendor's 20,000-row truncation warning, the field count and field size
# limits at N and N+1, an unterminated quote at the end, a file that is not UTF-8 with
# and without --input-encoding.
set -euo pipefail
mttx=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d"
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 - <<'PY'
hdr = "id,created_on,resolved_on,seconds_to_first_ack,auto_resolved,description,service_name,urgency\n"
with open("rows20000.csv", "w") as f:
    f.write(hdr)
    for i in range(20000):
        f.write("P%05d,2026-01-01T00:00:00+00:00,2026-01-01T01:00:00+00:00,60,0,d,s,high\n" % i)
with open("rows19999.csv", "w") as f:
    f.write(hdr)
    for i in range(19999):
        f.write("P%05d,2026-01-01T00:00:00+00:00,,,0,d,s,low\n" % i)
with open("fields.csv", "w") as f:
    f.write("time,incident,event,title\n")
    f.write("2026-01-01T00:00:00Z,A,detected,%s\n" % ("x" * 100))   # 100 bytes: the limit
    f.write("2026-01-01T00:01:00Z,A,acknowledged,%s\n" % ("x" * 101))  # one more
    f.write("2026-01-01T00:02:00Z,A,resolved,t,extra\n")               # 5 fields: one too many
    f.write('2026-01-01T00:03:00Z,A,note,"never closed\nand on\n')
with open("cp1252.csv", "wb") as f:
    f.write(b"time,incident,event,title\n2026-01-01T00:00:00Z,A,detected,caf\xe9 down\n")
import os
os.makedirs("mixed", exist_ok=True)
with open("mixed/a-utf8.csv", "wb") as f:  # UTF-8, with ASCII rows first
    f.write(b"time,incident,event,title\n" + b"2026-01-01T00:00:00Z,U,note,plain\n" * 3000 +
            "2026-01-01T00:00:00Z,U,detected,Caf\u00e9 \u2014 \u00c9mile\n".encode())
with open("mixed/b-cp1252.csv", "wb") as f:
    f.write(b"time,incident,event,title\n2026-01-01T00:00:00Z,W,detected,caf\xe9 \x96 d\xe9j\xe0\n")
with open("utf16.csv", "wb") as f:  # not ASCII-compatible: always converted
    f.write("time,incident,event,title\n2026-01-01T00:00:00Z,X,detected,caf\u00e9\n".encode("utf-16"))
with open("gbk.csv", "wb") as f:  # multi-byte: its first character can look like UTF-8
    f.write("time,incident,event,title\n2026-01-01T00:00:00Z,G,detected,支付超时\n".encode("gbk"))
with open("jp.csv", "wb") as f:  # stateful 7-bit: no byte above 0x7F at all
    f.write("time,incident,event,title\n2026-01-01T00:00:00Z,J,detected,障害: 決済\n".encode("iso2022_jp"))
with open("limits.ini", "w") as f:
    f.write("[limits]\ncsv_fields = 4\ncsv_field_bytes = 100\n")
PY

"$mttx" check rows20000.csv >out.txt 2>err.txt || fail "20000 rows: exit $?"
grep -q "^rows20000.csv: warning: exactly 20000 rows" err.txt || fail "no truncation warning: $(cat err.txt)"
"$mttx" check rows19999.csv >out.txt 2>err.txt || fail "19999 rows: exit $?"
! grep -q "exactly 20000" err.txt || fail "19999 rows warned: $(cat err.txt)"

"$mttx" check --config limits.ini fields.csv >out.txt 2>err.txt || fail "fields: exit $?"
grep -q "^fields.csv:3: error: CSV record: field longer than the limit" err.txt || fail "field N+1: $(cat err.txt)"
grep -q "^fields.csv:4: error: CSV record: more fields than the limit" err.txt || fail "fields N+1: $(cat err.txt)"
grep -q "^fields.csv:5: error: unterminated quoted field at the end of the file" err.txt || fail "unterminated: $(cat err.txt)"
grep -Eq "^fields.csv +csv +4 +1 +0 +3$" out.txt || fail "fields counts: $(cat out.txt)"

set +e
"$mttx" check cp1252.csv >out.txt 2>err.txt
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "not UTF-8: exit $rc, want 1"
grep -q "^cp1252.csv:2: error: not UTF-8 (byte offset 61); name its encoding with --input-encoding$" err.txt || fail "encoding: $(cat err.txt)"
"$mttx" check --input-encoding WINDOWS-1252 --debug-dump-events cp1252.csv >out.txt 2>err.txt || fail "with encoding: exit $?"
grep -q 'title="café down"' err.txt || fail "converted title: $(cat err.txt)"
# the same conversion from [input] encoding in a --config file, which the option
# overrides (README "Configuration")
printf '[input]\nencoding = WINDOWS-1252\n' >enc.ini
"$mttx" check --config enc.ini --debug-dump-events cp1252.csv >out.txt 2>err.txt || fail "[input] encoding: exit $? $(cat err.txt)"
grep -q 'title="café down"' err.txt || fail "[input] encoding title: $(cat err.txt)"
printf '[input]\nencoding = ASCII\n' >ascii.ini
"$mttx" check --config ascii.ini --input-encoding WINDOWS-1252 --debug-dump-events cp1252.csv >out.txt 2>err.txt || fail "option over [input] encoding: exit $? $(cat err.txt)"
grep -q 'title="café down"' err.txt || fail "option over [input] encoding title: $(cat err.txt)"
# a folder of exports in both encodings: the UTF-8 one is read as UTF-8, the named
# encoding applies to the other (the first non-ASCII character decides, past 64 KiB of
# ASCII rows too)
"$mttx" check --input-encoding WINDOWS-1252 --debug-dump-events mixed >out.txt 2>err.txt || fail "mixed: exit $? $(cat err.txt)"
grep -q 'title="Café — Émile"' err.txt || fail "UTF-8 file in a WINDOWS-1252 run: $(grep '"U"' err.txt | tail -1)"
grep -q 'title="café – déjà"' err.txt || fail "WINDOWS-1252 file: $(grep '"W"' err.txt)"
"$mttx" check --input-encoding UTF-16 --debug-dump-events utf16.csv >out.txt 2>err.txt || fail "utf-16: exit $? $(cat err.txt)"
grep -q 'title="café"' err.txt || fail "UTF-16 title: $(cat err.txt)"
# character sets where the first non-ASCII character cannot tell UTF-8 apart are
# always converted
"$mttx" check --input-encoding GBK --debug-dump-events gbk.csv >out.txt 2>err.txt || fail "gbk: exit $? $(cat err.txt)"
grep -q 'title="支付超时"' err.txt || fail "GBK title: $(cat err.txt)"
"$mttx" check --input-encoding ISO-2022-JP --debug-dump-events jp.csv >out.txt 2>err.txt || fail "iso-2022-jp: exit $? $(cat err.txt)"
grep -q 'title="障害: 決済"' err.txt || fail "ISO-2022-JP title: $(cat err.txt)"
set +e
"$mttx" check --input-encoding NO-SUCH-CHARSET cp1252.csv 2>err.txt
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "unknown encoding: exit $rc, want 2"
echo "csv_limits: all passed"
