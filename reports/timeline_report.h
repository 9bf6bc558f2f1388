/*
 * timeline_report.h - one incident at a time: its timeline (Markdown, JSON), a
 * postmortem draft in the process document's format, and the on-call handoff.
 *
 * The draft is blameless unless asked otherwise: people appear by role (responder,
 * incident commander), not by name.
 */
#ifndef MX_TIMELINE_REPORT_H
#define MX_TIMELINE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/metrics.h"
#include "reports/out.h"

/* The index (for mx_tl_get) of the incident called id, or (size_t)-1. */
size_t mx_timeline_find(const struct mx_result *r, const char *id);

/* Incident i's timeline: events with source positions, milestones, durations,
 * anomalies, compliance. */
void mx_timeline_md(struct mx_buf *b, const struct mx_result *r, size_t i);
void mx_timeline_json(struct mx_buf *b, const struct mx_result *r, size_t i);

/* A postmortem draft for incident i; names: actors by name instead of role. */
void mx_postmortem_md(struct mx_buf *b, const struct mx_result *r, size_t i, bool names);
/* "YYYY-MM-DD-slug.md": the local date of detection and a slug of the title (or id). */
void mx_postmortem_filename(char *out, size_t cap, const struct mx_result *r, size_t i);

/* The on-call handoff at r->as_of. */
void mx_handoff_md(struct mx_buf *b, const struct mx_result *r);

#endif
