/*
 * md_report.c - report.md. Section order: what changed, overview, metric targets, response times by
 * severity, months, charts, longest and open incidents, compliance, data quality,
 * definitions. Tables lead with n and the median; empty cells read "no data (n=0)", never
 * a zero; under five values the values themselves are shown.
 */
#include "reports/md_report.h"

#include <stdlib.h>
#include <string.h>

#include "reports/esc.h"
#include "reports/fmt.h"
#include "reports/prose.h"
#include "parsers/mem.h"

static const enum mx_severity SEV_ORDER[MX_SEV__COUNT] = {MX_SEV_1, MX_SEV_2, MX_SEV_3, MX_SEV_4,
                                                          MX_SEV_NONE};
static const enum mx_metric SHOWN[] = {MX_M_MTTA, MX_M_MTTR, MX_M_MTTM,
                                       MX_M_MTTD, MX_M_MTBF, MX_M_MTTR_NOAUTO};

/* A C string from input or the config (a path, a pattern, a message), escaped. */
static void mdc(struct mx_buf *b, const char *s) {
    mx_esc_md(b, s, strlen(s));
}

/* Our own sentences are plain Markdown; values and patterns from inputs and the config
 * are escaped. */
static void md_words(struct mx_buf *b, const char *s, size_t n) {
    mx_buf_put(b, s, n);
}
const struct mx_prose_markup mx_md_report_markup = {md_words, mx_esc_md, mx_esc_md, "- ", "\n"};
#define MD mx_md_report_markup

/* The values of a small sample, "4m 10s, 5m 02s". */
static void few(struct mx_buf *b, const struct mx_stat *s) {
    for (uint64_t i = 0; i < s->n; i++) {
        if (i) mx_buf_puts(b, ", ");
        mx_fmt_duration(b, s->few[i]);
    }
}

/* "| n | median | p90 | mean | max |" cells of a summary (the median with its interval);
 * under MX_STAT_FEW values the values themselves, and "no data (n=0)" when there are none.
 * censored: a time to resolve, with its "| open | median incl. open |" cells. */
static void stat_cells(struct mx_buf *b, const struct mx_stat *s, bool censored) {
    if (s->n == 0) {
        mx_buf_puts(b, " 0 | no data (n=0) | — | — | — |");
    } else if (s->n < MX_STAT_FEW) {
        mx_buf_printf(b, " %llu | values: ", (unsigned long long)s->n);
        few(b, s);
        mx_buf_puts(b, " | — | — | — |");
    } else {
        mx_buf_printf(b, " %llu | ", (unsigned long long)s->n);
        mx_fmt_median(b, s, false);
        const int64_t v[3] = {s->p90, s->mean, s->max};
        for (int k = 0; k < 3; k++) {
            mx_buf_puts(b, " | ");
            mx_fmt_duration(b, v[k]);
        }
        mx_buf_puts(b, " |");
    }
    if (!censored) return;
    mx_buf_printf(b, " %llu | ", (unsigned long long)s->open_n);
    if (!s->open_n)
        mx_buf_puts(b, "— |");
    else if (s->has_km) {
        mx_fmt_duration(b, s->km_p50);
        mx_buf_puts(b, " |");
    } else
        mx_buf_puts(b, "not reached |");
}

/* A compact cell: "5m 02s (4m 10s – 6m 30s, n=12)", values when few, "no data (n=0)". */
static void stat_cell(struct mx_buf *b, const struct mx_stat *s) {
    if (s->n == 0) {
        mx_buf_puts(b, "no data (n=0)");
    } else if (s->n < MX_STAT_FEW) {
        few(b, s);
        mx_buf_printf(b, " (n=%llu)", (unsigned long long)s->n);
    } else {
        mx_fmt_median(b, s, true);
    }
}

/* A table's header and alignment rows: first, a column per severity in SEV_ORDER, "all". */
static void sev_header(struct mx_buf *b, const char *first) {
    mx_buf_printf(b, "| %s |", first);
    for (int i = 0; i < MX_SEV__COUNT; i++)
        mx_buf_printf(b, " %s |", mx_event_severity_name(SEV_ORDER[i]));
    mx_buf_puts(b, " all |\n|---|");
    for (int i = 0; i <= MX_SEV__COUNT; i++) mx_buf_puts(b, "---:|");
    mx_buf_putc(b, '\n');
}

/* Incidents and open incidents per severity, then what was left out and how many records
 * were read; the window line only when it left anything out, the exclusion line only when
 * [exclude] rules are configured. */
static void overview(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Overview\n\n");
    sev_header(b, "");
    mx_buf_puts(b, "| incidents |");
    for (int i = 0; i < MX_SEV__COUNT; i++)
        mx_buf_printf(b, " %llu |", (unsigned long long)r->by_severity[SEV_ORDER[i]]);
    mx_buf_printf(b, " %llu |\n| open |", (unsigned long long)r->incidents);
    for (int i = 0; i < MX_SEV__COUNT; i++)
        mx_buf_printf(b, " %llu |", (unsigned long long)r->open_by_severity[SEV_ORDER[i]]);
    mx_buf_printf(b, " %llu |\n", (unsigned long long)r->open);
    if (r->rates.present) {
        mx_buf_puts(b, "| per 30 days (95% CI) |");
        for (int i = 0; i <= MX_SEV__COUNT; i++) {
            const struct mx_rate *x =
                i < MX_SEV__COUNT ? &r->rates.sev[SEV_ORDER[i]] : &r->rates.all;
            mx_buf_putc(b, ' ');
            mx_fmt_rate(b, x);
            mx_buf_puts(b, " |");
        }
        mx_buf_putc(b, '\n');
    }
    mx_buf_printf(b,
                  "\n- %llu merged incident%s left out of every count and metric.\n"
                  "- %llu incident%s resolved automatically (a timeout or an integration); "
                  "MTTR is shown with and without them.\n"
                  "- %llu incident%s reopened at least once.\n",
                  (unsigned long long)r->merged, r->merged == 1 ? " is" : "s are",
                  (unsigned long long)r->auto_resolved, r->auto_resolved == 1 ? " was" : "s were",
                  (unsigned long long)r->reopened, r->reopened == 1 ? " was" : "s were");
    if (r->out_of_window)
        mx_buf_printf(b, "- %llu incident%s detected outside --from/--to %s left out.\n",
                      (unsigned long long)r->out_of_window, mx_fmt_s(r->out_of_window),
                      r->out_of_window == 1 ? "is" : "are");
    if (r->filtered)
        mx_buf_printf(
            b, "- %llu incident%s of other services or teams (--service, --team) %s left out.\n",
            (unsigned long long)r->filtered, mx_fmt_s(r->filtered),
            r->filtered == 1 ? "is" : "are");
    if (r->rules && r->rules->n_exclude)
        mx_buf_printf(b,
                      "- %llu incident%s excluded by the config's rules %s left out of every "
                      "count and metric (see Data quality).\n",
                      (unsigned long long)r->excluded, mx_fmt_s(r->excluded),
                      r->excluded == 1 ? "is" : "are");
    mx_buf_printf(b,
                  "- %llu record%s read: %llu accepted, %llu duplicate%s, %llu rejected "
                  "(see Data quality).\n\n",
                  (unsigned long long)r->total_records, mx_fmt_s(r->total_records),
                  (unsigned long long)r->total.accepted, (unsigned long long)r->total.duplicates,
                  mx_fmt_s(r->total.duplicates), (unsigned long long)r->total_rejected);
}

