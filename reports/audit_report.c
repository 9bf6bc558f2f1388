/*
 * audit_report.c - the audit (see audit_report.h). Rows are generated once per
 * (incident, rule) by row_of and rendered by each format.
 */
#include "reports/audit_report.h"

#include <string.h>

#include "reports/csv_out.h"
#include "reports/esc.h"
#include "reports/fmt.h"
#include "reports/json_report.h"
#include "reports/md_report.h"

/* The process rules, and the incidents the config's [exclude] rules left out (listed so
 * that an auditor sees what was not checked, and why). */
enum rule { R_POSTMORTEM, R_RESPONSE, R_CADENCE, R_WAR_ROOM, R_REGULATOR, R_EXCLUDED, R__COUNT };

static const char *const RULE_KEYS[R__COUNT] = {"postmortem", "response",  "status_updates",
                                                "war_room",   "regulator", "excluded"};
static const char *const RULE_TITLES[R__COUNT] = {"Postmortem deadlines",
                                                  "Response targets (acknowledgement)",
                                                  "Status-update cadence (breaches)",
                                                  "SEV1 war rooms (missing)",
                                                  "Security incidents: regulator notification",
                                                  "Excluded by the config's rules (not checked)"};
static const char *const DONE_LABEL[R__COUNT] = {"postmortem", "acknowledged", "largest gap",
                                                 "war room",   "notified",     "rule"};

struct row {
    const struct mx_timeline *t;
    const char *status;
    int64_t deadline, done, late; /* MX_NO_TIME when not applicable */
    int64_t gap;                  /* status updates: the largest gap */
    enum mx_milestone ev[3];
    int n_ev;
};

/* The row of timeline i under rule, or false when the rule does not apply to it. The
 * excluded pseudo-rule takes in-window, unmerged excluded incidents; every other rule only
 * counted ones. ev[] names the milestones whose events the row cites as evidence. */
static bool row_of(const struct mx_result *r, size_t i, enum rule rule, struct row *w) {
    const struct mx_timeline *t = mx_timeline_get(r->tl, i);
    const struct mx_compliance *c = &r->comp[i];
    memset(w, 0, sizeof *w);
    w->t = t;
    w->deadline = w->done = w->late = w->gap = MX_NO_TIME;
    w->ev[w->n_ev++] = MX_MS_DETECTED;
    if (rule == R_EXCLUDED) {
        w->status = "excluded";
        w->ev[w->n_ev++] = MX_MS_RESOLVED;
        return t->in_window && !t->merged && t->excluded;
    }
    if (!mx_timeline_counted(t)) return false;
    switch (rule) {
    case R_POSTMORTEM:
        if (c->pm == MX_PM_NOT_REQUIRED) return false;
        w->status = mx_compliance_pm_status_name(c->pm);
        w->deadline = c->pm_deadline;
        w->done = t->postmortem_at;
        w->late = c->pm_late;
        w->ev[w->n_ev++] = MX_MS_RESOLVED;
        w->ev[w->n_ev++] = MX_MS_POSTMORTEM;
        return true;
    case R_RESPONSE:
        if (c->rsp == MX_CK_NOT_REQUIRED) return false;
        w->status = mx_compliance_check_name(c->rsp);
        w->deadline = c->rsp_deadline;
        w->done = t->acknowledged_at;
        w->late = c->rsp_late;
        w->ev[w->n_ev++] = MX_MS_ACKNOWLEDGED;
        return true;
    case R_CADENCE:
        if (!c->cadence_breach) return false;
        w->status = "breach";
        w->gap = c->max_gap;
        w->late = c->max_gap - r->policy->cadence_ms[t->severity];
        w->ev[w->n_ev++] = MX_MS_RESOLVED;
        return true;
    case R_WAR_ROOM:
        if (!c->war_room_missing) return false;
        w->status = "missing";
        w->ev[w->n_ev++] = MX_MS_RESOLVED;
        return true;
    case R_REGULATOR:
        if (c->reg == MX_CK_NOT_REQUIRED) return false;
        w->status = mx_compliance_check_name(c->reg);
        w->deadline = c->reg_deadline;
        w->done = t->regulator_at;
        w->late = c->reg == MX_CK_MISSED ? t->regulator_at - c->reg_deadline : MX_NO_TIME;
        w->ev[w->n_ev++] = MX_MS_REGULATOR;
        return true;
    default: return false;
    }
}

