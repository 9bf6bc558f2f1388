/*
 * check_report.h - mttx check's table: one row per input (format, records, accepted,
 * duplicates, rejected), the kinds of records and rejection reasons beneath it, and a
 * total row. Plain text for a terminal: paths and failure messages are escaped as
 * diagnostics are (mx_diag_escape), so no input byte can drive the terminal.
 */
#ifndef MX_CHECK_REPORT_H
#define MX_CHECK_REPORT_H

#include <stdbool.h>

#include "analyzer/result.h"
#include "reports/buf.h"

/* Appends the table for r to b; verbose (-v) adds, under an input with duplicates, how
 * many repeated a source id and how many restated an event already known. */
void mx_check_report_text(struct mx_buf *b, const struct mx_result *r, bool verbose);

#endif
