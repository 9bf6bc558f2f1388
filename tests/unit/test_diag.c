/*
 * test_diag.c - what a terminal is shown of untrusted text: paths, ids and excerpts
 * keep printable text in any script and show every control that could move the
 * cursor, recolour, retitle or reorder the terminal as \xHH.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "harness.h"
#include "parsers/diag.h"

static void escaped(const char *in, const char *want) {
    char out[512];
    size_t used, n = strlen(in);
    size_t len = mx_diag_escape(out, sizeof out - 1, in, n, &used);
    out[len] = '\0';
    CHECK(used == n);
    CHECK_STR(out, want);
}

static void excerpt(const char *in, const char *want) {
    char out[200];
    mx_diag_excerpt(out, sizeof out, in, strlen(in));
    CHECK_STR(out, want);
}

/* -q (no out): a rejected record is counted and kept, said nowhere; a damaged input is
 * said on fail_out all the same, and a sample keeps where its message starts. */
static void quiet(void) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    struct mx_diag d;
    mx_diag_init(&d, NULL);
    d.fail_out = f;
    struct mx_pos pos = {"logs/a.jsonl", mx_diag_input_add(&d, "logs/a.jsonl"), 7, -1};
    mx_diag_reject(&d, &pos, MX_R_BAD_TIME, "field 'time': bad");
    pos.line = 9;
    mx_diag_fail(&d, &pos, "truncated gzip stream");
    fclose(f);
    CHECK_STR(text, "logs/a.jsonl:9: error: truncated gzip stream\n");
    CHECK_I64(d.inputs[0].rejected, 1);
    CHECK_I64(d.failures, 1);
    CHECK(d.n_samples == 1 &&
          strcmp(d.samples[0].text + d.samples[0].msg, "field 'time': bad") == 0);
    mx_diag_free(&d);
    free(text);
}

int main(void) {
    quiet();
    escaped("logs/a.jsonl", "logs/a.jsonl");
    escaped("Émile 田中 🚒", "Émile 田中 🚒");
    escaped("a\x1b[31mred", "a\\x1b[31mred");
    escaped("tab\there", "tab\\x09here");
    escaped("del\x7f", "del\\x7f");
    escaped("csi\xc2\x9b"
            "31m",
            "csi\\xc2\\x9b31m"); /* U+009B, the 8-bit CSI */
    escaped("nel\xc2\x85", "nel\\xc2\\x85");
    escaped("nbsp\xc2\xa0ok", "nbsp\xc2\xa0ok");                    /* U+00A0 is printable */
    escaped("rlo\xe2\x80\xaegnp.exe", "rlo\\xe2\\x80\\xaegnp.exe"); /* U+202E */
    escaped("lri\xe2\x81\xa6x\xe2\x81\xa9", "lri\\xe2\\x81\\xa6x\\xe2\\x81\\xa9");
    escaped("lrm\xe2\x80\x8e", "lrm\\xe2\\x80\\x8e");
    escaped("alm\xd8\x9c", "alm\\xd8\\x9c");
    escaped("en\xe2\x80\x93"
            "dash",
            "en\xe2\x80\x93"
            "dash");                         /* U+2013 is printable */
    escaped("bad\xff\xc3", "bad\\xff\\xc3"); /* not UTF-8 */
    excerpt("say \"hi\"\\", "\"say \\x22hi\\x22\\x5c\"");
    excerpt("\xc2\x9b"
            "2J\xe2\x80\xae",
            "\"\\xc2\\x9b2J\\xe2\\x80\\xae\"");
    excerpt("0123456789012345678901234567890123456789-more",
            "\"0123456789012345678901234567890123456789...\"");
    /* a small buffer cuts at a whole escape, and the caller can go on */
    char out[5];
    size_t used;
    size_t len = mx_diag_escape(out, sizeof out,
                                "ab\x1b"
                                "c",
                                4, &used);
    CHECK(len == 2 && used == 2);
    TEST_DONE();
}
