/*
 * result.c - builds struct mx_result (see result.h). One pass over the timelines
 * (ordered by detection) adds each incident to the metric groups it belongs to: all,
 * its severity, its month, its month x severity; MTBF intervals are attributed to the
 * group of the later incident, within the sequence of that group's severity.
 */
#include "analyzer/result.h"

#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

const struct mx_rule *mx_result_exclusion(const struct mx_result *r, const struct mx_timeline *t) {
    if (!t->excluded || !r->rules || t->excluded > r->rules->n_exclude) return NULL;
    return &r->rules->exclude[t->excluded - 1];
}

static void count_inputs(struct mx_result *r, const struct mx_timelines *tl,
                         const struct mx_diag *d, const uint64_t *dups) {
    r->n_inputs = d->n_inputs;
    r->inputs = mx_mem_calloc(d->n_inputs ? d->n_inputs : 1, sizeof *r->inputs);
    for (size_t i = 0; i < d->n_inputs; i++) {
        const struct mx_input_stat *s = &d->inputs[i];
        struct mx_input_sum *in = &r->inputs[i];
        in->stat = s;
        in->duplicates = dups[i];
        in->repeated_ids = mx_timeline_repeated_ids(tl, (uint32_t)i);
        in->accepted = s->emitted - dups[i];
        in->after_as_of = mx_timeline_after_as_of(tl, (uint32_t)i);
        r->total.accepted += in->accepted;
        r->total.after_as_of += in->after_as_of;
        r->total.duplicates += in->duplicates;
        r->total_records += s->records;
        r->total_rejected += s->rejected;
        r->skipped_files += s->skipped;
        r->urgencies_unmapped += s->urgencies_unmapped;
        for (int k = 0; k < MX_R__COUNT; k++) r->by_reason[k] += s->by_reason[k];
        for (int k = 0; k < MX_W__COUNT; k++) r->by_warning[k] += s->by_warning[k];
    }
}

static int64_t time_to_resolve(const struct mx_timeline *t) {
    return t->resolved_at - t->detected_at;
}

/* Keeps t among r->longest if it took longer to resolve than the last kept (timelines
 * come in timeline order, so an equal one stays behind those before it). */
static void keep_longest(struct mx_result *r, const struct mx_timeline *t) {
    if (t->resolved_at == MX_NO_TIME || t->resolved_at < t->detected_at) return;
    int64_t d = time_to_resolve(t);
    size_t k = r->n_longest;
    if (k == MX_LONGEST && d <= time_to_resolve(r->longest[k - 1])) return;
    if (k < MX_LONGEST)
        r->n_longest++;
    else
        k--;
    for (; k > 0 && time_to_resolve(r->longest[k - 1]) < d; k--) r->longest[k] = r->longest[k - 1];
    r->longest[k] = t;
}

static void count_incidents(struct mx_result *r, const struct mx_timelines *tl, int *lo, int *hi) {
    *lo = 0;
    *hi = -1;
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!t->in_window) {
            if (t->filtered)
                r->filtered++;
            else
                r->out_of_window++;
            continue;
        }
        if (t->merged) {
            r->merged++;
            continue;
        }
        if (t->rule_flags & MX_RULE_LIMIT) r->rule_limit_hits++;
        if (t->excluded) {
            r->excluded++;
            r->excluded_by[t->excluded - 1]++;
            continue;
        }
        if (t->rule_flags & MX_RULE_SEV_FROM_TITLE) r->severity_from_title++;
        if (t->rule_flags & MX_RULE_SEV_UNKNOWN) r->severity_from_title_unknown++;
        if (t->alias) r->aliased_by[t->alias - 1]++;
        r->incidents++;
        r->by_severity[t->severity]++;
        if (t->open) {
            r->open++;
            r->open_by_severity[t->severity]++;
        }
        if (t->auto_resolved) r->auto_resolved++;
        if (t->reopens) r->reopened++;
        keep_longest(r, t);
        for (int a = 0; a < MX_A__COUNT; a++)
            if (t->anomalies & (1u << a)) r->anomalies[a]++;
        if (*hi < *lo) *lo = *hi = t->month;
        if (t->month < *lo) *lo = t->month;
        if (t->month > *hi) *hi = t->month;
    }
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : (x > y);
}

/* The months of the report: every month from the first to the last with incidents,
 * or, when they span more than MX_DENSE_MONTHS (a date typed wrong, a year 9388),
 * only the months that have incidents, so the reports stay bounded by the data. */
