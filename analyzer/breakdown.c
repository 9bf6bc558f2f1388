/*
 * breakdown.c - services, teams and noise (see breakdown.h). Groups are found by sorting
 * the counted incidents' indices by name (then timeline order), so each group's
 * incidents come in detection order for its MTBF and its flapping.
 */
#include "analyzer/breakdown.h"

#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

unsigned mx_breakdown_noise_bits(const struct mx_timeline *t) {
    unsigned b = 0;
    if (t->auto_resolved) b |= MX_NOISE_AUTO;
    /* an acknowledgement before detection (clock skew) is still one */
    if (!t->open && t->acknowledged_at == MX_NO_TIME &&
        !(t->anomalies & (1u << MX_A_ACK_BEFORE_DETECTION)))
        b |= MX_NOISE_UNACKED;
    if (t->reopens) b |= MX_NOISE_REOPENED;
    return b;
}

void mx_breakdown_count_noise(struct mx_noise *n, unsigned bits) {
    n->auto_resolved += (bits & MX_NOISE_AUTO) != 0;
    n->unacknowledged += (bits & MX_NOISE_UNACKED) != 0;
    n->reopened += (bits & MX_NOISE_REOPENED) != 0;
    n->flapping += (bits & MX_NOISE_FLAPPING) != 0;
}

static int cmp_str(struct mx_str a, struct mx_str b) {
    size_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, n) : 0;
    return c ? c : (a.n > b.n) - (a.n < b.n);
}

/* A sort item: a name (or two) and the timeline index. */
struct item {
    struct mx_str a;
    uint32_t b; /* a second key (an interned title), or 0 */
    uint32_t i;
};

static int cmp_item(const void *x, const void *y) {
    const struct item *p = x, *q = y;
    int c = cmp_str(p->a, q->a);
    if (c) return c;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

static int cmp_i64(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* The flapping incidents of one group items[0..n): incident i flaps when another
 * incident j was resolved at R with R <= detected(i) <= R + window (such a j was detected
 * no later than i). The latest such R decides: a sweep over the sorted resolutions. */
static void flap_group(const struct mx_timelines *tl, const struct item *items, size_t n,
                       int64_t window, uint8_t *bits, int64_t *res) {
    size_t nr = 0;
    for (size_t k = 0; k < n; k++) {
        const struct mx_timeline *t = mx_timeline_get(tl, items[k].i);
        if (t->resolved_at != MX_NO_TIME && t->resolved_at >= t->detected_at)
            res[nr++] = t->resolved_at;
    }
    qsort(res, nr, sizeof *res, cmp_i64);
    size_t below = 0, upto = 0; /* resolutions before, and at or before, the detection */
    for (size_t k = 0; k < n; k++) {
        const struct mx_timeline *t = mx_timeline_get(tl, items[k].i);
        int64_t d = t->detected_at;
        while (below < nr && res[below] < d) below++;
        if (upto < below) upto = below;
        while (upto < nr && res[upto] <= d) upto++;
        /* its own resolution at the instant of its detection is not another's */
        size_t at = upto - below - (t->resolved_at == d ? 1u : 0u);
        bool flaps = at > 0 || (below > 0 && d - res[below - 1] <= window);
        if (flaps) bits[items[k].i] |= MX_NOISE_FLAPPING;
    }
}

void mx_breakdown_flapping(const struct mx_timelines *tl, const uint32_t *norm, int64_t window,
                           uint8_t *bits) {
    size_t n = mx_timeline_count(tl), m = 0;
    struct item *items = mx_mem_malloc((n ? n : 1) * sizeof *items);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t) || !norm[i]) continue;
        items[m].a = t->service;
        if (!items[m].a.p) items[m].a.n = 0;
        items[m].b = norm[i];
        items[m++].i = (uint32_t)i;
    }
    qsort(items, m, sizeof *items, cmp_item);
    int64_t *res = mx_mem_malloc((m ? m : 1) * sizeof *res);
    for (size_t s = 0, e; s < m; s = e) {
        for (e = s + 1; e < m && items[e].b == items[s].b && !cmp_str(items[e].a, items[s].a); e++)
            ;
        flap_group(tl, items + s, e - s, window, bits, res);
    }
    free(res);
    free(items);
}

