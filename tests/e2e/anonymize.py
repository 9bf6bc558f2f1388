#!/usr/bin/env python3
"""--anonymize leaves no real name in any output file: report (md, html with its charts,
json, csv), audit (md, csv, json), timeline (md, json), a postmortem draft written with
--names, and the handoff, over fixtures/people (native events and PagerDuty notify log
entries naming people in actors, pages, commanders, titles, notes, summaries and a
rejected line). Each file is searched as written and decoded for where it lands (JSON
strings, HTML entities, Markdown backslash escapes), for each name as a word, in any case. The same runs
without --anonymize must show every name somewhere, so the search can fail."""
import html
import json
import os
import re
import subprocess
import sys
import tempfile

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
fixture = os.path.join(root, "fixtures/people")
people = json.load(open(os.path.join(fixture, "people.json"), encoding="utf-8"))
failures = []
COMMON = ["--as-of", "2026-04-01T00:00:00Z", "--tz", "Europe/Berlin", "-q"]
INPUTS = ["events.jsonl", "pagerduty-log-entries.json"]


def run(args, ok=(0,)):
    p = subprocess.run([mttx] + args, capture_output=True, cwd=fixture)
    if p.returncode not in ok:
        failures.append("mttx %s exited %d: %s" % (" ".join(args), p.returncode,
                                                     p.stderr.decode(errors="replace")))
    return p


def outputs(d, anon):
    extra = ["--anonymize"] if anon else []
    run(["report", "-f", "md,html,json,csv", "-o", d + "/report"] + extra + COMMON + INPUTS)
    run(["audit", "-f", "md,csv,json", "-o", d + "/audit"] + extra + COMMON + INPUTS)
    for inc in ("INC-1", "INC-2", "#201"):
        out = "%s/timeline-%s" % (d, inc.strip("#"))
        run(["timeline", "-f", "md", "-o", out] + extra + COMMON + [inc] + INPUTS)
        run(["timeline", "-f", "json", "-o", out] + extra + COMMON + [inc] + INPUTS)
    run(["timeline", "--names", "--postmortem", d + "/drafts", "-o", d + "/t"] + extra + COMMON +
        ["INC-1"] + INPUTS)
    run(["handoff", "-o", d + "/handoff"] + extra + COMMON + INPUTS)
    files = {}
    for base, _, names in os.walk(d):
        for n in names:
            p = os.path.join(base, n)
            # the provenance records the command line, -o DIR included (in Markdown an _
            # of the random directory's name may be escaped: compared without the escape)
            text = open(p, "rb").read().decode("utf-8")
            if n.endswith(".md"):
                text = text.replace("\\_", "_")
            files[os.path.relpath(p, d)] = text.replace(d, "$D")
    return files


def strings(v):
    if isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, str):
        yield v


def readings(name, text):
    """The text as written and as a reader of its format sees it."""
    yield text
    if name.endswith(".json"):
        yield "\n".join(strings(json.loads(text)))
    if name.endswith((".html", ".svg")):
        yield html.unescape(text)
    if name.endswith(".md"):
        yield re.sub(r"\\(.)", r"\1", text)


# a name as a word: not inside a longer word ("grace" is in "Graceful", which is not her)
WORDY = "A-Za-z0-9_\u0080-\U0010ffff"
patterns = {p: re.compile("(?<![%s])%s(?![%s])" % (WORDY, re.escape(p), WORDY), re.IGNORECASE)
            for p in people}


def found(files):
    hits = {}
    for name, text in files.items():
        for r in readings(name, text):
            for person, pattern in patterns.items():
                if pattern.search(r):
                    hits.setdefault(person, set()).add(name)
    return hits


with tempfile.TemporaryDirectory() as d:
    plain = outputs(d + "/plain", False)
    anon = outputs(d + "/anon", True)

expected = {"report/report.md", "report/report.html", "report/report.json", "report/incidents.csv",
            "audit/audit.md", "audit/audit.csv", "audit/audit.json", "handoff/handoff.md",
            "timeline-INC-1/timeline.md", "timeline-INC-1/timeline.json",
            "timeline-INC-2/timeline.md", "timeline-201/timeline.md"}
for name in sorted(expected - set(anon)):
    failures.append("--anonymize wrote no %s" % name)
if not any(n.startswith("drafts/") for n in anon):
    failures.append("--anonymize wrote no postmortem draft")
if not any(n.startswith("report/charts/") for n in anon):
    failures.append("no chart was drawn: the SVGs are not checked")

# the search can fail: without --anonymize every name is in some output
plain_hits = found(plain)
for person in people:
    if person not in plain_hits:
        failures.append("without --anonymize no output names %r: the fixture does not test it"
                        % person)
