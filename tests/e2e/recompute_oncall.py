#!/usr/bin/env python3
"""An independent recomputation of the on-call load (docs/spec.md#on-call-load) on the
demo data, from the raw inputs with this script's own reading - not from report.json:
the JSON lines (plain, gzip, and the overlapping export in epoch milliseconds with CRLF),
bad lines dropped, duplicate events (same incident, type, actor and medium within the
same second) counted once, events after --as-of left out, merged incidents left out.

Per person: interruptions (pages by phone, SMS or push) in business hours (Mon-Fri
08:00-18:00 UTC), sleep hours (22:00-08:00 any day) and off hours, email pages,
acknowledgements, incidents responded to (any event but a page, a detection, a start or
an automatic resolution) and commanded; the order (most interruptions, then name). Every
figure is compared with report.json's oncall.

Usage: recompute_oncall.py MTTX ROOT
"""
import datetime
import gzip
import json
import os
import subprocess
import sys

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
demo = os.path.join(root, "fixtures", "demo")
p = subprocess.run([mttx, "report", "-q", "--as-of", "2026-11-26T00:00:00Z", "-f", "json", "-o", "-",
                    demo], capture_output=True, text=True, cwd=root)
if p.returncode != 0:
    print("FAIL: mttx report exited %d: %s" % (p.returncode, p.stderr[-500:]))
    sys.exit(1)
report = json.loads(p.stdout)
AS_OF = datetime.datetime(2026, 11, 26, tzinfo=datetime.timezone.utc)


def when(v):
    if isinstance(v, int):
        return datetime.datetime.fromtimestamp(v / 1000, datetime.timezone.utc)
    return datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)


def records():
    for name in sorted(os.listdir(demo)):
        path = os.path.join(demo, name)
        data = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
        for line in data.decode("utf-8").splitlines():
            try:
                e = json.loads(line)
                e["t"] = when(e["time"])
                if not isinstance(e, dict) or not e.get("incident") or not e.get("event"):
                    continue
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # the planted bad lines
            yield e


# duplicates (docs/spec.md#duplicates): same incident, type, actor and medium at the
# same instant, at the precision both share - an instant with no milliseconds matches any
# instant within its second
events, seen = [], {}
for e in records():
    if e["t"] > AS_OF:
        continue
    ms = int(e["t"].timestamp() * 1000 + 0.5)
    key = (e["incident"], e["event"], e.get("actor"), e.get("via"), ms // 1000)
    if any(m == ms or m % 1000 == 0 or ms % 1000 == 0 for m in seen.get(key, [])):
        continue
    seen.setdefault(key, []).append(ms)
    events.append(e)
merged = {e["incident"] for e in events if e["event"] == "merged"}
events = [e for e in events if e["incident"] not in merged]
from_pages = any(e["event"] == "paged" for e in events)


def band(t):
    h = t.hour
    if h >= 22 or h < 8:
        return "sleep"
    return "business" if t.weekday() < 5 and 8 <= h < 18 else "off_hours"


people = {}


def person(name):
    return people.setdefault(name, {"name": name, "interruptions": {"business": 0, "off_hours": 0,
                                                                    "sleep": 0},
                                    "email": 0, "acknowledged": 0, "incidents": set(),
                                    "commanded": set()})


for e in events:
    actor, kind = e.get("actor"), e["event"]
    if kind == "commander_assigned" and (e.get("commander") or actor):
        person(e.get("commander") or actor)["commanded"].add(e["incident"])
    if kind == "paged":
        if not actor:
            continue  # a page naming nobody is attributed to nobody
        x = person(actor)
        if e.get("via") == "email":
            x["email"] += 1
        else:
            x["interruptions"][band(e["t"])] += 1
        continue
    if not actor or kind in ("detected", "started") or (kind == "resolved" and e.get("auto")):
        continue
    x = person(actor)
    x["incidents"].add(e["incident"])
    if kind == "acknowledged":
        x["acknowledged"] += 1
        if not from_pages:
            x["interruptions"][band(e["t"])] += 1

want = []
for x in people.values():
    x["incidents"], x["commanded"] = len(x["incidents"]), len(x["commanded"])
    want.append(x)
want.sort(key=lambda x: (-sum(x["interruptions"].values()), x["name"].encode()))
got = [{k: x[k] for k in ("name", "interruptions", "email", "acknowledged", "incidents", "commanded")}
       for x in report["oncall"]["people"]]
failures = []
if report["oncall"]["source"] != ("paged" if from_pages else "acknowledged"):
    failures.append("source %r" % report["oncall"]["source"])
if len(got) != len(want):
    failures.append("%d people, want %d" % (len(got), len(want)))
for g, w in zip(got, want):
    if g != w:
        failures.append("got %s\n      want %s" % (json.dumps(g, ensure_ascii=False),
                                                   json.dumps(w, ensure_ascii=False)))
pages = sum(1 for e in events if e["event"] == "paged")
for f in failures:
    print("FAIL:", f)
print("on-call load: %d people, %d pages (%d interruptions), %d differences"
      % (len(want), pages, sum(sum(x["interruptions"].values()) for x in want), len(failures)))
sys.exit(1 if failures else 0)
