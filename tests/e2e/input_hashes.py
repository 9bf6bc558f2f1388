#!/usr/bin/env python3
"""Every input file's size and SHA-256 in the provenance are those of the file (as
hashlib reads it), however it was read: hashed on the way in for a plain file, a gzip
(decompressed on the read-ahead thread) and a tar.gz (libarchive reading through the
stream), by a read of its own for a zip (libarchive seeks in it) and a file skipped as
unrecognised; archive members have none (their archive's hash covers them)."""
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
failures = []
with tempfile.TemporaryDirectory() as tmp:
    d = os.path.join(tmp, "in")
    os.makedirs(d)
    body = "".join('{"time":"2026-03-%02dT10:00:00Z","incident":"I%d","event":"detected"}\n'
                   % (1 + i % 28, i) for i in range(30000)).encode()
    open(os.path.join(d, "a.jsonl"), "wb").write(body)  # several read()s long
    open(os.path.join(d, "b.jsonl.gz"), "wb").write(gzip.compress(body[:200000]))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        info = tarfile.TarInfo("m.jsonl")
        info.size = 5000
        t.addfile(info, io.BytesIO(body[:5000]))
    open(os.path.join(d, "c.tar.gz"), "wb").write(buf.getvalue())
    shutil.copy(os.path.join(root, "fixtures", "pagerduty", "webhooks.zip"), os.path.join(d, "d.zip"))
    open(os.path.join(d, "e.bin"), "wb").write(bytes(range(256)) * 300)  # unrecognised
    p = subprocess.run([mttx, "report", "-q", "--as-of", "2027-01-01", "-f", "json", "-o", "-", "in"],
                       cwd=tmp, capture_output=True)
    rep = json.loads(p.stdout) if p.stdout else {"inputs": []}
    seen = set()
    for x in rep["inputs"]:
        path = os.path.join(tmp, x["path"])
        if "!" in x["path"]:
            if x["size"] is not None or x["sha256"] is not None:
                failures.append("%s: an archive member with a hash" % x["path"])
            continue
        data = open(path, "rb").read()
        seen.add(os.path.basename(path))
        if x["size"] != len(data) or x["sha256"] != hashlib.sha256(data).hexdigest():
            failures.append("%s: size %r sha256 %r, the file has %d bytes and %s"
                            % (x["path"], x["size"], x["sha256"], len(data), hashlib.sha256(data).hexdigest()))
    if seen != {"a.jsonl", "b.jsonl.gz", "c.tar.gz", "d.zip", "e.bin"}:
        failures.append("inputs listed: %r (exit %d, %s)" % (sorted(seen), p.returncode, p.stderr[-300:]))
for f in failures:
    print("FAIL:", f)
print("input_hashes: %d failures" % len(failures))
sys.exit(1 if failures else 0)
