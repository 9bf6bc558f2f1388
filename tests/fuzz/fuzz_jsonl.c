/*
 * fuzz_jsonl.c - libFuzzer target for the whole native path: content sniffing, gzip,
 * the line reader, JSON validation and the schema, then timelines, metrics and the
 * report.json, report.md and check writers on whatever was accepted; every event also
 * goes through the --debug-dump-events line writer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "analyzer/result.h"
#include "analyzer/timeline.h"
#include "parsers/input.h"
#include "reports/check_report.h"
#include "reports/dump_report.h"
#include "reports/json_report.h"
#include "reports/md_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The event sink: the dump line of the event, then the timeline builder. */
static void dump_and_add(void *tl, const struct mx_event *ev) {
    struct mx_buf line = {0};
    mx_dump_report_event(&line, ev);
    mx_buf_free(&line);
    mx_timeline_add(tl, ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const struct mx_zone *utc = fz_utc();
    struct mx_diag diag;
    mx_diag_init(&diag, NULL);
    struct mx_timelines *tl = mx_timeline_new();
    struct mx_read_opts opts = mx_input_opts_default();
    opts.max_line = 4096; /* small caps reach the limit paths quickly */
    opts.json_depth = 16;
    opts.zone = utc;
    struct mx_sevmap sevmap;
    mx_sevmap_default(&sevmap);
    opts.sevmap = &sevmap;
    struct mx_reader rd;
    mx_input_init(&rd, &diag, &opts, dump_and_add, tl);
    mx_input_read_mem(&rd, "fuzz.jsonl", data, size);
    mx_input_free(&rd);
    fz_check_accounting(&diag);
    /* one counter per input: an archive in the data makes several */
    uint64_t *dups = calloc(diag.n_inputs ? diag.n_inputs : 1, sizeof *dups);
    if (!dups) abort();
    mx_timeline_finish(tl, utc, MX_NO_TIME, MX_NO_TIME, dups, diag.n_inputs);
    struct mx_result r;
    struct mx_policy policy;
    mx_policy_default(&policy);
    mx_timeline_normalize_titles(tl);
    mx_result_build(&r, tl, &diag, utc, &policy, NULL, dups, 1767225600000LL, MX_NO_TIME,
                    MX_NO_TIME);
    mx_result_retro(&r);
    /* the result's accounting, duplicates included, and report.json parses */
    if (r.total.accepted + r.total.duplicates + r.total_rejected != r.total_records) abort();
    struct mx_buf b = {0};
    mx_json_report_write(&b, &r);
    fz_check_json(b.p, b.n);
    /* timelines.jsonl: a JSON object per line, and the same bytes on one thread, on
     * three in chunks of 2 to 17.5 KiB by the input's first byte (a small incident is
     * estimated at some 1.3 KiB: one to a dozen a chunk, the larger ones direct) and on
     * two as usual */
    struct mx_buf t1 = {0}, t3 = {0}, t2 = {0};
    mx_json_report_timelines(&t1, &r, 1);
    mx_json_report_timelines_in(&t3, &r, 3, 2048 + (size_t)(size ? data[0] % 32 : 0) * 512);
    mx_json_report_timelines(&t2, &r, 2);
    if (t1.n != t3.n || t1.n != t2.n ||
        (t1.n && (memcmp(t1.p, t3.p, t1.n) != 0 || memcmp(t1.p, t2.p, t1.n) != 0)))
        abort();
    for (size_t at = 0; at < t1.n;) {
        const char *nl = memchr(t1.p + at, '\n', t1.n - at);
        if (!nl || t1.p[at] != '{') abort(); /* every line an object, and ended */
        fz_check_json(t1.p + at, (size_t)(nl - (t1.p + at)));
        at = (size_t)(nl - t1.p) + 1;
    }
    mx_buf_free(&t1);
    mx_buf_free(&t3);
    mx_buf_free(&t2);
    b.n = 0;
    mx_md_report_write(&b, &r, NULL);
    mx_check_report_text(&b, &r, true);
    mx_buf_free(&b);
    mx_result_free(&r);
    free(dups);
    mx_timeline_free(tl);
    mx_diag_free(&diag);
    return 0;
}
