/*
 * compliance.c - the process rules per incident, and gates (see compliance.h).
 */
#include "analyzer/compliance.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/calendar.h"

static const char *const pm_names[MX_PM__COUNT] = {
    "on_time", "late", "missing", "pending", "not_required", "not_measured", "unknown_severity"};
static const char *const check_names[MX_CK__COUNT] = {
    "met", "missed", "missing", "pending", "not_required", "unknown_severity"};

const char *mx_compliance_pm_status_name(enum mx_pm_status s) {
    return (unsigned)s < MX_PM__COUNT ? pm_names[s] : "not_required";
}

const char *mx_compliance_check_name(enum mx_check c) {
    return (unsigned)c < MX_CK__COUNT ? check_names[c] : "not_required";
}

static double pct(uint64_t good, uint64_t bad1, uint64_t bad2) {
    uint64_t due = good + bad1 + bad2;
    return due ? 100.0 * (double)good / (double)due : -1.0;
}

double mx_compliance_pm_pct(const struct mx_compliance_counts *c) {
    return pct(c->pm[MX_PM_ON_TIME], c->pm[MX_PM_LATE], c->pm[MX_PM_MISSING]);
}

double mx_compliance_rsp_pct(const struct mx_compliance_counts *c) {
    return pct(c->rsp[MX_CK_MET], c->rsp[MX_CK_MISSED], c->rsp[MX_CK_MISSING]);
}

double mx_compliance_reg_pct(const struct mx_compliance_summary *s) {
    return pct(s->reg[MX_CK_MET], s->reg[MX_CK_MISSED], s->reg[MX_CK_MISSING]);
}

enum mx_pm_status mx_compliance_postmortem_status(const struct mx_timeline *t,
                                                  const struct mx_policy *p, int64_t as_of,
                                                  int64_t *deadline) {
    int64_t limit = p->postmortem_ms[t->severity];
    *deadline = MX_NO_TIME;
    if (mx_timeline_left_out(t)) return MX_PM_NOT_REQUIRED;
    if (t->severity == MX_SEV_NONE) return MX_PM_UNKNOWN_SEVERITY;
    if (limit < 0) return MX_PM_NOT_REQUIRED;
    if (t->resolved_at != MX_NO_TIME) *deadline = t->resolved_at + limit;
    if (!t->postmortem_measurable && t->postmortem_at == MX_NO_TIME) return MX_PM_NOT_MEASURED;
    if (t->postmortem_at != MX_NO_TIME)
        return (*deadline == MX_NO_TIME || t->postmortem_at <= *deadline) ? MX_PM_ON_TIME
                                                                          : MX_PM_LATE;
    if (*deadline != MX_NO_TIME && as_of > *deadline) return MX_PM_MISSING;
    return MX_PM_PENDING;
}

/* A deadline rule: done at `done` (or MX_NO_TIME), due by `deadline`. */
static enum mx_check check(int64_t done, int64_t deadline, int64_t as_of, int64_t *late) {
    *late = MX_NO_TIME;
    if (done != MX_NO_TIME) {
        if (done <= deadline) return MX_CK_MET;
        *late = done - deadline;
        return MX_CK_MISSED;
    }
    if (as_of > deadline) {
        *late = as_of - deadline;
        return MX_CK_MISSING;
    }
    return MX_CK_PENDING;
}

/* The largest interval without a status update between detection and the end (the
 * resolution, or as_of while open). */
static int64_t largest_gap(const struct mx_timelines *tl, const struct mx_timeline *t,
                           int64_t end) {
    int64_t prev = t->detected_at, gap = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        const struct mx_entry *r = mx_timeline_entry(tl, t->first + i);
        if (r->type != MX_EV_STATUS_UPDATE || r->t < t->detected_at || r->t > end) continue;
        if (r->t - prev > gap) gap = r->t - prev;
        prev = r->t;
    }
    if (end - prev > gap) gap = end - prev;
    return gap;
}

