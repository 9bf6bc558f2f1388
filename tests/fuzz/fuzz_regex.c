/*
 * fuzz_regex.c - libFuzzer target for custom line formats: the input's first line is a
 * PCRE2 pattern (compiled with the limits of regex.h), the rest the subject lines, read
 * with mx_custom_read when the pattern has the required groups and matched directly
 * otherwise. Invalid UTF-8 in subjects, limit hits and the abandon budget are reached.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "parsers/custom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_lines(struct mx_line_format *f, const uint8_t *data, size_t size) {
    struct mx_read_opts opts = mx_input_opts_default();
    opts.max_line = 4096;
    struct fz_reader fz;
    if (!fz_reader_init(&fz, &opts)) return;
    uint32_t src = mx_diag_input_add(&fz.diag, "fuzz.log");
    struct mx_stream *s = mx_stream_mem(data, size);
    mx_custom_read(&fz.rd, s, src, f);
    mx_stream_free(s);
    fz_reader_free(&fz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nl = memchr(data, '\n', size);
    size_t plen = nl ? (size_t)(nl - data) : size;
    if (plen > 1024) return 0; /* config patterns are lines of an INI file */
    char *pattern = malloc(plen + 1);
    if (!pattern) return 0;
    memcpy(pattern, data, plen);
    pattern[plen] = '\0';
    struct mx_line_format f;
    memset(&f, 0, sizeof f);
    memcpy(f.name, "fuzz", 5);
    const uint8_t *rest = nl ? nl + 1 : data + size;
    size_t n = size - (size_t)(rest - data);
    struct mx_regex *re = NULL;
    char why[256];
    if (strlen(pattern) == plen && mx_regex_compile(pattern, &re, why, sizeof why)) {
        mx_custom_bind(&f, re);
        if (f.group[MX_G_TIME] && f.group[MX_G_INCIDENT] && f.group[MX_G_EVENT]) {
            f.time_format = (enum mx_time_format)(plen % 4);
            memcpy(f.layout, "%d/%b/%Y:%H:%M:%S %z", 21);
            read_lines(&f, rest, n);
        } else if (mx_regex_match(f.re, (const char *)rest, n) == MX_MATCH) {
            (void)mx_regex_group(f.re, (const char *)rest, "x");
        }
    }
    mx_custom_free(&f);
    free(pattern);
    return 0;
}
