/*
 * tz.h - the one time zone of a run (--tz), for reading times without an offset and for
 * month buckets and displayed times.
 *
 * The zone is an IANA name checked against the system's zoneinfo database (an unknown
 * TZ silently becomes UTC in glibc, so we check first). The process environment's TZ
 * is replaced by it: output never depends on the caller's TZ. Not thread-safe; one
 * zone per process.
 */
#ifndef MX_TZ_H
#define MX_TZ_H

#include <stdint.h>

/* Broken-down local time. */
struct mx_tm {
    int64_t year;
    int month; /* 1-12 */
    int day;   /* 1-31 */
    int hour, minute, second, ms;
    int wday;   /* 0 = Sunday */
    int gmtoff; /* seconds east of UTC */
};

/* Makes name the active zone. Returns NULL, or a static reason when the name is not a
 * zone of the system's database ("UTC" always works). */
const char *mx_tz_set(const char *name);
/* The active zone's name ("UTC" before any mx_tz_set). */
const char *mx_tz_name(void);

/* Converts wall-clock fields written as if UTC (see mx_time_parse) in the active zone
 * to a UTC instant. Returns NULL, or a static reason for a time that does not exist
 * in the zone (a DST gap). An ambiguous time (DST fold) takes the earlier instant. */
const char *mx_tz_local_to_utc(int64_t naive_ms, int64_t *utc_ms);

/* Breaks a UTC instant into the active zone's local fields. */
void mx_tz_local(int64_t utc_ms, struct mx_tm *out);

#endif
