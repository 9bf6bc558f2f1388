/*
 * oncall.h - who carried the pager (docs/spec.md#on-call-load): per person, the
 * interruptions (pages by phone, SMS or push; a page without a medium counts as one)
 * in each band of the day in the person's zone, email pages, acknowledgements,
 * incidents responded to (an event by them other than a page, a detection, a start or
 * an automatic resolution) and incidents commanded, over the counted incidents.
 *
 * Bands: sleep hours any day; business hours on business days ([calendar] workdays,
 * minus holidays); off hours the rest. When the data holds no page at all, the bands
 * count acknowledgements instead (source "acknowledged").
 */
#ifndef MX_ONCALL_H
#define MX_ONCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/timeline.h"
#include "parsers/policy.h"
#include "parsers/tz.h"

enum mx_band { MX_BAND_BUSINESS, MX_BAND_OFF_HOURS, MX_BAND_SLEEP, MX_BAND__COUNT };

/* "business", "off_hours", "sleep" (report.json keys). */
const char *mx_oncall_band_name(enum mx_band b);

/* The band of instant t in zone under the policy's hours and calendar. */
enum mx_band mx_oncall_band(const struct mx_policy *p, const struct mx_zone *zone, int64_t t);

struct mx_oncall_person {
    uint32_t name;              /* interned (mx_timeline_string) */
    const struct mx_zone *zone; /* [oncall] timezone.NAME, else the report's */
    uint64_t interruptions[MX_BAND__COUNT];
    uint64_t email, acknowledged, incidents, commanded;
};

struct mx_oncall {
    bool from_pages;                 /* false: the data has no page; bands count acks */
    struct mx_oncall_person *people; /* owned; most interruptions first, then name */
    size_t n_people;
    uint64_t pages, pages_without_person;
};

/* Builds the load over the counted incidents of tl. zone is the report's. */
void mx_oncall_build(struct mx_oncall *o, const struct mx_timelines *tl, const struct mx_policy *p,
                     const struct mx_zone *zone);
void mx_oncall_free(struct mx_oncall *o);

/* The counts of o->people[from..] summed into out (name 0, the report's zone unknown:
 * NULL): the "other (k people)" row. */
void mx_oncall_sum(const struct mx_oncall *o, size_t from, struct mx_oncall_person *out);

/* Total interruptions of a person. */
uint64_t mx_oncall_total(const struct mx_oncall_person *x);

#endif
