/*
 * fuzz_gzip.c - libFuzzer target for the gzip stream and the line reader: any bytes
 * as a gzip input must end in lines, a warning or an error, never a crash or hang;
 * inputs of odd length are read through the read-ahead thread (mx_stream_ahead).
 */
#include <stddef.h>
#include <stdint.h>

#include "parsers/lines.h"
#include "parsers/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct mx_gzip_limits lim = mx_stream_gzip_limits_default();
    lim.max_members = 50;
    lim.max_output = 8u << 20;
    lim.ratio_min_output = 1u << 20;
    struct mx_stream *s = mx_stream_gzip(mx_stream_mem(data, size), &lim);
    if (size % 2) s = mx_stream_ahead(s); /* half the inputs through the read-ahead thread */
    struct mx_lines *lr = mx_lines_new(s, 1024);
    const char *p;
    size_t n;
    uint64_t line;
    enum mx_line_status st;
    while ((st = mx_lines_next(lr, &p, &n, &line)) != MX_LINE_END && st != MX_LINE_ERROR) {
    }
    (void)mx_stream_take_warning(s);
    mx_lines_free(lr);
    mx_stream_free(s);
    return 0;
}