/* "2026-04 (5h 58m, n=7)" for each month of verdict v, comma-separated; "none". */
static void months_with(struct mx_buf *b, const struct mx_result *r, const struct mx_target_eval *e,
                        enum mx_target_verdict v) {
    int listed = 0;
    for (size_t m = 0; m < r->n_months; m++) {
        const struct mx_target_cell *c = &e->months[m];
        if (c->verdict != v) continue;
        if (listed++) mx_buf_puts(b, ", ");
        mx_fmt_month(b, r->months[m].key);
        mx_buf_puts(b, " (");
        mx_fmt_duration(b, c->median);
        mx_buf_printf(b, ", n=%llu)", (unsigned long long)c->n);
    }
    if (!listed) mx_buf_puts(b, "none");
}

/* The share of values within a target: "83% within (25 of 30)", or "—" without values. */
static void within(struct mx_buf *b, const struct mx_target_cell *c) {
    if (!c->n) {
        mx_buf_puts(b, "—");
        return;
    }
    mx_buf_printf(b, "%.0f%% (%llu of %llu)", 100.0 * (double)c->within / (double)c->n,
                  (unsigned long long)c->within, (unsigned long long)c->n);
}

/* Per metric target: the whole period's median and share within, and each month's
 * verdict: met or missed with 5 values or more, else too few to judge. */
static void targets(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_printf(b,
                  "## Metric targets\n\nEach applies to a month's median, judged once the month "
                  "has %d values; per-incident targets are under Compliance.\n\n",
                  MX_TARGET_MIN_N);
    if (!r->n_targets) {
        mx_buf_puts(b, "None configured.\n\n");
        return;
    }
    mx_buf_puts(b, "| target | limit | whole period | within target | months met | months missed "
                   "| too few to judge |\n|---|---|---|---:|---:|---|---:|\n");
    for (size_t k = 0; k < r->n_targets; k++) {
        const struct mx_target_eval *e = &r->targets[k];
        enum mx_metric mm = mx_metrics_of_target(e->metric);
        const struct mx_stat *s = e->sev == MX_TARGET_ALL ? &r->all.m[mm] : &r->sev[e->sev].m[mm];
        unsigned met = 0, few = 0;
        for (size_t m = 0; m < r->n_months; m++) {
            met += e->months[m].verdict == MX_TV_MET;
            few += e->months[m].verdict == MX_TV_TOO_FEW;
        }
        mx_buf_puts(b, "| ");
        mx_prose_target_name(b, e);
        mx_buf_puts(b, " | < ");
        mx_prose_span(b, e->limit_ms);
        mx_buf_puts(b, " | ");
        stat_cell(b, s);
        mx_buf_puts(b, " | ");
        within(b, &e->whole);
        mx_buf_printf(b, " | %u | ", met);
        months_with(b, r, e, MX_TV_MISSED);
        mx_buf_printf(b, " | %u |\n", few);
    }
    mx_buf_putc(b, '\n');
}

/* One table per metric of SHOWN: a row per severity, then all. */
static void by_severity(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Response times by severity\n\n");
    for (size_t k = 0; k < sizeof SHOWN / sizeof SHOWN[0]; k++) {
        enum mx_metric m = SHOWN[k];
        bool censored = m == MX_M_MTTR;
        mx_buf_printf(b,
                      "### %s\n\n| severity | n | median (95%% CI) | p90 | mean | max |%s\n"
                      "|---|---:|---:|---:|---:|---:|%s\n",
                      mx_metrics_label(m), censored ? " open | median incl. open |" : "",
                      censored ? "---:|---:|" : "");
        for (int i = 0; i < MX_SEV__COUNT; i++) {
            mx_buf_printf(b, "| %s |", mx_event_severity_name(SEV_ORDER[i]));
            stat_cells(b, &r->sev[SEV_ORDER[i]].m[m], censored);
            mx_buf_putc(b, '\n');
        }
        mx_buf_puts(b, "| all |");
        stat_cells(b, &r->all.m[m], censored);
        mx_buf_puts(b, "\n\n");
    }
}

/* Incidents per month and severity, then the MTTA, MTTR and MTBF medians per month. */
static void by_month(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## By month\n\n### Incidents\n\n");
    sev_header(b, "month");
    for (size_t m = 0; m < r->n_months; m++) {
        mx_buf_puts(b, "| ");
        mx_fmt_month_row(b, r, r->months[m].key);
        mx_buf_puts(b, " |");
        for (int i = 0; i < MX_SEV__COUNT; i++)
            mx_buf_printf(b, " %llu |",
                          (unsigned long long)r->months[m].sev[SEV_ORDER[i]].incidents);
        mx_buf_printf(b, " %llu |\n", (unsigned long long)r->months[m].all.incidents);
    }
    if (!r->n_months) mx_buf_puts(b, "| no data (n=0) | | | | | | |\n");
    const enum mx_metric per_month[] = {MX_M_MTTA, MX_M_MTTR, MX_M_MTBF};
    for (size_t k = 0; k < sizeof per_month / sizeof per_month[0]; k++) {
        mx_buf_printf(b, "\n### %s: median (95%% CI, n) per month\n\n",
                      mx_metrics_label(per_month[k]));
        sev_header(b, "month");
        for (size_t m = 0; m < r->n_months; m++) {
            mx_buf_puts(b, "| ");
            mx_fmt_month_row(b, r, r->months[m].key);
            mx_buf_puts(b, " |");
            for (int i = 0; i < MX_SEV__COUNT; i++) {
                mx_buf_putc(b, ' ');
                stat_cell(b, &r->months[m].sev[SEV_ORDER[i]].m[per_month[k]]);
                mx_buf_puts(b, " |");
            }
            mx_buf_putc(b, ' ');
            stat_cell(b, &r->months[m].all.m[per_month[k]]);
            mx_buf_puts(b, " |\n");
        }
    }
    mx_buf_putc(b, '\n');
}

