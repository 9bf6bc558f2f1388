#!/usr/bin/env python3
"""Each platform's export (fixtures/platforms/NAME, in the vendor's documented shape)
and the same events written as native JSON lines (native-equivalent.jsonl there) give
the same report: every timeline's milestones, severity, flags, title, service, team and
channel, and the metrics. The export is read with no rejection; read with its files and
each page's elements in reverse order (Opsgenie's alert log pages before the alerts they
belong to) it gives the same timelines; read together with its native equivalent, every native line
is a duplicate of an event the export gave (nothing the export missed, nothing new)."""
import json
import os
import subprocess
import sys
import tempfile

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
base = os.path.join(root, "fixtures", "platforms")

PLATFORMS = {
    "opsgenie": ["alerts.json", "alert-logs"],
    "incidentio": ["incidents.json"],
    "firehydrant": ["incidents.json"],
    "rootly": ["incidents.json"],
    "grafana_oncall": ["alert_groups.json"],
}
KEYS = ["incident", "severity", "month", "detected_at", "started_at", "acknowledged_at",
        "mitigated_at", "resolved_at", "open", "merged", "auto_resolved", "reopens", "title",
        "service", "team", "channel", "response_status"]


def report(paths):
    def run(fmt):
        return subprocess.run([mttx, "report", "-q", "--as-of", "2026-04-01", "-o", "-", "-f", fmt]
                              + paths, capture_output=True, check=True).stdout
    d = json.loads(run("json"))
    d["timelines"] = [json.loads(line) for line in run("timelines").splitlines()]
    return d


failures = []
for name, files in PLATFORMS.items():
    d = os.path.join(base, name)
    export = [os.path.join(d, f) for f in files]
    native = [os.path.join(d, "native-equivalent.jsonl")]
    a, b = report(export), report(native)
    if a["totals"]["rejected"]:
        failures.append("%s: %d rejections in the export: %r" % (name, a["totals"]["rejected"], a["rejections"]))
    ta, tb = a["timelines"], b["timelines"]
    if len(ta) != len(tb) or len(ta) < 5:
        failures.append("%s: %d timelines from the export, %d from native" % (name, len(ta), len(tb)))
    for x, y in zip(ta, tb):
        for k in KEYS:
            if x[k] != y[k]:
                failures.append("%s: %s: %s is %r from the export, %r from native" % (name, x["incident"], k, x[k], y[k]))
    if a["metrics"]["all"] != b["metrics"]["all"]:
        failures.append("%s: metrics differ:\n  export %r\n  native %r" % (name, a["metrics"]["all"], b["metrics"]["all"]))
    if a["oncall"] != b["oncall"]:
        failures.append("%s: on-call load differs:\n  export %r\n  native %r" % (name, a["oncall"], b["oncall"]))
    kind = {"opsgenie": "opsgenie_alerts", "incidentio": "incidentio", "firehydrant": "firehydrant",
            "rootly": "rootly", "grafana_oncall": "grafana_oncall"}[name]
    if not any(kind in i["records_by_kind"] for i in a["inputs"]):
        failures.append("%s: no input counted as %s: %r" % (name, kind, [i["records_by_kind"] for i in a["inputs"]]))
    # the reverse order of everything read: the files, and each page's elements (one
    # file alone would otherwise be the same input again)
    with tempfile.TemporaryDirectory() as tmp:
        flipped = []
        for path in reversed(export):
            for f in sorted(os.listdir(path), reverse=True) if os.path.isdir(path) else [None]:
                src = os.path.join(path, f) if f else path
                doc = json.load(open(src))
                lists = [k for k, v in doc.items() if isinstance(v, list) and v and isinstance(v[0], dict)]
                if len(lists) != 1:
                    failures.append("%s: %s has no one list of records to reverse" % (name, src))
                    continue
                doc[lists[0]].reverse()
                dst = os.path.join(tmp, "%d.json" % len(flipped))
                json.dump(doc, open(dst, "w"))
                flipped.append(dst)
        r = report(flipped)
    if [{k: t[k] for k in KEYS} for t in r["timelines"]] != [{k: t[k] for k in KEYS} for t in ta]:
        failures.append("%s: the files and elements in reverse order give other timelines" % name)
    # together: each native line repeats an event of the export
    both = report(export + native)
    nat = [i for i in both["inputs"] if i["path"].endswith("native-equivalent.jsonl")][0]
    extra = nat["records"] - nat["duplicates"]
    # Opsgenie: a log note's type ("alertRecipient") and an escalation by "System" (an
    # actor the export knows is no person) are two things no native line can say
    allowed = 2 if name == "opsgenie" else 0
    if extra != allowed:
        failures.append("%s: %d native lines are no duplicate of an event of the export (want %d)"
                        % (name, extra, allowed))

for f in failures:
    print("platform_equivalence: " + f)
sys.exit(1 if failures else 0)
