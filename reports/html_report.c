/*
 * html_report.c - report.html (see html_report.h). Order: headline figures, response
 * times by severity, months, charts, longest and open incidents, compliance, data
 * quality, definitions, and every incident's timeline in a closed <details>.
 */
#include "reports/html_report.h"

#include <stdlib.h>
#include <string.h>

#include "reports/esc.h"
#include "reports/fmt.h"
#include "reports/prose.h"
#include "parsers/mem.h"

static const enum mx_severity SEVS[5] = {MX_SEV_1, MX_SEV_2, MX_SEV_3, MX_SEV_4, MX_SEV_NONE};

static const char CSS[] =
    ":root{--bg:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#d8dde3;--card:#f5f7f9;--good:#1a7f37;"
    "--bad:#b2182b;--s1:#b2182b;--s2:#ef8a62;--s3:#4393c3;--s4:#92c5de;--s0:#8c8c8c}"
    "@media (prefers-color-scheme:dark){:root{--bg:#111417;--fg:#e6e9ec;--muted:#9aa4ae;"
    "--line:#2c333a;--card:#1a1f24;--good:#5cc878;--bad:#ff7b72}}"
    "*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);"
    "font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}"
    "main{max-width:1080px;margin:0 auto;padding:24px 20px 48px}"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 10px;padding-top:8px;"
    "border-top:1px solid var(--line)}h3{font-size:15px;margin:18px 0 6px}"
    ".sub,.note,figcaption{color:var(--muted)}.note{font-size:13px}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;"
    "margin:18px 0}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "padding:12px 14px}.card .v{font-size:28px;font-weight:650}.card .l{color:var(--muted);"
    "font-size:13px}.card .t{font-size:13px;margin-top:4px}.good{color:var(--good)}"
    ".bad{color:var(--bad)}"
    "table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13.5px}"
    "th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}td:first-child{white-space:nowrap}th{font-weight:600;color:var(--muted)}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.wrap{overflow-x:auto}"
    "td .v,td .ci span{white-space:nowrap}td .ci{display:block;color:var(--muted);"
    "font-size:12px}"
    ".sev{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600;"
    "color:#fff}.sev1{background:var(--s1)}.sev2{background:var(--s2)}.sev3{background:var(--s3)}"
    ".sev4{background:var(--s4);color:#1b1f24}.sev0{background:var(--s0)}"
    "figure{margin:14px 0 22px;background:#fff;border:1px solid var(--line);border-radius:8px;"
    "padding:8px}figure svg{width:100%;height:auto;display:block}figcaption{padding:4px 6px 0;"
    "font-size:13px}.empty{font-style:italic;color:var(--muted);padding:24px;text-align:center}"
    "details{margin:10px 0}summary{cursor:pointer;font-weight:600}code{font-size:12.5px}"
    ".src{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted);"
    "word-break:break-all}"
    "@media print{body{background:#fff;color:#000;font-size:11pt}main{max-width:none;padding:0}"
    "details>*{display:block}details{display:block}h2{break-after:avoid}figure,table{"
    "break-inside:avoid}.cards{grid-template-columns:repeat(4,1fr)}}";

/* Escaped HTML text, or "—" when absent or empty. */
static void text(struct mx_buf *b, struct mx_str s) {
    if (s.p && s.n)
        mx_esc_html(b, s.p, s.n);
    else
        mx_buf_puts(b, "—");
}

/* A severity badge; the CSS colours class sevN by enum value (sev0: unassigned). */
static void sev_chip(struct mx_buf *b, enum mx_severity s) {
    mx_buf_printf(b, "<span class=\"sev sev%d\">%s</span>", (int)s, mx_event_severity_name(s));
}

/* to - from as a duration, or "—" when an end is absent or the span is negative. */
static void dur_or_dash(struct mx_buf *b, int64_t from, int64_t to) {
    if (from == MX_NO_TIME || to == MX_NO_TIME || to < from)
        mx_buf_puts(b, "—");
    else
        mx_fmt_duration(b, to - from);
}

/* A local time, or "—". */
static void when(struct mx_buf *b, const struct mx_result *r, int64_t t) {
    if (t == MX_NO_TIME)
        mx_buf_puts(b, "—");
    else
        mx_fmt_local(b, r->zone, t);
}

static void html_code(struct mx_buf *b, const char *s, size_t n) {
    mx_buf_puts(b, "<code>");
    mx_esc_html(b, s, n);
    mx_buf_puts(b, "</code>");
}
/* Every sentence, ours or from input, is escaped as HTML text. */
static const struct mx_prose_markup HTML = {mx_esc_html, mx_esc_html, html_code, "<li>", "</li>"};

/* Incidents per 30 days over the window, per severity, with their intervals. */
static void rates(struct mx_buf *b, const struct mx_result *r) {
    if (!r->rates.present) return;
    mx_buf_puts(b, "<h3>Incidents per 30 days (95% CI)</h3><div class=\"wrap\"><table><tr>");
    for (int k = 0; k < 5; k++) {
        mx_buf_puts(b, "<th class=\"n\">");
        sev_chip(b, SEVS[k]);
        mx_buf_puts(b, "</th>");
    }
    mx_buf_puts(b, "<th class=\"n\">all</th></tr><tr>");
    for (int k = 0; k <= 5; k++) {
        mx_buf_puts(b, "<td class=\"n\">");
        mx_fmt_rate(b, k < 5 ? &r->rates.sev[SEVS[k]] : &r->rates.all);
        mx_buf_puts(b, "</td>");
    }
    mx_buf_puts(b, "</tr></table></div>");
}

/* A headline card of a count: the current month's, the change in words. */
static void count_card(struct mx_buf *b, const char *label, const struct mx_count_test *t) {
    mx_buf_printf(b,
                  "<div class=\"card\"><div class=\"l\">%s</div><div class=\"v\">%llu</div>"
                  "<div class=\"t\">",
                  label, (unsigned long long)t->current);
    mx_prose_count_change(b, &HTML, t);
    mx_buf_puts(b, "</div></div>");
}

/* A headline card of a median: the current month's (green or red against the target),
 * n, the target, the change in words. */
static void shift_card(struct mx_buf *b, const struct mx_result *r, enum mx_target_metric metric,
                       const struct mx_shift_test *t) {
    const struct mx_target_eval *target = mx_prose_find_target(r, metric, MX_SEV_1);
    struct mx_target_eval none = {.metric = metric, .sev = MX_SEV_1, .limit_ms = MX_NO_TARGET};
    if (!target) target = &none;
    mx_buf_puts(b, "<div class=\"card\"><div class=\"l\">");
    mx_prose_target_label(b, target);
    mx_buf_puts(b, "</div><div class=\"v");
    if (t->current_n && target->limit_ms >= 0)
        mx_buf_puts(b, t->current_p50 < target->limit_ms ? " good" : " bad");
    mx_buf_puts(b, "\">");
    if (t->current_n)
        mx_fmt_duration(b, t->current_p50);
    else
        mx_buf_puts(b, "no data (n=0)");
    mx_buf_printf(b, "</div><div class=\"t\">n=%llu · ", (unsigned long long)t->current_n);
    if (target->limit_ms >= 0) {
        mx_buf_puts(b, "target &lt; ");
        mx_prose_span(b, target->limit_ms);
        mx_buf_puts(b, " · ");
    }
    mx_prose_shift_change(b, &HTML, t);
    mx_buf_puts(b, "</div></div>");
}

/* The last complete month against the one before: four cards, then every severity in a
 * table (previous → current). */
static void headline(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_comparison *c = &r->comparison;
    mx_buf_puts(b, "<p class=\"sub\">");
    mx_prose_comparison_intro(b, &HTML, r);
    mx_buf_puts(b, "</p>");
    if (!c->present) return;
    mx_buf_puts(b, "<div class=\"cards\">");
    count_card(b, "Incidents", &c->all.incidents);
    count_card(b, "SEV1 incidents", &c->sev[MX_SEV_1].incidents);
    shift_card(b, r, MX_TM_MTTA, &c->sev[MX_SEV_1].mtta);
    shift_card(b, r, MX_TM_MTTR, &c->sev[MX_SEV_1].mttr);
    mx_buf_puts(b, "</div><details><summary>Every severity compared</summary><div class=\"wrap\">"
                   "<table><tr><th>severity</th><th>incidents</th><th>MTTA median</th>"
                   "<th>MTTR median</th></tr>");
    for (int k = 0; k <= 5; k++) {
        const struct mx_comparison_group *g = k < 5 ? &c->sev[SEVS[k]] : &c->all;
        if (k < 5 && g->incidents.verdict == MX_V_NO_DATA) continue;
        mx_buf_puts(b, "<tr><td>");
        if (k < 5)
            sev_chip(b, SEVS[k]);
        else
            mx_buf_puts(b, "<b>all</b>");
        mx_buf_puts(b, "</td><td>");
        mx_prose_count_change(b, &HTML, &g->incidents);
        mx_buf_puts(b, "</td><td>");
        mx_prose_shift_change(b, &HTML, &g->mtta);
        mx_buf_puts(b, "</td><td>");
        mx_prose_shift_change(b, &HTML, &g->mttr);
        mx_buf_puts(b, "</td></tr>");
    }
    mx_buf_puts(b, "</table></div></details>");
}

/* n, median (with its interval), p90, mean and max cells; one spanning cell for no data,
 * or for the values themselves under MX_STAT_FEW; censored: a time to resolve, with its
 * open incidents and the median that counts them. */
static void stat_cells(struct mx_buf *b, const struct mx_stat *s, bool censored) {
    if (s->n == 0) {
        mx_buf_puts(b, "<td class=\"n\">0</td><td colspan=\"4\" class=\"note\">no data (n=0)</td>");
    } else if (s->n < MX_STAT_FEW) {
        mx_buf_printf(
            b, "<td class=\"n\">%llu</td><td colspan=\"4\">values: ", (unsigned long long)s->n);
        for (uint64_t i = 0; i < s->n; i++) {
            if (i) mx_buf_puts(b, ", ");
            mx_fmt_duration(b, s->few[i]);
        }
        mx_buf_puts(b, "</td>");
    } else {
        mx_buf_printf(b, "<td class=\"n\">%llu</td><td class=\"n\">", (unsigned long long)s->n);
        mx_fmt_median(b, s, false);
        mx_buf_puts(b, "</td>");
        const int64_t v[3] = {s->p90, s->mean, s->max};
        for (int k = 0; k < 3; k++) {
            mx_buf_puts(b, "<td class=\"n\">");
            mx_fmt_duration(b, v[k]);
            mx_buf_puts(b, "</td>");
        }
    }
    if (!censored) return;
    mx_buf_printf(b, "<td class=\"n\">%llu</td><td class=\"n\">", (unsigned long long)s->open_n);
    if (!s->open_n)
        mx_buf_puts(b, "—");
    else if (s->has_km)
        mx_fmt_duration(b, s->km_p50);
    else
        mx_buf_puts(b, "not reached");
    mx_buf_puts(b, "</td>");
}

/* One metric's table: a row per severity, then all. */
static void metric_table(struct mx_buf *b, const struct mx_result *r, enum mx_metric m,
                         const char *title) {
    bool censored = m == MX_M_MTTR;
    mx_buf_printf(
        b,
        "<h3>%s</h3><div class=\"wrap\"><table><tr><th>severity</th>"
        "<th class=\"n\">n</th><th class=\"n\">median (95%% CI)</th><th class=\"n\">p90</th>"
        "<th class=\"n\">mean</th><th class=\"n\">max</th>%s</tr>",
        title, censored ? "<th class=\"n\">open</th><th class=\"n\">median incl. open</th>" : "");
    for (int k = 0; k < 5; k++) {
        mx_buf_puts(b, "<tr><td>");
        sev_chip(b, SEVS[k]);
        mx_buf_puts(b, "</td>");
        stat_cells(b, &r->sev[SEVS[k]].m[m], censored);
        mx_buf_puts(b, "</tr>");
    }
    mx_buf_puts(b, "<tr><td><b>all</b></td>");
    stat_cells(b, &r->all.m[m], censored);
    mx_buf_puts(b, "</tr></table></div>");
}

/* MTTA and MTTR in view; the other four metrics inside a closed <details>. */
static void by_severity(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "<h2 id=\"severity\">Response times by severity</h2>");
    metric_table(b, r, MX_M_MTTA, "Time to acknowledge (MTTA)");
    metric_table(b, r, MX_M_MTTR, "Time to resolve (MTTR)");
    mx_buf_puts(b, "<details><summary>More: MTTR without auto-resolved incidents, time to "
                   "mitigate, time to detect, time between failures</summary>");
    metric_table(b, r, MX_M_MTTR_NOAUTO, "MTTR excluding incidents resolved automatically");
    metric_table(b, r, MX_M_MTTM, "Time to mitigate (MTTM)");
    metric_table(b, r, MX_M_MTTD, "Time to detect (MTTD)");
    metric_table(b, r, MX_M_MTBF, "Time between failures (MTBF)");
    mx_buf_puts(b, "</details>");
}

