#!/usr/bin/env python3
"""A PagerDuty CSV export, a folder of log-entry pages and a zip of webhook events for
the same incidents give the same timelines as the native format: every milestone,
severity and flag of every incident agrees with fixtures/pagerduty/native-equivalent.jsonl.
Also: duplicates across the sources are counted, and nothing is rejected."""
import json
import os
import subprocess
import sys

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
pd = os.path.join(root, "fixtures", "pagerduty")


def report(*inputs):
    p = subprocess.run([mttx, "report", "-q", "--as-of", "2026-04-01", "-o", "-", "-f", "json"]
                       + [os.path.join(pd, i) for i in inputs], capture_output=True, check=True)
    return json.loads(p.stdout)


failures = []
a = report("incidents.csv", "log_entries", "webhooks.zip")
b = report("native-equivalent.jsonl")
keys = ["incident", "severity", "month", "detected_at", "started_at", "acknowledged_at",
        "mitigated_at", "resolved_at", "open", "merged", "auto_resolved", "reopens",
        "postmortem_status", "postmortem_deadline"]
ta, tb = a["timelines"], b["timelines"]
if len(ta) != len(tb):
    failures.append("%d timelines from PagerDuty, %d from native" % (len(ta), len(tb)))
for x, y in zip(ta, tb):
    for k in keys:
        if x[k] != y[k]:
            failures.append("%s: %s is %r from PagerDuty, %r from native" % (x["incident"], k, x[k], y[k]))
if a["totals"]["rejected"] != 0:
    failures.append("rejections in the PagerDuty fixtures: %r" % a["rejections"])
if a["totals"]["duplicates"] == 0:
    failures.append("the overlapping sources produced no duplicates")
if a["metrics"]["all"] != b["metrics"]["all"]:
    failures.append("metrics differ")
kinds = {}
for i in a["inputs"]:
    for k, n in i["records_by_kind"].items():
        kinds[k] = kinds.get(k, 0) + n
for want in ("pagerduty_csv_raw", "pagerduty_log_entry", "pagerduty_webhook_v3", "pagerduty_webhook_v2"):
    if not kinds.get(want):
        failures.append("no %s records were read" % want)
for f in failures:
    print("FAIL:", f)
print("pd_equivalence: %d incidents compared, %d failures" % (len(ta), len(failures)))
sys.exit(1 if failures else 0)
