#!/usr/bin/env python3
"""An independent recomputation of the metrics (docs/spec.md#metrics) on the demo data.

From the timelines of report.json (the reconstruction is tested elsewhere; this checks
the statistics), this script recomputes with its own code - Python's exact integer and
Fraction arithmetic, not the program's - n, mean, p50 with its 95% interval, p90 and
max of MTTD, MTTA, MTTM, MTTR (with its open incidents and their Kaplan-Meier median),
MTTR excluding automatic resolutions and MTBF, for all incidents, per severity,
per month and per month x severity; then the comparison of the last complete month
with the one before (binomial and Mann-Whitney p-values, Hodges-Lehmann shifts) and the
incident rates with their Garwood intervals; and compares every figure with report.json.
The demo holds about 400 incidents, so the percentiles are checked on realistic
samples, not on the n <= 4 of the goldens.

Usage: recompute.py MTTX ROOT
"""
import datetime
import json
import math
import os
import subprocess
import sys
from fractions import Fraction

mttx, root = os.path.abspath(sys.argv[1]), sys.argv[2]
out = {}
for fmt in ("json", "timelines"):
    p = subprocess.run([mttx, "report", "-q", "--as-of", "2026-11-26T00:00:00Z", "-f", fmt, "-o", "-",
                        os.path.join(root, "fixtures", "demo")], capture_output=True, text=True,
                       cwd=root)
    if p.returncode != 0:
        print("FAIL: mttx report exited %d: %s" % (p.returncode, p.stderr[-500:]))
        sys.exit(1)
    out[fmt] = p.stdout
report = json.loads(out["json"])
report["timelines"] = [json.loads(line) for line in out["timelines"].splitlines()]
AS_OF = 1795651200000  # 2026-11-26T00:00:00Z
SEVS = ["SEV1", "SEV2", "SEV3", "SEV4", "unassigned"]
METRICS = ["mttd", "mtta", "mttm", "mttr", "mtbf", "mttr_excluding_auto"]


def ms(text):
    if text is None:
        return None
    t = datetime.datetime.strptime(text.replace("Z", "+0000"),
                                   "%Y-%m-%dT%H:%M:%S.%f%z" if "." in text else "%Y-%m-%dT%H:%M:%S%z")
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    return (t - epoch) // datetime.timedelta(milliseconds=1)


def durations(t):
    """The per-incident durations in ms of the metrics that have one."""
    d, out = ms(t["detected_at"]), {}
    s, a, m, r = ms(t["started_at"]), ms(t["acknowledged_at"]), ms(t["mitigated_at"]), ms(t["resolved_at"])
    if s is not None and d >= s:
        out["mttd"] = d - s
    if a is not None:
        out["mtta"] = a - d
    if m is not None and m >= d:
        out["mttm"] = m - d
    if r is not None and r >= d:
        out["mttr"] = r - d
        if not t["auto_resolved"]:
            out["mttr_excluding_auto"] = r - d
    return out


def sec(x):
    return float(Fraction(x, 1000)) if x % 1000 else x // 1000


def half_up(x):
    """A Fraction of milliseconds to the nearest millisecond, halves up."""
    return math.floor(x + Fraction(1, 2))


def ci_rank(n):
    """The largest j >= 1 with P(B <= j - 1) <= 0.025, B ~ Binomial(n, 1/2), exactly."""
    if n <= 5:
        return 0
    j, cdf = 0, Fraction(0)
    for i in range(n):
        cdf += Fraction(math.comb(n, i), 2 ** n)
        if cdf > Fraction(1, 40):
            break
        j = i + 1
    return max(j, 1)


def km_median(events, censored):
    """The Kaplan-Meier median, R's survival convention, S in exact Fractions."""
    times = sorted(set(events))
    S = Fraction(1)
    for k, t in enumerate(times):
        at_risk = sum(1 for e in events if e >= t) + sum(1 for c in censored if c >= t)
        S *= Fraction(at_risk - events.count(t), at_risk)
        if S == Fraction(1, 2):
            return half_up(Fraction(t + times[k + 1], 2)) if k + 1 < len(times) else t
        if S < Fraction(1, 2):
            return t
    return None


