/*
 * out.c - buffers and atomic writes (see out.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "reports/out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parsers/arena.h"

void mx_buf_put(struct mx_buf *b, const char *s, size_t n) {
    mx_grow((void **)&b->p, &b->cap, b->n + n + 1, 1);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void mx_buf_puts(struct mx_buf *b, const char *s) {
    mx_buf_put(b, s, strlen(s));
}

void mx_buf_putc(struct mx_buf *b, char c) {
    mx_buf_put(b, &c, 1);
}

void mx_buf_printf(struct mx_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    mx_grow((void **)&b->p, &b->cap, b->n + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

void mx_buf_u64(struct mx_buf *b, uint64_t v) {
    char tmp[24];
    int i = 23;
    tmp[i] = '\0';
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    mx_buf_put(b, tmp + i, (size_t)(23 - i));
}

void mx_buf_free(struct mx_buf *b) {
    if (!b) return;
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

int mx_mkdirs(const char *dir) {
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

int mx_write_atomic(const char *dir, const char *name, const struct mx_buf *b, char *err,
                    size_t errlen) {
    char target[4096], tmp[4200];
    snprintf(target, sizeof target, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp-XXXXXX", dir, name);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create: %s", target, strerror(errno));
        return -1;
    }
    size_t off = 0;
    while (off < b->n) {
        ssize_t w = write(fd, b->p + off, b->n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) goto fail;
        off += (size_t)w;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, target) != 0) goto fail;
    return 0;
fail:
    snprintf(err, errlen, "%s: cannot write: %s", target, strerror(errno));
    if (fd >= 0) close(fd);
    unlink(tmp);
    return -1;
}

int mx_write_stream(FILE *f, const struct mx_buf *b, char *err, size_t errlen) {
    if ((b->n && fwrite(b->p, 1, b->n, f) != b->n) || fflush(f) != 0) {
        snprintf(err, errlen, "standard output: cannot write: %s", strerror(errno));
        return -1;
    }
    return 0;
}
