/*
 * buf.c - growable output buffers that drain into a FILE (see buf.h).
 */
#define _GNU_SOURCE /* sync_file_range */
#include "reports/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

/* After the first write error the sink is not written again: later bytes are dropped, the
 * first errno is kept and every drain returns -1, so one check at the end suffices. */
static void sink_write(struct mx_buf *b, const char *p, size_t n) {
    if (n && !b->sink_errno && fwrite(p, 1, n, b->sink) != n) b->sink_errno = errno ? errno : EIO;
    b->drained += n;
    /* a large output is written back to the disk while the rest is formatted, so that the
     * fsync at the end waits for the last few MiB only (a hint: failures change nothing) */
    if (b->writeback && !b->sink_errno && b->drained - b->started >= ((uint64_t)8 << 20)) {
        if (fflush(b->sink) != 0) { /* stdio drops what it held: the file is short */
            b->sink_errno = errno ? errno : EIO;
        } else {
            (void)sync_file_range(fileno(b->sink), (off_t)b->started,
                                  (off_t)(b->drained - b->started), SYNC_FILE_RANGE_WRITE);
            b->started = b->drained;
        }
    }
}

int mx_buf_drain(struct mx_buf *b) {
    if (!b->sink) return 0;
    sink_write(b, b->p, b->n);
    b->n = 0;
    if (b->p) b->p[0] = '\0';
    return b->sink_errno ? -1 : 0;
}

void mx_buf_put_through(struct mx_buf *b, const char *s, size_t n) {
    if (!b->sink || n < MX_BUF_DRAIN) {
        mx_buf_put(b, s, n);
        return;
    }
    mx_buf_drain(b);
    sink_write(b, s, n);
}

void mx_buf_put_slow(struct mx_buf *b, const char *s, size_t n) {
    if (b->sink && b->n + n > MX_BUF_DRAIN) mx_buf_drain(b);
    if (b->n + n + 1 > b->cap) mx_mem_grow((void **)&b->p, &b->cap, b->n + n + 1, 1);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* Measures first, so nothing is ever truncated; drains before growing, as mx_buf_put does. */
void mx_buf_printf(struct mx_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    if (b->sink && b->n + (size_t)n > MX_BUF_DRAIN) mx_buf_drain(b);
    mx_mem_grow((void **)&b->p, &b->cap, b->n + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

/* "00" to "99", for writing two digits at a time. */
static const char PAIRS[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* The digits are made right-aligned in a scratch array, then copied 20 bytes at a time
 * (a fixed-size copy, no call): p has room for 20. */
size_t mx_buf_u64_to(char *p, uint64_t v) {
    char tmp[40];
    size_t i = 20;
    for (; v >= 100; v /= 100) {
        i -= 2;
        memcpy(tmp + i, PAIRS + 2 * (v % 100), 2);
    }
    if (v >= 10) {
        i -= 2;
        memcpy(tmp + i, PAIRS + 2 * v, 2);
    } else {
        tmp[--i] = (char)('0' + v);
    }
    memset(tmp + 20, 0, 20);
    memcpy(p, tmp + i, 20);
    return 20 - i;
}

void mx_buf_u64(struct mx_buf *b, uint64_t v) {
    mx_buf_commit(b, mx_buf_u64_to(mx_buf_reserve(b, 20), v));
}

void mx_buf_reserve_slow(struct mx_buf *b, size_t n) {
    if (b->sink && b->n + n > MX_BUF_DRAIN) mx_buf_drain(b);
    if (b->n + n + 1 > b->cap) mx_mem_grow((void **)&b->p, &b->cap, b->n + n + 1, 1);
}

void mx_buf_free(struct mx_buf *b) {
    if (!b) return;
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}
