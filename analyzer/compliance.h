/*
 * compliance.h - the incident process's rules checked per incident (docs/spec.md#compliance):
 * postmortem deadlines, acknowledgement targets, status-update cadence, war rooms,
 * regulator notification; their summary per month and severity; and the gates a CI
 * job can fail on.
 *
 * A rule that needs events the data never carries (no status update anywhere, say) is
 * "not measured", never a breach.
 */
#ifndef MX_COMPLIANCE_H
#define MX_COMPLIANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/timeline.h"
#include "parsers/policy.h"
#include "parsers/tz.h"

enum mx_pm_status {
    MX_PM_ON_TIME,
    MX_PM_LATE,             /* published after the deadline */
    MX_PM_MISSING,          /* deadline passed at --as-of, none published */
    MX_PM_PENDING,          /* not yet due, or still open */
    MX_PM_NOT_REQUIRED,     /* no deadline for the severity (SEV4 by default) or left out */
    MX_PM_NOT_MEASURED,     /* due, but no source of the incident can record a postmortem
                             * (PagerDuty data only) and none was published */
    MX_PM_UNKNOWN_SEVERITY, /* unassigned: no deadline can be known */
    MX_PM__COUNT
};

/* Outcome of a deadline rule other than the postmortem's. */
enum mx_check {
    MX_CK_MET,
    MX_CK_MISSED,  /* done after the deadline */
    MX_CK_MISSING, /* not done, deadline passed */
    MX_CK_PENDING, /* not done, not yet due */
    MX_CK_NOT_REQUIRED,
    MX_CK_UNKNOWN_SEVERITY, /* unassigned: no target can be known (response only) */
    MX_CK__COUNT
};

/* Reports lay both out in one table: the first four statuses line up. */
_Static_assert((int)MX_PM_ON_TIME == (int)MX_CK_MET && (int)MX_PM_LATE == (int)MX_CK_MISSED &&
                   (int)MX_PM_MISSING == (int)MX_CK_MISSING &&
                   (int)MX_PM_PENDING == (int)MX_CK_PENDING,
               "postmortem and deadline statuses share their first four positions");

/* "on_time", "late", ...; "met", "missed", ... */
const char *mx_compliance_pm_status_name(enum mx_pm_status s);
const char *mx_compliance_check_name(enum mx_check c);

/* One incident's compliance. Durations in ms; MX_NO_TIME where not applicable. */
struct mx_compliance { /* one per incident: the times first, so nothing pads */
    int64_t pm_deadline;
    int64_t pm_late; /* late: publication - deadline; missing: as_of - deadline */
    int64_t rsp_deadline;
    int64_t rsp_late; /* missed: ack - deadline; missing: as_of - deadline */
    int64_t max_gap;  /* largest interval without a status update while open */
    int64_t reg_deadline;
    int64_t reg_delay; /* notification - detection */
    uint8_t pm;        /* enum mx_pm_status (a byte: one of these per incident) */
    uint8_t rsp;       /* enum mx_check */
    uint8_t reg;       /* enum mx_check: security incidents, regulator notified */
    bool cadence_applies;
    bool cadence_breach;
    bool war_room_required;
    bool war_room_missing;
};

/* Counts of one group (all, a month, a month x severity). */
struct mx_compliance_counts {
    uint64_t pm[MX_PM__COUNT];
    uint64_t rsp[MX_CK__COUNT];
};

/* Share of due items that were on time: on_time / (on_time + late + missing), and
 * met / (met + missed + missing). Negative when nothing was due. */
double mx_compliance_pm_pct(const struct mx_compliance_counts *c);
double mx_compliance_rsp_pct(const struct mx_compliance_counts *c);

struct mx_compliance_summary {
    struct mx_compliance_counts all;
    uint64_t reg[MX_CK__COUNT];
    bool cadence_measured; /* some incident has a status update */
    uint64_t cadence_incidents, cadence_breaches;
    bool war_room_measured; /* some incident has a war room event */
    uint64_t war_room_required, war_room_missing;
    uint64_t unassigned, sev12_without_postmortem;
    bool channel_checked;             /* a [checks] channel convention is configured */
    uint64_t channel[MX_CHAN__COUNT]; /* incidents per verdict */
};

/* Security incidents whose regulator was notified in time: met / (met + missed +
 * missing); negative when nothing was due. */
double mx_compliance_reg_pct(const struct mx_compliance_summary *s);

/* The postmortem status of t as of as_of (docs/spec.md#compliance): the deadline runs from
 * resolution. */
enum mx_pm_status mx_compliance_postmortem_status(const struct mx_timeline *t,
                                                  const struct mx_policy *p, int64_t as_of,
                                                  int64_t *deadline);

/* Checks every rule for timeline t. tl gives its events; events_measured tells
 * whether the data carries status updates (bit 0) and war rooms (bit 1). */
void mx_compliance_check(struct mx_compliance *c, const struct mx_timelines *tl,
                         const struct mx_timeline *t, const struct mx_policy *p,
                         const struct mx_zone *zone, int64_t as_of, unsigned events_measured);

/* A CI gate (--fail-on). */
enum mx_gate_kind {
    MX_GATE_MISSING_POSTMORTEM,
    MX_GATE_LATE_POSTMORTEM,
    MX_GATE_POSTMORTEM_COMPLIANCE,
    MX_GATE_RESPONSE_COMPLIANCE,
    MX_GATE_UNASSIGNED_SEVERITY,
    MX_GATE_CHANNEL_CONVENTION
};

struct mx_gate {
    enum mx_gate_kind kind;
    double threshold; /* for the percentage gates */
    char text[64];    /* as given */
};

/* Reads "missing-postmortem", "late-postmortem", "postmortem-compliance<95",
 * "response-compliance<90", "unassigned-severity", "channel-convention". Returns NULL
 * or a reason. */
const char *mx_compliance_gate_parse(const char *s, struct mx_gate *g);

enum mx_gate_result {
    MX_GATE_PASSED,
    MX_GATE_FAILED,
    MX_GATE_UNMEASURED /* the rule is measured for no incident (PagerDuty data cannot show
                        * postmortems): the gate cannot be evaluated */
};

/* A gate's outcome on a run, as the program says it and the CI outputs (summary.md,
 * --junit) write it. */
struct mx_gate_outcome {
    const char *rule; /* as given to --fail-on */
    enum mx_gate_result result;
    char message[400]; /* why it failed or was not evaluated; "" when it passed */
    char ids[1200];    /* the first ten incidents it counts, "A, B and 3 more"; "" none */
};

/* Whether counted incident t, whose compliance is c, is one gate g counts against (the
 * incidents a failed gate names). */
bool mx_compliance_gate_counts(const struct mx_gate *g, const struct mx_timeline *t,
                               const struct mx_compliance *c);
/* Judges the gate on s, over measured incidents only; when it does not pass, msg says
 * what failed and by how much, or why it cannot be evaluated. */
enum mx_gate_result mx_compliance_gate_failed(const struct mx_gate *g,
                                              const struct mx_compliance_summary *s, char *msg,
                                              size_t len);

#endif
