/*
 * atomic.h - output files written atomically. A file is written to a temporary file in
 * the target directory, flushed, fsync'd and renamed over the target, so a reader
 * never sees half a report; on failure the temporary file is removed.
 */
#ifndef MX_ATOMIC_H
#define MX_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

#include "reports/buf.h"

/* Creates dir and its parents (mode 0777 & ~umask). Returns 0, or -1 with errno. */
int mx_atomic_mkdirs(const char *dir);

/* An output file being written atomically. */
struct mx_atomic {
    char target[4096];
    char tmp[4200];
    FILE *f;
};

/* Creates a temporary file beside dir/name and points b's sink at it. Returns 0, or
 * -1 and a message in err. */
int mx_atomic_open(struct mx_atomic *a, const char *dir, const char *name, struct mx_buf *b,
                   char *err, size_t errlen);
/* Drains b, flushes, fsyncs and renames the file into place; on any failure the
 * temporary file is removed. Returns 0, or -1 and a message in err. Frees b. */
int mx_atomic_commit(struct mx_atomic *a, struct mx_buf *b, char *err, size_t errlen);
/* mx_atomic_commit in two steps: sync (drain, flush, fsync, close; the temporary file
 * removed on failure; frees b), then publish (the rename, which may wait: one thread
 * writes a file while another decides when it appears). Each returns 0, or -1 and a
 * message in err. */
int mx_atomic_sync(struct mx_atomic *a, struct mx_buf *b, char *err, size_t errlen);
int mx_atomic_publish(struct mx_atomic *a, char *err, size_t errlen);

#endif
