/*
 * prose.c - the sentences report.md and report.html share (see prose.h). Every
 * figure of the policy comes from struct mx_policy, so a configured deadline is the
 * deadline the report states.
 */
#include "reports/prose.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "reports/fmt.h"

#define DAY_MS  86400000LL
#define HOUR_MS 3600000LL
#define MIN_MS  60000LL

/* Our own words, printf-style (short: a sentence's pieces). */
__attribute__((format(printf, 3, 4))) static void
say(struct mx_buf *b, const struct mx_prose_markup *m, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) m->words(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Days only above three days, so 48 h and 72 h read in hours and a week as "7 days";
 * anything not a whole minute falls back to seconds. */
void mx_prose_span(struct mx_buf *b, int64_t ms) {
    long long v = (long long)ms;
    if (v > 3 * DAY_MS && v % DAY_MS == 0)
        mx_buf_printf(b, "%lld days", v / DAY_MS);
    else if (v >= HOUR_MS && v % HOUR_MS == 0)
        mx_buf_printf(b, "%lld h", v / HOUR_MS);
    else if (v >= HOUR_MS && v % MIN_MS == 0)
        mx_buf_printf(b, "%lld h %02lld min", v / HOUR_MS, v % HOUR_MS / MIN_MS);
    else if (v >= MIN_MS && v % MIN_MS == 0)
        mx_buf_printf(b, "%lld min", v / MIN_MS);
    else
        mx_buf_printf(b, "%lld s", v / 1000);
}

/* The span as our words (mx_prose_span's text through the markup). */
static void span(struct mx_buf *b, const struct mx_prose_markup *m, int64_t ms) {
    struct mx_buf t = {0};
    mx_prose_span(&t, ms);
    m->words(b, t.p, t.n);
    mx_buf_free(&t);
}

/* "SEV1–2 48 h, SEV3 7 days" from a per-severity table: equal neighbours grouped,
 * MX_NO_TARGET left out ("none" when all are), MX_NEXT_BUSINESS_DAY as "by the end of
 * the next business day"; every_word, when not NULL, goes before each span. */
static void by_severity(struct mx_buf *b, const struct mx_prose_markup *m, const int64_t *per_sev,
                        const char *every_word) {
    int listed = 0;
    for (int s = MX_SEV_1; s <= MX_SEV_4;) {
        int64_t v = per_sev[s];
        int last = s;
        while (last < MX_SEV_4 && per_sev[last + 1] == v) last++;
        if (v != MX_NO_TARGET) {
            if (listed++) say(b, m, ", ");
            if (last > s)
                say(b, m, "SEV%d–%d ", s, last);
            else
                say(b, m, "SEV%d ", s);
            if (v == MX_NEXT_BUSINESS_DAY) {
                say(b, m, "by the end of the next business day");
            } else {
                if (every_word) say(b, m, "%s ", every_word);
                span(b, m, v);
            }
        }
        s = last + 1;
    }
    if (!listed) say(b, m, "none");
}

void mx_prose_rule_postmortem(struct mx_buf *b, const struct mx_prose_markup *m,
                              const struct mx_policy *p) {
    say(b, m, "postmortem within its deadline (");
    by_severity(b, m, p->postmortem_ms, NULL);
    say(b, m, " after resolution)");
}

void mx_prose_rule_response(struct mx_buf *b, const struct mx_prose_markup *m,
                            const struct mx_policy *p) {
    say(b, m, "acknowledged within the response target (");
    by_severity(b, m, p->response_ms, NULL);
    say(b, m, ")");
}

void mx_prose_rule_regulator(struct mx_buf *b, const struct mx_prose_markup *m,
                             const struct mx_policy *p) {
    say(b, m, "security: regulator notified in time (");
    if (p->regulator_ms < 0) {
        say(b, m, "no deadline");
    } else {
        span(b, m, p->regulator_ms);
        say(b, m, " from detection");
    }
    say(b, m, ")");
}

/* Pick for mx_prose_examples: an incident not excluded whose channel check is i. */
void mx_prose_compliance_rows(struct mx_buf *b, const struct mx_prose_markup *m,
                              const struct mx_result *r,
                              void (*row)(struct mx_buf *b, const char *rule, const uint64_t *n,
                                          uint64_t unknown, double share)) {
    const struct mx_compliance_summary *s = &r->compliance;
    struct mx_buf rule = {0};
    mx_prose_rule_postmortem(&rule, m, r->policy);
    row(b, rule.p, s->all.pm, s->all.pm[MX_PM_UNKNOWN_SEVERITY], mx_compliance_pm_pct(&s->all));
    rule.n = 0;
    mx_prose_rule_response(&rule, m, r->policy);
    row(b, rule.p, s->all.rsp, s->all.rsp[MX_CK_UNKNOWN_SEVERITY], mx_compliance_rsp_pct(&s->all));
    rule.n = 0;
    mx_prose_rule_regulator(&rule, m, r->policy);
    row(b, rule.p, s->reg, 0, mx_compliance_reg_pct(s)); /* by class, not severity */
    mx_buf_free(&rule);
}

static bool off_channel(const struct mx_timeline *t, size_t i) {
    return !t->excluded && t->channel_check == i;
}

/* The [checks] channel item; nothing when no convention is configured. */
static void channel_note(struct mx_buf *b, const struct mx_prose_markup *m,
                         const struct mx_result *r) {
    const struct mx_compliance_summary *s = &r->compliance;
    if (!s->channel_checked) return;
    mx_buf_puts(b, m->item);
    say(b, m, "Channel naming (");
    m->code(b, r->rules->channel.pattern, strlen(r->rules->channel.pattern));
    if (!s->channel[MX_CHAN_FOLLOWS] && !s->channel[MX_CHAN_OFF]) {
        say(b, m, "): not measured (no incident names a channel).");
    } else {
        say(b, m, "): %llu of %llu incidents with a channel do not follow it",
            (unsigned long long)s->channel[MX_CHAN_OFF],
            (unsigned long long)(s->channel[MX_CHAN_FOLLOWS] + s->channel[MX_CHAN_OFF]));
        if (s->channel[MX_CHAN_OFF]) {
            say(b, m, " (");
            mx_prose_examples(b, m, r, off_channel, MX_CHAN_OFF);
            say(b, m, ")");
        }
        say(b, m, "; %llu name no channel.", (unsigned long long)s->channel[MX_CHAN_NONE]);
    }
    mx_buf_puts(b, m->item_end);
}

void mx_prose_compliance_notes(struct mx_buf *b, const struct mx_prose_markup *m,
                               const struct mx_result *r) {
    const struct mx_compliance_summary *s = &r->compliance;
    const struct mx_policy *p = r->policy;
    mx_buf_puts(b, m->item);
    say(b, m, "Status updates (");
    by_severity(b, m, p->cadence_ms, "every");
    if (s->cadence_measured)
        say(b, m, "): %llu of %llu incidents went longer than the cadence without one.",
            (unsigned long long)s->cadence_breaches, (unsigned long long)s->cadence_incidents);
    else
        say(b, m, "): not measured (no status update in the data).");
    mx_buf_puts(b, m->item_end);
    mx_buf_puts(b, m->item);
    say(b, m, "War rooms (SEV1 open longer than ");
    if (p->war_room_ms < 0)
        say(b, m, "any limit: none required");
    else
        span(b, m, p->war_room_ms);
    if (s->war_room_measured)
        say(b, m, "): %llu of %llu SEV1 incidents that ran past the limit had none.",
            (unsigned long long)s->war_room_missing, (unsigned long long)s->war_room_required);
    else
        say(b, m, "): not measured (no war room event in the data).");
    mx_buf_puts(b, m->item_end);
    channel_note(b, m, r);
    uint64_t unmeasured = s->all.pm[MX_PM_NOT_MEASURED];
    if (unmeasured) {
        mx_buf_puts(b, m->item);
        say(b, m,
            "Postmortems: %llu incident%s not measured: %s only from PagerDuty data, which "
            "cannot record a postmortem; add postmortem_published events (native JSON lines, "
            "with the incident's id or its number as \"#101\") to measure %s.",
            (unsigned long long)unmeasured, unmeasured == 1 ? "" : "s",
            unmeasured == 1 ? "it is known" : "they are known", unmeasured == 1 ? "it" : "them");
        mx_buf_puts(b, m->item_end);
    }
    mx_buf_puts(b, m->item);
    say(b, m,
        "Anti-patterns: %llu incident%s without a severity; %llu SEV1–2 incident%s without a "
        "postmortem past the deadline.",
        (unsigned long long)s->unassigned, mx_fmt_s(s->unassigned),
        (unsigned long long)s->sev12_without_postmortem, mx_fmt_s(s->sev12_without_postmortem));
    mx_buf_puts(b, m->item_end);
}

static const char *const metric_words[MX_TM__COUNT] = {"acknowledge", "resolve", "mitigate",
                                                       "detect"};

void mx_prose_target_name(struct mx_buf *b, const struct mx_target_eval *e) {
    mx_buf_puts(b, mx_metrics_label(mx_metrics_of_target(e->metric)));
    if (e->sev == MX_TARGET_ALL)
        mx_buf_puts(b, ", all incidents");
    else
        mx_buf_printf(b, ", %s", mx_event_severity_name((enum mx_severity)e->sev));
}

void mx_prose_target_label(struct mx_buf *b, const struct mx_target_eval *e) {
    mx_buf_printf(b, "Median time to %s", metric_words[e->metric]);
    if (e->sev != MX_TARGET_ALL)
        mx_buf_printf(b, ", %s", mx_event_severity_name((enum mx_severity)e->sev));
}

const struct mx_target_eval *mx_prose_find_target(const struct mx_result *r,
                                                  enum mx_target_metric metric, int sev) {
    for (size_t i = 0; i < r->n_targets; i++)
        if (r->targets[i].metric == metric && r->targets[i].sev == sev) return &r->targets[i];
    return NULL;
}

void mx_prose_targets_sentence(struct mx_buf *b, const struct mx_prose_markup *m,
                               const struct mx_result *r) {
    const struct mx_policy *p = r->policy;
    if (!r->n_targets) {
        say(b, m, "No metric targets are configured.");
    } else {
        say(b, m,
            "Metric targets, each judged on a month's median once the month has %d values "
            "(fewer are too few to judge): ",
            MX_TARGET_MIN_N);
        for (size_t k = 0; k < r->n_targets; k++) {
            struct mx_buf t = {0};
            mx_prose_target_name(&t, &r->targets[k]);
            if (k) say(b, m, "; ");
            m->words(b, t.p, t.n);
            mx_buf_free(&t);
            say(b, m, " under ");
            span(b, m, r->targets[k].limit_ms);
        }
        say(b, m, ".");
    }
    say(b, m, " Per incident (the compliance rules, a different thing): postmortems ");
    by_severity(b, m, p->postmortem_ms, NULL);
    say(b, m, " after resolution; the response target, acknowledgement within ");
    by_severity(b, m, p->response_ms, NULL);
    say(b, m, ".");
}

void mx_prose_p(struct mx_buf *b, double p) {
    if (p < 0.001)
        mx_buf_puts(b, "p < 0.001");
    else
        mx_buf_printf(b, "p = %.2g", p);
}

/* A duration as our words. */
static void duration(struct mx_buf *b, const struct mx_prose_markup *m, int64_t ms) {
    struct mx_buf t = {0};
    mx_fmt_duration(&t, ms);
    m->words(b, t.p, t.n);
    mx_buf_free(&t);
}

static void p_words(struct mx_buf *b, const struct mx_prose_markup *m, double p) {
    struct mx_buf t = {0};
    mx_prose_p(&t, p);
    m->words(b, t.p, t.n);
    mx_buf_free(&t);
}

void mx_prose_count_change(struct mx_buf *b, const struct mx_prose_markup *m,
                           const struct mx_count_test *c) {
    say(b, m, "%llu → %llu: ", (unsigned long long)c->previous, (unsigned long long)c->current);
    if (c->verdict == MX_V_NO_DATA) {
        say(b, m, "no incidents");
        return;
    }
    say(b, m, "%s (",
        c->verdict == MX_V_UP     ? "up"
        : c->verdict == MX_V_DOWN ? "down"
                                  : "no detectable change");
    p_words(b, m, c->p);
    say(b, m, ")");
}

void mx_prose_shift_change(struct mx_buf *b, const struct mx_prose_markup *m,
                           const struct mx_shift_test *s) {
    if (s->previous_n)
        duration(b, m, s->previous_p50);
    else
        say(b, m, "no data");
    say(b, m, " → ");
    if (s->current_n)
        duration(b, m, s->current_p50);
    else
        say(b, m, "no data");
    if (s->verdict == MX_V_TOO_FEW) {
        say(b, m, ": too few to compare (n = %llu → %llu)", (unsigned long long)s->previous_n,
            (unsigned long long)s->current_n);
        return;
    }
    if (s->verdict == MX_V_SLOWER || s->verdict == MX_V_FASTER) {
        say(b, m, ": %s by ~", s->verdict == MX_V_SLOWER ? "slower" : "faster");
        duration(b, m, s->shift < 0 ? -s->shift : s->shift);
        say(b, m, " (");
    } else {
        say(b, m, ": no detectable change (");
    }
    p_words(b, m, s->p);
    say(b, m, ")");
}

/* "2026-10 (31 days)"; "30.96 days" when a DST change makes it fractional. */
static void month_days(struct mx_buf *b, const struct mx_prose_markup *m, int key, double days) {
    struct mx_buf t = {0};
    mx_fmt_month(&t, key);
    m->words(b, t.p, t.n);
    mx_buf_free(&t);
    say(b, m, " (");
    struct mx_buf d = {0};
    mx_fmt_days(&d, days);
    m->words(b, d.p, d.n);
    mx_buf_free(&d);
    say(b, m, " days)");
}

void mx_prose_comparison_intro(struct mx_buf *b, const struct mx_prose_markup *m,
                               const struct mx_result *r) {
    const struct mx_comparison *c = &r->comparison;
    if (!c->present) {
        say(b, m,
            "No two complete months to compare: the report window holds fewer than two "
            "whole calendar months before its end.");
    } else {
        month_days(b, m, c->current, c->current_days);
        say(b, m, ", the last complete month before the end of the report window, against ");
        month_days(b, m, c->previous, c->previous_days);
        say(b, m,
            ". A change is claimed only when a test finds it unlikely to be chance (p < "
            "0.05); medians need at least %d values in each month.",
            MX_TREND_MIN);
    }
    if (r->partial.present) {
        say(b, m, " ");
        struct mx_buf t = {0};
        mx_fmt_month(&t, r->partial.month);
        m->words(b, t.p, t.n);
        mx_buf_free(&t);
        say(b, m, " is partial (");
        struct mx_buf d = {0};
        mx_fmt_days(&d, r->partial.days);
        mx_buf_puts(&d, " of ");
        mx_fmt_days(&d, r->partial.of_days);
        m->words(b, d.p, d.n);
        mx_buf_free(&d);
        say(b, m, " days) and is not compared.");
    }
}

void mx_prose_rules_note(struct mx_buf *b, const struct mx_prose_markup *m,
                         const struct mx_result *r) {
    say(b, m,
        "Excluded incidents are left out of every count, metric and check; each is counted "
        "against the first rule that matched.");
    if (r->severity_from_title_unknown)
        say(b, m,
            " %llu titles named a severity the mapping does not know; those incidents stay "
            "unassigned.",
            (unsigned long long)r->severity_from_title_unknown);
    if (r->rule_limit_hits)
        say(b, m, " %llu incident%s: a rule's match hit the PCRE2 limits (taken as no match).",
            (unsigned long long)r->rule_limit_hits, mx_fmt_s(r->rule_limit_hits));
}

void mx_prose_urgency_hint(struct mx_buf *b, const struct mx_prose_markup *m,
                           const struct mx_result *r) {
    if (!r->urgency_hint) return;
    say(b, m,
        "Every incident is unassigned: the data gives no priority, only urgencies (%llu "
        "record%s), which the severity mapping does not map. To use them, add a ",
        (unsigned long long)r->urgencies_unmapped, r->urgencies_unmapped == 1 ? "" : "s");
    m->code(b, "[severity]", 10);
    say(b, m, " section to the configuration with ");
    m->code(b, "urgency.high = SEV2", 19);
    say(b, m, " and ");
    m->code(b, "urgency.low = SEV4", 18);
    say(b, m, " (or the severities the team gives them).");
}

void mx_prose_joined(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r) {
    if (r->joined)
        say(b, m,
            "%llu incident%s named only by a number (as \"#101\") and holding no event of %s "
            "own but postmortems or notes %s joined to the incident with that PagerDuty "
            "number.",
            (unsigned long long)r->joined, r->joined == 1 ? "" : "s",
            r->joined == 1 ? "its" : "their", r->joined == 1 ? "was" : "were");
    if (r->joined && r->join_ambiguous) say(b, m, " ");
    if (r->join_ambiguous)
        say(b, m,
            "%llu incident%s named by a number %s not joined: several incidents have that "
            "number (name the incident by its id).",
            (unsigned long long)r->join_ambiguous, r->join_ambiguous == 1 ? "" : "s",
            r->join_ambiguous == 1 ? "was" : "were");
}

void mx_prose_examples(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r,
                       bool (*pick)(const struct mx_timeline *, size_t), size_t arg) {
    int shown = 0;
    for (size_t i = 0; i < mx_timeline_count(r->tl) && shown < 10; i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!t->in_window || t->merged || !pick(t, arg)) continue;
        if (shown++) say(b, m, ", ");
        m->value(b, mx_timeline_id(r->tl, t).p, mx_timeline_id(r->tl, t).n);
    }
    if (!shown) say(b, m, "—");
}

