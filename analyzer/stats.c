/*
 * stats.c - summaries of duration samples (see stats.h).
 */
#include "analyzer/stats.h"

#include <stdlib.h>
#include <string.h>

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : (x > y);
}

int64_t mx_stats_percentile(const int64_t *sorted, size_t n, unsigned p) {
    size_t rank = (size_t)(((uint64_t)p * n + 99) / 100);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    return sorted[rank - 1];
}

void mx_stats_compute(int64_t *v, size_t n, struct mx_stat *out) {
    memset(out, 0, sizeof *out);
    out->n = n;
    if (n == 0) return;
    qsort(v, n, sizeof *v, cmp_i64);
    /* mean = sum / n without overflow: quotients and remainders summed apart */
    int64_t q = 0, r = 0, d = (int64_t)n;
    for (size_t i = 0; i < n; i++) {
        q += v[i] / d;
        r += v[i] % d;
    }
    q += r / d;
    r %= d;
    if (r < 0) {
        r += d;
        q--;
    }
    out->mean = q + (2 * r >= d ? 1 : 0);
    out->p50 = mx_stats_percentile(v, n, 50);
    out->p90 = mx_stats_percentile(v, n, 90);
    out->max = v[n - 1];
    if (n < MX_STAT_FEW) memcpy(out->few, v, n * sizeof *v);
}
