/*
 * shape.h - what a JSON object is: an mttx native record, one of PagerDuty's shapes,
 * another platform's object, a page of such objects, or a shape recognised but not
 * read (parsers/unsupported.h). Decided from content alone, never from file names
 * (docs/formats.md#detection).
 *
 * The tests run from the cheapest and most common: a native record (a time that is no
 * object and a string event) is known from the keys already collected
 * (mx_jfield_collect); PagerDuty's shapes next; the other platforms only for objects
 * that are none of these, each by keys its documented objects always carry together.
 * incident.io's {"incident":{...}} looks like PagerDuty's GET /incidents/ID wrapper,
 * so it is asked for before that wrapper is taken.
 */
#ifndef MX_SHAPE_H
#define MX_SHAPE_H

#include "parsers/diag.h"
#include "parsers/jfield.h"
#include "parsers/json_simd.h"

enum mx_shape {
    MX_SHAPE_NATIVE,            /* an mttx native record, or nothing recognised */
    MX_SHAPE_PD_LOG_ENTRY,      /* {"type":"..._log_entry", ...} or {"log_entry":{...}} */
    MX_SHAPE_PD_INCIDENT,       /* {"type":"incident", ...} or {"incident":{...}} */
    MX_SHAPE_PD_WEBHOOK_V3,     /* {"event":{"event_type":...}} */
    MX_SHAPE_PD_WEBHOOK_V2,     /* one message: {"event":"incident.trigger","incident":{...}} */
    MX_SHAPE_PD_ANALYTICS,      /* an Analytics raw incident: {"seconds_to_first_ack":...} */
    MX_SHAPE_INCIDENTIO,        /* an incident.io v2 incident, or {"incident":{...}} of one */
    MX_SHAPE_FIREHYDRANT,       /* a FireHydrant incident with milestones */
    MX_SHAPE_ROOTLY,            /* a Rootly JSON:API resource of type "incidents" */
    MX_SHAPE_GRAFANA_ONCALL,    /* a Grafana OnCall alert group */
    MX_SHAPE_OPSGENIE_ALERT,    /* an Opsgenie / JSM alert */
    MX_SHAPE_OPSGENIE_LOG,      /* an entry of an Opsgenie alert's log */
    MX_SHAPE_OPSGENIE_INCIDENT, /* an Opsgenie incident */
    MX_SHAPE_PAGE,              /* an object holding records: {"log_entries":[...]},
                                 * {"incidents":[...]}, {"messages":[...]}, {"data":[...]},
                                 * {"data":{...}} (with a time_zone or a requestId, or of a
                                 * Rootly resource), {"results":[...],"next":...} */
    MX_SHAPE_UNSUPPORTED,       /* recognised, not read (parsers/unsupported.h) */
    MX_SHAPE__COUNT
};

/* Classifies the object obj whose keys f holds (mx_jfield_collect). For MX_SHAPE_PAGE,
 * *items is the array of records (or the one record of {"data":{...}}) and *kind
 * names the key ("log_entries", "data", ...); for MX_SHAPE_UNSUPPORTED, *kind is the
 * rejection's message. */
enum mx_shape mx_shape_of(const struct mx_jval *obj, const struct mx_jobj *f, struct mx_jval *items,
                          const char **kind);

/* The kind an accepted record of shape s is counted as (MX_K_NATIVE for a page or an
 * unsupported shape, which are never counted). */
enum mx_kind mx_shape_kind(enum mx_shape s);

#endif