/* "3 (7%)": a count and its share of the incidents, "0" alone, "—" when there are no
 * incidents (no data is not zero). */
static void share(struct mx_buf *b, uint64_t k, uint64_t of) {
    if (!of) {
        mx_buf_puts(b, "—");
        return;
    }
    mx_buf_u64(b, k);
    if (k && of) mx_buf_printf(b, " (%.0f%%)", 100.0 * (double)k / (double)of);
}

static void pct_cell(struct mx_buf *b, double v, uint64_t due);

/* One row of a service or team table; other: the summed rest ("other (k services)"),
 * whose medians are not shown (they do not add up). */
static void group_row(struct mx_buf *b, const struct mx_breakdown_group *g, const char *other) {
    mx_buf_puts(b, "| ");
    if (other)
        mx_buf_puts(b, other);
    else if (g->name.n)
        mx_esc_md(b, g->name.p, g->name.n);
    else
        mx_buf_puts(b, "(none)");
    mx_buf_printf(b, " | %llu | %llu | ", (unsigned long long)g->incidents,
                  (unsigned long long)(g->by_severity[MX_SEV_1] + g->by_severity[MX_SEV_2]));
    for (int k = 0; k < 2; k++) {
        if (other)
            mx_buf_puts(b, "—");
        else
            stat_cell(b, &g->metrics.m[k ? MX_M_MTTR : MX_M_MTTA]);
        if (k && !other && g->metrics.m[MX_M_MTTR].open_n)
            mx_buf_printf(b, " · %llu open", (unsigned long long)g->metrics.m[MX_M_MTTR].open_n);
        mx_buf_puts(b, " | ");
    }
    const uint64_t *rsp = g->comp.rsp;
    pct_cell(b, mx_compliance_rsp_pct(&g->comp),
             rsp[MX_CK_MET] + rsp[MX_CK_MISSED] + rsp[MX_CK_MISSING]);
    const uint64_t noise[4] = {g->noise.auto_resolved, g->noise.unacknowledged, g->noise.reopened,
                               g->noise.flapping};
    for (int k = 0; k < 4; k++) {
        mx_buf_puts(b, " | ");
        share(b, noise[k], g->incidents);
    }
    mx_buf_puts(b, " |\n");
}

/* The services (or teams) with most incidents, the rest summed in one row. */
static void groups(struct mx_buf *b, const char *title, const char *what,
                   const struct mx_breakdown_group *g, size_t n) {
    mx_buf_printf(b,
                  "## %s\n\n| %s | incidents | SEV1–2 | MTTA median (95%% CI, n) | MTTR median "
                  "(95%% CI, n) | acknowledged in target | auto-resolved | unacknowledged | "
                  "reopened | flapping |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
                  title, what);
    mx_prose_groups(b, g, n, strcmp(what, "team") == 0 ? "teams" : "services", group_row);
    if (n == 0) mx_buf_puts(b, "| no data (n=0) | | | | | | | | | |\n");
    mx_buf_putc(b, '\n');
}

/* Noise per month and over the whole period. */
static void noise(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Noise\n\nIncidents resolved automatically, resolved without an "
                   "acknowledgement, reopened, and flapping: detected within ");
    mx_fmt_duration(b, r->policy->flap_window_ms);
    mx_buf_puts(b, " after an incident of the same service and title was resolved.\n\n"
                   "| month | incidents | auto-resolved | unacknowledged | reopened | flapping |\n"
                   "|---|---:|---:|---:|---:|---:|\n");
    for (size_t m = 0; m <= r->n_months; m++) {
        bool all = m == r->n_months;
        const struct mx_noise *x = all ? &r->noise : &r->noise_months[m];
        uint64_t n = all ? r->all.incidents : r->months[m].all.incidents;
        mx_buf_puts(b, "| ");
        if (all)
            mx_buf_puts(b, "all");
        else
            mx_fmt_month_row(b, r, r->months[m].key);
        mx_buf_printf(b, " | %llu", (unsigned long long)n);
        const uint64_t v[4] = {x->auto_resolved, x->unacknowledged, x->reopened, x->flapping};
        for (int k = 0; k < 4; k++) {
            mx_buf_puts(b, " | ");
            share(b, v[k], n);
        }
        mx_buf_puts(b, " |\n");
    }
    mx_buf_putc(b, '\n');
}

/* The normalised titles with most incidents. */
static void recurring(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Recurring incidents\n\nTitles with numbers, ids, addresses and quoted "
                   "values taken out (shown as `<*>`); two incidents or more.\n\n"
                   "| title | incidents | services | first | last | MTTR median (95% CI, n) | "
                   "total time open |\n|---|---:|---|---|---|---:|---:|\n");
    for (size_t i = 0; i < r->n_recurring; i++) {
        const struct mx_recurring *x = &r->recurring[i];
        struct mx_str t = mx_intern_str(&r->titles, x->title);
        mx_buf_puts(b, "| ");
        mx_esc_md(b, t.p, t.n);
        mx_buf_printf(b, " | %llu | ", (unsigned long long)x->incidents);
        for (size_t k = 0; k < x->n_services; k++) {
            if (k) mx_buf_puts(b, ", ");
            if (x->services[k].n)
                mx_esc_md(b, x->services[k].p, x->services[k].n);
            else
                mx_buf_puts(b, "(none)");
        }
        mx_buf_puts(b, " | ");
        mx_fmt_local(b, r->zone, x->first);
        mx_buf_puts(b, " | ");
        mx_fmt_local(b, r->zone, x->last);
        mx_buf_puts(b, " | ");
        stat_cell(b, &x->mttr);
        mx_buf_puts(b, " | ");
        mx_fmt_duration(b, x->open_ms);
        mx_buf_puts(b, " |\n");
    }
    if (!r->n_recurring) mx_buf_puts(b, "| no title recurs | | | | | | |\n");
    mx_buf_putc(b, '\n');
}

