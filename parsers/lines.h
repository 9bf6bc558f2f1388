/*
 * lines.h - the line reader: splits a stream into records with their line numbers.
 *
 * Returns (pointer, length) views into one reused buffer; the view is valid until the
 * next call and is followed by at least MX_JSON_PADDING readable bytes (simdjson reads
 * past the end). A UTF-8 BOM at the start of the stream and a CR before LF are
 * stripped. A line longer than the cap is reported once as MX_LINE_TOO_LONG and
 * skipped; reading goes on at the next line. A line holding a NUL byte is reported as
 * MX_LINE_NUL (NUL is data to reject, never a terminator).
 */
#ifndef MX_LINES_H
#define MX_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/stream.h"

#define MX_LINE_MAX_DEFAULT ((size_t)1 << 20)

enum mx_line_status {
    MX_LINE_OK,
    MX_LINE_TOO_LONG, /* p and n not set; lineno is the long line's number */
    MX_LINE_NUL,      /* p and n set */
    MX_LINE_END,      /* no more lines */
    MX_LINE_ERROR     /* the stream failed: mx_stream_error(stream) says why */
};

struct mx_lines; /* opaque */

/* A reader of stream (borrowed: it must outlive the reader) with lines of at most
 * max_line bytes, terminator excluded. Never NULL. */
struct mx_lines *mx_lines_new(struct mx_stream *stream, size_t max_line);
/* Accepts NULL. */
void mx_lines_free(struct mx_lines *r);

/* The byte offset, in the stream, of the start of the last line returned (its BOM
 * included). */
uint64_t mx_lines_offset(const struct mx_lines *r);

/* The next line. *lineno is its 1-based number. */
enum mx_line_status mx_lines_next(struct mx_lines *r, const char **p, size_t *n, uint64_t *lineno);

/* Whether p[0..n) holds only spaces, tabs and line ends (a blank line). */
bool mx_lines_blank(const char *p, size_t n);

#endif
