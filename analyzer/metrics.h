/*
 * metrics.h - the metrics of a group of incidents (docs/spec.md#metrics): each incident's
 * durations pushed into one vector per metric, then summarised (analyzer/stats.h).
 */
#ifndef MX_METRICS_H
#define MX_METRICS_H

#include <stdint.h>

#include "analyzer/stats.h"
#include "analyzer/timeline.h"
#include "parsers/policy.h"

enum mx_metric {
    MX_M_MTTD,        /* detected - started */
    MX_M_MTTA,        /* acknowledged - detected */
    MX_M_MTTM,        /* mitigated - detected */
    MX_M_MTTR,        /* resolved - detected */
    MX_M_MTBF,        /* between consecutive detections */
    MX_M_MTTR_NOAUTO, /* MTTR of incidents not resolved automatically */
    MX_M__COUNT
};

/* "mttd", "mtta", ... (report.json keys) and "MTTD", ... (headings). */
const char *mx_metrics_key(enum mx_metric m);
const char *mx_metrics_label(enum mx_metric m);

struct mx_mset {
    uint64_t incidents;
    struct mx_stat m[MX_M__COUNT];
};

/* A group being accumulated: one growing vector of durations (ms) per metric. */
struct mx_metrics_acc {
    struct {
        int64_t *v;
        size_t n, cap;
    } m[MX_M__COUNT], open; /* open: the ages of the open incidents (for MTTR) */
    uint64_t incidents;
    unsigned only; /* bit k: metric k alone is pushed and finished (MX_METRICS_PASSES:
                    * fewer durations held at once); 0: every metric */
};

/* The metrics two at a time: a group's durations filled and finished in three passes
 * hold a third of the memory of one pass (the peak of a large report). */
#define MX_METRICS_PASSES 3
/* The mx_metrics_acc.only of pass p (0 .. MX_METRICS_PASSES - 1). */
static inline unsigned mx_metrics_pass(int p) {
    return p == 0   ? (1u << MX_M_MTTD | 1u << MX_M_MTTA)
           : p == 1 ? (1u << MX_M_MTTM | 1u << MX_M_MTTR)
                    : (1u << MX_M_MTBF | 1u << MX_M_MTTR_NOAUTO);
}

/* Counts t in the group and pushes its durations: MTTD, MTTA, MTTM, MTTR (and MTTR
 * without automatic resolutions); negative MTTD, MTTM and MTTR are left out. An open
 * incident's age at as_of goes into the open ages, which censor the MTTR's
 * Kaplan-Meier median. */
void mx_metrics_add(struct mx_metrics_acc *g, const struct mx_timeline *t, int64_t as_of);
/* The duration of metric m (not MTBF) for incident t, by the rules above; false when it
 * has none. */
bool mx_metrics_duration(const struct mx_timeline *t, enum mx_metric m, int64_t *out);
/* The metric a metric target judges. */
enum mx_metric mx_metrics_of_target(enum mx_target_metric m);

/* Pushes one MTBF interval. */
void mx_metrics_add_interval(struct mx_metrics_acc *g, int64_t ms);
/* Summarises the group into out (the MTTR with its open incidents) and frees its vectors
 * (g is empty afterwards). */
void mx_metrics_finish(struct mx_metrics_acc *g, struct mx_mset *out);

#endif
