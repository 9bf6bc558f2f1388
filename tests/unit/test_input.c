/*
 * test_input.c - the parallel line reader (mx_input_lines_parallel) against the one
 * thread: 40,000 lines with rejections, warnings, blank lines, pages of several records
 * and a page's bad time zone give, at 2 and 5 threads, the events (every field, in the
 * same order), counts and kept messages of 1 thread. Built a second time under
 * ThreadSanitizer (test_input_tsan), where the workers and the replaying thread meet.
 */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "parsers/input.h"

/* An FNV-1a digest of every event handed on, field by field, in order. */
struct sink {
    uint64_t hash, n;
};

static void mix(struct sink *k, const void *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        k->hash = (k->hash ^ ((const unsigned char *)p)[i]) * 1099511628211ull;
}

static void mixs(struct sink *k, struct mx_str s) {
    mix(k, &s.n, sizeof s.n);
    if (s.n) mix(k, s.p, s.n);
}

static void take(void *ctx, const struct mx_event *ev) {
    struct sink *k = ctx;
    k->n++;
    mix(k, &ev->pos.line, sizeof ev->pos.line);
    mix(k, &ev->pos.index, sizeof ev->pos.index);
    mix(k, &ev->time_ms, sizeof ev->time_ms);
    int scalars[] = {
        ev->type,        ev->severity,  ev->cls,         ev->has_class,      ev->auto_resolved,
        ev->via,         ev->uid_space, ev->same_record, ev->can_postmortem, ev->title_is_summary,
        ev->actor_system};
    mix(k, scalars, sizeof scalars);
    struct mx_str strs[] = {ev->incident, ev->type_name, ev->service, ev->team, ev->title,
                            ev->actor,    ev->commander, ev->channel, ev->url,  ev->note,
                            ev->into,     ev->number,    ev->uid};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) mixs(k, strs[i]);
}

struct run {
    struct sink sink;
    uint64_t records, emitted, rejected, warnings, samples_hash;
};

static struct run read_with(const char *text, size_t n, int threads) {
    struct mx_diag d;
    mx_diag_init(&d, NULL);
    struct mx_zone *zone = NULL;
    mx_tz_open("UTC", &zone);
    struct mx_sevmap sm;
    mx_sevmap_default(&sm);
    struct mx_read_opts opts = mx_input_opts_default();
    opts.zone = zone;
    opts.sevmap = &sm;
    opts.threads = threads;
    struct run r = {{1469598103934665603ull, 0}, 0, 0, 0, 0, 1469598103934665603ull};
    struct mx_reader rd;
    mx_input_init(&rd, &d, &opts, take, &r.sink);
    mx_input_read_mem(&rd, "mem.jsonl", text, n);
    mx_input_free(&rd);
    r.records = d.inputs[0].records;
    r.emitted = d.inputs[0].emitted;
    r.rejected = d.inputs[0].rejected;
    r.warnings = d.inputs[0].warnings;
    struct sink s = {r.samples_hash, 0};
    for (size_t i = 0; i < d.n_samples; i++) mix(&s, d.samples[i].text, strlen(d.samples[i].text));
    r.samples_hash = s.hash;
    mx_diag_free(&d);
    mx_tz_free(zone);
    return r;
}

int main(void) {
    size_t cap = 8u << 20, n = 0;
    char *text = malloc(cap);
    for (int i = 0; i < 40000; i++) {
        n += (size_t)snprintf(
            text + n, cap - n,
            "{\"time\":\"2026-03-%02dT%02d:%02d:00Z\",\"incident\":\"I%d\",\"event\":"
            "\"%s\",\"severity\":\"SEV%d\",\"title\":\"t\\\"%d\"}\n",
            1 + i % 28, i % 24, i % 60, i / 7, i % 7 ? "status_update" : "detected", 1 + i % 4, i);
        if (i % 997 == 0) n += (size_t)snprintf(text + n, cap - n, "{\"time\": 1, \"inc\n");
        if (i % 1009 == 0) n += (size_t)snprintf(text + n, cap - n, "\n  \n");
        if (i % 1013 == 0)
            n += (size_t)snprintf(text + n, cap - n,
                                  "{\"time\":\"2026-03-01T00:00:00\",\"incident\":\"Z\",\"event\":"
                                  "\"made_up\",\"severity\":\"P9\"}\n");
        if (i % 1019 == 0)
            n += (size_t)snprintf(
                text + n, cap - n,
                "{\"log_entries\":[{\"id\":\"L%d\",\"type\":\"acknowledge_log_"
                "entry\",\"created_at\":\"2026-03-01T00:00:00Z\",\"incident\":{\"id\":"
                "\"P%d\"}},{\"id\":\"L%d\",\"type\":\"resolve_log_entry\",\"created_"
                "at\":\"2026-03-01T01:00:00Z\",\"incident\":{\"id\":\"P%d\"}}],"
                "\"time_zone\":\"Nowhere/Else\"}\n",
                i, i, i + 1, i);
    }
    struct run one = read_with(text, n, 1);
    CHECK(one.records > 40000 && one.rejected >= 40 && one.warnings >= 40 && one.sink.n > 40000);
    for (int t = 2; t <= 5; t += 3) {
        struct run many = read_with(text, n, t);
        CHECK(many.sink.n == one.sink.n);
        CHECK(many.sink.hash == one.sink.hash);
        CHECK(many.records == one.records && many.emitted == one.emitted);
        CHECK(many.rejected == one.rejected && many.warnings == one.warnings);
        CHECK(many.samples_hash == one.samples_hash);
    }
    free(text);
    TEST_DONE();
}
