/*
 * test_stats.c - the statistics against textbook values: type-7 percentiles (Excel's
 * documented examples), the median interval's rank for n = 6..100, exact binomial
 * tests, Mann-Whitney U p-values (exact and the tie-corrected normal approximation,
 * with a published example), Hodges-Lehmann shifts, the Kaplan-Meier median (the 6-MP
 * leukaemia trial), Garwood intervals for k = 0..10, exact means.
 *
 * The expected values were computed apart from this code: exact rational arithmetic
 * and exhaustive enumeration in Python (fractions, no floating point), erfc in 60-digit
 * decimals, Poisson bounds by bisection at 40 digits; and checked against the published
 * figures named beside them.
 */
#include <math.h>

#include "analyzer/stats.h"
#include "harness.h"

#define CHECK_NEAR(got, want, rel)                                                                 \
    do {                                                                                           \
        double g_ = (got), w_ = (want);                                                            \
        if (!(fabs(g_ - w_) <= (rel)*fabs(w_) + 1e-300)) {                                         \
            fprintf(stderr, "%s:%d: %s = %.17g, want %.17g\n", __FILE__, __LINE__, #got, g_, w_);  \
            mx_failures++;                                                                         \
        }                                                                                          \
        mx_checks++;                                                                               \
    } while (0)

static void percentiles(void) {
    /* Excel: PERCENTILE.INC({1,2,3,4}, 0.3) = 1.9; MEDIAN({1,2,3,4,5}) = 3;
     * MEDIAN({1,2,3,4,5,6}) = 3.5; QUARTILE.INC({1,2,4,7,8,9,10,12}, 1) = 3.5
     * (in milliseconds x 1000) */
    int64_t a[4] = {1000, 2000, 3000, 4000};
    CHECK_I64(mx_stats_percentile(a, 4, 30), 1900);
    int64_t b[6] = {1000, 2000, 3000, 4000, 5000, 6000};
    CHECK_I64(mx_stats_percentile(b, 5, 50), 3000);
    CHECK_I64(mx_stats_percentile(b, 6, 50), 3500);
    int64_t q[8] = {1000, 2000, 4000, 7000, 8000, 9000, 10000, 12000};
    CHECK_I64(mx_stats_percentile(q, 8, 25), 3500);
    /* the ends, and n = 1 and 2 */
    CHECK_I64(mx_stats_percentile(q, 8, 0), 1000);
    CHECK_I64(mx_stats_percentile(q, 8, 100), 12000);
    CHECK_I64(mx_stats_percentile(q, 1, 90), 1000);
    CHECK_I64(mx_stats_percentile(q, 2, 50), 1500); /* not the lower one (nearest rank) */
    /* p90 of 1..10 s: h = 8.1, 9 + 0.1 (10 - 9) = 9.1 s */
    int64_t ten[10] = {1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000};
    CHECK_I64(mx_stats_percentile(ten, 10, 90), 9100);
    /* rounding to the millisecond, halves up: median of 1 and 2 ms is 1.5 -> 2 */
    int64_t tiny[2] = {1, 2};
    CHECK_I64(mx_stats_percentile(tiny, 2, 50), 2);
    int64_t neg[2] = {-3, -2}; /* -2.5 -> -2 (up, not away from zero) */
    CHECK_I64(mx_stats_percentile(neg, 2, 50), -2);
    /* no overflow between two huge values */
    int64_t huge[2] = {INT64_MAX - 10, INT64_MAX};
    CHECK_I64(mx_stats_percentile(huge, 2, 50), INT64_MAX - 5);
}

static void median_interval(void) {
    /* j for n = 6..100: the largest j >= 1 with P(B <= j - 1) <= 0.025, B ~ Bin(n, 1/2),
     * from exact binomial sums (the coverage 1 - 2 P(B <= j - 1) is 31/32 at n = 6) */
    static const unsigned char want[101] = {
        0,  0,  0,  0,  0,  0,  1,  1,  1,  2,  2,  2,  3,  3,  3,  4,  4,  5,  5,  5,  6,
        6,  6,  7,  7,  8,  8,  8,  9,  9,  10, 10, 10, 11, 11, 12, 12, 13, 13, 13, 14, 14,
        15, 15, 16, 16, 16, 17, 17, 18, 18, 19, 19, 19, 20, 20, 21, 21, 22, 22, 22, 23, 23,
        24, 24, 25, 25, 26, 26, 26, 27, 27, 28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32, 33,
        33, 33, 34, 34, 35, 35, 36, 36, 37, 37, 38, 38, 38, 39, 39, 40, 40};
    int wrong = 0;
    for (size_t n = 0; n <= 100; n++)
        if (mx_stats_median_ci_rank(n) != want[n]) {
            if (wrong++ < 3)
                fprintf(stderr, "  n = %zu: j = %zu, want %d\n", n, mx_stats_median_ci_rank(n),
                        want[n]);
        }
    CHECK_I64(wrong, 0);
    /* large n, where the sum starts 10 standard deviations below the mean: exact ranks
     * computed with exact integer binomial sums (Python) */
    static const struct {
        size_t n, j;
    } large[] = {{1000, 469},    {1001, 470},      {10000, 4902},
                 {40001, 19805}, {250000, 124510}, {1000003, 499022}};
    for (size_t k = 0; k < sizeof large / sizeof large[0]; k++)
        CHECK_I64(mx_stats_median_ci_rank(large[k].n), large[k].j);
    /* the interval is [x(j), x(n+1-j)] of the summary */
    int64_t v[10] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    struct mx_stat s;
    mx_stats_compute(v, 10, &s);
    CHECK(s.has_ci);
    CHECK_I64(s.ci_lo, 2);
    CHECK_I64(s.ci_hi, 9);
    mx_stats_compute(v, 5, &s);
    CHECK(!s.has_ci); /* none for n <= 5 */
}

static void binomial_test(void) {
    static const struct {
        uint64_t k, n;
        double p, want;
    } cases[] = {
        {7, 10, 1.0 / 2, 11.0 / 32},
        {0, 10, 1.0 / 2, 1.0 / 512},
        {3, 20, 3.0 / 10, 2.2041826738070941e-1},
        {15, 30, 31.0 / 61, 1.0},
        {12, 40, 30.0 / 61, 1.7163946151534268e-2},
        {25, 25, 1.0 / 2, 1.0 / 16777216},
        {5, 12, 28.0 / 59, 7.7789098681768503e-1},
        {40, 100, 1.0 / 2, 5.6887933640980792e-2},
        {1, 1, 1.0 / 2, 1.0},
        {0, 5, 30.0 / 61, 6.2667988170599388e-2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_NEAR(mx_stats_binom_test(cases[i].k, cases[i].n, cases[i].p), cases[i].want, 1e-9);
    CHECK_NEAR(mx_stats_binom_test(5, 10, 0.5), 1.0, 0); /* k = n p */
}

/* Mann-Whitney p and the Hodges-Lehmann shift of x against y (values in seconds). */
static void mwu_case(const double *x, size_t nx, const double *y, size_t ny, int exact, double p,
                     double shift) {
    int64_t a[16], b[16];
    for (size_t i = 0; i < nx; i++) a[i] = (int64_t)llround(x[i] * 1000);
    for (size_t i = 0; i < ny; i++) b[i] = (int64_t)llround(y[i] * 1000);
    /* sorted, as the callers give them */
    for (size_t i = 1; i < nx; i++)
        for (size_t k = i; k > 0 && a[k - 1] > a[k]; k--) {
            int64_t t = a[k];
            a[k] = a[k - 1];
            a[k - 1] = t;
        }
    for (size_t i = 1; i < ny; i++)
        for (size_t k = i; k > 0 && b[k - 1] > b[k]; k--) {
            int64_t t = b[k];
            b[k] = b[k - 1];
            b[k - 1] = t;
        }
    bool ex = !exact;
    CHECK_NEAR(mx_stats_mann_whitney(a, nx, b, ny, &ex), p, exact ? 1e-12 : 1e-9);
    CHECK(ex == (exact != 0));
    CHECK_I64(mx_stats_hodges_lehmann(a, nx, b, ny), (int64_t)llround(shift * 1000));
}

static void mann_whitney(void) {
    static const double x1[] = {1, 2, 3}, y1[] = {4, 5, 6, 7};
    mwu_case(x1, 3, y1, 4, 1, 2.0 / 35, -3.5);
    static const double x2[] = {3, 1, 4, 1.5, 9}, y2[] = {2, 6, 5.5, 3.5, 8.5, 7};
    mwu_case(x2, 5, y2, 6, 1, 76.0 / 231, -2.25);
    /* 9 and 10 values: the normal approximation, z = (36 - 45 ... ) / sqrt(150) */
    static const double x3[] = {10, 20, 30, 40, 50, 60, 70, 80, 90},
                        y3[] = {15, 25, 35, 45, 55, 65, 75, 85, 95, 105};
    mwu_case(x3, 9, y3, 10, 0, 4.8766835345893053e-1, -10);
    /* ties: the tie-corrected normal approximation */
    static const double x4[] = {1, 2, 2, 3, 4}, y4[] = {2, 3, 3, 5, 6, 7};
    mwu_case(x4, 5, y4, 6, 0, 1.1390314458853065e-1, -2);
    /* every value tied: no spread, p = 1 (scipy after clipping), no division by zero */
    static const double x5[] = {5, 5, 5, 5};
    mwu_case(x5, 4, x5, 4, 0, 1.0, 0);
    static const double x6[] = {1, 2, 3, 4, 5, 6, 7, 8},
                        y6[] = {9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    mwu_case(x6, 8, y6, 12, 1, 1.0 / 62985, -10);
    static const double x7[] = {2, 4, 6, 8, 10}, y7[] = {1, 3, 5, 7, 9, 11};
    mwu_case(x7, 5, y7, 6, 1, 1.0, 0);
    /* R. Shier, "Statistics: 2.3 The Mann-Whitney U Test" (Mathematics Learning Support
     * Centre, 2004), the example of scipy's documentation: males' against females' age
     * at diagnosis, U = 17 and 3, two-sided exact p = 1/9 */
    static const double x8[] = {19, 22, 16, 29, 24}, y8[] = {20, 11, 17, 12};
    mwu_case(x8, 5, y8, 4, 1, 1.0 / 9, 7);
}

static void garwood(void) {
    /* exact Poisson 95% intervals; the published table: k = 1 (0.0253, 5.5716),
     * k = 10 (4.7954, 18.3904) */
    static const double want[][3] = {
        {0, 0.0, 3.68887945411},
        {1, 2.53178079843e-2, 5.57164339094},
        {2, 2.42209278544e-1, 7.22468766772},
        {3, 6.18672122896e-1, 8.76727306974},
        {4, 1.08986537363, 10.2415886754},
        {5, 1.62348639012, 11.6683320793},
        {6, 2.20189425349, 13.0594740225},
        {7, 2.81436305152, 14.4226753617},
        {8, 3.45383217675, 15.7631892202},
        {9, 4.11537309738, 17.0848034514},
        {10, 4.79538869613, 18.3903560420},
        {50, 37.1109637375, 65.9187666643},
        {100, 81.3639912509, 121.626793792},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        double lo, hi;
        mx_stats_poisson_ci((uint64_t)want[i][0], &lo, &hi);
        if (want[i][0] == 0)
            CHECK(lo == 0.0);
        else
            CHECK_NEAR(lo, want[i][1], 1e-10);
        CHECK_NEAR(hi, want[i][2], 1e-10);
    }
}

/* The Kaplan-Meier median of times (seconds; a negative one is censored at -t). */
static bool km(const double *t, size_t n, int64_t *median) {
    int64_t ev[32], ce[32];
    size_t ne = 0, nc = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] >= 0)
            ev[ne++] = (int64_t)llround(t[i] * 1000);
        else
            ce[nc++] = (int64_t)llround(-t[i] * 1000);
    }
    return mx_stats_km_median(ev, ne, ce, nc, median);
}

static void kaplan_meier(void) {
    int64_t m = 0;
    /* the 6-MP arm of the Freireich et al. leukaemia trial (Gehan 1965), weeks in
     * remission, censored negative: the median is 23 weeks */
    static const double mp6[] = {6,   6,   6,   -6, 7,  -9,  10,  -10, -11, 13, 16,
                                 -17, -19, -20, 22, 23, -25, -32, -32, -34, -35};
    CHECK(km(mp6, 21, &m));
    CHECK_I64(m, 23000);
    /* nothing censored: the median of the sample; S = 1/2 exactly from 2 to 3 */
    static const double b[] = {1, 2, 3, 4};
    CHECK(km(b, 4, &m));
    CHECK_I64(m, 2500);
    /* S = 1/2 from 2 until the next resolution, 4 (3 is censored) */
    static const double c[] = {1, 2, -3, 4};
    CHECK(km(c, 4, &m));
    CHECK_I64(m, 3000);
    /* S passes 1/2 at 4 (5/8 -> 5/12) */
    static const double d[] = {1, -2, 3, 4, -5, 6};
    CHECK(km(d, 6, &m));
    CHECK_I64(m, 4000);
    /* tied resolutions: S = 1/2 at 5, next 6 */
    static const double e[] = {5, 5, 6, 6};
    CHECK(km(e, 4, &m));
    CHECK_I64(m, 5500);
    /* censored at the same instant as a resolution: still at risk at it (S = 3/4, 3/8) */
    static const double f[] = {1, -1, 2, -2};
    CHECK(km(f, 4, &m));
    CHECK_I64(m, 2000);
    /* nothing resolved, or the curve never reaches 1/2: no median */
    static const double g[] = {-3, -4, -5};
    CHECK(!km(g, 3, &m));
    static const double h[] = {1, -2, -3};
    CHECK(!km(h, 3, &m));
    /* S = 1/2 at the last resolution, nothing after it: that resolution */
    static const double i[] = {1, -2};
    CHECK(km(i, 2, &m));
    CHECK_I64(m, 1000);
    /* S = 8/9 * 7/8 * 6/7 * 3/4 = 1/2 exactly at 4 (two censored at 3.5 and 3.6), so the
     * median is (4 + 5) / 2; a double product gives 0.4999999999999999 there and 4 */
    static const double j[] = {1, 2, 3, -3.5, -3.6, 4, 5, 6, -7};
    CHECK(km(j, 9, &m));
    CHECK_I64(m, 4500);
}

static void summary(void) {
    int64_t v[] = {5000, 1000, 3000, 2000, 4000, 60000};
    struct mx_stat s;
    mx_stats_compute(v, 6, &s);
    CHECK_I64(s.n, 6);
    CHECK_I64(s.p50, 3500);
    CHECK_I64(s.p90, 32500); /* h = 4.5: 5 + 0.5 (60 - 5) s */
    CHECK_I64(s.max, 60000);
    CHECK_I64(s.mean, 12500);
    CHECK(s.has_ci && s.ci_lo == 1000 && s.ci_hi == 60000);

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

    /* open incidents: counted, and the median that includes them */
    int64_t r[4] = {1000, 2000, 3000, 4000}, ages[2] = {10000, 500};
    mx_stats_compute(r, 4, &s);
    mx_stats_censored(&s, r, 4, ages, 2);
    CHECK_I64(s.open_n, 2);
    /* at risk at 1 s: the four resolved and the one open for 10 s (the one open for
     * 0.5 s is censored before): S = 4/5, 3/5, then 2/5 at 3 s */
    CHECK(s.has_km);
    CHECK_I64(s.km_p50, 3000);
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : (x > y);
}

/* The radix sort against qsort: small and large samples, negative values, the extremes,
 * duplicates, values that share their high bytes (durations) and values that do not. */
static void sorting(void) {
    static const size_t sizes[] = {0, 1, 2, 47, 48, 49, 1000, 5003};
    uint64_t seed = 88172645463325252ull;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (int kind = 0; kind < 3; kind++) {
            size_t n = sizes[s];
            int64_t *a = malloc((n ? n : 1) * sizeof *a), *b = malloc((n ? n : 1) * sizeof *b);
            for (size_t i = 0; i < n; i++) {
                seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17; /* xorshift64 */
                a[i] = kind == 0   ? (int64_t)(seed % 86400000) /* durations within a day */
                       : kind == 1 ? (int64_t)seed              /* anything, negatives too */
                                   : (int64_t)(seed % 7) - 3;   /* few distinct values */
                if (kind == 1 && i == 3) a[i] = INT64_MIN;
                if (kind == 1 && i == 5) a[i] = INT64_MAX;
            }
            memcpy(b, a, n * sizeof *a);
            mx_stats_sort(a, n);
            qsort(b, n, sizeof *b, cmp64);
            CHECK(n == 0 || memcmp(a, b, n * sizeof *a) == 0);
            free(a);
            free(b);
        }
}

int main(void) {
    sorting();
    percentiles();
    median_interval();
    binomial_test();
    mann_whitney();
    garwood();
    kaplan_meier();
    summary();
    TEST_DONE();
}
