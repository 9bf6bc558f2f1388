/*
 * test_csv_out.c - CSV cells: quoting, and the formula guard decided on the bytes that
 * are actually written (a leading NUL is dropped, so it must not hide a formula).
 */
#include "harness.h"
#include "reports/csv_out.h"

static void cell(const char *in, size_t n, const char *want) {
    struct mx_buf b = {0};
    mx_csv_out_text(&b, in, n);
    CHECK_STR(b.p, want);
    mx_buf_free(&b);
}

int main(void) {
    cell("plain", 5, "\"plain\"");
    cell("say \"hi\"", 8, "\"say \"\"hi\"\"\"");
    /* every formula start, plain and behind NUL bytes */
    const char starts[] = "=+-@\t\r\n";
    for (int k = 0; starts[k]; k++) {
        char in[4] = {starts[k], 'x', 0, 0}, want[8] = {'"', '\'', starts[k], 'x', '"', 0};
        cell(in, 2, want);
        char nul[4] = {0, starts[k], 'x', 0};
        cell(nul, 3, want);
        char nul2[5] = {0, 0, starts[k], 'x', 0};
        cell(nul2, 4, want);
    }
    cell("\0=HYPERLINK(1)", 14, "\"'=HYPERLINK(1)\"");
    cell("\0+cmd|' /C calc'!A0", 19, "\"'+cmd|' /C calc'!A0\"");
    /* a NUL inside is dropped, no guard needed */
    cell("a\0=b", 4, "\"a=b\"");
    /* only NULs: an empty cell */
    cell("\0\0", 2, "\"\"");
    /* invalid UTF-8 then a formula character: U+FFFD comes first, no guard */
    cell("\xff=x", 3, "\"\xEF\xBF\xBD=x\"");
    TEST_DONE();
}
