/*
 * timeline_report.c - per-incident views and the handoff (see timeline_report.h).
 */
#include "reports/timeline_report.h"

#include <stdio.h>
#include <string.h>

#include "reports/fmt.h"
#include "reports/json_report.h"

size_t mx_timeline_find(const struct mx_result *r, const char *id) {
    size_t n = strlen(id);
    for (size_t i = 0; i < mx_tl_count(r->tl); i++) {
        const struct mx_timeline *t = mx_tl_get(r->tl, i);
        if (t->id.n == n && memcmp(t->id.p, id, n) == 0) return i;
    }
    return (size_t)-1;
}

static void md(struct mx_buf *b, struct mx_str s) {
    if (s.p && s.n)
        mx_esc_md(b, s.p, s.n);
    else
        mx_buf_puts(b, "—");
}

/* What an event says, in words: "acknowledged", or the raw type of an unknown one. */
static void event_words(struct mx_buf *b, const struct mx_result *r, const struct mx_rec *e) {
    struct mx_str name = mx_tl_string(r->tl, e->name);
    if (name.n)
        mx_esc_md(b, name.p, name.n);
    else
        mx_buf_puts(b, mx_evtype_name((enum mx_evtype)e->type));
    if (e->flags & MX_REC_AUTO) mx_buf_puts(b, " (automatic)");
}

static const char *const MILESTONES[MX_MS__COUNT] = {
    "started",  "detected",   "acknowledged",       "mitigated",
    "resolved", "postmortem", "regulator notified", "war room opened"};

static void duration_row(struct mx_buf *b, const char *what, int64_t from, int64_t to) {
    mx_buf_printf(b, "| %s | ", what);
    if (from == MX_NO_TIME || to == MX_NO_TIME || to < from)
        mx_buf_puts(b, "—");
    else
        mx_fmt_duration(b, to - from);
    mx_buf_puts(b, " |\n");
}

/* An event's "path:line" as Markdown text. */
static void md_source(struct mx_buf *b, const struct mx_result *r, const struct mx_rec *e) {
    struct mx_buf pos = {0};
    mx_fmt_source(&pos, r, e);
    mx_esc_md(b, pos.p, pos.n);
    mx_buf_free(&pos);
}

/* The title line and the incident's one-line summary. */
static void md_header(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t) {
    mx_buf_puts(b, "# Incident ");
    md(b, t->id);
    mx_buf_puts(b, ": ");
    md(b, t->title);
    mx_buf_printf(b, "\n\n%s · %s · service ", mx_severity_name(t->severity),
                  mx_class_name(t->cls));
    md(b, t->service);
    mx_buf_puts(b, t->merged ? " · merged" : t->open ? " · open" : " · resolved");
    if (t->auto_resolved) mx_buf_puts(b, " automatically");
    if (t->reopens) mx_buf_printf(b, " · reopened %u times", (unsigned)t->reopens);
    if (t->excluded) mx_buf_puts(b, " · excluded by a rule of the config");
    if (t->channel.n) {
        mx_buf_puts(b, " · channel ");
        md(b, t->channel);
    }
    mx_buf_puts(b, " · times in ");
    mx_esc_md(b, r->timezone, strlen(r->timezone));
    mx_buf_puts(b, "\n\n");
}

static void md_compliance(struct mx_buf *b, const struct mx_result *r,
                          const struct mx_compliance *c) {
    mx_buf_printf(b, "\n## Compliance\n\n- postmortem: %s", mx_pm_status_name(c->pm));
    if (c->pm_deadline != MX_NO_TIME) {
        mx_buf_puts(b, " (deadline ");
        mx_fmt_local(b, r->zone, c->pm_deadline);
        mx_buf_putc(b, ')');
    }
    mx_buf_printf(b, "\n- response: %s", mx_check_name(c->rsp));
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
    if (c->war_room_missing) mx_buf_puts(b, "\n- no war room although SEV1 ran past 30 minutes");
    if (c->reg != MX_CK_NOT_REQUIRED)
        mx_buf_printf(b, "\n- regulator notification: %s", mx_check_name(c->reg));
}

/* Every kept event, in timeline order, with its source. */
static void md_events(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t) {
    mx_buf_puts(b,
                "\n## Events\n\n| time | event | actor | note | source |\n|---|---|---|---|---|\n");
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_rec *e = mx_tl_event(r->tl, t->first + k);
        mx_buf_puts(b, "| ");
        mx_fmt_local(b, r->zone, e->t);
        mx_buf_puts(b, " | ");
        event_words(b, r, e);
        mx_buf_puts(b, " | ");
        md(b, mx_tl_string(r->tl, e->actor));
        mx_buf_puts(b, " | ");
        md(b, mx_tl_string(r->tl, e->text));
        mx_buf_puts(b, " | ");
        md_source(b, r, e);
        mx_buf_puts(b, " |\n");
    }
}

