/*
 * buf.h - the output buffer every report writer appends to.
 *
 * Writers append to a struct mx_buf. A buffer with a sink (a FILE) drains into it
 * whenever it holds more than MX_BUF_DRAIN bytes, so a large report never sits whole
 * in memory; without a sink it simply grows (strings, tests).
 */
#ifndef MX_BUF_H
#define MX_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MX_BUF_DRAIN ((size_t)64 << 10)

struct mx_buf {
    char *p;
    size_t n, cap;
    FILE *sink;     /* NULL: keep everything in memory */
    int sink_errno; /* first write error on the sink, 0 if none */
    bool writeback; /* the sink is a file that will be fsync'd: start its writeback early */
    uint64_t drained, started; /* bytes written to the sink; those whose writeback began */
};

/* Writes what the buffer holds to its sink (no-op without one). Returns 0 or -1. */
int mx_buf_drain(struct mx_buf *b);

/* Appends when the buffer must grow or drain first (mx_buf_put's slow path). */
void mx_buf_put_slow(struct mx_buf *b, const char *s, size_t n);

/* Inline: writers call these for every key and punctuation mark (the length of a
 * literal is then known at compile time). */
static inline void mx_buf_put(struct mx_buf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap || (b->sink && b->n + n > MX_BUF_DRAIN)) {
        mx_buf_put_slow(b, s, n);
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static inline void mx_buf_puts(struct mx_buf *b, const char *s) {
    mx_buf_put(b, s, strlen(s));
}

static inline void mx_buf_putc(struct mx_buf *b, char c) {
    if (b->n + 2 > b->cap || (b->sink && b->n + 1 > MX_BUF_DRAIN)) {
        mx_buf_put_slow(b, &c, 1);
        return;
    }
    b->p[b->n++] = c; /* the common case: room, no drain due */
    b->p[b->n] = '\0';
}
/* Appends n bytes that a buffer of their own holds: a large piece goes to the sink
 * directly (after what b holds), without a copy into b. */
void mx_buf_put_through(struct mx_buf *b, const char *s, size_t n);

/* mx_buf_reserve's slow path: drains when due, then grows b. */
void mx_buf_reserve_slow(struct mx_buf *b, size_t n);

/* Room for n more bytes (and the terminating NUL) at the end of b, draining first when a
 * sink is due: the caller writes up to n bytes there, then says how many with
 * mx_buf_commit. For the hot paths that would otherwise put piece by piece. */
static inline char *mx_buf_reserve(struct mx_buf *b, size_t n) {
    if (b->n + n + 1 > b->cap || (b->sink && b->n + n > MX_BUF_DRAIN)) mx_buf_reserve_slow(b, n);
    return b->p + b->n;
}

static inline void mx_buf_commit(struct mx_buf *b, size_t n) {
    b->n += n;
    b->p[b->n] = '\0';
}

/* v in decimal at p, without printf; returns the digits written (at most 20). */
size_t mx_buf_u64_to(char *p, uint64_t v);

/* printf-style append (numbers and our own strings only: the C locale is the only one
 * this program uses). */
void mx_buf_printf(struct mx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* v in decimal, without printf. */
void mx_buf_u64(struct mx_buf *b, uint64_t v);
/* Releases the buffer. Accepts NULL. */
void mx_buf_free(struct mx_buf *b);

#endif
