/*
 * postmortem_report.h - a postmortem draft for one incident, in the process document's
 * format (mttx timeline --postmortem DIR). The draft is blameless unless asked
 * otherwise: people appear by role (responder, incident commander), not by name.
 */
#ifndef MX_POSTMORTEM_REPORT_H
#define MX_POSTMORTEM_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/result.h"
#include "reports/buf.h"

/* A postmortem draft for incident i; names: actors by name instead of role. */
void mx_postmortem_report_md(struct mx_buf *b, const struct mx_result *r, size_t i, bool names);
/* "YYYY-MM-DD-slug.md": the local date of detection and a slug of the title (or id). */
void mx_postmortem_report_filename(char *out, size_t cap, const struct mx_result *r, size_t i);

#endif