/* How many people the on-call table lists; the rest are summed in one row. */
#define ONCALL_SHOWN 20

static void person_row(struct mx_buf *b, const struct mx_result *r,
                       const struct mx_oncall_person *x, const char *other) {
    mx_buf_puts(b, "| ");
    if (other) {
        mx_buf_puts(b, other);
    } else {
        struct mx_str name = mx_timeline_string(r->tl, x->name);
        mx_esc_md(b, name.p, name.n);
        if (x->zone != r->zone) {
            mx_buf_puts(b, " (");
            mdc(b, mx_tz_name(x->zone));
            mx_buf_putc(b, ')');
        }
    }
    for (int k = 0; k < MX_BAND__COUNT; k++)
        mx_buf_printf(b, " | %llu", (unsigned long long)x->interruptions[k]);
    mx_buf_printf(b, " | %llu | %llu | %llu |", (unsigned long long)mx_oncall_total(x),
                  (unsigned long long)x->email, (unsigned long long)x->acknowledged);
    if (other) /* one incident is several people's: these do not add up */
        mx_buf_puts(b, " — | — |\n");
    else
        mx_buf_printf(b, " %llu | %llu |\n", (unsigned long long)x->incidents,
                      (unsigned long long)x->commanded);
}

/* Who carried the pager: interruptions per band, email pages, acknowledgements,
 * incidents responded to and commanded. */
static void oncall(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_oncall *o = &r->oncall;
    mx_buf_puts(b, "## On-call load\n\n");
    if (o->from_pages)
        mx_buf_puts(b, "Interruptions are pages by phone, SMS or push (a page without a medium "
                       "counts as one; email pages are counted apart)");
    else
        mx_buf_puts(b, "The inputs hold no pages (`paged` events, PagerDuty notifications): the "
                       "bands count acknowledgements instead");
    mx_buf_puts(b, ", each in the person's zone: ");
    mx_prose_bands(b, &MD, r);
    mx_buf_puts(b, "\n\n| person | business | off hours | sleep | total | email | acknowledged | "
                   "incidents | commanded |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    size_t shown = o->n_people < ONCALL_SHOWN ? o->n_people : ONCALL_SHOWN;
    for (size_t i = 0; i < shown; i++) person_row(b, r, &o->people[i], NULL);
    if (o->n_people > shown) {
        struct mx_oncall_person rest;
        mx_oncall_sum(o, shown, &rest);
        char label[48];
        snprintf(label, sizeof label, "other (%zu people)", o->n_people - shown);
        person_row(b, r, &rest, label);
    }
    if (!o->n_people) mx_buf_puts(b, "| no data (n=0) | | | | | | | | |\n");
    if (o->pages_without_person)
        mx_buf_printf(b, "\n%llu page%s name%s no person and %s not counted.\n",
                      (unsigned long long)o->pages_without_person,
                      mx_fmt_s(o->pages_without_person), o->pages_without_person == 1 ? "s" : "",
                      o->pages_without_person == 1 ? "is" : "are");
    mx_buf_putc(b, '\n');
}

/* The first five cells of a longest or open incidents row; the caller writes the last. */
static void incident_cells(struct mx_buf *b, const struct mx_result *r,
                           const struct mx_timeline *t) {
    mx_buf_puts(b, "| ");
    mx_fmt_md_str(b, mx_timeline_id(r->tl, t));
    mx_buf_printf(b, " | %s | ", mx_event_severity_name(t->severity));
    mx_fmt_md_str(b, mx_timeline_string(r->tl, t->service));
    mx_buf_puts(b, " | ");
    mx_fmt_md_str(b, mx_timeline_string(r->tl, t->title));
    mx_buf_puts(b, " | ");
    mx_fmt_local(b, r->zone, t->detected_at);
    mx_buf_puts(b, " | ");
}

/* The ten counted, resolved incidents with the longest MTTR, auto-resolved ones marked. */
static void longest(struct mx_buf *b, const struct mx_result *r) {
    size_t n = r->n_longest;
    const struct mx_timeline *const *v = r->longest;
    mx_buf_puts(b, "## Longest incidents\n\nThe ten longest by time to resolve.\n\n"
                   "| incident | severity | service | title | detected | MTTR |\n"
                   "|---|---|---|---|---|---:|\n");
    for (size_t i = 0; i < n; i++) {
        incident_cells(b, r, v[i]);
        mx_fmt_duration(b, v[i]->resolved_at - v[i]->detected_at);
        mx_buf_puts(b, v[i]->auto_resolved ? " (auto) |\n" : " |\n");
    }
    if (n == 0) mx_buf_puts(b, "| no resolved incidents | | | | | |\n");
    mx_buf_putc(b, '\n');
}

/* Every counted open incident, with how long it has been open at as_of. */
static void open_incidents(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Open incidents\n\n");
    mx_buf_puts(b, "| incident | severity | service | title | detected | open for |\n"
                   "|---|---|---|---|---|---:|\n");
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!mx_timeline_counted(t) || !t->open) continue;
        incident_cells(b, r, t);
        mx_fmt_duration(b, r->as_of - t->detected_at);
        mx_buf_puts(b, t->reopens ? " (reopened) |\n" : " |\n");
    }
    if (r->open == 0) mx_buf_puts(b, "| none | | | | | |\n");
    mx_buf_putc(b, '\n');
}

/* What an input held, when it is not only native records: ": pagerduty_log_entry 40". */
static void kinds(struct mx_buf *b, const struct mx_input_stat *s) {
    if (mx_diag_kinds_plain(s)) return;
    for (int k = 0, first = 1; k < MX_K__COUNT; k++) {
        if (!s->by_kind[k]) continue;
        mx_buf_puts(b, first ? ": " : ", ");
        first = 0;
        mx_buf_printf(b, "%s %llu", mx_diag_kind_name((enum mx_kind)k),
                      (unsigned long long)s->by_kind[k]);
    }
}

