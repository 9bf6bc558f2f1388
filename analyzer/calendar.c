/*
 * calendar.c - business days (see calendar.h). Dates are local: days are counted in
 * the zone's wall clock, then turned back into UTC instants.
 */
#include "analyzer/calendar.h"

#include <stdlib.h>

#include "parsers/times.h"

static int cmp_day(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : (x > y);
}

bool mx_calendar_business_day(const struct mx_policy *p, int64_t day) {
    int wday = (int)(((day % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    if (!(p->workdays & (1u << wday))) return false;
    return !bsearch(&day, p->holidays, p->n_holidays, sizeof day, cmp_day);
}

/* The UTC instant at which local date `day` starts in zone: local midnight, or the
 * first instant of the day when a DST change skips midnight. */
static int64_t day_start(const struct mx_zone *zone, int64_t day) {
    int64_t utc;
    /* midnight, or the first whole hour after a gap that swallowed it */
    for (int h = 0; h < 24; h++)
        if (!mx_tz_to_utc(zone, (day * 24 + h) * 3600000LL, &utc)) return utc;
    return day * 86400000LL;
}

int64_t mx_calendar_month_start(const struct mx_zone *zone, int key) {
    int y = key >= 0 ? key / 12 : (key - 11) / 12;
    return day_start(zone, mx_times_days_from_civil(y, key - y * 12 + 1, 1));
}

int64_t mx_calendar_next_business_day_end(const struct mx_policy *p, const struct mx_zone *zone,
                                          int64_t t) {
    struct mx_tm tm;
    mx_tz_local(zone, t, &tm);
    int64_t day = mx_times_days_from_civil(tm.year, tm.month, tm.day) + 1;
    for (int guard = 0; guard < 3660 && !mx_calendar_business_day(p, day); guard++) day++;
    return day_start(zone, day + 1);
}
