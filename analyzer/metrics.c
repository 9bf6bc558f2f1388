/*
 * metrics.c - metric groups (see metrics.h).
 */
#include "analyzer/metrics.h"

#include <stdlib.h>

#include "parsers/mem.h"

static const char *const metric_keys[MX_M__COUNT] = {"mttd", "mtta", "mttm",
                                                     "mttr", "mtbf", "mttr_excluding_auto"};
static const char *const metric_labels[MX_M__COUNT] = {"MTTD", "MTTA", "MTTM",
                                                       "MTTR", "MTBF", "MTTR excl. auto"};

const char *mx_metrics_key(enum mx_metric m) {
    return metric_keys[m];
}

const char *mx_metrics_label(enum mx_metric m) {
    return metric_labels[m];
}

static void push(struct mx_metrics_acc *g, enum mx_metric m, int64_t v) {
    if (g->only && !(g->only >> m & 1u)) return;
    mx_mem_grow((void **)&g->m[m].v, &g->m[m].cap, g->m[m].n + 1, sizeof *g->m[m].v);
    g->m[m].v[g->m[m].n++] = v;
}

static void push_open(struct mx_metrics_acc *g, int64_t age) {
    if (g->only && !(g->only >> MX_M_MTTR & 1u)) return;
    mx_mem_grow((void **)&g->open.v, &g->open.cap, g->open.n + 1, sizeof *g->open.v);
    g->open.v[g->open.n++] = age;
}

void mx_metrics_add_interval(struct mx_metrics_acc *g, int64_t ms) {
    push(g, MX_M_MTBF, ms);
}

void mx_metrics_finish(struct mx_metrics_acc *g, struct mx_mset *out) {
    out->incidents = g->incidents;
    for (int k = 0; k < MX_M__COUNT; k++) {
        if (g->only && !(g->only >> k & 1u)) continue; /* another pass's */
        mx_stats_compute(g->m[k].v, g->m[k].n, &out->m[k]);
        if (k == MX_M_MTTR)
            mx_stats_censored(&out->m[k], g->m[k].v, g->m[k].n, g->open.v, g->open.n);
        free(g->m[k].v);
        g->m[k].v = NULL;
        g->m[k].n = g->m[k].cap = 0;
    }
    free(g->open.v);
    g->open.v = NULL;
    g->open.n = g->open.cap = 0;
    g->incidents = 0;
}

bool mx_metrics_duration(const struct mx_timeline *t, enum mx_metric m, int64_t *out) {
    int64_t d = t->detected_at, end;
    switch (m) {
    case MX_M_MTTD:
        if (t->started_at == MX_NO_TIME || d < t->started_at) return false;
        *out = d - t->started_at;
        return true;
    case MX_M_MTTA: end = t->acknowledged_at; break;
    case MX_M_MTTM: end = t->mitigated_at; break;
    case MX_M_MTTR: end = t->resolved_at; break;
    case MX_M_MTTR_NOAUTO: end = t->auto_resolved ? MX_NO_TIME : t->resolved_at; break;
    default: return false;
    }
    /* an acknowledgement before detection is never kept (timeline rules) */
    if (end == MX_NO_TIME || (m != MX_M_MTTA && end < d)) return false;
    *out = end - d;
    return true;
}

enum mx_metric mx_metrics_of_target(enum mx_target_metric m) {
    static const enum mx_metric map[MX_TM__COUNT] = {MX_M_MTTA, MX_M_MTTR, MX_M_MTTM, MX_M_MTTD};
    return map[m];
}

void mx_metrics_add(struct mx_metrics_acc *g, const struct mx_timeline *t, int64_t as_of) {
    g->incidents++;
    static const enum mx_metric per_incident[] = {MX_M_MTTD, MX_M_MTTA, MX_M_MTTM, MX_M_MTTR,
                                                  MX_M_MTTR_NOAUTO};
    int64_t v;
    for (size_t k = 0; k < sizeof per_incident / sizeof per_incident[0]; k++)
        if (mx_metrics_duration(t, per_incident[k], &v)) push(g, per_incident[k], v);
    if (t->open && t->resolved_at == MX_NO_TIME)
        push_open(g, as_of > t->detected_at ? as_of - t->detected_at : 0);
}
