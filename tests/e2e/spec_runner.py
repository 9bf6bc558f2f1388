#!/usr/bin/env python3
"""Runs parser examples written in cmark's spec.txt block style.

Usage: spec_runner.py MTTX FILE   (exit 0: every example passed; 1: a failure, a
malformed example or a file without examples; 2: usage)

An example:

    ```````````````````````````````` example [INPUT] [exit=N] [ARG...]
    the lines of INPUT
    === NAME
    the lines of another file NAME (optional; as many as needed)
    .
    the expected output: stdout, then stderr
    ````````````````````````````````

The words after 'example' are all optional (split like a shell does): the name of
the input file (default in.jsonl), exit=N (the expected exit status, default 0), then
the extra arguments, every word from the first one starting with '-' on. The runner
writes the files into an empty temporary directory and runs, there, with TZ=UTC
LC_ALL=C and nothing else in the environment:

    mttx check --debug-dump-events [ARG...] INPUT

A line '=== NAME' starts the file NAME (a relative path); the lines before the first
such line belong to INPUT, so INPUT comes first, or anywhere as '=== INPUT'. A config
file is an extra file named by the arguments: `example app.log --config mttx.ini`.

The expected part is compared byte for byte with stdout followed by stderr, blank
lines included, and the exit status must match. In both parts every line ends with a
newline, except one followed by the line '\\ No newline at end of file' (diff's
words); an empty part is an empty file or no output. '→' stands for a TAB, '␍' for a
CR (a CRLF line is written 'text␍'), and '<BOM>' at the start of a file for a UTF-8
byte order mark. A line '.' or '=== ...' cannot be written in an input file.

A failure prints FILE:LINE (the example's fence line): example failed, then what was
wanted and what was got. A malformed example (no '.' before the closing fence, no
closing fence, an unknown fence word, a file named twice) prints FILE:LINE: malformed
example: WHY and fails the run, as does a file with no example at all.
"""
import difflib
import os
import shlex
import subprocess
import sys
import tempfile

FENCE = "`" * 32
OPEN = FENCE + " example"
SEP = "."
FILE_MARK = "=== "
NO_EOL = "\\ No newline at end of file"
DEFAULT_INPUT = "in.jsonl"


class Malformed(Exception):
    pass


def is_open(line):
    return line == OPEN or (line.startswith(OPEN) and line[len(OPEN)].isspace())


def is_close(line):
    return line.rstrip() == FENCE


def content(lines, where):
    """The bytes a part of an example stands for (see the docstring)."""
    out = []
    for n, line in enumerate(lines):
        if line == NO_EOL:
            if n == 0 or n != len(lines) - 1:
                raise Malformed("%s: '%s' must follow the last line" % (where, NO_EOL))
            out[-1] = out[-1][:-1]
            continue
        if n == 0 and line.startswith("<BOM>"):
            line = "\ufeff" + line[len("<BOM>"):]
        out.append(line.replace("→", "\t").replace("␍", "\r") + "\n")
    return "".join(out).encode("utf-8")


def shown(data):
    """Output bytes as the lines an example would write for them."""
    text = data.decode("utf-8", "replace").replace("\t", "→").replace("\r", "␍")
    if text == "":
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        return lines[:-1]
    return lines + [NO_EOL]


def parse_fence(line):
    words = shlex.split(line[len(OPEN):])
    ex = {"input": None, "exit": 0, "args": []}
    for i, w in enumerate(words):
        if w.startswith("-"):
            ex["args"] = words[i:]
            break
        if w.startswith("exit="):
            if not w[5:].isdigit():
                raise Malformed("exit status %r is not a number" % w[5:])
            ex["exit"] = int(w[5:])
        elif ex["input"] is None:
            ex["input"] = w
        else:
            raise Malformed("unexpected word %r on the fence line (arguments start with '-')" % w)
    ex["input"] = ex["input"] or DEFAULT_INPUT
    return ex


