/*
 * json_report.h - report.json (schema mttx-report/3, docs/spec.md#outputs; every key is
 * documented in docs/report-json.md) and timelines.jsonl, its per-incident companion.
 */
#ifndef MX_JSON_REPORT_H
#define MX_JSON_REPORT_H

#include "analyzer/result.h"
#include "reports/buf.h"

/* Appends timeline i's object, as a line of timelines.jsonl holds it. */
void mx_json_report_timeline(struct mx_buf *b, const struct mx_result *r, size_t i);

/* timelines.jsonl: one object per incident of the window (merged and excluded ones
 * included), one per line, in timeline order (docs/report-json.md#timelinesjsonl). */
void mx_json_report_timelines(struct mx_buf *b, const struct mx_result *r, int threads);
/* The same with chunks of about chunk_bytes instead of 256 KiB: for the fuzz target,
 * whose small inputs then reach many chunks and direct ones. The same bytes at any size. */
void mx_json_report_timelines_in(struct mx_buf *b, const struct mx_result *r, int threads,
                                 size_t chunk_bytes);

/* Appends the whole document (ending in a newline) to b. */
void mx_json_report_write(struct mx_buf *b, const struct mx_result *r);

/* The provenance keys every JSON output starts with (docs/spec.md#provenance): "mttx"
 * (version, command), "as_of", "timezone", "window" (from, to, as_of, as_of_source) and
 * "config", each line ending in ",\n". */
void mx_json_report_provenance(struct mx_buf *b, const struct mx_result *r);
/* "inputs": one object per input (path, size, sha256, format, records, accepted,
 * duplicates, rejected ...), ending in ",\n". */
void mx_json_report_inputs(struct mx_buf *b, const struct mx_result *r);

/* "totals", "rejected_by_reason", "warnings_by_kind", "skipped_files"; then
 * "rejections" (the first MX_DIAG_KEEP of each reason); each ending in ",\n". */
void mx_json_report_totals(struct mx_buf *b, const struct mx_result *r);
void mx_json_report_rejections(struct mx_buf *b, const struct mx_result *r);

/* `mttx check -f json` (schema mttx-check/1, docs/report-json.md#mttx-check--f-json): the
 * check table as report.json writes its inputs, totals, rejections by reason,
 * warnings by kind and skipped files. */
void mx_json_report_check(struct mx_buf *b, const struct mx_result *r);

#endif
