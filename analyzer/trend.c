/*
 * trend.c - headline figures and their month-over-month change (see trend.h).
 */
#include "analyzer/trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/result.h"
#include "parsers/mem.h"

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : (x > y);
}

const char *mx_trend_words(enum mx_trend t) {
    switch (t) {
    case MX_TREND_UP: return "up";
    case MX_TREND_DOWN: return "down";
    case MX_TREND_NO_CHANGE: return "no detectable change";
    case MX_TREND_TOO_FEW: return "too few to compare";
    default: return "";
    }
}

static void count_trend(struct mx_figure *f, uint64_t now, uint64_t before, bool has_before) {
    f->has_value = true;
    f->value = (int64_t)now;
    f->has_previous = has_before;
    f->previous = (int64_t)before;
    if (!has_before) return;
    double diff = fabs((double)now - (double)before);
    if (diff > 2.0 * sqrt((double)(now + before)))
        f->trend = now > before ? MX_TREND_UP : MX_TREND_DOWN;
    else
        f->trend = MX_TREND_NO_CHANGE;
}

/* The 95% confidence interval of the median of sorted v[0..n), n >= 5. */
static void median_ci(const int64_t *v, size_t n, int64_t *lo, int64_t *hi) {
    double half = 0.98 * sqrt((double)n);
    long j = (long)floor((double)n / 2.0 - half), k = (long)ceil((double)n / 2.0 + 1.0 + half);
    if (j < 1) j = 1;
    if (k > (long)n) k = (long)n;
    *lo = v[j - 1];
    *hi = v[k - 1];
}

/* Durations of one month's SEV1 incidents (which: 0 MTTA, 1 MTTR), sorted. */
static size_t sample(const struct mx_timelines *tl, int month, int which, int64_t *out) {
    size_t n = 0;
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t) || t->month != month || t->severity != MX_SEV_1) continue;
        int64_t end = which ? t->resolved_at : t->acknowledged_at;
        if (end != MX_NO_TIME && end >= t->detected_at) out[n++] = end - t->detected_at;
    }
    qsort(out, n, sizeof *out, cmp_i64);
    return n;
}

static void median_trend(struct mx_figure *f, const struct mx_timelines *tl, int month, int which,
                         int64_t *a, int64_t *b) {
    size_t na = sample(tl, month, which, a), nb = sample(tl, month - 1, which, b);
    f->n = na;
    f->has_value = na > 0;
    if (na) f->value = mx_stats_percentile(a, na, 50);
    f->has_previous = nb > 0;
    if (nb) f->previous = mx_stats_percentile(b, nb, 50);
    if (!na || !nb) return;
    if (na < 5 || nb < 5) {
        f->trend = MX_TREND_TOO_FEW;
        return;
    }
    int64_t alo, ahi, blo, bhi;
    median_ci(a, na, &alo, &ahi);
    median_ci(b, nb, &blo, &bhi);
    if (alo > bhi)
        f->trend = MX_TREND_UP;
    else if (ahi < blo)
        f->trend = MX_TREND_DOWN;
    else
        f->trend = MX_TREND_NO_CHANGE;
}

void mx_trend_headline(struct mx_headline *h, const struct mx_timelines *tl) {
    memset(h, 0, sizeof *h);
    h->month = -1;
    size_t n = mx_timeline_count(tl);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (mx_timeline_counted(t) && t->month > h->month) h->month = t->month;
    }
    if (h->month < 0) return;
    uint64_t now = 0, before = 0, now12 = 0, before12 = 0;
    bool any_before = false;
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        bool sev12 = t->severity == MX_SEV_1 || t->severity == MX_SEV_2;
        if (t->month == h->month) now++, now12 += sev12;
        if (t->month == h->month - 1) before++, before12 += sev12;
        if (t->month < h->month) any_before = true;
    }
    count_trend(&h->incidents, now, before, any_before);
    count_trend(&h->sev12, now12, before12, any_before);
    int64_t *a = mx_mem_malloc((n ? n : 1) * sizeof *a),
            *b = mx_mem_malloc((n ? n : 1) * sizeof *b);
    median_trend(&h->mtta_sev1, tl, h->month, 0, a, b);
    median_trend(&h->mttr_sev1, tl, h->month, 1, a, b);
    free(a);
    free(b);
}
