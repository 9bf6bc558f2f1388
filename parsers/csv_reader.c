/*
 * csv_reader.c - line-fed libcsv with positions and bounds (see csv_reader.h).
 */
#include "parsers/csv_reader.h"

#include <csv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"
#include "parsers/utf8.h"

struct mx_csv_limits mx_csv_reader_limits_default(void) {
    struct mx_csv_limits l = {(size_t)1 << 20, (size_t)4 << 20, 512};
    return l;
}

struct state {
    const struct mx_csv_limits *lim;
    const struct mx_csv_handler *h;
    struct csv_parser p;
    char *data; /* the fields of the current row, each NUL-terminated */
    size_t used, cap;
    size_t *off, *len;
    const char **f;
    size_t n, cap_f;
    uint64_t line;     /* first line of the current record */
    size_t bytes;      /* bytes fed for the current record */
    bool at_start;     /* the next line fed starts a record */
    bool stop;         /* the handler asked to stop */
    const char *error; /* why the current record is bad (limit hit) */
};

static void on_field(void *field, size_t len, void *ctx) {
    struct state *st = ctx;
    if (st->error) return;
    if (len > st->lim->max_field) {
        st->error = "field longer than the limit";
        return;
    }
    if (st->n >= st->lim->max_fields) {
        st->error = "more fields than the limit";
        return;
    }
    mx_mem_grow((void **)&st->data, &st->cap, st->used + len + 1, 1);
    if (st->n == st->cap_f) {
        size_t c = st->cap_f;
        mx_mem_grow((void **)&st->off, &c, st->n + 1, sizeof *st->off);
        st->len = mx_mem_realloc(st->len, c * sizeof *st->len);
        st->cap_f = c;
    }
    if (len) memcpy(st->data + st->used, field, len);
    st->data[st->used + len] = '\0';
    st->off[st->n] = st->used;
    st->len[st->n] = len;
    st->n++;
    st->used += len + 1;
}

static void reset_row(struct state *st) {
    st->n = 0;
    st->used = 0;
    st->bytes = 0;
    st->error = NULL;
    st->at_start = true;
}

static void on_row(int c, void *ctx) {
    (void)c;
    struct state *st = ctx;
    if (st->error) {
        char msg[128];
        snprintf(msg, sizeof msg, "CSV record: %s (%zu fields, %zu bytes at most)", st->error,
                 st->lim->max_fields, st->lim->max_field);
        if (!st->h->bad(st->h->ctx, st->line, MX_R_BAD_CSV, msg)) st->stop = true;
    } else if (st->n > 0) {
        st->f = mx_mem_realloc((void *)st->f, (st->n ? st->n : 1) * sizeof *st->f);
        for (size_t i = 0; i < st->n; i++) st->f[i] = st->data + st->off[i];
        struct mx_csv_row row = {st->n, st->f, st->len, st->line};
        if (!st->h->row(st->h->ctx, &row)) st->stop = true;
    }
    reset_row(st);
}

/* A broken record: report it, start over at the next line. */
static void broken(struct state *st, const char *msg) {
    if (!st->h->bad(st->h->ctx, st->line, MX_R_BAD_CSV, msg)) st->stop = true;
    csv_free(&st->p);
    csv_init(&st->p, CSV_STRICT | CSV_STRICT_FINI);
    reset_row(st);
}

static bool blank(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t') return false;
    return true;
}

/* Feeds one physical line (and its newline) to libcsv. */
static void feed(struct state *st, const char *p, size_t n, uint64_t lineno) {
    if (st->at_start) {
        if (blank(p, n)) return;
        st->line = lineno;
        st->at_start = false;
    }
    st->bytes += n + 1;
    if (st->bytes > st->lim->max_record) {
        broken(st, "CSV record longer than the limit (an unterminated quote?)");
        return;
    }
    if (csv_parse(&st->p, p, n, on_field, on_row, st) != n ||
        csv_parse(&st->p, "\n", 1, on_field, on_row, st) != 1)
        broken(st, "malformed CSV quoting (a quote inside an unquoted field, or text after a "
                   "closing quote)");
}

enum mx_csv_status mx_csv_reader_read(struct mx_lines *lr, const struct mx_csv_limits *lim,
                                      const struct mx_csv_handler *h, uint64_t *bad_offset,
                                      uint64_t *bad_line) {
    struct state st;
    memset(&st, 0, sizeof st);
    st.lim = lim;
    st.h = h;
    st.at_start = true;
    csv_init(&st.p, CSV_STRICT | CSV_STRICT_FINI);
    enum mx_csv_status rc = MX_CSV_OK;
    const char *p;
    size_t n, bad;
    uint64_t lineno;
    for (;;) {
        enum mx_line_status ls = mx_lines_next(lr, &p, &n, &lineno);
        if (ls == MX_LINE_END) break;
        if (ls == MX_LINE_ERROR) {
            rc = MX_CSV_STREAM_ERROR;
            break;
        }
        if (ls == MX_LINE_TOO_LONG) {
            if (st.at_start) st.line = lineno;
            broken(&st, "CSV line longer than the limit");
            if (st.stop) break;
            continue;
        }
        if (ls == MX_LINE_NUL || !mx_utf8_valid(p, n, &bad)) {
            if (ls == MX_LINE_NUL) bad = (size_t)((const char *)memchr(p, '\0', n) - p);
            *bad_offset = mx_lines_offset(lr) + bad;
            *bad_line = lineno;
            rc = MX_CSV_NOT_UTF8;
            break;
        }
        feed(&st, p, n, lineno);
        if (st.stop) break;
    }
    if (rc == MX_CSV_OK && !st.stop && csv_fini(&st.p, on_field, on_row, &st) != 0 && !st.at_start)
        broken(&st, "unterminated quoted field at the end of the file");
    csv_free(&st.p);
    free(st.data);
    free(st.off);
    free(st.len);
    free((void *)st.f);
    return rc;
}
