/*
 * fuzz_archive.c - libFuzzer target for the archive layer: any bytes handed to
 * libarchive (tar, zip and the in-process filters) and every entry through content
 * detection and the parsers, under small limits.
 */
#include <stddef.h>
#include <stdint.h>

#include "parsers/archive.h"

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
    opts.max_line = 4096;
    opts.max_entries = 64;
    opts.gz.max_output = 8u << 20;
    opts.gz.ratio_min_output = 1u << 20;
    opts.json_doc_max = 1u << 20;
    struct mx_reader rd;
    mx_reader_init(&rd, &diag, &opts, drop, NULL);
    mx_reader_read_mem(&rd, "fuzz.tar", data, size);
    mx_reader_free(&rd);
    mx_diag_free(&diag);
    return 0;
}
