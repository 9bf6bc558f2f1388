#!/usr/bin/env python3
"""Native JSON lines for scripts/bench (issue 15): about 100 bytes a line, RFC 3339 times
with milliseconds, a title with a quoted word and an "é" on every line.

Usage: bench_gen.py EVENTS PER_INCIDENT FILE [--interleave]

PER_INCIDENT events per incident: detected (with a severity), acknowledged, status
updates, mitigated, resolved, a postmortem; one incident in 7 is escalated a severity
level, one in 11 has a stray acknowledgement before its detection, one in 13 is resolved
twice. An incident starts every 5 minutes (from 2026-01-01Z), its events 20 seconds
apart and more; by default the events of each incident are written together, with
--interleave in time order across incidents (as a live stream is)."""
import sys
import time

n, per, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
interleave = "--interleave" in sys.argv[4:]
T0 = 1767225600  # 2026-01-01T00:00:00Z
day_cache = {}


def ts(ms):
    s, m = divmod(ms, 1000)
    d, r = divmod(s, 86400)
    day = day_cache.get(d)
    if day is None:
        day = day_cache[d] = time.strftime("%Y-%m-%d", time.gmtime(d * 86400))
    return "%sT%02d:%02d:%02d.%03dZ" % (day, r // 3600, r // 60 % 60, r % 60, m)


def incident(inc):
    base = (T0 + inc * 300) * 1000 + (inc * 7919) % 1000
    sev = 1 + (inc * 31) % 4
    tta = (30 + (inc * 37) % 900) * 1000 + inc % 1000
    step = 20000
    ttr = tta + (per + 2) * step + (600 + (inc * 53) % 7200) * 1000
    ev = [(0, "detected", sev), (tta, "acknowledged", None)]
    k = 0
    while len(ev) < per - 3:
        k += 1
        s = max(1, sev - 1) if k == 2 and inc % 7 == 0 else None
        ev.append((tta + k * step, "status_update", s))
    ev += [(ttr - 300000, "mitigated", None), (ttr, "resolved", None),
           (ttr + 600000, "postmortem_published", None)]
    ev = ev[:per]
    if inc % 11 == 0 and per > 3:
        ev[2] = (-120000, "acknowledged", None)
    if inc % 13 == 0 and per > 4:
        ev[-1] = (ttr + 3600000, "resolved", None)
    for off, e, s in ev:
        sv = ',"severity":"SEV%d"' % s if s else ""
        yield base + off, '{"time":"%s","incident":"INC-%07d","event":"%s"%s,"title":"\\"db\\" é"}\n' % (
            ts(base + off), inc, e, sv)


with open(path, "w", encoding="utf-8") as f:
    if interleave:
        lines = [x for inc in range(n // per) for x in incident(inc)]
        lines.sort(key=lambda x: x[0])
        f.writelines(line for _, line in lines)
    else:
        for inc in range(n // per):
            f.writelines(line for _, line in incident(inc))
