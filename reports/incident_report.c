/*
 * incident_report.c - one incident's timeline as Markdown and JSON (see incident_report.h).
 */
#include "reports/incident_report.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "reports/esc.h"
#include "reports/fmt.h"
#include "reports/json_report.h"
#include "reports/prose.h"

/* What an event says, in words: "acknowledged", or the raw type of an unknown one; a
 * page with its medium, "paged (sms)". */
static void event_words(struct mx_buf *b, const struct mx_result *r, const struct mx_entry *e) {
    struct mx_str name = mx_timeline_string(r->tl, mx_timeline_entry_name(r->tl, e));
    if (name.n)
        mx_esc_md(b, name.p, name.n);
    else
        mx_buf_puts(b, mx_event_type_name((enum mx_evtype)e->type));
    if (e->flags & MX_ENTRY_AUTO) mx_buf_puts(b, " (automatic)");
    if (MX_ENTRY_VIA(e) != MX_VIA_NONE)
        mx_buf_printf(b, " (%s)", mx_event_via_name(MX_ENTRY_VIA(e)));
}

static const char *const MILESTONES[MX_MS__COUNT] = {
    "started",  "detected",   "acknowledged",       "mitigated",
    "resolved", "postmortem", "regulator notified", "war room opened"};

/* A row of the Durations table: to - from, or "—" when an end is absent or the span is
 * negative. */
static void duration_row(struct mx_buf *b, const char *what, int64_t from, int64_t to) {
    mx_buf_printf(b, "| %s | ", what);
    if (from == MX_NO_TIME || to == MX_NO_TIME || to < from)
        mx_buf_puts(b, "—");
    else
        mx_fmt_duration(b, to - from);
    mx_buf_puts(b, " |\n");
}

/* An event's "path:line" as Markdown text. */
static void md_source(struct mx_buf *b, const struct mx_result *r, const struct mx_entry *e) {
    struct mx_buf pos = {0};
    mx_fmt_source(&pos, r, e);
    mx_esc_md(b, pos.p, pos.n);
    mx_buf_free(&pos);
}

/* The title line and the incident's one-line summary. */
static void md_header(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t) {
    mx_buf_puts(b, "# Incident ");
    mx_fmt_md_str(b, mx_timeline_id(r->tl, t));
    mx_buf_puts(b, ": ");
    mx_fmt_md_str(b, mx_timeline_string(r->tl, t->title));
    mx_buf_printf(b, "\n\n%s · %s · service ", mx_event_severity_name(t->severity),
                  mx_event_class_name(t->cls));
    mx_fmt_md_str(b, mx_timeline_string(r->tl, t->service));
    mx_buf_puts(b, t->merged ? " · merged" : t->open ? " · open" : " · resolved");
    if (t->auto_resolved) mx_buf_puts(b, " automatically");
    if (t->reopens) mx_buf_printf(b, " · reopened %u times", (unsigned)t->reopens);
    if (t->excluded) mx_buf_puts(b, " · excluded by a rule of the config");
    if (mx_timeline_string(r->tl, t->channel).n) {
        mx_buf_puts(b, " · channel ");
        mx_fmt_md_str(b, mx_timeline_string(r->tl, t->channel));
    }
    mx_buf_puts(b, " · times in ");
    mx_esc_md(b, r->timezone, strlen(r->timezone));
    mx_buf_puts(b, "\n\n");
}

/* The Compliance list: postmortem and response status with their deadlines when set; the
 * cadence, war-room and regulator lines only when those rules apply. */
static void md_compliance(struct mx_buf *b, const struct mx_result *r,
                          const struct mx_compliance *c) {
    mx_buf_printf(b, "\n## Compliance\n\n- postmortem: %s", mx_compliance_pm_status_name(c->pm));
    if (c->pm_deadline != MX_NO_TIME) {
        mx_buf_puts(b, " (deadline ");
        mx_fmt_local(b, r->zone, c->pm_deadline);
        mx_buf_putc(b, ')');
    }
    mx_buf_printf(b, "\n- response: %s", mx_compliance_check_name(c->rsp));
    if (c->rsp_deadline != MX_NO_TIME) {
        mx_buf_puts(b, " (target ");
        mx_fmt_local(b, r->zone, c->rsp_deadline);
        mx_buf_putc(b, ')');
    }
    if (c->cadence_applies) {
        mx_buf_puts(b, "\n- largest gap between status updates: ");
        mx_fmt_duration(b, c->max_gap);
        if (c->cadence_breach) mx_buf_puts(b, " (over the cadence)");
    }
    if (c->war_room_missing) {
        mx_buf_puts(b, "\n- no war room although SEV1 ran past ");
        mx_prose_span(b, r->policy->war_room_ms);
    }
    if (c->reg != MX_CK_NOT_REQUIRED)
        mx_buf_printf(b, "\n- regulator notification: %s", mx_compliance_check_name(c->reg));
}

