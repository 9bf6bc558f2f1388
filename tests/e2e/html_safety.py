#!/usr/bin/env python3
"""report.html and incidents.csv are safe with hostile input: the injection fixture
(titles, services, ids and a file name built to break out of HTML, SVG, gnuplot and
spreadsheets) must come out as text. No script element, no event handler attribute,
no external reference, the CSP meta tag present, every inline SVG parses as XML, every
title survives as text, no marker file appears, and CSV cells cannot start a formula.
Also: without gnuplot the report is still written, with a note for each chart."""
import csv
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
fixture = os.path.join(root, "fixtures/injection")
titles = json.load(open(os.path.join(fixture, "titles.json"), encoding="utf-8"))
failures = []


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.bad = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append("event handler %s on <%s>" % (k, tag))
            if k in ("src", "href", "xlink:href") and v and re.match(r"\s*(https?:|//|javascript:)", v):
                self.bad.append("external reference %s=%s" % (k, v))

    def handle_data(self, data):
        self.text.append(data)


def check_report(d, want_charts):
    page = open(os.path.join(d, "report.html"), encoding="utf-8").read()
    p = Page()
    p.feed(page)
    failures.extend(p.bad)
    if "script" in p.tags:
        failures.append("a <script> element")
    if "default-src 'none'" not in page:
        failures.append("no Content-Security-Policy")
    svgs = re.findall(r"<svg\b.*?</svg>", page, re.S)
    if len(svgs) != want_charts:
        failures.append("%d inline SVG charts, want %d" % (len(svgs), want_charts))
    for k, svg in enumerate(svgs):
        try:
            ET.fromstring(svg)
        except ET.ParseError as e:
            failures.append("chart %d is not well-formed XML: %s" % (k, e))
    text = "".join(p.text)
    for t in titles:
        want = t.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        want = "".join("\ufffd" if (ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0) else c for c in want)
        if want not in text:
            failures.append("title not rendered as text: %r" % t)
    # the parser above decodes entities, so it cannot tell whether & < > " ' were
    # escaped: look at the raw bytes for every title holding one of them
    for t in titles:
        if not any(ch in t for ch in "&<>\"'") or any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in t):
            continue
        esc = (t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               .replace('"', "&quot;").replace("'", "&#39;"))
        if esc not in page:
            failures.append("title not escaped as &amp; &lt; &gt; &quot; &#39;: %r" % t)
        if t in page:
            failures.append("title written raw: %r" % t)
    return page


with tempfile.TemporaryDirectory() as d:
    out = os.path.join(d, "out")
    p = subprocess.run([mttx, "report", "-q", "--as-of", "2026-06-01", "-f", "html,csv,md",
                        "-o", out, fixture], capture_output=True, text=True)
    if p.returncode != 0:
        failures.append("mttx exited %d: %s" % (p.returncode, p.stderr))
    check_report(out, 9)
    # bidirectional controls in input only ever appear inside <bdi> (they cannot reorder
    # the page around them)
    raw = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    outside = re.sub(r"<bdi>.*?</bdi>", "", raw, flags=re.S)
    for ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        if ch in outside:
            failures.append("report.html: U+%04X outside <bdi>" % ord(ch))
    if "<bdi>invoice\u202efdp.exe" not in raw:
        failures.append("report.html: the right-to-left title is not isolated in <bdi>")
    p = subprocess.run([mttx, "audit", "-q", "--as-of", "2026-06-01", "-f", "csv", "-o", out,
                        fixture], capture_output=True, text=True)
    if p.returncode != 0:
        failures.append("mttx audit exited %d: %s" % (p.returncode, p.stderr))
    for name in ("incidents.csv", "audit.csv"):
        rows = list(csv.reader(open(os.path.join(out, name), encoding="utf-8-sig", newline="")))
        for row in rows[1:]:
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
                    failures.append("%s: cell starts a formula: %r" % (name, cell))
                if "\0" in cell:
                    failures.append("%s: NUL byte in a cell: %r" % (name, cell))
        # the titles hidden behind a NUL byte are guarded like the plain one
        for want in ("'=HYPERLINK(\"http://x\",\"nul\")", "'=INJ-15"):
            if not any(cell == want for row in rows for cell in row):
                failures.append("%s: no cell %r (formula behind a NUL not neutralised)" % (name, want))
    rows = list(csv.reader(open(os.path.join(out, "incidents.csv"), encoding="utf-8", newline="")))
    if not any(cell.startswith("'=HYPERLINK") for row in rows for cell in row):
        failures.append("the =HYPERLINK title lost its neutralising quote")
    for want in ("'+cmd|' /C calc'!A0", "'@team", "'-chan"):
        if not any(cell == want for row in rows for cell in row):
            failures.append("incidents.csv: no cell %r" % want)
    for f in os.listdir(os.path.join(out, "charts")):
        try:
            ET.parse(os.path.join(out, "charts", f))
        except ET.ParseError as e:
            failures.append("charts/%s: %s" % (f, e))
    # without gnuplot: still written, a note instead of each chart, a warning
    bare = os.path.join(d, "bare")
    env = dict(os.environ, PATH="/nonexistent")
    p = subprocess.run([mttx, "report", "--as-of", "2026-06-01", "-o", bare, fixture],
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        failures.append("without gnuplot: exit %d" % p.returncode)
    if "warning: gnuplot" not in p.stderr:
        failures.append("without gnuplot: no warning on stderr: %r" % p.stderr[-300:])
    page = check_report(bare, 0)
    if page.count("Chart not drawn") != 9:
        failures.append("without gnuplot: %d chart notes, want 9" % page.count("Chart not drawn"))
# a gnuplot whose SVG carries active content (a compromised or odd build): every chart
# is refused by the SVG check and left out with its reason, never inlined
with tempfile.TemporaryDirectory() as d:
    fake = os.path.join(d, "gnuplot")
    with open(fake, "w") as f:
        f.write('#!/bin/sh\nfor out in $(sed -n \'s/^set output "\\(.*\\)"$/\\1/p\' "$2"); do\n'
                '  printf \'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\' > "$out"\n'
                'done\n')
    os.chmod(fake, 0o755)
    out = os.path.join(d, "evil")
    p = subprocess.run([mttx, "report", "-q", "--as-of", "2026-06-01", "-f", "html", "-o", out, fixture],
                       capture_output=True, text=True, env=dict(os.environ, MTTX_GNUPLOT=fake))
    page = open(os.path.join(out, "report.html"), encoding="utf-8").read() if p.returncode == 0 else ""
    if p.returncode != 0:
        failures.append("with a hostile gnuplot: exit %d %s" % (p.returncode, p.stderr))
    elif "<script" in page:
        failures.append("a chart with <script> was inlined")
    elif "active content" not in page:
        failures.append("the refused charts do not say why: %r" % page[-400:])

if os.path.exists("/tmp/mttx-pwned") or os.path.exists("X"):
    failures.append("a marker file appeared")
for f in failures:
    print("FAIL:", f)
print("html_safety: %d titles checked, %d failures" % (len(titles), len(failures)))
sys.exit(1 if failures else 0)
