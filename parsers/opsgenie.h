/*
 * opsgenie.h - Opsgenie and Jira Service Management Operations (the same alert API)
 * as records (docs/formats.md#opsgenie): alerts (GET /v2/alerts pages with data[], a
 * single alert as {"data":{...}}), alert logs (GET /v2/alerts/ID/logs pages) and
 * incidents (GET /v1/incidents).
 *
 * Each alert is an incident "opsgenie:TINYID" (its id when it has no tiny id), its id
 * its alternative id (mx_event.alt_id: the log pages file their entries under it):
 * createdAt is the detection, report.ackTime and report.closeTime (milliseconds after
 * createdAt) the acknowledgement and the close, by report.acknowledgedBy and closedBy -
 * automatic when that is no user (Opsgenie's users are e-mail addresses; the API,
 * integrations and policies are names). Logs are best effort from their documented
 * texts: "Alert acknowledged ...", "Alert closed ...", escalations, notifications sent
 * (pages, by medium); any other entry is a note. An incident is
 * "opsgenie_incident:TINYID": impactStartDate started, createdAt detected,
 * impactEndDate mitigated, status resolved or closed resolved at updatedAt (approximate:
 * the incident carries no time of the change). Priorities P1-P5 through the severity
 * mapping.
 */
#ifndef MX_OPSGENIE_H
#define MX_OPSGENIE_H

#include <stdbool.h>

#include "parsers/json_simd.h"
#include "parsers/record.h"

enum mx_opsgenie_shape {
    MX_OPSGENIE_NONE,
    MX_OPSGENIE_ALERT,    /* tinyId, none of an incident's keys */
    MX_OPSGENIE_LOG,      /* log, offset and createdAt */
    MX_OPSGENIE_INCIDENT, /* tinyId with impactStartDate, impactEndDate,
                           * impactedServices, ownerTeam or extraProperties */
};

/* Which Opsgenie object obj is, if any. */
enum mx_opsgenie_shape mx_opsgenie_shape(const struct mx_jval *obj);

/* Maps an object of that shape to events of r. A log needs the alert it belongs to:
 * r->page_link, its page's paging link (".../v2/alerts/ID/logs?identifierType=id"), or
 * the alert the log is embedded in. Returns false when the record was rejected. */
bool mx_opsgenie_record(struct mx_record *r, enum mx_opsgenie_shape shape,
                        const struct mx_jval *obj);

#endif