/* Every kept event, in timeline order, with its source. */
static void md_events(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t) {
    mx_buf_puts(b,
                "\n## Events\n\n| time | event | actor | note | source |\n|---|---|---|---|---|\n");
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_entry *e = mx_timeline_entry(r->tl, t->first + k);
        mx_buf_puts(b, "| ");
        mx_fmt_local(b, r->zone, e->t);
        mx_buf_puts(b, " | ");
        event_words(b, r, e);
        mx_buf_puts(b, " | ");
        mx_fmt_md_str(b, mx_timeline_string(r->tl, e->actor));
        mx_buf_puts(b, " | ");
        mx_fmt_md_str(b, mx_timeline_string(r->tl, mx_timeline_entry_text(r->tl, e)));
        mx_buf_puts(b, " | ");
        md_source(b, r, e);
        mx_buf_puts(b, " |\n");
    }
}

/* Milestones without an event are left out of their table; durations show "—" instead. */
void mx_incident_report_md(struct mx_buf *b, const struct mx_result *r, size_t i) {
    const struct mx_timeline *t = mx_timeline_get(r->tl, i);
    md_header(b, r, t);
    mx_buf_puts(b, "## Milestones\n\n| milestone | time | source |\n|---|---|---|\n");
    for (int m = 0; m < MX_MS__COUNT; m++) {
        if (t->evidence[m] == MX_NO_EVENT) continue;
        const struct mx_entry *e = mx_timeline_entry(r->tl, t->evidence[m]);
        mx_buf_printf(b, "| %s | ", MILESTONES[m]);
        mx_fmt_local(b, r->zone, e->t);
        mx_buf_puts(b, " | ");
        md_source(b, r, e);
        mx_buf_puts(b, " |\n");
    }
    mx_buf_puts(b, "\n## Durations\n\n| measure | value |\n|---|---:|\n");
    duration_row(b, "time to detect (MTTD)", t->started_at, t->detected_at);
    duration_row(b, "time to acknowledge (MTTA)", t->detected_at, t->acknowledged_at);
    duration_row(b, "time to mitigate (MTTM)", t->detected_at, t->mitigated_at);
    duration_row(b, "time to resolve (MTTR)", t->detected_at, t->resolved_at);
    md_compliance(b, r, &r->comp[i]);
    mx_buf_puts(b, "\n\n## Anomalies\n\n");
    int any = 0;
    for (int a = 0; a < MX_A__COUNT; a++)
        if (t->anomalies & (1u << a)) {
            mx_buf_printf(b, "- %s\n", mx_timeline_anomaly_text((enum mx_anomaly)a));
            any = 1;
        }
    if (!any) mx_buf_puts(b, "- none\n");
    md_events(b, r, t);
}

void mx_incident_report_json(struct mx_buf *b, const struct mx_result *r, size_t i) {
    const struct mx_timeline *t = mx_timeline_get(r->tl, i);
    mx_buf_puts(b, "{\n  \"schema\": \"mttx-timeline/1\",\n  \"incident\": ");
    mx_esc_json(b, mx_timeline_id(r->tl, t).p, mx_timeline_id(r->tl, t).n);
    mx_buf_puts(b, ",\n  \"events\": [");
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_entry *e = mx_timeline_entry(r->tl, t->first + k);
        mx_buf_puts(b, k ? ",\n    {\"time\":\"" : "\n    {\"time\":\"");
        mx_fmt_utc(b, e->t);
        mx_buf_printf(
            b, "\",\"event\":\"%s\",\"type_name\":", mx_event_type_name((enum mx_evtype)e->type));
        mx_fmt_json_str(b, mx_timeline_string(r->tl, mx_timeline_entry_name(r->tl, e)));
        mx_buf_printf(b, ",\"severity\":\"%s\",\"auto\":%s,\"actor\":",
                      mx_event_severity_name((enum mx_severity)e->sev),
                      (e->flags & MX_ENTRY_AUTO) ? "true" : "false");
        mx_fmt_json_str(b, mx_timeline_string(r->tl, e->actor));
        mx_buf_puts(b, ",\"note\":");
        mx_fmt_json_str(b, mx_timeline_string(r->tl, mx_timeline_entry_text(r->tl, e)));
        mx_buf_puts(b, ",\"source\":");
        struct mx_buf pos = {0};
        mx_fmt_source(&pos, r, e);
        mx_esc_json(b, pos.p, pos.n);
        mx_buf_free(&pos);
        mx_buf_putc(b, '}');
    }
    /* the derived fields, exactly as report.json's timelines entry */
    mx_buf_puts(b, t->count ? "\n  ],\n  \"timeline\": " : "],\n  \"timeline\": ");
    mx_json_report_timeline(b, r, i);
    mx_buf_puts(b, "\n}\n");
}
