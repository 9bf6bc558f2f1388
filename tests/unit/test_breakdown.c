/*
 * test_breakdown.c - the retro's pieces (docs/spec.md#by-service-and-team): normalised
 * titles, noise (flapping at its window's edge), services and teams with their metrics,
 * recurring titles; and the timeline's handling of pages (a medium is part of the
 * duplicate key) and commanders.
 */
#include <stdio.h>
#include <stdlib.h>

#include "analyzer/oncall.h"
#include "analyzer/result.h"
#include "analyzer/timeline.h"
#include "analyzer/titles.h"
#include "harness.h"
#include "parsers/tz.h"

/* the event tables below leave trailing fields out */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

static struct mx_zone *UTC;
static uint32_t next_line;

struct ev {
    const char *inc;
    enum mx_evtype type;
    const char *when;
    const char *service, *team, *title, *actor;
    enum mx_via via;
    const char *commander;
};

static void add(struct mx_timelines *tl, const struct ev *e) {
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "a";
    ev.pos.line = ++next_line;
    ev.pos.index = -1;
    ev.time_ms = T(e->when);
    ev.incident = S(e->inc);
    ev.type = e->type;
    ev.severity = MX_SEV_2;
    ev.service = S(e->service);
    ev.team = S(e->team);
    ev.title = S(e->title);
    ev.actor = S(e->actor);
    ev.via = e->via;
    ev.commander = S(e->commander);
    ev.can_postmortem = true;
    mx_timeline_add(tl, &ev);
}

static void norm(const char *in, const char *want) {
    char out[512];
    mx_titles_normalize(in, strlen(in), out);
    CHECK_STR(out, want);
}

static void titles(void) {
    norm("db-03: disk 91% full", "db-<*>: disk <*> full");
    norm("DB-07: Disk 97% FULL", "db-<*>: disk <*> full");
    norm("  Checkout   API\t5xx  ", "checkout api 5xx");
    norm("eu-west-1 latency", "eu-west-<*> latency");
    norm("INC-1234 pod-7f9c4d8b crashloop", "inc-<*> pod-<*> crashloop");
    norm("host 10.0.3.17:8080 down", "host <*> down");
    norm("fe80::1ff:fe23:4567:890a unreachable", "<*> unreachable");
    norm("job 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed", "job <*> failed");
    norm("error 'connection reset by peer' on api", "error <*> on api");
    norm("can't reach \"primary db\", retrying", "can't reach <*>, retrying");
    norm("deploy at 12:30 on 2026-11-04 (v2)", "deploy at <*> on <*> (v2)");
    norm("latency 1.5s over SLO", "latency <*>s over slo");
    norm("p99 1200ms, heap 2GB", "p99 <*>ms, heap <*>gb");
    norm("checkout 5xx on v1.2.3", "checkout 5xx on v1.2.3");
    norm("cafe deadbeef 0x1F2E3D", "cafe deadbeef <*>"); /* hex ids need a digit */
    norm("Zoë's pager went off", "zoë's pager went off");
    norm("'unclosed quote", "'unclosed quote");
    norm("", "");
    norm("7", "<*>");
}

/* Flapping: a detection within the window after another incident's resolution, of the
 * same service and normalised title; the window's end is inclusive. */