void mx_prose_groups(struct mx_buf *b, const struct mx_breakdown_group *g, size_t n,
                     const char *plural, mx_prose_group_row row) {
    size_t shown = n < MX_BREAKDOWN_SHOWN ? n : MX_BREAKDOWN_SHOWN;
    for (size_t i = 0; i < shown; i++) row(b, &g[i], NULL);
    if (n == shown) return;
    struct mx_breakdown_group rest;
    char label[64];
    mx_breakdown_sum(g, shown, n, &rest);
    snprintf(label, sizeof label, "other (%zu %s)", n - shown, plural);
    row(b, &rest, label);
}

/* The policy's workdays, "Mon–Fri" for a run of days, else "Mon, Wed, Fri". */
static void workdays(struct mx_buf *b, unsigned days) {
    static const char *const names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    int first = -1, last = -1, count = 0;
    for (int d = 1; d <= 7; d++) /* Monday first */
        if (days & (1u << (d % 7))) {
            if (first < 0) first = d;
            last = d;
            count++;
        }
    if (count == 0) {
        mx_buf_puts(b, "no day");
    } else if (count > 2 && last - first + 1 == count) {
        mx_buf_printf(b, "%s–%s", names[first % 7], names[last % 7]);
    } else {
        for (int d = 1, k = 0; d <= 7; d++)
            if (days & (1u << (d % 7))) mx_buf_printf(b, "%s%s", k++ ? ", " : "", names[d % 7]);
    }
}

