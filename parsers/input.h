/*
 * input.h - the input layer: turns paths (files, directories, "-") into streams,
 * detects compression and format from content, numbers lines, and feeds each record
 * to the parser of its format. Each input is registered with the diagnostics sink,
 * which counts its records, rejections and warnings.
 */
#ifndef MX_INPUT_H
#define MX_INPUT_H

#include <stddef.h>

#include "parsers/csv_reader.h"
#include "parsers/diag.h"
#include "parsers/event.h"
#include "parsers/record.h"
#include "parsers/sevmap.h"
#include "parsers/stream.h"
#include "parsers/tz.h"

struct mx_read_opts {
    const char *stdin_label;        /* the display path of standard input; NULL: "-" */
    size_t max_line;                /* bytes per line, terminator excluded (1 MiB) */
    size_t json_depth;              /* nesting limit (64) */
    const struct mx_zone *zone;     /* for times without an offset; borrowed, must be set */
    const struct mx_sevmap *sevmap; /* severity labels; borrowed, must be set */
    const struct mx_incidentio_names *incidentio; /* borrowed; NULL: the defaults */
    const char *csv_encoding; /* iconv name CSV inputs are converted from, or NULL */
    struct mx_gzip_limits gz;
    uint64_t max_entries; /* archive entries per archive (100,000) */
    size_t json_doc_max;  /* a JSON document (page, array) in bytes (64 MiB) */
    struct mx_csv_limits csv;
    const struct mx_line_format *formats; /* custom line formats (custom.h); borrowed */
    size_t n_formats;
    const struct mx_line_format *forced; /* --input-format: every text input; or NULL */
    int threads; /* parsing threads for long JSON-lines inputs (1: this thread only) */
    bool hash;   /* the SHA-256 of every file read to its end (mx_input_stat.digest) */
};

/* The defaults of docs/security.md#limits. */
struct mx_read_opts mx_input_opts_default(void);

struct mx_json_simd;
struct mx_line_format;

/* Called every MX_PROGRESS_EVERY lines of an input, for a progress display: the input's
 * path and its lines so far. The callback is cheap to call; it decides how often to draw. */
#define MX_PROGRESS_EVERY ((uint64_t)1 << 14)
typedef void (*mx_progress_fn)(void *ctx, const char *path, uint64_t lines);

struct mx_reader {
    struct mx_diag *diag; /* borrowed */
    mx_event_fn fn;       /* receives every accepted event */
    void *ctx;
    mx_progress_fn progress; /* optional */
    void *progress_ctx;
    int file_fd;         /* the regular file being read (a top-level input), or -1 */
    uint64_t file_size;  /* its size */
    uint64_t files_done; /* the bytes of the regular files read to their end or failed */
    struct mx_read_opts opts;
    struct mx_json_simd *json; /* owned: the line parser */
    struct mx_record rec;      /* owned: the record sink every format reports to */
};

/* One non-blank line of a line-based input (its position in *pos); returns false to
 * stop reading the input, after reporting why. */
typedef bool (*mx_line_fn)(struct mx_reader *rd, const struct mx_pos *pos, const char *p, size_t n,
                           void *ctx);

/* What every line-based reader shares: reads the lines of s (input src), calls the
 * progress callback, rejects lines too long (line_too_long) or holding a NUL byte
 * (nul_byte), skips blank lines (only spaces and tabs: not records), and passes every
 * other line to fn. A stream error fails the input. Returns 0, or -1 when the input
 * failed or fn stopped. */
int mx_input_lines(struct mx_reader *rd, struct mx_stream *s, uint32_t src, mx_line_fn fn,
                   void *ctx);

/* mx_input_lines on opts.threads parsing threads once the input proves long (a first
 * batch of 8,192 lines or 1 MiB fills): this thread reads and cuts lines, workers parse
 * them with readers of their own (fn gets the worker's reader; its record sink logs),
 * and the logs are replayed here in input order: the diagnostics, counts and events are
 * those of mx_input_lines, in the same order. fn must never stop the input (return
 * false) and must keep its state in the reader it is given. */
int mx_input_lines_parallel(struct mx_reader *rd, struct mx_stream *s, uint32_t src, mx_line_fn fn,
                            void *ctx);

/* Prepares a reader; fn(ctx, ev) is called for every accepted record. */
void mx_input_init(struct mx_reader *rd, struct mx_diag *d, const struct mx_read_opts *opts,
                   mx_event_fn fn, void *ctx);
/* Releases what the reader owns. Accepts NULL. */
void mx_input_free(struct mx_reader *rd);

/* Reads a file, a directory (recursively, entries in byte order of their names,
 * dot-files skipped) or "-" (standard input). Problems are reported through the
 * diagnostics sink. Returns 0 when every input was read to its end, -1 when one
 * could not be opened or was damaged. */
int mx_input_read_path(struct mx_reader *rd, const char *path);

/* The bytes of regular files read so far: those of every file read before, and the
 * read offset in the current one (a gzip file counts its compressed bytes; the read-ahead
 * thread may be up to 1 MiB ahead of the parsing). Standard input and pipes count nothing. */
uint64_t mx_input_bytes_read(const struct mx_reader *rd);

/* The total size of the regular files mx_input_read_path would read for path (the same
 * walk: dot-files skipped, symlinked directories not followed). *known is set false when
 * path is "-" or something other than a file or a directory (a pipe): no total then. */
uint64_t mx_input_size(const char *path, bool *known);

/* Reads one input from stream s (taken), shown as path, at archive nesting depth
 * (0 for a file). Used for archive members. Returns 0 or -1 as above. */
int mx_input_read_stream(struct mx_reader *rd, const char *path, struct mx_stream *s, int depth);

/* Reads one input held in memory, shown as path. Returns 0 or -1 as above. */
int mx_input_read_mem(struct mx_reader *rd, const char *path, const void *buf, size_t n);

#endif
