/*
 * breakdown.c - services, teams and noise (see breakdown.h). Groups are found by giving
 * each name a dense id (interned) and sorting the counted incidents by id with a stable
 * counting sort: each group's incidents stay in timeline (detection) order for its MTBF
 * and its flapping, and no string is compared per incident.
 */
#include "analyzer/breakdown.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/stats.h"
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

struct mx_str mx_breakdown_group_name(const struct mx_timelines *tl, const struct mx_timeline *t,
                                      bool by_team) {
    struct mx_str s = mx_timeline_string(tl, by_team ? t->team : t->service);
    if (!s.p || (s.n == 6 && memcmp(s.p, "(none)", 6) == 0)) s.n = 0;
    return s;
}

/* Dense ids of the counted incidents' group names: id[i] in 1..count of names (interned,
 * "" for none), 0 for an incident not counted. names must be initialised. */
static void name_ids(const struct mx_timelines *tl, bool by_team, struct mx_intern *names,
                     uint32_t *id) {
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        struct mx_str s = mx_breakdown_group_name(tl, t, by_team);
        id[i] = mx_timeline_counted(t) ? mx_intern_put(names, s.n ? s.p : "", s.n, NULL) : 0;
    }
}

/* The m indices in[0..m) ordered by key[in[k]] (1..nk) into out, stably: a counting
 * sort. */
static void by_key(const uint32_t *in, size_t m, const uint32_t *key, size_t nk, uint32_t *out) {
    size_t *at = mx_mem_calloc(nk + 2, sizeof *at);
    for (size_t k = 0; k < m; k++) at[key[in[k]] + 1]++;
    for (size_t c = 1; c <= nk + 1; c++) at[c] += at[c - 1];
    for (size_t k = 0; k < m; k++) out[at[key[in[k]]]++] = in[k];
    free(at);
}

static int cmp_name(const void *x, const void *y) {
    return cmp_str(*(const struct mx_str *)x, *(const struct mx_str *)y);
}

/* The flapping incidents of one group items[0..n): incident i flaps when another
 * incident j was resolved at R with R <= detected(i) <= R + window (such a j was detected
 * no later than i). The latest such R decides: a sweep over the sorted resolutions. */
static void flap_group(const struct mx_timelines *tl, const uint32_t *idx, size_t n, int64_t window,
                       uint8_t *bits, int64_t *res) {
    size_t nr = 0;
    for (size_t k = 0; k < n; k++) {
        const struct mx_timeline *t = mx_timeline_get(tl, idx[k]);
        if (t->resolved_at != MX_NO_TIME && t->resolved_at >= t->detected_at)
            res[nr++] = t->resolved_at;
    }
    mx_stats_sort(res, nr);
    size_t below = 0, upto = 0; /* resolutions before, and at or before, the detection */
    for (size_t k = 0; k < n; k++) {
        const struct mx_timeline *t = mx_timeline_get(tl, idx[k]);
        int64_t d = t->detected_at;
        while (below < nr && res[below] < d) below++;
        if (upto < below) upto = below;
        while (upto < nr && res[upto] <= d) upto++;
        /* its own resolution at the instant of its detection is not another's */
        size_t at = upto - below - (t->resolved_at == d ? 1u : 0u);
        bool flaps = at > 0 || (below > 0 && d - res[below - 1] <= window);
        if (flaps) bits[idx[k]] |= MX_NOISE_FLAPPING;
    }
}

