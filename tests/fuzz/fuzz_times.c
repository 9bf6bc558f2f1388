/*
 * fuzz_times.c - libFuzzer target, differential: mx_times_parse (with its fast path for
 * the fixed layouts exports write) and mx_times_parse_general must give the same
 * answer for every text: the same reason, or the same instant and zone flag. Aborts on
 * a difference.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parsers/times.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    int64_t a = 0, b = 0;
    bool za = false, zb = false;
    const char *wa = mx_times_parse(s, size, &a, &za);
    const char *wb = mx_times_parse_general(s, size, &b, &zb);
    if (wa != wb || (!wa && (a != b || za != zb))) {
        fprintf(stderr, "fast and general paths differ on \"%.*s\": %s %lld %d / %s %lld %d\n",
                (int)size, s, wa ? wa : "ok", (long long)a, za, wb ? wb : "ok", (long long)b, zb);
        abort();
    }
    return 0;
}
