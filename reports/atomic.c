/*
 * atomic.c - output files written atomically: temporary file, fsync, rename (see atomic.h).
 */
#define _GNU_SOURCE /* mkostemp */
#include "reports/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Each prefix is created in turn with EEXIST ignored, so the final stat is what catches a
 * path that exists but is not a directory. */
int mx_atomic_mkdirs(const char *dir) {
    char path[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] == '/' || path[i] == '\0') {
            char c = path[i];
            path[i] = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST) return -1;
            path[i] = c;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* The temporary file is hidden (".NAME.tmp-XXXXXX") and in the target's own directory, so
 * the rename that publishes it never crosses a file system. */
int mx_atomic_open(struct mx_atomic *a, const char *dir, const char *name, struct mx_buf *b,
                   char *err, size_t errlen) {
    snprintf(a->target, sizeof a->target, "%s/%s", dir, name);
    snprintf(a->tmp, sizeof a->tmp, "%s/.%s.tmp-XXXXXX", dir, name);
    a->f = NULL;
    int fd = mkostemp(a->tmp, O_CLOEXEC); /* not inherited by gnuplot */
    if (fd < 0 || !(a->f = fdopen(fd, "wb"))) {
        snprintf(err, errlen, "%s: cannot create: %s", a->target, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(a->tmp);
        }
        return -1;
    }
    b->sink = a->f;
    b->sink_errno = 0;
    b->writeback = true;
    b->drained = b->started = 0;
    return 0;
}

/* mkostemp creates the file 0600: it is made 0644, readable like any report, before it is
 * synced. A failure anywhere keeps the first errno for the message. */
int mx_atomic_sync(struct mx_atomic *a, struct mx_buf *b, char *err, size_t errlen) {
    int rc = mx_buf_drain(b);
    int e = b->sink_errno;
    mx_buf_free(b);
    if (rc == 0) {
        if (fflush(a->f) != 0)
            rc = -1, e = errno;
        else if (ferror(a->f)) /* a write that failed earlier, whose bytes stdio dropped */
            rc = -1, e = EIO;
        else if (fchmod(fileno(a->f), 0644) != 0 || fsync(fileno(a->f)) != 0)
            rc = -1, e = errno;
    }
    if (fclose(a->f) != 0 && rc == 0) rc = -1, e = errno;
    a->f = NULL;
    if (rc != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", a->target, strerror(e));
        unlink(a->tmp);
    }
    return rc;
}

int mx_atomic_publish(struct mx_atomic *a, char *err, size_t errlen) {
    if (rename(a->tmp, a->target) == 0) return 0;
    snprintf(err, errlen, "%s: cannot write: %s", a->target, strerror(errno));
    unlink(a->tmp);
    return -1;
}

int mx_atomic_commit(struct mx_atomic *a, struct mx_buf *b, char *err, size_t errlen) {
    if (mx_atomic_sync(a, b, err, errlen) != 0) return -1;
    return mx_atomic_publish(a, err, errlen);
}