def summary(values, ages=None):
    """{n, mean_s, p50_s, p50_ci95, p90_s, max_s} as report.json writes them: linear
    interpolation between order statistics (Hyndman-Fan type 7) rounded half up to the
    millisecond, the median's order-statistic interval, the mean rounded half up,
    seconds with up to three decimals; with ages (the open incidents' ages, for the
    time to resolve) also open_n and km_p50_s."""
    v = sorted(values)
    n = len(v)
    out = {"n": n, "mean_s": None, "p50_s": None, "p50_ci95": None, "p90_s": None, "max_s": None}
    if n:
        def pct(p):
            h = Fraction((n - 1) * p, 100)
            i = math.floor(h)
            return v[i] if i + 1 >= n else half_up(v[i] + (h - i) * (v[i + 1] - v[i]))

        j = ci_rank(n)
        out.update({"mean_s": sec(half_up(Fraction(sum(v), n))), "p50_s": sec(pct(50)),
                    "p50_ci95": [sec(v[j - 1]), sec(v[n - j])] if j else None,
                    "p90_s": sec(pct(90)), "max_s": sec(v[-1])})
    if ages is not None:
        km = km_median(v, ages) if n else None
        out.update({"open_n": len(ages), "km_p50_s": None if km is None else sec(km)})
    return out


counted = [t for t in report["timelines"] if not t["merged"] and t["excluded_by"] is None]
groups = {}  # (month or None, severity or None) -> metric -> [ms]


def add(key, metric, value):
    groups.setdefault(key, {m: [] for m in METRICS})[metric].append(value)


prev = {}  # previous detection of the sequence: "all" or a severity
for t in counted:  # report.json lists timelines by detection, then id
    for key in [(None, None), (None, t["severity"]), (t["month"], None), (t["month"], t["severity"])]:
        groups.setdefault(key, {m: [] for m in METRICS})
        for metric, value in durations(t).items():
            add(key, metric, value)
    d = ms(t["detected_at"])
    if t["open"]:  # censored at its age for the Kaplan-Meier median of the time to resolve
        for key in [(None, None), (None, t["severity"]), (t["month"], None), (t["month"], t["severity"])]:
            groups[key].setdefault("open", []).append(max(0, AS_OF - d))
    for seq, keys in (("all", [(None, None), (t["month"], None)]),
                      (t["severity"], [(None, t["severity"]), (t["month"], t["severity"])])):
        if seq in prev:
            for key in keys:
                add(key, "mtbf", d - prev[seq])
        prev[seq] = d

failures, compared = [], 0


def compare(where, got, key):
    global compared
    want_group = groups.get(key, {m: [] for m in METRICS})
    for metric in METRICS:
        want = summary(want_group[metric], want_group.get("open", []) if metric == "mttr" else None)
        have = {k: got[metric][k] for k in want}
        compared += 1
        if have != want:
            failures.append("%s %s: report.json %r, recomputed %r" % (where, metric, have, want))
    n = sum(1 for t in counted if (key[0] is None or t["month"] == key[0]) and
            (key[1] is None or t["severity"] == key[1]))
    if got["incidents"] != n:
        failures.append("%s: %d incidents in report.json, %d recomputed" % (where, got["incidents"], n))


m = report["metrics"]
compare("all", m["all"], (None, None))
for s in SEVS:
    compare(s, m["by_severity"][s], (None, s))
for month, cell in m["by_month"].items():
    compare(month, cell["all"], (month, None))
    for s in SEVS:
        compare("%s %s" % (month, s), cell["by_severity"][s], (month, s))


# Per service and per team (docs/spec.md#by-service-and-team): the same statistics over
# each group's incidents (MTBF between the group's consecutive detections), the counts
# by severity, the noise counts other than flapping (its normalised titles are checked
# by unit tests and goldens) and the response compliance.
def noise_of(t):
    unacked = (not t["open"] and t["acknowledged_at"] is None and
               "ack_before_detection" not in t["anomalies"])
    return {"auto_resolved": int(t["auto_resolved"]), "unacknowledged": int(unacked),
            "reopened": int(t["reopens"] > 0)}


