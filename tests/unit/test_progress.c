/*
 * test_progress.c - the reading line of the progress display: sizes, percentage, time
 * left, a path escaped and shortened to the terminal's width; and the byte count and
 * total size it is fed (parsers/input.c) on real files.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <sys/stat.h>
#include <unistd.h>

#include "cli/progress.h"
#include "parsers/input.h"

static void line(size_t cols, uint64_t done, uint64_t total, bool known, int64_t ms,
                 const char *path, uint64_t lines, const char *want) {
    char out[1024];
    size_t n = mx_progress_line(out, sizeof out, cols, done, total, known, ms, path, lines);
    CHECK_STR(out, want);
    CHECK(n == strlen(out));
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static void events(void *ctx, const struct mx_event *ev) {
    (void)ev;
    ++*(int *)ctx;
}

int main(void) {
    /* 46.1 of 101.2 MB after 4 s: 55.1 MB left at 11.525 MB/s = 4.78 s, rounded up */
    line(120, 46100000, 101200000, true, 4000, "data/events.jsonl", 0,
         "reading 46.1 MB of 101.2 MB (45%), 5 s left: data/events.jsonl");
    /* no time left before a second has passed, nor before a byte was read */
    line(120, 46100000, 101200000, true, 999, "a", 0, "reading 46.1 MB of 101.2 MB (45%): a");
    line(120, 0, 101200000, true, 5000, "a", 0, "reading 0 B of 101.2 MB (0%): a");
    /* units at their edges; a zip's reader seeking past the count is clamped to 100% */
    line(120, 999, 1000, true, 0, "a", 0, "reading 999 B of 1.0 kB (99%): a");
    line(120, 999950, 3400000000, true, 0, "a", 0, "reading 1.0 MB of 3.4 GB (0%): a");
    line(120, 7000, 5000, true, 0, "a", 0, "reading 5.0 kB of 5.0 kB (100%): a");
    /* minutes and hours left: 1 of 126 MB in 1 s leaves 125 s; 1 of 3,701 in 1 s, 3,700 s */
    line(120, 1000000, 126000000, true, 1000, "a", 0,
         "reading 1.0 MB of 126.0 MB (0%), 2 min 5 s left: a");
    line(120, 1000000, 3701000000, true, 1000, "a", 0,
         "reading 1.0 MB of 3.7 GB (0%), 1 h 1 min left: a");
    /* standard input or a pipe: no total, the input's lines */
    line(120, 0, 0, false, 5000, "-", 412000, "reading -: 412,000 lines");
    line(120, 0, 0, false, 5000, "-", 16384, "reading -: 16,384 lines");
    /* the path escaped as every terminal message is, then its tail kept to fit 40 - 7 columns */
    line(120, 0, 0, false, 0, "a\x1b[31mb", 999, "reading a\\x1b[31mb: 999 lines");
    line(40, 0, 0, false, 0, "/very/long/directory/name/events.jsonl", 7,
         "reading .../events.jsonl: 7 lines");
    /* a shortened path never starts inside a UTF-8 character: "é" is 2 bytes, 1 column;
     * 30 - 7 columns less "reading ", "..." and ": 1 line" leave 4 */
    line(30, 0, 0, false, 0, "ééééééééééé", 1, "reading ...éééé: 1 line");

    /* the sizes the display divides by, and the bytes read, on a directory of real files */
    char dir[] = "/tmp/mttx-progress-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char a[128], b[128], hidden[128], sub[128], c[128];
    snprintf(a, sizeof a, "%s/a.jsonl", dir);
    snprintf(b, sizeof b, "%s/b.jsonl", dir);
    snprintf(hidden, sizeof hidden, "%s/.hidden", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(c, sizeof c, "%s/sub/c.jsonl", dir);
    const char *ev = "{\"time\":\"2026-01-01T00:00:00Z\",\"incident\":\"I1\",\"event\":\"note\"}\n";
    write_file(a, ev);
    char two[256];
    snprintf(two, sizeof two, "%s%s", ev, ev);
    write_file(b, two);
    write_file(hidden, "not read, not counted");
    CHECK(mkdir(sub, 0700) == 0);
    write_file(c, ev);
    size_t one = strlen(ev);
    bool known;
    CHECK(mx_input_size(dir, &known) == 4 * one && known);
    CHECK(mx_input_size(a, &known) == one && known);
    CHECK(mx_input_size("-", &known) == 0 && !known);
    CHECK(mx_input_size("/dev/null", &known) == 0 && !known); /* not a regular file */

    struct mx_diag d;
    mx_diag_init(&d, NULL);
    struct mx_zone *zone = NULL;
    CHECK(mx_tz_open("UTC", &zone) == NULL);
    struct mx_sevmap sm;
    mx_sevmap_default(&sm);
    struct mx_read_opts opts = mx_input_opts_default();
    opts.zone = zone;
    opts.sevmap = &sm;
    struct mx_reader rd;
    int count = 0;
    mx_input_init(&rd, &d, &opts, events, &count);
    CHECK(mx_input_bytes_read(&rd) == 0);
    mx_input_read_path(&rd, dir);
    CHECK(count == 4);
    CHECK(mx_input_bytes_read(&rd) == 4 * one); /* every file, hidden one aside, to its end */
    mx_input_free(&rd);
    mx_diag_free(&d);
    mx_tz_free(zone);
    unlink(a);
    unlink(b);
    unlink(hidden);
    unlink(c);
    rmdir(sub);
    rmdir(dir);
    TEST_DONE();
}