/* The reasons that rejected anything, then the sampled messages, escaped. */
static void rejections(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "### Rejected records by reason\n\n| reason | records |\n|---|---:|\n");
    for (int k = 0; k < MX_R__COUNT; k++)
        if (r->by_reason[k])
            mx_buf_printf(b, "| %s | %llu |\n", mx_diag_reason_name((enum mx_reason)k),
                          (unsigned long long)r->by_reason[k]);
    if (!r->total_rejected) mx_buf_puts(b, "| none | 0 |\n");
    if (r->diag->n_samples) {
        mx_buf_printf(b, "\nThe first %d of each reason:\n\n", MX_DIAG_KEEP);
        for (size_t i = 0; i < r->diag->n_samples; i++) {
            mx_buf_puts(b, "- ");
            mdc(b, r->diag->samples[i].text);
            mx_buf_putc(b, '\n');
        }
    }
}

/* The timeline anomalies with up to ten incidents each. */
static void anomalies(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "\n### Timeline anomalies\n\n| anomaly | incidents | examples |\n"
                   "|---|---:|---|\n");
    int any = 0;
    for (int a = 0; a < MX_A__COUNT; a++) {
        if (!r->anomalies[a]) continue;
        any = 1;
        mx_buf_printf(b, "| %s | %llu | ", mx_timeline_anomaly_text((enum mx_anomaly)a),
                      (unsigned long long)r->anomalies[a]);
        int shown = 0;
        for (size_t i = 0; i < mx_timeline_count(r->tl) && shown < 10; i++) {
            const struct mx_timeline *t = mx_timeline_get(r->tl, i);
            if (!mx_timeline_counted(t) || !(t->anomalies & (1u << a))) continue;
            if (shown++) mx_buf_puts(b, ", ");
            mx_fmt_md_str(b, mx_timeline_id(r->tl, t));
        }
        mx_buf_puts(b, " |\n");
    }
    if (!any) mx_buf_puts(b, "| none | 0 | |\n");
    mx_buf_putc(b, '\n');
}

static void rules(struct mx_buf *b, const struct mx_result *r);

/* The per-input table with a total row, then rejections, warnings, anomalies and rules. */
static void data_quality(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Data quality\n\n");
    if (r->urgency_hint) {
        mx_prose_urgency_hint(b, &MD, r);
        mx_buf_puts(b, "\n\n");
    }
    if (r->joined || r->join_ambiguous) {
        mx_prose_joined(b, &MD, r);
        mx_buf_puts(b, "\n\n");
    }
    mx_buf_puts(b, "| input | format | records | accepted | duplicates | "
                   "rejected | rejected by reason | warnings | status |\n"
                   "|---|---|---:|---:|---:|---:|---|---:|---|\n");
    for (size_t i = 0; i < r->n_inputs; i++) {
        const struct mx_input_sum *in = &r->inputs[i];
        mx_buf_puts(b, "| ");
        mdc(b, in->stat->path);
        mx_buf_printf(b, " | %s", in->stat->format);
        if (in->stat->compression) mx_buf_printf(b, " (%s)", in->stat->compression);
        kinds(b, in->stat);
        mx_buf_printf(b, " | %llu | %llu | %llu", (unsigned long long)in->stat->records,
                      (unsigned long long)in->accepted, (unsigned long long)in->duplicates);
        if (in->repeated_ids)
            mx_buf_printf(b, " (%llu repeated id%s)", (unsigned long long)in->repeated_ids,
                          in->repeated_ids == 1 ? "" : "s");
        mx_buf_printf(b, " | %llu | ", (unsigned long long)in->stat->rejected);
        int listed = 0;
        for (int k = 0; k < MX_R__COUNT; k++) {
            if (!in->stat->by_reason[k]) continue;
            mx_buf_printf(b, "%s%s %llu", listed++ ? ", " : "",
                          mx_diag_reason_name((enum mx_reason)k),
                          (unsigned long long)in->stat->by_reason[k]);
        }
        mx_buf_printf(b, "%s | %llu | ", listed ? "" : "—", (unsigned long long)in->stat->warnings);
        if (in->stat->failure) {
            mx_buf_puts(b, "damaged: ");
            mdc(b, in->stat->failure);
        } else {
            mx_buf_puts(b, in->stat->skipped ? "skipped: not a recognised format" : "read");
        }
        mx_buf_puts(b, " |\n");
    }
    mx_buf_printf(b, "| **total** | | %llu | %llu | %llu | %llu | | | |\n\n",
                  (unsigned long long)r->total_records, (unsigned long long)r->total.accepted,
                  (unsigned long long)r->total.duplicates, (unsigned long long)r->total_rejected);
    if (r->total.after_as_of) {
        mx_buf_printf(b, "%llu event%s dated after the as-of instant (",
                      (unsigned long long)r->total.after_as_of,
                      r->total.after_as_of == 1 ? " is" : "s are");
        mx_fmt_utc(b, r->as_of);
        mx_buf_puts(
            b, ") left out of every timeline: the report shows the data as it stood then.\n\n");
    }
    rejections(b, r);
    mx_buf_puts(b, "\n### Warnings\n\n| warning | records |\n|---|---:|\n");
    int any = 0;
    for (int k = 0; k < MX_W__COUNT; k++)
        if (r->by_warning[k]) {
            any = 1;
            mx_buf_printf(b, "| %s | %llu |\n", mx_diag_warning_name((enum mx_warning)k),
                          (unsigned long long)r->by_warning[k]);
        }
    if (!any) mx_buf_puts(b, "| none | 0 |\n");
    anomalies(b, r);
    rules(b, r);
}

/* Picks for mx_prose_examples. t->excluded and t->alias hold the 1-based index of the rule
 * that matched (0: none); by_title's arg is a rule_flags bit. Aliases and title severities
 * are only shown for incidents that were not excluded. */
static bool by_exclusion(const struct mx_timeline *t, size_t i) {
    return t->excluded == i + 1;
}

static bool by_alias(const struct mx_timeline *t, size_t i) {
    return t->alias == i + 1 && !t->excluded;
}

static bool by_title(const struct mx_timeline *t, size_t i) {
    return !t->excluded && (t->rule_flags & (unsigned)i);
}