for field, name in (("service", "by_service"), ("team", "by_team")):
    members = {}
    for t in counted:
        g = t[field] if t[field] not in (None, "", "(none)") else "(none)"
        members.setdefault(g, []).append(t)
    got_groups = report[name]
    if sorted(got_groups) != sorted(members):
        failures.append("%s: groups %r, recomputed %r" % (name, sorted(got_groups), sorted(members)))
        continue
    order = sorted(members, key=lambda g: (-len(members[g]), g == "(none)", g.encode()))
    if list(got_groups) != order:
        failures.append("%s: order %r, recomputed %r" % (name, list(got_groups), order))
    for g, ts in members.items():
        vals = {m: [] for m in METRICS}
        ages, prev_d = [], None
        for t in ts:
            for metric, value in durations(t).items():
                vals[metric].append(value)
            d = ms(t["detected_at"])
            if t["open"]:
                ages.append(max(0, AS_OF - d))
            if prev_d is not None:
                vals["mtbf"].append(d - prev_d)
            prev_d = d
        got = got_groups[g]
        for metric in METRICS:
            want = summary(vals[metric], ages if metric == "mttr" else None)
            have = {k: got["metrics"][metric][k] for k in want}
            compared += 1
            if have != want:
                failures.append("%s %s %s: report.json %r, recomputed %r" % (name, g, metric, have, want))
        want_sev = {s: sum(1 for t in ts if t["severity"] == s) for s in SEVS}
        want_noise = {k: sum(noise_of(t)[k] for t in ts) for k in ("auto_resolved", "unacknowledged", "reopened")}
        rsp = [t["response_status"] for t in ts]
        due = sum(1 for x in rsp if x in ("met", "missed", "missing"))
        want_pct = None if not due else round(100.0 * rsp.count("met") / due, 1)
        compared += 1
        if (got["incidents"] != len(ts) or got["by_severity"] != want_sev or
                {k: got["noise"][k] for k in want_noise} != want_noise or
                got["response_compliance"]["compliance_pct"] != want_pct or
                got["response_compliance"]["met"] != rsp.count("met")):
            failures.append("%s %s: counts %r, recomputed %d %r %r %r" %
                            (name, g, {k: got[k] for k in ("incidents", "by_severity", "noise")},
                             len(ts), want_sev, want_noise, want_pct))


# The comparison of the last complete month before --as-of with the one before, and
# the rates: recomputed with exact Fractions (binomial test, Mann-Whitney's exact
# distribution by counting), the normal approximation by its textbook formula, the
# Hodges-Lehmann shift from the full list of differences, Garwood bounds by bisection
# on the Poisson distribution function.
def binom_p(k, n, p):
    pm = [Fraction(math.comb(n, i)) * p ** i * (1 - p) ** (n - i) for i in range(n + 1)]
    d = pm[k] * Fraction(1 + 1e-7)
    return 1.0 if k == p * n else float(min(1, sum(x for x in pm if x <= d)))


def mwu_p(x, y):
    pooled = sorted(x + y)
    ranks = {}
    i = 0
    while i < len(pooled):
        j = i
        while j < len(pooled) and pooled[j] == pooled[i]:
            j += 1
        ranks[pooled[i]] = Fraction(i + 1 + j, 2)
        i = j
    n1, n2 = len(x), len(y)
    u1 = sum(ranks[v] for v in x) - Fraction(n1 * (n1 + 1), 2)
    u = max(u1, n1 * n2 - u1)
    ties = [pooled.count(v) for v in set(pooled)]
    if min(n1, n2) <= 8 and max(ties) == 1:
        # f[m][k][u]: arrangements of m of one and k of the other with statistic u
        from functools import lru_cache

        @lru_cache(maxsize=None)
        def f(m, k, uu):
            if uu < 0:
                return 0
            if m == 0 or k == 0:
                return 1 if uu == 0 else 0
            return f(m - 1, k, uu - k) + f(m, k - 1, uu)
        total = math.comb(n1 + n2, n1)
        tail = sum(f(n1, n2, v) for v in range(int(u), n1 * n2 + 1))
        return min(1.0, float(Fraction(2 * tail, total)))
    n = n1 + n2
    s = math.sqrt(n1 * n2 / 12 * ((n + 1) - sum(t ** 3 - t for t in ties) / (n * (n - 1))))
    if s == 0:
        return 1.0
    return min(1.0, math.erfc((float(u) - n1 * n2 / 2 - 0.5) / s / math.sqrt(2)))


