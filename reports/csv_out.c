/*
 * csv_out.c - CSV cells (see csv_out.h).
 */
#include "reports/csv_out.h"

#include <string.h>

#include "parsers/utf8.h"

/* The formula guard ' goes inside the quotes and is decided on s[0] as given; quotes are
 * doubled and NUL bytes dropped while the text is copied. */
void mx_csv_out_text(struct mx_buf *b, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    mx_buf_putc(b, '"');
    if (n && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
              s[0] == '\r' || s[0] == '\n'))
        mx_buf_putc(b, '\'');
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