/* A month cell: median (its interval) (n), the values under MX_STAT_FEW, or "no data
 * (n=0)"; with open, a time to resolve's open incidents after it ("· 2 open"). */
static void month_cell_open(struct mx_buf *b, const struct mx_stat *s, bool open) {
    mx_buf_puts(b, "<td class=\"n\">");
    if (s->n == 0) {
        mx_buf_puts(b, "<span class=\"note\">no data (n=0)</span>");
        mx_buf_puts(b, "</td>");
        return;
    }
    /* the value on one line, its interval and n under it: a narrow column stays readable */
    if (s->n < MX_STAT_FEW) { /* the values themselves, which may wrap */
        mx_buf_puts(b, "<span>");
        for (uint64_t i = 0; i < s->n; i++) {
            if (i) mx_buf_puts(b, ", ");
            mx_fmt_duration(b, s->few[i]);
        }
        mx_buf_puts(b, "</span><span class=\"ci\">");
    } else {
        mx_buf_puts(b, "<span class=\"v\">");
        mx_fmt_duration(b, s->p50);
        mx_buf_puts(b, "</span><span class=\"ci\">");
        if (s->has_ci) {
            mx_buf_puts(b, "<span>");
            mx_fmt_duration(b, s->ci_lo);
            mx_buf_puts(b, " – ");
            mx_fmt_duration(b, s->ci_hi);
            mx_buf_puts(b, "</span> · ");
        }
    }
    /* the pieces break apart only between them */
    mx_buf_printf(b, "<span>n=%llu</span>", (unsigned long long)s->n);
    if (open && s->open_n)
        mx_buf_printf(b, " · <span>%llu open</span>", (unsigned long long)s->open_n);
    mx_buf_puts(b, "</span></td>");
}