/* The name an incident is grouped under; a name "(none)" in the data is grouped with
 * the incidents that have none (report.json has one key for both). */
static struct mx_str group_name(const struct mx_timeline *t, bool by_team) {
    struct mx_str s = by_team ? t->team : t->service;
    if (!s.p || (s.n == 6 && memcmp(s.p, "(none)", 6) == 0)) s.n = 0;
    return s;
}

static int cmp_group(const void *x, const void *y) {
    const struct mx_breakdown_group *a = x, *b = y;
    if (a->incidents != b->incidents) return a->incidents > b->incidents ? -1 : 1;
    if (!a->name.n != !b->name.n) return a->name.n ? -1 : 1; /* (none) last */
    return cmp_str(a->name, b->name);
}

size_t mx_breakdown_groups(const struct mx_timelines *tl, const struct mx_compliance *comp,
                           const uint8_t *bits, bool by_team, int64_t as_of,
                           struct mx_breakdown_group **out) {
    size_t n = mx_timeline_count(tl), m = 0, ng = 0;
    struct item *items = mx_mem_malloc((n ? n : 1) * sizeof *items);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        items[m].a = group_name(t, by_team);
        items[m].b = 0;
        items[m++].i = (uint32_t)i;
    }
    qsort(items, m, sizeof *items, cmp_item);
    for (size_t k = 0; k < m; k++) ng += k == 0 || cmp_str(items[k].a, items[k - 1].a) != 0;
    struct mx_breakdown_group *g = mx_mem_calloc(ng ? ng : 1, sizeof *g);
    struct mx_metrics_acc acc;
    memset(&acc, 0, sizeof acc);
    size_t gi = 0;
    for (size_t s = 0, e; s < m; s = e, gi++) {
        struct mx_breakdown_group *grp = &g[gi];
        grp->name = items[s].a;
        int64_t prev = MX_NO_TIME;
        for (e = s; e < m && cmp_str(items[e].a, items[s].a) == 0; e++) {
            const struct mx_timeline *t = mx_timeline_get(tl, items[e].i);
            const struct mx_compliance *c = &comp[items[e].i];
            grp->incidents++;
            grp->by_severity[t->severity]++;
            mx_metrics_add(&acc, t, as_of);
            if (prev != MX_NO_TIME) mx_metrics_add_interval(&acc, t->detected_at - prev);
            prev = t->detected_at;
            mx_breakdown_count_noise(&grp->noise, bits[items[e].i]);
            grp->comp.rsp[c->rsp]++;
            grp->comp.pm[c->pm]++;
        }
        mx_metrics_finish(&acc, &grp->metrics);
    }
    free(items);
    qsort(g, ng, sizeof *g, cmp_group);
    *out = g;
    return ng;
}

void mx_breakdown_sum(const struct mx_breakdown_group *g, size_t from, size_t n,
                      struct mx_breakdown_group *out) {
    memset(out, 0, sizeof *out);
    for (size_t i = from; i < n; i++) {
        out->incidents += g[i].incidents;
        for (int s = 0; s < MX_SEV__COUNT; s++) out->by_severity[s] += g[i].by_severity[s];
        out->noise.auto_resolved += g[i].noise.auto_resolved;
        out->noise.unacknowledged += g[i].noise.unacknowledged;
        out->noise.reopened += g[i].noise.reopened;
        out->noise.flapping += g[i].noise.flapping;
        for (int s = 0; s < MX_CK__COUNT; s++) out->comp.rsp[s] += g[i].comp.rsp[s];
        for (int s = 0; s < MX_PM__COUNT; s++) out->comp.pm[s] += g[i].comp.pm[s];
    }
}

void mx_breakdown_free(struct mx_breakdown_group *g, size_t n) {
    (void)n;
    free(g);
}

