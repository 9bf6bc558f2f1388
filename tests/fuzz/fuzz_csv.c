/*
 * fuzz_csv.c - libFuzzer target for the CSV path: the line-fed libcsv reader, header
 * recognition and every export's row mapping. Small limits reach the limit paths.
 */
#include <stddef.h>
#include <stdint.h>

#include "parsers/csv_pagerduty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drop(void *ctx, const struct mx_event *ev) {
    (void)ctx;
    (void)ev;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static struct mx_zone *utc;
    if (!utc && mx_zone_open("UTC", &utc)) return 0;
    struct mx_sevmap sevmap;
    mx_sevmap_default(&sevmap);
    struct mx_diag diag;
    mx_diag_init(&diag, NULL);
    struct mx_read_opts opts = mx_read_opts_default();
    opts.zone = utc;
    opts.sevmap = &sevmap;
    opts.max_line = 2048;
    opts.csv.max_field = 512;
    opts.csv.max_record = 4096;
    opts.csv.max_fields = 32;
    struct mx_reader rd;
    mx_reader_init(&rd, &diag, &opts, drop, NULL);
    uint32_t src = mx_diag_input_add(&diag, "fuzz.csv");
    struct mx_stream *s = mx_stream_mem(data, size);
    mx_pdcsv_read(&rd, s, src);
    mx_stream_free(s);
    mx_reader_free(&rd);
    mx_diag_free(&diag);
    return 0;
}