static void month_cell(struct mx_buf *b, const struct mx_stat *s) {
    month_cell_open(b, s, false);
}

/* Opens a month table with its header row; the caller closes it. */
static void month_header(struct mx_buf *b) {
    mx_buf_puts(b, "<div class=\"wrap\"><table><tr><th>month</th>");
    for (int k = 0; k < 5; k++) {
        mx_buf_puts(b, "<th class=\"n\">");
        sev_chip(b, SEVS[k]);
        mx_buf_puts(b, "</th>");
    }
    mx_buf_puts(b, "<th class=\"n\">all</th></tr>");
}

/* Incidents per month and severity, then the MTTA and MTTR medians per month (MTBF per
 * month is in report.md only). */
static void by_month(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "<h2 id=\"months\">By month</h2>");
    if (r->months_sparse)
        mx_buf_puts(b, "<p class=\"note\">The incidents span more than 50 years: only months "
                       "with incidents are listed. A date may be wrong.</p>");
    mx_buf_puts(b, "<h3>Incidents</h3>");
    month_header(b);
    for (size_t m = 0; m < r->n_months; m++) {
        mx_buf_puts(b, "<tr><td>");
        mx_fmt_month_row(b, r, r->months[m].key);
        mx_buf_puts(b, "</td>");
        for (int k = 0; k < 5; k++)
            mx_buf_printf(b, "<td class=\"n\">%llu</td>",
                          (unsigned long long)r->months[m].sev[SEVS[k]].incidents);
        mx_buf_printf(b, "<td class=\"n\"><b>%llu</b></td></tr>",
                      (unsigned long long)r->months[m].all.incidents);
    }
    mx_buf_puts(b, "</table></div>");
    const enum mx_metric ms[2] = {MX_M_MTTA, MX_M_MTTR};
    const char *titles[2] = {"Median time to acknowledge (95% CI, n)",
                             "Median time to resolve (95% CI, n)"};
    for (int j = 0; j < 2; j++) {
        mx_buf_printf(b, "<h3>%s</h3>", titles[j]);
        month_header(b);
        for (size_t m = 0; m < r->n_months; m++) {
            mx_buf_puts(b, "<tr><td>");
            mx_fmt_month_row(b, r, r->months[m].key);
            mx_buf_puts(b, "</td>");
            for (int k = 0; k < 5; k++) month_cell(b, &r->months[m].sev[SEVS[k]].m[ms[j]]);
            month_cell(b, &r->months[m].all.m[ms[j]]);
            mx_buf_puts(b, "</tr>");
        }
        mx_buf_puts(b, "</table></div>");
    }
}

/* "3 <span>(7%)</span>": a count and its share of the incidents, "0" alone, "—" when
 * there are no incidents. */
static void share(struct mx_buf *b, uint64_t k, uint64_t of) {
    if (!of) {
        mx_buf_puts(b, "<td class=\"n\">—</td>");
        return;
    }
    mx_buf_printf(b, "<td class=\"n\">%llu", (unsigned long long)k);
    if (k && of)
        mx_buf_printf(b, " <span class=\"note\">(%.0f%%)</span>", 100.0 * (double)k / (double)of);
    mx_buf_puts(b, "</td>");
}

static void pct(struct mx_buf *b, double v, uint64_t due);

/* One row of a service or team table; other: the label of the summed rest, whose medians
 * are not shown. */
static void group_row(struct mx_buf *b, const struct mx_breakdown_group *g, const char *other) {
    mx_buf_puts(b, "<tr><td>");
    if (other)
        mx_buf_puts(b, other);
    else if (g->name.n)
        mx_esc_html(b, g->name.p, g->name.n);
    else
        mx_buf_puts(b, "<span class=\"note\">(none)</span>");
    mx_buf_printf(b, "</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td>",
                  (unsigned long long)g->incidents,
                  (unsigned long long)(g->by_severity[MX_SEV_1] + g->by_severity[MX_SEV_2]));
    for (int k = 0; k < 2; k++) {
        if (other)
            mx_buf_puts(b, "<td class=\"n\">—</td>");
        else
            month_cell_open(b, &g->metrics.m[k ? MX_M_MTTR : MX_M_MTTA], k == 1);
    }
    const uint64_t *rsp = g->comp.rsp;
    mx_buf_puts(b, "<td class=\"n\">");
    pct(b, mx_compliance_rsp_pct(&g->comp),
        rsp[MX_CK_MET] + rsp[MX_CK_MISSED] + rsp[MX_CK_MISSING]);
    mx_buf_puts(b, "</td>");
    share(b, g->noise.auto_resolved, g->incidents);
    share(b, g->noise.unacknowledged, g->incidents);
    share(b, g->noise.reopened, g->incidents);
    share(b, g->noise.flapping, g->incidents);
    mx_buf_puts(b, "</tr>");
}