void mx_compliance_check(struct mx_compliance *c, const struct mx_timelines *tl,
                         const struct mx_timeline *t, const struct mx_policy *p,
                         const struct mx_zone *zone, int64_t as_of, unsigned events_measured) {
    memset(c, 0, sizeof *c);
    c->pm = mx_compliance_postmortem_status(t, p, as_of, &c->pm_deadline);
    c->pm_late = c->pm == MX_PM_LATE      ? t->postmortem_at - c->pm_deadline
                 : c->pm == MX_PM_MISSING ? as_of - c->pm_deadline
                                          : MX_NO_TIME;
    int64_t target = p->response_ms[t->severity];
    c->rsp = MX_CK_NOT_REQUIRED;
    c->rsp_deadline = c->rsp_late = MX_NO_TIME;
    if (!mx_timeline_left_out(t) && t->severity == MX_SEV_NONE) {
        c->rsp = MX_CK_UNKNOWN_SEVERITY;
    } else if (!mx_timeline_left_out(t) && target != MX_NO_TARGET) {
        c->rsp_deadline = target == MX_NEXT_BUSINESS_DAY
                              ? mx_calendar_next_business_day_end(p, zone, t->detected_at)
                              : t->detected_at + target;
        c->rsp = check(t->acknowledged_at, c->rsp_deadline, as_of, &c->rsp_late);
    }
    int64_t end = t->resolved_at != MX_NO_TIME ? t->resolved_at : as_of;
    int64_t cadence = p->cadence_ms[t->severity];
    c->max_gap = MX_NO_TIME;
    if ((events_measured & 1) && cadence > 0 && !mx_timeline_left_out(t) && end > t->detected_at) {
        c->cadence_applies = true;
        c->max_gap = largest_gap(tl, t, end);
        c->cadence_breach = c->max_gap > cadence;
    }
    if ((events_measured & 2) && t->severity == MX_SEV_1 && !mx_timeline_left_out(t) &&
        p->war_room_ms >= 0 && end - t->detected_at > p->war_room_ms) {
        c->war_room_required = true;
        c->war_room_missing = t->war_room_at == MX_NO_TIME;
    }
    c->reg = MX_CK_NOT_REQUIRED;
    c->reg_deadline = c->reg_delay = MX_NO_TIME;
    if (t->cls == MX_CLASS_SECURITY && !mx_timeline_left_out(t) && p->regulator_ms >= 0) {
        int64_t late;
        c->reg_deadline = t->detected_at + p->regulator_ms;
        c->reg = check(t->regulator_at, c->reg_deadline, as_of, &late);
        if (t->regulator_at != MX_NO_TIME) c->reg_delay = t->regulator_at - t->detected_at;
    }
}

const char *mx_compliance_gate_parse(const char *s, struct mx_gate *g) {
    static const struct {
        const char *name;
        enum mx_gate_kind kind;
        int has_threshold;
    } gates[] = {
        {"missing-postmortem", MX_GATE_MISSING_POSTMORTEM, 0},
        {"late-postmortem", MX_GATE_LATE_POSTMORTEM, 0},
        {"postmortem-compliance", MX_GATE_POSTMORTEM_COMPLIANCE, 1},
        {"response-compliance", MX_GATE_RESPONSE_COMPLIANCE, 1},
        {"unassigned-severity", MX_GATE_UNASSIGNED_SEVERITY, 0},
        {"channel-convention", MX_GATE_CHANNEL_CONVENTION, 0},
    };
    snprintf(g->text, sizeof g->text, "%s", s);
    for (size_t i = 0; i < sizeof gates / sizeof gates[0]; i++) {
        size_t n = strlen(gates[i].name);
        if (strncmp(s, gates[i].name, n) != 0) continue;
        g->kind = gates[i].kind;
        g->threshold = 0;
        if (!gates[i].has_threshold) return s[n] ? "unexpected text after the rule" : NULL;
        if (s[n] != '<') return "expected '<' and a percentage, as in postmortem-compliance<95";
        char *end;
        errno = 0;
        g->threshold = strtod(s + n + 1, &end);
        if (errno || end == s + n + 1 || *end || g->threshold < 0 || g->threshold > 100)
            return "expected a percentage from 0 to 100 after '<'";
        return NULL;
    }
    return "unknown rule (expected missing-postmortem, late-postmortem, "
           "postmortem-compliance<N, response-compliance<N, unassigned-severity, "
           "channel-convention)";
}

bool mx_compliance_gate_counts(const struct mx_gate *g, const struct mx_timeline *t,
                               const struct mx_compliance *c) {
    switch (g->kind) {
    case MX_GATE_MISSING_POSTMORTEM: return c->pm == MX_PM_MISSING;
    case MX_GATE_LATE_POSTMORTEM: return c->pm == MX_PM_LATE;
    case MX_GATE_POSTMORTEM_COMPLIANCE: return c->pm == MX_PM_LATE || c->pm == MX_PM_MISSING;
    case MX_GATE_RESPONSE_COMPLIANCE: return c->rsp == MX_CK_MISSED || c->rsp == MX_CK_MISSING;
    case MX_GATE_UNASSIGNED_SEVERITY: return t->severity == MX_SEV_NONE;
    case MX_GATE_CHANNEL_CONVENTION: return t->channel_check == MX_CHAN_OFF;
    }
    return false;
}

