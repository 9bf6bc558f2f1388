/*
 * incidentio.h - incident.io API v2 incidents (GET /v2/incidents pages with
 * incidents[], GET /v2/incidents/ID as {"incident":{...}}) as records
 * (docs/formats.md#incidentio).
 *
 * An incident is "incidentio:INC-123" (its reference). Its incident_timestamp_values
 * give its milestones by name (mx_incidentio_names: "Reported at" -> detected, and so
 * on; an account that renamed them maps its own names in the config's
 * [incidentio timestamps] section); without a reported time, created_at is the
 * detection. The status category decides the end: learning or closed - resolved (at
 * "Resolved at", else "Closed at"); merged, declined or canceled - left out of the
 * metrics like a PagerDuty merge; any other - open, whatever resolution time it still
 * carries (kept as a note). Severity by its name (Critical, Major, Minor -> SEV1-SEV3
 * by default), the incident lead -> commander, the Slack channel -> channel.
 */
#ifndef MX_INCIDENTIO_H
#define MX_INCIDENTIO_H

#include <stdbool.h>

#include "parsers/event.h"
#include "parsers/json_simd.h"
#include "parsers/record.h"

#define MX_INCIDENTIO_NAMES_MAX 32

/* Timestamp names and the event each one is. */
struct mx_incidentio_names {
    size_t n;
    struct {
        char name[64];       /* lower-case, without a trailing " at" */
        enum mx_evtype type; /* MX_EV_NOTE: kept as a note under its own name */
        bool fallback;       /* taken only when no other timestamp gives this type */
    } e[MX_INCIDENTIO_NAMES_MAX];
};

/* The default names: Reported -> detected, Impact started -> started, Accepted ->
 * acknowledged, Fixed -> mitigated, Resolved -> resolved, Closed -> resolved when
 * nothing else resolves. */
void mx_incidentio_names_default(struct mx_incidentio_names *m);
/* Sets name -> type (a name given as "X at" or "X" alike). Returns false when the table
 * is full or the name longer than 63 bytes. */
bool mx_incidentio_names_set(struct mx_incidentio_names *m, const char *name, size_t n,
                             enum mx_evtype type);

/* Whether obj is an incident.io incident, or {"incident":{...}} holding one: an
 * incident_status with a category, or incident_timestamp_values. */
bool mx_incidentio_is(const struct mx_jval *obj);

/* Maps an incident to events of r, its timestamp names read through names (the
 * defaults when NULL). Returns false when the record was rejected. */
bool mx_incidentio_record(struct mx_record *r, const struct mx_jval *obj,
                          const struct mx_incidentio_names *names);

#endif
