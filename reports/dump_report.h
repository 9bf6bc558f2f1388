/*
 * dump_report.h - one normalized event as a line, for --debug-dump-events and the
 * parser examples of tests/spec/:
 *
 *     PATH:LINE[#INDEX] TAB TIME TAB "INCIDENT" TAB TYPE TAB SEVERITY [TAB extras]
 *
 * TIME is RFC 3339 UTC; the incident and the extras' values (type=, actor=, service=,
 * title=) are JSON strings, so a TAB or newline in input cannot split a line. When set, auto
 * comes first among the extras and class=... last.
 */
#ifndef MX_DUMP_REPORT_H
#define MX_DUMP_REPORT_H

#include "parsers/event.h"
#include "reports/buf.h"

/* Appends ev's line, newline included, to b. */
void mx_dump_report_event(struct mx_buf *b, const struct mx_event *ev);

#endif
