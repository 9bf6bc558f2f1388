/*
 * handoff_report.c - the on-call handoff: open and recent incidents, known issues (see
 * handoff_report.h).
 */
#include "reports/handoff_report.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "reports/esc.h"
#include "reports/fmt.h"
#include "reports/md_report.h"

/* One list item: id, severity, service and title, then for an open incident how long it
 * has been open at as_of, otherwise its local detection time and whether it is open now. */
static void handoff_row(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t,
                        bool open) {
    mx_buf_puts(b, "- ");
    mx_fmt_md_str(b, mx_timeline_id(r->tl, t));
    mx_buf_printf(b, " (%s, ", mx_event_severity_name(t->severity));
    mx_fmt_md_str(b, mx_timeline_string(r->tl, t->service));
    mx_buf_puts(b, "): ");
    mx_fmt_md_str(b, mx_timeline_string(r->tl, t->title));
    mx_buf_puts(b, open ? " — open for " : " — detected ");
    if (open) {
        mx_fmt_duration(b, r->as_of - t->detected_at);
    } else {
        mx_fmt_local(b, r->zone, t->detected_at);
        mx_buf_puts(b, t->open ? ", open" : ", resolved");
    }
    mx_buf_putc(b, '\n');
}

/* Services with at least two auto-resolved or reopened incidents detected in the 7 days up
 * to as_of, each listed once, at its first such incident; " none" when no service is. */
static void known_issues(struct mx_buf *b, const struct mx_result *r) {
    int64_t since = r->as_of - 7 * 86400000LL;
    size_t n = mx_timeline_count(r->tl), listed = 0;
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!mx_timeline_counted(t) || !mx_timeline_string(r->tl, t->service).n ||
            t->detected_at < since || t->detected_at > r->as_of ||
            !(t->auto_resolved || t->reopens))
            continue;
        bool seen = false; /* list each service once, at its first incident */
        uint64_t count = 0;
        for (size_t j = 0; j < n; j++) {
            const struct mx_timeline *u = mx_timeline_get(r->tl, j);
            if (!mx_timeline_counted(u) || u->detected_at < since || u->detected_at > r->as_of ||
                !(u->auto_resolved || u->reopens) ||
                mx_timeline_string(r->tl, u->service).n !=
                    mx_timeline_string(r->tl, t->service).n ||
                memcmp(mx_timeline_string(r->tl, u->service).p,
                       mx_timeline_string(r->tl, t->service).p,
                       mx_timeline_string(r->tl, t->service).n) != 0)
                continue;
            if (j < i) seen = true;
            count++;
        }
        if (seen || count < 2) continue;
        if (!listed++) mx_buf_putc(b, '\n');
        mx_buf_puts(b, "- ");
        mx_fmt_md_str(b, mx_timeline_string(r->tl, t->service));
        mx_buf_printf(b,
                      ": %llu incidents auto-resolved or reopened in the last 7 days "
                      "(flaky alert or unfinished fix?)\n",
                      (unsigned long long)count);
    }
    if (!listed) mx_buf_puts(b, " none\n");
}

/* Recent Changes, Upcoming Risks and Notes are bracketed placeholders: the inputs hold no
 * data for them, the person handing off fills them in. */
void mx_handoff_report_md(struct mx_buf *b, const struct mx_result *r) {
    struct mx_tm tm;
    mx_tz_local(r->zone, r->as_of, &tm);
    mx_buf_printf(b, "## On-Call Handoff — %04lld-%02d-%02d\n", (long long)tm.year, tm.month,
                  tm.day);
    if (!r->total.accepted) {
        mx_prose_nothing(b, &mx_md_report_markup, r);
        mx_buf_putc(b, '\n');
    }
    if (mx_prose_scoped(r)) {
        mx_prose_filters(b, &mx_md_report_markup, r);
        mx_buf_putc(b, '\n');
    }
    mx_buf_puts(b, "### Open Incidents:");
    mx_buf_puts(b, r->open ? "\n" : " none\n");
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (mx_timeline_counted(t) && t->open && t->detected_at <= r->as_of)
            handoff_row(b, r, t, true);
    }
    mx_buf_puts(b, "### Incidents of the last 48 hours:");
    size_t recent = 0;
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!mx_timeline_counted(t) || t->detected_at > r->as_of ||
            t->detected_at < r->as_of - 48 * 3600000LL)
            continue;
        if (!recent++) mx_buf_putc(b, '\n');
        handoff_row(b, r, t, false);
    }
    if (!recent) mx_buf_puts(b, " none\n");
    mx_buf_puts(b, "### Recent Changes: [deploys in last 48h]\n### Known Issues:");
    known_issues(b, r);
    mx_buf_puts(b, "### Upcoming Risks: [scheduled migrations, expected traffic spikes]\n"
                   "### Notes: [anything the next person should know]\n");
}
