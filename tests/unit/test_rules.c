/*
 * test_rules.c - the config's rules applied to timelines (analyzer/rules.h): severity
 * from the title only for incidents without one, the first alias that matches,
 * exclusion counted against the first rule (also on the aliased name), values the
 * data lacks never matched, the channel verdicts, a limit hit taken as no match; and
 * how the result counts them (excluded incidents leave every metric and check).
 */
#include <stdlib.h>

#include "analyzer/result.h"
#include "analyzer/rules.h"
#include "harness.h"
#include "parsers/times.h"

struct ev {
    const char *inc, *when;
    enum mx_evtype type;
    enum mx_severity sev;
    const char *title, *service, *channel;
};

static void add(struct mx_timelines *tl, const struct ev *e, uint32_t line) {
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "test";
    ev.pos.line = line;
    ev.pos.index = -1;
    ev.time_ms = T(e->when);
    ev.incident = S(e->inc);
    ev.type = e->type;
    ev.severity = e->sev;
    ev.title = S(e->title);
    ev.service = S(e->service);
    ev.channel = S(e->channel);
    mx_timeline_add(tl, &ev);
}

static void rule(struct mx_rule *r, enum mx_rule_field field, const char *name, const char *re) {
    memset(r, 0, sizeof *r);
    r->field = field;
    snprintf(r->name, sizeof r->name, "%s", name ? name : "");
    char why[256];
    if (!mx_regex_compile(re, &r->re, why, sizeof why)) abort();
    r->pattern = malloc(strlen(re) + 1);
    memcpy(r->pattern, re, strlen(re) + 1);
}

static const struct mx_timeline *find(const struct mx_timelines *tl, const char *id) {
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (mx_timeline_id(tl, t).n == strlen(id) &&
            memcmp(mx_timeline_id(tl, t).p, id, mx_timeline_id(tl, t).n) == 0)
            return t;
    }
    abort();
}

static const struct ev EVENTS[] = {
    /* A: severity from its title, alias payments, follows the convention */
    {"A", "2026-03-01T10:00:00Z", MX_EV_DETECTED, MX_SEV_NONE, "[SEV2] cards", "payments-api",
     "#inc-2026-03-01-cards"},
    {"A", "2026-03-01T10:05:00Z", MX_EV_ACKNOWLEDGED, MX_SEV_NONE, NULL, NULL, NULL},
    {"A", "2026-03-01T11:00:00Z", MX_EV_RESOLVED, MX_SEV_NONE, NULL, NULL, NULL},
    /* B: a SEV1 with [SEV3] in its title keeps SEV1; off the convention */
    {"B", "2026-03-02T10:00:00Z", MX_EV_DETECTED, MX_SEV_1, "[SEV3] search", "search", "#war"},
    /* C: a test page: excluded by the title rule (the first of two that match) */
    {"C", "2026-03-03T10:00:00Z", MX_EV_DETECTED, MX_SEV_2, "[TEST] drill", "canary-1", NULL},
    /* D: excluded by the service rule through its alias name only */
    {"D", "2026-03-04T10:00:00Z", MX_EV_DETECTED, MX_SEV_3, NULL, "legacy-probe", NULL},
    /* E: no title, no service, no channel: no rule matches; [SEV7] is unknown */
    {"E", "2026-03-05T10:00:00Z", MX_EV_DETECTED, MX_SEV_NONE, NULL, NULL, NULL},
    {"F", "2026-03-06T10:00:00Z", MX_EV_DETECTED, MX_SEV_NONE, "[SEV7] odd", NULL, NULL},
    /* G: merged and a test page: counted as merged only */
    {"G", "2026-03-07T10:00:00Z", MX_EV_DETECTED, MX_SEV_1, "[TEST] merged", NULL, NULL},
    {"G", "2026-03-07T10:01:00Z", MX_EV_MERGED, MX_SEV_NONE, NULL, NULL, NULL},
};