/* The services (or teams) with most incidents, the rest summed in one row. */
static void groups(struct mx_buf *b, const char *id, const char *title, const char *what,
                   const struct mx_breakdown_group *g, size_t n) {
    mx_buf_printf(b,
                  "<h2 id=\"%s\">%s</h2><p class=\"note\">Medians with their 95%% interval "
                  "and n under them; acked in target: the share acknowledged within the "
                  "response target; unacked: resolved without any acknowledgement.</p>"
                  "<div class=\"wrap\"><table><tr><th>%s</th>"
                  "<th class=\"n\">incidents</th><th class=\"n\">SEV1–2</th>"
                  "<th class=\"n\">MTTA median</th><th class=\"n\">MTTR median</th>"
                  "<th class=\"n\">acked in target</th><th class=\"n\">auto-resolved</th>"
                  "<th class=\"n\">unacked</th><th class=\"n\">reopened</th>"
                  "<th class=\"n\">flapping</th></tr>",
                  id, title, what);
    mx_prose_groups(b, g, n, strcmp(what, "team") == 0 ? "teams" : "services", group_row);
    if (n == 0) mx_buf_puts(b, "<tr><td colspan=\"10\" class=\"note\">no data (n=0)</td></tr>");
    mx_buf_puts(b, "</table></div>");
}

/* Noise per month and over the whole period, then the recurring titles. */
static void noise(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "<h2 id=\"noise\">Noise</h2><p class=\"note\">Incidents resolved "
                   "automatically, resolved without an acknowledgement, reopened, and flapping: "
                   "detected within ");
    mx_fmt_duration(b, r->policy->flap_window_ms);
    mx_buf_puts(b, " after an incident of the same service and title was resolved.</p>"
                   "<div class=\"wrap\"><table><tr><th>month</th><th class=\"n\">incidents</th>"
                   "<th class=\"n\">auto-resolved</th><th class=\"n\">unacknowledged</th>"
                   "<th class=\"n\">reopened</th><th class=\"n\">flapping</th></tr>");
    for (size_t m = 0; m <= r->n_months; m++) {
        bool all = m == r->n_months;
        const struct mx_noise *x = all ? &r->noise : &r->noise_months[m];
        uint64_t n = all ? r->all.incidents : r->months[m].all.incidents;
        mx_buf_puts(b, "<tr><td>");
        if (all)
            mx_buf_puts(b, "<b>all</b>");
        else
            mx_fmt_month_row(b, r, r->months[m].key);
        mx_buf_printf(b, "</td><td class=\"n\">%llu</td>", (unsigned long long)n);
        share(b, x->auto_resolved, n);
        share(b, x->unacknowledged, n);
        share(b, x->reopened, n);
        share(b, x->flapping, n);
        mx_buf_puts(b, "</tr>");
    }
    mx_buf_puts(b, "</table></div><h2 id=\"recurring\">Recurring incidents</h2>"
                   "<p class=\"note\">Titles with numbers, ids, addresses and quoted values taken "
                   "out (shown as <code>&lt;*&gt;</code>); two incidents or more.</p>"
                   "<div class=\"wrap\"><table><tr><th>title</th><th class=\"n\">incidents</th>"
                   "<th>services</th><th>first</th><th>last</th>"
                   "<th class=\"n\">MTTR median (95% CI, n)</th>"
                   "<th class=\"n\">total time open</th></tr>");
    for (size_t i = 0; i < r->n_recurring; i++) {
        const struct mx_recurring *x = &r->recurring[i];
        struct mx_str t = mx_intern_str(&r->titles, x->title);
        mx_buf_puts(b, "<tr><td>");
        mx_esc_html(b, t.p, t.n);
        mx_buf_printf(b, "</td><td class=\"n\">%llu</td><td>", (unsigned long long)x->incidents);
        for (size_t k = 0; k < x->n_services; k++) {
            if (k) mx_buf_puts(b, ", ");
            if (x->services[k].n)
                mx_esc_html(b, x->services[k].p, x->services[k].n);
            else
                mx_buf_puts(b, "(none)");
        }
        mx_buf_puts(b, "</td><td>");
        when(b, r, x->first);
        mx_buf_puts(b, "</td><td>");
        when(b, r, x->last);
        mx_buf_puts(b, "</td>");
        month_cell(b, &x->mttr);
        mx_buf_puts(b, "<td class=\"n\">");
        mx_fmt_duration(b, x->open_ms);
        mx_buf_puts(b, "</td></tr>");
    }
    if (!r->n_recurring)
        mx_buf_puts(b, "<tr><td colspan=\"7\" class=\"note\">no title recurs</td></tr>");
    mx_buf_puts(b, "</table></div>");
}

/* How many people the on-call table lists; the rest are summed in one row. */
#define ONCALL_SHOWN 20

static void person_row(struct mx_buf *b, const struct mx_result *r,
                       const struct mx_oncall_person *x, const char *other) {
    mx_buf_puts(b, "<tr><td>");
    if (other) {
        mx_buf_puts(b, other);
    } else {
        struct mx_str name = mx_timeline_string(r->tl, x->name);
        mx_esc_html(b, name.p, name.n);
        if (x->zone != r->zone) {
            mx_buf_puts(b, " <span class=\"note\">");
            mx_esc_html(b, mx_tz_name(x->zone), strlen(mx_tz_name(x->zone)));
            mx_buf_puts(b, "</span>");
        }
    }
    mx_buf_puts(b, "</td>");
    for (int k = 0; k < MX_BAND__COUNT; k++)
        mx_buf_printf(b, "<td class=\"n\">%llu</td>", (unsigned long long)x->interruptions[k]);
    mx_buf_printf(
        b, "<td class=\"n\"><b>%llu</b></td><td class=\"n\">%llu</td><td class=\"n\">%llu</td>",
        (unsigned long long)mx_oncall_total(x), (unsigned long long)x->email,
        (unsigned long long)x->acknowledged);
    if (other)
        mx_buf_puts(b, "<td class=\"n\">—</td><td class=\"n\">—</td></tr>");
    else
        mx_buf_printf(b, "<td class=\"n\">%llu</td><td class=\"n\">%llu</td></tr>",
                      (unsigned long long)x->incidents, (unsigned long long)x->commanded);
}

