/*
 * test_compliance.c - the business calendar (weekends, holidays, DST weekends in
 * several zones, a Friday-evening detection) and each compliance rule and gate.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer/calendar.h"
#include "analyzer/compliance.h"
#include "harness.h"
#include "parsers/times.h"

static int64_t day(const char *date) {
    return T(date) / 86400000;
}

static struct mx_zone *zone(const char *name) {
    struct mx_zone *z;
    if (mx_tz_open(name, &z)) abort();
    return z;
}

static void calendar(void) {
    struct mx_policy p;
    mx_policy_default(&p);
    CHECK(mx_calendar_business_day(&p, day("2026-11-27T00:00:00Z")));  /* Friday */
    CHECK(!mx_calendar_business_day(&p, day("2026-11-28T00:00:00Z"))); /* Saturday */
    CHECK(!mx_calendar_business_day(&p, day("2026-11-29T00:00:00Z"))); /* Sunday */
    p.holidays[p.n_holidays++] = day("2026-12-25T00:00:00Z");
    CHECK(!mx_calendar_business_day(&p, day("2026-12-25T00:00:00Z"))); /* a holiday */

    struct mx_zone *utc = zone("UTC"), *berlin = zone("Europe/Berlin");
    struct mx_zone *ny = zone("America/New_York"), *sydney = zone("Australia/Sydney");
    /* Friday evening in Berlin: due by the end of Monday, Berlin time */
    CHECK_I64(mx_calendar_next_business_day_end(&p, berlin, T("2026-11-27T19:30:00+01:00")),
              T("2026-12-01T00:00:00+01:00"));
    /* Monday morning: due by the end of Tuesday */
    CHECK_I64(mx_calendar_next_business_day_end(&p, utc, T("2026-11-30T09:00:00Z")),
              T("2026-12-02T00:00:00Z"));
    /* Thursday before Christmas (a Friday holiday): due by the end of Monday 28th */
    CHECK_I64(mx_calendar_next_business_day_end(&p, utc, T("2026-12-24T10:00:00Z")),
              T("2026-12-29T00:00:00Z"));
    /* the spring-forward weekend in Berlin (Sunday 29 March 2026): Friday 27th is due
     * by the end of Monday 30th, which is CEST already */
    CHECK_I64(mx_calendar_next_business_day_end(&p, berlin, T("2026-03-27T18:00:00+01:00")),
              T("2026-03-31T00:00:00+02:00"));
    /* New York's DST weekend (8 March 2026) */
    CHECK_I64(mx_calendar_next_business_day_end(&p, ny, T("2026-03-06T20:00:00-05:00")),
              T("2026-03-10T00:00:00-04:00"));
    /* Sydney falls back on Sunday 5 April 2026: AEDT +11 to AEST +10 */
    CHECK_I64(mx_calendar_next_business_day_end(&p, sydney, T("2026-04-03T17:00:00+11:00")),
              T("2026-04-07T00:00:00+10:00"));
    /* a detection late on Friday UTC that is already Saturday in Sydney: Monday's end */
    CHECK_I64(mx_calendar_next_business_day_end(&p, sydney, T("2026-11-27T14:00:00Z")),
              T("2026-12-01T00:00:00+11:00"));
    /* a custom week: Sunday to Thursday */
    p.workdays = 0x1F;
    CHECK_I64(mx_calendar_next_business_day_end(&p, utc, T("2026-11-26T10:00:00Z")),
              T("2026-11-30T00:00:00Z")); /* Thursday -> Sunday 29th, due end of it */
    mx_tz_free(utc);
    mx_tz_free(berlin);
    mx_tz_free(ny);
    mx_tz_free(sydney);
}

static struct mx_timeline incident(enum mx_severity sev, const char *det) {
    struct mx_timeline t;
    memset(&t, 0, sizeof t);
    t.severity = sev;
    t.detected_at = T(det);
    t.started_at = t.acknowledged_at = t.mitigated_at = t.resolved_at = t.postmortem_at =
        t.regulator_at = t.war_room_at = MX_NO_TIME;
    t.in_window = true;
    t.postmortem_measurable = true; /* as from native data */
    return t;
}

