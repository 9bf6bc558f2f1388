/*
 * csv_report.h - incidents.csv: one row per incident with its timeline fields, for a
 * spreadsheet (cells escaped per csv_out.h).
 */
#ifndef MX_CSV_REPORT_H
#define MX_CSV_REPORT_H

#include "analyzer/result.h"
#include "reports/buf.h"

/* Appends the header row and one CRLF row per incident in the window to b. */
void mx_csv_report_write(struct mx_buf *b, const struct mx_result *r);

#endif