void mx_prose_bands(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r) {
    const struct mx_policy *p = r->policy;
    struct mx_buf t = {0};
    mx_buf_printf(&t, "business hours %02d:%02d–%02d:%02d on business days (",
                  p->business_from / 60, p->business_from % 60, p->business_to / 60,
                  p->business_to % 60);
    workdays(&t, p->workdays);
    mx_buf_printf(&t, "%s), sleep hours %02d:%02d–%02d:%02d any day, off hours the rest; times in ",
                  p->n_holidays ? " except holidays" : "", p->sleep_from / 60, p->sleep_from % 60,
                  p->sleep_to / 60, p->sleep_to % 60);
    m->words(b, t.p, t.n);
    mx_buf_free(&t);
    m->value(b, r->timezone, strlen(r->timezone));
    const char *tail = p->n_person_zones ? " unless the person's zone is set."
                                         : " (a person's zone can be set: [oncall] timezone.NAME).";
    m->words(b, tail, strlen(tail));
}

static void globs(struct mx_buf *b, const struct mx_prose_markup *m, const char *what,
                  const char *const *g, size_t n) {
    m->words(b, what, strlen(what));
    for (size_t i = 0; i < n; i++) {
        if (i) m->words(b, " or ", 4);
        m->code(b, g[i], strlen(g[i]));
    }
}

