#!/usr/bin/env python3
"""report.md (and audit.md, handoff.md, timeline.md) render safely: the injection fixture
(titles, services, ids and a file name built to break out of Markdown, titles that start
with a heading, list or quote marker) is rendered with cmark-gfm and its GFM
extensions; no link, image, raw HTML, strikethrough or extra table cell may come from
input, every table keeps its column count, and every title survives as text."""
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
fixture = os.path.join(root, "fixtures/injection")
titles = json.load(open(os.path.join(fixture, "titles.json"), encoding="utf-8"))
failures = []


class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.rows, self.cells, self.in_table, self.text = [], [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        # mttx's own chart images (charts/*.svg) are the only images allowed
        if tag == "img" and dict(attrs).get("src", "").startswith("charts/"):
            tag = "chart-img"
        self.tags.append(tag)
        if tag == "table":
            self.in_table += 1
            self.rows.append([])
        elif tag == "tr":
            self.cells = 0
        elif tag in ("td", "th"):
            self.cells += 1

    def handle_endtag(self, tag):
        if tag == "tr":
            self.rows[-1].append(self.cells)

    def handle_data(self, data):
        self.text.append(data)


with tempfile.TemporaryDirectory() as d:
    p = subprocess.run([mttx, "report", "-q", "--as-of", "2026-06-01", "-o", d, fixture])
    if p.returncode != 0:
        failures.append("mttx exited %d" % p.returncode)
    md = open(os.path.join(d, "report.md"), encoding="utf-8").read()
    out = subprocess.run(["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough",
                          "-e", "tagfilter", "--unsafe"],
                         input=md.encode("utf-8"), capture_output=True, check=True).stdout
    rendered = out.decode("utf-8")



def render(text):
    return subprocess.run(["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough",
                           "-e", "tagfilter", "--unsafe"],
                          input=text.encode("utf-8"), capture_output=True, check=True).stdout.decode("utf-8")


# the other Markdown outputs escape the same way: nothing from input becomes markup
for name, args in (("audit.md", ["audit", "-f", "md"]), ("handoff.md", ["handoff"]),
                   ("timeline.md", ["timeline", "--as-of", "2026-06-01", "INJ-21"])):
    if args[0] == "timeline":
        p = subprocess.run([mttx] + args[:1] + ["-q", "-o", "-"] + args[1:] + [fixture],
                           capture_output=True)
    else:
        p = subprocess.run([mttx] + args + ["-q", "--as-of", "2026-06-01", "-o", "-", fixture],
                           capture_output=True)
    if p.returncode != 0:
        failures.append("%s: mttx exited %d %s" % (name, p.returncode, p.stderr[-200:]))
        continue
    other = Tables()
    other.feed(render(p.stdout.decode("utf-8")))
    # (our own text uses **bold**: a title made bold would lose its asterisks, which the
    # report's titles-as-text check below sees)
    for bad in ("a", "img", "script", "del", "svg", "em", "ol", "blockquote"):
        if bad in other.tags:
            failures.append("rendered %s contains <%s>" % (name, bad))
    for i, rows in enumerate(other.rows):
        if len(set(rows)) != 1:
            failures.append("%s: table %d has rows of different widths: %s" % (name, i, rows))

t = Tables()
t.feed(rendered)
for bad in ("a", "img", "script", "del", "svg", "em", "ol", "blockquote",
            "h1" if rendered.count("<h1>") > 1 else "-"):
    if bad in t.tags:
        failures.append("rendered report contains <%s>" % bad)
if rendered.count("<h1>") != 1:
    failures.append("expected exactly one <h1>")
for i, rows in enumerate(t.rows):
    if len(set(rows)) != 1:
        failures.append("table %d has rows of different widths: %s" % (i, rows))


def pipes(line):
    """Unescaped | of a raw Markdown line (a | after an odd run of backslashes is text)."""
    n, run = 0, 0
    for ch in line:
        if ch == "|" and run % 2 == 0:
            n += 1
        run = run + 1 if ch == "\\" else 0
    return n


# cmark-gfm pads or drops cells to the header's width, so the rendered table cannot show
# an injected cell: count the separators in the raw lines of each table instead
tables, current = [], []
for line in md.split("\n") + [""]:
    if line.startswith("|"):
        current.append(line)
    elif current:
        tables.append(current)
        current = []
for i, lines in enumerate(tables):
    widths = [pipes(l) for l in lines]
    if len(set(widths)) != 1:
        bad = [l for l, w in zip(lines, widths) if w != widths[0]]
        failures.append("raw table %d: a row has %d separators, the header %d: %r"
                        % (i, [w for w in widths if w != widths[0]][0], widths[0], bad[0][:160]))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
text = "".join(t.text).replace("\u200b", "")  # the parser already decoded entities
for title in titles:
    # line breaks become spaces; controls become U+FFFD; the rest survives verbatim
    want = title.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    want = "".join("\ufffd" if (ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0) else c for c in want)
    if want not in text:
        failures.append("title not rendered as text: %r" % title)
    # a title with a bidirectional control is isolated (U+2068 ... U+2069) so it cannot
    # reorder the rest of its table row
    if any(c in title for c in BIDI) and "\u2068" + want + "\u2069" not in text:
        failures.append("title with a bidirectional control not isolated: %r" % title)
# every bidirectional control of the input sits inside an isolate mttx opened (U+2068)
# and closed (U+2069) on the same line: it cannot reorder the rest of the row
for n, line in enumerate(md.split("\n"), 1):
    depth = 0
    for c in line:
        if c in "\u2066\u2067\u2068":
            if depth == 0 and c != "\u2068":
                failures.append("report.md:%d: U+%04X outside an isolate" % (n, ord(c)))
            depth += 1
        elif c == "\u2069":
            if depth == 0:
                failures.append("report.md:%d: U+2069 closes no isolate" % n)
            depth = max(depth - 1, 0)
        elif c in BIDI and depth == 0:
            failures.append("report.md:%d: U+%04X outside an isolate" % (n, ord(c)))
    if depth:
        failures.append("report.md:%d: %d isolates left open" % (n, depth))
# the right-to-left override of the injection fixture, isolated, its own isolate closed
if "\u2068invoice\u202efdp.exe \ufffd2J\u2066isolate\u2069\u2069" not in text:
    failures.append("report.md: the right-to-left title is not isolated")
if os.path.exists("/tmp/mttx-pwned"):
    failures.append("marker file /tmp/mttx-pwned exists")
for f in failures:
    print("FAIL:", f)
print("md_safety: %d titles checked, %d tables, %d failures" % (len(titles), len(t.rows), len(failures)))
sys.exit(1 if failures else 0)