static const char *const EV_NAMES[MX_MS__COUNT] = {"started",   "detected", "acknowledged",
                                                   "mitigated", "resolved", "postmortem",
                                                   "regulator", "war_room"};

/* "detected a.jsonl:3; resolved b.jsonl:9" (raw; each format escapes it), appended to out;
 * a milestone without an event is left out. */
static void evidence(struct mx_buf *out, const struct mx_result *r, const struct row *w) {
    for (int k = 0; k < w->n_ev; k++) {
        uint32_t e = w->t->evidence[w->ev[k]];
        if (e == MX_NO_EVENT) continue;
        if (out->n) mx_buf_puts(out, "; ");
        mx_buf_puts(out, EV_NAMES[w->ev[k]]);
        mx_buf_putc(out, ' ');
        const struct mx_entry *x = mx_timeline_entry(r->tl, e);
        mx_fmt_source(out, r, x);
        /* --names: who did it (a detection's actor is the monitor, not a person's deed) */
        if (r->names && x->actor && w->ev[k] != MX_MS_DETECTED && w->ev[k] != MX_MS_STARTED) {
            struct mx_str a = mx_timeline_string(r->tl, x->actor);
            mx_buf_puts(out, " by ");
            mx_buf_put(out, a.p, a.n);
        }
    }
    uint32_t cmd = r->names ? mx_result_commander(r, w->t) : 0;
    if (cmd) {
        struct mx_str a = mx_timeline_string(r->tl, cmd);
        mx_buf_puts(out, "; commander ");
        mx_buf_put(out, a.p, a.n);
    }
}

/* A local time, or "—" when there is none. */
static void md_time(struct mx_buf *b, const struct mx_result *r, int64_t t) {
    if (t == MX_NO_TIME)
        mx_buf_puts(b, "—");
    else
        mx_fmt_local(b, r->zone, t);
}

/* "93.5% (n=12)": a compliance share and how many were due; "no data (n=0)" when nothing
 * was (v < 0). */
static void md_pct(struct mx_buf *b, double v, uint64_t due) {
    if (v < 0)
        mx_buf_puts(b, "no data (n=0)");
    else
        mx_buf_printf(b, "%.1f%% (n=%llu)", v, (unsigned long long)due);
}

/* The month and severity table: per month a row for each severity that had anything due or
 * pending, then an **all** row always (cells[m * 6 + 5]); then the whole period's shares. */
