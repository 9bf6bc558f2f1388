#!/usr/bin/env python3
"""The retro's three charts plot the report's own figures: a stand-in gnuplot keeps the
data files mttx hands it, and each is compared with what report.json and incidents.csv
say, read independently of the chart code:

  c6.dat  incidents per month of the five services with most incidents (S1..S5 in
          report.json's by_service order), counted here from incidents.csv;
  c7.dat  interruptions per person by band (P1.. in oncall.people order, the 15 with
          most, none without any);
  c8.dat  per month and severity the median time to resolve and its 95% interval
          (metrics.by_month), the median alone where there is no interval.

And the key under each chart in report.md names S1.. and P1.. as the tables do. Run on
the demo data (pages by push, SMS, phone and email), on the on-call golden case (pages
across the three bands and a DST change) and on a PagerDuty CSV export without pages or
priorities (every incident unassigned: c7 counts acknowledgements, and c8, which would
have no point, is left out - with the real gnuplot, every other chart is still drawn)."""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
failures = []
CASES = [
    ("demo", root, ["--as-of", "2026-11-26T00:00:00Z", "fixtures/demo"]),
    ("oncall-pagerduty", os.path.join(root, "fixtures/golden/oncall-pagerduty"),
     ["--config", "mttx.ini", "--tz", "Europe/Berlin", "--as-of", "2026-04-01T00:00:00Z",
      "log_entries.json"]),
    ("unassigned", root, ["--as-of", "2026-04-01T00:00:00Z", "fixtures/pagerduty/incidents.csv"]),
]


def minutes(seconds):
    return "%.3f" % (max(seconds, 1.0) / 60.0)


def table(text):
    return [line.split("\t") for line in text.strip("\n").split("\n")]


def check(name, cwd, args):
    with tempfile.TemporaryDirectory() as d:
        kept = os.path.join(d, "kept")
        os.mkdir(kept)
        fake = os.path.join(d, "gnuplot")
        with open(fake, "w") as f:
            f.write('#!/bin/sh\ncp ./*.dat "%s/"\n'
                    'for out in $(sed -n \'s/^set output "\\(.*\\)"$/\\1/p\' "$2"); do\n'
                    '  printf \'<svg xmlns="http://www.w3.org/2000/svg"></svg>\' > "$out"\n'
                    'done\n' % kept)
        os.chmod(fake, 0o755)
        out = os.path.join(d, "out")
        p = subprocess.run([mttx, "report", "-q", "-f", "md,json,csv", "-o", out] + args,
                           cwd=cwd, capture_output=True, text=True,
                           env=dict(os.environ, MTTX_GNUPLOT=fake))
        if p.returncode != 0:
            failures.append("%s: mttx exited %d: %s" % (name, p.returncode, p.stderr))
            return
        report = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
        rows = list(csv.DictReader(open(os.path.join(out, "incidents.csv"), encoding="utf-8")))
        md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
        dat = {}  # a chart left out for lack of data has an empty data file
        for k in (6, 7, 8):
            path = os.path.join(kept, "c%d.dat" % k)
            if os.path.exists(path) and os.path.getsize(path):
                dat[k] = table(open(path, encoding="utf-8").read())
    months = sorted(report["metrics"]["by_month"])
    keys = {}
    for line in md.split("\n"):
        if line.startswith("Key: "):
            pairs = re.findall(r"\*\*([SP])(\d+)\*\* (.*?)(?= · \*\*|$)", line[5:])
            for prefix, i, label in pairs:
                keys[prefix + i] = re.sub(r"\\(.)", r"\1", label)

    # c6: the five services with most incidents, per month
    services = list(report["by_service"])[:5]
    want = [["month"] + ["S%d" % (i + 1) for i in range(len(services))]]
    for m in months:
        row = [m]
        for s in services:
            row.append(str(sum(1 for r in rows if r["month"] == m and
                               (r["service"] or "(none)") == s and r["merged"] == "false" and
                               r["excluded"] == "false")))
        want.append(row)
    if dat.get(6) != want:
        failures.append("%s: c6.dat is %r, want %r" % (name, dat.get(6), want))
    for i, s in enumerate(services):
        if keys.get("S%d" % (i + 1)) != s:
            failures.append("%s: key S%d is %r, want %r" % (name, i + 1, keys.get("S%d" % (i + 1)), s))

    # c7: the people with interruptions, most first
    people = [x for x in report["oncall"]["people"]
              if sum(x["interruptions"].values())][:15]
    want = [["person", "business hours", "off hours", "sleep hours"]] + [
        ["P%d" % (i + 1)] + [str(x["interruptions"][b]) for b in ("business", "off_hours", "sleep")]
        for i, x in enumerate(people)]
    if dat.get(7) != want:
        failures.append("%s: c7.dat is %r, want %r" % (name, dat.get(7), want))
    for i, x in enumerate(people):
        if keys.get("P%d" % (i + 1)) != x["name"]:
            failures.append("%s: key P%d is %r, want %r" % (name, i + 1, keys.get("P%d" % (i + 1)),
                                                          x["name"]))
    if not people:
        failures.append("%s: nobody was interrupted: c7 is not tested" % name)

    # c8: the monthly median time to resolve with its interval
    want = [["month"] + [c for s in ("SEV1", "SEV2", "SEV3", "SEV4") for c in (s, "low", "high")]]
    for m in months:
        row = [m]
        for s in ("SEV1", "SEV2", "SEV3", "SEV4"):
            st = report["metrics"]["by_month"][m]["by_severity"].get(s, {}).get("mttr", {"n": 0})
            if not st["n"]:
                row += ["?", "?", "?"]
                continue
            lo, hi = st.get("p50_ci95") or (st["p50_s"], st["p50_s"])
            row += [minutes(st["p50_s"]), minutes(lo), minutes(hi)]
        want.append(row)
    if all(c == "?" for r in want[1:] for c in r[1:]):
        want = None  # no point to plot: no chart (gnuplot would fail the whole script)
    if dat.get(8) != want:
        failures.append("%s: c8.dat is %r, want %r" % (name, dat.get(8), want))
    if want is None and "with its interval: not drawn (no resolved incident with a severity)" not in md:
        failures.append("%s: report.md does not say why the interval chart is missing" % name)
    if (report["oncall"]["source"] == "acknowledged") != ("Acknowledgements per person" in md):
        failures.append("%s: the interruptions chart's title does not follow the source %r"
                        % (name, report["oncall"]["source"]))
    intervals = sum(1 for r in (want or [[]])[1:] for k in range(4) if r[2 + 3 * k] != r[1 + 3 * k])
    print("%s: %d services, %d people, %d months, %d intervals" % (name, len(services), len(people),
                                                                  len(months), intervals))


for case in CASES:
    check(*case)

# the real gnuplot on data without a severity: every chart but the interval one is drawn
with tempfile.TemporaryDirectory() as d:
    p = subprocess.run([mttx, "report", "--as-of", "2026-04-01T00:00:00Z", "-f", "md", "-o", d,
                        "fixtures/pagerduty/incidents.csv"], cwd=root, capture_output=True, text=True)
    drawn = sorted(os.listdir(os.path.join(d, "charts"))) if os.path.isdir(os.path.join(d, "charts")) else []
    if p.returncode != 0 or "gnuplot" in p.stderr:
        failures.append("unassigned, real gnuplot: exit %d %s" % (p.returncode, p.stderr))
    if len(drawn) != 7 or "mttr-interval-by-month.svg" in drawn:
        failures.append("unassigned, real gnuplot: drew %r, want the 7 charts with data" % drawn)
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