# a name cut short where a diagnostic stops quoting ("... Zoë Fa...")
if not any("Zoë Fa..." in t for t in plain.values()):
    failures.append("no output quotes the cut name: the fixture does not test it")
for name, text in sorted(anon.items()):
    if "Zoë Fa" in text or "Zo\\u00eb Fa" in text:
        failures.append("--anonymize leaves a cut name in %s" % name)
for person, names in sorted(found(anon).items()):
    failures.append("--anonymize leaves %r in %s" % (person, ", ".join(sorted(names))))

# the outputs say so
report = json.loads(anon["report/report.json"])
if report.get("anonymized") != {"people": 6}:
    failures.append("report.json anonymized is %r, not {'people': 6}" % report.get("anonymized"))
if json.loads(plain["report/report.json"]).get("anonymized", 0) is not None:
    failures.append("report.json without --anonymize: anonymized is not null")
for name in ("report/report.md", "report/report.html", "audit/audit.md", "handoff/handoff.md"):
    if "named by pseudonyms, responder-1 to responder-6" not in re.sub(r"\\(.)", r"\1", anon[name]):
        failures.append("%s does not say that people are named by pseudonyms" % name)
# a service that acted (a PagerDuty agent of type service_reference) is not a person
if "checkout-api" not in report["by_service"]:
    failures.append("the service checkout-api was anonymized: %r" % list(report["by_service"]))
# the figures are those of the plain report: only names change
plain_report = json.loads(plain["report/report.json"])
for key in ("incidents", "noise", "metrics", "comparison", "rates", "compliance"):
    if report.get(key) != plain_report.get(key):
        failures.append("report.json %s differs with --anonymize" % key)
for key in ("by_service", "by_team"):
    if sorted(map(json.dumps, report[key].values())) != sorted(map(json.dumps, plain_report[key].values())):
        failures.append("report.json %s figures differ with --anonymize" % key)
strip = lambda rows: [{k: v for k, v in x.items() if k not in ("title", "services")} for x in rows]
if strip(report["recurring"]) != strip(plain_report["recurring"]):
    failures.append("recurring incidents differ with --anonymize: %r vs %r"
                    % (report["recurring"], plain_report["recurring"]))
people_figures = lambda r: sorted(json.dumps({k: v for k, v in x.items() if k != "name"})
                                  for x in r["oncall"]["people"])
if people_figures(report) != people_figures(plain_report):
    failures.append("the on-call figures differ with --anonymize")
# pseudonyms by first appearance in time order; words that only contain a name stay
got = sorted((p["name"] for p in report["oncall"]["people"]), key=lambda s: int(s.split("-")[1]))
if got != ["responder-%d" % i for i in range(1, 7)]:
    failures.append("on-call people are %r, not responder-1..6" % got)
t1 = json.loads(anon["timeline-INC-1/timeline.json"])
actors = [e.get("actor") for e in t1["events"]]
for want in ("responder-1", "responder-2", "responder-3", "datadog"):
    if want not in actors:
        failures.append("INC-1's actors %r lack %s" % (actors, want))
md = anon["report/report.md"] + anon["report/incidents.csv"]
for keep in ("Graceful shutdown hangs", "responder-3-notes"):
    if keep not in re.sub(r"\\(.)", r"\1", md):
        failures.append("the report lacks %r" % keep)
# each person's on-call figures under the pseudonym the fixture's README gives
numbering = {"Bjørn O'Neil": 1, "Li Wei": 2, "grace": 3, "Ana Lima": 4, "Zoë Fairchild": 5,
             "li wei": 6}
figures = lambda x: {k: v for k, v in x.items() if k != "name"}
plain_people = {x["name"]: figures(x) for x in json.loads(plain["report/report.json"])["oncall"]["people"]}
anon_people = {x["name"]: figures(x) for x in report["oncall"]["people"]}
for person, k in numbering.items():
    if anon_people.get("responder-%d" % k) != plain_people.get(person):
        failures.append("responder-%d's figures are not %s's" % (k, person))
# Zoë is responder-5: her first event (a note in INC-1, detected first) is after Ana's
# first (in INC-2)
if "Notified responder-5 by email" not in anon["timeline-201/timeline.md"].replace("\\", ""):
    failures.append("a PagerDuty summary 'Notified ... by email' is not anonymized in place")
# the same data gives the same pseudonyms
with tempfile.TemporaryDirectory() as d:
    again = outputs(d, True)
for name in sorted(anon):
    if again.get(name) != anon[name] and not name.startswith("drafts/"):
        failures.append("%s differs between two --anonymize runs" % name)

for f in failures:
    print("FAIL:", f)
print("%d files checked, %d failures" % (len(anon), len(failures)))
sys.exit(1 if failures else 0)