static void postmortems(void) {
    struct mx_policy p;
    mx_policy_default(&p);
    int64_t dl, as_of = T("2026-06-01T00:00:00Z");
    struct mx_timeline t = incident(MX_SEV_1, "2026-05-01T10:00:00Z");
    t.resolved_at = T("2026-05-01T11:00:00Z");
    CHECK_I64(mx_compliance_postmortem_status(&t, &p, as_of, &dl), MX_PM_MISSING);
    CHECK_I64(dl, T("2026-05-03T11:00:00Z"));    /* 48 h from resolution */
    t.postmortem_at = T("2026-05-03T11:00:00Z"); /* exactly at the deadline */
    CHECK_I64(mx_compliance_postmortem_status(&t, &p, as_of, &dl), MX_PM_ON_TIME);
    t.postmortem_at += 1;
    CHECK_I64(mx_compliance_postmortem_status(&t, &p, as_of, &dl), MX_PM_LATE);
    t.postmortem_at = MX_NO_TIME;
    CHECK_I64(mx_compliance_postmortem_status(&t, &p, T("2026-05-02T00:00:00Z"), &dl),
              MX_PM_PENDING);
    t.resolved_at = MX_NO_TIME; /* still open */
    CHECK_I64(mx_compliance_postmortem_status(&t, &p, as_of, &dl), MX_PM_PENDING);
    struct mx_timeline s3 = incident(MX_SEV_3, "2026-05-01T10:00:00Z");
    s3.resolved_at = T("2026-05-01T12:00:00Z");
    mx_compliance_postmortem_status(&s3, &p, as_of, &dl);
    CHECK_I64(dl, T("2026-05-08T12:00:00Z")); /* 7 days */
    /* known only from PagerDuty data: due, but not measured (never "missing"); a
     * postmortem published through another input measures it again */
    struct mx_timeline pd = incident(MX_SEV_2, "2026-05-01T10:00:00Z");
    pd.resolved_at = T("2026-05-01T11:00:00Z");
    pd.postmortem_measurable = false;
    CHECK_I64(mx_compliance_postmortem_status(&pd, &p, as_of, &dl), MX_PM_NOT_MEASURED);
    CHECK_I64(dl, T("2026-05-03T11:00:00Z"));
    pd.postmortem_at = T("2026-05-02T09:00:00Z");
    CHECK_I64(mx_compliance_postmortem_status(&pd, &p, as_of, &dl), MX_PM_ON_TIME);
    struct mx_timeline s4 = incident(MX_SEV_4, "2026-05-01T10:00:00Z");
    CHECK_I64(mx_compliance_postmortem_status(&s4, &p, as_of, &dl), MX_PM_NOT_REQUIRED);
    struct mx_timeline none = incident(MX_SEV_NONE, "2026-05-01T10:00:00Z");
    /* unassigned: no deadline can be known, counted apart (not "not required") */
    CHECK_I64(mx_compliance_postmortem_status(&none, &p, as_of, &dl), MX_PM_UNKNOWN_SEVERITY);
    CHECK_I64(dl, MX_NO_TIME);
    none.merged = true; /* left out first */
    CHECK_I64(mx_compliance_postmortem_status(&none, &p, as_of, &dl), MX_PM_NOT_REQUIRED);
    t.merged = true;
    CHECK_I64(mx_compliance_postmortem_status(&t, &p, as_of, &dl), MX_PM_NOT_REQUIRED);
}

