/*
 * fuzz_archive.c - libFuzzer target for the archive layer: any bytes handed to
 * libarchive (tar, zip and the in-process filters) and every entry through content
 * detection and the parsers, under small limits.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct mx_read_opts opts = mx_input_opts_default();
    opts.max_line = 4096;
    opts.max_entries = 64;
    opts.gz.max_output = 8u << 20;
    opts.gz.ratio_min_output = 1u << 20;
    opts.json_doc_max = 1u << 20;
    struct fz_reader f;
    if (!fz_reader_init(&f, &opts)) return 0;
    mx_input_read_mem(&f.rd, "fuzz.tar", data, size);
    fz_reader_free(&f);
    return 0;
}