/* The configured rules and what each did; nothing when none is configured. */
static void rules(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_ruleset *rs = r->rules;
    if (!mx_ruleset_any(rs)) return;
    mx_buf_puts(b, "### Rules\n\n| rule | pattern | incidents | examples |\n|---|---|---:|---|\n");
    for (size_t i = 0; i < rs->n_exclude; i++) {
        mx_buf_printf(b, "| exclude by %s | ", mx_ruleset_field_name(rs->exclude[i].field));
        mdc(b, rs->exclude[i].pattern);
        mx_buf_printf(b, " | %llu | ", (unsigned long long)r->excluded_by[i]);
        mx_prose_examples(b, &MD, r, by_exclusion, i);
        mx_buf_puts(b, " |\n");
    }
    if (rs->from_title.re) {
        mx_buf_puts(b, "| severity from the title | ");
        mdc(b, rs->from_title.pattern);
        mx_buf_printf(b, " | %llu | ", (unsigned long long)r->severity_from_title);
        mx_prose_examples(b, &MD, r, by_title, MX_RULE_SEV_FROM_TITLE);
        mx_buf_puts(b, " |\n");
    }
    for (size_t i = 0; i < rs->n_alias; i++) {
        mx_buf_puts(b, "| service reported as ");
        mdc(b, rs->alias[i].name);
        mx_buf_puts(b, " | ");
        mdc(b, rs->alias[i].pattern);
        mx_buf_printf(b, " | %llu | ", (unsigned long long)r->aliased_by[i]);
        mx_prose_examples(b, &MD, r, by_alias, i);
        mx_buf_puts(b, " |\n");
    }
    mx_buf_putc(b, '\n');
    mx_prose_rules_note(b, &MD, r);
    mx_buf_puts(b, "\n\n");
}

/* A compliance share and the count due, or "no data (n=0)". */
static void pct_cell(struct mx_buf *b, double v, uint64_t due) {
    if (v < 0)
        mx_buf_puts(b, "no data (n=0)");
    else
        mx_buf_printf(b, "%.1f%% (n=%llu)", v, (unsigned long long)due);
}

/* The missing postmortems in the order of detection (not of deadline: a deadline runs from
 * resolution), at most 20; the rest are left to mttx audit. */
static void missing_postmortems(struct mx_buf *b, const struct mx_result *r) {
    uint64_t shown = 0, total = r->compliance.all.pm[MX_PM_MISSING];
    if (!total) return;
    mx_buf_puts(b, "\nPostmortems missing past their deadline:\n\n"
                   "| incident | severity | title | resolved | deadline | overdue by |\n"
                   "|---|---|---|---|---|---:|\n");
    for (size_t i = 0; i < mx_timeline_count(r->tl) && shown < 20; i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        const struct mx_compliance *c = &r->comp[i];
        if (!mx_timeline_counted(t) || c->pm != MX_PM_MISSING) continue;
        shown++;
        mx_buf_puts(b, "| ");
        mx_fmt_md_str(b, mx_timeline_id(r->tl, t));
        mx_buf_printf(b, " | %s | ", mx_event_severity_name(t->severity));
        mx_fmt_md_str(b, mx_timeline_string(r->tl, t->title));
        mx_buf_puts(b, " | ");
        mx_fmt_local(b, r->zone, t->resolved_at);
        mx_buf_puts(b, " | ");
        mx_fmt_local(b, r->zone, c->pm_deadline);
        mx_buf_puts(b, " | ");
        mx_fmt_duration(b, c->pm_late);
        mx_buf_puts(b, " |\n");
    }
    if (shown < total)
        mx_buf_printf(b, "\n%llu more: see `mttx audit`.\n", (unsigned long long)(total - shown));
}

/* One rule of the compliance table: n[] by status (on time or met, late or missed,
 * missing, pending: the orders agree, compliance.h), then the share on time. */
static void compliance_row(struct mx_buf *b, const char *rule, const uint64_t *n, uint64_t unknown,
                           double pct) {
    mx_buf_printf(b, "| %s | %llu | %llu | %llu | %llu | %llu | ", rule, (unsigned long long)n[0],
                  (unsigned long long)n[1], (unsigned long long)n[2], (unsigned long long)n[3],
                  (unsigned long long)unknown);
    pct_cell(b, pct, n[0] + n[1] + n[2]);
    mx_buf_puts(b, " |\n");
}

/* The three rules, named with the policy as configured, then the notes and the missing
 * postmortems. */
static void compliance(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Compliance with the incident process\n\n"
                   "| rule | on time | late | missing | pending | unknown severity | compliance |\n"
                   "|---|---:|---:|---:|---:|---:|---:|\n");
    mx_prose_compliance_rows(b, &MD, r, compliance_row);
    mx_buf_putc(b, '\n');
    mx_prose_compliance_notes(b, &MD, r);
    missing_postmortems(b, r);
    mx_buf_puts(b, "\n`mttx audit` lists every incident under every rule with the evidence.\n\n");
}

static const char DEFINITIONS[] =
    "## How these numbers are measured\n\n"
    "- **Detection** is an incident's first `detected` event; without one, its earliest "
    "event of any kind (flagged as an anomaly).\n"
    "- **MTTD** runs from `started` (impact began) to detection, for incidents that "
    "record a start. **MTTA** runs from detection to the first acknowledgement at or "
    "after it. **MTTM** runs from detection to the first `mitigated`. **MTTR** runs from "
    "detection to the final `resolved` not followed by `reopened`. **MTBF** is the time "
    "between consecutive detections (within a severity for its rows).\n"
    "- An incident belongs to the calendar month of its detection in the report's time "
    "zone; a month's MTBF uses the intervals that end in it.\n"
    "- Severity is the highest an incident ever had; none is `unassigned`.\n"
    "- Left out: merged incidents and incidents excluded by the config's rules "
    "(everywhere), open incidents from MTTR's median (the median incl. open counts them), "
    "negative durations (flagged as anomalies), exact duplicate events (same incident, "
    "type, instant and actor; counted against the later input).\n"
    "- Medians and p90 interpolate linearly between the two nearest values (as Excel's "
    "MEDIAN and PERCENTILE.INC do); with fewer than 5 incidents the values are listed "
    "instead. Small samples swing widely: compare medians, not means.\n"
    "- The range after a median is its 95% confidence interval: two of the sorted values, "
    "chosen by the binomial distribution so that the true median lies between them at "
    "least 95% of the time (none for 5 values or fewer).\n"
    "- The median incl. open is the Kaplan–Meier median: each open incident counts as "
    "lasting at least its age so far, so a long open incident is not left out.\n"
    "- What changed compares the last complete month with the one before: incident counts "
    "with an exact binomial test that allows for the months' lengths, medians with a "
    "Mann–Whitney test whose size of change is the Hodges–Lehmann shift (the median "
    "difference between the months' incidents); a change is claimed only at p < 0.05.\n"
    "- Incidents per 30 days count every incident of the window over its length, with an "
    "exact Poisson interval; MTBF is the typical gap between two detections, so a few "
    "bursts can make MTBF short while the rate stays low.\n";

