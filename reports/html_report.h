/*
 * html_report.h - report.html: one self-contained file (inline CSS and SVG charts, no
 * script, no external request, a Content-Security-Policy that forbids them), readable
 * without JavaScript, in dark mode and in print. Every string from input is escaped
 * with mx_esc_html.
 */
#ifndef MX_HTML_REPORT_H
#define MX_HTML_REPORT_H

#include "analyzer/result.h"
#include "reports/charts.h"
#include "reports/buf.h"

/* Appends the page to b; charts may hold no SVG (notes are shown instead). */
/* The timelines the appendix lists at most: beyond, the open ones, SEV1-2, then the
 * longest (the rest are in timelines.jsonl). */
#define MX_HTML_REPORT_TIMELINES 1000

void mx_html_report_write(struct mx_buf *b, const struct mx_result *r,
                          const struct mx_charts *charts);

#endif