static void md_summary(struct mx_buf *b, const struct mx_result *r) {
    static const enum mx_severity order[5] = {MX_SEV_1, MX_SEV_2, MX_SEV_3, MX_SEV_4, MX_SEV_NONE};
    mx_buf_puts(b,
                "## Summary by month and severity\n\n"
                "| month | severity | postmortems on time | late | missing | pending | "
                "postmortem compliance | responses met | missed | missing | response compliance |\n"
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (size_t m = 0; m < r->n_months; m++) {
        for (int k = 0; k < 6; k++) {
            const struct mx_compliance_counts *c = &r->cells[m * 6 + (k < 5 ? order[k] : 5)];
            uint64_t pm_due = c->pm[MX_PM_ON_TIME] + c->pm[MX_PM_LATE] + c->pm[MX_PM_MISSING];
            uint64_t rsp_due = c->rsp[MX_CK_MET] + c->rsp[MX_CK_MISSED] + c->rsp[MX_CK_MISSING];
            if (k < 5 && !pm_due && !rsp_due && !c->pm[MX_PM_PENDING]) continue;
            mx_buf_puts(b, "| ");
            mx_fmt_month(b, r->months[m].key);
            mx_buf_printf(
                b, " | %s | %llu | %llu | %llu | %llu | ",
                k < 5 ? mx_event_severity_name(order[k]) : "**all**",
                (unsigned long long)c->pm[MX_PM_ON_TIME], (unsigned long long)c->pm[MX_PM_LATE],
                (unsigned long long)c->pm[MX_PM_MISSING], (unsigned long long)c->pm[MX_PM_PENDING]);
            md_pct(b, mx_compliance_pm_pct(c), pm_due);
            mx_buf_printf(b, " | %llu | %llu | %llu | ", (unsigned long long)c->rsp[MX_CK_MET],
                          (unsigned long long)c->rsp[MX_CK_MISSED],
                          (unsigned long long)c->rsp[MX_CK_MISSING]);
            md_pct(b, mx_compliance_rsp_pct(c), rsp_due);
            mx_buf_puts(b, " |\n");
        }
    }
    const struct mx_compliance_counts *a = &r->compliance.all;
    mx_buf_puts(b, "\nWhole period: postmortem compliance ");
    md_pct(b, mx_compliance_pm_pct(a),
           a->pm[MX_PM_ON_TIME] + a->pm[MX_PM_LATE] + a->pm[MX_PM_MISSING]);
    mx_buf_puts(b, ", response compliance ");
    md_pct(b, mx_compliance_rsp_pct(a),
           a->rsp[MX_CK_MET] + a->rsp[MX_CK_MISSED] + a->rsp[MX_CK_MISSING]);
    mx_buf_puts(b, ". Compliance counts what was due: on time / (on time + late + missing).\n\n");
}

/* "title ~ PATTERN": the [exclude] rule that left t out. */
static void md_rule_text(struct mx_buf *b, const struct mx_result *r, const struct mx_timeline *t) {
    const struct mx_rule *x = mx_result_exclusion(r, t);
    if (!x) return;
    mx_buf_printf(b, "%s ~ ", mx_ruleset_field_name(x->field));
    mx_esc_md(b, x->pattern, strlen(x->pattern));
}

/* One rule's section: every incident the rule applies to, in timeline order. The done column
 * holds the largest gap (cadence), the [exclude] rule that matched (excluded) or when it was
 * done; a "none" row keeps the table when no incident applies. */
static void md_rule(struct mx_buf *b, const struct mx_result *r, enum rule rule) {
    struct mx_buf ev = {0};
    mx_buf_printf(b,
                  "## %s\n\n| incident | title | severity | detected | resolved | deadline | "
                  "%s | status | late by | evidence |\n"
                  "|---|---|---|---|---|---|---|---|---:|---|\n",
                  RULE_TITLES[rule], DONE_LABEL[rule]);
    size_t rows = 0;
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        struct row w;
        if (!row_of(r, i, rule, &w)) continue;
        rows++;
        mx_buf_puts(b, "| ");
        mx_fmt_md_str(b, mx_timeline_id(r->tl, w.t));
        mx_buf_puts(b, " | ");
        mx_fmt_md_str(b, mx_timeline_string(r->tl, w.t->title));
        mx_buf_printf(b, " | %s | ", mx_event_severity_name(w.t->severity));
        md_time(b, r, w.t->detected_at);
        mx_buf_puts(b, " | ");
        md_time(b, r, w.t->resolved_at);
        mx_buf_puts(b, " | ");
        md_time(b, r, w.deadline);
        mx_buf_puts(b, " | ");
        if (rule == R_CADENCE)
            mx_fmt_duration(b, w.gap);
        else if (rule == R_EXCLUDED)
            md_rule_text(b, r, w.t);
        else
            md_time(b, r, w.done);
        mx_buf_printf(b, " | %s | ", w.status);
        if (w.late == MX_NO_TIME)
            mx_buf_puts(b, "—");
        else
            mx_fmt_duration(b, w.late);
        mx_buf_puts(b, " | ");
        ev.n = 0;
        evidence(&ev, r, &w);
        mx_esc_md(b, ev.p ? ev.p : "", ev.n);
        mx_buf_puts(b, " |\n");
    }
    if (!rows) mx_buf_puts(b, "| none | | | | | | | | | |\n");
    mx_buf_putc(b, '\n');
    mx_buf_free(&ev);
}

