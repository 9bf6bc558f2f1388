/*
 * calendar.h - business days in a zone: weekdays of the policy, minus holidays. Used
 * for the SEV4 response target ("by the end of the next business day").
 */
#ifndef MX_CALENDAR_H
#define MX_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "parsers/policy.h"
#include "parsers/tz.h"

/* Whether the local date `day` (days since 1970-01-01) is a business day. */
bool mx_calendar_business_day(const struct mx_policy *p, int64_t day);

/* The end of the next business day after the local date of t in zone (exclusive: the
 * start of the following day). A Friday-evening detection is due by the end of
 * Monday, or Tuesday when Monday is a holiday. */
int64_t mx_calendar_next_business_day_end(const struct mx_policy *p, const struct mx_zone *zone,
                                          int64_t t);

/* The UTC instant at which month `key` (year * 12 + month - 1) starts in zone: local
 * midnight of its first day, or the first instant of that day when a DST change skips
 * midnight. */
int64_t mx_calendar_month_start(const struct mx_zone *zone, int key);

#endif