static void flapping(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    const struct ev evs[] = {
        {"A", MX_EV_DETECTED, "2026-03-01T00:00:00Z", "db", NULL, "db-1 disk full"},
        {"A", MX_EV_RESOLVED, "2026-03-01T01:00:00Z"},
        /* 24 h after A's resolution exactly: flaps */
        {"B", MX_EV_DETECTED, "2026-03-02T01:00:00Z", "db", NULL, "DB-2 disk full"},
        {"B", MX_EV_RESOLVED, "2026-03-02T02:00:00Z"},
        /* 24 h and 1 ms after B's: does not */
        {"C", MX_EV_DETECTED, "2026-03-03T02:00:00.001Z", "db", NULL, "db-3 disk full"},
        {"C", MX_EV_ACKNOWLEDGED, "2026-03-03T02:01:00Z", NULL, NULL, NULL, "ana"},
        /* same title, another service: does not */
        {"D", MX_EV_DETECTED, "2026-03-01T02:00:00Z", "web", NULL, "db-4 disk full"},
        /* same service, another title: does not */
        {"E", MX_EV_DETECTED, "2026-03-01T02:00:00Z", "db", NULL, "db-1 cpu hot"},
        {"E", MX_EV_RESOLVED, "2026-03-01T03:00:00Z"},
        {"E", MX_EV_REOPENED, "2026-03-01T04:00:00Z"},
        {"E", MX_EV_RESOLVED, "2026-03-01T05:00:00Z"},
        /* detected while A was still open, after nothing resolved: does not */
        {"F", MX_EV_DETECTED, "2026-03-01T00:30:00Z", "db", NULL, "db-9 disk full"},
        {"F", MX_EV_RESOLVED, "2026-03-05T00:30:00Z"},
    };
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) add(tl, &evs[i]);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    struct mx_diag diag;
    mx_diag_init(&diag, NULL);
    mx_diag_input_add(&diag, "a");
    struct mx_policy policy;
    mx_policy_default(&policy);
    struct mx_result r;
    mx_timeline_normalize_titles(tl);
    mx_result_build(&r, tl, &diag, UTC, &policy, NULL, dups, T("2026-04-01T00:00:00Z"), MX_NO_TIME,
                    MX_NO_TIME);
    mx_result_retro(&r);
    const char *want_flap = "B";
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        bool flaps = (r.noise_bits[i] & MX_NOISE_FLAPPING) != 0;
        bool want = mx_timeline_id(tl, t).n == 1 && mx_timeline_id(tl, t).p[0] == want_flap[0];
        if (flaps != want)
            fprintf(stderr, "incident %.*s flaps: %d\n", (int)mx_timeline_id(tl, t).n,
                    mx_timeline_id(tl, t).p, flaps);
        CHECK(flaps == want);
    }
    CHECK_I64(r.noise.flapping, 1);
    CHECK_I64(r.noise.reopened, 1);       /* E */
    CHECK_I64(r.noise.unacknowledged, 4); /* A, B, E, F (C is open, D open) */
    CHECK_I64(r.noise.auto_resolved, 0);
    CHECK_I64(r.noise_months[0].flapping, 1);
    /* services: db (A B C E F) then web (D) */
    CHECK_I64(r.n_services, 2);
    CHECK(r.services[0].name.n == 2 && memcmp(r.services[0].name.p, "db", 2) == 0);
    CHECK_I64(r.services[0].incidents, 5);
    CHECK_I64(r.services[0].noise.flapping, 1);
    CHECK_I64(r.services[0].metrics.m[MX_M_MTTR].n, 4);      /* A B E F resolved */
    CHECK_I64(r.services[0].metrics.m[MX_M_MTTR].open_n, 1); /* C */
    CHECK_I64(r.services[0].metrics.m[MX_M_MTBF].n, 4);      /* between 5 detections */
    CHECK_I64(r.services[1].incidents, 1);
    /* teams: none given: one group (none) */
    CHECK_I64(r.n_teams, 1);
    CHECK_I64(r.teams[0].name.n, 0);
    CHECK_I64(r.teams[0].incidents, 6);
    /* recurring: "db-<*> disk full" 5 incidents (A B C D F) */
    CHECK_I64(r.n_recurring, 1);
    struct mx_str title = mx_intern_str(&r.titles, r.recurring[0].title);
    CHECK(title.n == 16 && memcmp(title.p, "db-<*> disk full", 16) == 0);
    CHECK_I64(r.recurring[0].incidents, 5);
    CHECK_I64(r.recurring[0].n_services, 2);
    CHECK_I64(r.recurring[0].first, T("2026-03-01T00:00:00Z"));
    CHECK_I64(r.recurring[0].last, T("2026-03-03T02:00:00.001Z"));
    CHECK_I64(r.recurring[0].mttr.n, 3); /* A B F */
    /* open: A 1h + B 1h + F 4d + C and D to as-of */
    int64_t want_open = 2 * 3600000LL + 4 * 86400000LL +
                        (T("2026-04-01T00:00:00Z") - T("2026-03-03T02:00:00.001Z")) +
                        (T("2026-04-01T00:00:00Z") - T("2026-03-01T02:00:00Z"));
    CHECK_I64(r.recurring[0].open_ms, want_open);
    mx_result_free(&r);
    mx_diag_free(&diag);
    mx_timeline_free(tl);
}