static void responses(void) {
    struct mx_policy p;
    mx_policy_default(&p);
    struct mx_zone *utc = zone("UTC");
    struct mx_timelines *tl = mx_timeline_new();
    struct mx_compliance c;
    int64_t as_of = T("2026-06-01T00:00:00Z");
    struct mx_timeline t = incident(MX_SEV_1, "2026-05-01T10:00:00Z");
    t.acknowledged_at = T("2026-05-01T10:15:00Z");
    mx_compliance_check(&c, tl, &t, &p, utc, as_of, 0);
    CHECK_I64(c.rsp, MX_CK_MET); /* 15 min exactly */
    t.acknowledged_at += 1000;
    mx_compliance_check(&c, tl, &t, &p, utc, as_of, 0);
    CHECK_I64(c.rsp, MX_CK_MISSED);
    CHECK_I64(c.rsp_late, 1000);
    t.acknowledged_at = MX_NO_TIME;
    mx_compliance_check(&c, tl, &t, &p, utc, as_of, 0);
    CHECK_I64(c.rsp, MX_CK_MISSING);
    mx_compliance_check(&c, tl, &t, &p, utc, T("2026-05-01T10:05:00Z"), 0);
    CHECK_I64(c.rsp, MX_CK_PENDING);
    struct mx_timeline s4 = incident(MX_SEV_4, "2026-05-29T17:00:00Z"); /* a Friday */
    s4.acknowledged_at = T("2026-06-01T23:59:00Z");                     /* Monday night */
    mx_compliance_check(&c, tl, &s4, &p, utc, as_of, 0);
    CHECK_I64(c.rsp, MX_CK_MET);
    CHECK_I64(c.rsp_deadline, T("2026-06-02T00:00:00Z"));
    struct mx_timeline none = incident(MX_SEV_NONE, "2026-05-01T10:00:00Z");
    mx_compliance_check(&c, tl, &none, &p, utc, as_of, 0);
    CHECK_I64(c.rsp, MX_CK_UNKNOWN_SEVERITY);
    CHECK_I64(c.rsp_deadline, MX_NO_TIME);
    /* regulator: security incidents, 72 h */
    struct mx_timeline sec = incident(MX_SEV_2, "2026-05-01T10:00:00Z");
    sec.cls = MX_CLASS_SECURITY;
    mx_compliance_check(&c, tl, &sec, &p, utc, as_of, 0);
    CHECK_I64(c.reg, MX_CK_MISSING);
    sec.regulator_at = T("2026-05-04T09:00:00Z");
    mx_compliance_check(&c, tl, &sec, &p, utc, as_of, 0);
    CHECK_I64(c.reg, MX_CK_MET);
    sec.regulator_at = T("2026-05-04T11:00:00Z");
    mx_compliance_check(&c, tl, &sec, &p, utc, as_of, 0);
    CHECK_I64(c.reg, MX_CK_MISSED);
    /* war room: only measured when the data has war room events (bit 1) */
    struct mx_timeline sev1 = incident(MX_SEV_1, "2026-05-01T10:00:00Z");
    sev1.resolved_at = T("2026-05-01T11:00:00Z");
    mx_compliance_check(&c, tl, &sev1, &p, utc, as_of, 0);
    CHECK(!c.war_room_required);
    mx_compliance_check(&c, tl, &sev1, &p, utc, as_of, 2);
    CHECK(c.war_room_required && c.war_room_missing);
    sev1.war_room_at = T("2026-05-01T10:20:00Z");
    mx_compliance_check(&c, tl, &sev1, &p, utc, as_of, 2);
    CHECK(c.war_room_required && !c.war_room_missing);
    sev1.resolved_at = T("2026-05-01T10:20:00Z"); /* 20 minutes: no war room needed */
    sev1.war_room_at = MX_NO_TIME;
    mx_compliance_check(&c, tl, &sev1, &p, utc, as_of, 2);
    CHECK(!c.war_room_required);
    mx_timeline_free(tl);
    mx_tz_free(utc);
}

static void cadence(void) {
    /* real events: detection, updates at +20 and +70 min, resolution at +90 min */
    struct mx_timelines *tl = mx_timeline_new();
    static const char *const times[] = {"2026-05-01T10:00:00Z", "2026-05-01T10:20:00Z",
                                        "2026-05-01T11:10:00Z", "2026-05-01T11:30:00Z"};
    static const enum mx_evtype types[] = {MX_EV_DETECTED, MX_EV_STATUS_UPDATE, MX_EV_STATUS_UPDATE,
                                           MX_EV_RESOLVED};
    for (int k = 0; k < 4; k++) {
        struct mx_event ev;
        memset(&ev, 0, sizeof ev);
        ev.pos.path = "x";
        ev.pos.index = -1;
        ev.pos.line = (uint64_t)k + 1;
        ev.incident.p = "C";
        ev.incident.n = 1;
        ev.type = types[k];
        ev.severity = MX_SEV_1;
        ev.time_ms = T(times[k]);
        mx_timeline_add(tl, &ev);
    }
    struct mx_zone *utc = zone("UTC");
    uint64_t dups[1] = {0};
    mx_timeline_finish(tl, utc, MX_NO_TIME, MX_NO_TIME, dups, 1);
    struct mx_policy p;
    mx_policy_default(&p);
    struct mx_compliance c;
    const struct mx_timeline *t = mx_timeline_get(tl, 0);
    CHECK_I64(t->status_updates, 2);
    mx_compliance_check(&c, tl, t, &p, utc, T("2026-06-01T00:00:00Z"), 1);
    CHECK(c.cadence_applies);
    CHECK_I64(c.max_gap, 50 * 60000);    /* 10:20 -> 11:10 */
    CHECK(c.cadence_breach);             /* SEV1: every 30 min */
    p.cadence_ms[MX_SEV_1] = 50 * 60000; /* a gap exactly the cadence is no breach */
    mx_compliance_check(&c, tl, t, &p, utc, T("2026-06-01T00:00:00Z"), 1);
    CHECK(!c.cadence_breach);
    p.cadence_ms[MX_SEV_1] = 50 * 60000 - 1; /* one millisecond less: a breach */
    mx_compliance_check(&c, tl, t, &p, utc, T("2026-06-01T00:00:00Z"), 1);
    CHECK(c.cadence_breach);
    p.cadence_ms[MX_SEV_1] = 60 * 60000;
    mx_compliance_check(&c, tl, t, &p, utc, T("2026-06-01T00:00:00Z"), 1);
    CHECK(!c.cadence_breach);
    mx_compliance_check(&c, tl, t, &p, utc, T("2026-06-01T00:00:00Z"), 0);
    CHECK(!c.cadence_applies); /* not measured */
    mx_timeline_free(tl);
    mx_tz_free(utc);
}

