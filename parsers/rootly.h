/*
 * rootly.h - Rootly incidents, JSON:API resources of type "incidents" (GET /v1/incidents
 * pages {"data":[...]} and single {"data":{...}}), as records
 * (docs/formats.md#rootly).
 *
 * An incident is "rootly:N" (its sequential_id; its id when it has none). Its
 * attributes' times are its milestones: started_at, detected_at (else created_at),
 * acknowledged_at, mitigated_at, resolved_at (else closed_at) by name, with the
 * started_by / mitigated_by / resolved_by users as actors; a cancelled incident
 * (cancelled_at, or status cancelled) is left out of the metrics like a PagerDuty
 * merge. Severity: its slug or name through the [severity] mapping, else its level
 * (critical, high, medium, low -> SEV1-SEV4); the first service, the first team
 * (groups), the Slack channel, the URL.
 */
#ifndef MX_ROOTLY_H
#define MX_ROOTLY_H

#include <stdbool.h>

#include "parsers/json_simd.h"
#include "parsers/record.h"

/* Whether obj is a Rootly incident resource: type "incidents" with attributes. */
bool mx_rootly_is(const struct mx_jval *obj);

/* Maps an incident to events of r. Returns false when the record was rejected. */
bool mx_rootly_record(struct mx_record *r, const struct mx_jval *obj);

#endif