static void list_months(struct mx_result *r, const struct mx_timelines *tl, int lo, int hi) {
    size_t span = hi >= lo ? (size_t)(hi - lo + 1) : 0;
    if (span <= MX_DENSE_MONTHS) {
        r->n_months = span;
        r->months = mx_mem_calloc(span ? span : 1, sizeof *r->months);
        for (size_t m = 0; m < span; m++) r->months[m].key = lo + (int)m;
        return;
    }
    r->months_sparse = true;
    int *keys = mx_mem_malloc(mx_timeline_count(tl) * sizeof *keys);
    size_t n = 0;
    for (size_t i = 0; i < mx_timeline_count(tl); i++)
        if (mx_timeline_counted(mx_timeline_get(tl, i))) keys[n++] = mx_timeline_get(tl, i)->month;
    qsort(keys, n, sizeof *keys, cmp_int);
    r->months = mx_mem_calloc(n ? n : 1, sizeof *r->months);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || keys[i] != keys[i - 1]) r->months[r->n_months++].key = keys[i];
    free(keys);
}

size_t mx_result_month(const struct mx_result *r, int key) {
    size_t lo = 0, hi = r->n_months;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->months[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Compliance of every timeline, and its counts (all, per month, per month x
 * severity). */
static void comply(struct mx_result *r) {
    const struct mx_timelines *tl = r->tl;
    size_t n = mx_timeline_count(tl);
    unsigned measured = 0;
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        if (t->status_updates) measured |= 1;
        if (t->war_room_at != MX_NO_TIME) measured |= 2;
    }
    struct mx_compliance_summary *s = &r->compliance;
    s->cadence_measured = measured & 1;
    s->war_room_measured = (measured & 2) != 0;
    s->channel_checked = r->rules && r->rules->channel.re;
    r->comp = mx_mem_calloc(n ? n : 1, sizeof *r->comp);
    r->cells = mx_mem_calloc(r->n_months * 6 + 1, sizeof *r->cells);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        struct mx_compliance *c = &r->comp[i];
        mx_compliance_check(c, tl, t, r->policy, r->zone, r->as_of, measured);
        if (!mx_timeline_counted(t)) continue;
        struct mx_compliance_counts *cell = &r->cells[mx_result_month(r, t->month) * 6];
        struct mx_compliance_counts *groups[3] = {&s->all, &cell[t->severity], &cell[5]};
        for (int g = 0; g < 3; g++) {
            groups[g]->pm[c->pm]++;
            groups[g]->rsp[c->rsp]++;
        }
        s->reg[c->reg]++;
        s->cadence_incidents += c->cadence_applies;
        s->cadence_breaches += c->cadence_breach;
        s->war_room_required += c->war_room_required;
        s->war_room_missing += c->war_room_missing;
        s->channel[t->channel_check]++;
        s->unassigned += t->severity == MX_SEV_NONE;
        s->sev12_without_postmortem +=
            (t->severity == MX_SEV_1 || t->severity == MX_SEV_2) && c->pm == MX_PM_MISSING;
    }
}

const char *mx_result_target_verdict(enum mx_target_verdict v) {
    static const char *const names[MX_TV__COUNT] = {"no_data", "too_few", "met", "missed"};
    return names[v];
}

static void judge(struct mx_target_cell *c, const struct mx_stat *s, int64_t limit) {
    c->median = s->p50;
    c->verdict = c->n == 0                ? MX_TV_NO_DATA
                 : c->n < MX_TARGET_MIN_N ? MX_TV_TOO_FEW
                 : s->p50 < limit         ? MX_TV_MET
                                          : MX_TV_MISSED;
}

/* The metric targets: every counted incident's duration against each target that
 * applies to it, per month and over the whole period; medians from the metric sets.
 * Order: by metric, every incident first, then SEV1..SEV4. */
