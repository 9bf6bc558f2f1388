/*
 * pagerduty_json.h - PagerDuty's JSON shapes as records: REST log entries and
 * incidents, webhook v3 events and v2 messages, and the pages that hold them
 * (docs/formats.md#pagerduty-rest-api, docs/formats.md#pagerduty-webhooks).
 *
 * Log entries and webhook events are history: each becomes the event of its type at
 * its own time, with its id as the record's uid (at-least-once delivery and
 * overlapping pages repeat them). An incident object - a REST incident, webhook data
 * of type incident, a v2 message's incident - carries facts, not history: created_at
 * is a detection, resolved_at (or, in old payloads, last_status_change_at when
 * resolved) a resolution, automatic when a service or integration made it; a merge
 * resolve reason makes the incident merged. Its status alone never creates an event.
 * Priorities and urgencies become severities through the severity mapping.
 */
#ifndef MX_PAGERDUTY_JSON_H
#define MX_PAGERDUTY_JSON_H

#include <stdbool.h>

#include "parsers/jfield.h"
#include "parsers/json_simd.h"
#include "parsers/record.h"

enum mx_pd_shape {
    MX_PD_NONE,       /* not a PagerDuty shape (native, or unrecognised) */
    MX_PD_LOG_ENTRY,  /* {"type":"..._log_entry", ...} or {"log_entry":{...}} */
    MX_PD_INCIDENT,   /* {"type":"incident", ...} or {"incident":{...}} */
    MX_PD_WEBHOOK_V3, /* {"event":{"event_type":...}} */
    MX_PD_WEBHOOK_V2, /* one message: {"event":"incident.trigger","incident":{...}} */
    MX_PD_ANALYTICS,  /* an Analytics raw incident: {"seconds_to_first_ack":...} */
    MX_PD_PAGE,       /* {"log_entries":[...]}, {"incidents":[...]}, {"messages":[...]},
                       * {"data":[...]} (Analytics) or {"data":{...}} */
    MX_PD_UNSUPPORTED /* another platform's shape, or PagerDuty v1 (parsers/unsupported.h) */
};

/* Classifies a JSON object. For MX_PD_PAGE, *items is the array of records (or the
 * one record, for {"data":{...}}) and *kind names it ("log_entries", "data", ...); for
 * MX_PD_UNSUPPORTED, *kind is the rejection's message (mx_unsupported_shape).
 * Analytics pages carry a "time_zone" for their offset-less times: see
 * mx_pagerduty_json_page_zone. */
enum mx_pd_shape mx_pagerduty_json_shape(const struct mx_jval *obj, struct mx_jval *items,
                                         const char **kind);
/* The same, from obj's keys already read (mx_jfield_collect). */
enum mx_pd_shape mx_pagerduty_json_shape_of(const struct mx_jval *obj, const struct mx_jobj *f,
                                            struct mx_jval *items, const char **kind);

/* The "time_zone" of a page, or an empty view. */
struct mx_str mx_pagerduty_json_page_zone(const struct mx_jval *page);

/* Maps one record of a non-page shape to events of r. Returns false when the record
 * was rejected. */
bool mx_pagerduty_json_record(struct mx_record *r, enum mx_pd_shape shape,
                              const struct mx_jval *obj);

#endif