/* Two pages of one person at one instant by different media are two events; by the same
 * medium, one. A commander_assigned event names its commander, else its actor. */
static void pages_and_commanders(void) {
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    const struct ev evs[] = {
        {"P", MX_EV_DETECTED, "2026-03-01T00:00:00Z"},
        {"P", MX_EV_PAGED, "2026-03-01T00:00:01Z", NULL, NULL, NULL, "zoë", MX_VIA_SMS},
        {"P", MX_EV_PAGED, "2026-03-01T00:00:01Z", NULL, NULL, NULL, "zoë", MX_VIA_PHONE},
        {"P", MX_EV_PAGED, "2026-03-01T00:00:01Z", NULL, NULL, NULL, "zoë", MX_VIA_SMS},
        {"P", MX_EV_COMMANDER_ASSIGNED, "2026-03-01T00:05:00Z", NULL, NULL, NULL, "bot", 0, "ana"},
        {"P", MX_EV_COMMANDER_ASSIGNED, "2026-03-01T00:09:00Z", NULL, NULL, NULL, "bo"},
    };
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) add(tl, &evs[i]);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    CHECK_I64(dups[0], 1);
    const struct mx_timeline *t = mx_timeline_get(tl, 0);
    CHECK_I64(t->count, 5);
    int sms = 0, phone = 0;
    for (uint32_t k = 0; k < t->count; k++) {
        const struct mx_entry *e = mx_timeline_entry(tl, t->first + k);
        sms += e->type == MX_EV_PAGED && MX_ENTRY_VIA(e) == MX_VIA_SMS;
        phone += e->type == MX_EV_PAGED && MX_ENTRY_VIA(e) == MX_VIA_PHONE;
        struct mx_str c = mx_timeline_string(tl, mx_timeline_commander(tl, t->first + k));
        if (k == 3) CHECK(c.n == 3 && memcmp(c.p, "ana", 3) == 0);
        if (k == 4) CHECK(c.n == 2 && memcmp(c.p, "bo", 2) == 0);
        if (k < 3) CHECK_I64(c.n, 0);
    }
    CHECK_I64(sms, 1);
    CHECK_I64(phone, 1);
    mx_timeline_free(tl);
}

/* The bands of the day (PagerDuty's): a DST change moves the UTC instants, the ends are
 * exclusive, a holiday is no business day. */
