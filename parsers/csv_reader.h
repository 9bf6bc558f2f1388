/*
 * csv_reader.h - CSV rows with their positions, through libcsv in strict mode.
 *
 * libcsv gives neither line numbers nor bounds, and without CSV_STRICT_FINI an
 * unterminated quote swallows the rest of the file. So lines come from our line reader
 * (which owns numbering, CR/LF and the BOM) and are fed to libcsv one at a time; a
 * record starts on the first line fed after the previous record ended. Limits: a field
 * of at most max_field bytes, a record of at most max_record bytes and max_fields
 * fields; past one, the record is rejected and parsing resumes at the next line. A
 * quoting error (CSV_STRICT) rejects the record the same way. Every line must be
 * valid UTF-8: the first invalid byte stops the input (convert it first with
 * mx_stream_iconv).
 */
#ifndef MX_CSV_READER_H
#define MX_CSV_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/diag.h"
#include "parsers/lines.h"

struct mx_csv_limits {
    size_t max_field;  /* 1 MiB */
    size_t max_record; /* 4 MiB */
    size_t max_fields; /* 512 */
};

struct mx_csv_limits mx_csv_reader_limits_default(void);

/* A complete row: n fields, each (f[i], len[i]); f[i] is NUL-terminated too. line is
 * the record's first physical line. Valid during the callback. */
struct mx_csv_row {
    size_t n;
    const char *const *f;
    const size_t *len;
    uint64_t line;
};

struct mx_csv_handler {
    void *ctx;
    /* every row, the header included; false stops the reading (a header that says the
     * file is not one to read: the rest is not parsed) */
    bool (*row)(void *ctx, const struct mx_csv_row *row);
    /* a record that could not be read: its first line and why; false stops too */
    bool (*bad)(void *ctx, uint64_t line, enum mx_reason reason, const char *msg);
};

enum mx_csv_status {
    MX_CSV_OK,
    MX_CSV_STREAM_ERROR, /* the stream failed: mx_stream_error says why */
    MX_CSV_NOT_UTF8      /* *bad_offset: the first invalid byte, *bad_line its line */
};

/* Reads every row of lr. */
enum mx_csv_status mx_csv_reader_read(struct mx_lines *lr, const struct mx_csv_limits *lim,
                                      const struct mx_csv_handler *h, uint64_t *bad_offset,
                                      uint64_t *bad_line);

#endif