/* The incidents no rule can judge as the others: without a severity (no deadline can be
 * known) and merged into another (left out of every count). Each with its evidence; for
 * a merged one, the merge's record. Visits them in timeline order. */
enum exception { EX_UNASSIGNED, EX_MERGED, EX__COUNT };
static const char *const EX_KEYS[EX__COUNT] = {"unassigned_severity", "merged"};

static bool exception_of(const struct mx_result *r, size_t i, enum exception x,
                         const struct mx_entry **source) {
    const struct mx_timeline *t = mx_timeline_get(r->tl, i);
    if (!t->in_window) return false;
    if (x == EX_UNASSIGNED) {
        if (!mx_timeline_counted(t) || t->severity != MX_SEV_NONE) return false;
        uint32_t e = t->evidence[MX_MS_DETECTED];
        *source = e == MX_NO_EVENT ? NULL : mx_timeline_entry(r->tl, e);
        return true;
    }
    if (!t->merged) return false;
    *source = NULL;
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_entry *e = mx_timeline_entry(r->tl, t->first + k);
        if (e->type == MX_EV_MERGED) *source = e;
    }
    return true;
}

static void md_exceptions(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "## Exceptions\n\nIncidents without a severity (no deadline can be known "
                   "for them) and incidents merged into another (left out of every count); the "
                   "excluded ones are listed above.\n\n| exception | incident | title | "
                   "detected | evidence |\n|---|---|---|---|---|\n");
    size_t rows = 0;
    for (int x = 0; x < EX__COUNT; x++)
        for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
            const struct mx_entry *src;
            if (!exception_of(r, i, (enum exception)x, &src)) continue;
            const struct mx_timeline *t = mx_timeline_get(r->tl, i);
            mx_buf_printf(b, "| %s | ", x == EX_UNASSIGNED ? "no severity" : "merged");
            mx_fmt_md_str(b, mx_timeline_id(r->tl, t));
            mx_buf_puts(b, " | ");
            mx_fmt_md_str(b, mx_timeline_string(r->tl, t->title));
            mx_buf_puts(b, " | ");
            md_time(b, r, t->detected_at);
            mx_buf_puts(b, " | ");
            struct mx_buf ev = {0};
            if (src) {
                mx_buf_puts(&ev, x == EX_UNASSIGNED ? "detected " : "merged ");
                mx_fmt_source(&ev, r, src);
            }
            mx_fmt_md_str(b, (struct mx_str){ev.p, ev.n});
            mx_buf_free(&ev);
            mx_buf_puts(b, " |\n");
            rows++;
        }
    if (!rows) mx_buf_puts(b, "| none | | | | |\n");
    mx_buf_putc(b, '\n');
}

/* What the audit rests on: the records read, accepted, duplicated, rejected (per reason,
 * with the first positions), the inputs skipped or damaged, the events after --as-of. An
 * auditor reading only the audit learns what was left out. */
static void md_quality(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_printf(b,
                  "## Data quality\n\n%llu record%s read: %llu accepted, %llu duplicates, %llu "
                  "rejected; %llu event%s after the as-of instant left out; %llu input%s skipped "
                  "as unrecognised, %llu damaged.\n\n",
                  (unsigned long long)r->total_records, mx_fmt_s(r->total_records),
                  (unsigned long long)r->total.accepted, (unsigned long long)r->total.duplicates,
                  (unsigned long long)r->total_rejected, (unsigned long long)r->total.after_as_of,
                  mx_fmt_s(r->total.after_as_of), (unsigned long long)r->skipped_files,
                  mx_fmt_s(r->skipped_files), (unsigned long long)r->diag->failures);
    for (int k = 0; k < MX_R__COUNT; k++) {
        if (!r->by_reason[k]) continue;
        mx_buf_printf(b, "- %s: %llu, first at ", mx_diag_reason_name((enum mx_reason)k),
                      (unsigned long long)r->by_reason[k]);
        size_t shown = 0;
        for (size_t i = 0; i < r->diag->n_samples && shown < 3; i++) {
            const struct mx_diag_sample *x = &r->diag->samples[i];
            if ((int)x->reason != k) continue;
            if (shown++) mx_buf_puts(b, ", ");
            /* the sample's position: its text up to the message */
            mx_esc_md(b, x->text, x->msg >= 2 ? x->msg - 2 : 0);
        }
        mx_buf_putc(b, '\n');
    }
    for (size_t i = 0; i < r->n_inputs; i++) {
        const struct mx_input_stat *st = r->inputs[i].stat;
        if (!st->skipped && !st->failure) continue;
        mx_buf_puts(b, "- ");
        mx_esc_md(b, st->path, strlen(st->path));
        if (st->failure) {
            mx_buf_puts(b, ": damaged: ");
            mx_esc_md(b, st->failure, strlen(st->failure));
        } else {
            mx_buf_puts(b, ": skipped, not a recognised format");
        }
        mx_buf_putc(b, '\n');
    }
    mx_buf_putc(b, '\n');
}

