/*
 * test_escape.c - escaping for Markdown and JSON, and how durations read.
 */
#include "harness.h"
#include "reports/esc.h"
#include "reports/fmt.h"

static void md(const char *in, size_t n, const char *want) {
    struct mx_buf b = {0};
    mx_esc_md(&b, in, n);
    CHECK_STR(b.p ? b.p : "", want);
    mx_buf_free(&b);
}

static void js(const char *in, size_t n, const char *want) {
    struct mx_buf b = {0};
    mx_esc_json(&b, in, n);
    CHECK_STR(b.p, want);
    mx_buf_free(&b);
}

static void html(const char *in, const char *want) {
    struct mx_buf b = {0};
    mx_esc_html(&b, in, strlen(in));
    CHECK_STR(b.p ? b.p : "", want);
    mx_buf_free(&b);
}

static void u64(uint64_t v, const char *want) {
    struct mx_buf b = {0};
    mx_buf_u64(&b, v);
    mx_buf_putc(&b, '\0');
    CHECK_STR(b.p, want);
    mx_buf_free(&b);
}

static void dur(int64_t ms, const char *want) {
    struct mx_buf b = {0};
    mx_fmt_duration(&b, ms);
    CHECK_STR(b.p, want);
    mx_buf_free(&b);
}

static void secs(int64_t ms, const char *want) {
    struct mx_buf b = {0};
    mx_fmt_seconds(&b, ms);
    CHECK_STR(b.p, want);
    mx_buf_free(&b);
}

int main(void) {
    /* integers two digits at a time: every length, odd and even */
    u64(0, "0");
    u64(7, "7");
    u64(10, "10");
    u64(99, "99");
    u64(100, "100");
    u64(1009, "1009");
    u64(12345, "12345");
    u64(18446744073709551615ull, "18446744073709551615");
    /* terminal controls: JSON keeps the text but writes C1 and bidi controls as \u */
    js("a\xc2\x9b"
       "b",
       4, "\"a\\u009bb\"");
    js("x\xe2\x80\xaey", 5, "\"x\\u202ey\"");
    js("x\xe2\x81\xa6y\xe2\x81\xa9", 8, "\"x\\u2066y\\u2069\"");
    js("é\xe2\x80\x93", 5, "\"é\xe2\x80\x93\""); /* accents and dashes stay */
    /* HTML isolates a value holding a bidi control, and only such a value */
    html("plain <b>", "plain &lt;b&gt;");
    html("R&D & \"ops\" 'team'", "R&amp;D &amp; &quot;ops&quot; &#39;team&#39;");
    html("&amp;", "&amp;amp;"); /* an entity in the input is text, not markup */
    html("invoice\xe2\x80\xae"
         "fdp.exe",
         "<bdi>invoice\xe2\x80\xae"
         "fdp.exe</bdi>");
    html("a\xe2\x81\xa7"
         "b",
         "<bdi>a\xe2\x81\xa7"
         "b</bdi>");
    html("a\xc2\x9b"
         "b",
         "a\xEF\xBF\xBD"
         "b"); /* C1: U+FFFD, as before */
    md("a|b", 3, "a\\|b");
    md("[x](javascript:alert(1))", 24, "\\[x\\](javascript:alert(1))");
    md("<script>", 8, "\\<script>");
    md("line\nbreak\r\ttab", 15, "line break  tab");
    md("*_`#", 4, "\\*\\_\\`#");
    /* only what would change the rendering is escaped: a path:line, an id, a title stay
     * copyable as written */
    md("fixtures/demo/2026-06_to_2026-11.jsonl.gz:760", 45,
       "fixtures/demo/2026-06_to_2026-11.jsonl.gz:760");
    md("INC-1347 billing-worker: memory leak (50%)", 42,
       "INC-1347 billing-worker: memory leak (50%)");
    md("_a_ b_c *d* ~e~ &amp; \\", 23, "\\_a\\_ b_c \\*d\\* \\~e\\~ \\&amp; \\\\");
    /* autolinks: a scheme's "://" and "www." are broken, not the rest */
    md("see https://x.example/a and WWW.x.example", 41,
       "see https\\://x.example/a and WWW\\.x.example");
    /* what starts a block only at the start of the value (it may start a line) */
    md("# h", 3, "\\# h");
    md("- a - b", 7, "\\- a - b");
    md("> q", 3, "\\> q");
    md("12. x 3. y", 10, "12\\. x 3. y");
    md("1) x", 4, "1\\) x");
    /* after leading spaces too; a heading's closing # at the end */
    md(" 1. x", 5, " 1\\. x");
    md("  - y", 5, "  \\- y");
    md("title #", 7, "title \\#");
    md("C# and #1", 9, "C# and #1");
    md("a@b.c", 5,
       "a\\@\xE2\x80\x8B"
       "b.c");
    md("nul\0x", 5, "nul\xEF\xBF\xBDx");
    md("\xC3\xA9t\xC3\xA9", 5, "\xC3\xA9t\xC3\xA9"); /* UTF-8 kept */
    md("bad\xFF", 4, "bad\xEF\xBF\xBD");             /* invalid byte replaced */
    md("c1\xC2\x85", 4, "c1\xEF\xBF\xBD");           /* C1 control replaced */
    /* a bidirectional control isolates the value (U+2068 ... U+2069); Hebrew with a
     * right-to-left mark stays as it is inside */
    md("a\xE2\x80\xAE|b", 6,
       "\xE2\x81\xA8"
       "a\xE2\x80\xAE\\|b"
       "\xE2\x81\xA9");
    md("\xD7\xA9\xE2\x80\x8F", 5, "\xE2\x81\xA8\xD7\xA9\xE2\x80\x8F\xE2\x81\xA9");
    /* an isolate the value opens is closed before ours; a pop of its own that would
     * close ours is replaced */
    md("x\xE2\x81\xA6y", 5, "\xE2\x81\xA8x\xE2\x81\xA6y\xE2\x81\xA9\xE2\x81\xA9");
    md("x\xE2\x81\xA9y\xE2\x80\xAE", 8, "\xE2\x81\xA8x\xEF\xBF\xBDy\xE2\x80\xAE\xE2\x81\xA9");
    md("\xE2\x81\xA7"
       "a\xE2\x81\xA9\xE2\x81\xA9",
       10,
       "\xE2\x81\xA8\xE2\x81\xA7"
       "a\xE2\x81\xA9\xEF\xBF\xBD\xE2\x81\xA9");
    js("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
    js("\x01\n", 2, "\"\\u0001\\n\"");
    js("\xE2\x82\xAC", 3, "\"\xE2\x82\xAC\"");
    js("\xED\xA0\x80", 3, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* surrogate */
    dur(0, "0s");
    dur(400, "<1s");
    dur(45000, "45s");
    dur(725000, "12m 05s");
    dur(3840000, "1h 04m");
    dur(183600000, "2d 03h");
    secs(300000, "300");
    secs(12500, "12.5");
    secs(1, "0.001");
    secs(1230, "1.23");
    TEST_DONE();
}
