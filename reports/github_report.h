/*
 * github_report.h - GitHub Actions workflow commands (`mttx check -f github`, docs/ci.md):
 * one `::error file=PATH,line=N,title=mttx::MESSAGE` or `::warning ...` annotation per
 * diagnostic (the first 10 of each kind), and a closing `::notice` with the counts. GitHub shows
 * annotations on the file and line they name; a record inside an archive or gzip member names the
 * file and says the member and line in the message (`logs.tar.gz!2026/03.jsonl:41: ...`).
 *
 * Escaping (GitHub's rules for workflow commands): in the message, % CR LF as %25 %0D
 * %0A; in a property also : and , as %3A %2C. Terminal controls were escaped by the
 * diagnostics sink already (mx_diag_escape): no byte can start another command.
 */
#ifndef MX_GITHUB_REPORT_H
#define MX_GITHUB_REPORT_H

#include <stdint.h>

#include "analyzer/result.h"
#include "reports/buf.h"

/* How many annotations of each kind (error, warning) one run writes: GitHub shows 10 of
 * each per step; the rest are counted in the closing notice. */
#define MX_GITHUB_MAX 10

/* Appends one annotation: kind "error" or "warning"; path the display path (an archive
 * member "A!M"), line 0 for none, index -1 for none; msg as the sink printed it. */
void mx_github_report_annotation(struct mx_buf *b, const char *kind, const char *path,
                                 uint64_t line, int64_t index, const char *msg);

/* Appends the closing notice: the check's counts and, when fewer diagnostics were
 * annotated than seen, how many were not. */
void mx_github_report_summary(struct mx_buf *b, const struct mx_result *r, uint64_t seen,
                              uint64_t annotated);

#endif