/* Who carried the pager (as report.md's On-call load). */
static void oncall(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_oncall *o = &r->oncall;
    mx_buf_puts(b, "<h2 id=\"oncall\">On-call load</h2><p class=\"note\">");
    if (o->from_pages)
        mx_buf_puts(b, "Interruptions are pages by phone, SMS or push (a page without a medium "
                       "counts as one; email pages are counted apart)");
    else
        mx_buf_puts(b, "The inputs hold no pages (<code>paged</code> events, PagerDuty "
                       "notifications): the bands count acknowledgements instead");
    mx_buf_puts(b, ", each in the person's zone: ");
    mx_prose_bands(b, &HTML, r);
    mx_buf_puts(b, "</p><div class=\"wrap\"><table><tr><th>person</th><th class=\"n\">business</th>"
                   "<th class=\"n\">off hours</th><th class=\"n\">sleep</th>"
                   "<th class=\"n\">total</th><th class=\"n\">email</th>"
                   "<th class=\"n\">acknowledged</th><th class=\"n\">incidents</th>"
                   "<th class=\"n\">commanded</th></tr>");
    size_t shown = o->n_people < ONCALL_SHOWN ? o->n_people : ONCALL_SHOWN;
    for (size_t i = 0; i < shown; i++) person_row(b, r, &o->people[i], NULL);
    if (o->n_people > shown) {
        struct mx_oncall_person rest;
        mx_oncall_sum(o, shown, &rest);
        char label[48];
        snprintf(label, sizeof label, "other (%zu people)", o->n_people - shown);
        person_row(b, r, &rest, label);
    }
    if (!o->n_people)
        mx_buf_puts(b, "<tr><td colspan=\"9\" class=\"note\">no data (n=0)</td></tr>");
    mx_buf_puts(b, "</table></div>");
    if (o->pages_without_person)
        mx_buf_printf(b, "<p class=\"note\">%llu page%s without a person, not counted.</p>",
                      (unsigned long long)o->pages_without_person,
                      mx_fmt_s(o->pages_without_person));
}

/* What the run examined (docs/spec.md#provenance), as report.md's Provenance says it. */
static void provenance(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_provenance *p = r->prov;
    mx_buf_puts(b, "<h2 id=\"provenance\">Provenance</h2>");
    if (!p) {
        mx_buf_puts(b, "<p class=\"note\">Not recorded.</p>");
        return;
    }
    mx_buf_printf(b, "<p>mttx %s, run as: <code>", p->version);
    for (int i = 0; i < p->argc; i++) {
        if (i) mx_buf_putc(b, ' ');
        mx_esc_html(b, p->argv[i], strlen(p->argv[i]));
    }
    mx_buf_puts(b, "</code><br>as of ");
    when(b, r, r->as_of);
    mx_buf_printf(b, " (%s) · configuration: ",
                  strcmp(p->as_of_source, "option") == 0  ? "--as-of"
                  : strcmp(p->as_of_source, "clock") == 0 ? "the clock"
                                                          : "SOURCE_DATE_EPOCH");
    if (p->config_path) {
        mx_esc_html(b, p->config_path, strlen(p->config_path));
        mx_buf_printf(b, ", SHA-256 <code>%s</code>",
                      p->config_sha256[0] ? p->config_sha256 : "not read");
    } else {
        mx_buf_puts(b, "built-in defaults");
    }
    mx_buf_puts(b, "</p><div class=\"wrap\"><table><tr><th>input</th><th class=\"n\">bytes</th>"
                   "<th>SHA-256</th></tr>");
    for (size_t i = 0; i < r->n_inputs; i++) {
        mx_buf_puts(b, "<tr><td>");
        mx_esc_html(b, r->inputs[i].stat->path, strlen(r->inputs[i].stat->path));
        if (p->size[i] == UINT64_MAX)
            mx_buf_puts(b, "</td><td class=\"n\">—</td><td class=\"note\">inside an archive, or "
                           "standard input</td></tr>");
        else
            mx_buf_printf(b, "</td><td class=\"n\">%llu</td><td><code>%s</code></td></tr>",
                          (unsigned long long)p->size[i], p->sha256[i]);
    }
    mx_buf_puts(b, "</table></div>");
}

/* Each chart's SVG inline, unescaped (mx_charts_render let it through mx_xml_check), or why
 * it was not drawn; c is NULL only with --no-charts. */
static void charts(struct mx_buf *b, const struct mx_charts *c) {
    mx_buf_puts(b, "<h2 id=\"charts\">Charts</h2>");
    if (!c) {
        mx_buf_puts(b, "<p class=\"note\">Charts were not drawn (--no-charts).</p>");
        return;
    }
    if (c->note[0]) {
        mx_buf_puts(b, "<p class=\"note\">");
        mx_esc_html(b, c->note, strlen(c->note));
        mx_buf_puts(b, "</p>");
    }
    for (int k = 0; k < c->n; k++) {
        const struct mx_chart *ch = &c->chart[k];
        mx_buf_printf(b, "<figure id=\"chart-%d\">", k);
        if (ch->svg)
            mx_buf_put(b, ch->svg, ch->svg_len);
        else
            mx_buf_printf(b, "<div class=\"empty\">Chart not drawn: %s.</div>",
                          ch->skipped ? ch->skipped : "see the note above");
        mx_buf_printf(b, "<figcaption><b>%s.</b> %s", ch->title, ch->alt);
        for (size_t i = 0; ch->svg && i < ch->n_keys; i++) {
            mx_buf_printf(b, "%s<b>%s%zu</b> ", i ? " · " : " Key: ", ch->key_prefix, i + 1);
            if (ch->keys[i].n)
                text(b, ch->keys[i]);
            else
                mx_buf_puts(b, "(none)");
        }
        mx_buf_puts(b, "</figcaption></figure>");
    }
}

/* A row of the longest or open table; flag is our own HTML, written as is. */
static void incident_row(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t,
                         int64_t dur, const char *flag) {
    mx_buf_puts(b, "<tr><td>");
    text(b, mx_timeline_id(r->tl, t));
    mx_buf_puts(b, "</td><td>");
    sev_chip(b, t->severity);
    mx_buf_puts(b, "</td><td>");
    text(b, mx_timeline_string(r->tl, t->service));
    mx_buf_puts(b, "</td><td>");
    text(b, mx_timeline_string(r->tl, t->title));
    mx_buf_puts(b, "</td><td>");
    when(b, r, t->detected_at);
    mx_buf_puts(b, "</td><td class=\"n\">");
    mx_fmt_duration(b, dur);
    mx_buf_printf(b, "%s</td></tr>", flag);
}

