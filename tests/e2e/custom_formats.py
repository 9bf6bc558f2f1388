#!/usr/bin/env python3
"""Custom line formats ([format NAME] in the config, PCRE2):
- a chat bot's log read with fixtures/custom/mttx.ini gives the same timelines and metrics
  as the same incidents in native JSON lines (fixtures/custom/native-equivalent.jsonl);
- lines that do not match, and times that do not parse, are rejected with file:line and
  counted; a syslog-style log is chosen by its files glob;
- --input-format forces a format on any file name; an unknown one is a usage error;
- config errors name the file, the line and the pattern offset;
- a catastrophically backtracking pattern on long lines hits the match limit (its own
  rejection reason) and the file is abandoned after the budget, well inside the timeout."""
import json
import os
import shutil
import sys
import tempfile

from mttxcheck import Checker

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
cu = os.path.join(root, "fixtures", "custom")
ini = os.path.join(cu, "mttx.ini")


checker = Checker(mttx)
failures = checker.failures
run = checker.run
expect = checker.expect


def report(*args, ok=(0,)):
    """report.json, with its incidents' timelines (timelines.jsonl) under "timelines"."""
    p = run("report", "--as-of", "2026-05-01", "-o", "-", "-f", "json", *args)
    if p.returncode not in ok:
        failures.append("report %r exited %d: %s" % (args, p.returncode, p.stderr))
        return None, p.stderr
    d = json.loads(p.stdout)
    t = run("report", "--as-of", "2026-05-01", "-o", "-", "-f", "timelines", *args)
    d["timelines"] = [json.loads(line) for line in t.stdout.splitlines()]
    return d, p.stderr




keys = ["incident", "severity", "service", "title", "month", "detected_at", "acknowledged_at",
        "mitigated_at", "resolved_at", "open", "postmortem_status", "postmortem_deadline"]


def equivalent(log, native, n, label):
    """The custom-format log and its native JSON lines: the same n timelines (on every
    key above) and the same metrics. Returns the custom run's report and stderr."""
    a, err = report("--config", ini, os.path.join(cu, log))
    b, _ = report(os.path.join(cu, native))
    if not (a and b):
        return None, err
    ta, tb = a["timelines"], b["timelines"]
    expect(len(ta) == len(tb) == n, "%s timelines: %d custom, %d native" % (label, len(ta), len(tb)))
    for x, y in zip(ta, tb):
        for k in keys:
            expect(x.get(k) == y.get(k), "%s %s: %s is %r custom, %r native"
                   % (label, x["incident"], k, x.get(k), y.get(k)))
    expect(a["metrics"] == b["metrics"], "%s metrics differ" % label)
    return a, err


def reasons_of(a):
    return {k: v for k, v in a["inputs"][0]["rejected_by_reason"].items() if v}


a, err = equivalent("chatbot.log", "native-equivalent.jsonl", 3, "chatbot")
if a:
    expect(a["totals"]["rejected"] == 2, "rejected: %r" % a["totals"]["rejected"])
    expect(reasons_of(a) == {"no_match": 1, "bad_time": 1}, "reasons: %r" % reasons_of(a))
    where = sorted(r["message"].split(": ")[0].rsplit("/", 1)[-1] for r in a["rejections"])
    expect(where == ["chatbot.log:11", "chatbot.log:6"], "rejection positions: %r" % where)
    expect(a["inputs"][0]["format"] == "custom", "format: %r" % a["inputs"][0]["format"])
# The same with names in many scripts (accents, CJK, emoji) in every group: the JIT of
# Debian 12's PCRE2 failed every such line when patterns used PCRE2_MATCH_INVALID_UTF.
# One line with a Latin-1 byte is rejected as invalid UTF-8 with its column.
a, err_intl = equivalent("chatbot-intl.log", "native-intl.jsonl", 2, "intl")
if a:
    ta = a["timelines"]
    expect(reasons_of(a) == {"invalid_utf8": 1}, "intl reasons: %r" % reasons_of(a))
    expect(ta[0]["title"] == "Paiements refusés — « carte » invalide", "intl title: %r" % ta[0]["title"])
    expect(ta[1]["service"] == "決済サービス", "intl service: %r" % ta[1]["service"])
expect("chatbot-intl.log:5: error: invalid UTF-8 at column 50" in err_intl,
       "stderr lacks the invalid UTF-8 line:\n%s" % err_intl)

for line in ["chatbot.log:6: error: does not match format incbot",
             "chatbot.log:11: error: group 'time': month out of range"]:
    expect(line in err, "stderr lacks %r:\n%s" % (line, err))

