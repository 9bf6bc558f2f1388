/*
 * trend.c - the comparison of two months, the partial month and the rates (see
 * trend.h).
 */
#include "analyzer/trend.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/calendar.h"
#include "analyzer/stats.h"
#include "parsers/mem.h"

#define DAY_MS 86400000.0

static const char *const verdict_keys[MX_V__COUNT] = {"no_data", "up",     "down",   "no_change",
                                                      "slower",  "faster", "too_few"};

const char *mx_trend_verdict_key(enum mx_verdict v) {
    return verdict_keys[v];
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : (x > y);
}

/* One month's durations of one metric in one group, growing. */
struct sample {
    int64_t *v;
    size_t n, cap;
};

static void push(struct sample *s, int64_t v) {
    mx_mem_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
    s->v[s->n++] = v;
}

static void count_test(struct mx_count_test *c, uint64_t a, uint64_t b, double d1, double d2) {
    c->current = a;
    c->previous = b;
    if (a + b == 0) {
        c->verdict = MX_V_NO_DATA;
        return;
    }
    c->has_p = true;
    c->p = mx_stats_binom_test(a, a + b, d1 / (d1 + d2));
    if (c->p >= 0.05)
        c->verdict = MX_V_NO_CHANGE;
    else
        c->verdict = (double)a / d1 > (double)b / d2 ? MX_V_UP : MX_V_DOWN;
}

static void shift_test(struct mx_shift_test *s, struct sample *cur, struct sample *prev) {
    if (cur->n) qsort(cur->v, cur->n, sizeof *cur->v, cmp_i64);
    if (prev->n) qsort(prev->v, prev->n, sizeof *prev->v, cmp_i64);
    s->current_n = cur->n;
    s->previous_n = prev->n;
    if (cur->n) s->current_p50 = mx_stats_percentile(cur->v, cur->n, 50);
    if (prev->n) s->previous_p50 = mx_stats_percentile(prev->v, prev->n, 50);
    if (cur->n < MX_TREND_MIN || prev->n < MX_TREND_MIN) {
        s->verdict = MX_V_TOO_FEW;
        return;
    }
    s->has_p = true;
    s->p = mx_stats_mann_whitney(cur->v, cur->n, prev->v, prev->n, NULL);
    s->shift = mx_stats_hodges_lehmann(cur->v, cur->n, prev->v, prev->n);
    if (s->p >= 0.05 || s->shift == 0)
        s->verdict = MX_V_NO_CHANGE;
    else
        s->verdict = s->shift > 0 ? MX_V_SLOWER : MX_V_FASTER;
}

static void rate(struct mx_rate *r, uint64_t k, double days) {
    r->incidents = k;
    r->per_30d = (double)k * 30.0 / days;
    mx_stats_poisson_ci(k, &r->lo, &r->hi);
    r->lo *= 30.0 / days;
    r->hi *= 30.0 / days;
}

void mx_trend_compute(const struct mx_timelines *tl, const struct mx_zone *zone,
                      const struct mx_trend_window *w, struct mx_comparison *c,
                      struct mx_partial_month *partial, struct mx_rates *rates) {
    memset(c, 0, sizeof *c);
    memset(partial, 0, sizeof *partial);
    memset(rates, 0, sizeof *rates);
    size_t n = mx_timeline_count(tl);
    int first = 0;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        if (!any || t->month < first) first = t->month;
        any = true;
    }
    /* the month holding the end, and whether the end falls inside it */
    struct mx_tm tm;
    mx_tz_local(zone, w->end, &tm);
    int end_month = (int)tm.year * 12 + tm.month - 1;
    int64_t end_start = mx_calendar_month_start(zone, end_month);
    if (end_start > w->end) end_start = mx_calendar_month_start(zone, --end_month);
    if (w->end > end_start) {
        partial->present = true;
        partial->month = end_month;
        partial->days = (double)(w->end - end_start) / DAY_MS;
        partial->of_days =
            (double)(mx_calendar_month_start(zone, end_month + 1) - end_start) / DAY_MS;
    }
    if (!any) return;
    int64_t start = w->start != MX_NO_TIME ? w->start : mx_calendar_month_start(zone, first);

    /* rates over the whole window */
    if (w->end > start) {
        rates->present = true;
        rates->days = (double)(w->end - start) / DAY_MS;
        uint64_t k = 0, ks[MX_SEV__COUNT] = {0};
        for (size_t i = 0; i < n; i++) {
            const struct mx_timeline *t = mx_timeline_get(tl, i);
            if (!mx_timeline_counted(t)) continue;
            k++;
            ks[t->severity]++;
        }
        rate(&rates->all, k, rates->days);
        for (int s = 0; s < MX_SEV__COUNT; s++) rate(&rates->sev[s], ks[s], rates->days);
    }

    /* the last complete month and the one before, both inside the window */
    c->current = end_month - 1;
    c->previous = end_month - 2;
    int64_t prev_start = mx_calendar_month_start(zone, c->previous),
            cur_start = mx_calendar_month_start(zone, c->current);
    if (prev_start < start) return;
    c->present = true;
    c->previous_days = (double)(cur_start - prev_start) / DAY_MS;
    c->current_days = (double)(end_start - cur_start) / DAY_MS;
    /* samples[group][metric][month]: group 0 all, 1 + severity; metric 0 MTTA, 1 MTTR;
     * month 0 current, 1 previous */
    struct sample samples[1 + MX_SEV__COUNT][2][2];
    uint64_t counts[1 + MX_SEV__COUNT][2];
    memset(samples, 0, sizeof samples);
    memset(counts, 0, sizeof counts);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t) || (t->month != c->current && t->month != c->previous))
            continue;
        int m = t->month == c->current ? 0 : 1;
        int groups[2] = {0, 1 + (int)t->severity};
        for (int g = 0; g < 2; g++) {
            counts[groups[g]][m]++;
            if (t->acknowledged_at != MX_NO_TIME)
                push(&samples[groups[g]][0][m], t->acknowledged_at - t->detected_at);
            if (t->resolved_at != MX_NO_TIME && t->resolved_at >= t->detected_at)
                push(&samples[groups[g]][1][m], t->resolved_at - t->detected_at);
        }
    }
    for (int g = 0; g <= MX_SEV__COUNT; g++) {
        struct mx_comparison_group *out = g ? &c->sev[g - 1] : &c->all;
        count_test(&out->incidents, counts[g][0], counts[g][1], c->current_days, c->previous_days);
        shift_test(&out->mtta, &samples[g][0][0], &samples[g][0][1]);
        shift_test(&out->mttr, &samples[g][1][0], &samples[g][1][1]);
        for (int k = 0; k < 2; k++)
            for (int m = 0; m < 2; m++) free(samples[g][k][m].v);
    }
}