void mx_timeline_md(struct mx_buf *b, const struct mx_result *r, size_t i) {
    const struct mx_timeline *t = mx_tl_get(r->tl, i);
    md_header(b, r, t);
    mx_buf_puts(b, "## Milestones\n\n| milestone | time | source |\n|---|---|---|\n");
    for (int m = 0; m < MX_MS__COUNT; m++) {
        if (t->evidence[m] == MX_NO_EVENT) continue;
        const struct mx_rec *e = mx_tl_event(r->tl, t->evidence[m]);
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
            mx_buf_printf(b, "- %s\n", mx_anomaly_text((enum mx_anomaly)a));
            any = 1;
        }
    if (!any) mx_buf_puts(b, "- none\n");
    md_events(b, r, t);
}

void mx_timeline_json(struct mx_buf *b, const struct mx_result *r, size_t i) {
    const struct mx_timeline *t = mx_tl_get(r->tl, i);
    mx_buf_puts(b, "{\n  \"schema\": \"mttx-timeline/1\",\n  \"incident\": ");
    mx_esc_json(b, t->id.p, t->id.n);
    mx_buf_puts(b, ",\n  \"events\": [");
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_rec *e = mx_tl_event(r->tl, t->first + k);
        mx_buf_puts(b, k ? ",\n    {\"time\":\"" : "\n    {\"time\":\"");
        mx_fmt_utc(b, e->t);
        mx_buf_printf(
            b, "\",\"event\":\"%s\",\"type_name\":", mx_evtype_name((enum mx_evtype)e->type));
        mx_fmt_json_str(b, mx_tl_string(r->tl, e->name));
        mx_buf_printf(b, ",\"severity\":\"%s\",\"auto\":%s,\"actor\":",
                      mx_severity_name((enum mx_severity)e->sev),
                      (e->flags & MX_REC_AUTO) ? "true" : "false");
        mx_fmt_json_str(b, mx_tl_string(r->tl, e->actor));
        mx_buf_puts(b, ",\"note\":");
        mx_fmt_json_str(b, mx_tl_string(r->tl, e->text));
        mx_buf_puts(b, ",\"source\":");
        struct mx_buf pos = {0};
        mx_fmt_source(&pos, r, e);
        mx_esc_json(b, pos.p, pos.n);
        mx_buf_free(&pos);
        mx_buf_putc(b, '}');
    }
    /* the derived fields, exactly as report.json's timelines entry */
    mx_buf_puts(b, t->count ? "\n  ],\n  \"timeline\": " : "],\n  \"timeline\": ");
    mx_jsonrep_timeline(b, r, i);
    mx_buf_puts(b, "\n}\n");
}

/* Who did it, blamelessly: the incident commander, or a responder. */
static void who(struct mx_buf *b, const struct mx_result *r, const struct mx_rec *e, bool names) {
    struct mx_str actor = mx_tl_string(r->tl, e->actor);
    if (!actor.n) return;
    if (names) {
        mx_buf_puts(b, " by ");
        mx_esc_md(b, actor.p, actor.n);
    } else {
        mx_buf_puts(b, e->type == MX_EV_COMMANDER_ASSIGNED ? "" : " by a responder");
    }
}

static const char *const PM_WORDS[MX_EV__COUNT] = {"Impact began",
                                                   "Alert fired / incident detected",
                                                   "Acknowledged",
                                                   "Acknowledgement lapsed",
                                                   "Severity changed",
                                                   "Incident commander assigned",
                                                   "Escalated",
                                                   "Status update published",
                                                   "War room opened",
                                                   "Mitigation applied",
                                                   "Resolved",
                                                   "Reopened",
                                                   "Merged into another incident",
                                                   "Postmortem published",
                                                   "Regulator notified",
                                                   "Note"};

static void slug(char *out, size_t cap, struct mx_str s) {
    size_t k = 0;
    bool dash = false;
    for (size_t i = 0; i < s.n && k + 2 < cap && k < 50; i++) {
        char c = s.p[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && k) out[k++] = '-';
            out[k++] = c;
            dash = false;
        } else {
            dash = true;
        }
    }
    out[k] = '\0';
}

void mx_postmortem_filename(char *out, size_t cap, const struct mx_result *r, size_t i) {
    const struct mx_timeline *t = mx_tl_get(r->tl, i);
    char s[64];
    slug(s, sizeof s, t->title.n ? t->title : t->id);
    if (!s[0]) snprintf(s, sizeof s, "incident");
    struct mx_tm tm;
    mx_zone_local(r->zone, t->detected_at, &tm);
    snprintf(out, cap, "%04lld-%02d-%02d-%s.md", (long long)tm.year, tm.month, tm.day, s);
}

