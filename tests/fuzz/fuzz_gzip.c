/*
 * fuzz_gzip.c - libFuzzer target for the gzip stream and the line reader: any bytes
 * as a gzip input must end in lines, a warning or an error, never a crash or hang;
 * inputs of odd length are read through the read-ahead thread (mx_stream_ahead).
 * Differential where the build decodes with isa-l: zlib must give the same bytes, the
 * same lines, the same warning and the same error (aborts on a difference), with one
 * exception: corrupt deflate data or check values are found at a point of each decoder's
 * own, so the lines before may differ, and the other decoder may first meet another
 * damage or the end of the input; both must call the stream damaged
 * (docs/design.md#gzip).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/lines.h"
#include "parsers/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a decoder made of the input: a digest of its lines, their count, the last line
 * number, and its warning and error. */
struct outcome {
    uint64_t lines, last, hash;
    char warning[200], error[200];
};

static struct outcome decode(const uint8_t *data, size_t size, bool zlib) {
    struct mx_gzip_limits lim = mx_stream_gzip_limits_default();
    lim.max_members = 50;
    lim.max_output = 8u << 20;
    lim.ratio_min_output = 1u << 20;
    struct mx_stream *m = mx_stream_mem(data, size);
    struct mx_stream *s = zlib ? mx_stream_gzip_zlib(m, &lim) : mx_stream_gzip(m, &lim);
    if (size % 2) s = mx_stream_ahead(s); /* half the inputs through the read-ahead thread */
    struct mx_lines *lr = mx_lines_new(s, 1024);
    const char *p;
    size_t n;
    struct outcome o = {0, 0, 1469598103934665603ull, "", ""};
    enum mx_line_status st;
    while ((st = mx_lines_next(lr, &p, &n, &o.last)) != MX_LINE_END && st != MX_LINE_ERROR) {
        o.lines++;
        for (size_t i = 0; st != MX_LINE_TOO_LONG && i < n; i++)
            o.hash = (o.hash ^ (unsigned char)p[i]) * 1099511628211ull;
        o.hash = (o.hash ^ 0x100u) * 1099511628211ull;
    }
    const char *e = st == MX_LINE_ERROR ? mx_stream_error(s) : NULL, *w = mx_stream_take_warning(s);
    snprintf(o.error, sizeof o.error, "%s", e ? e : "-");
    snprintf(o.warning, sizeof o.warning, "%s", w ? w : "-");
    mx_lines_free(lr);
    mx_stream_free(s);
    return o;
}

/* Whether the error says the deflate data or its check values are corrupt. */
static bool corrupt_inside(const char *e) {
    return strcmp(e, "corrupt gzip data (invalid deflate data)") == 0 ||
           strcmp(e, "corrupt gzip data (CRC or length check failed)") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct outcome a = decode(data, size, false);
    if (!mx_stream_gzip_isal()) return 0;
    struct outcome b = decode(data, size, true);
    /* corrupt data or check values are found where each decoder finds them: the other
     * may have met another damage, or the end of the input, first; damaged either way */
    bool corrupt = corrupt_inside(a.error) || corrupt_inside(b.error);
    if (corrupt && (corrupt_inside(a.error) || strstr(a.error, "truncated")) &&
        (corrupt_inside(b.error) || strstr(b.error, "truncated")))
        return 0;
    if (a.lines != b.lines || a.last != b.last || a.hash != b.hash ||
        strcmp(a.warning, b.warning) != 0 || strcmp(a.error, b.error) != 0) {
        fprintf(stderr,
                "isa-l and zlib differ: %llu/%llu lines (last %llu/%llu), warning %s/%s, error "
                "%s/%s\n",
                (unsigned long long)a.lines, (unsigned long long)b.lines,
                (unsigned long long)a.last, (unsigned long long)b.last, a.warning, b.warning,
                a.error, b.error);
        abort();
    }
    return 0;
}