static void bands(void) {
    struct mx_zone *berlin;
    CHECK(mx_tz_open("Europe/Berlin", &berlin) == NULL);
    struct mx_policy p;
    mx_policy_default(&p);
    p.holidays[p.n_holidays++] = mx_times_days_from_civil(2026, 4, 3); /* Good Friday */
    static const struct {
        const char *utc;
        enum mx_band want;
    } cases[] = {
        {"2026-03-27T07:00:00Z", MX_BAND_BUSINESS},  /* Fri 08:00 CET: the start */
        {"2026-03-27T06:59:59Z", MX_BAND_SLEEP},     /* 07:59:59 */
        {"2026-03-27T17:00:00Z", MX_BAND_OFF_HOURS}, /* 18:00: business ends */
        {"2026-03-27T20:59:59Z", MX_BAND_OFF_HOURS}, /* 21:59:59 */
        {"2026-03-27T21:00:00Z", MX_BAND_SLEEP},     /* 22:00 */
        {"2026-03-28T10:00:00Z", MX_BAND_OFF_HOURS}, /* Saturday 11:00 */
        {"2026-03-28T22:30:00Z", MX_BAND_SLEEP},     /* Saturday 23:30 */
        {"2026-03-30T06:00:00Z", MX_BAND_BUSINESS},  /* Mon 08:00 CEST, after the change */
        {"2026-03-30T05:59:00Z", MX_BAND_SLEEP},     /* 07:59 CEST (08:59 would be CET) */
        {"2026-04-03T10:00:00Z", MX_BAND_OFF_HOURS}, /* Good Friday noon */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum mx_band got = mx_oncall_band(&p, berlin, T(cases[i].utc));
        if (got != cases[i].want) fprintf(stderr, "band of %s: %d\n", cases[i].utc, (int)got);
        CHECK(got == cases[i].want);
    }
    /* configured hours: business 09:00-17:00, sleep 23:00-07:00 */
    p.business_from = 9 * 60, p.business_to = 17 * 60, p.sleep_from = 23 * 60, p.sleep_to = 7 * 60;
    CHECK(mx_oncall_band(&p, berlin, T("2026-03-27T07:30:00Z")) == MX_BAND_OFF_HOURS); /* 08:30 */
    CHECK(mx_oncall_band(&p, berlin, T("2026-03-27T06:30:00Z")) == MX_BAND_OFF_HOURS); /* 07:30 */
    CHECK(mx_oncall_band(&p, berlin, T("2026-03-27T05:59:00Z")) == MX_BAND_SLEEP);     /* 06:59 */
    mx_tz_free(berlin);
}

static const struct mx_oncall_person *who(const struct mx_result *r, const char *name) {
    for (size_t i = 0; i < r->oncall.n_people; i++) {
        struct mx_str s = mx_timeline_string(r->tl, r->oncall.people[i].name);
        if (s.n == strlen(name) && memcmp(s.p, name, s.n) == 0) return &r->oncall.people[i];
    }
    return NULL;
}

/* Pages per person and band (one person in another zone), email apart, a page without a
 * person counted apart, acknowledgements, incidents responded to and commanded. */
