/*
 * test_timeline.c - each timeline rule of docs/spec.md#timeline-rules, and the metric
 * groups of docs/spec.md#metrics (months, MTBF attribution, merged exclusion).
 */
#include <stdio.h>
#include <stdlib.h>

#include "analyzer/result.h"
#include "analyzer/timeline.h"
#include "harness.h"
#include "parsers/times.h"
#include "parsers/tz.h"

static uint32_t next_line;
static struct mx_zone *UTC;

static void add(struct mx_timelines *tl, uint32_t src, const char *inc, enum mx_evtype type,
                const char *when, enum mx_severity sev, const char *actor, const char *title) {
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "test";
    ev.pos.src = src;
    ev.pos.line = ++next_line;
    ev.pos.index = -1;
    ev.time_ms = T(when);
    ev.incident = S(inc);
    ev.type = type;
    ev.severity = sev;
    ev.actor = S(actor);
    ev.title = S(title);
    ev.can_postmortem = true; /* as from native data */
    mx_timeline_add(tl, &ev);
}

/* A detection at when, from input 0 of file "x", with nothing else set. */
static struct mx_event detection(const char *when) {
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "x";
    ev.pos.index = -1;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = T(when);
    return ev;
}

static const struct mx_timeline *find(const struct mx_timelines *tl, const char *id) {
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (mx_timeline_id(tl, t).n == strlen(id) &&
            memcmp(mx_timeline_id(tl, t).p, id, mx_timeline_id(tl, t).n) == 0)
            return t;
    }
    return NULL;
}

