/*
 * esc.h - escaping of untrusted strings for each output: from the raw value, at the
 * point of output, never reusing another format's escaping (docs/security.md#escaping-by-output).
 */
#ifndef MX_ESC_H
#define MX_ESC_H

#include <stddef.h>

#include "reports/buf.h"

/* A JSON string with quotes: " \ and U+0000-U+001F escaped, C1 and bidirectional
 * controls as \uXXXX (the same text, harmless when the file is shown on a terminal),
 * invalid UTF-8 as U+FFFD. */
void mx_esc_json(struct mx_buf *b, const char *s, size_t n);
/* HTML element content: & < > " ' as entities; line breaks and tabs as spaces; other
 * C0/C1 controls, noncharacters and invalid UTF-8 as U+FFFD; a value holding a
 * bidirectional control is wrapped in <bdi> so it cannot reorder the text around it
 * (hence never for attribute values, which hold no input). */
void mx_esc_html(struct mx_buf *b, const char *s, size_t n);
/* mx_esc_json without the surrounding quotes. */
void mx_esc_json_body(struct mx_buf *b, const char *s, size_t n);
/* Markdown text or table cell: every ASCII punctuation character backslash-escaped
 * (CommonMark 2.4), CR/LF/TAB as spaces, other controls and invalid UTF-8 as U+FFFD,
 * a zero-width space after '@' (GFM would otherwise link an e-mail address), and a
 * value holding a bidirectional control isolated between U+2068 and U+2069. */
void mx_esc_md(struct mx_buf *b, const char *s, size_t n);
/* The NUL-terminated s as a terminal may show it (mx_diag_escape: controls, invalid
 * UTF-8, C1 and bidirectional controls as \xHH); returns the bytes written. With b NULL
 * it only counts them (to size a column). */
size_t mx_esc_term(struct mx_buf *b, const char *s);

#endif