static void apply_and_count(void) {
    struct mx_zone *utc;
    if (mx_tz_open("UTC", &utc)) abort();
    struct mx_timelines *tl = mx_timeline_new();
    for (size_t i = 0; i < sizeof EVENTS / sizeof EVENTS[0]; i++)
        add(tl, &EVENTS[i], (uint32_t)i + 1);
    uint64_t dups[1] = {0};
    mx_timeline_finish(tl, utc, MX_NO_TIME, MX_NO_TIME, dups, 1);

    struct mx_ruleset rs;
    memset(&rs, 0, sizeof rs);
    rule(&rs.exclude[rs.n_exclude++], MX_RULE_TITLE, NULL, "(?i)\\[test\\]");
    rule(&rs.exclude[rs.n_exclude++], MX_RULE_SERVICE, NULL, "^(canary|probes)");
    rule(&rs.alias[rs.n_alias++], MX_RULE_SERVICE, "payments", "^payments-");
    rule(&rs.alias[rs.n_alias++], MX_RULE_SERVICE, "never", "^payments-api$"); /* 2nd: unused */
    rule(&rs.alias[rs.n_alias++], MX_RULE_SERVICE, "probes", "probe$");
    rule(&rs.from_title, MX_RULE_TITLE, NULL, "\\[SEV(?<severity>\\d)\\]");
    rule(&rs.channel, MX_RULE_TITLE, NULL, "^#inc-\\d{4}-\\d{2}-\\d{2}-[a-z0-9-]+$");
    struct mx_sevmap map;
    mx_sevmap_default(&map);
    mx_rules_apply(tl, &rs, &map);

    const struct mx_timeline *a = find(tl, "A"), *b = find(tl, "B"), *c = find(tl, "C");
    const struct mx_timeline *d = find(tl, "D"), *e = find(tl, "E"), *f = find(tl, "F");
    CHECK(a->severity == MX_SEV_2 && (a->rule_flags & MX_RULE_SEV_FROM_TITLE));
    CHECK(a->alias == 1 && mx_timeline_string(tl, a->service).n == 8 &&
          memcmp(mx_timeline_string(tl, a->service).p, "payments", 8) == 0);
    CHECK(mx_timeline_string(tl, a->service_data).n == 12); /* payments-api, as in the data */
    CHECK(a->channel_check == MX_CHAN_FOLLOWS && !a->excluded);
    CHECK(b->severity == MX_SEV_1 && !(b->rule_flags & MX_RULE_SEV_FROM_TITLE));
    CHECK(b->channel_check == MX_CHAN_OFF && b->alias == 0);
    CHECK(c->excluded == 1); /* the title rule, though the service rule matches too */
    CHECK(d->excluded == 2 && d->alias == 3);
    CHECK(!e->excluded && e->alias == 0 && e->severity == MX_SEV_NONE && !e->rule_flags);
    CHECK(e->channel_check == MX_CHAN_NONE);
    CHECK(f->severity == MX_SEV_NONE && (f->rule_flags & MX_RULE_SEV_UNKNOWN));
    CHECK_STR(mx_rules_channel_check_name(MX_CHAN_OFF), "does_not_follow");

    struct mx_diag diag;
    mx_diag_init(&diag, NULL);
    mx_diag_input_add(&diag, "test");
    diag.inputs[0].records = diag.inputs[0].emitted = sizeof EVENTS / sizeof EVENTS[0];
    struct mx_policy policy;
    mx_policy_default(&policy);
    struct mx_result r;
    mx_result_build(&r, tl, &diag, utc, &policy, &rs, dups, T("2026-04-01T00:00:00Z"), MX_NO_TIME,
                    MX_NO_TIME);
    CHECK_I64(r.incidents, 4); /* A, B, E, F */
    CHECK_I64(r.merged, 1);
    CHECK_I64(r.excluded, 2);
    CHECK_I64(r.excluded_by[0], 1);
    CHECK_I64(r.excluded_by[1], 1);
    CHECK_I64(r.severity_from_title, 1);
    CHECK_I64(r.severity_from_title_unknown, 1);
    CHECK_I64(r.aliased_by[0], 1);
    CHECK_I64(r.aliased_by[2], 0);         /* D's alias is counted with D: excluded */
    CHECK_I64(r.by_severity[MX_SEV_2], 1); /* A; C (SEV2) is excluded */
    CHECK_I64(r.by_severity[MX_SEV_3], 0); /* D is excluded */
    CHECK_I64(r.all.m[MX_M_MTTA].n, 1);
    CHECK_I64(r.compliance.channel[MX_CHAN_FOLLOWS], 1);
    CHECK_I64(r.compliance.channel[MX_CHAN_OFF], 1);
    CHECK_I64(r.compliance.channel[MX_CHAN_NONE], 2);
    CHECK(r.compliance.channel_checked);
    CHECK_I64(r.compliance.unassigned, 2); /* E and F */
    for (size_t i = 0; i < mx_timeline_count(tl); i++)
        if (mx_timeline_get(tl, i) == c) CHECK(r.comp[i].pm == MX_PM_NOT_REQUIRED);
    struct mx_gate g;
    char msg[200];
    CHECK(mx_compliance_gate_parse("channel-convention", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &r.compliance, msg, sizeof msg) == MX_GATE_FAILED);
    mx_result_free(&r);
    mx_diag_free(&diag);
    mx_ruleset_free(&rs);
    mx_timeline_free(tl);
    mx_tz_free(utc);
}

/* A pattern that backtracks catastrophically on a long title: a limit hit, no match. */
static void limit_hit(void) {
    struct mx_zone *utc;
    if (mx_tz_open("UTC", &utc)) abort();
    struct mx_timelines *tl = mx_timeline_new();
    char *title = malloc(30002);
    memset(title, 'a', 30000);
    title[30000] = 'b';
    title[30001] = 0;
    struct ev e = {"L", "2026-03-01T10:00:00Z", MX_EV_DETECTED, MX_SEV_1, title, NULL, NULL};
    add(tl, &e, 1);
    uint64_t dups[1] = {0};
    mx_timeline_finish(tl, utc, MX_NO_TIME, MX_NO_TIME, dups, 1);
    struct mx_ruleset rs;
    memset(&rs, 0, sizeof rs);
    rule(&rs.exclude[rs.n_exclude++], MX_RULE_TITLE, NULL, "^(a+)+$");
    struct mx_sevmap map;
    mx_sevmap_default(&map);
    mx_rules_apply(tl, &rs, &map);
    CHECK(!mx_timeline_get(tl, 0)->excluded &&
          (mx_timeline_get(tl, 0)->rule_flags & MX_RULE_LIMIT));
    mx_ruleset_free(&rs);
    mx_timeline_free(tl);
    free(title);
    mx_tz_free(utc);
}

int main(void) {
    apply_and_count();
    limit_hit();
    TEST_DONE();
}
