/*
 * policy.h - the incident process's targets and deadlines (docs/spec.md#compliance), as plain
 * data: defaults from the process document, overridable in the configuration file's
 * [targets], [postmortem] and [calendar] sections (config.h).
 */
#ifndef MX_POLICY_H
#define MX_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "parsers/event.h"
#include "parsers/tz.h"

#define MX_NO_TARGET         (-1) /* the rule does not apply */
#define MX_NEXT_BUSINESS_DAY (-2) /* by the end of the next business day */
#define MX_MAX_HOLIDAYS      512

/* The metrics a metric target can judge (docs/spec.md#metric-targets), in the order
 * the reports list them. */
enum mx_target_metric { MX_TM_MTTA, MX_TM_MTTR, MX_TM_MTTM, MX_TM_MTTD, MX_TM__COUNT };
#define MX_TARGET_ALL MX_SEV__COUNT /* metric_ms index: every incident, not one severity */

/* "mtta", ... (the [targets] key prefixes and report.json's names). */
const char *mx_policy_metric_name(enum mx_target_metric m);

/* One person's zone for the on-call bands ([oncall] timezone.NAME = ZONE). */
struct mx_person_zone {
    char *name; /* exactly as in the data */
    const struct mx_zone *zone;
};

struct mx_policy {
    /* metric targets: a month's median of the metric under this, for one severity
     * (SEV1..SEV4) or every incident (MX_TARGET_ALL); MX_NO_TARGET when none */
    int64_t metric_ms[MX_TM__COUNT][MX_SEV__COUNT + 1];
    int64_t response_ms[MX_SEV__COUNT];   /* acknowledgement target; index by severity */
    int64_t postmortem_ms[MX_SEV__COUNT]; /* deadline from resolution */
    int64_t cadence_ms[MX_SEV__COUNT];    /* status updates while open */
    int64_t war_room_ms;                  /* SEV1 open longer than this needs a war room */
    int64_t regulator_ms;                 /* security incidents: notification deadline */
    unsigned workdays;                    /* bit per weekday, 1 << 0 = Sunday */
    int64_t holidays[MX_MAX_HOLIDAYS];    /* local dates, days since 1970-01-01, sorted */
    size_t n_holidays;
    int64_t flap_window_ms; /* [noise] flap_window: a detection this soon after the resolution
                             * of the same service and title flaps */
    /* the on-call bands, minutes of the local day [from, to) (to < from wraps past
     * midnight): business hours on business days, sleep hours any day */
    int business_from, business_to, sleep_from, sleep_to;
    const struct mx_person_zone *person_zones; /* borrowed (the configuration owns them) */
    size_t n_person_zones;
};

/* The process document: metric targets MTTA SEV1 5 min, MTTR SEV1 1 h, MTTD 5 min
 * (every incident); response SEV1 15 min, SEV2 30 min, SEV3 2 h, SEV4 next business
 * day; postmortem SEV1-2 48 h, SEV3 7 days; updates SEV1 30 min, SEV2 60 min; war room
 * after 30 min of SEV1; regulator 72 h; Monday to Friday, no holidays; flapping within
 * 24 h; business hours 08:00-18:00, sleep hours 22:00-08:00 (PagerDuty's bands). */
void mx_policy_default(struct mx_policy *p);

/* Reads a duration: "90s", "15m", "2h", "7d", "1h30m"; "none" is MX_NO_TARGET. Returns
 * false when unreadable. */
int mx_policy_duration(const char *s, int64_t *ms);

#endif