void mx_prose_nothing(struct mx_buf *b, const struct mx_prose_markup *m,
                      const struct mx_result *r) {
    char t[300];
    int k = snprintf(t, sizeof t,
                     "Nothing was measured: the inputs hold no accepted record (%llu input%s, "
                     "%llu record%s read, %llu rejected",
                     (unsigned long long)r->n_inputs, mx_fmt_s(r->n_inputs),
                     (unsigned long long)r->total_records, mx_fmt_s(r->total_records),
                     (unsigned long long)r->total_rejected);
    if (r->skipped_files)
        k += snprintf(t + k, sizeof t - (size_t)k, ", %llu input%s skipped as unrecognised",
                      (unsigned long long)r->skipped_files, mx_fmt_s(r->skipped_files));
    k += snprintf(t + k, sizeof t - (size_t)k, ").");
    m->words(b, t, (size_t)k);
}

bool mx_prose_scoped(const struct mx_result *r) {
    const struct mx_ruleset *rs = r->rules;
    return r->anonymize || (rs && (rs->n_service_globs || rs->n_team_globs));
}

void mx_prose_filters(struct mx_buf *b, const struct mx_prose_markup *m,
                      const struct mx_result *r) {
    const struct mx_ruleset *rs = r->rules;
    char t[160];
    int k;
    if (r->anonymize) {
        if (r->anonymized > 1)
            k = snprintf(t, sizeof t,
                         "People are named by pseudonyms, responder-1 to responder-%llu "
                         "(--anonymize).",
                         (unsigned long long)r->anonymized);
        else
            k = snprintf(t, sizeof t, "People are named by pseudonyms%s (--anonymize).",
                         r->anonymized ? ", responder-1" : " (the data names nobody)");
        m->words(b, t, (size_t)k);
    }
    if (!rs || (!rs->n_service_globs && !rs->n_team_globs)) return;
    if (r->anonymize) m->words(b, " ", 1);
    m->words(b, "Only incidents", 14);
    if (rs->n_service_globs) globs(b, m, " of service ", rs->service_globs, rs->n_service_globs);
    if (rs->n_service_globs && rs->n_team_globs) m->words(b, ", and", 5);
    if (rs->n_team_globs) globs(b, m, " of team ", rs->team_globs, rs->n_team_globs);
    k = snprintf(t, sizeof t, " (%llu other%s left out).", (unsigned long long)r->filtered,
                 mx_fmt_s(r->filtered));
    m->words(b, t, (size_t)k);
}