def safe_name(name):
    parts = name.split("/")
    return name and not name.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def split_files(ex, lines):
    """INPUT's lines, then '=== NAME' sections -> {name: bytes}."""
    names, parts = [ex["input"]], [[]]
    for line in lines:
        if line.startswith(FILE_MARK):
            name = line[len(FILE_MARK):].strip()
            if not safe_name(name):
                raise Malformed("bad file name %r (a relative path, no '..')" % name)
            if name in names[1:] or (name == ex["input"] and parts[0]):
                raise Malformed("file %r is given twice" % name)
            if name == ex["input"]:
                del names[0], parts[0]
            names.append(name)
            parts.append([])
        else:
            parts[-1].append(line)
    if not safe_name(ex["input"]):
        raise Malformed("bad input name %r (a relative path, no '..')" % ex["input"])
    return {n: content(p, "file " + n) for n, p in zip(names, parts)}


def examples(path):
    """Yields (fence line number, example) or (line number, Malformed)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if not is_open(lines[i]):
            i += 1
            continue
        at, j = i + 1, i + 1
        while j < len(lines) and lines[j] != SEP and not is_close(lines[j]) and not is_open(lines[j]):
            j += 1
        if j == len(lines) or is_open(lines[j]):
            yield at, Malformed("no closing fence")
            i = j
            continue
        if is_close(lines[j]):
            yield at, Malformed("no '.' line between the input and the expected output")
            i = j + 1
            continue
        k = j + 1
        while k < len(lines) and not is_close(lines[k]) and not is_open(lines[k]):
            k += 1
        if k == len(lines) or is_open(lines[k]):
            yield at, Malformed("no closing fence")
            i = k
            continue
        try:
            ex = parse_fence(lines[i])
            ex["files"] = split_files(ex, lines[i + 1:j])
            ex["want"] = content(lines[j + 1:k], "expected output")
            yield at, ex
        except Malformed as e:
            yield at, e
        i = k + 1


def run(mttx, ex):
    with tempfile.TemporaryDirectory() as d:
        for name, data in ex["files"].items():
            full = os.path.join(d, name)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
        cmd = [mttx, "check", "--debug-dump-events"] + ex["args"] + [ex["input"]]
        try:
            p = subprocess.run(cmd, cwd=d, capture_output=True, timeout=60,
                               env={"TZ": "UTC", "LC_ALL": "C"})
        except subprocess.TimeoutExpired:
            return None, b"(timed out after 60 s)\n"
        return p.returncode, p.stdout + p.stderr


def block(lines):
    return "".join("    |%s\n" % l for l in lines) if lines else "    (nothing)\n"


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: spec_runner.py MTTX FILE\n")
        return 2
    mttx, spec = os.path.abspath(sys.argv[1]), sys.argv[2]
    failed = passed = 0
    for lineno, ex in examples(spec):
        if isinstance(ex, Malformed):
            failed += 1
            print("%s:%d: malformed example: %s" % (spec, lineno, ex))
            continue
        status, got = run(mttx, ex)
        if got == ex["want"] and status == ex["exit"]:
            passed += 1
            continue
        failed += 1
        print("%s:%d: example failed" % (spec, lineno))
        print("  command: mttx check --debug-dump-events %s" % " ".join(map(shlex.quote, ex["args"] + [ex["input"]])))
        if status != ex["exit"]:
            print("  want exit %d, got exit %s" % (ex["exit"], status))
        if got != ex["want"]:
            want_l, got_l = shown(ex["want"]), shown(got)
            sys.stdout.write("  want:\n" + block(want_l) + "  got:\n" + block(got_l))
            diff = list(difflib.unified_diff(want_l, got_l, "want", "got", lineterm="", n=0))
            sys.stdout.write("  diff:\n" + "".join("    %s\n" % l for l in diff))
    if passed + failed == 0:
        print("%s: no examples" % spec)
        return 1
    print("%s: %d passed, %d failed" % (spec, passed, failed))
    return 1 if failed else 0


sys.exit(main())