/* A recurring title's summary from its incidents items[0..n) (in timeline order). */
static void summarise(const struct mx_timelines *tl, const struct item *items, size_t n,
                      int64_t as_of, struct mx_recurring *r) {
    int64_t *v = mx_mem_malloc(n * sizeof *v);
    struct mx_str *svc = mx_mem_malloc(n * sizeof *svc);
    size_t nv = 0;
    r->incidents = n;
    r->first = mx_timeline_get(tl, items[0].i)->detected_at;
    r->last = r->first;
    for (size_t k = 0; k < n; k++) {
        const struct mx_timeline *t = mx_timeline_get(tl, items[k].i);
        if (t->detected_at < r->first) r->first = t->detected_at;
        if (t->detected_at > r->last) r->last = t->detected_at;
        int64_t d;
        if (mx_metrics_duration(t, MX_M_MTTR, &d)) v[nv++] = d;
        int64_t end = t->resolved_at != MX_NO_TIME ? t->resolved_at : as_of;
        if (end > t->detected_at) r->open_ms += end - t->detected_at;
        svc[k] = t->service;
        if (!svc[k].p || (svc[k].n == 6 && memcmp(svc[k].p, "(none)", 6) == 0)) svc[k].n = 0;
    }
    mx_stats_compute(v, nv, &r->mttr);
    free(v);
    struct item *by = mx_mem_malloc(n * sizeof *by);
    for (size_t k = 0; k < n; k++) by[k] = (struct item){svc[k], 0, (uint32_t)k};
    qsort(by, n, sizeof *by, cmp_item);
    for (size_t k = 0; k < n; k++)
        if (k == 0 || cmp_str(by[k].a, by[k - 1].a)) svc[r->n_services++] = by[k].a;
    free(by);
    r->services = svc;
}

/* Whether recurring title a ranks before b. */
static bool ranks_before(const struct mx_intern *titles, const struct mx_recurring *a,
                         const struct mx_recurring *b) {
    if (a->incidents != b->incidents) return a->incidents > b->incidents;
    if (a->first != b->first) return a->first < b->first;
    return cmp_str(mx_intern_str(titles, a->title), mx_intern_str(titles, b->title)) < 0;
}

size_t mx_breakdown_recurring(const struct mx_timelines *tl, const struct mx_intern *titles,
                              const uint32_t *norm, int64_t as_of,
                              struct mx_recurring out[MX_RECURRING]) {
    size_t n = mx_timeline_count(tl), m = 0, kept = 0;
    struct item *items = mx_mem_malloc((n ? n : 1) * sizeof *items);
    for (size_t i = 0; i < n; i++) {
        if (!mx_timeline_counted(mx_timeline_get(tl, i)) || !norm[i]) continue;
        items[m++] = (struct item){{NULL, 0}, norm[i], (uint32_t)i};
    }
    qsort(items, m, sizeof *items, cmp_item);
    for (size_t s = 0, e; s < m; s = e) {
        for (e = s + 1; e < m && items[e].b == items[s].b; e++)
            ;
        if (e - s < 2) continue;
        /* a candidate ranks by count and first detection (items are in timeline order) */
        struct mx_recurring cand = {.title = items[s].b, .incidents = e - s};
        cand.first = mx_timeline_get(tl, items[s].i)->detected_at;
        size_t at = kept;
        while (at > 0 && ranks_before(titles, &cand, &out[at - 1])) at--;
        if (at >= MX_RECURRING) continue;
        if (kept == MX_RECURRING) mx_breakdown_recurring_free(&out[--kept], 1);
        memmove(&out[at + 1], &out[at], (kept - at) * sizeof *out);
        memset(&out[at], 0, sizeof out[at]);
        out[at].title = cand.title;
        summarise(tl, items + s, e - s, as_of, &out[at]);
        kept++;
    }
    free(items);
    return kept;
}

void mx_breakdown_recurring_free(struct mx_recurring *r, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(r[i].services);
        r[i].services = NULL;
        r[i].n_services = 0;
    }
}
