/*
 * fmt.h - how values read in reports: durations, instants, seconds, months and
 * source positions. Numbers are written with integer arithmetic, so no locale can
 * change a byte. Escaping of untrusted strings is esc.h's.
 */
#ifndef MX_FMT_H
#define MX_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/result.h"
#include "parsers/tz.h"
#include "reports/buf.h"

/* "45s", "12m 05s", "1h 04m", "2d 03h"; "<1s" below a second, "0s" for zero. */
void mx_fmt_duration(struct mx_buf *b, int64_t ms);
/* A median and its 95% interval where it has one: "1h 26m (1h 02m – 2h 10m)"; with
 * n_after, the sample size inside the parentheses: "1h 26m (1h 02m – 2h 10m, n=12)",
 * "3m 10s (n=4)". */
void mx_fmt_median(struct mx_buf *b, const struct mx_stat *s, bool n_after);
/* A number of days: "30", "25.5", "30.96" (two decimals at most, trailing zeros dropped). */
void mx_fmt_days(struct mx_buf *b, double days);
/* An incident rate and its interval: "2.67 (1.82 – 3.76)", "12.8 (10.9 – 15.0)": three
 * significant digits up to 100, whole numbers above. */
void mx_fmt_rate(struct mx_buf *b, const struct mx_rate *r);
/* A number that is not a time or duration (a p-value, a rate) as JSON: 9 significant
 * digits ("0.432118765", "1.2e-05"). */
void mx_fmt_json_num(struct mx_buf *b, double v);
/* Seconds with up to three decimals, trailing zeros dropped: "300", "12.5". */
void mx_fmt_seconds(struct mx_buf *b, int64_t ms);
/* RFC 3339 UTC ("2026-03-04T05:06:07Z", milliseconds when not zero). */
void mx_fmt_utc(struct mx_buf *b, int64_t ms);
/* mx_fmt_utc as a JSON string, or null for MX_NO_TIME. */
void mx_fmt_json_time(struct mx_buf *b, int64_t ms);
/* mx_fmt_seconds, or null for MX_NO_TIME. */
void mx_fmt_json_seconds(struct mx_buf *b, int64_t ms);
/* mx_fmt_json_time and mx_fmt_json_seconds written at p, for a caller that reserved room
 * (mx_buf_reserve): at most MX_FMT_JSON_TIME_MAX and MX_FMT_JSON_SECONDS_MAX bytes.
 * Each returns the end of what it wrote. */
#define MX_FMT_JSON_TIME_MAX    34
#define MX_FMT_JSON_SECONDS_MAX 26
char *mx_fmt_json_time_to(char *p, int64_t ms);
char *mx_fmt_json_seconds_to(char *p, int64_t ms);
/* s as an escaped JSON string, or null when s.p is NULL (absent). */
void mx_fmt_json_str(struct mx_buf *b, struct mx_str s);
/* s as escaped Markdown text, or "—" when it is absent or empty. */
void mx_fmt_md_str(struct mx_buf *b, struct mx_str s);
/* "2026-03-04 14:06" in zone. */
void mx_fmt_local(struct mx_buf *b, const struct mx_zone *zone, int64_t ms);
/* "path:line" or "path:line#index" of a kept event. */
void mx_fmt_source(struct mx_buf *b, const struct mx_result *r, const struct mx_entry *e);

/* "s" unless n is 1: "%llu incident%s". */
static inline const char *mx_fmt_s(uint64_t n) {
    return n == 1 ? "" : "s";
}

/* "2026-03" for a month key (year * 12 + month - 1). */
void mx_fmt_month(struct mx_buf *b, int key);
/* A month of the report's tables: "2026-03", or "2026-11, partial: 25 of 30 days" for the
 * month the report window ends inside. */
void mx_fmt_month_row(struct mx_buf *b, const struct mx_result *r, int key);

#endif
