#!/usr/bin/env python3
"""The README's examples work as written. Its transcripts (```text blocks of `$ command`
lines, each followed by what it prints, stdout and stderr as a terminal shows them, and
`$ echo $?` by the status) are run and compared line for line; its ```sh blocks' mttx
commands are run where logs/ and exports/ are the demo data, and must succeed (exit 3 is
a gate that failed, for a command with --fail-on; `|| ...` is bash's). Everything runs in
a temporary directory where fixtures/ is the repository's, so nothing is written into
the tree."""
import os
import re
import subprocess
import sys
import tempfile

mttx, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
failures = []
ran = 0

with tempfile.TemporaryDirectory() as d:
    bindir = os.path.join(d, "bin")
    os.mkdir(bindir)
    os.symlink(mttx, os.path.join(bindir, "mttx"))
    for name, target in (("fixtures", "fixtures"), ("logs", "fixtures/demo"),
                         ("exports", "fixtures/demo")):
        os.symlink(os.path.join(root, target), os.path.join(d, name))
    env = dict(os.environ, PATH=bindir + ":" + os.environ["PATH"], TZ="UTC", LC_ALL="C",
               SOURCE_DATE_EPOCH="1795651200")

    def sh(cmd):
        return subprocess.run(["bash", "-c", cmd + " 2>&1"], cwd=d, env=env, capture_output=True,
                              text=True)

    for lang, block in re.findall(r"```(\w*)\n(.*?)```", readme, re.S):
        lines = block.rstrip("\n").split("\n")
        if any(l.startswith("$ ") for l in lines):  # a transcript
            i, status = 0, None
            while i < len(lines):
                if not lines[i].startswith("$ "):
                    i += 1
                    continue
                cmd = lines[i][2:]
                j = i + 1
                while j < len(lines) and not lines[j].startswith("$ "):
                    j += 1
                want = lines[i + 1:j]
                if cmd == "echo $?":
                    if want != [str(status)]:
                        failures.append("README: exit %s, the transcript says %r" % (status, want))
                else:
                    p = sh(cmd)
                    ran += 1
                    status = p.returncode
                    got = p.stdout.rstrip("\n").split("\n") if p.stdout.strip() else []
                    # a transcript may stop before the end of the output (a long table);
                    # one that shows nothing and no `echo $?` must succeed
                    shows_status = j < len(lines) and lines[j] == "$ echo $?"
                    if not want and not shows_status and status != 0:
                        failures.append("README: `%s` exited %d: %s" % (cmd, status, p.stdout[-300:]))
                    if want and got[:len(want)] != want:
                        failures.append("README: `%s` prints\n%s\n  the README shows\n%s"
                                        % (cmd, "\n".join(got[:len(want) + 2]), "\n".join(want)))
                i = j
            continue
        if lang != "sh":
            continue
        joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
        for line in joined.split("\n"):
            line = line.split("  #")[0].strip()
            if "mttx " not in line or "[OPTIONS]" in line or "COMMAND" in line:
                continue
            if line.startswith(("scripts/", "sudo ")):
                continue
            p = sh(line)
            ran += 1
            ok = (0, 3) if "--fail-on" in line else (0,)
            if p.returncode not in ok:
                failures.append("README: `%s` exited %d: %s" % (line, p.returncode, p.stdout[-400:]))

for f in failures:
    print("FAIL:", f)
print("readme_examples: %d commands, %d failures" % (ran, len(failures)))
sys.exit(1 if failures else 0)