/* The Longest incidents (the ten with the longest MTTR) and Open incidents tables. */
static void incidents(struct mx_buf *b, const struct mx_result *r) {
    size_t n = r->n_longest, count = mx_timeline_count(r->tl);
    const struct mx_timeline *const *v = r->longest;
    static const char HEAD[] = "<div class=\"wrap\"><table><tr><th>incident</th><th>severity</th>"
                               "<th>service</th><th>title</th><th>detected</th>";
    mx_buf_printf(b,
                  "<h2 id=\"longest\">Longest incidents</h2>%s<th class=\"n\">time to resolve"
                  "</th></tr>",
                  HEAD);
    for (size_t i = 0; i < n; i++)
        incident_row(b, r, v[i], v[i]->resolved_at - v[i]->detected_at,
                     v[i]->auto_resolved ? " <span class=\"note\">(auto)</span>" : "");
    if (!n) mx_buf_puts(b, "<tr><td colspan=\"6\" class=\"note\">no resolved incidents</td></tr>");
    mx_buf_printf(b,
                  "</table></div><h2 id=\"open\">Open incidents</h2>%s<th class=\"n\">open for"
                  "</th></tr>",
                  HEAD);
    for (size_t i = 0; i < count; i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (mx_timeline_counted(t) && t->open)
            incident_row(b, r, t, r->as_of - t->detected_at,
                         t->reopens ? " <span class=\"note\">(reopened)</span>" : "");
    }
    if (!r->open) mx_buf_puts(b, "<tr><td colspan=\"6\" class=\"note\">none</td></tr>");
    mx_buf_puts(b, "</table></div>");
}

/* A compliance share and the count due, or "no data (n=0)". */
static void pct(struct mx_buf *b, double v, uint64_t due) {
    if (v < 0)
        mx_buf_puts(b, "<span class=\"note\">no data (n=0)</span>");
    else
        mx_buf_printf(b, "%.1f%% <span class=\"note\">(n=%llu)</span>", v, (unsigned long long)due);
}

/* One rule of the compliance table: n[] by status (on time or met, late or missed,
 * missing, pending: the orders agree, compliance.h), then the share on time. */
static void compliance_row(struct mx_buf *b, const char *rule, const uint64_t *n, uint64_t unknown,
                           double share) {
    mx_buf_printf(b,
                  "<tr><td>%s</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td>"
                  "<td class=\"n\">%llu</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td>"
                  "<td class=\"n\">",
                  rule, (unsigned long long)n[0], (unsigned long long)n[1],
                  (unsigned long long)n[2], (unsigned long long)n[3], (unsigned long long)unknown);
    pct(b, share, n[0] + n[1] + n[2]);
    mx_buf_puts(b, "</td></tr>");
}

/* The three rules, named with the policy as configured, then the notes as a list. */
static void compliance(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b,
                "<h2 id=\"compliance\">Compliance with the incident process</h2>"
                "<div class=\"wrap\"><table><tr><th>rule</th><th class=\"n\">on time</th>"
                "<th class=\"n\">late</th><th class=\"n\">missing</th><th class=\"n\">pending"
                "</th><th class=\"n\">unknown severity</th><th class=\"n\">compliance</th></tr>");
    mx_prose_compliance_rows(b, &HTML, r, compliance_row);
    mx_buf_puts(b, "</table></div><ul>");
    mx_prose_compliance_notes(b, &HTML, r);
    mx_buf_puts(b, "</ul><p class=\"note\"><code>mttx audit</code> lists every incident under "
                   "every rule with the evidence.</p>");
}

/* A row of the rules table: what is our words, as is; name and pattern come from the config
 * and are escaped. */
static void rule_row(struct mx_buf *b, const char *what, const char *name, const char *pattern,
                     uint64_t n) {
    mx_buf_printf(b, "<tr><td>%s", what);
    if (name) mx_esc_html(b, name, strlen(name));
    mx_buf_puts(b, "</td><td class=\"src\">");
    mx_esc_html(b, pattern, strlen(pattern));
    mx_buf_printf(b, "</td><td class=\"n\">%llu</td></tr>", (unsigned long long)n);
}

/* The configured rules and what each did; nothing when none is configured. */
static void rules(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_ruleset *rs = r->rules;
    if (!mx_ruleset_any(rs)) return;
    mx_buf_puts(b, "<h3>Rules</h3><div class=\"wrap\"><table><tr><th>rule</th><th>pattern</th>"
                   "<th class=\"n\">incidents</th></tr>");
    for (size_t i = 0; i < rs->n_exclude; i++)
        rule_row(b,
                 rs->exclude[i].field == MX_RULE_TITLE ? "exclude by title" : "exclude by service",
                 NULL, rs->exclude[i].pattern, r->excluded_by[i]);
    if (rs->from_title.re)
        rule_row(b, "severity from the title", NULL, rs->from_title.pattern,
                 r->severity_from_title);
    for (size_t i = 0; i < rs->n_alias; i++)
        rule_row(b, "service reported as ", rs->alias[i].name, rs->alias[i].pattern,
                 r->aliased_by[i]);
    mx_buf_puts(b, "</table></div><p class=\"note\">");
    mx_prose_rules_note(b, &HTML, r);
    mx_buf_puts(b, " Excluded incidents are marked in the timeline appendix.</p>");
}

/* The per-input table with a total row, the sampled rejections in a closed <details>, the
 * anomalies and left-out counts, then the rules. */