/* The cadence and war-room sections appear only when the data measures them (otherwise they
 * are listed under Not measured), the excluded section only when a rule excluded anything. */
void mx_audit_report_md(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_compliance_summary *s = &r->compliance;
    mx_buf_puts(b, "# Incident process audit\n\nAs of ");
    mx_fmt_local(b, r->zone, r->as_of);
    mx_buf_puts(b, " · times in ");
    mx_esc_md(b, r->timezone, strlen(r->timezone));
    mx_buf_printf(b, " · %llu incident%s (merged ones left out", (unsigned long long)r->incidents,
                  mx_fmt_s(r->incidents));
    if (r->excluded)
        mx_buf_printf(b, "; %llu excluded by the config's rules, listed below",
                      (unsigned long long)r->excluded);
    mx_buf_puts(b, ")\n\n");
    if (!r->total.accepted) {
        mx_buf_puts(b, "> ");
        mx_prose_nothing(b, &mx_md_report_markup, r);
        mx_buf_puts(b, "\n\n");
    }
    if (mx_prose_scoped(r)) {
        mx_prose_filters(b, &mx_md_report_markup, r);
        mx_buf_puts(b, "\n\n");
    }
    md_summary(b, r);
    for (int rule = 0; rule < R__COUNT; rule++) {
        if (rule == R_CADENCE && !s->cadence_measured) continue;
        if (rule == R_WAR_ROOM && !s->war_room_measured) continue;
        if (rule == R_EXCLUDED && !r->excluded) continue;
        md_rule(b, r, (enum rule)rule);
    }
    mx_buf_puts(b, "## Not measured\n\n");
    if (!s->cadence_measured)
        mx_buf_puts(b, "- Status-update cadence: no status update appears in the data.\n");
    if (!s->war_room_measured)
        mx_buf_puts(b, "- SEV1 war rooms: no war room event appears in the data.\n");
    if (s->cadence_measured && s->war_room_measured) mx_buf_puts(b, "- nothing\n");
    mx_buf_printf(b,
                  "\n## Anti-patterns\n\n- %llu incident%s without a severity.\n"
                  "- %llu SEV1-2 incident%s without a postmortem past their deadline.\n\n",
                  (unsigned long long)s->unassigned, mx_fmt_s(s->unassigned),
                  (unsigned long long)s->sev12_without_postmortem,
                  mx_fmt_s(s->sev12_without_postmortem));
    mx_buf_puts(b, "## Rules applied\n\n| severity | acknowledge within | postmortem within "
                   "| status updates every |\n|---|---|---|---|\n");
    for (int sev = MX_SEV_1; sev <= MX_SEV_4; sev++) {
        const struct mx_policy *p = r->policy;
        mx_buf_printf(b, "| %s | ", mx_event_severity_name((enum mx_severity)sev));
        if (p->response_ms[sev] == MX_NEXT_BUSINESS_DAY)
            mx_buf_puts(b, "end of next business day");
        else if (p->response_ms[sev] < 0)
            mx_buf_puts(b, "—");
        else
            mx_fmt_duration(b, p->response_ms[sev]);
        mx_buf_puts(b, " | ");
        if (p->postmortem_ms[sev] < 0)
            mx_buf_puts(b, "not required");
        else
            mx_fmt_duration(b, p->postmortem_ms[sev]);
        mx_buf_puts(b, " | ");
        if (p->cadence_ms[sev] < 0)
            mx_buf_puts(b, "—");
        else
            mx_fmt_duration(b, p->cadence_ms[sev]);
        mx_buf_puts(b, " |\n");
    }
    mx_buf_puts(b, "\nDeadlines for postmortems run from the final resolution; response targets "
                   "from detection to the first acknowledgement. Business days are Monday to "
                   "Friday in the report's zone unless the configuration says otherwise.\n\n");
    md_exceptions(b, r);
    md_quality(b, r);
    mx_md_report_provenance(b, r);
}

