/*
 * handoff_report.h - the on-call handoff at the report's as-of (mttx handoff): open
 * incidents, the incidents of the last 48 hours and services that keep coming back.
 */
#ifndef MX_HANDOFF_REPORT_H
#define MX_HANDOFF_REPORT_H

#include "analyzer/result.h"
#include "reports/buf.h"

/* The on-call handoff at r->as_of. */
void mx_handoff_report_md(struct mx_buf *b, const struct mx_result *r);

#endif
