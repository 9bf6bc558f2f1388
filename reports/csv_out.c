/*
 * csv_out.c - CSV cells (see csv_out.h).
 */
#include "reports/csv_out.h"

#include <stdbool.h>
#include <string.h>

#include "parsers/utf8.h"

/* Whether a spreadsheet would read a cell starting with c as a formula. */
static bool formula_start(unsigned char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

/* The formula guard ' goes inside the quotes and is decided on the first byte that is
 * written: NUL bytes are dropped, so "\0=cmd" must be guarded like "=cmd" (a quote is
 * doubled and invalid UTF-8 becomes U+FFFD, neither of which starts a formula). */
void mx_csv_out_text(struct mx_buf *b, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    mx_buf_putc(b, '"');
    size_t first = 0;
    while (first < n && u[first] == 0) first++;
    if (first < n && formula_start(u[first])) mx_buf_putc(b, '\'');
    size_t i = 0;
    while (i < n) {
        if (u[i] == '"') {
            mx_buf_put(b, "\"\"", 2);
            i++;
        } else if (u[i] == 0) {
            i++;
        } else if (u[i] < 0x80) {
            mx_buf_putc(b, (char)u[i]);
            i++;
        } else {
            size_t k = mx_utf8_len(u + i, n - i);
            if (k)
                mx_buf_put(b, s + i, k);
            else
                mx_buf_puts(b, "\xEF\xBF\xBD");
            i += k ? k : 1;
        }
    }
    mx_buf_putc(b, '"');
}

void mx_csv_out_comma(struct mx_buf *b) {
    mx_buf_putc(b, ',');
}

void mx_csv_out_end(struct mx_buf *b) {
    mx_buf_put(b, "\r\n", 2);
}