/* An RFC 3339 UTC time always with milliseconds (one precision per column, as Excel
 * reads it), or nothing (an empty cell) when absent. */
static void csv_time(struct mx_buf *b, int64_t t) {
    if (t == MX_NO_TIME) return;
    struct mx_buf x = {0};
    mx_fmt_utc(&x, t);
    if (x.n == 20) /* "...:SSZ": no milliseconds written */
        mx_buf_printf(b, "%.19s.000Z", x.p);
    else
        mx_buf_put(b, x.p, x.n);
    mx_buf_free(&x);
}

/* Rows are grouped by rule, in the order of enum rule, with incidents in timeline order. */
void mx_audit_report_csv(struct mx_buf *b, const struct mx_result *r) {
    struct mx_buf ev = {0};
    /* a BOM: Excel reads the file as UTF-8 ("Café" stays Café) */
    mx_buf_puts(b, "\xEF\xBB\xBFrule,incident,title,severity,month,detected_at,resolved_at,"
                   "deadline,done_at,status,late_s,late,evidence\r\n");
    for (int rule = 0; rule < R__COUNT; rule++) {
        for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
            struct row w;
            if (!row_of(r, i, (enum rule)rule, &w)) continue;
            mx_buf_printf(b, "%s,", RULE_KEYS[rule]);
            mx_csv_out_text(b, mx_timeline_id(r->tl, w.t).p, mx_timeline_id(r->tl, w.t).n);
            mx_csv_out_comma(b);
            mx_csv_out_text(b,
                            mx_timeline_string(r->tl, w.t->title).p
                                ? mx_timeline_string(r->tl, w.t->title).p
                                : "",
                            mx_timeline_string(r->tl, w.t->title).n);
            mx_buf_printf(b, ",%s,", mx_event_severity_name(w.t->severity));
            mx_fmt_month(b, w.t->month);
            mx_csv_out_comma(b);
            csv_time(b, w.t->detected_at);
            mx_csv_out_comma(b);
            csv_time(b, w.t->resolved_at);
            mx_csv_out_comma(b);
            csv_time(b, w.deadline);
            mx_csv_out_comma(b);
            csv_time(b, w.done);
            mx_buf_printf(b, ",%s,", w.status);
            if (w.late != MX_NO_TIME) mx_fmt_seconds(b, w.late);
            mx_csv_out_comma(b);
            if (w.late != MX_NO_TIME) mx_fmt_duration(b, w.late); /* "2h 05m", for people */
            mx_csv_out_comma(b);
            ev.n = 0;
            evidence(&ev, r, &w);
            mx_csv_out_text(b, ev.p ? ev.p : "", ev.n);
            mx_csv_out_end(b);
        }
    }
    mx_buf_free(&ev);
}

/* One row object: excluded_by only on excluded rows; evidence keyed by milestone name, a
 * milestone without an event left out. */
