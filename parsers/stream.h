/*
 * stream.h - byte sources: a file descriptor, a memory buffer, or a gzip decoder on top
 * of another stream.
 *
 * gzip is decoded with zlib's inflate (not gzread, which passes non-gzip input through,
 * ignores trailing garbage and hides truncation): every member of a multi-member file
 * is read; bytes after the last member that do not start a new member are trailing
 * garbage (a warning, reading stops); a stream that ends inside a member is truncated
 * and a corrupt one is damaged (errors). Limits guard against decompression bombs.
 */
#ifndef MX_STREAM_H
#define MX_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mx_stream; /* opaque */

struct mx_gzip_limits {
    uint64_t max_output;       /* decompressed bytes per input (default 4 GiB) */
    uint64_t ratio_min_output; /* the ratio guard applies past this output (64 MiB) */
    uint64_t max_ratio;        /* output/input above this is refused (500) */
    uint64_t max_members;      /* gzip members per input (100,000) */
};

/* The defaults of docs/security.md#limits. */
struct mx_gzip_limits mx_stream_gzip_limits_default(void);

/* A stream reading fd; close_fd: whether mx_stream_free closes it. Never NULL. */
struct mx_stream *mx_stream_fd(int fd, bool close_fd);

/* The SHA-256 of the bytes an fd stream read, for the outputs' provenance. */
struct mx_digest {
    bool done;     /* the stream read its fd to the end, every byte through it */
    uint64_t size; /* the bytes read */
    unsigned char sha256[32];
};
/* Has fd stream s hash what it reads and, when it reaches the end of its file, write
 * the digest into *d (which must outlive the stream; it is written by the thread that
 * reads, before mx_stream_free returns). Bytes read past the stream (libarchive reading
 * the descriptor itself) leave d->done false: the caller hashes the file then. */
void mx_stream_fd_digest(struct mx_stream *s, struct mx_digest *d);
/* A stream over buf[0..n), which must outlive the stream. Never NULL. */
struct mx_stream *mx_stream_mem(const void *buf, size_t n);
/* A gzip decoder reading inner; takes ownership of inner. Never NULL. It decodes with
 * isa-l where the build found it (mx_stream_gzip_isal), else with zlib: the same bytes,
 * the same messages for a damaged stream (corrupt data is worded by kind: the header,
 * the CRC or length check, the deflate data). */
struct mx_stream *mx_stream_gzip(struct mx_stream *inner, const struct mx_gzip_limits *lim);
/* The same with zlib whatever the build: the differential fuzz target compares them. */
struct mx_stream *mx_stream_gzip_zlib(struct mx_stream *inner, const struct mx_gzip_limits *lim);
/* Whether mx_stream_gzip decodes with isa-l. */
bool mx_stream_gzip_isal(void);
/* A stream whose bytes come from read(ctx, buf, n): > 0 bytes, 0 at the end, -1 on
 * failure with *err set to a message that stays valid. Never NULL. */
struct mx_stream *mx_stream_func(long (*read)(void *ctx, char *buf, size_t n, const char **err),
                                 void *ctx);
/* A converter from the character set `from` (an iconv name: "WINDOWS-1252",
 * "ISO-8859-1", "UTF-16") to UTF-8, reading inner; takes ownership of inner. Returns
 * NULL when iconv does not know the name (inner is then freed). For a single-byte
 * character set that agrees with ASCII (WINDOWS-1252, ISO-8859-x), the input's first
 * non-ASCII character decides: valid UTF-8, and the stream is read as UTF-8 unchanged
 * (a folder of exports may mix both); anything else, and it is converted from there
 * on (the ASCII before it reads the same either way). */
struct mx_stream *mx_stream_iconv(struct mx_stream *inner, const char *from);
/* Reads inner ahead on a thread of its own (up to 1 MiB in four buffers), so that
 * decompressing overlaps parsing; takes ownership of inner, which only that thread
 * reads from then on. Bytes, errors and warnings come out as inner gives them. Never
 * NULL (without a thread it reads inner directly). */
struct mx_stream *mx_stream_ahead(struct mx_stream *inner);
/* Frees the stream and any stream it owns. Accepts NULL. */
void mx_stream_free(struct mx_stream *s);

/* The file descriptor of an fd stream on a regular file (seekable), else -1. */
int mx_stream_seekable_fd(const struct mx_stream *s);

/* Reads up to n bytes into buf. Returns the count (> 0), 0 at the end, or -1 when the
 * stream is damaged or unreadable (mx_stream_error says why; further reads return -1 too). Bytes
 * decoded before the damage are returned first. */
long mx_stream_read(struct mx_stream *s, char *buf, size_t n);

/* Peeks at up to n leading bytes without consuming them (for format sniffing); only
 * valid before the first mx_stream_read. Returns the count available (may be < n at
 * a short or damaged input: the error then comes with the next read), or -1 on a read
 * error before any byte. */
long mx_stream_peek(struct mx_stream *s, const char **p, size_t n);
/* After a peek: whether the peeked bytes are the whole stream (it ended within them). */
bool mx_stream_peek_is_all(const struct mx_stream *s);

/* Why the last read returned -1, or NULL. */
const char *mx_stream_error(const struct mx_stream *s);
/* A warning raised while reading (trailing garbage), returned once, else NULL. */
const char *mx_stream_take_warning(struct mx_stream *s);

#endif
