/*
 * test_lines.c - the line reader (BOM, CRLF, the length cap at N and N+1, NUL bytes,
 * a last line without newline) and the gzip stream (multi-member, truncation,
 * trailing garbage, corrupt data, the member cap).
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

static void gzip(void) {
    struct mx_gzip_limits lim = mx_gzip_limits_default();
    unsigned char buf[4096];
    size_t n = gz("a\nb\n", 4, buf, sizeof buf);
    n += gz("c\n", 2, buf + n, sizeof buf - n);
    struct got g;

    struct mx_stream *s = mx_stream_gzip(mx_stream_mem(buf, n), &lim);
    read_all(s, 100, &g);
    CHECK_I64(g.n, 3); /* both members */
    CHECK_STR(g.text[2], "c");
    CHECK(g.error == NULL && g.warning == NULL);
    mx_stream_free(s);

    memcpy(buf + n, "garbage", 7);
    s = mx_stream_gzip(mx_stream_mem(buf, n + 7), &lim);
    read_all(s, 100, &g);
    CHECK_I64(g.n, 3);
    CHECK(g.error == NULL && g.warning != NULL);
    mx_stream_free(s);

    s = mx_stream_gzip(mx_stream_mem(buf, n - 5), &lim); /* truncated 2nd member */
    read_all(s, 100, &g);
    CHECK(g.error != NULL);
    CHECK(g.n >= 2 && strcmp(g.text[0], "a") == 0);
    mx_stream_free(s);

    size_t m = gz("hello\n", 6, buf, sizeof buf);
    buf[m / 2] ^= 0xFF; /* corrupt the deflate data */
    s = mx_stream_gzip(mx_stream_mem(buf, m), &lim);
    read_all(s, 100, &g);
    CHECK(g.error != NULL);
    mx_stream_free(s);

    /* the member cap: N members pass, N+1 fail */
    size_t one = gz("x\n", 2, buf, sizeof buf);
    for (int k = 1; k < 4; k++) memcpy(buf + one * (size_t)k, buf, one);
    lim.max_members = 4;
    s = mx_stream_gzip(mx_stream_mem(buf, one * 4), &lim);
    read_all(s, 100, &g);
    CHECK(g.error == NULL);
    CHECK_I64(g.n, 4);
    mx_stream_free(s);
    lim.max_members = 3;
    s = mx_stream_gzip(mx_stream_mem(buf, one * 4), &lim);
    read_all(s, 100, &g);
    CHECK(g.error != NULL);
    CHECK_I64(g.n, 3);
    mx_stream_free(s);
}

int main(void) {
    plain();
    cap();
    gzip();
    TEST_DONE();
}
