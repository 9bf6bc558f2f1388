/*
 * postmortem_report.c - a postmortem draft in the process document's format (see
 * postmortem_report.h).
 */
#include "reports/postmortem_report.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "reports/esc.h"
#include "reports/fmt.h"

/* Who did it: " by NAME" with names; blamelessly " by a responder", or nothing after
 * "Incident commander assigned", which names the role already. Nothing without an actor.
 * A page names whom it paged (": NAME"), with names only. */
static void who(struct mx_buf *b, const struct mx_result *r, const struct mx_entry *e, bool names) {
    struct mx_str actor = mx_timeline_string(r->tl, e->actor);
    if (!actor.n) return;
    if (e->type == MX_EV_PAGED) { /* the actor is the person paged, not who paged */
        if (names) {
            mx_buf_puts(b, ": ");
            mx_esc_md(b, actor.p, actor.n);
        }
        return;
    }
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
                                                   "Note",
                                                   "Responder paged"};

/* A file-name slug of s: ASCII letters (lower-cased) and digits, every run of other bytes as
 * one '-', none leading or trailing; cut after about 50 bytes. */
static void slug(char *out, size_t cap, struct mx_str s) {
    size_t k = 0;
    bool dash = false;
    for (size_t i = 0; i < s.n && k + 2 < cap && k < 50; i++) {
        char c = (char)mx_event_lower((unsigned char)s.p[i]);
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

/* The slug is of the title, or of the id when there is no title; an empty slug (no ASCII
 * letter or digit) becomes "incident". */
void mx_postmortem_report_filename(char *out, size_t cap, const struct mx_result *r, size_t i) {
    const struct mx_timeline *t = mx_timeline_get(r->tl, i);
    char s[64];
    slug(s, sizeof s,
         mx_timeline_string(r->tl, t->title).n ? mx_timeline_string(r->tl, t->title)
                                               : mx_timeline_id(r->tl, t));
    if (!s[0]) snprintf(s, sizeof s, "incident");
    struct mx_tm tm;
    mx_tz_local(r->zone, t->detected_at, &tm);
    snprintf(out, cap, "%04lld-%02d-%02d-%s.md", (long long)tm.year, tm.month, tm.day, s);
}

/* The Date is the local day of detection, the Timeline in UTC; an open incident's duration
 * runs to as_of. The bracketed parts are for the author to fill in. */
void mx_postmortem_report_md(struct mx_buf *b, const struct mx_result *r, size_t i, bool names) {
    const struct mx_timeline *t = mx_timeline_get(r->tl, i);
    struct mx_tm tm;
    mx_tz_local(r->zone, t->detected_at, &tm);
    mx_buf_puts(b, "# Postmortem: ");
    mx_fmt_md_str(b, mx_timeline_string(r->tl, t->title).n ? mx_timeline_string(r->tl, t->title)
                                                           : mx_timeline_id(r->tl, t));
    mx_buf_printf(b, "\nDate: %04lld-%02d-%02d | Severity: %s | Duration: ", (long long)tm.year,
                  tm.month, tm.day, mx_event_severity_name(t->severity));
    int64_t end = t->resolved_at != MX_NO_TIME ? t->resolved_at : r->as_of;
    mx_fmt_duration(b, end - t->detected_at);
    if (t->resolved_at == MX_NO_TIME) mx_buf_puts(b, " (still open)");
    mx_buf_puts(b, "\n\n## Summary\n[2-3 sentences: what happened, impact, resolution]\n\n"
                   "## Timeline\n| Time (UTC) | Event |\n|------------|-------|\n");
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_entry *e = mx_timeline_entry(r->tl, t->first + k);
        struct mx_buf when = {0};
        mx_fmt_utc(&when, e->t);
        mx_buf_printf(b, "| %.10s %.5s | ", when.p, when.p + 11);
        mx_buf_free(&when);
        struct mx_str name = mx_timeline_string(r->tl, mx_timeline_entry_name(r->tl, e));
        if (name.n)
            mx_esc_md(b, name.p, name.n);
        else
            mx_buf_puts(b, PM_WORDS[e->type]);
        if (e->flags & MX_ENTRY_AUTO) mx_buf_puts(b, " (automatically)");
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