static void judge_targets(struct mx_result *r, const struct mx_timelines *tl) {
    static const int groups[5] = {MX_TARGET_ALL, MX_SEV_1, MX_SEV_2, MX_SEV_3, MX_SEV_4};
    const struct mx_policy *p = r->policy;
    r->targets = mx_mem_calloc(MX_TM__COUNT * 5, sizeof *r->targets);
    for (int m = 0; m < MX_TM__COUNT; m++)
        for (int g = 0; g < 5; g++) {
            if (p->metric_ms[m][groups[g]] < 0) continue;
            struct mx_target_eval *e = &r->targets[r->n_targets++];
            e->metric = (enum mx_target_metric)m;
            e->sev = groups[g];
            e->limit_ms = p->metric_ms[m][groups[g]];
            e->months = mx_mem_calloc(r->n_months ? r->n_months : 1, sizeof *e->months);
        }
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        size_t mi = mx_result_month(r, t->month);
        for (size_t j = 0; j < r->n_targets; j++) {
            struct mx_target_eval *e = &r->targets[j];
            int64_t v;
            if (e->sev != MX_TARGET_ALL && e->sev != (int)t->severity) continue;
            if (!mx_metrics_duration(t, mx_metrics_of_target(e->metric), &v)) continue;
            bool within = v < e->limit_ms;
            e->whole.n++;
            e->whole.within += within;
            e->months[mi].n++;
            e->months[mi].within += within;
        }
    }
    for (size_t j = 0; j < r->n_targets; j++) {
        struct mx_target_eval *e = &r->targets[j];
        enum mx_metric mm = mx_metrics_of_target(e->metric);
        bool all = e->sev == MX_TARGET_ALL;
        judge(&e->whole, all ? &r->all.m[mm] : &r->sev[e->sev].m[mm], e->limit_ms);
        for (size_t m = 0; m < r->n_months; m++)
            judge(&e->months[m], all ? &r->months[m].all.m[mm] : &r->months[m].sev[e->sev].m[mm],
                  e->limit_ms);
    }
}

void mx_result_retro(struct mx_result *r) {
#ifdef MX_BENCH_NO_RETRO /* scripts/bench's peer: the same report without these sections */
    if (r) return;
#endif
    const struct mx_timelines *tl = r->tl;
    size_t n = mx_timeline_count(tl);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!t->in_window) continue;
        if (mx_timeline_counted(t)) r->noise_bits[i] = (uint8_t)mx_breakdown_noise_bits(t);
        struct mx_str norm = mx_timeline_string(tl, t->norm_title);
        if (norm.n) /* mx_timeline_normalize_titles: each distinct title once */
            r->norm_title[i] = mx_intern_put(&r->titles, norm.p, norm.n, NULL);
    }
    mx_breakdown_flapping(tl, r->norm_title, r->policy->flap_window_ms, r->noise_bits);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        mx_breakdown_count_noise(&r->noise, r->noise_bits[i]);
        mx_breakdown_count_noise(&r->noise_months[mx_result_month(r, t->month)], r->noise_bits[i]);
    }
    r->n_services = mx_breakdown_groups(tl, r->comp, r->noise_bits, false, r->as_of, &r->services);
    r->n_teams = mx_breakdown_groups(tl, r->comp, r->noise_bits, true, r->as_of, &r->teams);
    r->n_recurring = mx_breakdown_recurring(tl, &r->titles, r->norm_title, r->as_of, r->recurring);
    mx_oncall_build(&r->oncall, tl, r->policy, r->zone);
}

/* One kind of metric group (0: all, 1: each severity, 2: each month, 3: each month and
 * severity): every counted incident's durations and the gaps between detections (within
 * the severity for kinds 1 and 3) into its groups, then their statistics. */
static void metrics_pass(struct mx_result *r, const struct mx_timelines *tl, int64_t as_of,
                         struct mx_metrics_acc *g, int kind) {
    int64_t prev_all = MX_NO_TIME, prev_sev[MX_SEV__COUNT];
    for (int s = 0; s < MX_SEV__COUNT; s++) prev_sev[s] = MX_NO_TIME;
    bool by_sev = kind == 1 || kind == 3;
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        size_t mg = 6 + 6 * mx_result_month(r, t->month);
        size_t sg = 1 + (size_t)t->severity;
        size_t k = kind == 0 ? 0 : kind == 1 ? sg : kind == 2 ? mg : mg + sg;
        mx_metrics_add(&g[k], t, as_of);
        int64_t prev = by_sev ? prev_sev[t->severity] : prev_all;
        if (prev != MX_NO_TIME) mx_metrics_add_interval(&g[k], t->detected_at - prev);
        prev_all = t->detected_at;
        prev_sev[t->severity] = t->detected_at;
    }
    if (kind == 0) mx_metrics_finish(&g[0], &r->all);
    for (int s = 0; kind == 1 && s < MX_SEV__COUNT; s++) mx_metrics_finish(&g[1 + s], &r->sev[s]);
    for (size_t m = 0; kind >= 2 && m < r->n_months; m++) {
        if (kind == 2) mx_metrics_finish(&g[6 + 6 * m], &r->months[m].all);
        for (int s = 0; kind == 3 && s < MX_SEV__COUNT; s++)
            mx_metrics_finish(&g[6 + 6 * m + 1 + (size_t)s], &r->months[m].sev[s]);
    }
}

