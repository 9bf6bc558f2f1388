#!/usr/bin/env python3
"""The accounting invariant (docs/security.md#accounting-invariant): per input and in total,
records == accepted + duplicates + rejected, and report.json, report.md and
`mttx check` show the same figures. Run on the demo data and the awkward fixtures."""
import json
import os
import re
import subprocess
import sys
import tempfile

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
inputs = [os.path.join(root, "fixtures/demo"),
          os.path.join(root, "fixtures/golden/awkward/a-api.jsonl"),
          os.path.join(root, "fixtures/golden/awkward/b-webhooks.jsonl.gz"),
          os.path.join(root, "fixtures/golden/awkward/c-bad.jsonl"),
          os.path.join(root, "fixtures/golden/check-strict/input.jsonl")]
failures = 0


def check(cond, msg):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", msg)


with tempfile.TemporaryDirectory() as d:
    subprocess.run([mttx, "report", "-q", "--as-of", "2026-11-26", "-o", d] + inputs, check=True)
    r = json.load(open(os.path.join(d, "report.json")))
    md = open(os.path.join(d, "report.md"), encoding="utf-8").read()
    chk = subprocess.run([mttx, "check", "-q"] + inputs, capture_output=True, text=True).stdout

tot = {"records": 0, "accepted": 0, "duplicates": 0, "rejected": 0}
for i in r["inputs"]:
    check(i["records"] == i["accepted"] + i["duplicates"] + i["rejected"],
          "%s: %r" % (i["path"], i))
    check(sum(i["rejected_by_reason"].values()) == i["rejected"], "%s: reasons" % i["path"])
    for k in tot:
        tot[k] += i[k]
    # the same row in `mttx check`
    row = re.search(r"^%s\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$" % re.escape(i["path"]), chk, re.M)
    check(row is not None, "check has no row for %s" % i["path"])
    if row:
        check([int(x) for x in row.groups()] ==
              [i["records"], i["accepted"], i["duplicates"], i["rejected"]],
              "check row differs for %s" % i["path"])
for k in tot:
    check(r["totals"][k] == tot[k], "totals.%s" % k)
check(sum(r["rejected_by_reason"].values()) == r["totals"]["rejected"], "rejected_by_reason")
check(tot["duplicates"] > 0 and tot["rejected"] > 0, "fixtures should hold duplicates and rejections")
m = re.search(r"^\| \*\*total\*\* \| \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", md, re.M)
check(m is not None and [int(x) for x in m.groups()] ==
      [tot["records"], tot["accepted"], tot["duplicates"], tot["rejected"]], "report.md totals")
check(("%d records read: %d accepted, %d duplicates, %d rejected" %
       (tot["records"], tot["accepted"], tot["duplicates"], tot["rejected"])) in md, "md overview")
t = re.search(r"^total\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", chk, re.M)
check(t is not None and [int(x) for x in t.groups()] ==
      [tot["records"], tot["accepted"], tot["duplicates"], tot["rejected"]], "check totals")
# every incident counted once: by_severity sums to total
check(sum(r["incidents"]["by_severity"].values()) == r["incidents"]["total"], "by_severity sum")
print("accounting: %d records = %d accepted + %d duplicates + %d rejected; %d failures" %
      (tot["records"], tot["accepted"], tot["duplicates"], tot["rejected"], failures))
sys.exit(1 if failures else 0)