void mx_breakdown_flapping(const struct mx_timelines *tl, const uint32_t *norm, int64_t window,
                           uint8_t *bits) {
    size_t n = mx_timeline_count(tl), m = 0;
    struct mx_intern names;
    mx_intern_init(&names);
    uint32_t *svc = mx_mem_malloc((n ? n : 1) * sizeof *svc);
    uint32_t *in = mx_mem_malloc((n ? n : 1) * sizeof *in);
    uint32_t *out = mx_mem_malloc((n ? n : 1) * sizeof *out);
    name_ids(tl, false, &names, svc);
    uint32_t nt = 0; /* the largest normalised title id */
    for (size_t i = 0; i < n; i++) {
        if (!svc[i] || !norm[i]) continue;
        in[m++] = (uint32_t)i;
        if (norm[i] > nt) nt = norm[i];
    }
    /* by title, then stably by service: ordered by (service, title, timeline order) */
    by_key(in, m, norm, nt, out);
    by_key(out, m, svc, names.count, in);
    int64_t *res = mx_mem_malloc((m ? m : 1) * sizeof *res);
    for (size_t s = 0, e; s < m; s = e) {
        for (e = s + 1; e < m && svc[in[e]] == svc[in[s]] && norm[in[e]] == norm[in[s]]; e++)
            ;
        flap_group(tl, in + s, e - s, window, bits, res);
    }
    free(res);
    free(in);
    free(out);
    free(svc);
    mx_intern_free(&names);
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
    size_t n = mx_timeline_count(tl), m = 0;
    struct mx_intern names;
    mx_intern_init(&names);
    uint32_t *id = mx_mem_malloc((n ? n : 1) * sizeof *id);
    uint32_t *in = mx_mem_malloc((n ? n : 1) * sizeof *in);
    uint32_t *order = mx_mem_malloc((n ? n : 1) * sizeof *order);
    name_ids(tl, by_team, &names, id);
    for (size_t i = 0; i < n; i++)
        if (id[i]) in[m++] = (uint32_t)i;
    by_key(in, m, id, names.count, order);
    size_t ng = names.count;
    struct mx_breakdown_group *g = mx_mem_calloc(ng ? ng : 1, sizeof *g);
    struct mx_metrics_acc acc;
    memset(&acc, 0, sizeof acc);
    for (size_t s = 0, e, gi = 0; s < m; s = e, gi++) {
        struct mx_breakdown_group *grp = &g[gi];
        grp->name = mx_breakdown_group_name(tl, mx_timeline_get(tl, order[s]), by_team);
        for (e = s; e < m && id[order[e]] == id[order[s]]; e++) {
            const struct mx_timeline *t = mx_timeline_get(tl, order[e]);
            const struct mx_compliance *c = &comp[order[e]];
            grp->incidents++;
            grp->by_severity[t->severity]++;
            mx_breakdown_count_noise(&grp->noise, bits[order[e]]);
            grp->comp.rsp[c->rsp]++;
            grp->comp.pm[c->pm]++;
        }
        for (int p = 0; p < MX_METRICS_PASSES; p++) {
            acc.only = mx_metrics_pass(p);
            int64_t prev = MX_NO_TIME;
            for (size_t x = s; x < e; x++) {
                const struct mx_timeline *t = mx_timeline_get(tl, order[x]);
                mx_metrics_add(&acc, t, as_of);
                if (prev != MX_NO_TIME) mx_metrics_add_interval(&acc, t->detected_at - prev);
                prev = t->detected_at;
            }
            mx_metrics_finish(&acc, &grp->metrics);
        }
    }
    free(order);
    free(in);
    free(id);
    mx_intern_free(&names);
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

/* A recurring title's summary from its incidents idx[0..n) (in timeline order). */
static void summarise(const struct mx_timelines *tl, const uint32_t *idx, size_t n, int64_t as_of,
                      struct mx_recurring *r) {
    int64_t *v = mx_mem_malloc(n * sizeof *v);
    struct mx_str *svc = mx_mem_malloc(n * sizeof *svc);
    size_t nv = 0;
    r->incidents = n;
    r->first = mx_timeline_get(tl, idx[0])->detected_at;
    r->last = r->first;
    for (size_t k = 0; k < n; k++) {
        const struct mx_timeline *t = mx_timeline_get(tl, idx[k]);
        if (t->detected_at < r->first) r->first = t->detected_at;
        if (t->detected_at > r->last) r->last = t->detected_at;
        int64_t d;
        if (mx_metrics_duration(t, MX_M_MTTR, &d)) v[nv++] = d;
        int64_t end = t->resolved_at != MX_NO_TIME ? t->resolved_at : as_of;
        if (end > t->detected_at) r->open_ms += end - t->detected_at;
        svc[k] = mx_breakdown_group_name(tl, t, false);
    }
    mx_stats_compute(v, nv, &r->mttr);
    free(v);
    /* the distinct services (interned: a recurring title may have thousands of
     * incidents and a few services), bytewise */
    struct mx_intern seen;
    mx_intern_init(&seen);
    for (size_t k = 0; k < n; k++) {
        int added;
        mx_intern_put(&seen, svc[k].n ? svc[k].p : "", svc[k].n, &added);
        if (added) svc[r->n_services++] = svc[k];
    }
    mx_intern_free(&seen);
    qsort(svc, r->n_services, sizeof *svc, cmp_name);
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
    uint32_t *in = mx_mem_malloc((n ? n : 1) * sizeof *in);
    uint32_t *order = mx_mem_malloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        if (mx_timeline_counted(mx_timeline_get(tl, i)) && norm[i]) in[m++] = (uint32_t)i;
    by_key(in, m, norm, titles->count, order);
    for (size_t s = 0, e; s < m; s = e) {
        for (e = s + 1; e < m && norm[order[e]] == norm[order[s]]; e++)
            ;
        if (e - s < 2) continue;
        /* a candidate ranks by count and first detection (each group is in timeline
         * order) */
        struct mx_recurring cand = {.title = norm[order[s]], .incidents = e - s};
        cand.first = mx_timeline_get(tl, order[s])->detected_at;
        size_t at = kept;
        while (at > 0 && ranks_before(titles, &cand, &out[at - 1])) at--;
        if (at >= MX_RECURRING) continue;
        if (kept == MX_RECURRING) mx_breakdown_recurring_free(&out[--kept], 1);
        memmove(&out[at + 1], &out[at], (kept - at) * sizeof *out);
        memset(&out[at], 0, sizeof out[at]);
        out[at].title = cand.title;
        summarise(tl, order + s, e - s, as_of, &out[at]);
        kept++;
    }
    free(order);
    free(in);
    return kept;
}

void mx_breakdown_recurring_free(struct mx_recurring *r, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(r[i].services);
        r[i].services = NULL;
        r[i].n_services = 0;
    }
}
