/*
 * audit_report.h - mttx audit: one row per incident under each rule of the process,
 * with its deadline, what happened, its status and lateness, and the evidence (the
 * path:line of every event used); a summary per month and severity. Markdown, CSV
 * (safe for spreadsheets) and JSON (schema mttx-audit/1, docs/audit-json.md).
 */
#ifndef MX_AUDIT_REPORT_H
#define MX_AUDIT_REPORT_H

#include "analyzer/result.h"
#include "reports/buf.h"

/* audit.md: the summary, a section per rule that was measured, what was not measured, the
 * anti-patterns and the rules applied. */
void mx_audit_report_md(struct mx_buf *b, const struct mx_result *r);
/* audit.csv: one row per rule and incident. */
void mx_audit_report_csv(struct mx_buf *b, const struct mx_result *r);
/* audit.json: the same rows as objects, with the measured flags. */
void mx_audit_report_json(struct mx_buf *b, const struct mx_result *r);

#endif
