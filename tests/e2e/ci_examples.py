#!/usr/bin/env python3
"""The CI examples of docs/ci.md work as written: every `mttx` command of their YAML
blocks is run (in order, as bash would: quotes, redirections, `|| true`) in a fresh
directory where exports/ is the demo data, with GITHUB_STEP_SUMMARY set and a fixed
SOURCE_DATE_EPOCH, and what each writes is checked: the annotations, the check JSON, the
report files, the summary and the JUnit file (parsed), the provenance (each input's
size and SHA-256 against hashlib's), and the exit statuses (the demo has missing
postmortems: the gate fails with 3)."""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
doc = open(os.path.join(root, "docs/ci.md"), encoding="utf-8").read()
failures = []
blocks = []  # the mttx commands of each example, run in a directory of its own
for block in re.findall(r"```yaml\n(.*?)```", doc, re.S):
    cmds = []
    for line in block.split("\n"):
        line = line.strip()
        if line.startswith("- "):
            line = line[2:].strip()
        if line.startswith("mttx "):
            cmds.append(line)
    blocks.append(cmds)
commands = [c for b in blocks for c in b]
if [len(b) for b in blocks] != [3, 2]:
    failures.append("docs/ci.md's examples have %r mttx commands, the test expects [3, 2]: %r"
                    % ([len(b) for b in blocks], blocks))

with tempfile.TemporaryDirectory() as top:
    bindir = os.path.join(top, "bin")
    os.mkdir(bindir)
    os.symlink(mttx, os.path.join(bindir, "mttx"))
    summary = os.path.join(top, "step-summary.md")
    env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"], GITHUB_STEP_SUMMARY=summary,
               SOURCE_DATE_EPOCH="1795651200", TZ="UTC", LC_ALL="C")  # 2026-11-26
    results, dirs = [], []
    for n, cmds in enumerate(blocks):
        d = os.path.join(top, "example-%d" % n)
        os.mkdir(d)
        os.symlink(os.path.join(os.path.abspath(root), "fixtures/demo"), os.path.join(d, "exports"))
        dirs.append(d)
        for cmd in cmds:
            results.append(subprocess.run(["bash", "-c", cmd], cwd=d, env=env, capture_output=True,
                                          text=True))
    d = dirs[0] if dirs else top
    want = {
        "mttx check -q -f github": 0, "mttx report -q -o mttx-report -f md,html,json,csv ": 3,
        "mttx report -q -f summary": 0, "mttx check -q -f json": 0,
        "mttx report -q -o mttx-report -f md,html,json,csv,summary": 3}
    for cmd, p in zip(commands, results):
        code = next((v for k, v in sorted(want.items(), key=lambda kv: -len(kv[0]))
                     if cmd.startswith(k)), None)
        if p.returncode != code:
            failures.append("%r exited %d, want %s: %s" % (cmd, p.returncode, code, p.stderr[-300:]))
    # GitHub: annotations on the demo's planted bad lines, then the counts
    gh = results[0].stdout.splitlines() if results else []
    if not any(l.startswith("::error file=exports/2025-12_to_2026-05.jsonl,line=41,") for l in gh):
        failures.append("no annotation of exports/...:41: %r" % gh[:3])
    if not gh or not gh[-1].startswith("::notice title=mttx::3 inputs, 3328 records read"):
        failures.append("the annotations do not end with the counts: %r" % gh[-1:])
    # the report files, the gates as JUnit (GitHub's example), the summary (GitLab's)
    out = os.path.join(d, "mttx-report")
    for f in ("report.md", "report.html", "report.json", "incidents.csv", "gates.xml"):
        if not os.path.exists(os.path.join(out, f)):
            failures.append("GitHub example: mttx-report/%s was not written" % f)
    gl = dirs[1] if len(dirs) > 1 else top
    for f in ("mttx-report/summary.md", "mttx-report/gates.xml", "mttx-check.json"):
        if not os.path.exists(os.path.join(gl, f)):
            failures.append("GitLab example: %s was not written" % f)
    try:
        suite = ET.parse(os.path.join(out, "gates.xml")).getroot().find("testsuite")
        cases = {c.get("name"): c for c in suite.findall("testcase")}
        if set(cases) != {"missing-postmortem", "response-compliance<90"}:
            failures.append("JUnit testcases %r" % sorted(cases))
        elif cases["missing-postmortem"].find("failure") is None:
            failures.append("JUnit: missing-postmortem did not fail")
    except (OSError, ET.ParseError, AttributeError) as e:
        failures.append("gates.xml: %s" % e)
    text = open(summary, encoding="utf-8").read() if os.path.exists(summary) else ""
    if "missing-postmortem: **failed**" not in text or "**Data quality:** 3 inputs" not in text:
        failures.append("the step summary lacks the gate or the data quality: %r" % text[:300])
    # the provenance: the command as given, and each file's size and SHA-256 as hashlib says
    try:
        rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
        if rep["mttx"]["command"][:3] != ["mttx", "report", "-q"] or rep["window"]["as_of_source"] != "SOURCE_DATE_EPOCH":
            failures.append("report.json provenance: %r %r" % (rep["mttx"], rep["window"]))
        for x in rep["inputs"]:
            data = open(os.path.join(d, x["path"]), "rb").read()
            if x["size"] != len(data) or x["sha256"] != hashlib.sha256(data).hexdigest():
                failures.append("%s: size/sha256 %r %r differ from the file's" % (x["path"], x["size"], x["sha256"]))
    except (OSError, KeyError, ValueError) as e:
        failures.append("report.json provenance: %s" % e)
    check = json.load(open(os.path.join(gl, "mttx-check.json"))) if os.path.exists(
        os.path.join(gl, "mttx-check.json")) else {}
    if check.get("schema") != "mttx-check/1" or check.get("totals", {}).get("rejected") != 7:
        failures.append("mttx-check.json: %r" % check.get("totals"))

for f in failures:
    print("FAIL:", f)
print("ci_examples: %d commands run, %d failures" % (len(commands), len(failures)))
sys.exit(1 if failures else 0)
