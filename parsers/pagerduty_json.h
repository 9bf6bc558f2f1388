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
#include "parsers/shape.h"

/* The "time_zone" of a page, or an empty view. */
struct mx_str mx_pagerduty_json_page_zone(const struct mx_jval *page);

/* Maps one record of a PagerDuty shape (parsers/shape.h) to events of r. Returns false
 * when the record was rejected. */
bool mx_pagerduty_json_record(struct mx_record *r, enum mx_shape shape, const struct mx_jval *obj);

#endif
