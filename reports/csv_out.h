/*
 * csv_out.h - CSV cells for spreadsheets (docs/security.md#escaping-by-output): every text cell
 * quoted with quotes doubled; a cell whose first written byte is = + - @ TAB CR or LF
 * (after NUL bytes are dropped) gets a leading ' so no spreadsheet evaluates it as a
 * formula (report.json keeps the unmodified text).
 * Records end with CRLF (RFC 4180).
 */
#ifndef MX_CSV_OUT_H
#define MX_CSV_OUT_H

#include <stddef.h>

#include "reports/buf.h"

/* A quoted text cell (invalid UTF-8 as U+FFFD, NUL dropped). */
void mx_csv_out_text(struct mx_buf *b, const char *s, size_t n);
/* Separators. */
void mx_csv_out_comma(struct mx_buf *b);
void mx_csv_out_end(struct mx_buf *b);

#endif
