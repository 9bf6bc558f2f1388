/*
 * breakdown.h - the retro's views of the counted incidents (docs/spec.md#by-service-and-team):
 * per service (after aliasing) and per team, their counts, metrics and response
 * compliance; and noise - automatic resolutions, incidents resolved without an
 * acknowledgement, reopened and flapping incidents - overall, per month and per service.
 *
 * An incident is *flapping* when it is detected within the flap window (inclusive) after
 * the resolution of an earlier incident of the same service and normalised title
 * (analyzer/titles.h).
 */
#ifndef MX_BREAKDOWN_H
#define MX_BREAKDOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/compliance.h"
#include "analyzer/intern.h"
#include "analyzer/metrics.h"
#include "analyzer/timeline.h"

/* Noise counts of a group of incidents. */
struct mx_noise {
    uint64_t auto_resolved, unacknowledged, reopened, flapping;
};

/* One service or team. */
struct mx_breakdown_group {
    struct mx_str name; /* n == 0: the incidents without one, "(none)" */
    uint64_t incidents;
    uint64_t by_severity[MX_SEV__COUNT];
    struct mx_mset metrics;
    struct mx_noise noise;
    struct mx_compliance_counts comp; /* response (rsp) and postmortem (pm) statuses */
};

/* What each counted incident is, for the noise counts (bits of a flags byte). */
#define MX_NOISE_AUTO     1u
#define MX_NOISE_UNACKED  2u
#define MX_NOISE_REOPENED 4u
#define MX_NOISE_FLAPPING 8u

/* The noise bits of incident t (flapping is known only over all of them: see
 * mx_breakdown_flapping). */
unsigned mx_breakdown_noise_bits(const struct mx_timeline *t);
/* Adds the bits to n. */
void mx_breakdown_count_noise(struct mx_noise *n, unsigned bits);

/* Marks MX_NOISE_FLAPPING in bits[i] for the counted incidents i of tl that flap: norm[i]
 * is the interned id (in the pool titles) of incident i's normalised title, 0 for
 * none; an incident without a title never flaps. window is in ms (>= 0). */
void mx_breakdown_flapping(const struct mx_timelines *tl, const uint32_t *norm, int64_t window,
                           uint8_t *bits);

/* The name incident t is grouped under by service (by_team false) or team; a name
 * "(none)" in the data is grouped with the incidents that have none (n == 0: report.json
 * has one key for both). */
struct mx_str mx_breakdown_group_name(const struct mx_timelines *tl, const struct mx_timeline *t,
                                      bool by_team);
/* Groups the counted incidents of tl by service (by_team false) or team: out gets the
 * groups ordered by incidents (most first), then name bytewise, "(none)" last among
 * equals; comp[i] is incident i's compliance, bits[i] its noise bits. Returns the
 * count; *out is owned by the caller (mx_breakdown_free). */
size_t mx_breakdown_groups(const struct mx_timelines *tl, const struct mx_compliance *comp,
                           const uint8_t *bits, bool by_team, int64_t as_of,
                           struct mx_breakdown_group **out);
void mx_breakdown_free(struct mx_breakdown_group *g, size_t n);

/* How many services (or teams) the tables show; the rest are summed into one row. */
#define MX_BREAKDOWN_SHOWN 15

/* The counts of g[from..n) summed into out (its name empty, its metrics empty: medians do
 * not add up): the "other (k services)" row. */
void mx_breakdown_sum(const struct mx_breakdown_group *g, size_t from, size_t n,
                      struct mx_breakdown_group *out);

/* How many recurring titles the reports list. */
#define MX_RECURRING 10

/* A normalised title shared by two or more counted incidents. */
struct mx_recurring {
    uint32_t title; /* interned normalised title */
    uint64_t incidents;
    struct mx_str *services; /* owned: the distinct services, bytewise; n == 0 is (none) */
    size_t n_services;
    int64_t first, last; /* first and last detection */
    struct mx_stat mttr;
    int64_t open_ms; /* total time open: to the resolution, or to as_of while open */
};

/* The (at most MX_RECURRING) normalised titles with most counted incidents, two at
 * least: most first, then the earliest first detection, then the title bytewise
 * (titles gives the bytes of norm[i]). Returns the count written to out. */
size_t mx_breakdown_recurring(const struct mx_timelines *tl, const struct mx_intern *titles,
                              const uint32_t *norm, int64_t as_of,
                              struct mx_recurring out[MX_RECURRING]);
void mx_breakdown_recurring_free(struct mx_recurring *r, size_t n);

#endif
