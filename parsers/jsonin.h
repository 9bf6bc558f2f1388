/*
 * jsonin.h - JSON inputs: one JSON value per line (mttx native records, PagerDuty
 * objects, pages on one line), or one JSON document (a pretty-printed page, a bare
 * array). Each line or element is dispatched by its shape (pagerduty_json.h) or read
 * as a native record (native.h).
 *
 * Positions: a line is PATH:LINE; an element of a page or array is PATH:LINE#INDEX,
 * LINE being the line where the value (the line's or the document's) starts.
 */
#ifndef MX_JSONIN_H
#define MX_JSONIN_H

#include "parsers/input.h"

/* Reads stream s (input src) line by line. Returns 0, or -1 when the stream failed. */
int mx_jsonin_lines(struct mx_reader *rd, struct mx_stream *s, uint32_t src);
/* Reads stream s (input src) as one JSON document of at most opts.json_doc_max bytes.
 * Returns 0, or -1 when the stream failed or the document is over the limit. */
int mx_jsonin_document(struct mx_reader *rd, struct mx_stream *s, uint32_t src);

/* Whether a JSON input whose first bytes are head[0..n) is one document rather than
 * lines: a bare array alone on its line, or a first line that opens a structure
 * and ends with '{', '[', ',' or ':' (pretty-printed JSON). */
bool mx_jsonin_is_document(const char *head, size_t n);

#endif
