/*
 * junit_report.h - the --fail-on gates as JUnit XML (`--junit FILE`, docs/ci.md): one
 * testcase per gate, in the order given - passed, a <failure> (its message and the
 * incidents it counts) or an <error> when the data cannot evaluate it - so GitLab's and
 * Jenkins' test views show each gate. Text is XML-escaped (& < > " '), controls and
 * invalid UTF-8 become U+FFFD, so the file always parses.
 */
#ifndef MX_JUNIT_REPORT_H
#define MX_JUNIT_REPORT_H

#include <stddef.h>

#include "analyzer/compliance.h"
#include "reports/buf.h"

void mx_junit_report_write(struct mx_buf *b, const struct mx_gate_outcome *g, size_t n);

#endif