static void oncall(void) {
    struct mx_zone *tokyo;
    CHECK(mx_tz_open("Asia/Tokyo", &tokyo) == NULL);
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    const struct ev evs[] = {
        {"A", MX_EV_DETECTED, "2026-03-02T10:00:00Z"}, /* Monday */
        {"A", MX_EV_PAGED, "2026-03-02T10:00:01Z", NULL, NULL, NULL, "zoë",
         MX_VIA_SMS}, /* business */
        {"A", MX_EV_PAGED, "2026-03-02T10:00:01Z", NULL, NULL, NULL, "zoë",
         MX_VIA_EMAIL}, /* email */
        {"A", MX_EV_PAGED, "2026-03-02T10:00:02Z", NULL, NULL, NULL, "kenji", MX_VIA_PHONE},
        {"A", MX_EV_PAGED, "2026-03-02T10:00:03Z", NULL, NULL, NULL, NULL, MX_VIA_PHONE},
        {"A", MX_EV_ACKNOWLEDGED, "2026-03-02T10:03:00Z", NULL, NULL, NULL, "zoë"},
        {"A", MX_EV_COMMANDER_ASSIGNED, "2026-03-02T10:04:00Z", NULL, NULL, NULL, "zoë", 0,
         "kenji"},
        {"A", MX_EV_RESOLVED, "2026-03-02T11:00:00Z", NULL, NULL, NULL, "zoë"},
        {"B", MX_EV_DETECTED, "2026-03-02T23:00:00Z"},
        {"B", MX_EV_PAGED, "2026-03-02T23:00:01Z", NULL, NULL, NULL, "zoë",
         MX_VIA_PUSH},                                                       /* sleep */
        {"B", MX_EV_PAGED, "2026-03-02T23:00:01Z", NULL, NULL, NULL, "zoë"}, /* no medium */
        {"B", MX_EV_RESOLVED, "2026-03-02T23:10:00Z", NULL, NULL, NULL, "monitor"},
    };
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) add(tl, &evs[i]);
    /* an automatic resolution is nobody's response */
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "a";
    ev.pos.index = -1;
    ev.incident = S("B");
    ev.type = MX_EV_RESOLVED;
    ev.time_ms = T("2026-03-02T23:20:00Z");
    ev.actor = S("integration");
    ev.auto_resolved = true;
    mx_timeline_add(tl, &ev);
    /* nor is an acknowledgement the source says a service made (a PagerDuty agent of type
     * service_reference) */
    ev.type = MX_EV_ACKNOWLEDGED;
    ev.time_ms = T("2026-03-02T23:05:00Z");
    ev.actor = S("datadog");
    ev.auto_resolved = false;
    ev.actor_system = true;
    mx_timeline_add(tl, &ev);
    mx_timeline_finish(tl, UTC, MX_NO_TIME, MX_NO_TIME, dups, 1);
    struct mx_diag diag;
    mx_diag_init(&diag, NULL);
    mx_diag_input_add(&diag, "a");
    struct mx_policy policy;
    mx_policy_default(&policy);
    struct mx_person_zone zones[1] = {{(char *)"kenji", tokyo}};
    policy.person_zones = zones;
    policy.n_person_zones = 1;
    struct mx_result r;
    mx_timeline_normalize_titles(tl);
    mx_result_build(&r, tl, &diag, UTC, &policy, NULL, dups, T("2026-04-01T00:00:00Z"), MX_NO_TIME,
                    MX_NO_TIME);
    mx_result_retro(&r);
    CHECK(r.oncall.from_pages);
    CHECK_I64(r.oncall.pages, 6);
    CHECK_I64(r.oncall.pages_without_person, 1);
    CHECK_I64(r.oncall.n_people, 3); /* zoë, kenji, monitor; not "integration", "datadog" */
    const struct mx_oncall_person *z = who(&r, "zoë"), *k = who(&r, "kenji");
    CHECK(z && k && who(&r, "monitor") && !who(&r, "integration") && !who(&r, "datadog"));
    if (z && k) {
        CHECK(r.oncall.people == z); /* most interruptions first */
        CHECK_I64(z->interruptions[MX_BAND_BUSINESS], 1);
        CHECK_I64(z->interruptions[MX_BAND_SLEEP], 2); /* push, and the page without medium */
        CHECK_I64(z->interruptions[MX_BAND_OFF_HOURS], 0);
        CHECK_I64(z->email, 1);
        CHECK_I64(z->acknowledged, 1);
        CHECK_I64(z->incidents, 1); /* A; B only paged her */
        CHECK_I64(z->commanded, 0);
        CHECK(k->zone == tokyo);
        CHECK_I64(k->interruptions[MX_BAND_SLEEP], 0); /* 19:00 in Tokyo */
        CHECK_I64(k->interruptions[MX_BAND_OFF_HOURS], 1);
        CHECK_I64(k->commanded, 1);
        CHECK_I64(k->incidents, 0);
    }
    mx_result_free(&r);
    mx_diag_free(&diag);
    mx_timeline_free(tl);
    mx_tz_free(tokyo);
}

int main(void) {
    if (mx_tz_open("UTC", &UTC)) return 1;
    titles();
    flapping();
    pages_and_commanders();
    bands();
    oncall();
    mx_tz_free(UTC);
    TEST_DONE();
}
