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

void mx_audit_report_md(struct mx_buf *b, const struct mx_result *r);
void mx_audit_report_csv(struct mx_buf *b, const struct mx_result *r);
void mx_audit_report_json(struct mx_buf *b, const struct mx_result *r);

#endif
