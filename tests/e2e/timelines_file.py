#!/usr/bin/env python3
"""timelines.jsonl and the size of the other outputs (issue 15, item 1), on 1,500
generated incidents:
- report writes timelines.jsonl by default: one JSON object per incident per line, in
  timeline order; report.json holds the aggregates and only {"count", "file"} of them;
- `-f timelines -o -`, `-o FILE.jsonl` and the default give the same bytes; without the
  format report.json's "file" is null;
- report.html's appendix lists 1,000 of them: the open ones, then SEV1-2, then the
  longest, in timeline order, and says where every one is; up to 1,000 it lists all.
"""
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mttxcheck import Checker  # noqa: E402

mttx = os.path.abspath(sys.argv[1])
checker = Checker(mttx)
failures = checker.failures
run = checker.run
expect = checker.expect

BASE = 1767225600  # 2026-01-01T00:00:00Z
AS_OF_S = BASE + 1500 * 600 + 3600  # an hour after the last detection
AS_OF = "2026-01-11T11:00:00Z"


def stamp(s):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(s))


def incidents(n):
    """(id, severity, detected, resolved or None) of n incidents, one every 10 minutes:
    every 10th SEV1, the next SEV2, the rest SEV3/SEV4; the last 30 open (at most 6 hours
    old, shorter than most resolved ones: the open ones are chosen for being open);
    lengths scattered from 1 minute to 25 hours, resolved before as-of."""
    out = []
    for i in range(n):
        sev = "SEV1" if i % 10 == 0 else "SEV2" if i % 10 == 1 else "SEV3" if i % 2 else "SEV4"
        det = BASE + i * 600
        res = None if i >= n - 30 else min(det + 60 * (1 + (i * 7919) % 1499), AS_OF_S - 60)
        out.append(("INC-%05d" % i, sev, det, res))
    return out


def write(path, incs):
    with open(path, "w") as f:
        for iid, sev, det, res in incs:
            f.write(json.dumps({"time": stamp(det), "incident": iid, "event": "detected",
                                "severity": sev, "title": "t " + iid}) + "\n")
            if res is not None:
                f.write(json.dumps({"time": stamp(res), "incident": iid, "event": "resolved"}) + "\n")


def appendix_ids(html):
    m = re.search(r'<details id="timelines">(.*?)</details>', html, re.S)
    expect(m is not None, "report.html has no timeline appendix")
    return (re.findall(r"<tr><td>(INC-\d+)", m.group(1)), m.group(1)) if m else ([], "")


with tempfile.TemporaryDirectory() as tmp:
    incs = incidents(1500)
    events = os.path.join(tmp, "events.jsonl")
    write(events, incs)
    out = os.path.join(tmp, "out")
    p = run("report", "-q", "--no-charts", "--as-of", AS_OF, "-o", out, events)
    expect(p.returncode == 0, "report exited %d: %s" % (p.returncode, p.stderr))
    expect(sorted(os.listdir(out)) == ["report.html", "report.json", "report.md", "timelines.jsonl"],
           "default outputs: %r" % sorted(os.listdir(out)))
    report = json.load(open(os.path.join(out, "report.json")))
    expect(report["schema"] == "mttx-report/3", "schema %r" % report["schema"])
    expect(report["timelines"] == {"count": 1500, "file": "timelines.jsonl"},
           "report.json timelines: %r" % report["timelines"])
    raw = open(os.path.join(out, "report.json")).read()
    expect("INC-00042" not in raw and "events.jsonl:" not in raw,
           "report.json still lists incidents or their sources")
    data = open(os.path.join(out, "timelines.jsonl"), "rb").read()
    lines = data.decode().split("\n")
    expect(lines[-1] == "" and all(lines[:-1]), "timelines.jsonl: one object per line, LF-ended")
    tl = [json.loads(x) for x in lines[:-1]]
    expect([t["incident"] for t in tl] == [i[0] for i in incs], "timelines.jsonl: not every incident in timeline order")
    first = tl[0]
    expect(first["detected_at"] == stamp(BASE) and first["severity"] == "SEV1"
           and first["sources"] == [events + ":1", events + ":2"] and not first["open"],
           "timelines.jsonl's first line: %r" % first)
    expect(sum(t["open"] for t in tl) == 30, "open incidents: %d" % sum(t["open"] for t in tl))

    # the same bytes through standard output and -o FILE.jsonl
    p = run("report", "-q", "--as-of", AS_OF, "-f", "timelines", "-o", "-", events)
    expect(p.stdout.encode() == data, "-f timelines -o - differs from timelines.jsonl")
    one = os.path.join(tmp, "one", "all.jsonl")
    os.makedirs(os.path.dirname(one))
    p = run("report", "-q", "--as-of", AS_OF, "-o", one, events)
    expect(p.returncode == 0 and os.listdir(os.path.dirname(one)) == ["all.jsonl"]
           and open(one, "rb").read() == data, "-o FILE.jsonl: %s" % p.stderr)

    # report.html: 1,000 chosen, in timeline order
    html = open(os.path.join(out, "report.html")).read()
    ids, section = appendix_ids(html)
    def priority(i):
        iid, sev, det, res = incs[i]
        end = AS_OF_S if res is None else res
        return (0 if res is None else 1 if sev in ("SEV1", "SEV2") else 2, -(end - det), i)
    chosen = sorted(sorted(range(len(incs)), key=priority)[:1000])
    expect(ids == [incs[i][0] for i in chosen],
           "appendix: %d rows, %d differ from the expected choice" %
           (len(ids), len(set(ids) ^ {incs[i][0] for i in chosen})))
    expect("The timelines of 1000 of the 1500 incidents" in section
           and "<code>timelines.jsonl</code> beside this page" in section,
           "appendix does not say where the rest are")
    expect(len(html) < 2_000_000, "report.html of 1,500 incidents is %d bytes" % len(html))

    # without the format: report.json's file is null, the page says how to get it
    out2 = os.path.join(tmp, "out2")
    p = run("report", "-q", "--no-charts", "--as-of", AS_OF, "-f", "json,html", "-o", out2, events)
    report = json.load(open(os.path.join(out2, "report.json")))
    expect(report["timelines"] == {"count": 1500, "file": None}, "without -f timelines: %r" % report["timelines"])
    # the provenance records the command as given: a comma list is not cut at its comma
    expect(report["mttx"]["command"] == ["mttx", "report", "-q", "--no-charts", "--as-of", AS_OF, "-f",
                                         "json,html", "-o", out2, events],
           "provenance command: %r" % report["mttx"]["command"])
    _, section = appendix_ids(open(os.path.join(out2, "report.html")).read())
    expect("<code>mttx report -f timelines</code>" in section, "appendix without the file: no pointer")

    # up to 1,000 incidents, every one is listed
    small = os.path.join(tmp, "small.jsonl")
    write(small, incs[:1000])
    out3 = os.path.join(tmp, "out3")
    p = run("report", "-q", "--no-charts", "--as-of", AS_OF, "-f", "html", "-o", out3, small)
    ids, section = appendix_ids(open(os.path.join(out3, "report.html")).read())
    expect(ids == [i[0] for i in incs[:1000]] and "Every incident's timeline (1000 incidents" in section,
           "1,000 incidents: %d listed" % len(ids))

for f in failures:
    print("FAIL:", f)
print("timelines_file: %d failures" % len(failures))
sys.exit(1 if failures else 0)