enum mx_gate_result mx_compliance_gate_failed(const struct mx_gate *g,
                                              const struct mx_compliance_summary *s, char *msg,
                                              size_t len) {
    const struct mx_compliance_counts *c = &s->all;
    double v;
    bool pm_gate = g->kind == MX_GATE_MISSING_POSTMORTEM || g->kind == MX_GATE_LATE_POSTMORTEM ||
                   g->kind == MX_GATE_POSTMORTEM_COMPLIANCE;
    uint64_t measured =
        c->pm[MX_PM_ON_TIME] + c->pm[MX_PM_LATE] + c->pm[MX_PM_MISSING] + c->pm[MX_PM_PENDING];
    if (pm_gate && !measured && c->pm[MX_PM_NOT_MEASURED]) {
        snprintf(msg, len,
                 "%s: cannot be evaluated: %llu incident%s due a postmortem, none from a source "
                 "that records postmortems (PagerDuty data cannot); add postmortem_published "
                 "events",
                 g->text, (unsigned long long)c->pm[MX_PM_NOT_MEASURED],
                 c->pm[MX_PM_NOT_MEASURED] == 1 ? "" : "s");
        return MX_GATE_UNMEASURED;
    }
    switch (g->kind) {
    case MX_GATE_MISSING_POSTMORTEM:
        if (!c->pm[MX_PM_MISSING]) return MX_GATE_PASSED;
        snprintf(msg, len, "%s: %llu postmortem%s missing past the deadline", g->text,
                 (unsigned long long)c->pm[MX_PM_MISSING], c->pm[MX_PM_MISSING] == 1 ? "" : "s");
        return MX_GATE_FAILED;
    case MX_GATE_LATE_POSTMORTEM:
        if (!c->pm[MX_PM_LATE]) return MX_GATE_PASSED;
        snprintf(msg, len, "%s: %llu postmortem%s published late", g->text,
                 (unsigned long long)c->pm[MX_PM_LATE], c->pm[MX_PM_LATE] == 1 ? "" : "s");
        return MX_GATE_FAILED;
    case MX_GATE_POSTMORTEM_COMPLIANCE:
    case MX_GATE_RESPONSE_COMPLIANCE: {
        bool pm = g->kind == MX_GATE_POSTMORTEM_COMPLIANCE;
        v = pm ? mx_compliance_pm_pct(c) : mx_compliance_rsp_pct(c);
        if (v < 0 || v >= g->threshold) return MX_GATE_PASSED;
        uint64_t due = pm ? c->pm[MX_PM_ON_TIME] + c->pm[MX_PM_LATE] + c->pm[MX_PM_MISSING]
                          : c->rsp[MX_CK_MET] + c->rsp[MX_CK_MISSED] + c->rsp[MX_CK_MISSING];
        uint64_t ok = pm ? c->pm[MX_PM_ON_TIME] : c->rsp[MX_CK_MET];
        snprintf(msg, len, "%s: %s compliance is %.1f%% (%llu of %llu on time), %.1f points below",
                 g->text, pm ? "postmortem" : "response", v, (unsigned long long)ok,
                 (unsigned long long)due, g->threshold - v);
        return MX_GATE_FAILED;
    }
    case MX_GATE_UNASSIGNED_SEVERITY:
        if (!s->unassigned) return MX_GATE_PASSED;
        snprintf(msg, len, "%s: %llu incident%s without a severity", g->text,
                 (unsigned long long)s->unassigned, s->unassigned == 1 ? "" : "s");
        return MX_GATE_FAILED;
    case MX_GATE_CHANNEL_CONVENTION:
        if (!s->channel[MX_CHAN_OFF]) return MX_GATE_PASSED;
        snprintf(msg, len, "%s: %llu incident channel%s not following the naming convention",
                 g->text, (unsigned long long)s->channel[MX_CHAN_OFF],
                 s->channel[MX_CHAN_OFF] == 1 ? "" : "s");
        return MX_GATE_FAILED;
    }
    return MX_GATE_PASSED;
}