void mx_postmortem_md(struct mx_buf *b, const struct mx_result *r, size_t i, bool names) {
    const struct mx_timeline *t = mx_tl_get(r->tl, i);
    struct mx_tm tm;
    mx_zone_local(r->zone, t->detected_at, &tm);
    mx_buf_puts(b, "# Postmortem: ");
    md(b, t->title.n ? t->title : t->id);
    mx_buf_printf(b, "\nDate: %04lld-%02d-%02d | Severity: %s | Duration: ", (long long)tm.year,
                  tm.month, tm.day, mx_severity_name(t->severity));
    int64_t end = t->resolved_at != MX_NO_TIME ? t->resolved_at : r->as_of;
    mx_fmt_duration(b, end - t->detected_at);
    if (t->resolved_at == MX_NO_TIME) mx_buf_puts(b, " (still open)");
    mx_buf_puts(b, "\n\n## Summary\n[2-3 sentences: what happened, impact, resolution]\n\n"
                   "## Timeline\n| Time (UTC) | Event |\n|------------|-------|\n");
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_rec *e = mx_tl_event(r->tl, t->first + k);
        struct mx_buf when = {0};
        mx_fmt_utc(&when, e->t);
        mx_buf_printf(b, "| %.10s %.5s | ", when.p, when.p + 11);
        mx_buf_free(&when);
        struct mx_str name = mx_tl_string(r->tl, e->name);
        if (name.n)
            mx_esc_md(b, name.p, name.n);
        else
            mx_buf_puts(b, PM_WORDS[e->type]);
        if (e->flags & MX_REC_AUTO) mx_buf_puts(b, " (automatically)");
        who(b, r, e, names);
        mx_buf_puts(b, " |\n");
    }
    mx_buf_puts(b, "\n## Root Cause\n[Technical explanation using 5 Whys]\n\n## Impact\n"
                   "- Users affected: [N]\n- Duration: ");
    mx_fmt_duration(b, end - t->detected_at);
    mx_buf_puts(b, "\n- Revenue impact: [if applicable]\n\n## Action Items\n"
                   "| Action | Owner | Priority | Deadline |\n"
                   "|--------|-------|----------|----------|\n"
                   "| [preventive action] | @[name] | P1 | YYYY-MM-DD |\n\n"
                   "## Lessons Learned\n- What went well\n- What went poorly\n"
                   "- Where we got lucky\n");
}

static void handoff_row(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t,
                        bool open) {
    mx_buf_puts(b, "- ");
    md(b, t->id);
    mx_buf_printf(b, " (%s, ", mx_severity_name(t->severity));
    md(b, t->service);
    mx_buf_puts(b, "): ");
    md(b, t->title);
    mx_buf_puts(b, open ? " — open for " : " — detected ");
    if (open) {
        mx_fmt_duration(b, r->as_of - t->detected_at);
    } else {
        mx_fmt_local(b, r->zone, t->detected_at);
        mx_buf_puts(b, t->open ? ", open" : ", resolved");
    }
    mx_buf_putc(b, '\n');
}

/* Services with at least two auto-resolved or reopened incidents in the last 7 days. */
static void known_issues(struct mx_buf *b, const struct mx_result *r) {
    int64_t since = r->as_of - 7 * 86400000LL;
    size_t n = mx_tl_count(r->tl), listed = 0;
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_tl_get(r->tl, i);
        if (!mx_timeline_counted(t) || !t->service.n || t->detected_at < since ||
            t->detected_at > r->as_of || !(t->auto_resolved || t->reopens))
            continue;
        bool seen = false; /* list each service once, at its first incident */
        uint64_t count = 0;
        for (size_t j = 0; j < n; j++) {
            const struct mx_timeline *u = mx_tl_get(r->tl, j);
            if (!mx_timeline_counted(u) || u->detected_at < since || u->detected_at > r->as_of ||
                !(u->auto_resolved || u->reopens) || u->service.n != t->service.n ||
                memcmp(u->service.p, t->service.p, t->service.n) != 0)
                continue;
            if (j < i) seen = true;
            count++;
        }
        if (seen || count < 2) continue;
        if (!listed++) mx_buf_putc(b, '\n');
        mx_buf_puts(b, "- ");
        md(b, t->service);
        mx_buf_printf(b,
                      ": %llu incidents auto-resolved or reopened in the last 7 days "
                      "(flaky alert or unfinished fix?)\n",
                      (unsigned long long)count);
    }
    if (!listed) mx_buf_puts(b, " none\n");
}

void mx_handoff_md(struct mx_buf *b, const struct mx_result *r) {
    struct mx_tm tm;
    mx_zone_local(r->zone, r->as_of, &tm);
    mx_buf_printf(b,
                  "## On-Call Handoff — %04lld-%02d-%02d\n### Open Incidents:", (long long)tm.year,
                  tm.month, tm.day);
    mx_buf_puts(b, r->open ? "\n" : " none\n");
    for (size_t i = 0; i < mx_tl_count(r->tl); i++) {
        const struct mx_timeline *t = mx_tl_get(r->tl, i);
        if (mx_timeline_counted(t) && t->open && t->detected_at <= r->as_of)
            handoff_row(b, r, t, true);
    }
    mx_buf_puts(b, "### Incidents of the last 48 hours:");
    size_t recent = 0;
    for (size_t i = 0; i < mx_tl_count(r->tl); i++) {
        const struct mx_timeline *t = mx_tl_get(r->tl, i);
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
