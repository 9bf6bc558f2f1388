/*
 * trend.h - the headline figures of a report: the latest month with incidents against
 * the month before, and whether the change is larger than small samples produce by
 * chance.
 *
 * Counts: the change is detectable when it exceeds two standard deviations of a
 * Poisson difference (|a - b| > 2 sqrt(a + b)). Medians: when the two months' 95%
 * distribution-free confidence intervals of the median (order statistics, binomial
 * approximation) do not overlap; with fewer than 5 values in either month there are
 * too few to tell.
 */
#ifndef MX_TREND_H
#define MX_TREND_H

#include <stdbool.h>
#include <stdint.h>

#include "analyzer/timeline.h"

enum mx_trend { MX_TREND_NONE, MX_TREND_UP, MX_TREND_DOWN, MX_TREND_NO_CHANGE, MX_TREND_TOO_FEW };

struct mx_figure {
    bool has_value; /* this month has a value (count, or a median with n > 0) */
    int64_t value;  /* count, or median in ms */
    uint64_t n;     /* sample size behind a median */
    bool has_previous;
    int64_t previous;
    enum mx_trend trend;
};

struct mx_headline {
    int month; /* the latest month with incidents, or -1 */
    struct mx_figure incidents, sev12, mtta_sev1, mttr_sev1;
};

/* Computes the headline from finished timelines (counted ones only). */
void mx_trend_headline(struct mx_headline *h, const struct mx_timelines *tl);

/* "up", "down", "no detectable change", "too few to compare", "". */
const char *mx_trend_words(enum mx_trend t);

#endif
