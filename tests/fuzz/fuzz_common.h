/*
 * fuzz_common.h - what the reader-based fuzz targets share: the UTC zone, the default
 * severity mapping, a diagnostics sink that only counts, and a reader whose events
 * are dropped. Each target sets its own small limits.
 */
#ifndef MX_FUZZ_COMMON_H
#define MX_FUZZ_COMMON_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/input.h"
#include "parsers/json_simd.h"

struct fz_reader {
    struct mx_sevmap sevmap;
    struct mx_diag diag;
    struct mx_reader rd;
};

static inline void fz_drop(void *ctx, const struct mx_event *ev) {
    (void)ctx;
    (void)ev;
}

/* The UTC zone. tzdata is a dependency of the suite: without it the targets would
 * prove nothing, so they abort rather than pass. */
static inline const struct mx_zone *fz_utc(void) {
    static struct mx_zone *utc;
    if (!utc && mx_tz_open("UTC", &utc)) abort();
    return utc;
}

/* The accounting invariant on every input of d: records = emitted (accepted and
 * duplicates) + rejected. Aborts when it does not hold. */
static inline void fz_check_accounting(const struct mx_diag *d) {
    for (size_t i = 0; i < d->n_inputs; i++) {
        const struct mx_input_stat *in = &d->inputs[i];
        uint64_t by_reason = 0;
        for (int k = 0; k < MX_R__COUNT; k++) by_reason += in->by_reason[k];
        if (in->records != in->emitted + in->rejected || in->rejected != by_reason) abort();
    }
}

/* Aborts unless s[0..n) is one valid JSON document (a writer's output). */
static inline void fz_check_json(const char *s, size_t n) {
    char *copy = malloc(n + MX_JSON_PADDING);
    if (!copy) abort();
    memcpy(copy, s, n);
    memset(copy + n, 0, MX_JSON_PADDING);
    struct mx_json_simd *j = mx_json_simd_new(n + 1, 1024);
    struct mx_jval root;
    if (mx_json_simd_parse(j, copy, n, &root)) abort();
    mx_json_simd_free(j);
    free(copy);
}

/* A reader with opts (its zone and mapping filled in here); false without tzdata. f
 * must stay where it is until fz_reader_free. */
static inline bool fz_reader_init(struct fz_reader *f, struct mx_read_opts *opts) {
    const struct mx_zone *utc = fz_utc();
    mx_sevmap_default(&f->sevmap);
    mx_diag_init(&f->diag, NULL);
    opts->zone = utc;
    opts->sevmap = &f->sevmap;
    mx_input_init(&f->rd, &f->diag, opts, fz_drop, NULL);
    return true;
}

static inline void fz_reader_free(struct fz_reader *f) {
    fz_check_accounting(&f->diag);
    mx_input_free(&f->rd);
    mx_diag_free(&f->diag);
}

#endif