def hl_shift(x, y):
    d = sorted(a - b for a in x for b in y)
    m = len(d)
    return d[m // 2] if m % 2 else half_up(Fraction(d[m // 2 - 1] + d[m // 2], 2))


def close(a, b):
    return a is None and b is None or (a is not None and b is not None and abs(a - b) <= 1e-7 * max(abs(b), 1e-300))


def month_start(key):
    return ms("%04d-%02d-01T00:00:00Z" % (key // 12, key % 12 + 1))


def key_of(month):
    y, m = month.split("-")
    return int(y) * 12 + int(m) - 1


end_key = key_of("2026-11")  # the month holding --as-of (2026-11-26): partial
cur, prev = end_key - 1, end_key - 2
cmp_ = report["comparison"]
c_days = Fraction(month_start(end_key) - month_start(cur), 86400000)
p_days = Fraction(month_start(cur) - month_start(prev), 86400000)
expect_months = ("%04d-%02d" % (cur // 12, cur % 12 + 1), "%04d-%02d" % (prev // 12, prev % 12 + 1))
if (cmp_["current"], cmp_["previous"]) != expect_months:
    failures.append("comparison months %r, recomputed %r" % ((cmp_["current"], cmp_["previous"]), expect_months))
for sev in SEVS + [None]:
    sel = [t for t in counted if sev is None or t["severity"] == sev]
    a = [t for t in sel if key_of(t["month"]) == cur]
    b = [t for t in sel if key_of(t["month"]) == prev]
    got = cmp_["all"] if sev is None else cmp_["by_severity"][sev]
    if sev is None:
        got = dict(got, incidents=cmp_["incidents"])
    where = "comparison %s" % (sev or "all")
    n = len(a) + len(b)
    want_p = None if n == 0 else binom_p(len(a), n, c_days / (c_days + p_days))
    gi = got["incidents"]
    compared += 1
    if (gi["current"], gi["previous"]) != (len(a), len(b)) or not close(gi["p"], want_p):
        failures.append("%s incidents: report.json %r, recomputed %d, %d, p %r" % (where, gi, len(a), len(b), want_p))
    for metric, end in (("mtta", "acknowledged_at"), ("mttr", "resolved_at")):
        def sample(ts):
            out = []
            for t in ts:
                e, d = ms(t[end]), ms(t["detected_at"])
                if e is not None and (metric == "mtta" or e >= d):
                    out.append(e - d)
            return out
        x, y = sample(a), sample(b)
        g = got[metric]
        compared += 1
        if len(x) < 4 or len(y) < 4:
            ok = g["p"] is None and g["shift_s"] is None and g["verdict"] == "too_few"
            want = "too_few"
        else:
            wp, ws = mwu_p(x, y), hl_shift(x, y)
            want = (wp, sec(ws))
            ok = close(g["p"], wp) and g["shift_s"] == sec(ws)
        if not ok or (g["current_n"], g["previous_n"]) != (len(x), len(y)):
            failures.append("%s %s: report.json %r, recomputed %r" % (where, metric, g, want))


def poisson_cdf(k, lam):
    return sum(math.exp(i * math.log(lam) - lam - math.lgamma(i + 1)) for i in range(k + 1)) if lam > 0 else 1.0


def solve(f, target, lo, hi):  # f decreasing in lam
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) > target else (lo, mid)
    return (lo + hi) / 2


rates = report["rates"]
days = Fraction(AS_OF - month_start(key_of(min(t["month"] for t in counted))), 86400000)
for sev in SEVS + [None]:
    k = sum(1 for t in counted if sev is None or t["severity"] == sev)
    got = rates["all"] if sev is None else rates["by_severity"][sev]
    hi = solve(lambda l: poisson_cdf(k, l), 0.025, 0.0, k + 50.0 + 10 * math.sqrt(k + 1))
    lo = 0.0 if k == 0 else solve(lambda l: poisson_cdf(k - 1, l), 0.975, 0.0, k + 50.0)
    scale = 30 / float(days)
    want = (k, float(k * 30 / days), lo * scale, hi * scale)
    compared += 1
    if not (got["incidents"] == k and close(got["per_30d"], want[1]) and close(got["ci95"][0], want[2])
            and close(got["ci95"][1], want[3]) and close(rates["days"], float(days))):
        failures.append("rates %s: report.json %r, recomputed %r" % (sev or "all", got, want))

largest = max(len(v) for g in groups.values() for v in g.values())
if largest < 100:
    failures.append("the demo's largest sample is %d values: not a realistic check" % largest)
for f in failures[:20]:
    print("FAIL:", f)
print("recompute: %d statistics compared (%d incidents, largest sample %d), %d failures"
      % (compared, len(counted), largest, len(failures)))
sys.exit(1 if failures else 0)
