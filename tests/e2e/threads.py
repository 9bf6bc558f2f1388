#!/usr/bin/env python3
"""--threads N gives the bytes of --threads 1 (issue 15, item 3): long JSON-lines inputs
are parsed on worker threads and their records replayed in input order, so every output,
every diagnostic on stderr and the exit status must be the same at any N; timelines.jsonl
is also formatted on N threads, in chunks of incidents written in order (one incident
larger than a chunk is written straight to the file), and written ahead at N >= 2.

The inputs hold 60,000+ lines (the parallel reader starts after a first batch of 8,192)
with everything the record sink reports: rejections of each kind (invalid JSON, NUL
bytes, lines over the 1 MiB limit, missing and bad fields), warnings (unknown types and
severities, times without a zone, a page's bad time_zone), duplicates, blank and CRLF
lines, PagerDuty log entries and pages of several records; the same file gzipped, and a
gzip cut short in the middle (a damaged input after thousands of records)."""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

mttx = os.path.abspath(sys.argv[1])
failures = []


def lines(n):
    out = []
    for i in range(n):
        inc = "INC-%05d" % (i // 6)
        t = "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (1 + i // 8000 % 12, 1 + i // 300 % 28, i // 60 % 24,
                                                   i % 60, i * 7 % 60, i % 1000)
        k = i % 6
        ev = ["detected", "acknowledged", "status_update", "mitigated", "resolved", "postmortem_published"][k]
        rec = {"time": t, "incident": inc, "event": ev}
        if k == 0:
            rec.update(severity="SEV%d" % (1 + i % 4), service="svc-%d" % (i % 7), title="t \"%d\" é" % i)
        if k == 1:
            rec["actor"] = "person-%d" % (i % 13)
        out.append(json.dumps(rec, ensure_ascii=False))
        if i % 997 == 0:
            out.append('{"time": "2026-01-01T00:00:00Z", "incident": "X", "event": ')  # invalid JSON
        if i % 1499 == 0:
            out.append('{"time":"2026-01-01T00:00:00Z","incident":"N","event":"note","note":"a\x00b"}')
        if i % 1201 == 0:
            out.append(out[-1])  # a duplicate
        if i % 1303 == 0:
            out.append('{"time":"2026-02-30T00:00:00Z","incident":"B","event":"detected"}')  # bad time
        if i % 1409 == 0:
            out.append('{"time":"2026-01-01T00:00:00","incident":"%s","event":"note"}' % inc)  # no zone
        if i % 1601 == 0:
            out.append('{"time":"2026-01-01T00:00:00Z","incident":"%s","event":"paged_sms","severity":"P9"}' % inc)
        if i % 1709 == 0:
            out.append('{"incident":"M","event":"detected"}')  # missing time
        if i % 2003 == 0:
            out.append("")  # blank
            out.append("   \t")
        if i % 2111 == 0:
            out.append('{"log_entries":[{"id":"L%d","type":"acknowledge_log_entry","created_at":"2026-03-01T00:00:00Z",'
                       '"incident":{"id":"P%d","summary":"pd"},"agent":{"type":"user_reference","summary":"A"}},'
                       '{"id":"L%db","type":"resolve_log_entry","created_at":"2026-03-01T01:00:00Z",'
                       '"incident":{"id":"P%d"}}],"time_zone":"Mars/Olympus"}' % (i, i, i, i))
        if i % 5 == 0:  # one incident of 13,200 events: timelines.jsonl writes it unbuffered
            out.append('{"time":"%s","incident":"BIG","event":"%s"}' % (t, "detected" if i == 0 else "status_update"))
        if i % 20011 == 0:
            out.append('{"time":"2026-01-01T00:00:00Z","incident":"L","event":"note","note":"%s"}' % ("x" * (1 << 20)))
    return out


def run(args, cwd):
    p = subprocess.run([mttx] + args, cwd=cwd, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def normalised(data, n):
    """The outputs record the command line: --threads N is the one difference allowed."""
    return re.sub(rb"(--threads(?:\",\"| |</code> <code>))%d" % n, rb"\g<1>N", data)


with tempfile.TemporaryDirectory() as tmp:
    body = "\n".join(lines(66000)).replace("\n", "\r\n", 3000) + "\n"
    os.makedirs(os.path.join(tmp, "in"))
    with open(os.path.join(tmp, "in", "a.jsonl"), "w") as f:
        f.write(body)
    raw = body.encode()
    with open(os.path.join(tmp, "in", "b.jsonl.gz"), "wb") as f:
        f.write(gzip.compress(raw[: len(raw) // 2], 6))
    cut = gzip.compress(raw, 6)
    with open(os.path.join(tmp, "in", "c-cut.jsonl.gz"), "wb") as f:
        f.write(cut[: len(cut) * 3 // 4])
    runs = {}
    for n in (1, 2, 3):
        out = os.path.join(tmp, "out%d" % n)
        os.makedirs(out)
        got = {}
        rc, so, se = run(["report", "--threads", str(n), "--names", "--no-charts", "--as-of", "2027-01-01",
                          "-f", "md,html,json,timelines,csv", "-o", "r", "../in"], out)
        got["report.exit"], got["report.stderr"] = rc, se
        for name in sorted(os.listdir(os.path.join(out, "r"))):
            got[name] = normalised(open(os.path.join(out, "r", name), "rb").read(), n)
        rc, so, se = run(["check", "--threads", str(n), "-f", "json", "../in"], out)
        got["check.exit"], got["check.json"], got["check.stderr"] = rc, normalised(so, n), se
        rc, so, se = run(["audit", "--threads", str(n), "--as-of", "2027-01-01", "-f", "json", "-o", "-", "../in"], out)
        got["audit.exit"], got["audit.json"] = rc, normalised(so, n)
        runs[n] = got
    base = runs[1]
    report = json.loads(base["report.json"])
    t = report["totals"]
    if not (t["rejected"] > 300 and t["duplicates"] > 40 and t["records"] > 60000 and report["inputs"][2]["error"]):
        failures.append("the inputs do not exercise what they should: %r, %r" % (t, report["inputs"][2]["error"]))
    tl_lines = base["timelines.jsonl"].splitlines()
    big = [line for line in tl_lines if line.startswith(b'{"incident":"BIG"')]
    if not big or len(big[0]) <= 256 << 10:  # reports/json_report.c: CHUNK_BYTES
        failures.append("no incident is larger than a chunk of timelines.jsonl: %r bytes" % [len(x) for x in big])
    if len(tl_lines) != report["timelines"]["count"]:
        failures.append("timelines.jsonl holds %d lines for %d incidents" % (len(tl_lines), report["timelines"]["count"]))
    if base["report.exit"] != 1 or b"truncated" not in base["report.stderr"]:
        failures.append("the cut gzip is not a damaged input: exit %r" % base["report.exit"])
    for n in (2, 3):
        for k in base:
            if runs[n].get(k) != base[k]:
                a, b = base[k], runs[n].get(k)
                where = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), None) if isinstance(a, bytes) and b else None
                failures.append("--threads %d: %s differs from --threads 1 (first at byte %r)" % (n, k, where))
        if set(runs[n]) != set(base):
            failures.append("--threads %d writes %r" % (n, sorted(runs[n])))

for f in failures:
    print("FAIL:", f)
print("threads: %d failures" % len(failures))
sys.exit(1 if failures else 0)
