/*
 * junit_report.c - JUnit XML of the gates (see junit_report.h).
 */
#include "reports/junit_report.h"

#include <string.h>

#include "parsers/utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD"

static void xml(struct mx_buf *b, const char *s) {
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c == '&')
            mx_buf_puts(b, "&amp;");
        else if (c == '<')
            mx_buf_puts(b, "&lt;");
        else if (c == '>')
            mx_buf_puts(b, "&gt;");
        else if (c == '"')
            mx_buf_puts(b, "&quot;");
        else if (c == '\'')
            mx_buf_puts(b, "&apos;");
        else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            mx_buf_puts(b, REPLACEMENT);
        else if (c < 0x80)
            mx_buf_putc(b, (char)c);
        else {
            size_t k = mx_utf8_len(u + i, n - i);
            bool nonchar = k == 3 && c == 0xEF && u[i + 1] == 0xBF && u[i + 2] >= 0xBE;
            if (k == 0 || nonchar || (k == 2 && c == 0xC2 && u[i + 1] < 0xA0)) /* XML lacks */
                mx_buf_puts(b, REPLACEMENT);
            else
                mx_buf_put(b, s + i, k);
            i += k ? k : 1;
            continue;
        }
        i++;
    }
}

void mx_junit_report_write(struct mx_buf *b, const struct mx_gate_outcome *g, size_t n) {
    size_t failures = 0, errors = 0;
    for (size_t i = 0; i < n; i++) {
        failures += g[i].result == MX_GATE_FAILED;
        errors += g[i].result == MX_GATE_UNMEASURED;
    }
    mx_buf_printf(b,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<testsuites name=\"mttx\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n"
                  "  <testsuite name=\"mttx gates\" tests=\"%zu\" failures=\"%zu\" "
                  "errors=\"%zu\">\n",
                  n, failures, errors, n, failures, errors);
    for (size_t i = 0; i < n; i++) {
        mx_buf_puts(b, "    <testcase classname=\"mttx.gates\" name=\"");
        xml(b, g[i].rule);
        if (g[i].result == MX_GATE_PASSED) {
            mx_buf_puts(b, "\"/>\n");
            continue;
        }
        bool failed = g[i].result == MX_GATE_FAILED;
        mx_buf_printf(b, "\">\n      <%s message=\"", failed ? "failure" : "error");
        xml(b, g[i].message);
        mx_buf_puts(b, "\">");
        if (g[i].ids[0]) {
            mx_buf_puts(b, "incidents: ");
            xml(b, g[i].ids);
        } else {
            xml(b, g[i].message);
        }
        mx_buf_printf(b, "</%s>\n    </testcase>\n", failed ? "failure" : "error");
    }
    mx_buf_puts(b, "  </testsuite>\n</testsuites>\n");
}