/* What mx_result_counts computes; the months the counted incidents span in *lo, *hi. */
static void counts(struct mx_result *r, const struct mx_timelines *tl, const struct mx_diag *d,
                   const struct mx_zone *zone, const struct mx_policy *policy,
                   const struct mx_ruleset *rules, const uint64_t *dups, int64_t as_of,
                   int64_t from, int64_t to, int *lo, int *hi) {
    memset(r, 0, sizeof *r);
    r->as_of = as_of;
    r->from = from;
    r->to = to;
    r->diag = d;
    r->tl = tl;
    r->zone = zone;
    r->timezone = mx_tz_name(zone);
    r->policy = policy;
    r->rules = rules;
    count_inputs(r, tl, d, dups);
    count_incidents(r, tl, lo, hi);
    r->joined = mx_timeline_joined(tl);
    r->join_ambiguous = mx_timeline_join_ambiguous(tl);
    r->urgency_hint =
        r->incidents && r->by_severity[MX_SEV_NONE] == r->incidents && r->urgencies_unmapped;
}

void mx_result_counts(struct mx_result *r, const struct mx_timelines *tl, const struct mx_diag *d,
                      const struct mx_zone *zone, const struct mx_policy *policy,
                      const struct mx_ruleset *rules, const uint64_t *dups, int64_t as_of,
                      int64_t from, int64_t to) {
    int lo, hi;
    counts(r, tl, d, zone, policy, rules, dups, as_of, from, to, &lo, &hi);
}

void mx_result_build_incidents(struct mx_result *r, const struct mx_timelines *tl,
                               const struct mx_diag *d, const struct mx_zone *zone,
                               const struct mx_policy *policy, const struct mx_ruleset *rules,
                               const uint64_t *dups, int64_t as_of, int64_t from, int64_t to) {
    int lo, hi;
    counts(r, tl, d, zone, policy, rules, dups, as_of, from, to, &lo, &hi);
    list_months(r, tl, lo, hi);
    /* the retro's arrays, empty until mx_result_retro fills them */
    size_t nt = mx_timeline_count(tl);
    mx_intern_init(&r->titles);
    r->norm_title = mx_mem_calloc(nt ? nt : 1, sizeof *r->norm_title);
    r->noise_bits = mx_mem_calloc(nt ? nt : 1, 1);
    r->noise_months = mx_mem_calloc(r->n_months ? r->n_months : 1, sizeof *r->noise_months);
    comply(r);
}

void mx_result_build_aggregates(struct mx_result *r) {
    const struct mx_timelines *tl = r->tl;
    /* groups: [0] all, [1..5] severities, then 6 per month (all, severities); filled and
     * finished one kind at a time, so that only one kind's durations are held at once */
    size_t ng = 6 + 6 * r->n_months;
    struct mx_metrics_acc *g = mx_mem_calloc(ng, sizeof *g);
    for (int kind = 0; kind < 4; kind++)
        for (int p = 0; p < MX_METRICS_PASSES; p++) {
            for (size_t k = 0; k < ng; k++) g[k].only = mx_metrics_pass(p);
            metrics_pass(r, tl, r->as_of, g, kind);
        }
    free(g);
    judge_targets(r, tl);
    int64_t to = r->to != MX_NO_TIME && r->to < r->as_of ? r->to : r->as_of;
    struct mx_trend_window w = {r->from, to};
    mx_trend_compute(tl, r->zone, &w, &r->comparison, &r->partial, &r->rates);
}

void mx_result_build(struct mx_result *r, const struct mx_timelines *tl, const struct mx_diag *d,
                     const struct mx_zone *zone, const struct mx_policy *policy,
                     const struct mx_ruleset *rules, const uint64_t *dups, int64_t as_of,
                     int64_t from, int64_t to) {
    mx_result_build_incidents(r, tl, d, zone, policy, rules, dups, as_of, from, to);
    mx_result_build_aggregates(r);
}

void mx_result_free(struct mx_result *r) {
    if (!r) return;
    free(r->inputs);
    free(r->months);
    free(r->comp);
    free(r->cells);
    for (size_t i = 0; i < r->n_targets; i++) free(r->targets[i].months);
    free(r->targets);
    mx_intern_free(&r->titles);
    free(r->norm_title);
    free(r->noise_bits);
    free(r->noise_months);
    mx_breakdown_free(r->services, r->n_services);
    mx_breakdown_free(r->teams, r->n_teams);
    mx_breakdown_recurring_free(r->recurring, r->n_recurring);
    mx_oncall_free(&r->oncall);
    memset(r, 0, sizeof *r);
}

uint32_t mx_result_commander(const struct mx_result *r, const struct mx_timeline *t) {
    uint32_t who = 0;
    for (uint32_t k = 0; k < t->count; k++) {
        uint32_t c = mx_timeline_commander(r->tl, t->first + k);
        if (c) who = c;
    }
    return who;
}