static void json_row(struct mx_buf *b, const struct mx_result *r, enum rule rule,
                     const struct row *w) {
    mx_buf_printf(b, "{\"rule\":\"%s\",\"incident\":", RULE_KEYS[rule]);
    mx_esc_json(b, mx_timeline_id(r->tl, w->t).p, mx_timeline_id(r->tl, w->t).n);
    mx_buf_puts(b, ",\"title\":");
    mx_fmt_json_str(b, mx_timeline_string(r->tl, w->t->title));
    mx_buf_printf(b, ",\"severity\":\"%s\",\"month\":\"", mx_event_severity_name(w->t->severity));
    mx_fmt_month(b, w->t->month);
    mx_buf_puts(b, "\",\"detected_at\":");
    mx_fmt_json_time(b, w->t->detected_at);
    mx_buf_puts(b, ",\"resolved_at\":");
    mx_fmt_json_time(b, w->t->resolved_at);
    mx_buf_puts(b, ",\"deadline\":");
    mx_fmt_json_time(b, w->deadline);
    mx_buf_puts(b, ",\"done_at\":");
    mx_fmt_json_time(b, w->done);
    mx_buf_printf(b, ",\"status\":\"%s\",\"late_s\":", w->status);
    mx_fmt_json_seconds(b, w->late);
    const struct mx_rule *x = mx_result_exclusion(r, w->t);
    if (rule == R_EXCLUDED && x) {
        mx_buf_printf(
            b, ",\"excluded_by\":{\"field\":\"%s\",\"pattern\":", mx_ruleset_field_name(x->field));
        mx_esc_json(b, x->pattern, strlen(x->pattern));
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, ",\"evidence\":{");
    for (int k = 0, first = 1; k < w->n_ev; k++) {
        uint32_t e = w->t->evidence[w->ev[k]];
        if (e == MX_NO_EVENT) continue;
        mx_buf_printf(b, "%s\"%s\":", first ? "" : ",", EV_NAMES[w->ev[k]]);
        first = 0;
        struct mx_buf pos = {0};
        mx_fmt_source(&pos, r, mx_timeline_entry(r->tl, e));
        mx_esc_json(b, pos.p, pos.n);
        mx_buf_free(&pos);
    }
    mx_buf_puts(b, "}}");
}

/* The rows in the CSV's order: by rule, then timeline order. */
void mx_audit_report_json(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "{\n  \"schema\": \"mttx-audit/1\",\n");
    mx_json_report_provenance(b, r);
    mx_json_report_inputs(b, r);
    mx_json_report_totals(b, r);
    mx_json_report_rejections(b, r);
    mx_buf_puts(b, "  \"exceptions\": [");
    size_t nx = 0;
    for (int x = 0; x < EX__COUNT; x++)
        for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
            const struct mx_entry *src;
            if (!exception_of(r, i, (enum exception)x, &src)) continue;
            const struct mx_timeline *t = mx_timeline_get(r->tl, i);
            mx_buf_printf(b, "%s{\"kind\":\"%s\",\"incident\":", nx++ ? ",\n    " : "\n    ",
                          EX_KEYS[x]);
            mx_fmt_json_str(b, mx_timeline_id(r->tl, t));
            mx_buf_puts(b, ",\"title\":");
            mx_fmt_json_str(b, mx_timeline_string(r->tl, t->title));
            mx_buf_puts(b, ",\"detected_at\":");
            mx_fmt_json_time(b, t->detected_at);
            mx_buf_puts(b, ",\"evidence\":");
            if (src) {
                struct mx_buf ev = {0};
                mx_fmt_source(&ev, r, src);
                mx_esc_json(b, ev.p ? ev.p : "", ev.n);
                mx_buf_free(&ev);
            } else {
                mx_buf_puts(b, "null");
            }
            mx_buf_putc(b, '}');
        }
    mx_buf_puts(b, nx ? "\n  ],\n" : "],\n");
    mx_buf_printf(b, "  \"status_updates_measured\": %s,\n  \"war_room_measured\": %s",
                  r->compliance.cadence_measured ? "true" : "false",
                  r->compliance.war_room_measured ? "true" : "false");
    mx_buf_puts(b, ",\n  \"rows\": [");
    size_t n = 0;
    for (int rule = 0; rule < R__COUNT; rule++) {
        for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
            struct row w;
            if (!row_of(r, i, (enum rule)rule, &w)) continue;
            mx_buf_puts(b, n++ ? ",\n    " : "\n    ");
            json_row(b, r, (enum rule)rule, &w);
        }
    }
    mx_buf_puts(b, n ? "\n  ]\n}\n" : "]\n}\n");
}