static void quality(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "<h2 id=\"quality\">Data quality</h2><div class=\"wrap\"><table><tr>"
                   "<th>input</th><th>format</th><th class=\"n\">records</th><th class=\"n\">"
                   "accepted</th><th class=\"n\">duplicates</th><th class=\"n\">rejected</th>"
                   "<th>status</th></tr>");
    for (size_t i = 0; i < r->n_inputs; i++) {
        const struct mx_input_sum *in = &r->inputs[i];
        mx_buf_puts(b, "<tr><td class=\"src\">");
        mx_esc_html(b, in->stat->path, strlen(in->stat->path));
        mx_buf_printf(b,
                      "</td><td>%s%s%s</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td>"
                      "<td class=\"n\">%llu</td><td class=\"n\">%llu</td><td>",
                      in->stat->format, in->stat->compression ? " + " : "",
                      in->stat->compression ? in->stat->compression : "",
                      (unsigned long long)in->stat->records, (unsigned long long)in->accepted,
                      (unsigned long long)in->duplicates, (unsigned long long)in->stat->rejected);
        if (in->stat->failure) {
            mx_buf_puts(b, "<span class=\"bad\">damaged: ");
            mx_esc_html(b, in->stat->failure, strlen(in->stat->failure));
            mx_buf_puts(b, "</span>");
        } else {
            mx_buf_puts(b, in->stat->skipped ? "<span class=\"bad\">skipped: not a recognised "
                                               "format</span>"
                                             : "read");
        }
        mx_buf_puts(b, "</td></tr>");
    }
    mx_buf_printf(b,
                  "<tr><td><b>total</b></td><td></td><td class=\"n\">%llu</td><td class=\"n\">"
                  "%llu</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td><td></td></tr>"
                  "</table></div>",
                  (unsigned long long)r->total_records, (unsigned long long)r->total.accepted,
                  (unsigned long long)r->total.duplicates, (unsigned long long)r->total_rejected);
    if (r->diag->n_samples) {
        mx_buf_printf(b,
                      "<details><summary>Rejected records (%llu; the first %d of each reason)"
                      "</summary><ul class=\"src\">",
                      (unsigned long long)r->total_rejected, MX_DIAG_KEEP);
        for (size_t i = 0; i < r->diag->n_samples; i++) {
            mx_buf_puts(b, "<li>");
            mx_esc_html(b, r->diag->samples[i].text, strlen(r->diag->samples[i].text));
            mx_buf_puts(b, "</li>");
        }
        mx_buf_puts(b, "</ul></details>");
    }
    mx_buf_puts(b, "<ul>");
    if (r->total.after_as_of) {
        mx_buf_printf(b, "<li>%llu event%s dated after the as-of instant (",
                      (unsigned long long)r->total.after_as_of,
                      r->total.after_as_of == 1 ? " is" : "s are");
        mx_fmt_utc(b, r->as_of);
        mx_buf_puts(
            b, ") left out of every timeline: the report shows the data as it stood then.</li>");
    }
    for (int a = 0; a < MX_A__COUNT; a++)
        if (r->anomalies[a])
            mx_buf_printf(b, "<li>%llu incident%s: %s</li>", (unsigned long long)r->anomalies[a],
                          mx_fmt_s(r->anomalies[a]), mx_timeline_anomaly_text((enum mx_anomaly)a));
    mx_buf_printf(b,
                  "<li>%llu merged incident%s left out of every count and metric; %llu "
                  "%s resolved automatically; %llu %s reopened.</li></ul>",
                  (unsigned long long)r->merged, r->merged == 1 ? " is" : "s are",
                  (unsigned long long)r->auto_resolved, r->auto_resolved == 1 ? "was" : "were",
                  (unsigned long long)r->reopened, r->reopened == 1 ? "was" : "were");
    if (r->urgency_hint) {
        mx_buf_puts(b, "<p class=\"note\">");
        mx_prose_urgency_hint(b, &HTML, r);
        mx_buf_puts(b, "</p>");
    }
    if (r->joined || r->join_ambiguous) {
        mx_buf_puts(b, "<p class=\"note\">");
        mx_prose_joined(b, &HTML, r);
        mx_buf_puts(b, "</p>");
    }
    rules(b, r);
}

static const char DEFINITIONS[] =
    "<h2 id=\"definitions\">How these numbers are measured</h2><ul>"
    "<li><b>Detection</b> is an incident's first <code>detected</code> event; without one, "
    "its earliest event (flagged as an anomaly).</li>"
    "<li><b>MTTD</b> runs from <code>started</code> to detection; <b>MTTA</b> from detection "
    "to the first acknowledgement at or after it; <b>MTTM</b> to the first "
    "<code>mitigated</code>; <b>MTTR</b> to the final <code>resolved</code> not followed by "
    "<code>reopened</code>; <b>MTBF</b> is the time between consecutive detections.</li>"
    "<li>An incident belongs to the month of its detection in the report's time zone. "
    "Severity is the highest it ever had; none is <i>unassigned</i>.</li>"
    "<li>Left out: merged incidents and incidents excluded by the config's rules "
    "everywhere, open incidents from MTTR's median (the median incl. open counts them), negative "
    "durations (anomalies), exact duplicate events.</li>"
    "<li>Medians and p90 interpolate linearly between the two nearest values (as Excel's "
    "MEDIAN and PERCENTILE.INC do); under 5 values the values are listed. Compare "
    "medians, not means: incident durations are heavy-tailed.</li>"
    "<li>The range after a median is its 95% confidence interval: two of the sorted values, "
    "chosen by the binomial distribution so that the true median lies between them at "
    "least 95% of the time (none for 5 values or fewer).</li>"
    "<li>The median incl. open is the Kaplan–Meier median: each open incident counts as "
    "lasting at least its age so far, so a long open incident is not left out.</li>"
    "<li>The comparison takes the last complete month against the one before: incident "
    "counts with an exact binomial test that allows for the months' lengths, medians with a "
    "Mann–Whitney test whose size of change is the Hodges–Lehmann shift (the median "
    "difference between the months' incidents); a change is claimed only at p &lt; 0.05.</li>"
    "<li>Incidents per 30 days count every incident of the window over its length, with an "
    "exact Poisson interval; MTBF is the typical gap between two detections, so a few "
    "bursts can make MTBF short while the rate stays low.</li>";

/* An incident of the appendix's choosing: its class (0 open, 1 SEV1-2, 2 the rest) and how
 * long it lasted (open: its age at as-of; unresolved or undetected: 0). */
struct pick {
    size_t i;
    int cls;
    int64_t len;
};