static void gates(void) {
    struct mx_gate g;
    char msg[300];
    struct mx_compliance_summary s;
    memset(&s, 0, sizeof s);
    CHECK(mx_compliance_gate_parse("missing-postmortem", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_PASSED);
    s.all.pm[MX_PM_MISSING] = 2;
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_FAILED);
    CHECK_STR(msg, "missing-postmortem: 2 postmortems missing past the deadline");
    CHECK(mx_compliance_gate_parse("postmortem-compliance<95", &g) == NULL);
    s.all.pm[MX_PM_ON_TIME] = 18; /* 18 of 20: 90% */
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_FAILED);
    CHECK_STR(msg, "postmortem-compliance<95: postmortem compliance is 90.0% (18 of 20 on "
                   "time), 5.0 points below");
    CHECK(mx_compliance_gate_parse("postmortem-compliance<90", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) ==
          MX_GATE_PASSED); /* 90 is not below 90 */
    CHECK(mx_compliance_gate_parse("response-compliance<90", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) ==
          MX_GATE_PASSED); /* nothing due: passes */
    CHECK(mx_compliance_gate_parse("response-compliance<", &g) != NULL);
    CHECK(mx_compliance_gate_parse("response-compliance<101", &g) != NULL);
    CHECK(mx_compliance_gate_parse("missing-postmortems", &g) != NULL);
    CHECK(mx_compliance_gate_parse("everything", &g) != NULL);
    CHECK(mx_compliance_gate_parse("unassigned-severity", &g) == NULL);
    s.unassigned = 1;
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_FAILED);
    /* postmortem gates judge measured incidents only; measured for none: not evaluated */
    memset(&s, 0, sizeof s);
    s.all.pm[MX_PM_NOT_MEASURED] = 4;
    CHECK(mx_compliance_gate_parse("missing-postmortem", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_UNMEASURED);
    CHECK(strstr(msg, "cannot be evaluated: 4 incidents due a postmortem") != NULL);
    CHECK(mx_compliance_gate_parse("postmortem-compliance<95", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_UNMEASURED);
    CHECK(mx_compliance_gate_parse("response-compliance<95", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_PASSED);
    s.all.pm[MX_PM_ON_TIME] = 1; /* one measured incident: judged on it alone */
    CHECK(mx_compliance_gate_parse("postmortem-compliance<95", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_PASSED);
    CHECK(mx_compliance_gate_parse("missing-postmortem", &g) == NULL);
    CHECK(mx_compliance_gate_failed(&g, &s, msg, sizeof msg) == MX_GATE_PASSED);
    int64_t ms;
    CHECK(mx_policy_duration("1h30m", &ms) && ms == 90 * 60000);
    CHECK(mx_policy_duration("7d", &ms) && ms == 7 * 86400000LL);
    CHECK(mx_policy_duration("none", &ms) && ms == MX_NO_TARGET);
    CHECK(!mx_policy_duration("soon", &ms));
    CHECK(!mx_policy_duration("15", &ms));
}

/* Shares of what was due: on time / (on time + late or missed + missing); pending and
 * not-required items are not due; nothing due is negative (shown as "n/a"). */
static void shares(void) {
    struct mx_compliance_counts c = {{0}, {0}};
    CHECK(mx_compliance_pm_pct(&c) < 0);
    CHECK(mx_compliance_rsp_pct(&c) < 0);
    c.pm[MX_PM_ON_TIME] = 3;
    c.pm[MX_PM_LATE] = 1;
    c.pm[MX_PM_MISSING] = 0;
    c.pm[MX_PM_PENDING] = 5;
    CHECK_I64((int64_t)(mx_compliance_pm_pct(&c) * 10), 750);
    c.rsp[MX_CK_MET] = 1;
    c.rsp[MX_CK_MISSING] = 1;
    c.rsp[MX_CK_PENDING] = 7;
    CHECK_I64((int64_t)(mx_compliance_rsp_pct(&c) * 10), 500);
    struct mx_compliance_summary s;
    memset(&s, 0, sizeof s);
    CHECK(mx_compliance_reg_pct(&s) < 0);
    s.reg[MX_CK_MET] = 2;
    s.reg[MX_CK_MISSED] = 1;
    s.reg[MX_CK_PENDING] = 4;
    CHECK_I64((int64_t)(mx_compliance_reg_pct(&s) * 10), 666);
}

/* Which incidents a failed gate names: those it counts, and only those. */
static void gate_incidents(void) {
    static const struct {
        const char *gate;
        enum mx_pm_status pm;
        enum mx_check rsp;
        enum mx_severity sev;
        enum mx_channel_check chan;
        bool counts;
    } cases[] = {
        {"missing-postmortem", MX_PM_MISSING, MX_CK_MET, MX_SEV_1, MX_CHAN_FOLLOWS, true},
        {"missing-postmortem", MX_PM_LATE, MX_CK_MET, MX_SEV_1, MX_CHAN_FOLLOWS, false},
        {"late-postmortem", MX_PM_LATE, MX_CK_MET, MX_SEV_1, MX_CHAN_FOLLOWS, true},
        {"late-postmortem", MX_PM_ON_TIME, MX_CK_MET, MX_SEV_1, MX_CHAN_FOLLOWS, false},
        {"postmortem-compliance<95", MX_PM_MISSING, MX_CK_MET, MX_SEV_1, MX_CHAN_FOLLOWS, true},
        {"postmortem-compliance<95", MX_PM_PENDING, MX_CK_MET, MX_SEV_1, MX_CHAN_FOLLOWS, false},
        {"response-compliance<90", MX_PM_ON_TIME, MX_CK_MISSED, MX_SEV_2, MX_CHAN_FOLLOWS, true},
        {"response-compliance<90", MX_PM_ON_TIME, MX_CK_MISSING, MX_SEV_2, MX_CHAN_FOLLOWS, true},
        {"response-compliance<90", MX_PM_ON_TIME, MX_CK_PENDING, MX_SEV_2, MX_CHAN_FOLLOWS, false},
        {"unassigned-severity", MX_PM_ON_TIME, MX_CK_MET, MX_SEV_NONE, MX_CHAN_FOLLOWS, true},
        {"unassigned-severity", MX_PM_ON_TIME, MX_CK_MET, MX_SEV_4, MX_CHAN_FOLLOWS, false},
        {"channel-convention", MX_PM_ON_TIME, MX_CK_MET, MX_SEV_3, MX_CHAN_OFF, true},
        {"channel-convention", MX_PM_ON_TIME, MX_CK_MET, MX_SEV_3, MX_CHAN_NONE, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct mx_gate g;
        CHECK(mx_compliance_gate_parse(cases[i].gate, &g) == NULL);
        struct mx_timeline t;
        memset(&t, 0, sizeof t);
        t.severity = cases[i].sev;
        t.channel_check = (uint8_t)cases[i].chan;
        struct mx_compliance c;
        memset(&c, 0, sizeof c);
        c.pm = cases[i].pm;
        c.rsp = cases[i].rsp;
        if (mx_compliance_gate_counts(&g, &t, &c) != cases[i].counts)
            fprintf(stderr, "  case %zu (%s): counts is not %d\n", i, cases[i].gate,
                    cases[i].counts);
        CHECK(mx_compliance_gate_counts(&g, &t, &c) == cases[i].counts);
    }
}

int main(void) {
    gate_incidents();
    calendar();
    postmortems();
    responses();
    cadence();
    gates();
    shares();
    TEST_DONE();
}