# both formats by their globs; the syslog file's chatter line is rejected, "snoozed" kept as a note
c, err = report("--config", ini, os.path.join(cu, "chatbot.log"), os.path.join(cu, "incidentd.log"))
if c:
    expect([i["format"] for i in c["inputs"]] == ["custom", "custom"], "inputs: %r" % c["inputs"])
    expect(c["totals"]["rejected"] == 3, "two logs: rejected %r" % c["totals"]["rejected"])
    expect("incidentd.log:4: error: does not match format syslog" in err, "syslog stderr: " + err)
    expect("incidentd.log:6: warning: unknown event type \"snoozed\"" in err, "syslog stderr: " + err)

with tempfile.TemporaryDirectory() as tmp:
    bot = os.path.join(tmp, "bot-export.txt")
    shutil.copy(os.path.join(cu, "chatbot.log"), bot)
    # read as JSON lines, every line rejected: nothing accepted is exit 1 (report written)
    d, _ = report("--config", ini, bot, ok=(1,))
    expect(d and d["inputs"][0]["format"] == "jsonl", "no glob match must not pick a format")
    d, _ = report("--config", ini, "--input-format", "incbot", bot)
    expect(d and d["totals"]["accepted"] == 12, "--input-format incbot: %r" % (d and d["totals"]))
    # blank lines (spaces, tabs) are not records; a NUL byte rejects its line with the column
    odd = os.path.join(tmp, "chatbot-odd.log")
    with open(odd, "wb") as f:
        f.write(b"[2026-03-02 09:00:00] incbot: INC-1 opened :: a\n \t \n\n"
                b"[2026-03-02 09:01:00] incbot: INC-1 ack\x00 by @x\n")
    p = run("check", "--config", ini, odd)
    expect(p.returncode == 0 and "chatbot-odd.log:4: error: NUL byte at column 40" in p.stderr
           and " 2 " in p.stdout.splitlines()[1], "blank/NUL lines: %s %s" % (p.stdout, p.stderr))
    p = run("check", "--config", ini, "--input-format", "nope", bot)
    expect(p.returncode == 2 and "--input-format nope: no [format nope] section" in p.stderr,
           "unknown --input-format: %d %s" % (p.returncode, p.stderr))

    def config_error(text, want):
        checker.config_error(tmp, text, want, bot)

    config_error("[format x]\nfiles = *\npattern = ^(?<time>\\S+) (?<event>\\w+)$\n",
                 "bad.ini:3: [format x] pattern: the pattern has no (?<incident>...) group")
    config_error("[format x]\n\npattern = ^(?<time>\\S+ (?<incident>\\w+) (?<event>\\w+)$\n",
                 "bad.ini:3: [format x] pattern: the pattern does not compile: missing closing parenthesis at offset 44")
    config_error("[format x]\nfiles = *\n", "bad.ini: [format x] has no pattern")
    config_error("[format x]\npattern = (?<time>.)(?<incident>.)(?<event>.)\ntime_format = iso\n",
                 "bad.ini:3: [format x] time_format: expected rfc3339, epoch, epoch_ms or a layout")
    config_error("[format x]\npattern = (?<time>.)(?<incident>.)(?<event>.)\nowner = me\n",
                 "bad.ini:3: unknown key \"owner\" in [format x]")

    cat_ini = os.path.join(tmp, "cat.ini")
    with open(cat_ini, "w") as f:
        f.write("[format cat]\nfiles = *.txt\npattern = ^(?<time>)(?<incident>)(?<event>)(a+)+$\n")
    cat = os.path.join(tmp, "cat.txt")
    with open(cat, "w") as f:
        f.write(("a" * 20000 + "b\n") * 500)
    p = run("report", "--as-of", "2026-04-01", "--config", cat_ini, "-o", "-", "-f", "json", cat, timeout=30)
    expect(p.returncode == 1, "catastrophic pattern: exit %d" % p.returncode)
    expect(p.stdout != "", "catastrophic pattern: no report.json on stdout")
    if p.stdout:  # (the line above already failed the test when it is empty)
        e = json.loads(p.stdout)
        reasons = e["inputs"][0]["rejected_by_reason"]
        expect(reasons.get("regex_limit") == 100, "catastrophic reasons: %r" % reasons)
    expect("hit its match limits on 100 lines" in p.stderr, "no abandon message: " + p.stderr[-300:])

for f in failures:
    print("FAIL:", f)
print("custom_formats: %d failures" % len(failures))
sys.exit(1 if failures else 0)
