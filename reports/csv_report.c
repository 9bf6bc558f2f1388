/*
 * csv_report.c - incidents.csv (see csv_report.h). Times are RFC 3339 UTC, durations
 * seconds; empty cells for what is absent.
 */
#include "reports/csv_report.h"

#include <stdlib.h>

#include "analyzer/rules.h"
#include "reports/csv_out.h"
#include "reports/fmt.h"
#include "parsers/mem.h"

/* The next cell: an instant in RFC 3339 UTC, empty when absent. */
static void when(struct mx_buf *b, int64_t t) {
    mx_csv_out_comma(b);
    if (t != MX_NO_TIME) mx_fmt_utc(b, t);
}

/* The next cell: the seconds from `from` to `to`, empty when either end is absent or the
 * span is negative (an anomaly, not a duration). */
static void secs(struct mx_buf *b, int64_t from, int64_t to) {
    mx_csv_out_comma(b);
    if (from != MX_NO_TIME && to != MX_NO_TIME && to >= from) mx_fmt_seconds(b, to - from);
}

/* The next cell: quoted text; an absent value is an empty quoted cell. */
static void text(struct mx_buf *b, struct mx_str s) {
    mx_csv_out_comma(b);
    mx_csv_out_text(b, s.p ? s.p : "", s.n);
}

/* The people who acknowledged t, each once, in time order, joined by ';' (the search is
 * over the distinct ones: few, however many acknowledgements). */
static void responders(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t) {
    uint32_t *seen = NULL;
    size_t n = 0, cap = 0;
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_entry *e = mx_timeline_entry(r->tl, t->first + k);
        if (e->type != MX_EV_ACKNOWLEDGED || !e->actor) continue;
        size_t j = 0;
        while (j < n && seen[j] != e->actor) j++;
        if (j < n) continue;
        mx_mem_grow((void **)&seen, &cap, n + 1, sizeof *seen);
        seen[n++] = e->actor;
        struct mx_str s = mx_timeline_string(r->tl, e->actor);
        if (n > 1) mx_buf_putc(b, ';');
        mx_buf_put(b, s.p, s.n);
    }
    free(seen);
}

/* Every incident in the window gets a row, merged and excluded ones too (their columns say
 * so); the sources cell is assembled raw, then escaped once as a whole. */
void mx_csv_report_write(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "incident,title,service,team,severity,class,month,detected_at,started_at,"
                   "acknowledged_at,mitigated_at,resolved_at,postmortem_at,open,merged,"
                   "auto_resolved,reopens,mttd_s,mtta_s,mttm_s,mttr_s,postmortem_status,"
                   "response_status,sources,excluded,channel,channel_check,responders,"
                   "normalized_title,acknowledged_by,resolved_by,commander,postmortem_by\r\n");
    struct mx_buf src = {0};
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!t->in_window) continue;
        mx_csv_out_text(b, mx_timeline_id(r->tl, t).p, mx_timeline_id(r->tl, t).n);
        text(b, mx_timeline_string(r->tl, t->title));
        text(b, mx_timeline_string(r->tl, t->service));
        text(b, mx_timeline_string(r->tl, t->team));
        mx_buf_printf(b, ",%s,%s,", mx_event_severity_name(t->severity),
                      mx_event_class_name(t->cls));
        mx_fmt_month(b, t->month);
        when(b, t->detected_at);
        when(b, t->started_at);
        when(b, t->acknowledged_at);
        when(b, t->mitigated_at);
        when(b, t->resolved_at);
        when(b, t->postmortem_at);
        mx_buf_printf(b, ",%s,%s,%s,%u", t->open ? "true" : "false", t->merged ? "true" : "false",
                      t->auto_resolved ? "true" : "false", (unsigned)t->reopens);
        secs(b, t->started_at, t->detected_at);
        secs(b, t->detected_at, t->acknowledged_at);
        secs(b, t->detected_at, t->mitigated_at);
        secs(b, t->detected_at, t->resolved_at);
        mx_buf_printf(b, ",%s,%s,", mx_compliance_pm_status_name(r->comp[i].pm),
                      mx_compliance_check_name(r->comp[i].rsp));
        src.n = 0;
        for (uint32_t k = 0; k < t->count; k++) {
            if (k) mx_buf_putc(&src, ' ');
            mx_fmt_source(&src, r, mx_timeline_entry(r->tl, t->first + k));
        }
        mx_csv_out_text(b, src.p ? src.p : "", src.n);
        mx_buf_puts(b, t->excluded ? ",true" : ",false");
        text(b, mx_timeline_string(r->tl, t->channel));
        mx_buf_printf(b, ",%s",
                      mx_rules_channel_check_name((enum mx_channel_check)t->channel_check));
        src.n = 0;
        if (r->names) responders(&src, r, t); /* blameless unless --names */
        mx_csv_out_comma(b);
        mx_csv_out_text(b, src.p ? src.p : "", src.n);
        text(b, mx_intern_str(&r->titles, r->norm_title[i]));
        static const enum mx_milestone who[3] = {MX_MS_ACKNOWLEDGED, MX_MS_RESOLVED,
                                                 MX_MS_POSTMORTEM};
        for (int k = 0; k < 4; k++) {
            struct mx_str name = {NULL, 0};
            if (r->names && k == 2) {
                name = mx_timeline_string(r->tl, mx_result_commander(r, t));
            } else if (r->names) {
                uint32_t e = t->evidence[who[k < 2 ? k : 2]];
                if (e != MX_NO_EVENT)
                    name = mx_timeline_string(r->tl, mx_timeline_entry(r->tl, e)->actor);
            }
            text(b, name);
        }
        mx_csv_out_end(b);
    }
    mx_buf_free(&src);
}