/* Links to the chart files, or why there are none. */
static void charts(struct mx_buf *b, const struct mx_charts *c) {
    mx_buf_puts(b, "## Charts\n\n");
    if (!c) {
        mx_buf_puts(b, "Charts are drawn with gnuplot when the report is written to a "
                       "directory (not with `-o -` or `--no-charts`).\n\n");
        return;
    }
    if (c->note[0]) mx_buf_printf(b, "%s.\n\n", c->note);
    for (int k = 0; k < c->n; k++) {
        const struct mx_chart *ch = &c->chart[k];
        if (ch->svg) {
            mx_buf_printf(b, "![%s](charts/%s)\n\n", ch->title, ch->file);
            for (size_t i = 0; i < ch->n_keys; i++) {
                mx_buf_printf(b, "%s**%s%zu** ", i ? " · " : "Key: ", ch->key_prefix, i + 1);
                if (ch->keys[i].n)
                    mx_fmt_md_str(b, ch->keys[i]);
                else
                    mx_buf_puts(b, "(none)");
            }
            if (ch->n_keys) mx_buf_puts(b, "\n\n");
        } else if (!c->note[0])
            mx_buf_printf(b, "- %s: not drawn (%s).\n\n", c->chart[k].title,
                          c->chart[k].skipped ? c->chart[k].skipped : "no data");
    }
}

/* The last complete month against the one before: a row per severity with incidents in
 * either month, then all, each with the count, MTTA and MTTR compared (previous →
 * current). */
static void what_changed(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## What changed\n\n");
    mx_prose_comparison_intro(b, &MD, r);
    mx_buf_puts(b, "\n\n");
    const struct mx_comparison *c = &r->comparison;
    if (!c->present) return;
    mx_buf_puts(b, "| severity | incidents | MTTA median | MTTR median |\n|---|---|---|---|\n");
    for (int i = 0; i <= MX_SEV__COUNT; i++) {
        const struct mx_comparison_group *g = i < MX_SEV__COUNT ? &c->sev[SEV_ORDER[i]] : &c->all;
        if (i < MX_SEV__COUNT && g->incidents.verdict == MX_V_NO_DATA) continue;
        mx_buf_printf(b, "| %s | ",
                      i < MX_SEV__COUNT ? mx_event_severity_name(SEV_ORDER[i]) : "all");
        mx_prose_count_change(b, &MD, &g->incidents);
        mx_buf_puts(b, " | ");
        mx_prose_shift_change(b, &MD, &g->mtta);
        mx_buf_puts(b, " | ");
        mx_prose_shift_change(b, &MD, &g->mttr);
        mx_buf_puts(b, " |\n");
    }
    mx_buf_putc(b, '\n');
}

/* Under a title: that nothing was measured, the filters, the pseudonyms. */
static void caveats(struct mx_buf *b, const struct mx_result *r) {
    if (!r->total.accepted) {
        mx_buf_puts(b, "> ");
        mx_prose_nothing(b, &MD, r);
        mx_buf_puts(b, "\n\n");
    }
    if (mx_prose_scoped(r)) {
        mx_prose_filters(b, &MD, r);
        mx_buf_puts(b, "\n\n");
    }
}

void mx_md_report_write(struct mx_buf *b, const struct mx_result *r, const struct mx_charts *c) {
    mx_buf_puts(b, "# Incident report\n\n");
    if (r->n_months) {
        mx_buf_puts(b, r->n_months == 1 ? "Incidents detected in " : "Incidents detected ");
        mx_fmt_month(b, r->months[0].key);
        if (r->n_months > 1) {
            mx_buf_puts(b, " to ");
            mx_fmt_month(b, r->months[r->n_months - 1].key);
        }
        mx_buf_puts(b, " · ");
    }
    mx_buf_puts(b, "as of ");
    mx_fmt_local(b, r->zone, r->as_of);
    mx_buf_puts(b, " · times in ");
    mdc(b, r->timezone);
    mx_buf_puts(b, "\n\n");
    caveats(b, r);
    if (r->months_sparse)
        mx_buf_printf(b,
                      "> The incidents span more than %d years, so only months that have "
                      "incidents are listed. A date may be wrong: check the earliest and "
                      "latest incidents.\n\n",
                      MX_DENSE_MONTHS / 12);
    what_changed(b, r);
    overview(b, r);
    targets(b, r);
    by_severity(b, r);
    by_month(b, r);
    groups(b, "By service", "service", r->services, r->n_services);
    groups(b, "By team", "team", r->teams, r->n_teams);
    noise(b, r);
    recurring(b, r);
    oncall(b, r);
    charts(b, c);
    longest(b, r);
    open_incidents(b, r);
    compliance(b, r);
    data_quality(b, r);
    mx_md_report_provenance(b, r);
    mx_buf_puts(b, DEFINITIONS);
    mx_buf_puts(b, "- ");
    mx_prose_targets_sentence(b, &MD, r);
    mx_buf_putc(b, '\n');
}

