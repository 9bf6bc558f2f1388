/*
 * tz.h - time zones as immutable values, read from the system's zoneinfo database
 * (TZif files, RFC 8536) by our own code: no TZ environment variable, no global state,
 * and an unknown zone is an error instead of glibc's silent UTC.
 *
 * Transitions come from the 64-bit section of the file. Debian's tzdata lists them up
 * to 2037; later instants take the offset of the last transition (the POSIX rule in
 * the file's footer is not evaluated).
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

struct mx_zone; /* opaque, immutable once opened */

/* Opens the zone called name ("UTC", "Europe/Berlin"). On success returns NULL and
 * *out, owned by the caller (mx_tz_free); otherwise a static reason. "UTC" needs no
 * database. $TZDIR overrides /usr/share/zoneinfo. */
const char *mx_tz_open(const char *name, struct mx_zone **out);
/* Accepts NULL. */
void mx_tz_free(struct mx_zone *z);
/* The zone's name as opened. */
const char *mx_tz_name(const struct mx_zone *z);

/* Breaks a UTC instant into the zone's local fields. */
void mx_tz_local(const struct mx_zone *z, int64_t utc_ms, struct mx_tm *out);

/* Converts wall-clock fields written as if UTC (see mx_times_parse) to a UTC instant.
 * Returns NULL, or a static reason for a time that does not exist in the zone (a DST
 * gap). An ambiguous time (a DST fold) takes the earlier instant. */
const char *mx_tz_to_utc(const struct mx_zone *z, int64_t naive_ms, int64_t *utc_ms);

#endif
