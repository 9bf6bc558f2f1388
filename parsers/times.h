/*
 * times.h - reading and writing instants, with calendar and offset validation in
 * our own code (glibc's strptime accepts Feb 30 and second 61; timegm normalises).
 *
 * Accepted text forms (docs/spec.md#time-notations):
 *   2015-10-06T21:30:42Z            2017-05-10T18:48:27-05:00
 *   2022-11-03T06:23:06.000000Z     2023-09-05T18:21:21.49Z (1-9 fraction digits)
 *   2023-09-15 18:51:47.961         (space or 'T'; no zone: see has_zone)
 *   2011-05-06T03:30-07             (no seconds; hour-only offset; also +0545)
 * Fractions are kept to the millisecond, truncated. Second 60 (a leap second) reads as
 * 59.999. Years 1000-9999.
 */
#ifndef MX_TIMES_H
#define MX_TIMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses s[0..n). On success returns NULL and stores the instant in *out_ms; when the
 * text has no zone, *has_zone is false and *out_ms holds the wall-clock fields as if
 * they were UTC (convert with mx_tz_to_utc). On failure returns a static reason
 * ("day 30 is not in February 2026") and leaves the outputs unspecified. */
const char *mx_times_parse(const char *s, size_t n, int64_t *out_ms, bool *has_zone);
/* mx_times_parse without its fast path for the fixed layouts YYYY-MM-DDTHH:MM:SSZ and
 * YYYY-MM-DDTHH:MM:SS.mmmZ: the same answers, for the differential fuzz target. */
const char *mx_times_parse_general(const char *s, size_t n, int64_t *out_ms, bool *has_zone);

/* Parses s[0..n) by a strftime-like layout: %Y %m %d %e %H %M %S, %f (fraction of a
 * second, 1-9 digits), %b (Jan..Dec, any case), %z (Z, +hh, +hhmm, +hh:mm), %% and
 * literal characters (a space matches one or more spaces). Fields are validated as by
 * mx_times_parse; a layout without %z gives *has_zone false. Returns NULL or a reason. */
const char *mx_times_parse_layout(const char *layout, const char *s, size_t n, int64_t *out_ms,
                                  bool *has_zone);

/* Reads an integer epoch: seconds; milliseconds if > 10^11; microseconds if > 10^14;
 * nanoseconds if > 10^17. Returns NULL or a static reason (negative values). */
const char *mx_times_from_epoch(int64_t v, int64_t *out_ms);

/* The instants mttx accepts: 1000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. */
#define MX_TIMES_MIN_MS (-30610224000000LL)
#define MX_TIMES_MAX_MS (253402300799999LL)
/* NULL when ms lies in that range (offsets applied), else a reason. */
const char *mx_times_check_range(int64_t ms);

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
int64_t mx_times_days_from_civil(int64_t y, int m, int d);
/* The inverse of mx_times_days_from_civil. */
void mx_times_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* Writes ms as RFC 3339 UTC ("2026-03-04T05:06:07Z", ".123" added when the
 * milliseconds are not zero) into buf (at least 32 bytes); returns the length. */
size_t mx_times_format_utc(int64_t ms, char *buf);

#endif
