/*
 * archive.c - libarchive as a source of entry streams (see archive.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "parsers/archive.h"

#include <archive.h>
#include <errno.h>
#include <unistd.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

#define CHUNK 65536

struct arc {
    struct mx_reader *rd;
    struct mx_stream *raw; /* the archive's bytes */
    int fd;                /* >= 0: a zip file read with seeks, bypassing raw */
    struct archive *a;
    char *buf;
    uint64_t in_bytes;  /* bytes libarchive took from raw */
    uint64_t out_bytes; /* entry bytes handed to the parsers */
    const char *limit;  /* set when a size limit stopped an entry */
    char err[200];
};

static la_ssize_t read_raw(struct archive *a, void *ctx, const void **out) {
    struct arc *c = ctx;
    long got =
        c->fd >= 0 ? (long)read(c->fd, c->buf, CHUNK) : mx_stream_read(c->raw, c->buf, CHUNK);
    if (c->fd >= 0 && got < 0) {
        archive_set_error(a, errno, "read error: %s", strerror(errno));
        return -1;
    }
    if (got < 0) {
        archive_set_error(a, -1, "%s", mx_stream_error(c->raw));
        return -1;
    }
    c->in_bytes += (uint64_t)got;
    *out = c->buf;
    return got;
}

/* The current entry's data, for the parsers, under the size and ratio guard. */
static long read_entry(void *ctx, char *buf, size_t n, const char **err) {
    struct arc *c = ctx;
    la_ssize_t got = archive_read_data(c->a, buf, n);
    if (got < 0) {
        snprintf(c->err, sizeof c->err, "%s", archive_error_string(c->a));
        *err = c->err;
        return -1;
    }
    c->out_bytes += (uint64_t)got;
    const struct mx_gzip_limits *lim = &c->rd->opts.gz;
    if (c->out_bytes > lim->max_output)
        c->limit = "decompressed size over the limit";
    else if (c->out_bytes > lim->ratio_min_output && c->in_bytes &&
             c->out_bytes / c->in_bytes > lim->max_ratio)
        c->limit = "compression ratio over the limit (decompression bomb?)";
    if (c->limit) {
        *err = c->limit;
        return -1;
    }
    return (long)got;
}

enum mx_archive_kind mx_archive_sniff(const unsigned char *h, size_t n) {
    if (n >= 4 && h[0] == 'P' && h[1] == 'K' &&
        ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6)))
        return MX_ARC_ZIP;
    if (n >= 262 && memcmp(h + 257, "ustar", 5) == 0) return MX_ARC_TAR;
    if (n >= 3 && memcmp(h, "BZh", 3) == 0) return MX_ARC_COMPRESSED;
    if (n >= 6 && memcmp(h,
                         "\xFD"
                         "7zXZ\0",
                         6) == 0)
        return MX_ARC_COMPRESSED;
    if (n >= 4 && memcmp(h, "\x28\xB5\x2F\xFD", 4) == 0) return MX_ARC_COMPRESSED;
    return MX_ARC_NONE;
}

/* A zip file on disk is read through its central directory, which alone says which
 * entries are symlinks; libarchive seeks for it. */
static la_int64_t seek_raw(struct archive *a, void *ctx, la_int64_t offset, int whence) {
    struct arc *c = ctx;
    off_t r = lseek(c->fd, (off_t)offset, whence);
    if (r < 0) archive_set_error(a, errno, "seek error: %s", strerror(errno));
    return (la_int64_t)r;
}

/* Only formats and filters that run in-process. */
static void enable(struct archive *a, bool seekable_zip) {
    archive_read_support_format_tar(a);
    if (seekable_zip)
        archive_read_support_format_zip_seekable(a);
    else
        archive_read_support_format_zip_streamable(a);
    if (archive_zlib_version()) archive_read_support_filter_gzip(a);
    if (archive_bzlib_version()) archive_read_support_filter_bzip2(a);
    if (archive_liblzma_version()) archive_read_support_filter_xz(a);
    if (archive_libzstd_version()) archive_read_support_filter_zstd(a);
}

/* One entry: a regular file becomes an input; anything else is counted and skipped. */
static int entry(struct arc *c, struct archive_entry *e, uint32_t src, int depth) {
    struct mx_diag *d = c->rd->diag;
    const char *name = archive_entry_pathname(e);
    if (!name || !*name) name = "(unnamed)";
    if (archive_entry_filetype(e) != AE_IFREG) {
        d->inputs[src].skipped_entries++;
        if (archive_entry_filetype(e) != AE_IFDIR) {
            struct mx_pos pos = {d->inputs[src].path, src, 0, -1};
            mx_diag_warn(d, &pos, MX_W_SKIPPED_ENTRY,
                         "entry %s skipped: not a regular file (symlink, device, ...)", name);
        }
        return 0;
    }
    char *path = mx_mem_malloc(strlen(d->inputs[src].path) + strlen(name) + 2);
    sprintf(path, "%s!%s", d->inputs[src].path, name);
    int rc = mx_input_read_stream(c->rd, path, mx_stream_func(read_entry, c), depth + 1);
    free(path);
    return rc;
}

int mx_archive_read(struct mx_reader *rd, struct mx_stream *s, uint32_t src, int depth) {
    struct arc c;
    memset(&c, 0, sizeof c);
    c.rd = rd;
    c.raw = s;
    c.buf = mx_mem_malloc(CHUNK);
    c.a = archive_read_new();
    c.fd = -1;
    const char *head;
    if (mx_stream_peek(s, &head, 4) >= 4 &&
        mx_archive_sniff((const unsigned char *)head, 4) == MX_ARC_ZIP)
        c.fd = mx_stream_seekable_fd(s);
    if (c.fd >= 0 && lseek(c.fd, 0, SEEK_SET) != 0) c.fd = -1;
    enable(c.a, c.fd >= 0);
    if (c.fd >= 0) {
        archive_read_set_seek_callback(c.a, seek_raw);
        archive_read_set_read_callback(c.a, read_raw);
        archive_read_set_callback_data(c.a, &c);
    }
    struct mx_pos pos = {rd->diag->inputs[src].path, src, 0, -1};
    int rc = 0;
    if ((c.fd >= 0 ? archive_read_open1(c.a) : archive_read_open(c.a, &c, NULL, read_raw, NULL)) !=
        ARCHIVE_OK) {
        mx_diag_fail(rd->diag, &pos, "not a readable archive: %s", archive_error_string(c.a));
        rc = -1;
        goto out;
    }
    struct archive_entry *e;
    for (uint64_t count = 0;; count++) {
        int r = archive_read_next_header(c.a, &e);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) {
            mx_diag_fail(rd->diag, &pos, "damaged archive: %s", archive_error_string(c.a));
            rc = -1;
            break;
        }
        if (count == rd->opts.max_entries) {
            mx_diag_fail(rd->diag, &pos, "more than %llu entries (limit)",
                         (unsigned long long)rd->opts.max_entries);
            rc = -1;
            break;
        }
        if (entry(&c, e, src, depth) != 0) rc = -1;
        if (c.limit) {
            mx_diag_fail(rd->diag, &pos, "%s", c.limit);
            break;
        }
    }
out:
    archive_read_free(c.a);
    free(c.buf);
    mx_stream_free(s);
    return rc;
}