static int by_priority(const void *a, const void *b) {
    const struct pick *x = a, *y = b;
    if (x->cls != y->cls) return x->cls < y->cls ? -1 : 1;
    if (x->len != y->len) return x->len > y->len ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int by_index(const void *a, const void *b) {
    const struct pick *x = a, *y = b;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* The incidents of the window the appendix shows, in timeline order: all of them up to
 * MX_HTML_REPORT_TIMELINES, else that many: the open ones, then SEV1-2, then the longest. */
static struct pick *appendix_picks(const struct mx_result *r, size_t *count, size_t *of) {
    size_t n = 0, total = mx_timeline_count(r->tl);
    struct pick *v = mx_mem_calloc(total ? total : 1, sizeof *v);
    for (size_t i = 0; i < total; i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!t->in_window) continue;
        int64_t end = t->open ? r->as_of : t->resolved_at;
        v[n].i = i;
        v[n].cls = t->open ? 0 : (t->severity == MX_SEV_1 || t->severity == MX_SEV_2) ? 1 : 2;
        v[n].len = t->detected_at != MX_NO_TIME && end != MX_NO_TIME ? end - t->detected_at : 0;
        n++;
    }
    *of = n;
    if (n > MX_HTML_REPORT_TIMELINES) {
        qsort(v, n, sizeof *v, by_priority);
        n = MX_HTML_REPORT_TIMELINES;
        qsort(v, n, sizeof *v, by_index);
    }
    *count = n;
    return v;
}

/* The incidents of the window, merged and excluded ones marked, with each one's sources:
 * every one, or MX_HTML_REPORT_TIMELINES of them (the page stays small at any size; the rest are
 * in timelines.jsonl). */
static void appendix(struct mx_buf *b, const struct mx_result *r) {
    size_t n, of;
    struct pick *v = appendix_picks(r, &n, &of);
    if (n == of) {
        mx_buf_printf(b,
                      "<details id=\"timelines\"><summary>Every incident's timeline (%llu "
                      "incidents, with the source of every event)</summary>",
                      (unsigned long long)of);
    } else {
        mx_buf_printf(b,
                      "<details id=\"timelines\"><summary>The timelines of %llu of the %llu "
                      "incidents (the open ones, SEV1–SEV2, then the longest; with the source "
                      "of every event)</summary><p class=\"note\">",
                      (unsigned long long)n, (unsigned long long)of);
        if (r->timelines_file) {
            mx_buf_puts(b, "Every incident's timeline is in <code>");
            mx_esc_html(b, r->timelines_file, strlen(r->timelines_file));
            mx_buf_puts(b, "</code> beside this page, one JSON object per line.</p>");
        } else {
            mx_buf_puts(b, "Every incident's timeline is written by <code>mttx report -f "
                           "timelines</code> (timelines.jsonl, one JSON object per line).</p>");
        }
    }
    mx_buf_puts(b, "<div class=\"wrap\"><table><tr><th>incident</th><th>severity</th>"
                   "<th>title</th><th>detected</th><th class=\"n\">MTTA</th><th class=\"n\">"
                   "MTTR</th><th>postmortem</th><th>sources</th></tr>");
    struct mx_buf src = {0};
    for (size_t k = 0; k < n; k++) {
        size_t i = v[k].i;
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        mx_buf_puts(b, "<tr><td>");
        text(b, mx_timeline_id(r->tl, t));
        if (t->merged) mx_buf_puts(b, " <span class=\"note\">(merged)</span>");
        if (t->excluded && !t->merged)
            mx_buf_puts(b, " <span class=\"note\">(excluded by a rule)</span>");
        mx_buf_puts(b, "</td><td>");
        sev_chip(b, t->severity);
        mx_buf_puts(b, "</td><td>");
        text(b, mx_timeline_string(r->tl, t->title));
        mx_buf_puts(b, "</td><td>");
        when(b, r, t->detected_at);
        mx_buf_puts(b, "</td><td class=\"n\">");
        dur_or_dash(b, t->detected_at, t->acknowledged_at);
        mx_buf_puts(b, "</td><td class=\"n\">");
        dur_or_dash(b, t->detected_at, t->resolved_at);
        mx_buf_printf(b, "</td><td>%s</td><td class=\"src\">",
                      mx_compliance_pm_status_name(r->comp[i].pm));
        src.n = 0;
        for (uint32_t e = 0; e < t->count; e++) {
            if (e) mx_buf_puts(&src, " ");
            mx_fmt_source(&src, r, mx_timeline_entry(r->tl, t->first + e));
        }
        mx_esc_html(b, src.p ? src.p : "", src.n);
        mx_buf_puts(b, "</td></tr>\n");
    }
    mx_buf_free(&src);
    free(v);
    mx_buf_puts(b, "</table></div></details>");
}

/* The Content-Security-Policy allows inline style and data: images only: even a failure of
 * escaping could not run a script or make a request. */
void mx_html_report_write(struct mx_buf *b, const struct mx_result *r, const struct mx_charts *c) {
    mx_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "img-src data:; style-src 'unsafe-inline'\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<meta name=\"color-scheme\" content=\"light dark\"><title>Incident report");
    if (r->n_months) {
        mx_buf_puts(b, " ");
        mx_fmt_month(b, r->months[0].key);
        mx_buf_puts(b, " to ");
        mx_fmt_month(b, r->months[r->n_months - 1].key);
    }
    mx_buf_printf(b,
                  "</title><style>%s</style></head><body><main><h1>Incident report</h1>"
                  "<p class=\"sub\">",
                  CSS);
    mx_buf_printf(b, "%llu incident%s", (unsigned long long)r->incidents, mx_fmt_s(r->incidents));
    if (r->n_months) {
        mx_buf_puts(b, " detected ");
        mx_fmt_month(b, r->months[0].key);
        mx_buf_puts(b, " to ");
        mx_fmt_month(b, r->months[r->n_months - 1].key);
    }
    mx_buf_printf(b, " · %llu open · as of ", (unsigned long long)r->open);
    mx_fmt_local(b, r->zone, r->as_of);
    mx_buf_puts(b, " · times in ");
    mx_esc_html(b, r->timezone, strlen(r->timezone));
    mx_buf_puts(b, "</p>");
    if (!r->total.accepted) {
        mx_buf_puts(b, "<p class=\"bad\"><b>");
        mx_prose_nothing(b, &HTML, r);
        mx_buf_puts(b, "</b></p>");
    }
    if (mx_prose_scoped(r)) {
        mx_buf_puts(b, "<p class=\"sub\">");
        mx_prose_filters(b, &HTML, r);
        mx_buf_puts(b, "</p>");
    }
    headline(b, r);
    rates(b, r);
    by_severity(b, r);
    by_month(b, r);
    groups(b, "services", "By service", "service", r->services, r->n_services);
    groups(b, "teams", "By team", "team", r->teams, r->n_teams);
    noise(b, r);
    oncall(b, r);
    charts(b, c);
    incidents(b, r);
    compliance(b, r);
    quality(b, r);
    provenance(b, r);
    mx_buf_puts(b, DEFINITIONS);
    mx_buf_puts(b, "<li>");
    mx_prose_targets_sentence(b, &HTML, r);
    mx_buf_puts(b, "</li></ul>");
    appendix(b, r);
    mx_buf_puts(b, "</main></body></html>\n");
}
