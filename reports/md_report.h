/*
 * md_report.h - report.md: GitHub-flavoured Markdown a team lead reads in two minutes.
 * Every string from input is escaped with mx_esc_md.
 */
#ifndef MX_MD_REPORT_H
#define MX_MD_REPORT_H

#include "analyzer/result.h"
#include "reports/charts.h"
#include "reports/buf.h"

#include "reports/prose.h"

/* The Markdown markup of the shared sentences (reports/prose.h): our words as they are,
 * values and patterns escaped; also used by audit.md and handoff.md. */
extern const struct mx_prose_markup mx_md_report_markup;

/* Appends the whole report to b. charts (may be NULL: none drawn) are linked as
 * charts/FILE, written beside report.md by the caller. */
void mx_md_report_write(struct mx_buf *b, const struct mx_result *r,
                        const struct mx_charts *charts);
/* The "Provenance" section (docs/spec.md#provenance): mttx's version, the command line,
 * the window, the as-of instant and where it came from, the zone, the configuration
 * file and its SHA-256, every input with its size and SHA-256. For report.md and
 * audit.md. */
void mx_md_report_provenance(struct mx_buf *b, const struct mx_result *r);
/* summary.md (`report -f summary`): a few lines for a CI job's summary page
 * ($GITHUB_STEP_SUMMARY, GitLab): the headline with the last complete month against the
 * one before, the --fail-on gates g[0..n) and their outcome, and the data quality in
 * one line. */
void mx_md_report_summary(struct mx_buf *b, const struct mx_result *r,
                          const struct mx_gate_outcome *g, size_t n);

#endif
