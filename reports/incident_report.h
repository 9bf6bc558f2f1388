/*
 * incident_report.h - one incident's reconstructed timeline (mttx timeline): its events
 * with their source positions, milestones, durations, anomalies and compliance.
 */
#ifndef MX_INCIDENT_REPORT_H
#define MX_INCIDENT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/result.h"
#include "reports/buf.h"

/* Incident i's timeline: events with source positions, milestones, durations,
 * anomalies, compliance. */
void mx_incident_report_md(struct mx_buf *b, const struct mx_result *r, size_t i);
void mx_incident_report_json(struct mx_buf *b, const struct mx_result *r, size_t i);

#endif