void mx_md_report_summary(struct mx_buf *b, const struct mx_result *r,
                          const struct mx_gate_outcome *g, size_t n) {
    mx_buf_puts(b, "### mttx: incident metrics\n\n");
    mx_buf_printf(b, "**%llu incident%s**", (unsigned long long)r->incidents,
                  mx_fmt_s(r->incidents));
    if (r->n_months) {
        mx_buf_puts(b, " detected ");
        mx_fmt_month(b, r->months[0].key);
        if (r->n_months > 1) {
            mx_buf_puts(b, " to ");
            mx_fmt_month(b, r->months[r->n_months - 1].key);
        }
    }
    mx_buf_printf(b, " · %llu open · as of ", (unsigned long long)r->open);
    mx_fmt_local(b, r->zone, r->as_of);
    mx_buf_puts(b, " ");
    mdc(b, r->timezone);
    mx_buf_puts(b, "\n\n");
    caveats(b, r);
    /* the comparison's table, without its long introduction */
    const struct mx_comparison *c = &r->comparison;
    if (c->present) {
        mx_buf_puts(b, "| last complete month | incidents | MTTA median | MTTR median |\n"
                       "|---|---|---|---|\n");
        static const enum mx_severity rows[2] = {MX_SEV_1, MX_SEV_2};
        for (int i = 0; i < 3; i++) {
            const struct mx_comparison_group *x = i < 2 ? &c->sev[rows[i]] : &c->all;
            if (i < 2 && x->incidents.verdict == MX_V_NO_DATA) continue;
            mx_buf_printf(b, "| %s | ", i < 2 ? mx_event_severity_name(rows[i]) : "all");
            mx_prose_count_change(b, &MD, &x->incidents);
            mx_buf_puts(b, " | ");
            mx_prose_shift_change(b, &MD, &x->mtta);
            mx_buf_puts(b, " | ");
            mx_prose_shift_change(b, &MD, &x->mttr);
            mx_buf_puts(b, " |\n");
        }
        mx_buf_puts(b, "\n");
    }
    if (!n) {
        mx_buf_puts(b, "**Gates:** none (`--fail-on`).\n\n");
    } else {
        mx_buf_puts(b, "**Gates:**\n\n");
        for (size_t k = 0; k < n; k++) {
            static const char *const word[] = {"passed", "**failed**", "**not evaluated**"};
            mx_buf_puts(b, "- ");
            mdc(b, g[k].rule);
            mx_buf_printf(b, ": %s", word[g[k].result]);
            if (g[k].result != MX_GATE_PASSED) {
                mx_buf_puts(b, " — ");
                mdc(b, g[k].message);
            }
            if (g[k].ids[0]) {
                mx_buf_puts(b, " (");
                mdc(b, g[k].ids);
                mx_buf_puts(b, ")");
            }
            mx_buf_putc(b, '\n');
        }
        mx_buf_putc(b, '\n');
    }
    mx_buf_printf(b,
                  "**Data quality:** %llu input%s, %llu record%s read, %llu accepted, %llu "
                  "duplicates, %llu rejected",
                  (unsigned long long)r->n_inputs, mx_fmt_s(r->n_inputs),
                  (unsigned long long)r->total_records, mx_fmt_s(r->total_records),
                  (unsigned long long)r->total.accepted, (unsigned long long)r->total.duplicates,
                  (unsigned long long)r->total_rejected);
    bool any = false;
    for (int k = 0; k < MX_R__COUNT; k++) {
        if (!r->by_reason[k]) continue;
        mx_buf_printf(b, "%s%s %llu", any ? ", " : " (", mx_diag_reason_name((enum mx_reason)k),
                      (unsigned long long)r->by_reason[k]);
        any = true;
    }
    if (any) mx_buf_putc(b, ')');
    if (r->skipped_files)
        mx_buf_printf(b, ", %llu skipped as unrecognised", (unsigned long long)r->skipped_files);
    if (r->diag->failures)
        mx_buf_printf(b, ", %llu damaged", (unsigned long long)r->diag->failures);
    mx_buf_puts(b, ".\n");
}

/* A command-line word as a shell would take it back: as it is when it holds only
 * characters no shell reads, else in single quotes ('\'' for a quote). */
static void shell_word(struct mx_buf *w, const char *a) {
    bool plain = *a != '\0';
    for (const char *c = a; *c; c++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+", *c))
            plain = false;
    if (plain) {
        mx_buf_puts(w, a);
        return;
    }
    mx_buf_putc(w, '\'');
    for (const char *c = a; *c; c++) {
        if (*c == '\'')
            mx_buf_puts(w, "'\\''");
        else
            mx_buf_putc(w, *c);
    }
    mx_buf_putc(w, '\'');
}

void mx_md_report_provenance(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_provenance *p = r->prov;
    mx_buf_puts(b, "## Provenance\n\n");
    if (!p) {
        mx_buf_puts(b, "Not recorded.\n\n");
        return;
    }
    struct mx_buf cmd = {0};
    for (int i = 0; i < p->argc; i++) {
        if (i) mx_buf_putc(&cmd, ' ');
        shell_word(&cmd, p->argv[i]);
    }
    mx_buf_printf(b, "- mttx %s, run as: ", p->version);
    mx_esc_md(b, cmd.p ? cmd.p : "", cmd.n);
    mx_buf_free(&cmd);
    mx_buf_puts(b, "\n- window: ");
    if (r->from == MX_NO_TIME && r->to == MX_NO_TIME) {
        mx_buf_puts(b, "every detection");
    } else {
        mx_buf_puts(b, "detections from ");
        if (r->from != MX_NO_TIME)
            mx_fmt_local(b, r->zone, r->from);
        else
            mx_buf_puts(b, "the first");
        mx_buf_puts(b, " to before ");
        if (r->to != MX_NO_TIME)
            mx_fmt_local(b, r->zone, r->to);
        else
            mx_buf_puts(b, "the as-of instant");
    }
    mx_buf_puts(b, "; as of ");
    mx_fmt_local(b, r->zone, r->as_of);
    mx_buf_printf(b, " (%s); times in ",
                  strcmp(p->as_of_source, "option") == 0  ? "--as-of"
                  : strcmp(p->as_of_source, "clock") == 0 ? "the clock"
                                                          : "SOURCE_DATE_EPOCH");
    mdc(b, r->timezone);
    mx_buf_puts(b, "\n- configuration: ");
    if (p->config_path) {
        mdc(b, p->config_path);
        mx_buf_printf(b, ", SHA-256 %s", p->config_sha256[0] ? p->config_sha256 : "not read");
    } else {
        mx_buf_puts(b, "built-in defaults");
    }
    mx_buf_puts(b, "\n\n| input | bytes | SHA-256 |\n|---|---:|---|\n");
    for (size_t i = 0; i < r->n_inputs; i++) {
        mx_buf_puts(b, "| ");
        mdc(b, r->inputs[i].stat->path);
        if (p->size[i] == UINT64_MAX)
            mx_buf_puts(b, " | — | — (inside an archive, or standard input) |\n");
        else
            mx_buf_printf(b, " | %llu | %s |\n", (unsigned long long)p->size[i], p->sha256[i]);
    }
    if (!r->n_inputs) mx_buf_puts(b, "| (none) | — | — |\n");
    mx_buf_putc(b, '\n');
}
