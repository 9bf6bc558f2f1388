#!/usr/bin/env python3
"""Runs parser examples written in cmark's spec.txt block style.

Each example is an input (the lines of one file, in.jsonl), a line holding a single
'.', and the expected output of `mttx check --debug-dump-events in.jsonl`: first the
normalized events (stdout, one per line: position, UTC time, incident, type, severity,
then extras), then the diagnostics (stderr: in.jsonl:LINE: error|warning: REASON).
A '→' in an example stands for a TAB. Exit status 1 when any example fails.
"""
import os
import subprocess
import sys
import tempfile

FENCE = "`" * 32 + " example"
END = "`" * 32


def examples(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == FENCE:
            start = i + 1
            j = start
            while lines[j].strip() != ".":
                j += 1
            k = j + 1
            while lines[k].strip() != END:
                k += 1
            yield start + 1, lines[start:j], lines[j + 1:k]
            i = k
        i += 1


def main():
    mttx, spec = os.path.abspath(sys.argv[1]), sys.argv[2]
    failed = passed = 0
    for lineno, inp, want in examples(spec):
        with tempfile.TemporaryDirectory() as d:
            data = "".join(l.replace("→", "\t") + "\n" for l in inp).encode("utf-8")
            with open(os.path.join(d, "in.jsonl"), "wb") as f:
                f.write(data)
            p = subprocess.run([mttx, "check", "--debug-dump-events", "in.jsonl"], cwd=d,
                               capture_output=True, env={"TZ": "UTC", "LC_ALL": "C"})
            got = (p.stdout + p.stderr).decode("utf-8", "replace").rstrip("\n").split("\n")
            got = [g.replace("\t", "→") for g in got if g != ""]
            if got != want:
                failed += 1
                print("%s:%d: example failed" % (spec, lineno))
                print("  want:\n    " + "\n    ".join(want))
                print("  got:\n    " + "\n    ".join(got))
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
