/*
 * stats.h - the statistics of docs/spec.md#statistics: the summary of a sample of
 * durations (n, mean, linearly interpolated p50 and p90, the median's 95% interval,
 * max, and the values themselves while the sample is small), the Kaplan-Meier median
 * of a sample with open (censored) incidents, and the tests the month-over-month
 * comparison makes: the exact binomial test of two counts, the Mann-Whitney U test of
 * two samples with the Hodges-Lehmann shift, and the exact Poisson interval of a rate.
 *
 * Durations are integer milliseconds; a statistic that falls between two values
 * (an interpolated percentile, the midpoint of two) is rounded to the nearest
 * millisecond, halves up, in integer arithmetic, so every figure is exact and the same
 * on every machine. p-values and intervals of rates are doubles.
 */
#ifndef MX_STATS_H
#define MX_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Below this many values, reports show the values instead of a summary. */
#define MX_STAT_FEW 5

struct mx_stat {
    uint64_t n;
    int64_t mean, p50, p90, max; /* milliseconds; meaningless when n == 0 */
    bool has_ci;                 /* the median's 95% interval, when n > 5 */
    int64_t ci_lo, ci_hi;
    int64_t few[MX_STAT_FEW - 1]; /* the sorted values when n < MX_STAT_FEW */
    /* open incidents, for the time to resolve only (mx_stats_censored) */
    uint64_t open_n;
    bool has_km; /* the Kaplan-Meier median exists (the curve reaches 0.5) */
    int64_t km_p50;
};

/* Sorts v[0..n) ascending (a radix sort: no comparison calls). */
void mx_stats_sort(int64_t *v, size_t n);

/* Summarises v[0..n) (sorted in place). The mean is rounded to the nearest
 * millisecond, exactly (no floating point). open_n and the Kaplan-Meier median are
 * left for mx_stats_censored. */
void mx_stats_compute(int64_t *v, size_t n, struct mx_stat *out);

/* Adds the open incidents to the summary of a time to resolve: ages[0..n_open) (sorted
 * in place) are their ages at the as-of instant; events[0..n) the resolved ones, sorted
 * (as mx_stats_compute leaves them). Sets open_n and the Kaplan-Meier median. */
void mx_stats_censored(struct mx_stat *s, const int64_t *events, size_t n, int64_t *ages,
                       size_t n_open);

/* The p-th percentile (p in 0..100) of sorted v[0..n), n > 0, by linear interpolation
 * between order statistics (Hyndman-Fan type 7: Excel PERCENTILE.INC, numpy's default):
 * h = (n - 1) p / 100, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). */
int64_t mx_stats_percentile(const int64_t *sorted, size_t n, unsigned p);

/* The rank j of the median's distribution-free 95% interval [x(j), x(n+1-j)]: the
 * largest j >= 1 with P(B <= j - 1) <= 0.025 for B ~ Binomial(n, 1/2); 0 for n <= 5
 * (no interval). */
size_t mx_stats_median_ci_rank(size_t n);

/* The Kaplan-Meier median of resolution times events[0..n) with censored times
 * cens[0..nc) (both sorted), by the convention of R's survival package: the smallest
 * event time t with S(t) <= 1/2, or (t + t')/2 when S is exactly 1/2 from t to the next
 * event time t' (t itself when there is none). S is compared with 1/2 exactly. A
 * censored time equal to an event time is at risk at it. Returns false when S never
 * reaches 1/2. */
bool mx_stats_km_median(const int64_t *events, size_t n, const int64_t *cens, size_t nc,
                        int64_t *median);

/* The two-sided exact binomial test of k successes in n trials with probability p, as
 * scipy.stats.binomtest defines it: the total probability of the outcomes no more
 * likely than k (a relative tolerance of 1e-7), at most 1. n > 0. */
double mx_stats_binom_test(uint64_t k, uint64_t n, double p);

/* The two-sided Mann-Whitney U test of sorted x[0..nx) against sorted y[0..ny), both
 * non-empty, as scipy.stats.mannwhitneyu(x, y, method="auto") computes it: the exact
 * distribution of U when either sample has at most 8 values and there are no ties,
 * else the normal approximation with tie and continuity corrections. *exact says
 * which was used (may be NULL). */
double mx_stats_mann_whitney(const int64_t *x, size_t nx, const int64_t *y, size_t ny, bool *exact);

/* The Hodges-Lehmann shift of sorted x against sorted y (both non-empty): the median
 * (the mean of the two middle ones for an even count) of all differences x[i] - y[j]. */
int64_t mx_stats_hodges_lehmann(const int64_t *x, size_t nx, const int64_t *y, size_t ny);

/* The exact (Garwood) 95% interval of a Poisson mean from k events: lo with
 * P(X >= k) = 0.025 (0 for k = 0), hi with P(X <= k) = 0.025. */
void mx_stats_poisson_ci(uint64_t k, double *lo, double *hi);

#endif
