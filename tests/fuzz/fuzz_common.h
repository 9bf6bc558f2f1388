/*
 * fuzz_common.h - what the reader-based fuzz targets share: the UTC zone, the default
 * severity mapping, a diagnostics sink that only counts, and a reader whose events
 * are dropped. Each target sets its own small limits.
 */
#ifndef MX_FUZZ_COMMON_H
#define MX_FUZZ_COMMON_H

#include <stdbool.h>

#include "parsers/input.h"

struct fz_reader {
    struct mx_sevmap sevmap;
    struct mx_diag diag;
    struct mx_reader rd;
};

static inline void fz_drop(void *ctx, const struct mx_event *ev) {
    (void)ctx;
    (void)ev;
}

/* A reader with opts (its zone and mapping filled in here); false without tzdata. f
 * must stay where it is until fz_reader_free. */
static inline bool fz_reader_init(struct fz_reader *f, struct mx_read_opts *opts) {
    static struct mx_zone *utc;
    if (!utc && mx_tz_open("UTC", &utc)) return false;
    mx_sevmap_default(&f->sevmap);
    mx_diag_init(&f->diag, NULL);
    opts->zone = utc;
    opts->sevmap = &f->sevmap;
    mx_input_init(&f->rd, &f->diag, opts, fz_drop, NULL);
    return true;
}

static inline void fz_reader_free(struct fz_reader *f) {
    mx_input_free(&f->rd);
    mx_diag_free(&f->diag);
}

#endif
