/*
 * test_stats.c - nearest-rank percentiles and exact means.
 */
#include "analyzer/stats.h"
#include "harness.h"

static void percentiles(void) {
    /* nearest rank: the ceil(p*n/100)-th smallest */
    int64_t v[10] = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    CHECK_I64(mx_stats_percentile(v, 10, 50), 50);
    CHECK_I64(mx_stats_percentile(v, 10, 90), 90);
    CHECK_I64(mx_stats_percentile(v, 10, 100), 100);
    CHECK_I64(mx_stats_percentile(v, 10, 1), 10);
    CHECK_I64(mx_stats_percentile(v, 9, 50), 50); /* ceil(4.5) = 5th */
    CHECK_I64(mx_stats_percentile(v, 1, 90), 10);
    CHECK_I64(mx_stats_percentile(v, 2, 50), 10);
    CHECK_I64(mx_stats_percentile(v, 3, 90), 30);
    CHECK_I64(mx_stats_percentile(v, 11 - 1, 95), 100);
}

static void summary(void) {
    int64_t v[] = {5000, 1000, 3000, 2000, 4000, 60000};
    struct mx_stat s;
    mx_stats_compute(v, 6, &s);
    CHECK_I64(s.n, 6);
    CHECK_I64(s.p50, 3000);
    CHECK_I64(s.p90, 60000);
    CHECK_I64(s.max, 60000);
    CHECK_I64(s.mean, 12500);

    int64_t w[] = {1, 2};
    mx_stats_compute(w, 2, &s);
    CHECK_I64(s.mean, 2); /* 1.5 rounds half up */
    CHECK_I64(s.few[0], 1);
    CHECK_I64(s.few[1], 2);

    mx_stats_compute(NULL, 0, &s);
    CHECK_I64(s.n, 0);

    /* no overflow with huge values */
    int64_t big[3] = {INT64_MAX / 2, INT64_MAX / 2, INT64_MAX / 2};
    mx_stats_compute(big, 3, &s);
    CHECK_I64(s.mean, INT64_MAX / 2);
}

int main(void) {
    percentiles();
    summary();
    TEST_DONE();
}
