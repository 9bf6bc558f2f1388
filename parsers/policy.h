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

#define MX_NO_TARGET         (-1) /* the rule does not apply */
#define MX_NEXT_BUSINESS_DAY (-2) /* by the end of the next business day */
#define MX_MAX_HOLIDAYS      512

/* The metrics a metric target can judge (docs/spec.md#metric-targets), in the order
 * the reports list them. */
enum mx_target_metric { MX_TM_MTTA, MX_TM_MTTR, MX_TM_MTTM, MX_TM_MTTD, MX_TM__COUNT };
#define MX_TARGET_ALL MX_SEV__COUNT /* metric_ms index: every incident, not one severity */

/* "mtta", ... (the [targets] key prefixes and report.json's names). */
const char *mx_policy_metric_name(enum mx_target_metric m);

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
};

/* The process document: metric targets MTTA SEV1 5 min, MTTR SEV1 1 h, MTTD 5 min
 * (every incident); response SEV1 15 min, SEV2 30 min, SEV3 2 h, SEV4 next business
 * day; postmortem SEV1-2 48 h, SEV3 7 days; updates SEV1 30 min, SEV2 60 min; war room
 * after 30 min of SEV1; regulator 72 h; Monday to Friday, no holidays. */
void mx_policy_default(struct mx_policy *p);

/* Reads a duration: "90s", "15m", "2h", "7d", "1h30m"; "none" is MX_NO_TARGET. Returns
 * false when unreadable. */
int mx_policy_duration(const char *s, int64_t *ms);

#endif