static void rules(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[2] = {0, 0};
    /* A: normal, with a duplicate ack from the second input and a title from the
     * earliest event even though it arrives last */
    add(tl, 0, "A", MX_EV_DETECTED, "2026-03-01T10:00:00Z", MX_SEV_3, NULL, "later title");
    add(tl, 0, "A", MX_EV_ACKNOWLEDGED, "2026-03-01T10:04:00Z", MX_SEV_NONE, "alice", NULL);
    add(tl, 1, "A", MX_EV_ACKNOWLEDGED, "2026-03-01T10:04:00Z", MX_SEV_NONE, "alice", NULL);
    add(tl, 0, "A", MX_EV_SEVERITY_CHANGED, "2026-03-01T10:05:00Z", MX_SEV_1, NULL, NULL);
    add(tl, 0, "A", MX_EV_SEVERITY_CHANGED, "2026-03-01T10:06:00Z", MX_SEV_2, NULL, NULL);
    add(tl, 0, "A", MX_EV_RESOLVED, "2026-03-01T11:00:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 1, "A", MX_EV_STARTED, "2026-03-01T09:50:00Z", MX_SEV_NONE, NULL, "first title");
    /* B: no detected event; an ack before the first event's detection is impossible
     * here, so: reopened then resolved again (final resolution counts) */
    add(tl, 0, "B", MX_EV_ACKNOWLEDGED, "2026-03-02T10:00:00Z", MX_SEV_NONE, "bob", NULL);
    add(tl, 0, "B", MX_EV_RESOLVED, "2026-03-02T10:30:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "B", MX_EV_REOPENED, "2026-03-02T11:00:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "B", MX_EV_RESOLVED, "2026-03-02T12:00:00Z", MX_SEV_NONE, NULL, NULL);
    /* C: ack before detection (clock skew), resolved then reopened: open */
    add(tl, 0, "C", MX_EV_ACKNOWLEDGED, "2026-03-03T09:59:00Z", MX_SEV_NONE, "carol", NULL);
    add(tl, 0, "C", MX_EV_DETECTED, "2026-03-03T10:00:00Z", MX_SEV_2, NULL, NULL);
    add(tl, 0, "C", MX_EV_RESOLVED, "2026-03-03T10:30:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "C", MX_EV_REOPENED, "2026-03-03T10:40:00Z", MX_SEV_NONE, NULL, NULL);
    /* D: merged; E: resolved before detection, started after detection */
    add(tl, 0, "D", MX_EV_DETECTED, "2026-05-01T00:00:00Z", MX_SEV_1, NULL, NULL);
    add(tl, 0, "D", MX_EV_MERGED, "2026-05-01T00:10:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "E", MX_EV_RESOLVED, "2026-05-02T09:00:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "E", MX_EV_DETECTED, "2026-05-02T10:00:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "E", MX_EV_STARTED, "2026-05-02T10:05:00Z", MX_SEV_NONE, NULL, NULL);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 2);

    CHECK_I64(dups[0], 0);
    CHECK_I64(dups[1], 1); /* the later input holds the duplicate */
    const struct mx_timeline *a = find(tl, "A"), *b = find(tl, "B"), *c = find(tl, "C");
    const struct mx_timeline *d = find(tl, "D"), *e = find(tl, "E");
    CHECK(a && b && c && d && e);
    if (!(a && b && c && d && e)) return;
    CHECK_I64(a->count, 6);
    CHECK_I64(a->detected_at, T("2026-03-01T10:00:00Z"));
    CHECK_I64(a->started_at, T("2026-03-01T09:50:00Z"));
    CHECK_I64(a->acknowledged_at, T("2026-03-01T10:04:00Z"));
    CHECK_I64(a->resolved_at, T("2026-03-01T11:00:00Z"));
    CHECK_I64(a->severity, MX_SEV_1); /* highest ever */
    CHECK(mx_timeline_string(tl, a->title).n == 11 &&
          memcmp(mx_timeline_string(tl, a->title).p, "first title", 11) == 0);
    CHECK(!a->open && a->anomalies == 0);
    CHECK_I64(a->month, 2026 * 12 + 2);

    CHECK(b->anomalies & (1u << MX_A_NO_DETECTED));
    CHECK_I64(b->detected_at, T("2026-03-02T10:00:00Z")); /* earliest event */
    CHECK_I64(b->resolved_at, T("2026-03-02T12:00:00Z"));
    CHECK_I64(b->reopens, 1);
    CHECK(!b->open);
    CHECK_I64(b->severity, MX_SEV_NONE);

    CHECK(c->anomalies & (1u << MX_A_ACK_BEFORE_DETECTION));
    CHECK_I64(c->acknowledged_at, MX_NO_TIME);
    CHECK(c->open);
    CHECK_I64(c->resolved_at, MX_NO_TIME);

    CHECK(d->merged && !d->open);
    CHECK(e->anomalies & (1u << MX_A_RESOLVED_BEFORE_DETECTION));
    CHECK(e->anomalies & (1u << MX_A_STARTED_AFTER_DETECTION));

    /* the timelines come ordered by detection */
    for (size_t i = 1; i < mx_timeline_count(tl); i++)
        CHECK(mx_timeline_get(tl, i - 1)->detected_at <= mx_timeline_get(tl, i)->detected_at);

    /* metrics: the merged D is out; E's negative durations are out */
    struct mx_diag diag;
    mx_diag_init(&diag, NULL);
    mx_diag_input_add(&diag, "a");
    mx_diag_input_add(&diag, "b");
    diag.inputs[0].records = diag.inputs[0].emitted = 17;
    diag.inputs[1].records = diag.inputs[1].emitted = 2;
    struct mx_result r;
    struct mx_policy policy;
    mx_policy_default(&policy);
    mx_result_build(&r, tl, &diag, UTC, &policy, NULL, dups, T("2026-06-01T00:00:00Z"), MX_NO_TIME,
                    MX_NO_TIME);
    CHECK_I64(r.incidents, 4);
    CHECK_I64(r.merged, 1);
    CHECK_I64(r.open, 1);
    /* accounting from the builder's duplicates: input b's acknowledgement repeats a's */
    CHECK_I64(r.inputs[0].accepted, 17);
    CHECK_I64(r.inputs[0].duplicates, 0);
    CHECK_I64(r.inputs[1].accepted, 1);
    CHECK_I64(r.inputs[1].duplicates, 1);
    CHECK_I64(r.total.accepted, 18);
    CHECK_I64(r.total.duplicates, 1);
    CHECK_I64(r.n_months, 3); /* March to May; April is empty but present */
    CHECK_I64(r.months[1].all.incidents, 0);
    CHECK_I64(r.months[1].all.m[MX_M_MTTR].n, 0);
    CHECK_I64(r.all.m[MX_M_MTTR].n, 2);           /* A and B; C open; E negative */
    CHECK_I64(r.all.m[MX_M_MTTD].n, 1);           /* A only; E's start is after detection */
    CHECK_I64(r.all.m[MX_M_MTTA].n, 2);           /* A, B */
    CHECK_I64(r.all.m[MX_M_MTBF].n, 3);           /* 4 incidents, 3 intervals */
    CHECK_I64(r.months[2].all.m[MX_M_MTBF].n, 1); /* May: the interval C -> E */
    CHECK_I64(r.months[2].all.m[MX_M_MTBF].p50,
              T("2026-05-02T10:00:00Z") - T("2026-03-03T10:00:00Z"));
    CHECK_I64(r.sev[MX_SEV_1].m[MX_M_MTTR].p50, 3600000);
    /* postmortem: A is SEV1 resolved 2026-03-01 11:00, none published: missing */
    int64_t deadline;
    CHECK_I64(mx_compliance_postmortem_status(a, &policy, r.as_of, &deadline), MX_PM_MISSING);
    CHECK_I64(deadline, T("2026-03-03T11:00:00Z"));
    CHECK_I64(mx_compliance_postmortem_status(c, &policy, r.as_of, &deadline), MX_PM_PENDING);
    /* B has no severity: no deadline can be known, counted apart */
    CHECK_I64(mx_compliance_postmortem_status(b, &policy, r.as_of, &deadline),
              MX_PM_UNKNOWN_SEVERITY);
    mx_result_free(&r);
    mx_diag_free(&diag);
    mx_timeline_free(tl);
}

static void window_and_zone(void) {
    struct mx_zone *ny;
    CHECK(mx_tz_open("America/New_York", &ny) == NULL);
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    /* 2026-04-01T02:00Z is still March 31st in New York */
    add(tl, 0, "X", MX_EV_DETECTED, "2026-04-01T02:00:00Z", MX_SEV_2, NULL, NULL);
    add(tl, 0, "Y", MX_EV_DETECTED, "2026-04-10T00:00:00Z", MX_SEV_2, NULL, NULL);
    /* --to is exclusive and --from inclusive: detected exactly at either edge */
    add(tl, 0, "Z", MX_EV_DETECTED, "2026-04-05T00:00:00Z", MX_SEV_2, NULL, NULL);
    add(tl, 0, "F", MX_EV_DETECTED, "2026-03-01T00:00:00Z", MX_SEV_2, NULL, NULL);
    mx_timeline_finish(tl, ny, T("2026-03-01T00:00:00Z"), T("2026-04-05T00:00:00Z"), dups, 1);
    const struct mx_timeline *x = find(tl, "X"), *y = find(tl, "Y"), *z = find(tl, "Z");
    const struct mx_timeline *f = find(tl, "F");
    CHECK(x && y && z && f);
    if (x && y && z && f) {
        CHECK_I64(x->month, 2026 * 12 + 2);
        CHECK(x->in_window);
        CHECK(!y->in_window);
        CHECK(!z->in_window);
        CHECK(f->in_window);
    }
    mx_timeline_free(tl);
    mx_tz_free(ny);
}

static void ties_keep_input_order(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    /* resolved and reopened at the same instant: input order decides */
    add(tl, 0, "R", MX_EV_DETECTED, "2026-03-01T10:00:00Z", MX_SEV_2, NULL, NULL);
    add(tl, 0, "R", MX_EV_REOPENED, "2026-03-01T11:00:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "R", MX_EV_RESOLVED, "2026-03-01T11:00:00Z", MX_SEV_NONE, NULL, NULL);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    const struct mx_timeline *r = find(tl, "R");
    CHECK(r && !r->open);
    mx_timeline_free(tl);
}

/* An incident of 100 events (past the insertion-sort runs: the merge path), added in a
 * scrambled time order with runs of equal instants: sorted by time, ties in input
 * order (the notes' actors name their input position). */
static void long_incident_sort(void) {
    struct mx_timelines *tl = mx_timeline_new();
    mx_timeline_keep_text(tl);
    uint64_t dups[1] = {0};
    char when[32], actor[16];
    for (int i = 0; i < 100; i++) {
        int minute = (i * 37) % 25; /* 25 instants, four events each */
        snprintf(when, sizeof when, "2026-03-01T10:%02d:00Z", minute);
        snprintf(actor, sizeof actor, "a%03d", i);
        add(tl, 0, "L", i == 0 ? MX_EV_DETECTED : MX_EV_NOTE, when, MX_SEV_3, actor, NULL);
    }
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    const struct mx_timeline *t = find(tl, "L");
    CHECK(t && t->count == 100);
    if (!t) return;
    int sorted = 1;
    for (uint32_t k = 1; k < t->count; k++) {
        const struct mx_entry *p = mx_timeline_entry(tl, t->first + k - 1);
        const struct mx_entry *q = mx_timeline_entry(tl, t->first + k);
        struct mx_str pa = mx_timeline_string(tl, p->actor), qa = mx_timeline_string(tl, q->actor);
        if (p->t > q->t || (p->t == q->t && memcmp(pa.p, qa.p, 4) >= 0)) sorted = 0;
    }
    CHECK(sorted);
    mx_timeline_free(tl);
}

/* Source ids: two log entries with different ids at one instant are two events; the
 * same id again is a duplicate; a record without an id, or with an id of another kind,
 * still matches by the instant rule. */
static void source_ids(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[2] = {0, 0};
    struct mx_event ev = detection("2026-05-01T10:00:00Z");
    ev.incident = S("N1");
    ev.pos.line = 1;
    mx_timeline_add(tl, &ev);
    ev.type = MX_EV_NOTE; /* two notifications, one instant, distinct log entry ids */
    ev.type_name = S("notify_log_entry");
    ev.uid_space = MX_UID_PD_LOG_ENTRY;
    ev.uid = S("LE-A");
    ev.pos.line = 2;
    mx_timeline_add(tl, &ev);
    ev.uid = S("LE-B");
    ev.pos.line = 3;
    mx_timeline_add(tl, &ev);
    ev.uid = S("LE-A"); /* the same entry again, from the second input */
    ev.pos.src = 1;
    ev.pos.line = 4;
    mx_timeline_add(tl, &ev);
    /* an acknowledgement from a log entry and the same one from a webhook and a CSV
     * row (another kind of id, and none): one event */
    ev.type = MX_EV_ACKNOWLEDGED;
    ev.type_name = S("");
    ev.actor = S("ana");
    ev.time_ms = T("2026-05-01T10:05:00Z");
    ev.pos.src = 0;
    ev.uid = S("LE-C");
    ev.pos.line = 5;
    mx_timeline_add(tl, &ev);
    ev.uid_space = MX_UID_PD_WEBHOOK_V3;
    ev.uid = S("WH-1");
    ev.time_ms += 123; /* webhooks write milliseconds */
    ev.pos.src = 1;
    ev.pos.line = 6;
    mx_timeline_add(tl, &ev);
    ev.uid_space = MX_UID_NONE;
    ev.uid = S("");
    ev.time_ms -= 123;
    ev.pos.line = 7;
    mx_timeline_add(tl, &ev);
    /* a webhook event whose id happens to equal a log entry's: another record */
    ev.incident = S("N2");
    ev.type = MX_EV_DETECTED;
    ev.uid_space = MX_UID_PD_WEBHOOK_V3;
    ev.uid = S("LE-A");
    ev.pos.src = 0;
    ev.pos.line = 8;
    mx_timeline_add(tl, &ev);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 2);
    CHECK(find(tl, "N2") != NULL);
    const struct mx_timeline *t = find(tl, "N1");
    CHECK(t && t->count == 4); /* detected, two notes, one acknowledgement */
    CHECK_I64(dups[0], 0);
    CHECK_I64(dups[1], 3); /* the repeated id, the webhook's and the CSV's acknowledgement */
    CHECK_I64(mx_timeline_repeated_ids(tl, 1), 1);
    mx_timeline_free(tl);
}

/* Title, service and team never depend on input order: a title field beats a summary
 * line whenever it comes, the earliest value wins among equals, and a tie at one
 * instant goes to the bytewise smaller value. */
static void values_order_free(void) {
    for (int order = 0; order < 2; order++) {
        struct mx_timelines *tl = mx_timeline_new();
        uint64_t dups[1] = {0};
        struct mx_event a, b, c;
        memset(&a, 0, sizeof a);
        a.pos.path = "x";
        a.pos.index = -1;
        a.incident = S("V1");
        a.type = MX_EV_DETECTED;
        a.time_ms = T("2026-05-01T10:00:00Z");
        b = c = a;
        a.title = S("Disk full (summary)");
        a.title_is_summary = true;
        a.service = S("zeta");
        b.type = MX_EV_NOTE;
        b.time_ms = T("2026-05-01T10:30:00Z"); /* later, but a title field */
        b.title = S("Disk full on db-7");
        c.type = MX_EV_ACKNOWLEDGED;
        c.service = S("alpha"); /* same instant as a's service: the smaller wins */
        c.team = S("ops");
        const struct mx_event *seq[2][3] = {{&a, &b, &c}, {&c, &b, &a}};
        for (int k = 0; k < 3; k++) mx_timeline_add(tl, seq[order][k]);
        mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
        const struct mx_timeline *t = find(tl, "V1");
        CHECK(t != NULL);
        if (t) {
            CHECK(mx_timeline_string(tl, t->title).n == 17 &&
                  memcmp(mx_timeline_string(tl, t->title).p, "Disk full on db-7", 17) == 0);
            CHECK(mx_timeline_string(tl, t->service).n == 5 &&
                  memcmp(mx_timeline_string(tl, t->service).p, "alpha", 5) == 0);
            CHECK(mx_timeline_string(tl, t->team).n == 3 &&
                  memcmp(mx_timeline_string(tl, t->team).p, "ops", 3) == 0);
        }
        mx_timeline_free(tl);
    }
}

/* Incidents as people name them: the id, "#101" / "101" by number, any case; and the
 * nearest ids for a typo. */
static void find_by_name(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    struct mx_event ev = detection("2026-05-01T10:00:00Z");
    const char *ids[] = {"PABC001", "PABC002", "Q9ZZZZZ", "101"};
    const char *nums[] = {"101", "102", NULL, NULL};
    for (int i = 0; i < 4; i++) {
        ev.incident = S(ids[i]);
        ev.number = nums[i] ? S(nums[i]) : S("");
        ev.time_ms += 60000;
        mx_timeline_add(tl, &ev);
    }
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    size_t i = mx_timeline_find(tl, "PABC002");
    CHECK(i < mx_timeline_count(tl) && mx_timeline_id(tl, mx_timeline_get(tl, i)).n == 7);
    i = mx_timeline_find(tl, "#102");
    CHECK(i < mx_timeline_count(tl) &&
          memcmp(mx_timeline_id(tl, mx_timeline_get(tl, i)).p, "PABC002", 7) == 0);
    /* the native incident "101" has a detection of its own: an incident of its own, not
     * PagerDuty's #101 (an exact id wins over a number) */
    CHECK_I64(mx_timeline_count(tl), 4);
    CHECK_I64(mx_timeline_joined(tl), 0);
    i = mx_timeline_find(tl, "101");
    CHECK(i < mx_timeline_count(tl) && mx_timeline_id(tl, mx_timeline_get(tl, i)).n == 3);
    i = mx_timeline_find(tl, "#101"); /* no incident is called "#101": the number */
    CHECK(i < mx_timeline_count(tl) &&
          memcmp(mx_timeline_id(tl, mx_timeline_get(tl, i)).p, "PABC001", 7) == 0);
    i = mx_timeline_find(tl, "q9zzzzz");
    CHECK(i < mx_timeline_count(tl) &&
          memcmp(mx_timeline_id(tl, mx_timeline_get(tl, i)).p, "Q9ZZZZZ", 7) == 0);
    CHECK(mx_timeline_find(tl, "NOPE") == MX_TIMELINE_NONE);
    size_t near[3];
    size_t k = mx_timeline_suggest(tl, "PABC01", near, 3);
    CHECK(k == 2);
    CHECK(k >= 1 && memcmp(mx_timeline_id(tl, mx_timeline_get(tl, near[0])).p, "PABC001", 7) == 0);
    CHECK(mx_timeline_suggest(tl, "NOPE", near, 3) == 0);
    mx_timeline_free(tl);
}

/* A native incident named by a PagerDuty number joins that incident only when it holds
 * no event of an incident's life (a postmortem date); "7" with a detection of its own
 * is another incident, whatever its number-like id. */
static void join_by_number(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    struct mx_event ev = detection("2026-03-10T10:00:00Z");
    ev.incident = S("PXYZ007");
    ev.number = S("7");
    mx_timeline_add(tl, &ev);
    ev.incident = S("PXYZ101");
    ev.number = S("101");
    mx_timeline_add(tl, &ev);
    ev.number = S("");
    ev.incident = S("7"); /* an internal incident 7: its own detection */
    ev.time_ms = T("2026-03-20T08:00:00Z");
    mx_timeline_add(tl, &ev);
    ev.incident = S("#101"); /* only a postmortem date: PagerDuty's #101 */
    ev.type = MX_EV_POSTMORTEM_PUBLISHED;
    ev.can_postmortem = true;
    mx_timeline_add(tl, &ev);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    CHECK_I64(mx_timeline_count(tl), 3);
    CHECK_I64(mx_timeline_joined(tl), 1);
    const struct mx_timeline *p101 = find(tl, "PXYZ101"), *seven = find(tl, "7");
    CHECK(p101 && p101->postmortem_at == T("2026-03-20T08:00:00Z") && p101->postmortem_measurable);
    CHECK(seven && seven->detected_at == T("2026-03-20T08:00:00Z"));
    CHECK(find(tl, "#101") == NULL);
    CHECK_I64(mx_timeline_join_ambiguous(tl), 0);
    mx_timeline_free(tl);

    /* two exports both have a #5: a postmortem for "#5" joins neither, and says so */
    tl = mx_timeline_new();
    ev.type = MX_EV_DETECTED;
    ev.number = S("5");
    ev.incident = S("PAAA005");
    mx_timeline_add(tl, &ev);
    ev.incident = S("PBBB005");
    mx_timeline_add(tl, &ev);
    ev.number = S("");
    ev.incident = S("#5");
    ev.type = MX_EV_POSTMORTEM_PUBLISHED;
    mx_timeline_add(tl, &ev);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    CHECK_I64(mx_timeline_count(tl), 3);
    CHECK_I64(mx_timeline_joined(tl), 0);
    CHECK_I64(mx_timeline_join_ambiguous(tl), 1);
    CHECK(find(tl, "#5") != NULL);
    mx_timeline_free(tl);
}

/* An incident filed under another incident's alternative id (Opsgenie: log entries
 * under the alert's id, the alert known by its tiny id) is that incident, whichever
 * comes first; it is not counted as a join. An id claimed by two incidents joins the
 * first; a numbered join still works after an alternative one. */
static void join_by_alt_id(void) {
    for (int order = 0; order < 2; order++) {
        struct mx_timelines *tl = mx_timeline_new();
        uint64_t dups[1] = {0};
        struct mx_event alert = detection("2026-03-10T10:00:00Z");
        alert.incident = S("opsgenie:1791");
        alert.alt_id = S("opsgenie:70413a06");
        alert.number = S("1791");
        alert.title = S("Our servers are in danger");
        struct mx_event log = detection("2026-03-10T10:04:00Z");
        log.incident = S("opsgenie:70413a06");
        log.type = MX_EV_ACKNOWLEDGED;
        log.actor = S("neo@opsgenie.com");
        struct mx_event other = detection("2026-03-11T09:00:00Z"); /* claims the same id */
        other.incident = S("opsgenie:1792");
        other.alt_id = S("opsgenie:70413a06");
        struct mx_event pm = detection("2026-03-12T09:00:00Z"); /* "#1791": by number */
        pm.incident = S("#1791");
        pm.type = MX_EV_POSTMORTEM_PUBLISHED;
        if (order == 0) {
            mx_timeline_add(tl, &alert);
            mx_timeline_add(tl, &log);
        } else {
            mx_timeline_add(tl, &log);
            mx_timeline_add(tl, &alert);
        }
        mx_timeline_add(tl, &other);
        mx_timeline_add(tl, &pm);
        mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
        CHECK_I64(mx_timeline_count(tl), 2);
        const struct mx_timeline *t = find(tl, "opsgenie:1791");
        CHECK(t && t->acknowledged_at == T("2026-03-10T10:04:00Z") && t->count == 3);
        CHECK(t && t->postmortem_at == T("2026-03-12T09:00:00Z"));
        CHECK(find(tl, "opsgenie:70413a06") == NULL);
        const struct mx_timeline *o = find(tl, "opsgenie:1792");
        CHECK(o && o->acknowledged_at == MX_NO_TIME && o->count == 1);
        CHECK_I64(mx_timeline_joined(tl), 1); /* the number join only */
        CHECK_I64(mx_timeline_join_ambiguous(tl), 0);
        mx_timeline_free(tl);
    }

    /* a tiny id given to a second alert (other alternative id): two incidents, the
     * second by its own id, its logs with it; chains of alternative ids end in one */
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    struct mx_event a = detection("2026-03-04T08:00:00Z");
    a.incident = S("opsgenie:3001");
    a.alt_id = S("opsgenie:b1");
    mx_timeline_add(tl, &a);
    struct mx_event b = detection("2026-05-04T10:00:00Z");
    b.incident = S("opsgenie:3001");
    b.alt_id = S("opsgenie:b4");
    mx_timeline_add(tl, &b);
    struct mx_event lb = detection("2026-05-04T10:01:00Z");
    lb.incident = S("opsgenie:b4");
    lb.type = MX_EV_ACKNOWLEDGED;
    mx_timeline_add(tl, &lb);
    /* x known as y, y known as z: x's, y's and z's events are one incident */
    struct mx_event z = detection("2026-03-01T00:00:00Z");
    z.incident = S("z");
    mx_timeline_add(tl, &z);
    struct mx_event y = detection("2026-03-01T00:01:00Z");
    y.incident = S("y");
    y.alt_id = S("z");
    y.type = MX_EV_ACKNOWLEDGED;
    mx_timeline_add(tl, &y);
    struct mx_event x = detection("2026-03-01T00:02:00Z");
    x.incident = S("x");
    x.alt_id = S("y");
    x.type = MX_EV_RESOLVED;
    mx_timeline_add(tl, &x);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    CHECK_I64(mx_timeline_count(tl), 3);
    const struct mx_timeline *t1 = find(tl, "opsgenie:3001"), *t4 = find(tl, "opsgenie:b4");
    CHECK(t1 && t1->detected_at == T("2026-03-04T08:00:00Z") && t1->count == 1);
    CHECK(t4 && t4->detected_at == T("2026-05-04T10:00:00Z") &&
          t4->acknowledged_at == T("2026-05-04T10:01:00Z"));
    const struct mx_timeline *tx = find(tl, "x");
    CHECK(tx && tx->count == 3 && tx->resolved_at == T("2026-03-01T00:02:00Z") &&
          tx->acknowledged_at == T("2026-03-01T00:01:00Z"));
    mx_timeline_free(tl);
}

/* Records of several events, uids, and the second-precision rule. */
static void record_dups(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[3] = {0, 0, 0};
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "x";
    ev.pos.index = -1;
    ev.incident = S("P1");
    /* input 0: one record of two events (an incident object: created + resolved) */
    ev.pos.src = 0;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = T("2026-05-01T10:00:00Z");
    mx_timeline_add(tl, &ev);
    ev.same_record = true;
    ev.type = MX_EV_RESOLVED;
    ev.time_ms = T("2026-05-01T11:00:00Z");
    mx_timeline_add(tl, &ev);
    /* input 1: the same record again, but resolved later: not a duplicate record */
    ev.pos.src = 1;
    ev.same_record = false;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = T("2026-05-01T10:00:00.000Z");
    mx_timeline_add(tl, &ev);
    ev.same_record = true;
    ev.type = MX_EV_RESOLVED;
    ev.time_ms = T("2026-05-01T12:00:00Z");
    mx_timeline_add(tl, &ev);
    /* input 2: an ack with milliseconds, then the same ack in seconds (a duplicate), a
     * record with a uid and the same uid again (a duplicate whatever it says) */
    ev.pos.src = 2;
    ev.same_record = false;
    ev.type = MX_EV_ACKNOWLEDGED;
    ev.actor = S("al");
    ev.time_ms = T("2026-05-01T10:05:00.458Z");
    mx_timeline_add(tl, &ev);
    ev.time_ms = T("2026-05-01T10:05:00Z");
    mx_timeline_add(tl, &ev);
    ev.time_ms = T("2026-05-01T10:05:01Z"); /* the next second: kept */
    mx_timeline_add(tl, &ev);
    ev.uid = S("LE1");
    ev.type = MX_EV_NOTE;
    mx_timeline_add(tl, &ev);
    ev.type = MX_EV_MERGED; /* same uid: dropped, not merged */
    mx_timeline_add(tl, &ev);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 3);
    CHECK_I64(dups[0], 0);
    CHECK_I64(dups[1], 0); /* its resolution is new */
    CHECK_I64(dups[2], 2); /* the ack in seconds and the repeated uid */
    const struct mx_timeline *t = find(tl, "P1");
    CHECK(t != NULL);
    if (t) {
        CHECK(!t->merged);
        CHECK_I64(t->resolved_at, T("2026-05-01T12:00:00Z"));
        CHECK_I64(t->count, 6); /* detected, 2 acks, note, 2 resolves */
    }
    mx_timeline_free(tl);
}

/* --as-of as a point in time: later events are left out before anything is derived and
 * counted per input; a record whose first event is left out does not lend its next one
 * to the record before it. */
static void as_of_cut(void) {
    struct mx_timelines *tl = mx_timeline_new();
    mx_timeline_set_as_of(tl, T("2026-05-10T00:00:00Z"));
    uint64_t dups[2] = {0, 0};
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "x";
    ev.pos.index = -1;
    ev.incident = S("P1");
    ev.type = MX_EV_DETECTED;
    ev.time_ms = T("2026-05-01T10:00:00Z");
    mx_timeline_add(tl, &ev);
    ev.same_record = true;
    ev.type = MX_EV_RESOLVED;
    ev.time_ms = T("2026-05-01T11:00:00Z");
    mx_timeline_add(tl, &ev);
    /* input 1: a record resolved after the as-of whose detection repeats P1's: what is
     * left of it is a duplicate record of input 1 */
    ev.pos.src = 1;
    ev.same_record = false;
    ev.type = MX_EV_RESOLVED;
    ev.time_ms = T("2026-05-20T00:00:00Z");
    mx_timeline_add(tl, &ev);
    ev.same_record = true;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = T("2026-05-01T10:00:00Z");
    mx_timeline_add(tl, &ev);
    add(tl, 0, "Q", MX_EV_DETECTED, "2026-05-05T00:00:00Z", MX_SEV_3, NULL, "open then");
    add(tl, 0, "Q", MX_EV_SEVERITY_CHANGED, "2026-05-11T00:00:00Z", MX_SEV_1, NULL, "later title");
    add(tl, 0, "Q", MX_EV_RESOLVED, "2026-05-15T00:00:00Z", MX_SEV_NONE, NULL, NULL);
    add(tl, 0, "R", MX_EV_DETECTED, "2026-05-12T00:00:00Z", MX_SEV_1, NULL, NULL);
    add(tl, 0, "S", MX_EV_DETECTED, "2026-05-10T00:00:00Z", MX_SEV_2, NULL, NULL); /* at it: kept */
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 2);
    CHECK_I64(mx_timeline_after_as_of(tl, 0), 3);
    CHECK_I64(mx_timeline_after_as_of(tl, 1), 1);
    CHECK_I64(mx_timeline_after_as_of(tl, 7), 0);
    CHECK_I64(dups[0], 0);
    CHECK_I64(dups[1], 1);
    CHECK_I64(mx_timeline_count(tl), 3); /* P1, Q, S: R does not exist yet */
    CHECK(find(tl, "R") == NULL);
    const struct mx_timeline *q = find(tl, "Q");
    CHECK(q && q->open && q->resolved_at == MX_NO_TIME);
    CHECK(q && q->severity == MX_SEV_3);                 /* raised only after the as-of */
    CHECK(q && mx_timeline_string(tl, q->title).n == 9); /* "open then", not the later title */
    CHECK(find(tl, "S") != NULL);
    mx_timeline_free(tl);
}

/* A result over finished timelines of one input "a", default policy, as of 2026-06-01. */
struct built {
    struct mx_diag diag;
    struct mx_policy policy;
    struct mx_result r;
};

static void build(struct built *b, const struct mx_timelines *tl, const uint64_t *dups) {
    mx_diag_init(&b->diag, NULL);
    mx_diag_input_add(&b->diag, "a");
    mx_policy_default(&b->policy);
    mx_result_build(&b->r, tl, &b->diag, UTC, &b->policy, NULL, dups, T("2026-06-01T00:00:00Z"),
                    MX_NO_TIME, MX_NO_TIME);
}

static void unbuild(struct built *b) {
    mx_result_free(&b->r);
    mx_diag_free(&b->diag);
}

/* A mistyped year must not produce thousands of empty months. */
static void sparse_months(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    add(tl, 0, "now", MX_EV_DETECTED, "2026-05-01T10:00:00Z", MX_SEV_2, NULL, NULL);
    add(tl, 0, "typo", MX_EV_DETECTED, "9388-05-12T10:00:00Z", MX_SEV_2, NULL, NULL);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    struct built b;
    build(&b, tl, dups);
    const struct mx_result *r = &b.r;
    CHECK(r->months_sparse);
    CHECK_I64(r->n_months, 2);
    CHECK_I64(r->months[1].key, 9388 * 12 + 4);
    CHECK_I64(r->months[1].all.incidents, 1);
    CHECK_I64(r->months[1].all.m[MX_M_MTBF].n, 1);
    unbuild(&b);
    mx_timeline_free(tl);
}

/* The Longest incidents: the ten longest to resolve, longest first, equal ones by
 * detection; unresolved ones and ones resolved before detection are not candidates. */
static void longest(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    char id[8], det[32], res[32];
    /* L1..L12 detected on day d at 10:00, resolved after d hours (L12 and L11: 5 h, as L5) */
    for (int d = 1; d <= 12; d++) {
        int hours = d >= 11 ? 5 : d;
        snprintf(id, sizeof id, "L%d", d);
        snprintf(det, sizeof det, "2026-05-%02dT10:00:00Z", d);
        snprintf(res, sizeof res, "2026-05-%02dT%02d:00:00Z", d, 10 + hours);
        add(tl, 0, id, MX_EV_DETECTED, det, MX_SEV_2, NULL, NULL);
        add(tl, 0, id, MX_EV_RESOLVED, res, MX_SEV_NONE, NULL, NULL);
    }
    add(tl, 0, "open", MX_EV_DETECTED, "2026-05-20T10:00:00Z", MX_SEV_1, NULL, NULL);
    add(tl, 0, "neg", MX_EV_DETECTED, "2026-05-21T10:00:00Z", MX_SEV_1, NULL, NULL);
    add(tl, 0, "neg", MX_EV_RESOLVED, "2026-05-01T10:00:00Z", MX_SEV_1, NULL, NULL);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    struct built b;
    build(&b, tl, dups);
    const struct mx_result *r = &b.r;
    static const char *const want[MX_LONGEST] = {"L10", "L9",  "L8",  "L7", "L6",
                                                 "L5",  "L11", "L12", "L4", "L3"};
    CHECK_I64(r->n_longest, MX_LONGEST);
    for (size_t i = 0; i < r->n_longest && i < MX_LONGEST; i++) {
        struct mx_str got = mx_timeline_id(tl, r->longest[i]);
        CHECK(got.n == strlen(want[i]) && memcmp(got.p, want[i], got.n) == 0);
    }
    unbuild(&b);
    mx_timeline_free(tl);
}

/* An event is kept in 24 bytes; what few have goes to a side table, renumbered when the
 * events are put in timeline order: a page element past 65,534, an input past 1,048,574,
 * an unknown type's raw name, a kept text; and a duplicate that differs only by name. */
static void side_table(void) {
    struct mx_timelines *tl = mx_timeline_new();
    mx_timeline_keep_text(tl);
    struct mx_event ev = detection("2026-03-01T10:00:00Z");
    ev.incident = S("B");
    ev.pos.src = 3;
    ev.pos.line = 9;
    ev.pos.index = 70000;
    ev.title = S("second");
    mx_timeline_add(tl, &ev);
    ev = detection("2026-03-01T09:00:00Z");
    ev.incident = S("A");
    ev.pos.src = 2000000;
    ev.pos.line = 7;
    ev.pos.index = 4;
    ev.type = MX_EV_NOTE;
    ev.type_name = S("made_up");
    ev.note = S("kept note");
    mx_timeline_add(tl, &ev);
    ev.type_name = S("other_name"); /* the same instant and type, another name: kept */
    ev.pos.line = 8;
    mx_timeline_add(tl, &ev);
    ev.pos.line = 10; /* the same name again: a duplicate */
    mx_timeline_add(tl, &ev);
    ev = detection("2026-03-01T11:00:00Z"); /* B again: its events are numbered anew */
    ev.incident = S("B");
    ev.pos.src = 3;
    ev.pos.line = 11;
    ev.pos.index = 70001;
    ev.type = MX_EV_NOTE;
    ev.type_name = S("late_name");
    mx_timeline_add(tl, &ev);
    uint64_t *dups = calloc(2000001, sizeof *dups); /* one per input */
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 2000001);
    CHECK(dups[2000000] == 1 && dups[3] == 0);
    free(dups);
    const struct mx_timeline *a = find(tl, "A"), *b = find(tl, "B");
    CHECK(a && a->count == 2 && b && b->count == 2);
    if (a && b && a->count == 2 && b->count == 2) {
        const struct mx_entry *e = mx_timeline_entry(tl, a->first);
        CHECK(mx_timeline_entry_src(tl, e) == 2000000 && e->line == 7);
        CHECK(mx_timeline_entry_index(tl, e) == 4);
        struct mx_str n = mx_timeline_string(tl, mx_timeline_entry_name(tl, e));
        struct mx_str t = mx_timeline_string(tl, mx_timeline_entry_text(tl, e));
        CHECK(n.n == 7 && memcmp(n.p, "made_up", 7) == 0);
        CHECK(t.n == 9 && memcmp(t.p, "kept note", 9) == 0);
        e = mx_timeline_entry(tl, a->first + 1);
        n = mx_timeline_string(tl, mx_timeline_entry_name(tl, e));
        CHECK(e->line == 8 && n.n == 10 && memcmp(n.p, "other_name", 10) == 0);
        e = mx_timeline_entry(tl, b->first);
        CHECK(mx_timeline_entry_src(tl, e) == 3 && e->line == 9);
        CHECK(mx_timeline_entry_index(tl, e) == 70000);
        CHECK(mx_timeline_entry_name(tl, e) == 0);
        t = mx_timeline_string(tl, mx_timeline_entry_text(tl, e));
        CHECK(t.n == 6 && memcmp(t.p, "second", 6) == 0);
        e = mx_timeline_entry(tl, b->first + 1);
        n = mx_timeline_string(tl, mx_timeline_entry_name(tl, e));
        CHECK(e->line == 11 && mx_timeline_entry_index(tl, e) == 70001);
        CHECK(n.n == 9 && memcmp(n.p, "late_name", 9) == 0);
    }
    mx_timeline_free(tl);
}

int main(void) {
    if (mx_tz_open("UTC", &UTC)) return 1;
    side_table();
    rules();
    window_and_zone();
    ties_keep_input_order();
    long_incident_sort();
    source_ids();
    values_order_free();
    find_by_name();
    join_by_number();
    join_by_alt_id();
    record_dups();
    as_of_cut();
    sparse_months();
    longest();
    mx_tz_free(UTC);
    TEST_DONE();
}
