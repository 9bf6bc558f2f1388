/*
 * out.h - output buffers and atomic file writing shared by every report writer.
 *
 * A report is built in memory (struct mx_buf) and then written in one go: to a
 * temporary file in the target directory, flushed, fsync'd and renamed over the
 * target, so a reader never sees half a report.
 */
#ifndef MX_OUT_H
#define MX_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct mx_buf {
    char *p;
    size_t n, cap;
};

void mx_buf_put(struct mx_buf *b, const char *s, size_t n);
void mx_buf_puts(struct mx_buf *b, const char *s);
void mx_buf_putc(struct mx_buf *b, char c);
/* printf-style append (numbers and our own strings only: the C locale is the only one
 * this program uses). */
void mx_buf_printf(struct mx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mx_buf_u64(struct mx_buf *b, uint64_t v);
/* Releases the buffer. Accepts NULL. */
void mx_buf_free(struct mx_buf *b);

/* Creates dir and its parents (mode 0777 & ~umask). Returns 0, or -1 with errno. */
int mx_mkdirs(const char *dir);

/* Writes b to dir/name atomically. Returns 0, or -1 and a message in err. */
int mx_write_atomic(const char *dir, const char *name, const struct mx_buf *b, char *err,
                    size_t errlen);
/* Writes b to f and flushes. Returns 0, or -1 and a message in err. */
int mx_write_stream(FILE *f, const struct mx_buf *b, char *err, size_t errlen);

#endif
