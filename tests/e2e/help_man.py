#!/usr/bin/env python3
"""--help and the man page agree: every option some command's --help offers is in
docs/mttx.1, and every option the man page lists is offered by some command; `mttx help
COMMAND` is `mttx COMMAND --help`; -V is --version; the man page names every command,
SOURCE_DATE_EPOCH and the exit statuses."""
import os
import re
import subprocess
import sys

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
man = open(os.path.join(root, "docs/mttx.1"), encoding="utf-8").read()
failures = []
commands = ["report", "audit", "timeline", "handoff", "check"]


def run(*args):
    return subprocess.run([mttx] + list(args), capture_output=True, text=True)


helped = set()
for c in commands:
    h = run(c, "--help")
    if h.returncode != 0:
        failures.append("%s --help exited %d" % (c, h.returncode))
    if run("help", c).stdout != h.stdout:
        failures.append("mttx help %s differs from mttx %s --help" % (c, c))
    # option definitions: lines that start with spaces and a dash
    for line in h.stdout.splitlines():
        m = re.match(r"\s+(?:-\w, )?(--[a-z][a-z-]*)", line)
        if m:
            helped.add(m.group(1))
in_man = set(o.replace("\\-", "-") for o in re.findall(r"\\-\\-[a-z][a-z\\-]*[a-z]", man))
for opt in sorted(helped - in_man):
    failures.append("%s is in --help but not in docs/mttx.1" % opt)
for opt in sorted(in_man - helped):
    failures.append("%s is in docs/mttx.1 but no command's --help offers it" % opt)
for word in commands + ["SOURCE_DATE_EPOCH", "EXIT STATUS"]:
    if word not in man:
        failures.append("docs/mttx.1 does not mention %s" % word)
if run("-V").stdout != run("--version").stdout or not run("-V").stdout.startswith("mttx "):
    failures.append("-V is not --version")
for f in failures:
    print("FAIL:", f)
print("help_man: %d options, %d failures" % (len(helped), len(failures)))
sys.exit(1 if failures else 0)
