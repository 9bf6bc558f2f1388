/*
 * fuzz_csv_out.c - libFuzzer target for the CSV cell writer (docs/security.md#csv):
 * the input, split at each 0x1F byte, is written as one row of cells; the row is read
 * back as RFC 4180 and must hold exactly that many quoted cells, none of which starts
 * with = + - @ TAB CR or LF unless it starts with the ' guard. Any violation aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/csv_out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int formula(unsigned char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct mx_buf b = {0};
    size_t cells = 1, start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != 0x1F) continue;
        if (start) mx_csv_out_comma(&b);
        mx_csv_out_text(&b, (const char *)data + start, i - start);
        if (i < size) cells++;
        start = i + 1;
    }
    mx_csv_out_end(&b);
    /* read the row back */
    const unsigned char *p = (const unsigned char *)b.p, *end = p + b.n;
    size_t seen = 0;
    for (;;) {
        if (p >= end || *p != '"') abort(); /* every text cell is quoted */
        p++;
        if (p < end && *p != '"' && *p != '\'' && formula(*p)) abort();
        for (;;) {
            if (p >= end) abort(); /* unterminated */
            if (*p == '"') {
                if (p + 1 < end && p[1] == '"') {
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            if (*p == 0) abort(); /* NUL bytes are dropped */
            p++;
        }
        seen++;
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        if (end - p != 2 || p[0] != '\r' || p[1] != '\n') abort();
        break;
    }
    if (seen != cells) abort();
    mx_buf_free(&b);
    return 0;
}
