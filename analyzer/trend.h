/*
 * trend.h - what changed, as tests rather than impressions (docs/spec.md#headline-and-trends):
 * the last complete month before the end of the report window against the month
 * before it, the partial month at the end, and incident rates with their intervals.
 *
 * Counts: the exact conditional binomial test of the current month's count against
 * the previous one's, weighted by their lengths in days. Durations (MTTA, MTTR):
 * the two-sided Mann-Whitney U test, with the Hodges-Lehmann shift as the size of a
 * change. A change is claimed only at p < 0.05 (analyzer/stats.h).
 */
#ifndef MX_TREND_H
#define MX_TREND_H

#include <stdbool.h>
#include <stdint.h>

#include "analyzer/timeline.h"
#include "parsers/tz.h"

enum mx_verdict {
    MX_V_NO_DATA,   /* counts: no incident in either month */
    MX_V_UP,        /* counts: more per day, p < 0.05 */
    MX_V_DOWN,      /* counts: fewer per day, p < 0.05 */
    MX_V_NO_CHANGE, /* p >= 0.05 */
    MX_V_SLOWER,    /* durations: longer, p < 0.05 */
    MX_V_FASTER,    /* durations: shorter, p < 0.05 */
    MX_V_TOO_FEW,   /* durations: fewer than MX_TREND_MIN values in either month */
    MX_V__COUNT
};

/* Durations are compared when both months have at least this many values. */
#define MX_TREND_MIN 4

/* "no_data", "up", ... (report.json). */
const char *mx_trend_verdict_key(enum mx_verdict v);

struct mx_count_test {
    uint64_t current, previous;
    bool has_p;
    double p;
    enum mx_verdict verdict;
};

struct mx_shift_test {
    uint64_t current_n, previous_n;
    int64_t current_p50, previous_p50; /* medians, when n > 0 */
    bool has_p;                        /* the test ran (both samples large enough) */
    double p;
    int64_t shift; /* Hodges-Lehmann, current - previous, ms */
    enum mx_verdict verdict;
};

struct mx_comparison_group {
    struct mx_count_test incidents;
    struct mx_shift_test mtta, mttr;
};

struct mx_comparison {
    bool present;          /* both months lie wholly inside the report window */
    int current, previous; /* month keys (year * 12 + month - 1) */
    double current_days, previous_days;
    struct mx_comparison_group all, sev[MX_SEV__COUNT];
};

/* The month at the end of the window when the window ends inside it. */
struct mx_partial_month {
    bool present;
    int month;
    double days, of_days; /* covered, and the month's length */
};

/* An incident rate with its exact (Garwood) 95% interval, per 30 days. */
struct mx_rate {
    uint64_t incidents;
    double per_30d, lo, hi;
};

struct mx_rates {
    bool present; /* a window with a positive length */
    double days;
    struct mx_rate all, sev[MX_SEV__COUNT];
};

/* The window's bounds: start (--from, or MX_NO_TIME for the first midnight of the first
 * month with a counted incident) and end (--to, else --as-of). */
struct mx_trend_window {
    int64_t start, end;
};

/* Compares the last complete month ending by w->end with the month before it; also
 * finds the partial month and computes the rates. Counted timelines only. */
void mx_trend_compute(const struct mx_timelines *tl, const struct mx_zone *zone,
                      const struct mx_trend_window *w, struct mx_comparison *c,
                      struct mx_partial_month *partial, struct mx_rates *rates);

#endif
