/*
 * stats.c - summaries of duration samples and the tests of the comparison (see
 * stats.h).
 */
#include "analyzer/stats.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

/* 128-bit integers (GCC and Clang) for products of two durations */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

void mx_stats_sort(int64_t *v, size_t n) {
    if (n < 48) { /* insertion sort: a radix pass costs more for so few */
        for (size_t i = 1; i < n; i++) {
            int64_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    /* LSD radix sort on the bits with the sign flipped (so unsigned order is signed
     * order), a byte per pass; a byte every value shares (the high bytes of durations)
     * costs one count and no pass */
    uint64_t *a = (uint64_t *)v, *b = mx_mem_malloc(n * sizeof *b);
    size_t count[8][256] = {{0}};
    for (size_t i = 0; i < n; i++) {
        uint64_t x = a[i] ^ (1ull << 63);
        for (int d = 0; d < 8; d++) count[d][(x >> (8 * d)) & 255]++;
    }
    uint64_t *from = a, *to = b;
    for (int d = 0; d < 8; d++) {
        size_t *c = count[d], at = 0;
        if (c[((from[0] ^ (1ull << 63)) >> (8 * d)) & 255] == n) continue;
        for (int k = 0; k < 256; k++) {
            size_t m = c[k];
            c[k] = at;
            at += m;
        }
        for (size_t i = 0; i < n; i++)
            to[c[((from[i] ^ (1ull << 63)) >> (8 * d)) & 255]++] = from[i];
        uint64_t *t = from;
        from = to;
        to = t;
    }
    if (from != a) memcpy(a, from, n * sizeof *a);
    free(b);
}

/* floor(num / den) for den > 0, rounding toward minus infinity. */
static int64_t floor_div(i128 num, i128 den) {
    i128 q = num / den;
    if (num % den != 0 && num < 0) q--;
    return (int64_t)q;
}

/* (a + b) / 2 to the nearest millisecond, halves up. */
static int64_t midpoint(int64_t a, int64_t b) {
    return floor_div((i128)a + b + 1, 2);
}

int64_t mx_stats_percentile(const int64_t *sorted, size_t n, unsigned p) {
    if (p > 100) p = 100;
    uint64_t h100 = (uint64_t)(n - 1) * p; /* 100 h */
    size_t i = (size_t)(h100 / 100);
    uint64_t frac = h100 % 100;
    if (frac == 0 || i + 1 >= n) return sorted[i];
    /* x[i] + frac/100 (x[i+1] - x[i]), halves up; the difference is >= 0 */
    i128 step = (i128)(sorted[i + 1] - sorted[i]) * (i128)frac;
    return sorted[i] + floor_div(step + 50, 100);
}

size_t mx_stats_median_ci_rank(size_t n) {
    if (n <= 5) return 0;
    /* P(B <= j - 1) summed in logs (n may be large), until it passes 0.025. The terms
     * more than 10 standard deviations (5 sqrt(n)) below the mean add up to less than
     * e^-50 (Hoeffding), far under a double's precision at 0.025: the sum starts
     * there, at i0 */
    double sd10 = 5.0 * sqrt((double)n);
    size_t i0 = (double)n / 2.0 > sd10 ? (size_t)((double)n / 2.0 - sd10) : 0;
    double lp = lgamma((double)n + 1.0) - lgamma((double)i0 + 1.0) -
                lgamma((double)(n - i0) + 1.0) - (double)n * log(2.0);
    double cdf = -INFINITY, lim = log(0.025);
    size_t j = i0;
    for (size_t i = i0; i < n; i++) {
        /* cdf = log P(B <= i) */
        double hi = cdf > lp ? cdf : lp, lo = cdf > lp ? lp : cdf;
        cdf = hi + log1p(exp(lo - hi));
        if (cdf > lim) break;
        j = i + 1; /* P(B <= j - 1) <= 0.025 */
        lp += log((double)(n - i) / (double)(i + 1));
    }
    return j ? j : 1;
}

void mx_stats_compute(int64_t *v, size_t n, struct mx_stat *out) {
    memset(out, 0, sizeof *out);
    out->n = n;
    if (n == 0) return;
    mx_stats_sort(v, n);
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
    size_t j = mx_stats_median_ci_rank(n);
    if (j) {
        out->has_ci = true;
        out->ci_lo = v[j - 1];
        out->ci_hi = v[n - j];
    }
    if (n < MX_STAT_FEW) memcpy(out->few, v, n * sizeof *v);
}

void mx_stats_censored(struct mx_stat *s, const int64_t *events, size_t n, int64_t *ages,
                       size_t n_open) {
    mx_stats_sort(ages, n_open);
    s->open_n = n_open;
    s->has_km = mx_stats_km_median(events, n, ages, n_open, &s->km_p50);
}

/* S(t) as a product of fractions (at risk - events) / at risk, kept exactly as the
 * exponents of its prime factors (all factors are at most the sample size), so that
 * "S = 1/2" is decided exactly; the comparison with 1/2 otherwise uses the long
 * double product, whose error is far below the distance of any other such fraction
 * from 1/2 for samples a report holds. */
struct km_exact {
    uint32_t *spf; /* smallest prime factor of 0..cap */
    int32_t *exp;  /* exponent of each prime in S */
    size_t nonzero;
};

static void km_factor(struct km_exact *k, uint64_t v, int sign) {
    while (v > 1) {
        uint32_t p = k->spf[v];
        int32_t before = k->exp[p];
        k->exp[p] += sign;
        if (before == 0)
            k->nonzero++;
        else if (k->exp[p] == 0)
            k->nonzero--;
        v /= p;
    }
}

static bool km_is_half(const struct km_exact *k) {
    return k->exp[2] == -1 && k->nonzero == 1;
}

bool mx_stats_km_median(const int64_t *events, size_t n, const int64_t *cens, size_t nc,
                        int64_t *median) {
    if (n == 0) return false;
    size_t cap = n + nc < 2 ? 2 : n + nc;
    struct km_exact k = {mx_mem_calloc(cap + 1, sizeof *k.spf),
                         mx_mem_calloc(cap + 1, sizeof *k.exp), 0};
    for (size_t i = 2; i <= cap; i++)
        if (k.spf[i] == 0)
            for (size_t m = i; m <= cap; m += i)
                if (k.spf[m] == 0) k.spf[m] = (uint32_t)i;
    long double S = 1.0L;
    bool found = false;
    size_t ci = 0; /* censored times before the current event time */
    for (size_t i = 0; i < n && !found;) {
        int64_t t = events[i];
        size_t e = i;
        while (e < n && events[e] == t) e++;
        while (ci < nc && cens[ci] < t) ci++;
        uint64_t at_risk = (uint64_t)(n - i) + (uint64_t)(nc - ci), d = (uint64_t)(e - i);
        if (d == at_risk) {
            *median = t; /* S drops to 0 */
            found = true;
            break;
        }
        S *= (long double)(at_risk - d) / (long double)at_risk;
        km_factor(&k, at_risk - d, 1);
        km_factor(&k, at_risk, -1);
        if (km_is_half(&k)) {
            *median = e < n ? midpoint(t, events[e]) : t;
            found = true;
        } else if (S < 0.5L) {
            *median = t;
            found = true;
        }
        i = e;
    }
    free(k.spf);
    free(k.exp);
    return found;
}

double mx_stats_binom_test(uint64_t k, uint64_t n, double p) {
    if (n == 0 || p <= 0.0 || p >= 1.0) return 1.0;
    if ((double)k == p * (double)n) return 1.0;
    double ln_p = log(p), ln_q = log1p(-p), lg_n = lgamma((double)n + 1.0);
#define LOGPMF(i)                                                                                  \
    (lg_n - lgamma((double)(i) + 1.0) - lgamma((double)(n - (i)) + 1.0) + (double)(i)*ln_p +       \
     (double)(n - (i)) * ln_q)
    double d = LOGPMF(k) + log1p(1e-7), sum = 0.0;
    for (uint64_t i = 0; i <= n; i++) {
        double l = LOGPMF(i);
        if (l <= d) sum += exp(l);
    }
#undef LOGPMF
    return sum < 1.0 ? sum : 1.0;
}

double mx_stats_mann_whitney(const int64_t *x, size_t nx, const int64_t *y, size_t ny,
                             bool *exact) {
    /* midranks of the pooled sample (twice, to stay integral), merged from the sorted
     * samples; the tie term sum(t^3 - t) over groups of equal values */
    uint64_t r2 = 0; /* twice the rank sum of x */
    double tie_term = 0.0;
    bool ties = false;
    size_t i = 0, j = 0, pos = 0;
    while (i < nx || j < ny) {
        int64_t v = j >= ny || (i < nx && x[i] <= y[j]) ? x[i] : y[j];
        size_t gx = 0, gy = 0;
        while (i < nx && x[i] == v) i++, gx++;
        while (j < ny && y[j] == v) j++, gy++;
        uint64_t t = gx + gy;
        r2 += gx * (2 * pos + 1 + t); /* ranks pos+1 .. pos+t, mean (2 pos + 1 + t) / 2 */
        if (t > 1) {
            ties = true;
            tie_term += (double)t * (double)t * (double)t - (double)t;
        }
        pos += t;
    }
    double n1 = (double)nx, n2 = (double)ny;
    double u1 = ((double)r2 - n1 * (n1 + 1.0)) / 2.0, u2 = n1 * n2 - u1;
    double u = u1 > u2 ? u1 : u2, pval;
    size_t m = nx < ny ? nx : ny, big = nx < ny ? ny : nx;
    bool ex = m <= 8 && !ties;
    if (ex) {
        /* the null distribution of U: the coefficients of the Gaussian binomial
         * [m + big choose m](q) = prod_{k=1..m} (1 - q^(big+k)) / (1 - q^k) */
        size_t top = m * big;
        long double *c = mx_mem_calloc(top + 1, sizeof *c);
        c[0] = 1.0L;
        for (size_t k = 1; k <= m; k++) {
            for (size_t a = top; a >= big + k && a <= top; a--) c[a] -= c[a - (big + k)];
            for (size_t a = k; a <= top; a++) c[a] += c[a - k];
        }
        long double tail = 0.0L, total = 0.0L;
        size_t uu = (size_t)u;
        for (size_t a = 0; a <= top; a++) {
            total += c[a];
            if (a >= uu) tail += c[a];
        }
        free(c);
        pval = (double)(2.0L * tail / total);
    } else {
        double nn = n1 + n2;
        double s = sqrt(n1 * n2 / 12.0 * ((nn + 1.0) - tie_term / (nn * (nn - 1.0))));
        if (!(s > 0.0)) {
            pval = 1.0; /* every value equal */
        } else {
            double z = (u - n1 * n2 / 2.0 - 0.5) / s;
            pval = erfc(z / sqrt(2.0));
        }
    }
    if (exact) *exact = ex;
    return pval < 1.0 ? pval : 1.0;
}

/* The number of differences x[i] - y[j] that are <= d. */
static u128 diffs_at_most(const int64_t *x, size_t nx, const int64_t *y, size_t ny, i128 d) {
    u128 count = 0;
    size_t j = 0; /* the first y[j] with x[i] - y[j] <= d, i.e. y[j] >= x[i] - d */
    for (size_t i = 0; i < nx; i++) {
        while (j < ny && (i128)y[j] < (i128)x[i] - d) j++;
        count += ny - j;
    }
    return count;
}

/* The k-th smallest difference (1-based): the smallest d with k differences <= d. */
static int64_t kth_diff(const int64_t *x, size_t nx, const int64_t *y, size_t ny, u128 k) {
    i128 lo = (i128)x[0] - y[ny - 1], hi = (i128)x[nx - 1] - y[0];
    while (lo < hi) {
        i128 mid = lo + (hi - lo) / 2;
        if (diffs_at_most(x, nx, y, ny, mid) >= k)
            hi = mid;
        else
            lo = mid + 1;
    }
    return (int64_t)lo;
}

int64_t mx_stats_hodges_lehmann(const int64_t *x, size_t nx, const int64_t *y, size_t ny) {
    u128 total = (u128)nx * ny;
    if (total % 2) return kth_diff(x, nx, y, ny, total / 2 + 1);
    return midpoint(kth_diff(x, nx, y, ny, total / 2), kth_diff(x, nx, y, ny, total / 2 + 1));
}

/* The regularized lower incomplete gamma function P(a, x), a > 0: the series below
 * a + 1, the continued fraction (modified Lentz) above. */
static double gamma_p(double a, double x) {
    if (x <= 0.0) return 0.0;
    double lnpre = -x + a * log(x) - lgamma(a);
    if (x < a + 1.0) {
        double ap = a, del = 1.0 / a, sum = del;
        for (int k = 0; k < 100000; k++) {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if (fabs(del) < fabs(sum) * 1e-17) break;
        }
        return sum * exp(lnpre);
    }
    double b = x + 1.0 - a, c = 1.0 / DBL_MIN, d = 1.0 / b, h = d;
    for (int k = 1; k < 100000; k++) {
        double an = -(double)k * ((double)k - a);
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < DBL_MIN) d = DBL_MIN;
        c = b + an / c;
        if (fabs(c) < DBL_MIN) c = DBL_MIN;
        d = 1.0 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < 1e-16) break;
    }
    return 1.0 - exp(lnpre) * h;
}

/* The x with P(a, x) = q, by bisection (P increases with x). */
static double gamma_p_inverse(double a, double q) {
    double lo = 0.0, hi = a + 20.0 * sqrt(a) + 40.0;
    for (int k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
        double mid = (lo + hi) / 2.0;
        if (gamma_p(a, mid) < q)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2.0;
}

void mx_stats_poisson_ci(uint64_t k, double *lo, double *hi) {
    /* P(X >= k; l) = P(k, l) and P(X <= k; l) = 1 - P(k + 1, l) */
    *lo = k ? gamma_p_inverse((double)k, 0.025) : 0.0;
    *hi = gamma_p_inverse((double)k + 1.0, 0.975);
}
