/*
 * lines.c - the line reader (see lines.h). One buffer of max_line + a read chunk +
 * padding; a partial line is moved to the front before the next read.
 */
#include "parsers/lines.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"
#include "parsers/json_simd.h"

#define CHUNK ((size_t)256 << 10)

struct mx_lines {
    struct mx_stream *s;
    size_t max_line;
    char *buf;
    size_t cap;     /* usable bytes (padding excluded) */
    size_t start;   /* first byte of the current line */
    size_t scanned; /* bytes after start known to hold no '\n' */
    size_t end;     /* end of data */
    uint64_t lineno;
    uint64_t base;     /* stream offset of buf[0] */
    uint64_t line_off; /* stream offset of the last line returned */
    bool eof, skipping, failed;
};

struct mx_lines *mx_lines_new(struct mx_stream *stream, size_t max_line) {
    struct mx_lines *r = mx_mem_calloc(1, sizeof *r);
    r->s = stream;
    r->max_line = max_line;
    r->cap = max_line + 2 + CHUNK;
    r->buf = mx_mem_malloc(r->cap + MX_JSON_PADDING);
    memset(r->buf + r->cap, 0, MX_JSON_PADDING);
    return r;
}

void mx_lines_free(struct mx_lines *r) {
    if (!r) return;
    free(r->buf);
    free(r);
}

/* Finishes a complete line [start, start+len): CR, BOM, length and NUL checks. */
static enum mx_line_status finish(struct mx_lines *r, char *p, size_t len, const char **out,
                                  size_t *n) {
    if (len > 0 && p[len - 1] == '\r') len--;
    if (r->lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    if (len > r->max_line) return MX_LINE_TOO_LONG;
    *out = p;
    *n = len;
    return memchr(p, '\0', len) ? MX_LINE_NUL : MX_LINE_OK;
}

/* Reads more data after end; compacts first. Returns false at the end or on error. */
static bool fill(struct mx_lines *r) {
    if (r->start > 0) {
        r->base += r->start;
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    long got = mx_stream_read(r->s, r->buf + r->end, r->cap - r->end);
    if (got < 0) {
        r->failed = true;
        return false;
    }
    if (got == 0) {
        r->eof = true;
        return false;
    }
    r->end += (size_t)got;
    return true;
}

enum mx_line_status mx_lines_next(struct mx_lines *r, const char **p, size_t *n, uint64_t *lineno) {
    for (;;) {
        char *base = r->buf + r->start;
        size_t avail = r->end - r->start;
        char *nl = avail > r->scanned ? memchr(base + r->scanned, '\n', avail - r->scanned) : NULL;
        if (nl) {
            size_t len = (size_t)(nl - base);
            r->line_off = r->base + r->start;
            r->start += len + 1;
            r->scanned = 0;
            *lineno = ++r->lineno;
            if (r->skipping) {
                r->skipping = false;
                return MX_LINE_TOO_LONG;
            }
            return finish(r, base, len, p, n);
        }
        r->scanned = avail;
        if (r->failed) return MX_LINE_ERROR;
        if (r->skipping || avail > r->max_line + 1) {
            /* too long: drop what we have and look for the end of the line */
            r->skipping = true;
            r->base += r->end;
            r->start = r->end = r->scanned = 0;
        }
        if (r->eof) {
            if (r->skipping) {
                r->skipping = false;
                *lineno = ++r->lineno;
                return MX_LINE_TOO_LONG;
            }
            if (avail == 0) return MX_LINE_END;
            r->line_off = r->base + r->start;
            r->start = r->end;
            r->scanned = 0;
            *lineno = ++r->lineno;
            return finish(r, base, avail, p, n);
        }
        if (!fill(r) && r->failed) return MX_LINE_ERROR;
    }
}

uint64_t mx_lines_offset(const struct mx_lines *r) {
    return r->line_off;
}

bool mx_lines_blank(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n') return false;
    return true;
}
