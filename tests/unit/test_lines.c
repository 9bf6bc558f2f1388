/*
 * test_lines.c - the line reader (BOM, CRLF, the length cap at N and N+1, NUL bytes,
 * a last line without newline) and the gzip stream (multi-member, truncation,
 * trailing garbage, corrupt data, the member cap, a read boundary anywhere, the magic
 * of a member split between two reads), also read ahead on a thread.
 */
#include <stdlib.h>
#include <zlib.h>

#include "harness.h"
#include "parsers/lines.h"
#include "parsers/stream.h"

/* Compresses in[0..n) as one gzip member appended to out. */
static size_t gz(const char *in, size_t n, unsigned char *out, size_t cap) {
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t len = cap - z.avail_out;
    deflateEnd(&z);
    return len;
}

struct got {
    enum mx_line_status st[16];
    char text[16][64];
    uint64_t line[16];
    int n;
    const char *error;
    const char *warning;
};

static void read_all(struct mx_stream *s, size_t max, struct got *g) {
    struct mx_lines *r = mx_lines_new(s, max);
    memset(g, 0, sizeof *g);
    for (;;) {
        const char *p;
        size_t n = 0;
        uint64_t ln = 0;
        enum mx_line_status st = mx_lines_next(r, &p, &n, &ln);
        if (st == MX_LINE_END) break;
        if (st == MX_LINE_ERROR) {
            g->error = mx_stream_error(s);
            break;
        }
        if (g->n < 16) {
            g->st[g->n] = st;
            g->line[g->n] = ln;
            if (st == MX_LINE_OK) snprintf(g->text[g->n], 64, "%.*s", (int)(n < 60 ? n : 60), p);
            g->n++;
        }
    }
    g->warning = mx_stream_take_warning(s);
    mx_lines_free(r);
}

static void plain(void) {
    static const char in[] = "\xEF\xBB\xBF"
                             "one\r\ntwo\n\nthr\0e\nlast";
    struct mx_stream *s = mx_stream_mem(in, sizeof in - 1);
    struct got g;
    read_all(s, 100, &g);
    CHECK_I64(g.n, 5);
    CHECK_STR(g.text[0], "one"); /* BOM and CR stripped */
    CHECK_STR(g.text[1], "two");
    CHECK_STR(g.text[2], "");
    CHECK_I64(g.st[3], MX_LINE_NUL);
    CHECK_I64(g.line[3], 4);
    CHECK_STR(g.text[4], "last"); /* no final newline */
    CHECK_I64(g.line[4], 5);
    mx_stream_free(s);
}

static void cap(void) {
    /* lines of exactly N bytes pass; N+1 is rejected and reading resumes */
    size_t N = 1000;
    char *in = malloc(4 * N);
    size_t k = 0;
    memset(in + k, 'a', N);
    k += N;
    in[k++] = '\n';
    memset(in + k, 'b', N + 1);
    k += N + 1;
    in[k++] = '\n';
    memcpy(in + k, "ok\r\n", 4);
    k += 4;
    memset(in + k, 'c', N);
    k += N;
    memcpy(in + k, "\r\n", 2); /* N bytes then CRLF: still N */
    k += 2;
    struct mx_stream *s = mx_stream_mem(in, k);
    struct got g;
    read_all(s, N, &g);
    CHECK_I64(g.n, 4);
    CHECK_I64(g.st[0], MX_LINE_OK);
    CHECK_I64(g.st[1], MX_LINE_TOO_LONG);
    CHECK_I64(g.line[1], 2);
    CHECK_STR(g.text[2], "ok");
    CHECK_I64(g.line[2], 3);
    CHECK_I64(g.st[3], MX_LINE_OK);
    mx_stream_free(s);
    free(in);

    /* a huge line (many buffers long) at the end without newline */
    size_t big = 3 * (N + 300000);
    in = malloc(big + 3);
    memcpy(in, "x\n", 2);
    memset(in + 2, 'z', big);
    s = mx_stream_mem(in, big + 2);
    read_all(s, N, &g);
    CHECK_I64(g.n, 2);
    CHECK_I64(g.st[1], MX_LINE_TOO_LONG);
    CHECK_I64(g.line[1], 2);
    mx_stream_free(s);
    free(in);
}

/* The gzip stream, or the gzip stream read ahead on a second thread (mx_stream_ahead):
 * both must give the same lines, errors and warnings. */
static struct mx_stream *gzs(const void *buf, size_t n, const struct mx_gzip_limits *lim,
                             bool ahead) {
    struct mx_stream *s = mx_stream_gzip(mx_stream_mem(buf, n), lim);
    return ahead ? mx_stream_ahead(s) : s;
}

