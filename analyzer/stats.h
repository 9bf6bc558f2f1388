/*
 * stats.h - the summary of a sample of durations: n, mean, nearest-rank p50 and p90,
 * max, and the values themselves while the sample is small.
 */
#ifndef MX_STATS_H
#define MX_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Below this many values, reports show the values instead of a summary. */
#define MX_STAT_FEW 5

struct mx_stat {
    uint64_t n;
    int64_t mean, p50, p90, max;  /* milliseconds; meaningless when n == 0 */
    int64_t few[MX_STAT_FEW - 1]; /* the sorted values when n < MX_STAT_FEW */
};

/* Summarises v[0..n) (sorted in place). The mean is rounded to the nearest
 * millisecond, exactly (no floating point). */
void mx_stats_compute(int64_t *v, size_t n, struct mx_stat *out);

/* The nearest-rank percentile of sorted v[0..n), n > 0: the ceil(p * n / 100)-th
 * smallest value (p in 1..100). */
int64_t mx_stats_percentile(const int64_t *sorted, size_t n, unsigned p);

#endif
