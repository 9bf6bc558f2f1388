/*
 * firehydrant.h - FireHydrant incidents (GET /v1/incidents pages with data[], or one
 * incident object) as records (docs/formats.md#firehydrant).
 *
 * An incident is "firehydrant:NUMBER" (its number; its id when it has none). Its
 * milestones are its history: each type becomes the event of the same name
 * (postmortem_completed -> postmortem_published; closed -> resolved when no resolved
 * milestone; investigating, identified, postmortem_started -> notes; a type FireHydrant
 * lets an account define -> a note with a warning). The deprecated milestones[] is read
 * when present, else the milestones of lifecycle_phases[] (by slug). Without a detected
 * milestone, created_at is the detection. Severity by its slug (SEV1-SEV4 as
 * themselves, SEV5 -> SEV4, UNSET -> unassigned, others through the [severity]
 * mapping); the first service, the incident's Slack channel and its URL.
 */
#ifndef MX_FIREHYDRANT_H
#define MX_FIREHYDRANT_H

#include <stdbool.h>

#include "parsers/json_simd.h"
#include "parsers/record.h"

/* Whether obj is a FireHydrant incident: milestones[] or lifecycle_phases[] with a
 * number or a current_milestone. */
bool mx_firehydrant_is(const struct mx_jval *obj);

/* Maps an incident to events of r. Returns false when the record was rejected. */
bool mx_firehydrant_record(struct mx_record *r, const struct mx_jval *obj);

#endif