static void gzip(bool ahead) {
    struct mx_gzip_limits lim = mx_stream_gzip_limits_default();
    unsigned char buf[4096];
    size_t n = gz("a\nb\n", 4, buf, sizeof buf);
    n += gz("c\n", 2, buf + n, sizeof buf - n);
    struct got g;

    struct mx_stream *s = gzs(buf, n, &lim, ahead);
    read_all(s, 100, &g);
    CHECK_I64(g.n, 3); /* both members */
    CHECK_STR(g.text[2], "c");
    CHECK(g.error == NULL && g.warning == NULL);
    mx_stream_free(s);

    memcpy(buf + n, "garbage", 7);
    s = gzs(buf, n + 7, &lim, ahead);
    read_all(s, 100, &g);
    CHECK_I64(g.n, 3);
    CHECK(g.error == NULL && g.warning != NULL);
    mx_stream_free(s);

    s = gzs(buf, n - 5, &lim, ahead); /* truncated 2nd member */
    read_all(s, 100, &g);
    CHECK(g.error != NULL);
    CHECK(g.n >= 2 && strcmp(g.text[0], "a") == 0);
    mx_stream_free(s);

    size_t m = gz("hello\n", 6, buf, sizeof buf);
    buf[m / 2] ^= 0xFF; /* corrupt the deflate data */
    s = gzs(buf, m, &lim, ahead);
    read_all(s, 100, &g);
    CHECK(g.error != NULL);
    mx_stream_free(s);

    /* the member cap: N members pass, N+1 fail */
    size_t one = gz("x\n", 2, buf, sizeof buf);
    for (int k = 1; k < 4; k++) memcpy(buf + one * (size_t)k, buf, one);
    lim.max_members = 4;
    s = gzs(buf, one * 4, &lim, ahead);
    read_all(s, 100, &g);
    CHECK(g.error == NULL);
    CHECK_I64(g.n, 4);
    mx_stream_free(s);
    lim.max_members = 3;
    s = gzs(buf, one * 4, &lim, ahead);
    read_all(s, 100, &g);
    CHECK(g.error != NULL);
    CHECK_I64(g.n, 3);
    mx_stream_free(s);
}

/* More than the read-ahead ring holds (4 x 256 KiB), byte for byte; a reader that
 * stops early frees the stream while the worker is still reading (no hang, no leak);
 * a peek at a damaged stream gets the bytes before the damage, the error comes next. */
static void ahead_stream(void) {
    struct mx_gzip_limits lim = mx_stream_gzip_limits_default();
    size_t n = 3u << 20, cap = n + (n >> 3) + 1024;
    char *plain_bytes = malloc(n);
    unsigned char *z = malloc(cap);
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++) plain_bytes[i] = (char)('a' + (i * 7919 + i / 13) % 26);
    size_t zn = gz(plain_bytes, n, z, cap);
    struct mx_stream *s = gzs(z, zn, &lim, true);
    size_t got = 0;
    long r;
    while ((r = mx_stream_read(s, out + got, n + 1 - got)) > 0) got += (size_t)r;
    CHECK(r == 0 && got == n && memcmp(out, plain_bytes, n) == 0);
    mx_stream_free(s);

    s = gzs(z, zn, &lim, true);
    CHECK(mx_stream_read(s, out, 100) == 100);
    mx_stream_free(s); /* the worker is mid-stream or waiting on a full ring */

    const char *head;
    s = gzs(z, zn / 2, &lim, true); /* truncated */
    CHECK(mx_stream_peek(s, &head, 4096) == 4096);
    got = 0;
    while ((r = mx_stream_read(s, out, n)) > 0) got += (size_t)r;
    CHECK(r == -1 && got > 0 && got < n);
    CHECK(mx_stream_error(s) && strstr(mx_stream_error(s), "truncated"));
    mx_stream_free(s);
    free(plain_bytes);
    free(z);
    free(out);
}

/* A source that hands its bytes out in two reads, the first ending at `split`: what
 * a pipe or a file read does when a read boundary falls anywhere in the data. */
struct split_src {
    const unsigned char *buf;
    size_t n, split, at;
};

static long split_read(void *ctx, char *buf, size_t n, const char **err) {
    struct split_src *src = ctx;
    (void)err;
    size_t end = src->at < src->split ? src->split : src->n;
    size_t k = end - src->at < n ? end - src->at : n;
    memcpy(buf, src->buf + src->at, k);
    src->at += k;
    return (long)k;
}

/* Two gzip members read with a read boundary at every offset (the second member's
 * magic 1f 8b split between two reads among them): the lines of both, never a
 * warning; a single stray byte after the last member is trailing garbage, wherever
 * the boundary. */
static void gzip_read_boundaries(void) {
    struct mx_gzip_limits lim = mx_stream_gzip_limits_default();
    unsigned char buf[512];
    size_t one = gz("a\nb\n", 4, buf, sizeof buf);
    size_t n = one + gz("c\n", 2, buf + one, sizeof buf - one);
    int bad = 0;
    for (size_t split = 0; split <= n; split++) {
        struct split_src src = {buf, n, split, 0};
        struct got g;
        struct mx_stream *s = mx_stream_gzip(mx_stream_func(split_read, &src), &lim);
        read_all(s, 100, &g);
        if (g.n != 3 || strcmp(g.text[2], "c") != 0 || g.error || g.warning) {
            if (bad++ < 3)
                fprintf(stderr, "  boundary at %zu of %zu (member 2 at %zu): %d lines%s%s\n", split,
                        n, one, g.n, g.error ? ", error" : "", g.warning ? ", warning" : "");
        }
        mx_stream_free(s);
    }
    CHECK_I64(bad, 0);
    buf[one] = 0x1f; /* the first magic byte alone after the first member */
    for (size_t split = one - 1; split <= one + 1; split++) {
        struct split_src src = {buf, one + 1, split, 0};
        struct got g;
        struct mx_stream *s = mx_stream_gzip(mx_stream_func(split_read, &src), &lim);
        read_all(s, 100, &g);
        CHECK_I64(g.n, 2);
        CHECK(g.error == NULL && g.warning && strstr(g.warning, "trailing garbage"));
        mx_stream_free(s);
    }
}

int main(void) {
    plain();
    cap();
    gzip(false);
    gzip(true);
    gzip_read_boundaries();
    ahead_stream();
    TEST_DONE();
}
