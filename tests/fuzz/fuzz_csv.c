/*
 * fuzz_csv.c - libFuzzer target for the CSV path: the line-fed libcsv reader, header
 * recognition and every export's row mapping. Small limits reach the limit paths.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "parsers/pagerduty_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct mx_read_opts opts = mx_input_opts_default();
    opts.max_line = 2048;
    opts.csv.max_field = 512;
    opts.csv.max_record = 4096;
    opts.csv.max_fields = 32;
    struct fz_reader f;
    if (!fz_reader_init(&f, &opts)) return 0;
    uint32_t src = mx_diag_input_add(&f.diag, "fuzz.csv");
    struct mx_stream *s = mx_stream_mem(data, size);
    mx_pagerduty_csv_read(&f.rd, s, src);
    mx_stream_free(s);
    fz_reader_free(&f);
    return 0;
}
